package rfm_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyInto overwrites whatever the result held with what Explain
// finds, on varied and extreme profiles.
func TestClassifyIntoOverwrites(t *testing.T) {
	base := segmenttest.Random(3000, 23)
	model, _, err := rfm.Fit(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rfm.New(model, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(base, segmenttest.Extremes()...) {
		out := segment.Result[rfm.Segment]{Primary: 1, Secondary: 2, Tags: 7, Confidence: 0.5}
		for i := range out.Scores {
			out.Scores[i] = 0.25
		}
		c.ClassifyInto(&p, &out)
		if want := c.Explain(&p).Result; out != want {
			t.Fatalf("%s: ClassifyInto %+v, Explain %+v", p.ID, out, want)
		}
	}
}
