package strategy_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
	"github.com/clientele-go/clientele/strategy"
)

// answer is everything the library says about one customer: each
// typology's result and explanation, and the playbook in both languages.
func answer(cs *strategy.Classifiers, e *strategy.Engine, p *segment.Profile) string {
	var c strategy.Classification
	cs.Classify(p, &c)
	var b strings.Builder
	results := []any{c.Segment, c.RFM, c.Rung, c.Next, c.DISC, c.SABONE, c.Perception, c.Decision, c.Loyalty}
	fmt.Fprintf(&b, "%+v\n", results)
	explain := func(text string) { b.WriteString(text + "\n") }
	explain(segment.Explain(cs.Behavior, p).Text(segment.English))
	explain(segment.Explain(cs.RFM, p).Text(segment.English))
	explain(segment.Explain(cs.Ladder, p).Text(segment.Russian))
	explain(segment.Explain(cs.DISC, p).Text(segment.English))
	explain(segment.Explain(cs.SABONE, p).Text(segment.English))
	explain(segment.Explain(cs.Perception, p).Text(segment.English))
	explain(segment.Explain(cs.Decision, p).Text(segment.English))
	explain(segment.Explain(cs.Loyalty, p).Text(segment.English))
	pb := e.Plan(&c)
	for _, lang := range []segment.Lang{segment.English, segment.Russian} {
		out, err := json.Marshal(pb.Render(lang))
		if err != nil {
			return "render: " + err.Error()
		}
		b.Write(out)
		b.WriteString(pb.Text(lang))
	}
	return b.String()
}

// fitted is the sample shop and the classifiers fitted on it, shared by
// the property tests (fitting under -race is what costs).
var fitted = sync.OnceValues(func() (shop, error) {
	ps, err := sample.Profiles()
	if err != nil {
		return shop{}, err
	}
	cs, err := strategy.Fit(ps, nil)
	return shop{ps, cs}, err
})

type shop struct {
	profiles []segment.Profile
	cs       *strategy.Classifiers
}

func propertyBase(t *testing.T) ([]segment.Profile, *strategy.Classifiers) {
	t.Helper()
	s, err := fitted()
	if err != nil {
		t.Fatal(err)
	}
	return slices.Clone(s.profiles), s.cs
}

// The whole pipeline is deterministic: fitting twice, or on the customer
// base in another order, gives the same classifiers, and classifying and
// planning the same customer twice gives the same answer.
func TestPipelineIsDeterministic(t *testing.T) {
	base, cs := propertyBase(t)
	shuffled := slices.Clone(base)
	rand.New(rand.NewPCG(6, 6)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again, err := strategy.Fit(shuffled, nil)
	if err != nil {
		t.Fatal(err)
	}
	e, err := strategy.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range base[:200] {
		p := &base[i]
		want := answer(cs, e, p)
		if got := answer(cs, e, p); got != want {
			t.Fatalf("%s: two answers:\n%s\n%s", p.ID, want, got)
		}
		if got := answer(again, e, p); got != want {
			t.Fatalf("%s: fitted on the shuffled base:\n%s\nfitted in file order:\n%s", p.ID, got, want)
		}
	}
}

// Each typology gives exactly one primary label, the one with the top
// score, and a customer about whom nothing is known is Unknown in every
// typology (no evidence, no label).
func TestOnePrimaryLabelPerTypology(t *testing.T) {
	base, cs := propertyBase(t)
	check := func(p *segment.Profile, typology string, primary uint8, scores segment.Scores) {
		t.Helper()
		if primary == 0 {
			return
		}
		top := scores[primary]
		if top <= 0 || slices.Max(scores[:]) > top {
			t.Fatalf("%s, %s: primary label %d scores %v, the scores are %v", p.ID, typology, primary, top, scores)
		}
	}
	profiles := append(slices.Clone(base), segmenttest.Random(500, 77)...)
	known := 0
	for i := range profiles {
		p := &profiles[i]
		var c strategy.Classification
		cs.Classify(p, &c)
		check(p, "segment", uint8(c.Segment.Primary), c.Segment.Scores)
		check(p, "rfm", uint8(c.RFM.Primary), c.RFM.Scores)
		check(p, "rung", uint8(c.Rung.Primary), c.Rung.Scores)
		check(p, "disc", uint8(c.DISC.Primary), c.DISC.Scores)
		check(p, "sabone", uint8(c.SABONE.Primary), c.SABONE.Scores)
		check(p, "perception", uint8(c.Perception.Primary), c.Perception.Scores)
		check(p, "decision", uint8(c.Decision.Primary), c.Decision.Scores)
		check(p, "loyalty", uint8(c.Loyalty.Primary), c.Loyalty.Scores)
		if c.Rung.Primary != 0 {
			known++
		}
	}
	if known == 0 {
		t.Fatal("no customer got a rung: the check checked nothing")
	}
	for _, p := range []segment.Profile{{}, {ID: "nobody", AsOf: sample.AsOf}} {
		var c strategy.Classification
		cs.Classify(&p, &c)
		labels := []uint8{uint8(c.Segment.Primary), uint8(c.RFM.Primary), uint8(c.Rung.Primary), uint8(c.DISC.Primary),
			uint8(c.SABONE.Primary), uint8(c.Perception.Primary), uint8(c.Decision.Primary), uint8(c.Loyalty.Primary)}
		if slices.Max(labels) != 0 {
			t.Errorf("profile %+v with no evidence got labels %v, want all Unknown", p, labels)
		}
	}
}

// Classifiers, every typology's classifier and explanations, and the
// Engine are shared by many goroutines (as a CRM's request handlers share
// them) and give each the answer they give sequentially. Run under -race,
// this also proves they do not write to shared state.
func TestConcurrentUse(t *testing.T) {
	base, cs := propertyBase(t)
	e, err := strategy.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	profiles := append(slices.Clone(base[:150]), segmenttest.Extremes()...)
	profiles = append(profiles, segmenttest.Random(50, 5)...)
	want := make([]string, len(profiles))
	for i := range profiles {
		want[i] = answer(cs, e, &profiles[i])
	}
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker starts elsewhere, so that different customers
			// are in flight at once.
			for k := range profiles {
				i := (k + w*len(profiles)/workers) % len(profiles)
				p := profiles[i] // a copy: callers own their profiles
				if got := answer(cs, e, &p); got != want[i] {
					errs <- fmt.Sprintf("worker %d, %s:\n%s\nsequentially:\n%s", w, p.ID, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}
