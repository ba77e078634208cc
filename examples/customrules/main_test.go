package main

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/segmenttest"
	"github.com/clientele-go/clientele/strategy"
)

var (
	fitOnce          sync.Once
	jsonShop, goShop *shop
	jsonRules        *ruleSet
	goRules          *ruleSet
	base             []segment.Profile
	fitErr           error
)

// shops returns the JSON and the Go rule sets fitted to the sample,
// built once (they are immutable).
func shops(t *testing.T) (fromJSON, fromGo *shop) {
	t.Helper()
	fitOnce.Do(func() {
		if jsonRules, fitErr = fromJSONFiles(); fitErr != nil {
			return
		}
		if goRules, fitErr = inGo(); fitErr != nil {
			return
		}
		if base, fitErr = sample.Profiles(); fitErr != nil {
			return
		}
		if jsonShop, fitErr = jsonRules.fit(base); fitErr != nil {
			return
		}
		goShop, fitErr = goRules.fit(base)
	})
	if fitErr != nil {
		t.Fatal(fitErr)
	}
	return jsonShop, goShop
}

// fromJSONFiles is fromJSON under a name that does not shadow the
// variable names of the tests.
var fromJSONFiles = fromJSON

// TestJSONAndGoAgree proves the two ways of writing the rules are one
// rule set: equal settings, and the same answer from every typology, the
// tiers and the playbook for every customer of the sample.
func TestJSONAndGoAgree(t *testing.T) {
	js, gs := shops(t)
	// Settings as the classifiers use them, defaults filled in.
	if diff := cmp.Diff(gs.cs.Behavior.Config(), js.cs.Behavior.Config()); diff != "" {
		t.Errorf("behaviour config (-go +json):\n%s", diff)
	}
	if diff := cmp.Diff(gs.cs.RFM.Model(), js.cs.RFM.Model()); diff != "" {
		t.Errorf("rfm model (-go +json):\n%s", diff)
	}
	goMap, _ := goRules.rfmMap.Rules()
	jsonMap, _ := jsonRules.rfmMap.Rules()
	if diff := cmp.Diff(goMap, jsonMap); diff != "" {
		t.Errorf("rfm map (-go +json):\n%s", diff)
	}
	if diff := cmp.Diff(gs.engine.Config(), js.engine.Config()); diff != "" {
		t.Errorf("strategy (-go +json):\n%s", diff)
	}

	differ := 0
	for i := range base {
		p := &base[i]
		a, b := js.classify(p), gs.classify(p)
		a.Profile, b.Profile = nil, nil
		ta, tb := js.tiers.Explain(p), gs.tiers.Explain(p)
		pa, pb := js.engine.Plan(&a).Render(segment.English), gs.engine.Plan(&b).Render(segment.English)
		if cmp.Equal(b, a) && cmp.Equal(tb, ta) && cmp.Equal(pb, pa) {
			continue
		}
		if diff := cmp.Diff(b, a) + cmp.Diff(tb, ta) + cmp.Diff(pb, pa); diff != "" {
			if differ++; differ <= 3 {
				t.Errorf("customer %s (-go +json):\n%s", p.ID, diff)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d customers classified differently", differ, len(base))
	}
}

// profile builds a customer with n purchases 30 days apart, the last one
// recency days before the as-of date, premium and new products on the
// first premium and novel purchases, with the flags recorded.
func profile(n, premium, novel, recency int) segment.Profile {
	asOf := sample.AsOf
	last := asOf.AddDays(-recency)
	return segment.Profile{
		ID: "test", AsOf: asOf,
		Occasions: n, Orders: n, Revenue: 40 * float64(n),
		First: last.AddDays(-30 * (n - 1)), Last: last,
		Discounted: segment.Some(0), PremiumBuys: segment.Some(premium), NewProducts: segment.Some(novel),
	}
}

// TestTiers checks the shop's tiers on both sides of every threshold,
// for the JSON and the Go rules alike.
func TestTiers(t *testing.T) {
	js, gs := shops(t)
	unknownPremium := profile(8, 0, 6, 10)
	unknownPremium.PremiumBuys = segment.Opt[int]{}
	cases := []segmenttest.Case[Tier]{
		{Name: "collector at both thresholds", Profile: profile(6, 3, 0, 10), Want: Collector,
			Why: "premium share 3/6 = 0.5 and 6 purchases: both at the threshold, which is inclusive"},
		{Name: "premium share just below", Profile: profile(6, 2, 0, 10), Want: Casual,
			Why: "premium share 2/6 < 0.5: not a collector"},
		{Name: "one purchase too few", Profile: profile(5, 5, 0, 10), Want: Casual,
			Why: "all premium, but 5 purchases < 6: not yet a collector"},
		{Name: "collector who also explores", Profile: profile(6, 6, 6, 10), Want: Collector, Tags: []Tier{Collector, Explorer, Casual},
			Why: "collector comes first; explorer and casual hold too",
			Check: func(r segment.Result[Tier]) error {
				if r.Secondary != Explorer {
					return errors.New("secondary is not explorer")
				}
				return nil
			}},
		{Name: "explorer at both thresholds", Profile: profile(4, 0, 2, 10), Want: Explorer,
			Why: "new-product share 2/4 = 0.5 and 4 >= 3 purchases"},
		{Name: "explorer, two purchases too few", Profile: profile(2, 0, 2, 10), Want: Casual,
			Why: "all new products, but 2 purchases < 3"},
		{Name: "unknown premium flag", Profile: unknownPremium, Want: Explorer,
			Why: "the shop does not record premium: collector is unknown, not false, so explorer is primary with lower confidence",
			Check: func(r segment.Result[Tier]) error {
				if r.Confidence >= 1 {
					return errors.New("confidence should fall when the collector rule is unknown")
				}
				return nil
			}},
		{Name: "no purchase", Profile: segment.Profile{ID: "p", AsOf: sample.AsOf}, Want: UnknownTier,
			Why: "a prospect has no tier"},
	}
	t.Run("json", func(t *testing.T) { segmenttest.Run(t, js.tiers, cases...) })
	t.Run("go", func(t *testing.T) { segmenttest.Run(t, gs.tiers, cases...) })
}

// TestTierConformance runs the test kit's conformance check: the shop's
// own classifier keeps the contract every classifier must keep.
func TestTierConformance(t *testing.T) {
	js, gs := shops(t)
	segmenttest.TestConformance(t, js.tiers, Tiers, base[:200]...)
	segmenttest.TestConformance(t, gs.tiers, Tiers)
}

// TestBehaviourThresholds checks the wine shop's behavioural thresholds
// on both sides: four purchases 30 days apart (mean gap 30, so the
// sleeping bound is max(150, 2 × 30) = 150 days; four is one more than an
// under-client may have, who would rank first).
func TestBehaviourThresholds(t *testing.T) {
	js, gs := shops(t)
	has := func(want bool, ty behavior.Type) func(segment.Result[behavior.Type]) error {
		return func(r segment.Result[behavior.Type]) error {
			if r.Tags.Has(ty) != want {
				return errors.New("tag " + ty.String() + " wrongly present or absent")
			}
			return nil
		}
	}
	rich := func(n, recency int) segment.Profile {
		p := profile(n, 0, 0, recency)
		p.Revenue = 50_000 // top of the sample's revenue
		p.First = p.AsOf.AddDays(-400)
		return p
	}
	cases := []segmenttest.Case[behavior.Type]{
		{Name: "150 days: still regular", Profile: profile(4, 0, 0, 150), Want: behavior.Regular,
			Why: "sleeping_days is 150 for wine; recency must exceed it", Check: has(false, behavior.Sleeping)},
		{Name: "151 days: sleeping", Profile: profile(4, 0, 0, 151), Want: behavior.Sleeping,
			Why: "recency 151 > 150"},
		{Name: "540 days: sleeping, not lost", Profile: profile(4, 0, 0, 540), Want: behavior.Sleeping,
			Why: "lost_days is 540 for wine", Check: has(false, behavior.Lost)},
		{Name: "541 days: lost", Profile: profile(4, 0, 0, 541), Want: behavior.Lost,
			Why: "recency 541 > 540"},
		{Name: "one purchase 120 days ago: new", Profile: profile(1, 0, 0, 120), Want: behavior.Newcomer,
			Why: "new_days is 120 for wine"},
		{Name: "one purchase 121 days ago: one-time", Profile: profile(1, 0, 0, 121), Want: behavior.OneTime,
			Why: "121 > new_days"},
		{Name: "top revenue, 4 purchases: gold", Profile: rich(4, 10), Want: behavior.Gold,
			Why: "the shop requires 4 purchases of a gold customer, on top of the built-in rule", Tags: []behavior.Type{behavior.Gold}},
		{Name: "top revenue, 3 purchases: not gold", Profile: rich(3, 10), Want: behavior.Status,
			Why: "3 purchases < the 4 the shop requires", Check: has(false, behavior.Gold)},
	}
	t.Run("json", func(t *testing.T) { segmenttest.Run(t, js.cs.Behavior, cases...) })
	t.Run("go", func(t *testing.T) { segmenttest.Run(t, gs.cs.Behavior, cases...) })
}

// TestRFMMap checks the shop's map has no finding, and the segments it
// gives on both sides of the hand-set cut points.
func TestRFMMap(t *testing.T) {
	js, gs := shops(t)
	for _, s := range []*shop{js, gs} {
		rules, ok := s.cs.RFM.Map().Rules()
		if !ok {
			t.Fatal("the map is not from rules")
		}
		findings, err := rules.Check()
		if err != nil || len(findings) != 0 {
			t.Errorf("the shop's map: %v %v", findings, err)
		}
	}
	m := js.cs.RFM.Map()
	seg := func(name string) rfm.Segment {
		for _, s := range m.Labels().Values() {
			if m.Name(s) == name {
				return s
			}
		}
		t.Fatalf("no segment %q in the map", name)
		return 0
	}
	model := js.cs.RFM.Model()
	m5 := model.Monetary[3] + 1 // just above the top money cut point: M5
	m4 := model.Monetary[3]     // on it: M4
	buyer := func(n, recency int, revenue float64) segment.Profile {
		p := profile(n, 0, 0, recency)
		p.Revenue = revenue
		return p
	}
	cases := []segmenttest.Case[rfm.Segment]{
		{Name: "R4 F4 M4: cellar keeper", Profile: buyer(4, 120, m4), Want: seg("cellar keepers"),
			Why: "120 days is R4 (cut 120 inclusive), 4 purchases F4 (3 < 4 <= 6), M4"},
		{Name: "R3 F4 M4: loyal", Profile: buyer(4, 121, m4), Want: rfm.Loyal,
			Why: "121 days is R3: not a cellar keeper, but R3-5 F3-5 is loyal"},
		{Name: "R5 F3 M5: loyal", Profile: buyer(3, 45, m5), Want: rfm.Loyal,
			Why: "3 purchases is F3 (cut 3 inclusive): cellar keepers need F4"},
		{Name: "R5 F1: new", Profile: buyer(1, 45, m5), Want: rfm.NewCustomers,
			Why: "one purchase within 45 days is new, before the gift-buyer rule"},
		{Name: "R3 F1 M5: gift buyer", Profile: buyer(1, 200, m5), Want: seg("gift buyers"),
			Why: "one big purchase a while ago"},
		{Name: "R3 F1 M4: promising", Profile: buyer(1, 200, m4), Want: rfm.Promising,
			Why: "M4 is not a gift buyer"},
		{Name: "R2: slipping", Profile: buyer(3, 541, m4), Want: rfm.Lost,
			Why: "541 days is beyond the last recency cut: R1, lost"},
		{Name: "R2 at 540 days", Profile: buyer(3, 540, m4), Want: seg("slipping"),
			Why: "540 days is R2 (cut 540 inclusive)"},
	}
	t.Run("json", func(t *testing.T) { segmenttest.Run(t, js.cs.RFM, cases...) })
	t.Run("go", func(t *testing.T) { segmenttest.Run(t, gs.cs.RFM, cases...) })
	segmenttest.TestConformance(t, js.cs.RFM, m.Labels())
}

// TestStrategy checks the shop's additions: the new action is planned for
// a status buyer and not otherwise, and the re-weighted treatment has its
// new weight.
func TestStrategy(t *testing.T) {
	js, gs := shops(t)
	for name, s := range map[string]*shop{"json": js, "go": gs} {
		weight := map[string]float64{}
		for _, tr := range s.engine.Config().Treatments {
			weight[tr.ID] = tr.Weight
		}
		if weight["segment.status.status_privileges"] != 2 || weight["segment.status.cellar_preview"] != 8 {
			t.Errorf("%s: weights %v", name, weight)
		}
		plan := func(tags ...behavior.Type) bool {
			p := profile(6, 6, 0, 10)
			var c strategy.Classification
			c.Profile = &p
			for _, ty := range tags {
				c.Segment.Tags = c.Segment.Tags.With(ty)
				c.Segment.Scores[ty] = 1
			}
			c.Segment.Primary, c.Segment.Confidence = tags[0], 1
			for _, a := range s.engine.Plan(&c).Actions {
				if a.Action.ID == "cellar_preview" {
					return true
				}
			}
			return false
		}
		if !plan(behavior.Status) {
			t.Errorf("%s: no cellar preview for a status buyer", name)
		}
		if plan(behavior.Regular) {
			t.Errorf("%s: a cellar preview for a regular customer who is not a status buyer", name)
		}
	}
}

// TestBrokenMap is rule validation at work: the blog's map loses three
// segments to earlier rules and leaves 36 codes without a segment.
func TestBrokenMap(t *testing.T) {
	data, err := rulesDir.ReadFile("rules/broken_map.json")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := rfm.ParseRules(data)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := rules.Check()
	if err != nil {
		t.Fatal(err)
	}
	var shadowed []string
	uncovered := 0
	for _, f := range findings {
		switch f.Kind {
		case rfm.Shadowed:
			shadowed = append(shadowed, f.Rule.Segment)
			if len(f.By) == 0 {
				t.Errorf("%s: shadowed by no rule", f.Rule.Segment)
			}
		case rfm.Uncovered:
			uncovered += len(f.Codes)
			if f.Fallback != "" {
				t.Errorf("uncovered codes go to %q; the map has no fallback", f.Fallback)
			}
		}
	}
	if diff := cmp.Diff([]string{"New Customers", "Promising", "Can't Lose Them"}, shadowed); diff != "" {
		t.Errorf("shadowed rules (-want +got):\n%s", diff)
	}
	// Count the codes the first-match rules leave without a segment by
	// brute force, to check Check's count.
	m, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	others := 0
	for r := uint8(1); r <= 5; r++ {
		for f := uint8(1); f <= 5; f++ {
			for mm := uint8(1); mm <= 5; mm++ {
				if m.Segment(rfm.Code{R: r, F: f, M: mm}) == rfm.Unknown {
					others++
				}
			}
		}
	}
	if uncovered != others || others != 36 {
		t.Errorf("Check reports %d uncovered codes, the map leaves %d without a segment, want 36", uncovered, others)
	}
}

// TestRun runs the program in both languages (on the sample loaded once).
func TestRun(t *testing.T) {
	shops(t) // fail early and clearly if the rules do not load
	for _, lang := range []segment.Lang{segment.English, segment.Russian} {
		var out bytes.Buffer
		if err := report(&out, lang, base); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		for _, want := range []string{
			Collector.Title(lang), "Cellar Keepers", "cellar_preview", `"New Customers"`, "36", tr(lang, "would get no segment", "остались бы без сегмента"),
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s output lacks %q:\n%s", lang, want, text)
			}
		}
	}
}
