package behavior_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rule"
)

func TestDefaultsHaveNoIssues(t *testing.T) {
	if issues := behavior.Defaults().Check(); len(issues) != 0 {
		t.Errorf("default configuration has issues: %v", issues)
	}
	if issues := (behavior.Config{}).Check(); len(issues) != 0 {
		t.Errorf("zero configuration has issues: %v", issues)
	}
}

func TestParseConfig(t *testing.T) {
	cfg, err := behavior.ParseConfig([]byte(`{"sleeping_days": 60, "disabled": ["bargain_only"],
		"require": {"gold": {"field": "loyalty_member", "op": "eq", "value": true}}}`))
	require.NoError(t, err)
	want := behavior.Defaults()
	want.SleepingDays = 60
	want.Disabled = []behavior.Type{behavior.BargainOnly}
	want.Require = behavior.Requirements{behavior.Gold: rule.Flag("loyalty_member", true)}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	// What a CRM stores, it loads back unchanged.
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	if !strings.Contains(string(b), `"priority":["dissatisfied","one_time",`) || !strings.Contains(string(b), `"require":{"gold":{"field":"loyalty_member","op":"eq","value":true}}`) {
		t.Errorf("JSON does not name types and conditions as text: %s", b)
	}
	back, err := behavior.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	b2, _ := json.Marshal(back)
	if string(b) != string(b2) {
		t.Errorf("marshal is not stable:\n%s\n%s", b, b2)
	}
}

// Invalid configurations are refused with the setting named.
func TestInvalidConfigs(t *testing.T) {
	for _, tc := range []struct{ json, field, msg string }{
		{`{"sleeping_days": 0.5}`, "sleeping_days", "want a whole number"},
		{`{"sleeping_days": 4000}`, "sleeping_days", "out of range"},
		{`{"gold_revenue_top": 0.8}`, "gold_revenue_top", "out of range"},
		{`{"regular_occasions": 1}`, "regular_occasions", "want 2..100000"},
		{`{"sleepin_days": 60}`, "", "unknown field"},
		{`{"lost_days": 80}`, "lost_days", "must be greater than sleeping_days (90)"},
		{`{"new_days": 400}`, "new_days", "must not exceed lost_days (365)"},
		{`{"hot_inquiry_days": 1000, "lost_days": 900}`, "hot_inquiry_days", "must not exceed lost_days (900)"},
		{`{"priority": ["gold", "glod"]}`, "type", "unknown type"},
		{`{"priority": ["gold", "gold"]}`, "priority[1]", "listed twice"},
		{`{"priority": ["unknown"]}`, "priority[0]", "not a type"},
		{`{"disabled": ["unknown"]}`, "disabled[0]", "not a type"},
		{`{"require": {"glod": {"field": "b2b", "op": "eq", "value": true}}}`, "require", "unknown type"},
		{`{"require": {"gold": {"field": "b2b", "op": "eq", "value": 1}}}`, "require.gold.value", "want true or false"},
		{`{"require": {"gold": {"all": [{"field": "occasions", "op": "ge", "value": 1}, {"field": "recenty_days", "op": "lt", "value": 1}]}}}`, "require.gold.all[1].field", "did you mean recency_days"},
		{`{"require": {"fan": {"all": [{"field": "referrals", "op": "gt", "value": 5}, {"field": "referrals", "op": "lt", "value": 3}]}}}`, "require.fan", "can never hold"},
		{`{"require": {"fan": {}}}`, "require.fan", "want field, all, any or not"},
	} {
		_, err := behavior.ParseConfig([]byte(tc.json))
		if err == nil {
			t.Errorf("%s accepted", tc.json)
			continue
		}
		if !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "behavior: ") {
			t.Errorf("%s: error %q, want the behavior: prefix and %q", tc.json, err, tc.msg)
		}
		var fe *segment.FieldError
		if tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field) {
			t.Errorf("%s: error names %v, want %q (%v)", tc.json, fe, tc.field, err)
		}
	}
	if _, err := behavior.New(&behavior.Config{StatusPremiumShare: 2}); err == nil {
		t.Error("New accepted a premium share of 2")
	}
}

