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
	base, c := fittedRandom(t, 23)
	segmenttest.TestInto(t, c, append(base, segmenttest.Extremes()...)...)
}

// ClassifyCodeInto gives what ClassifyInto and Code give, over whatever
// the two held, customers without a code included.
func TestClassifyCodeInto(t *testing.T) {
	base, c := fittedRandom(t, 24)
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

// fittedRandom returns 3,000 generated profiles and a classifier fitted
// to them.
func fittedRandom(t *testing.T, seed uint64) ([]segment.Profile, *rfm.Classifier) {
	t.Helper()
	base := segmenttest.Random(3000, seed)
	model, _, err := rfm.Fit(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rfm.New(model, nil)
	if err != nil {
		t.Fatal(err)
	}
	return base, c
}

// The results are shared between customers of a code: changing one a
// caller holds changes no other customer's.
func TestResultsAreCopies(t *testing.T) {
	base, c := fittedRandom(t, 25)
	for i := range base {
		var want segment.Result[rfm.Segment]
		c.ClassifyInto(&base[i], &want)
		got := c.Classify(&base[i])
		got.Primary, got.Scores[1], got.Confidence = 99, 7, 7
		var code rfm.Code
		c.ClassifyCodeInto(&base[i], &got, &code)
		got.Scores[2] = 7
		if again := c.Classify(&base[i]); !reflect.DeepEqual(again, want) {
			t.Fatalf("%s: %+v after changing copies, %+v before", base[i].ID, again, want)
		}
	}
}
