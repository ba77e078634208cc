package segmenttest

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// Conformance checks that c keeps the [segment.Classifier] contract on
// [Extremes], on 300 [Random] profiles and on extra, and returns every
// violation found (nil when there is none). labels is the table of c's
// label type; labels out of its range are violations.
func Conformance[L segment.Label](c segment.Classifier[L], labels *segment.Enum[L], extra ...segment.Profile) error {
	profiles := append(Extremes(), Random(300, 1)...)
	profiles = append(profiles, extra...)
	var errs []error
	report := func(p *segment.Profile, format string, args ...any) {
		if len(errs) < 50 {
			errs = append(errs, fmt.Errorf("profile %q: "+format, append([]any{p.ID}, args...)...))
		}
	}
	results := make([]segment.Result[L], len(profiles))
	for i := range profiles {
		p := &profiles[i]
		r, ok := classify(c, p, report)
		if !ok {
			continue
		}
		results[i] = r
		checkLaws(r, labels, p, report)
		// Deterministic, and the profile is left alone.
		before := *p
		again, _ := classify(c, p, report)
		if again != r {
			report(p, "not deterministic: %+v then %+v", r, again)
		}
		if !sameProfile(before, *p) {
			report(p, "classifier modified the profile")
		}
		if e, ok := c.(segment.Explainer[L]); ok {
			ex, ok := explain(e, p, report)
			if ok && ex.Result != r {
				report(p, "Explain gives %+v, Classify %+v", ex.Result, r)
			}
			for _, reason := range ex.Reasons {
				if reason.Rule == "" {
					report(p, "a reason has no rule id: %+v", reason)
				}
				if _, registered := segment.LookupField(reason.Field); reason.Field != "" && !registered &&
					(reason.FieldEN == "" || reason.FieldRU == "") {
					report(p, "reason %s: derived input %q lacks FieldEN or FieldRU, so its text shows the bare name", reason.Rule, reason.Field)
				}
			}
		}
	}
	// Concurrent use gives the same answers (run under -race to catch data
	// races too).
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range profiles {
				p := profiles[i]
				r, ok := classify(c, &p, func(*segment.Profile, string, ...any) {})
				if ok && r != results[i] {
					mu.Lock()
					report(&profiles[i], "concurrent use gives %+v, sequential %+v", r, results[i])
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// TestConformance runs [Conformance] and reports each violation on t.
func TestConformance[L segment.Label](t *testing.T, c segment.Classifier[L], labels *segment.Enum[L], extra ...segment.Profile) {
	t.Helper()
	if err := Conformance(c, labels, extra...); err != nil {
		t.Error(err)
	}
}

func classify[L segment.Label](c segment.Classifier[L], p *segment.Profile, report func(*segment.Profile, string, ...any)) (r segment.Result[L], ok bool) {
	defer func() {
		if v := recover(); v != nil {
			report(p, "Classify panicked: %v", v)
			ok = false
		}
	}()
	return c.Classify(p), true
}

func explain[L segment.Label](e segment.Explainer[L], p *segment.Profile, report func(*segment.Profile, string, ...any)) (ex segment.Explanation[L], ok bool) {
	defer func() {
		if v := recover(); v != nil {
			report(p, "Explain panicked: %v", v)
			ok = false
		}
	}()
	return e.Explain(p), true
}

// checkLaws checks the laws documented on segment.Result.
func checkLaws[L segment.Label](r segment.Result[L], labels *segment.Enum[L], p *segment.Profile, report func(*segment.Profile, string, ...any)) {
	valid := func(what string, l L) bool {
		if !labels.Valid(l) {
			report(p, "%s %d is out of range (%d labels)", what, l, labels.Len())
			return false
		}
		return true
	}
	okPrimary := valid("primary label", r.Primary)
	valid("secondary label", r.Secondary)
	for _, l := range r.Tags.Labels() {
		if valid("tag", l) && r.Scores[l] <= 0 {
			report(p, "tag %s has score %v, want > 0", l, r.Scores[l])
		}
	}
	for i, s := range r.Scores {
		f := float64(s)
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 1:
			report(p, "score of label %d is %v, want a number in [0, 1]", i, s)
		case i >= labels.Len() && s != 0:
			report(p, "score %v for label %d, beyond the %d labels", s, i, labels.Len())
		}
	}
	if okPrimary && r.Primary != 0 {
		top := r.Scores[r.Primary]
		if top <= 0 {
			report(p, "primary %s has score %v, want > 0", r.Primary, top)
		}
		for i, s := range r.Scores {
			if s > top {
				report(p, "label %s scores %v, above primary %s at %v", L(i), s, r.Primary, top)
				break
			}
		}
	}
	if r.Secondary != 0 {
		if r.Secondary == r.Primary {
			report(p, "secondary equals primary %s", r.Primary)
		}
		if r.Secondary < segment.MaxLabels && r.Scores[r.Secondary] <= 0 {
			report(p, "secondary %s has score %v, want > 0", r.Secondary, r.Scores[r.Secondary])
		}
	}
	if r.Tags != 0 && !r.Tags.Has(r.Primary) {
		report(p, "tags %s do not contain primary %s", tagList(r.Tags), r.Primary)
	}
	if c := float64(r.Confidence); math.IsNaN(c) || c < 0 || c > 1 {
		report(p, "confidence %v, want a number in [0, 1]", r.Confidence)
	}
}

// sameProfile compares two profiles, treating NaN as equal to NaN (the
// extreme profiles contain NaN, and == would say a profile differs from
// itself).
func sameProfile(a, b segment.Profile) bool {
	return a == b || fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}
