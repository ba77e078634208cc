package decision_test

import (
	"fmt"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
)

func Example() {
	c, _ := decision.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30"), Occasions: 2}
	p.Signals.ComparisonsViewed = segment.Some(5)
	p.Signals.DaysToPurchase = segment.Some(12.0)
	r := c.Classify(&p)
	fmt.Printf("%s (%s), confidence %.2f\n", r.Primary, r.Primary.Title(segment.Russian), r.Confidence)
	// Output:
	// rational (Рациональный), confidence 0.50
}

// A shop whose customers compare a lot raises the bar for "rational".
func ExampleParseConfig() {
	cfg, err := decision.ParseConfig([]byte(`{"comparisons": 5}`))
	fmt.Println(cfg.Comparisons, cfg.SpecReads, err)
	_, err = decision.ParseConfig([]byte(`{"comparisons": 0.001}`))
	fmt.Println(err)
	// Output:
	// 5 2 <nil>
	// decision: decision config: comparisons "0.001": out of range: want 0.01..1000
}
