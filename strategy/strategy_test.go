package strategy

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
)

var asOf = segment.MustParseDate("2025-06-30")

func engine(t testing.TB, cfg *Config) *Engine {
	t.Helper()
	e, err := New(cfg)
	require.NoError(t, err)
	return e
}

// buyer is a profile of a customer who spent revenue over two years.
func buyer(revenue float64) *segment.Profile {
	return &segment.Profile{ID: "C1", AsOf: asOf, Occasions: 6, Orders: 6, Revenue: revenue,
		First: asOf.AddDays(-730), Last: asOf.AddDays(-20)}
}

// with sets label (by name) of typology t on c, as the primary label or a
// tag, with full confidence.
func with(t testing.TB, c *Classification, typ Typology, label string) *Classification {
	t.Helper()
	l, err := typologies[typ].parse(label)
	require.NoError(t, err)
	setSlot(c, typ, l)
	return c
}

func put[L segment.Label](r *segment.Result[L], l uint8, multi bool) {
	if multi {
		r.Tags = r.Tags.With(L(l))
		if r.Primary == 0 {
			r.Primary = L(l)
		}
	} else {
		r.Primary = L(l)
	}
	r.Scores[l] = 1
	r.Confidence = 1
}

func setSlot(c *Classification, t Typology, l uint8) {
	switch t {
	case Behavior:
		put(&c.Segment, l, true)
	case RFM:
		put(&c.RFM, l, false)
	case Ladder:
		put(&c.Rung, l, false)
	case DISC:
		put(&c.DISC, l, false)
	case SABONE:
		put(&c.SABONE, l, true)
	case Perception:
		put(&c.Perception, l, false)
	case Decision:
		put(&c.Decision, l, false)
	case Loyalty:
		put(&c.Loyalty, l, false)
	}
}

// classification builds a classification of a buyer with the given
// "typology:label" facts.
func classification(t testing.TB, facts ...string) *Classification {
	t.Helper()
	c := &Classification{Profile: buyer(1000)}
	for _, f := range facts {
		typ, label, ok := strings.Cut(f, ":")
		require.True(t, ok, f)
		ty, err := ParseTypology(typ)
		require.NoError(t, err)
		with(t, c, ty, label)
	}
	return c
}

func planned(pb *Playbook) []string {
	var ids []string
	for _, p := range pb.Actions {
		ids = append(ids, p.Action.ID)
	}
	return ids
}

func avoided(pb *Playbook) map[string]string {
	out := map[string]string{}
	for _, a := range pb.Avoid {
		out[a.Action] = a.Rule
	}
	return out
}

// uncapped is the default strategy without the contact cap and with a long
// list, so that every candidate shows.
func uncapped() *Config {
	return &Config{MaxActions: 20, Guards: Guards{ContactsPerMonth: 60, Caps: []CapRule{}}}
}

// Every treatment fires on a classification that has just its facts: its
// action is planned, with the treatment among the reasons.
func TestEveryTreatment(t *testing.T) {
	e := engine(t, uncapped())
	for _, tr := range e.cfg.Treatments {
		t.Run(tr.ID, func(t *testing.T) {
			var facts []string
			for _, m := range tr.When {
				facts = append(facts, m.Typology+":"+m.Label)
			}
			pb := e.Plan(classification(t, facts...))
			i := slices.IndexFunc(pb.Actions, func(p Planned) bool { return p.Action.ID == tr.Action })
			if i < 0 {
				t.Fatalf("%s not planned for %v; planned %v, avoided %v", tr.Action, facts, planned(pb), avoided(pb))
			}
			var rules []string
			for _, r := range pb.Reasons(&pb.Actions[i], segment.English) {
				rules = append(rules, r.Rule)
			}
			if !slices.Contains(rules, tr.ID) {
				t.Errorf("reasons %v do not name %s", rules, tr.ID)
			}
		})
	}
}

