package disc

import (
	"testing"

	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The coverage divides by a fixed count of indicators per style: observe
// must look at exactly that many for every customer, known or not.
func TestIndicatorsOfEachStyle(t *testing.T) {
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	all := 0.0
	for _, n := range indicatorsOf {
		all += n
	}
	if all != indicators {
		t.Fatalf("indicatorsOf adds up to %v, want %d", all, indicators)
	}
	profiles := append(segmenttest.Random(500, 7), segmenttest.Extremes()...)
	for i := range profiles {
		var got [numStyles]float64
		for _, r := range c.Explain(&profiles[i]).Reasons {
			s, err := ParseStyle(r.Label)
			if err != nil {
				t.Fatalf("reason %s: %v", r.Rule, err)
			}
			got[s]++
		}
		if got != indicatorsOf {
			t.Fatalf("%s: indicators per style %v, want %v", profiles[i].ID, got, indicatorsOf)
		}
	}
}
