package rfm_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyInto overwrites whatever the result held with what Explain
// finds, on varied and extreme profiles, with a model fitted to them.
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
	segmenttest.TestInto(t, c, append(base, segmenttest.Extremes()...)...)
}