// Check returns every finding, not just the first, each naming the
// settings and values involved.
func TestCheckReportsEverything(t *testing.T) {
	cfg := behavior.Config{
		SleepingDays:      200,
		LostDays:          150,  // not above sleeping_days
		NewDays:           5000, // out of range
		GoldRevenueTop:    0.9,  // out of range
		SleepingGapFactor: 0.5,  // out of range
		Priority: []behavior.Type{
			behavior.Dissatisfied, behavior.Problem, behavior.Regular, behavior.Fan, behavior.Regular,
			behavior.Sleeping, behavior.Lost, behavior.UnderClient, behavior.OneTime,
		},
		Disabled: []behavior.Type{behavior.Rare},
		Require: behavior.Requirements{
			behavior.Rare:   rule.Flag("b2b", true),
			behavior.Status: rule.All(rule.Compare("occasions", rule.Lt, 0.5), rule.Compare("occasions", rule.Gt, 0.5)),
		},
	}
	type finding struct {
		Severity behavior.Severity
		Field    string
		Value    string
		Labels   []behavior.Type
	}
	var got []finding
	for _, is := range cfg.Check() {
		got = append(got, finding{is.Severity, is.Field, is.Value, is.Labels})
	}
	I, W := behavior.Invalid, behavior.Warning
	want := []finding{
		{I, "new_days", "5000", nil},
		{I, "gold_revenue_top", "0.9", nil},
		{I, "sleeping_gap_factor", "0.5", nil},
		{I, "lost_days", "150", []behavior.Type{behavior.Sleeping}},
		{I, "priority[4]", "regular", nil},
		{W, "disabled[0]", "rare", []behavior.Type{behavior.Rare}},
		{W, "priority[1]", "problem", nil},
	}
	for _, ty := range behavior.Types.Values() {
		switch ty {
		case behavior.Dissatisfied, behavior.Problem, behavior.Regular, behavior.Fan, behavior.Sleeping,
			behavior.Lost, behavior.UnderClient, behavior.OneTime, behavior.Rare:
		default:
			want = append(want, finding{W, "priority", ty.String(), []behavior.Type{ty}})
		}
	}
	want = append(want,
		finding{W, "require.rare", "b2b == true", nil},
		finding{I, "require.status", "(occasions < 0.5 and occasions > 0.5)", []behavior.Type{behavior.Status}},
		finding{W, "priority", "fan", []behavior.Type{behavior.Fan}},
		finding{W, "priority", "under_client", []behavior.Type{behavior.UnderClient}},
		finding{W, "priority", "one_time", []behavior.Type{behavior.OneTime}},
	)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
	err := cfg.Validate()
	for _, s := range []string{`new_days "5000"`, `gold_revenue_top "0.9"`, `lost_days "150": must be greater than sleeping_days (200)`,
		`priority[4] "regular": regular is listed twice`, "can never hold"} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("Validate lacks %q:\n%v", s, err)
		}
	}
	if !errors.Is(err, segment.ErrRange) {
		t.Error("range errors do not wrap segment.ErrRange")
	}
}

// The never-primary warnings for OneTime depend on NewDays reaching
// SleepingDays: below it, a one-time buyer can be neither sleeping nor
// lost.
func TestOneTimeShadow(t *testing.T) {
	late := behavior.Defaults()
	late.Priority = []behavior.Type{behavior.UnderClient, behavior.OneTime}
	late.Disabled = nil
	names := func(cfg behavior.Config) (out []string) {
		for _, is := range cfg.Check() {
			if is.Field == "priority" && strings.Contains(is.Problem, "never be primary") {
				out = append(out, is.Value)
			}
		}
		return out
	}
	if diff := cmp.Diff([]string{"one_time"}, names(late)); diff != "" {
		t.Errorf("under_client above one_time (-want +got):\n%s", diff)
	}
	late.NewDays = 60
	if got := names(late); len(got) != 0 {
		t.Errorf("with new_days 60 < sleeping_days 90, one_time can be primary; got warnings %v", got)
	}
	// A condition on the type above lifts the shadow.
	late.NewDays = 90
	late.Require = behavior.Requirements{behavior.UnderClient: rule.Flag("b2b", false)}
	if got := names(late); len(got) != 0 {
		t.Errorf("under_client has an extra condition; got warnings %v", got)
	}
}

