package perception_test

import (
	"testing"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyInto overwrites whatever the result held with what Explain
// finds, on varied and extreme profiles.
func TestClassifyIntoOverwrites(t *testing.T) {
	c, err := perception.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	segmenttest.TestInto(t, c)
}
