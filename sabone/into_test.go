package sabone_test

import (
	"testing"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyInto overwrites whatever the result held with what Explain
// finds, on varied and extreme profiles.
func TestClassifyIntoOverwrites(t *testing.T) {
	c, err := sabone.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(segmenttest.Random(3000, 23), segmenttest.Extremes()...) {
		out := segment.Result[sabone.Category]{Primary: 1, Secondary: 2, Tags: 7, Confidence: 0.5}
		for i := range out.Scores {
			out.Scores[i] = 0.25
		}
		c.ClassifyInto(&p, &out)
		if want := c.Explain(&p).Result; out != want {
			t.Fatalf("%s: ClassifyInto %+v, Explain %+v", p.ID, out, want)
		}
	}
}
