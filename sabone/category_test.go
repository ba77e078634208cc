package sabone_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
)

func TestCategoryText(t *testing.T) {
	want := []string{"unknown", "neighbourhood", "active", "budget", "education", "newcomer", "expert"}
	var got []string
	for _, c := range append([]sabone.Category{sabone.Unknown}, sabone.Categories.Values()...) {
		got = append(got, c.String())
		b, err := c.MarshalText()
		require.NoError(t, err)
		for _, text := range []string{string(b), strings.ToUpper(string(b)), c.Title(segment.English), c.Title(segment.Russian)} {
			var back sabone.Category
			if err := back.UnmarshalText([]byte(text)); err != nil || back != c {
				t.Errorf("UnmarshalText(%q) = %s, %v; want %s", text, back, err, c)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if got := sabone.Budget.Title(segment.Russian); got != "Бюджетные покупатели" {
		t.Errorf("Russian title of budget = %q", got)
	}
	bad := sabone.Category(9)
	if got := bad.String(); got != "Category(9)" {
		t.Errorf("out of range String = %q, want Category(9)", got)
	}
	if _, err := bad.MarshalText(); err == nil {
		t.Error("MarshalText accepted an out-of-range category")
	}
	var c sabone.Category
	if err := c.UnmarshalText([]byte("vip")); err == nil {
		t.Error(`UnmarshalText("vip") succeeded`)
	}
}

func TestResultJSON(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes[sabone.Expert]
	r := c.Classify(&p)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back segment.Result[sabone.Category]
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("result JSON round trip (-want +got):\n%s\n%s", diff, b)
	}
}

func TestTreatment(t *testing.T) {
	seen := map[string]sabone.Category{}
	for _, c := range sabone.Categories.Values() {
		tr := c.Treatment()
		if tr.Text(segment.English) == "" || tr.Text(segment.Russian) == "" || tr.EN == tr.RU {
			t.Errorf("%s: summary missing in a language: %+v", c, tr)
		}
		if len(tr.Levers) < 3 {
			t.Errorf("%s: %d levers; the source names at least three", c, len(tr.Levers))
		}
		for _, l := range tr.Levers {
			if l.Name == "" || l.Name != strings.ToLower(l.Name) || strings.Contains(l.Name, " ") {
				t.Errorf("%s: lever name %q is not an identifier", c, l.Name)
			}
			if l.Title(segment.English) == "" || l.Title(segment.Russian) == "" {
				t.Errorf("%s: lever %s lacks a title", c, l.Name)
			}
			if prev, dup := seen[l.Name]; dup {
				t.Errorf("lever %s is in %s and %s", l.Name, prev, c)
			}
			seen[l.Name] = c
		}
	}
	if tr := sabone.Unknown.Treatment(); tr.EN != "" || tr.Levers != nil {
		t.Errorf("unknown has a treatment: %+v", tr)
	}
	if tr := sabone.Category(42).Treatment(); tr.EN != "" {
		t.Errorf("out of range has a treatment: %+v", tr)
	}
	// The caller's copy is the caller's.
	first := sabone.Budget.Treatment()
	first.Levers[0].Name = "changed"
	if again := sabone.Budget.Treatment(); again.Levers[0].Name != "prices" {
		t.Errorf("changing a returned lever changed the table: %s", again.Levers[0].Name)
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes[sabone.Budget]
	ex := c.Explain(&p)
	if diff := cmp.Diff(c.Classify(&p), ex.Result); diff != "" {
		t.Errorf("Explain and Classify disagree (-classify +explain):\n%s", diff)
	}
	var rules, heldRules []string
	for _, r := range ex.Reasons {
		rules = append(rules, r.Rule)
		if r.Held {
			heldRules = append(heldRules, r.Rule)
		}
	}
	wantRules := []string{
		"neighbourhood.distance",
		"active.novelties", "active.social", "active.site_visits",
		"budget.discounts", "budget.bonus_redemption",
		"education.courses", "education.webinars", "education.reading",
		"newcomer.experience", "newcomer.tenure",
		"expert.experience", "expert.premium",
	}
	if diff := cmp.Diff(wantRules, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"budget.discounts", "budget.bonus_redemption"}, heldRules); diff != "" {
		t.Errorf("held rules (-want +got):\n%s", diff)
	}
	// A rate threshold is scaled, so the reason shows the raw input.
	want := segment.Reason{Rule: "budget.bonus_redemption", Label: "budget", Field: "bonus_redeemed", Value: 190, Known: true,
		Op: segment.GreaterEq, Threshold: 160, Setting: "redeem_share", Held: true}
	if diff := cmp.Diff(want, ex.Reasons[5]); diff != "" {
		t.Errorf("redemption reason (-want +got):\n%s", diff)
	}
	if got := ex.Reasons[5].Text(segment.Russian); got != "budget: списано бонусов = 190 >= 160 (redeem_share) — да" {
		t.Errorf("Russian text: %q", got)
	}
}
