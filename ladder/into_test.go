package ladder_test

import (
	"testing"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyNextInto overwrites whatever the result and the step held with
// what Explain and Next find, on varied and extreme profiles.
func TestClassifyNextIntoOverwrites(t *testing.T) {
	c, err := ladder.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(segmenttest.Random(3000, 23), segmenttest.Extremes()...) {
		out := segment.Result[ladder.Rung]{Primary: 1, Secondary: 2, Tags: 7, Confidence: 0.5}
		for i := range out.Scores {
			out.Scores[i] = 0.25
		}
		st := ladder.Step{From: 3, To: 4, Field: "x", Have: 5, Need: 6, Within: segment.Some(7), Setting: "y"}
		c.ClassifyNextInto(&p, &out, &st)
		if want := c.Explain(&p).Result; out != want {
			t.Fatalf("%s: ClassifyNextInto %+v, Explain %+v", p.ID, out, want)
		}
		if want := c.Next(&p); st != want {
			t.Fatalf("%s: ClassifyNextInto step %+v, Next %+v", p.ID, st, want)
		}
	}
}
