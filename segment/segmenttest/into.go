package segmenttest

import (
	"fmt"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// Into is a classifier that can also write its result in place, as the
// library's do (ClassifyInto), so that a caller classifying a large base
// does not copy a Result per customer.
type Into[L segment.Label] interface {
	segment.Explainer[L]
	ClassifyInto(p *segment.Profile, r *segment.Result[L])
}

// CheckInto checks that c.ClassifyInto(p, r) overwrites whatever r held
// with the result c.Explain(p) finds, for every profile given (Random and
// Extremes when none is), and returns the first difference. Each r
// starts dirty, every field set, so a field ClassifyInto forgets to write
// shows.
func CheckInto[L segment.Label](c Into[L], profiles ...segment.Profile) error {
	if len(profiles) == 0 {
		profiles = append(Random(3000, 23), Extremes()...)
	}
	for i := range profiles {
		p := &profiles[i]
		out := segment.Result[L]{Primary: 1, Secondary: 2, Tags: 7, Confidence: 0.5}
		for j := range out.Scores {
			out.Scores[j] = 0.25
		}
		c.ClassifyInto(p, &out)
		if want := c.Explain(p).Result; out != want {
			return fmt.Errorf("%s: ClassifyInto %+v, Explain %+v", p.ID, out, want)
		}
	}
	return nil
}

// TestInto runs [CheckInto] and fails t with its error.
func TestInto[L segment.Label](t *testing.T, c Into[L], profiles ...segment.Profile) {
	t.Helper()
	if err := CheckInto(c, profiles...); err != nil {
		t.Fatal(err)
	}
}