// The never-primary warnings are sound: with the priority that Check
// warns about, none of many profiles gets the warned type as primary, and
// with the default priority each of them does for its recipe.
func TestShadowWarningsAreSound(t *testing.T) {
	cfg := behavior.Defaults()
	cfg.Priority = []behavior.Type{
		behavior.Regular, behavior.Fan, behavior.Sleeping, behavior.Lost, behavior.UnderClient, behavior.OneTime,
	}
	for _, ty := range behavior.Types.Values() {
		if !contains(cfg.Priority, ty) {
			cfg.Priority = append(cfg.Priority, ty)
		}
	}
	warned := map[behavior.Type]bool{}
	for _, is := range cfg.Check() {
		if strings.Contains(is.Problem, "never be primary") {
			warned[is.Labels[0]] = true
		}
	}
	if diff := cmp.Diff(map[behavior.Type]bool{behavior.Fan: true, behavior.UnderClient: true, behavior.OneTime: true}, warned); diff != "" {
		t.Fatalf("warnings (-want +got):\n%s", diff)
	}
	c := mustNew(t, &cfg)
	profiles := manyProfiles()
	for _, tc := range recipes() {
		profiles = append(profiles, tc.Profile)
	}
	for i := range profiles {
		if r := c.Classify(&profiles[i]); warned[r.Primary] {
			t.Errorf("%s is primary for %s although Check says it never is", r.Primary, profiles[i].ID)
		}
	}
}

func contains(list []behavior.Type, t behavior.Type) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

func TestRequirementsJSON(t *testing.T) {
	var r behavior.Requirements
	require.NoError(t, json.Unmarshal([]byte(`{"Gold": {"field":"loyalty_member","op":"eq","value":true}, "fan": {"field":"social_posts","op":"ge","value":5}}`), &r))
	want := behavior.Requirements{behavior.Gold: rule.Flag("loyalty_member", true), behavior.Fan: rule.Compare("social_posts", rule.Ge, 5)}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"gold": {}, "GOLD": {}}`), &r); err == nil {
		t.Error("a type given twice was accepted")
	}
	if err := json.Unmarshal([]byte(`[1]`), &r); err == nil {
		t.Error("an array was accepted")
	}
	require.NoError(t, json.Unmarshal([]byte(`null`), &r))
	if r != nil {
		t.Error("null did not clear")
	}
}

func TestTypes(t *testing.T) {
	for _, ty := range append(behavior.Types.Values(), behavior.Unknown) {
		b, err := ty.MarshalText()
		require.NoError(t, err)
		var back behavior.Type
		require.NoError(t, back.UnmarshalText([]byte(strings.ToUpper(string(b)))))
		if back != ty {
			t.Errorf("%s round trips to %s", ty, back)
		}
		require.NoError(t, back.UnmarshalText([]byte(ty.Title(segment.Russian))))
		if back != ty {
			t.Errorf("Russian title %q parses to %s", ty.Title(segment.Russian), back)
		}
	}
	if got := behavior.Type(99).String(); got != "Type(99)" {
		t.Errorf("out of range prints %q", got)
	}
	if _, err := behavior.Type(99).MarshalText(); err == nil {
		t.Error("out of range marshalled")
	}
	if behavior.Types.Len() != 22 {
		t.Errorf("%d labels, want 21 types and unknown", behavior.Types.Len())
	}
	var risks []behavior.Type
	for _, ty := range behavior.Types.Values() {
		if ty.IsRisk() {
			risks = append(risks, ty)
		}
	}
	if diff := cmp.Diff([]behavior.Type{behavior.Problem, behavior.Impossible, behavior.BargainOnly}, risks); diff != "" {
		t.Errorf("risk flags (-want +got):\n%s", diff)
	}
}

// A "recent" window longer than the sleeping bound is a warning (the
// priority resolves the overlap); longer than lost_days it is invalid.
func TestRecentWindows(t *testing.T) {
	cfg, err := behavior.ParseConfig([]byte(`{"sleeping_days": 60}`))
	require.NoError(t, err, "new_days 90 > sleeping_days 60 is only a warning")
	var got []string
	for _, is := range cfg.Check() {
		got = append(got, is.Severity.String()+" "+is.Field+" "+strings.Join(is.Related, ","))
	}
	if diff := cmp.Diff([]string{"warning new_days sleeping_days=60"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	c := mustNew(t, &cfg)
	p := buyer(1, 70, 70)
	if r := c.Classify(&p); r.Primary != behavior.UnderClient || !r.Tags.Has(behavior.Newcomer) || !r.Tags.Has(behavior.Sleeping) {
		t.Errorf("one purchase 70 days ago: %v %v, want under_client with new and sleeping", r.Primary, r.Tags.Labels())
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []behavior.Severity{behavior.Invalid, behavior.Warning} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		if string(b) != s.String() {
			t.Errorf("%v marshals to %s", s, b)
		}
	}
	if _, err := behavior.Severity(0).MarshalText(); err == nil {
		t.Error("the zero severity marshalled")
	}
	b, err := json.Marshal(behavior.Defaults().Check())
	require.NoError(t, err)
	if string(b) != "null" {
		t.Errorf("no issues marshal to %s", b)
	}
}
