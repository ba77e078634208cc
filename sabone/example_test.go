package sabone_test

import (
	"fmt"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
)

func Example() {
	c, _ := sabone.New(nil)
	p := segment.Profile{
		AsOf: segment.MustParseDate("2025-06-30"), Occasions: 8,
		First: segment.MustParseDate("2024-09-01"), Last: segment.MustParseDate("2025-06-20"),
		Discounted: segment.Some(6), // six of eight purchases on discount
	}
	p.Signals.DistanceKm = segment.Some(1.5)
	p.Signals.ExperienceYears = segment.Some(3.0)
	r := c.Classify(&p)
	fmt.Printf("%s + %s, confidence %.2f\n", r.Primary.Title(segment.English), r.Secondary.Title(segment.English), r.Confidence)
	fmt.Println(r.Primary.Title(segment.Russian), "+", r.Secondary.Title(segment.Russian))
	// Output:
	// Neighbourhood + Budget buyers, confidence 0.19
	// Соседство + Бюджетные покупатели
}

// Explain says which facts and thresholds made the answer; unknown inputs
// are listed as unknown, never as evidence against.
func ExampleClassifier_Explain() {
	c, _ := sabone.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30")}
	p.Signals.Courses = segment.Some(2)
	p.Signals.Webinars = segment.Some(1)
	ex := c.Explain(&p)
	for _, r := range ex.Reasons {
		if r.Label == "education" {
			fmt.Println(r.Text(segment.English))
		}
	}
	fmt.Println(ex.Result.Primary, ex.Result.Scores[sabone.Education])
	// Output:
	// education: courses attended = 2 >= 1 (courses) — yes
	// education: webinars = 1 >= 2 (webinars) — no
	// education: articles and spec sheets read unknown (threshold >= 10, long_reads) — no
	// education 0.875
}

// The treatment of a category is data: a summary and levers with stable
// names for the strategy layer.
func ExampleCategory_Treatment() {
	t := sabone.Newcomer.Treatment()
	fmt.Println(t.Text(segment.English))
	for _, l := range t.Levers {
		fmt.Printf("%s: %s\n", l.Name, l.Title(segment.Russian))
	}
	// Output:
	// Solve the needs of their new situation: starter packs, support (legal support included) and partner programmes to grow.
	// starter_pack: Стартовые пакеты
	// support: Поддержка, в том числе юридическая
	// partner_programme: Партнёрские программы
}

// A shop in a small town draws customers from further away.
func ExampleParseConfig() {
	cfg, err := sabone.ParseConfig([]byte(`{"near_km": 15}`))
	fmt.Println(cfg.NearKm, cfg.ExpertYears, err)
	_, err = sabone.ParseConfig([]byte(`{"newcomer_years": 7}`))
	fmt.Println(err)
	// Output:
	// 15 5 <nil>
	// sabone: sabone config: newcomer_years "7": out of range: must be below expert_years (5)
}
