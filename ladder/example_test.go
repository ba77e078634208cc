package ladder_test

import (
	"fmt"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
)

// A customer with two purchases is New, two thirds of the way to Regular,
// and the next step says what it takes.
func Example() {
	c, _ := ladder.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 2, Orders: 2, Revenue: 80,
		First: asOf.AddDays(-130), Last: asOf.AddDays(-30)}

	r := c.Classify(&p)
	fmt.Printf("%s / %s, confidence %.2f, regular %.2f\n",
		r.Primary.Title(segment.English), r.Primary.Title(segment.Russian), r.Confidence, r.Scores[ladder.Regular])
	step := c.Next(&p)
	fmt.Println(step.Text(segment.English))
	fmt.Println(step.Text(segment.Russian))
	fmt.Println(r.Primary.Goal().Text(segment.English))
	// Output:
	// New customer / Новый клиент, confidence 1.00, regular 0.67
	// one more purchase within 170 days
	// ещё одна покупка в течение 170 дней
	// Make the first experience a good one: product quality, service, delivery and support
}

// A regular customer who stopped buying is visibly Lapsed, and the rung
// they had reached is kept as the secondary label.
func Example_lapsed() {
	c, _ := ladder.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 6, Orders: 6, Revenue: 300,
		First: asOf.AddDays(-500), Last: asOf.AddDays(-250)}
	p.Signals.Referrals = segment.Some(2)

	r := c.Classify(&p)
	fmt.Println(r.Primary, "after", r.Secondary, "| reached:", ladder.Reached(r))
	step := c.Next(&p)
	fmt.Printf("back to %s: %s\n", step.To, step)
	// Output:
	// lapsed after advocate | reached: advocate
	// back to advocate: a purchase within 30 days
}

func ExampleClassifier_Next() {
	c, _ := ladder.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	regular := segment.Profile{AsOf: asOf, Occasions: 4, Orders: 4, Revenue: 200,
		First: asOf.AddDays(-200), Last: asOf.AddDays(-10)}
	regular.Signals.Referrals = segment.Some(0)

	step := c.Next(&regular)
	fmt.Printf("%s -> %s: %s %d, +%d (setting %s)\n", step.From, step.To, step.Field, step.Have, step.Need, step.Setting)
	fmt.Println(step.Text(segment.Russian))
	// Output:
	// regular -> advocate: referrals 0, +1 (setting advocate_referrals)
	// первая рекомендация
}

func ExampleClassifier_Explain() {
	c, _ := ladder.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 3, Orders: 3, Revenue: 150,
		First: asOf.AddDays(-90), Last: asOf.AddDays(-5)}
	p.Signals.PositiveReviews = segment.Some(2)

	for _, r := range c.Explain(&p).Held() {
		fmt.Println(r.Text(segment.English))
	}
	// Output:
	// new: purchase occasions = 3 >= 1 — yes
	// regular: purchase occasions = 3 >= 3 (regular_occasions) — yes
	// advocate: positive reviews = 2 >= 2 (advocate_positive_reviews) — yes
}

// A shop of durable goods, bought once a year or so, gives its customers
// longer before calling them lapsed.
func ExampleParseConfig() {
	cfg, err := ladder.ParseConfig([]byte(`{"lapsed_days": 400, "lapsed_max_days": 730}`))
	fmt.Println(cfg.LapsedDays, cfg.LapsedMaxDays, cfg.RegularOccasions, err)
	_, err = ladder.ParseConfig([]byte(`{"lapsed_days": 400}`))
	fmt.Println(err)
	// Output:
	// 400 730 3 <nil>
	// ladder: ladder config: lapsed_days "400": out of range: must not exceed lapsed_max_days (365)
}

func ExampleRung_Goal() {
	for _, r := range ladder.Rungs.Values() {
		fmt.Printf("%-9s %s\n", r, r.Goal().ID)
	}
	// Output:
	// potential attract_attention
	// new       first_experience
	// regular   build_relationship
	// advocate  reward_advocacy
	// partner   strategic_involvement
	// lapsed    win_back
}
