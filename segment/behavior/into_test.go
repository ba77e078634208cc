package behavior_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyInto overwrites whatever the result held with what Explain
// finds, on varied and extreme profiles, with cuts fitted to them.
func TestClassifyIntoOverwrites(t *testing.T) {
	c, err := behavior.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	profiles := append(segmenttest.Random(3000, 23), segmenttest.Extremes()...)
	segmenttest.TestInto(t, c.Fit(profiles), profiles...)
}
