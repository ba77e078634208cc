package rfm_test

import (
	"reflect"
	"testing"

	"github.com/clientele-go/clientele/segment"
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

// ClassifyCodeInto gives what ClassifyInto and Code give, over whatever
// the two held, customers without a code included.
func TestClassifyCodeInto(t *testing.T) {
	base := segmenttest.Random(3000, 24)
	model, _, err := rfm.Fit(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rfm.New(model, nil)
	if err != nil {
		t.Fatal(err)
	}
	unscored := 0
	for _, p := range append(base, segmenttest.Extremes()...) {
		got, code := segment.Result[rfm.Segment]{Primary: 3, Confidence: 0.5}, rfm.Code{R: 9, F: 9, M: 9}
		c.ClassifyCodeInto(&p, &got, &code)
		var want segment.Result[rfm.Segment]
		c.ClassifyInto(&p, &want)
		if !reflect.DeepEqual(got, want) || code != c.Code(&p) {
			t.Fatalf("%s: ClassifyCodeInto %+v %v, ClassifyInto %+v, Code %v", p.ID, got, code, want, c.Code(&p))
		}
		if !code.Valid() {
			unscored++
		}
	}
	if unscored == 0 {
		t.Fatal("no customer without a code: the test proves less than it says")
	}
}
