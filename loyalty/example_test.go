package loyalty_test

import (
	"fmt"

	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/segment"
)

// A regular at a coffee shop who asks for "the usual": emotional loyalty,
// on top of the habit.
func Example() {
	c, _ := loyalty.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 40, Orders: 40, Revenue: 600,
		First: asOf.AddDays(-400), Last: asOf.AddDays(-2)}
	p.Signals.ServiceRequests = segment.Some(5)
	p.Signals.Referrals = segment.Some(0)
	p.Signals.Ambassador = segment.Some(false)

	r := c.Classify(&p)
	fmt.Printf("%s (%s), secondary %s, confidence %.2f\n",
		r.Primary.Title(segment.English), r.Primary.Title(segment.Russian), r.Secondary, r.Confidence)
	// Output:
	// Emotional loyalty (Эмоциональная лояльность), secondary behavioural, confidence 0.50
}

// None is a finding, Unknown a gap.
func Example_none() {
	c, _ := loyalty.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	once := segment.Profile{AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 30, First: asOf.AddDays(-60), Last: asOf.AddDays(-60)}
	once.Signals.LoyaltyMember = segment.Some(false)
	once.Signals.Referrals = segment.Some(0)
	stranger := segment.Profile{AsOf: asOf}

	for _, p := range []segment.Profile{once, stranger} {
		r := c.Classify(&p)
		fmt.Printf("%s %.2f\n", r.Primary, r.Scores[loyalty.None])
	}
	// Output:
	// none 0.67
	// unknown 0.00
}

// A customer who complained and kept buying: the fan's loyalty that
// survives the brand's failures.
func ExampleClassifier_Explain() {
	c, _ := loyalty.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 5, Orders: 5, Revenue: 400,
		First: asOf.AddDays(-300), Last: asOf.AddDays(-7)}
	p.Signals.Complaints = segment.Some(1)
	p.Signals.LastComplaint = segment.Some(asOf.AddDays(-40))

	ex := c.Explain(&p)
	fmt.Println(ex.Result.Primary, "/", ex.Result.Secondary)
	for _, r := range ex.Held() {
		fmt.Println(r.Text(segment.Russian))
	}
	// Output:
	// personal / behavioural
	// behavioural: покупок (визитов) = 5 >= 3 (repeat_occasions) — да
	// personal: дней с последней покупки = 7 < 40 — да
	// active: дней с последней покупки = 7 <= 365 (active_days) — да
}

// A chain whose programme gives small bonuses expects less of them to be
// redeemed.
func ExampleParseConfig() {
	cfg, err := loyalty.ParseConfig([]byte(`{"redeem_share": 0.25}`))
	fmt.Println(cfg.RedeemShare, cfg.RepeatOccasions, err)
	_, err = loyalty.ParseConfig([]byte(`{"redeem_share": 25}`))
	fmt.Println(err)
	// Output:
	// 0.25 3 <nil>
	// loyalty: loyalty config: redeem_share "25": out of range: want 0.01..1
}