// A planned action's reasons name only treatments that fired: not one
// that the label index led to (its first match holds) but whose other
// match does not, even when its action is planned for another treatment;
// with both firing, both are named, in the index's order.
func TestReasonsNameOnlyTreatmentsThatFired(t *testing.T) {
	cfg := uncapped()
	action := DefaultCatalogue()[0].ID
	cfg.Treatments = []Treatment{
		{ID: "t.two", When: []Match{{Typology: "segment", Label: "gold"}, {Typology: "disc", Label: "steady"}}, Action: action, Weight: 10},
		{ID: "t.one", When: []Match{{Typology: "rung", Label: "advocate"}}, Action: action, Weight: 10},
	}
	e := engine(t, cfg)
	reasons := func(facts ...string) []string {
		t.Helper()
		pb := e.Plan(classification(t, facts...))
		i := slices.IndexFunc(pb.Actions, func(p Planned) bool { return p.Action.ID == action })
		require.GreaterOrEqual(t, i, 0, "%s not planned for %v: %v", action, facts, planned(pb))
		var rules []string
		for _, r := range pb.Reasons(&pb.Actions[i], segment.English) {
			rules = append(rules, r.Rule)
		}
		return rules
	}
	require.Equal(t, []string{"t.one"}, reasons("segment:gold", "rung:advocate"), "t.two's first match holds, its second does not")
	require.Equal(t, []string{"t.two", "t.one"}, reasons("segment:gold", "disc:steady", "rung:advocate"))
	require.Equal(t, []string{"t.two"}, reasons("segment:gold", "disc:steady"))
}

// Every action of the catalogue is reachable with the defaults.
func TestEveryActionReachable(t *testing.T) {
	e := engine(t, uncapped())
	seen := map[string]bool{}
	for _, tr := range e.cfg.Treatments {
		var facts []string
		for _, m := range tr.When {
			facts = append(facts, m.Typology+":"+m.Label)
		}
		for _, id := range planned(e.Plan(classification(t, facts...))) {
			seen[id] = true
		}
	}
	for _, a := range e.Actions() {
		if !seen[a.ID] {
			t.Errorf("action %s is never planned with the default rules", a.ID)
		}
	}
}

func TestDiscountGuard(t *testing.T) {
	e := engine(t, nil)
	// A treatment that would offer a discount to someone who is neither a
	// budget buyer nor leaving: add one, since the defaults never do.
	cfg := Defaults()
	cfg.Patch.AddTreatments = []Treatment{{ID: "test.gold_discount", When: []Match{{Typology: "segment", Label: "gold"}}, Action: "special_offer", Weight: 50}}
	pe := engine(t, &cfg)
	gold := pe.Plan(classification(t, "segment:gold"))
	if slices.Contains(planned(gold), "special_offer") || avoided(gold)["special_offer"] != "guard.discount" {
		t.Errorf("gold, not budget, not leaving: planned %v, avoided %v; want the discount avoided by guard.discount", planned(gold), avoided(gold))
	}
	budget := e.Plan(classification(t, "sabone:budget"))
	if !slices.Contains(planned(budget), "special_offer") {
		t.Errorf("a budget buyer may get a discount: planned %v", planned(budget))
	}
	leaving := pe.Plan(classification(t, "segment:gold", "rung:lapsed"))
	if !slices.Contains(planned(leaving), "special_offer") && !slices.Contains(planned(leaving), "leaving_concession") {
		t.Errorf("a gold customer who is leaving may get a concession: planned %v", planned(leaving))
	}
}

func TestNeedGoneGuard(t *testing.T) {
	e := engine(t, nil)
	c := classification(t, "segment:lost", "rung:lapsed")
	c.Profile.Signals.NeedGone = segment.Some(true)
	pb := e.Plan(c)
	for _, p := range pb.Actions {
		if k := p.Action.Kind; k == Retain || k == WinBack || k == Develop || k == Repair || p.Action.Discount {
			t.Errorf("need gone, yet %s (%s) is planned", p.Action.ID, k)
		}
	}
	if pb.RetentionBudget != 0 || pb.Objective.Kind != PartWell {
		t.Errorf("budget %v objective %v; want 0 and part_well", pb.RetentionBudget, pb.Objective.Kind)
	}
	if avoided(pb)["exit_interview"] != "guard.need_gone" {
		t.Errorf("the exit interview is pointless once the need is known gone: avoided %v", avoided(pb))
	}
	// Unknown need: the same customer is worth an exit interview.
	c.Profile.Signals.NeedGone = segment.Opt[bool]{}
	if pb := e.Plan(c); !slices.Contains(planned(pb), "exit_interview") {
		t.Errorf("need unknown: planned %v, want an exit interview", planned(pb))
	}
}

