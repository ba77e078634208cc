package segment_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// A field of two counts adds them as numbers: as ints, two counts an int
// holds wrapped around to a negative sum.
func TestResearchPerPurchasePastAnInt(t *testing.T) {
	f, ok := segment.LookupField("research_per_purchase")
	if !ok {
		t.Fatal("no field research_per_purchase")
	}
	p := segment.Profile{Occasions: 2, Orders: 2}
	p.Signals.ComparisonsViewed, p.Signals.LongReads = segment.Some(math.MaxInt), segment.Some(math.MaxInt)
	if v, known := f.Value(&p); !known || v != float64(math.MaxInt) {
		t.Errorf("research per purchase %v (known %v), want %v", v, known, float64(math.MaxInt))
	}
	p.Occasions = 0
	if v, known := f.Value(&p); known {
		t.Errorf("no purchase: %v, known; want unknown", v)
	}
}

// Optional is false exactly for the purchase facts, which every profile
// has; every optional field is unknown for some profile, and the others
// are known for every profile, however hostile.
func TestFieldOptional(t *testing.T) {
	var always []string
	for _, f := range segment.Fields() {
		if !f.Optional() {
			always = append(always, f.Name)
		}
	}
	if diff := cmp.Diff([]string{"occasions", "orders", "returned", "returns", "revenue"}, always); diff != "" {
		t.Errorf("fields that are never unknown (-want +got):\n%s", diff)
	}
	profiles := append(segmenttest.Extremes(), segmenttest.Random(500, 7)...)
	for _, f := range segment.Fields() {
		unknownSomewhere := false
		for i := range profiles {
			if _, known := f.Value(&profiles[i]); !known {
				unknownSomewhere = true
				if !f.Optional() {
					t.Errorf("field %s is not optional but unknown for %s", f.Name, profiles[i].ID)
				}
			}
		}
		if f.Optional() && !unknownSomewhere {
			t.Errorf("field %s is optional but known for every test profile", f.Name)
		}
	}
}
