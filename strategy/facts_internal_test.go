package strategy

import (
	"testing"

	"github.com/clientele-go/clientele/segment/behavior"
)

// The guards, conflicts and caps are tested as bit sets of facts when
// they fit (facts.go), and match by match otherwise; both give the same
// playbooks: for the default rules, and for rules with negated matches
// and matches on any position in every kind of list.
func TestFactsAreMatches(t *testing.T) {
	def, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	custom := Defaults()
	g := &custom.Guards
	g.Risky = append(g.Risky, Match{Typology: "disc", Label: "steady", Not: true})
	g.Leaving = append(g.Leaving, Match{Typology: "segment", Label: "sleeping", On: OnAny})
	g.DiscountFor = append(g.DiscountFor, Match{Typology: "loyalty", Label: "emotional", On: OnSecondary})
	g.Dissatisfied = append(g.Dissatisfied, Match{Typology: "sabone", Label: "budget", Not: true})
	g.Caps = append(g.Caps, CapRule{When: []Match{{Typology: "rung", Label: "regular", Not: true}, {Typology: "perception", Label: "visual"}}, PerMonth: 1})
	custom.Patch.AddConflicts = []Conflict{{
		ID:       "conflict.test_negated",
		When:     []Match{{Typology: "decision", Label: "rational", Not: true}, {Typology: "segment", Label: "gold", On: OnAny}},
		Suppress: []string{"special_offer"},
		Boost:    map[string]float64{"exclusive_service": 3},
		Why:      Text2{EN: "a test", RU: "тест"},
	}}
	neg, err := New(&custom)
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*Engine{"default": def, "negated": neg} {
		t.Run(name, func(t *testing.T) {
			if e.factAt == nil {
				t.Fatal("these rules' facts should fit a bit set")
			}
			byMatch := *e
			byMatch.factAt = nil
			requireSamePlans(t, e, &byMatch)
		})
	}
}

// Rules with more distinct matches than a bit set holds are tested
// match by match.
func TestTooManyFacts(t *testing.T) {
	cfg := Defaults()
	for i, l := range behavior.Types.Values()[1:] {
		for _, on := range []On{OnPrimary, OnSecondary, OnTag, OnAny} {
			cfg.Guards.Caps = append(cfg.Guards.Caps, CapRule{When: []Match{{Typology: "segment", Label: l.String(), On: on}}, PerMonth: 1 + i%3})
		}
	}
	e, err := New(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	if e.factAt != nil {
		t.Fatalf("%d caps, each a fact of its own, fit a bit set of %d", len(cfg.Guards.Caps), maxFacts)
	}
}
