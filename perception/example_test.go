package perception_test

import (
	"fmt"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
)

func Example() {
	c, _ := perception.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30")}
	s := &p.Signals
	s.Tastings, s.Samples, s.StoreVisits = segment.Some(2), segment.Some(3), segment.Some(5)
	s.VideoViews, s.ImageViews = segment.Some(6), segment.Some(10)
	s.AudioPlays, s.Calls = segment.Some(0), segment.Some(1)
	r := c.Classify(&p)
	fmt.Printf("%s + %s, confidence %.2f\n", r.Primary.Title(segment.English), r.Secondary.Title(segment.English), r.Confidence)
	fmt.Printf("shares: visual %.2f, auditory %.2f, kinesthetic %.2f\n",
		r.Scores[perception.Visual], r.Scores[perception.Auditory], r.Scores[perception.Kinesthetic])
	// Output:
	// Kinesthetic + Visual, confidence 0.81
	// shares: visual 0.37, auditory 0.07, kinesthetic 0.57
}

// Two video views are a lean, not a type: the shares show it, the label
// and the confidence do not claim it.
func Example_thinEvidence() {
	c, _ := perception.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30")}
	p.Signals.VideoViews = segment.Some(2)
	r := c.Classify(&p)
	fmt.Println(r.Primary, r.Scores[perception.Visual], r.Confidence)
	// Output:
	// unknown 1 0
}

func ExampleClassifier_Explain() {
	c, _ := perception.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30")}
	p.Signals.AudioPlays, p.Signals.Webinars = segment.Some(4), segment.Some(2)
	p.Signals.VideoViews = segment.Some(3)
	ex := c.Explain(&p)
	for _, r := range ex.Reasons {
		if r.Known {
			fmt.Println(r.Text(segment.English))
		}
	}
	// Output:
	// visual: video views = 3 — yes
	// auditory: podcasts and audio played = 4 — yes
	// auditory: webinars = 2 — yes
	// visual: share of visual engagements = 0.230769 >= 0.4 (min_share) — no
	// auditory: share of auditory engagements = 0.769231 >= 0.4 (min_share) — yes
	// engagements: engagements across the channels = 9 >= 5 (min_engagements) — yes
	// auditory: lead over the visual share = 0.538462 >= 0.25 (clear_margin) — yes
	// visual: share of visual engagements = 0.230769 >= 0.25 (secondary_share) — no
}

func ExampleChannel_Advice() {
	a := perception.Visual.Advice()
	fmt.Println(a.Text(segment.Russian))
	fmt.Println("avoid:", a.Avoid(segment.English))
	for _, f := range a.Formats[:3] {
		fmt.Println(f.Name, "-", f.Title(segment.English))
	}
	// Output:
	// Показывайте, а не рассказывайте: презентации продукта, фотографии и видео, продуманный дизайн сайта, наглядная и лаконичная подача.
	// avoid: Long texts: visual customers rarely read them.
	// presentation - Product presentations
	// photos - Photos
	// video - Video
}

// A shop where every purchase happens in store counts a store visit less.
func ExampleParseConfig() {
	cfg, err := perception.ParseConfig([]byte(`{"weights": {"store_visits": 0.2}}`))
	fmt.Println(cfg.Weights.StoreVisits, cfg.Weights.TestDrives, cfg.MinEngagements, err)
	_, err = perception.ParseConfig([]byte(`{"weights": {"calls": -1}}`))
	fmt.Println(err)
	// Output:
	// 0.2 5 5 <nil>
	// perception: perception config: weights.calls "-1": out of range: want 0.01..1000
}
