package segmenttest_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// activity is a small typology written the way a user writes one.
type activity uint8

const (
	unknownActivity activity = iota
	active
	lapsed
)

var activities = segment.NewEnum[activity]("activity",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "active", EN: "Active", RU: "Активный"},
	segment.LabelInfo{Name: "lapsed", EN: "Lapsed", RU: "Ушедший"},
)

func (a activity) String() string { return activities.Name(a) }

// activityRule: active when the last purchase is within maxDays.
type activityRule struct{ maxDays int }

func (c activityRule) Classify(p *segment.Profile) segment.Result[activity] {
	return c.Explain(p).Result
}

func (c activityRule) Explain(p *segment.Profile) segment.Explanation[activity] {
	var r segment.Result[activity]
	rec, ok := p.Recency().Get()
	reason := segment.Reason{Rule: "active", Label: "active", Field: "recency_days", Value: float64(rec),
		Known: ok, Op: segment.LessEq, Threshold: float64(c.maxDays), Setting: "max_days"}
	if !ok {
		return segment.Explanation[activity]{Result: r, Reasons: []segment.Reason{reason}}
	}
	reason.Held = rec <= c.maxDays
	r.Primary = lapsed
	if reason.Held {
		r.Primary = active
	}
	r.Scores[r.Primary] = 1
	r.Confidence = 1
	return segment.Explanation[activity]{Result: r, Reasons: []segment.Reason{reason}}
}

func TestConformingClassifierPasses(t *testing.T) {
	segmenttest.TestConformance(t, activityRule{maxDays: 90}, activities)
	segmenttest.TestConformance[activity](t, segment.Func[activity](activityRule{maxDays: 30}.Classify), activities)
}

// Each broken classifier below breaks one law; the kit must catch each.
func TestConformanceCatchesBrokenClassifiers(t *testing.T) {
	var calls atomic.Int64 // atomic: Conformance also calls from several goroutines
	broken := map[string]struct {
		c    segment.Classifier[activity]
		want string
	}{
		"panics on the zero profile": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			if p.AsOf.IsZero() {
				panic("no date")
			}
			return segment.Result[activity]{}
		}), "panicked"},
		"label out of range": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			r := segment.Result[activity]{Primary: 9}
			r.Scores[9] = 1
			return r
		}), "out of range"},
		"NaN score": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			r := segment.Result[activity]{Primary: active}
			r.Scores[active] = float32(p.Revenue) // NaN on the NaN profile, huge elsewhere
			return r
		}), "want a number in [0, 1]"},
		"primary is not the top score": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			r := segment.Result[activity]{Primary: active}
			r.Scores[active], r.Scores[lapsed] = 0.2, 0.8
			return r
		}), "above primary"},
		"not deterministic": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			n := calls.Add(1)
			r := segment.Result[activity]{Primary: activity(1 + n%2)}
			r.Scores[r.Primary] = 1
			return r
		}), "not deterministic"},
		"modifies the profile": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			p.Occasions++
			return segment.Result[activity]{}
		}), "modified the profile"},
		"secondary equals primary": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			r := segment.Result[activity]{Primary: active, Secondary: active}
			r.Scores[active] = 1
			return r
		}), "secondary equals primary"},
		"confidence above one": {segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
			return segment.Result[activity]{Confidence: 2}
		}), "confidence"},
		"explain disagrees":            {lyingExplainer{}, "Explain gives"},
		"derived input without titles": {untitledExplainer{}, "lacks FieldEN or FieldRU"},
	}
	for name, tc := range broken {
		err := segmenttest.Conformance(tc.c, activities)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Conformance = %v; want an error mentioning %q", name, err, tc.want)
		}
	}
}

type lyingExplainer struct{}

func (lyingExplainer) Classify(p *segment.Profile) segment.Result[activity] {
	return segment.Result[activity]{}
}

func (l lyingExplainer) Explain(p *segment.Profile) segment.Explanation[activity] {
	return activityRule{maxDays: 1}.Explain(p)
}

func TestCheckReportsReasons(t *testing.T) {
	asOf := segment.MustParseDate("2025-01-31")
	p := segment.Profile{ID: "c", AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 5, First: asOf.AddDays(-100), Last: asOf.AddDays(-100)}
	err := segmenttest.Check[activity](activityRule{maxDays: 90}, segmenttest.Case[activity]{
		Name: "bought 100 days ago", Profile: p, Want: active, Why: "we think 100 days is still active",
	})
	if err == nil {
		t.Fatal("a wrong expectation passed")
	}
	for _, want := range []string{`case "bought 100 days ago"`, "got lapsed, want active", "we think 100 days", "days since last purchase = 100 <= 90 (max_days) — no"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	if err := segmenttest.Check[activity](activityRule{maxDays: 90}, segmenttest.Case[activity]{Profile: p, Want: lapsed}); err != nil {
		t.Errorf("a right expectation failed: %v", err)
	}
}

func TestRandomIsDeterministicAndValid(t *testing.T) {
	a, b := segmenttest.Random(50, 7), segmenttest.Random(50, 7)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("Random is not deterministic at %d", i)
		}
		if err := a[i].Validate(); err != nil {
			t.Errorf("Random made an invalid profile: %v", err)
		}
	}
}

// untitledExplainer explains with a derived input (not in segment.Fields)
// but gives it no titles, so its text would show a bare identifier.
type untitledExplainer struct{}

func (untitledExplainer) Classify(p *segment.Profile) segment.Result[activity] {
	return segment.Result[activity]{}
}

func (untitledExplainer) Explain(p *segment.Profile) segment.Explanation[activity] {
	return segment.Explanation[activity]{Reasons: []segment.Reason{{Rule: "busy", Field: "busyness", FieldEN: "busyness"}}}
}

// intoActivity adds ClassifyInto to activityRule; forgetful leaves the
// confidence as it was, as a hand-written ClassifyInto might.
type intoActivity struct {
	activityRule
	forgetful bool
}

func (c intoActivity) ClassifyInto(p *segment.Profile, r *segment.Result[activity]) {
	conf := r.Confidence
	*r = c.Classify(p)
	if c.forgetful {
		r.Confidence = conf
	}
}

// CheckInto passes a ClassifyInto that writes every field and catches
// one that forgets a field.
func TestCheckInto(t *testing.T) {
	segmenttest.TestInto[activity](t, intoActivity{activityRule: activityRule{maxDays: 90}})
	err := segmenttest.CheckInto[activity](intoActivity{activityRule: activityRule{maxDays: 90}, forgetful: true})
	if err == nil || !strings.Contains(err.Error(), "ClassifyInto") {
		t.Fatalf("a ClassifyInto that forgets the confidence: %v", err)
	}
}
