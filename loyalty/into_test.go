package loyalty_test

import (
	"testing"

	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyInto overwrites whatever the result held with what Explain
// finds, on varied and extreme profiles.
func TestClassifyIntoOverwrites(t *testing.T) {
	c, err := loyalty.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	segmenttest.TestInto(t, c)
}