func TestDissatisfiedGuard(t *testing.T) {
	e := engine(t, nil)
	pb := e.Plan(classification(t, "segment:regular", "segment:dissatisfied", "rung:advocate", "sabone:budget"))
	got := planned(pb)
	if len(got) < 2 || got[0] != "ask_what_went_wrong" || got[1] != "apology_and_fix" {
		t.Errorf("unhappy customer: planned %v; want the repair first", got)
	}
	if pb.Objective.Kind != Resolve {
		t.Errorf("objective %v, want resolve", pb.Objective.Kind)
	}
}

func TestRiskGuard(t *testing.T) {
	e := engine(t, nil)
	c := classification(t, "segment:gold", "segment:impossible")
	pb := e.Plan(c)
	for _, p := range pb.Actions {
		if p.Action.Cost > Low {
			t.Errorf("risky customer gets %s costing %s", p.Action.ID, p.Action.Cost)
		}
	}
	if !slices.Contains(planned(pb), "set_boundaries") {
		t.Errorf("risky customer: planned %v, want set_boundaries", planned(pb))
	}
	if avoided(pb)["exclusive_service"] != "guard.risk_cost" {
		t.Errorf("avoided %v; want exclusive_service avoided by guard.risk_cost", avoided(pb))
	}
	// Budget: 1000 over two years is 500 a year; 10% of it, a quarter for
	// a risky customer.
	if pb.RetentionBudget != 12.5 {
		t.Errorf("risky budget %v, want 12.5", pb.RetentionBudget)
	}
	plain := e.Plan(classification(t, "segment:gold"))
	if plain.RetentionBudget != 50 {
		t.Errorf("budget %v, want 50 (10%% of 500 a year)", plain.RetentionBudget)
	}
	c2 := classification(t, "segment:gold")
	c2.Value = segment.Some(3000.0)
	if got := e.Plan(c2).RetentionBudget; got != 300 {
		t.Errorf("budget from value 3000: %v, want 300", got)
	}
}

func TestContactCap(t *testing.T) {
	e := engine(t, nil)
	pb := e.Plan(classification(t, "segment:sleeping", "rung:lapsed", "rfm_segment:at_risk"))
	if pb.ContactsPerMonth != 2 {
		t.Errorf("sleeping: cap %d, want 2", pb.ContactsPerMonth)
	}
	contacts := 0
	for _, p := range pb.Actions {
		if p.Action.Contact() {
			contacts++
		}
	}
	if contacts > pb.ContactsPerMonth {
		t.Errorf("%d contacts planned, cap %d", contacts, pb.ContactsPerMonth)
	}
	if avoided(pb)[""] != "guard.contact_cap" {
		t.Errorf("avoid list %v lacks the contact cap", avoided(pb))
	}
	if got := e.Plan(classification(t, "rung:regular")).ContactsPerMonth; got != 4 {
		t.Errorf("regular: cap %d, want the default 4", got)
	}
}

func TestConflicts(t *testing.T) {
	e := engine(t, nil)
	cases := []struct {
		rule    string
		facts   []string
		gone    []string
		boosted string
	}{
		{"conflict.budget_gold", []string{"segment:gold", "sabone:budget"}, []string{"special_offer"}, "exclusive_service"},
		{"conflict.unhappy_no_asks", []string{"segment:fan", "segment:dissatisfied", "rung:advocate"}, []string{"advocate_rewards", "review_request"}, ""},
		{"conflict.fan_complained", []string{"segment:fan", "segment:dissatisfied"}, []string{"fan_meetup"}, "personal_recognition"},
		{"conflict.lost_no_novelties", []string{"segment:lost", "segment:pioneer"}, []string{"early_access", "new_product_story"}, ""},
		{"conflict.lead_user_terms", []string{"segment:lead_user", "sabone:budget"}, []string{"special_offer"}, "b2b_terms"},
	}
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			pb := e.Plan(classification(t, tc.facts...))
			for _, id := range tc.gone {
				if slices.Contains(planned(pb), id) {
					t.Errorf("%s still planned: %v", id, planned(pb))
				}
			}
			found := false
			for _, a := range pb.Avoid {
				if a.Rule == tc.rule {
					found = true
				}
			}
			if !found {
				t.Errorf("avoid list %v does not cite %s", avoided(pb), tc.rule)
			}
			if tc.boosted != "" {
				i := slices.IndexFunc(pb.Actions, func(p Planned) bool { return p.Action.ID == tc.boosted })
				if i < 0 {
					t.Fatalf("%s not planned: %v", tc.boosted, planned(pb))
				}
				var rules []string
				for _, r := range pb.Reasons(&pb.Actions[i], segment.English) {
					rules = append(rules, r.Rule)
				}
				if !slices.Contains(rules, tc.rule) {
					t.Errorf("%s reasons %v lack %s", tc.boosted, rules, tc.rule)
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	e := engine(t, nil)
	c := classification(t, "segment:gold", "segment:fan", "rung:advocate", "disc:influential", "perception:visual", "decision:emotional", "loyalty:personal", "sabone:expert")
	first, _ := json.Marshal(e.Plan(c).Render(segment.Russian))
	for i := 0; i < 20; i++ {
		again, _ := json.Marshal(e.Plan(c).Render(segment.Russian))
		if string(again) != string(first) {
			t.Fatalf("run %d differs:\n%s\n%s", i, first, again)
		}
	}
}

func TestPlanDoesNotAllocate(t *testing.T) {
	e := engine(t, nil)
	c := classification(t, "segment:gold", "segment:sleeping", "rung:lapsed", "disc:steady", "perception:kinesthetic", "decision:rational", "loyalty:emotional", "sabone:budget", "rfm_segment:cant_lose_them")
	var pb Playbook
	e.PlanInto(c, &pb)
	if n := testing.AllocsPerRun(100, func() { e.PlanInto(c, &pb) }); n != 0 {
		t.Errorf("PlanInto allocates %v times per run", n)
	}
}

func TestAdvice(t *testing.T) {
	e := engine(t, nil)
	pb := e.Plan(classification(t, "disc:dominant", "perception:visual", "decision:rational", "loyalty:behavioural", "rung:regular"))
	for name, a := range map[string]Advice{"tone": pb.Tone, "format": pb.Format, "framing": pb.Framing, "lever": pb.Lever} {
		if a.Text(segment.English) == "" || a.Text(segment.Russian) == "" || a.Label == "" {
			t.Errorf("%s advice missing: %+v", name, a)
		}
	}
	empty := e.Plan(&Classification{Profile: buyer(100)})
	if empty.Tone.Text(segment.English) != "" || empty.Tone.Label != "" {
		t.Errorf("unknown DISC must give no tone, got %+v", empty.Tone)
	}
}

// Russian texts must be Russian: mostly Cyrillic letters, different from
// the English, with Latin only in names such as DISC or RFM.
func TestRussianIsRussian(t *testing.T) {
	check := func(what, ru, en string) {
		t.Helper()
		if ru == "" || ru == en {
			t.Errorf("%s: Russian %q missing or equal to the English", what, ru)
			return
		}
		var cyr, lat int
		for _, r := range ru {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
		}
		if cyr == 0 || float64(lat) > 0.05*float64(cyr+lat) {
			t.Errorf("%s: %q is not Russian (%d Cyrillic, %d Latin letters)", what, ru, cyr, lat)
		}
	}
	for _, a := range DefaultCatalogue() {
		check(a.ID+" title", a.RU.Title, a.EN.Title)
		check(a.ID+" text", a.RU.Text, a.EN.Text)
	}
	for _, k := range Defaults().Conflicts {
		check(k.ID, k.Why.RU, k.Why.EN)
	}
	for _, g := range guards {
		check(g.id, g.why.RU, g.why.EN)
	}
	for i, f := range framings {
		if i > 0 {
			check("framing", f.RU, f.EN)
		}
	}
	for i, l := range levers {
		if i > 0 {
			check("lever", l.RU, l.EN)
		}
	}
}

func TestConfigJSON(t *testing.T) {
	cfg, err := ParseConfig([]byte(`{"patch": {
		"remove_actions": ["personal_account"],
		"reweight": {"rung.regular.loyalty_programme": 9},
		"add_actions": [{"id": "birthday_gift", "source": "shop", "channel": "email", "format": "offer", "cost": "low", "kind": "retain",
			"en": {"title": "Birthday gift", "text": "A small gift on their birthday."},
			"ru": {"title": "Подарок на день рождения", "text": "Небольшой подарок в день рождения."}}],
		"add_treatments": [{"id": "shop.birthday", "when": [{"typology": "rung", "label": "regular"}], "action": "birthday_gift", "weight": 3}]
	}}`))
	require.NoError(t, err)
	e := engine(t, &cfg)
	if _, ok := e.Action("personal_account"); ok {
		t.Error("removed action still in the catalogue")
	}
	pb := e.Plan(classification(t, "rung:regular"))
	if got := planned(pb); len(got) < 2 || got[0] != "loyalty_programme" || !slices.Contains(got, "birthday_gift") {
		t.Errorf("planned %v; want loyalty_programme first (weight 9) and the birthday gift", got)
	}
	// What a CRM stores, it loads back unchanged.
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	back, err := ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"treatments": [{"id": "x", "when": [{"typology": "rung", "label": "regulars"}], "action": "loyalty_programme", "weight": 1}]}`, `treatments[0]: when[0].label "regulars"`},
		{`{"treatments": [{"id": "x", "when": [{"typology": "zodiac", "label": "leo"}], "action": "loyalty_programme", "weight": 1}]}`, `treatments[0]: when[0].typology "zodiac"`},
		{`{"treatments": [{"id": "x", "when": [{"typology": "rung", "label": "regular"}], "action": "yacht", "weight": 1}]}`, `treatments[0]: action "yacht": no such action`},
		{`{"treatments": [{"id": "x", "when": [{"typology": "rung", "label": "regular"}], "action": "loyalty_programme", "weight": 0}]}`, `treatments[0]: weight "0"`},
		{`{"treatments": [{"id": "x", "when": [], "action": "loyalty_programme", "weight": 1}]}`, `treatments[0]: when ""`},
		{`{"treatments": [{"id": "x", "when": [{"typology": "rung", "label": "regular", "on": "tag"}], "action": "loyalty_programme", "weight": 1}]}`, `when[0].on "tag": typology rung has no tags`},
		{`{"conflicts": [{"id": "c", "when": [{"typology": "rung", "label": "regular"}], "suppress": ["loyalty_programme"]}]}`, `conflicts[0]: why`},
		{`{"patch": {"remove_actions": ["nope"]}}`, `patch: remove_actions[0] "nope": no such id`},
		{`{"guards": {"contacts_per_month": 0.5}}`, `contacts_per_month`},
		{`{"guards": {"contacts_per_month": 100}}`, `contacts_per_month "100"`},
		{`{"max_actoins": 3}`, `max_actoins`},
	} {
		_, err := ParseConfig([]byte(tc.json))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant an error containing %s", tc.json, err, tc.want)
		}
	}
}

func TestObjective(t *testing.T) {
	e := engine(t, nil)
	c := classification(t, "rung:regular")
	c.Next.From, c.Next.To = c.Rung.Primary, c.Rung.Primary+1
	c.Next.Field, c.Next.Need = "referrals", 1
	pb := e.Plan(c)
	if pb.Objective.Kind != NextRung || !strings.HasPrefix(pb.Objective.Text(segment.English), "Reach Brand advocate: ") ||
		!strings.HasPrefix(pb.Objective.Text(segment.Russian), "Перейти на уровень «Защитник бренда»: ") {
		t.Errorf("objective %q / %q", pb.Objective.Text(segment.English), pb.Objective.Text(segment.Russian))
	}
}

func BenchmarkPlan(b *testing.B) {
	e := engine(b, nil)
	c := classification(b, "segment:gold", "segment:regular", "rung:advocate", "disc:steady", "perception:kinesthetic", "decision:rational", "loyalty:emotional", "sabone:budget", "rfm_segment:champions")
	var pb Playbook
	b.ReportAllocs()
	report := CPUPerOp(b)
	for b.Loop() {
		e.PlanInto(c, &pb)
	}
	report()
}
