package rule_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

var asOf = segment.MustParseDate("2025-06-30")

// customer bought n times, the last time lastDaysAgo days before asOf.
func customer(n, lastDaysAgo int, set func(s *segment.Signals)) *segment.Profile {
	p := &segment.Profile{AsOf: asOf, Occasions: n, Orders: n, Revenue: float64(40 * n)}
	if n > 0 {
		p.Last = asOf.AddDays(-lastDaysAgo)
		p.First = p.Last.AddDays(-30 * (n - 1))
	}
	if set != nil {
		set(&p.Signals)
	}
	return p
}

func TestComparisonsAtTheBoundary(t *testing.T) {
	p := customer(3, 90, nil) // recency 90
	for _, tc := range []struct {
		op   string
		v    float64
		want rule.Truth
	}{
		{"gt", 89, rule.True}, {"gt", 90, rule.False},
		{"ge", 90, rule.True}, {"ge", 91, rule.False},
		{"lt", 91, rule.True}, {"lt", 90, rule.False},
		{"le", 90, rule.True}, {"le", 89, rule.False},
		{"eq", 90, rule.True}, {"eq", 91, rule.False},
		{"ne", 91, rule.True}, {"ne", 90, rule.False},
		{">", 89, rule.True}, {"<=", 89, rule.False}, {"=", 90, rule.True}, {"!=", 90, rule.False},
	} {
		r, err := rule.Parse([]byte(`{"field":"recency_days","op":"` + tc.op + `","value":` + fmtNum(tc.v) + `}`))
		require.NoError(t, err)
		if got := r.Test(p); got != tc.want {
			t.Errorf("recency 90 %s %v = %v, want %v", tc.op, tc.v, got, tc.want)
		}
	}
}

func fmtNum(v float64) string { b, _ := json.Marshal(v); return string(b) }

// The three-valued tables: unknown is never silently true or false.
func TestUnknownInputs(t *testing.T) {
	unknownReferrals := customer(3, 10, nil)
	twoReferrals := customer(3, 10, func(s *segment.Signals) { s.Referrals = segment.Some(2) })
	noReferrals := customer(3, 10, func(s *segment.Signals) { s.Referrals = segment.Some(0) })
	refs := `{"field":"referrals","op":"ge","value":1}`
	yes := `{"field":"occasions","op":"ge","value":1}`
	no := `{"field":"occasions","op":"ge","value":100}`
	for _, tc := range []struct {
		name, json         string
		unknown, two, zero rule.Truth
	}{
		{"leaf", refs, rule.Unknown, rule.True, rule.False},
		{"not", `{"not":` + refs + `}`, rule.Unknown, rule.False, rule.True},
		{"all with true", `{"all":[` + yes + `,` + refs + `]}`, rule.Unknown, rule.True, rule.False},
		{"all with false", `{"all":[` + no + `,` + refs + `]}`, rule.False, rule.False, rule.False},
		{"any with true", `{"any":[` + yes + `,` + refs + `]}`, rule.True, rule.True, rule.True},
		{"any with false", `{"any":[` + no + `,` + refs + `]}`, rule.Unknown, rule.True, rule.False},
		{"not all", `{"not":{"all":[` + yes + `,` + refs + `]}}`, rule.Unknown, rule.False, rule.True},
		{"known", `{"field":"referrals","op":"known"}`, rule.False, rule.True, rule.True},
		{"unknown", `{"field":"referrals","op":"unknown"}`, rule.True, rule.False, rule.False},
		{"not unknown", `{"not":{"field":"referrals","op":"unknown"}}`, rule.False, rule.True, rule.True},
		{"missing counts as no", `{"any":[{"field":"referrals","op":"unknown"},{"field":"referrals","op":"eq","value":0}]}`, rule.True, rule.False, rule.True},
	} {
		r, err := rule.Parse([]byte(tc.json))
		require.NoError(t, err, tc.name)
		got := []rule.Truth{r.Test(unknownReferrals), r.Test(twoReferrals), r.Test(noReferrals)}
		if diff := cmp.Diff([]rule.Truth{tc.unknown, tc.two, tc.zero}, got); diff != "" {
			t.Errorf("%s: truth for unknown/2/0 referrals (-want +got):\n%s", tc.name, diff)
		}
		if r.Holds(unknownReferrals) != (tc.unknown == rule.True) {
			t.Errorf("%s: Holds disagrees with Test", tc.name)
		}
	}
}

func TestKleeneTables(t *testing.T) {
	all := []rule.Truth{rule.Unknown, rule.False, rule.True}
	for _, a := range all {
		if a.Not().Not() != a {
			t.Errorf("not not %v = %v", a, a.Not().Not())
		}
		for _, b := range all {
			// De Morgan holds in Kleene logic.
			if rule.And(a, b).Not() != rule.Or(a.Not(), b.Not()) {
				t.Errorf("not (%v and %v) != not %v or not %v", a, b, a, b)
			}
			if rule.And(a, b) != rule.And(b, a) || rule.Or(a, b) != rule.Or(b, a) {
				t.Errorf("and/or not commutative for %v, %v", a, b)
			}
		}
	}
	if rule.And(rule.Unknown, rule.False) != rule.False || rule.Or(rule.Unknown, rule.True) != rule.True ||
		rule.And(rule.Unknown, rule.True) != rule.Unknown || rule.Or(rule.Unknown, rule.False) != rule.Unknown {
		t.Error("Kleene tables wrong")
	}
	// The tables against the definitions.
	for _, a := range all {
		for _, b := range all {
			and, or := rule.Unknown, rule.Unknown
			switch {
			case a == rule.False || b == rule.False:
				and = rule.False
			case a == rule.True && b == rule.True:
				and = rule.True
			}
			switch {
			case a == rule.True || b == rule.True:
				or = rule.True
			case a == rule.False && b == rule.False:
				or = rule.False
			}
			if rule.And(a, b) != and || rule.Or(a, b) != or {
				t.Errorf("%v and/or %v = %v/%v, want %v/%v", a, b, rule.And(a, b), rule.Or(a, b), and, or)
			}
		}
	}
	if got := rule.Truth(9).String(); got != "Truth(?)" {
		t.Errorf("out of range truth prints %q", got)
	}
}

func TestNaNInputIsUnknown(t *testing.T) {
	p := customer(2, 10, func(s *segment.Signals) { s.DistanceKm = segment.Some(math.NaN()) })
	for _, tc := range []struct {
		json string
		want rule.Truth
	}{
		{`{"field":"distance_km","op":"ne","value":5}`, rule.Unknown},
		{`{"not":{"field":"distance_km","op":"lt","value":5}}`, rule.Unknown},
		{`{"field":"distance_km","op":"known"}`, rule.False},
	} {
		if got := rule.MustParse(tc.json).Test(p); got != tc.want {
			t.Errorf("%s with NaN distance = %v, want %v", tc.json, got, tc.want)
		}
	}
	inf := customer(2, 10, func(s *segment.Signals) { s.DistanceKm = segment.Some(math.Inf(1)) })
	if got := rule.MustParse(`{"field":"distance_km","op":"gt","value":1e300}`).Test(inf); got != rule.True {
		t.Errorf("+Inf > 1e300 = %v, want true", got)
	}
}

func TestBoolFields(t *testing.T) {
	member := customer(1, 1, func(s *segment.Signals) { s.LoyaltyMember = segment.Some(true) })
	notMember := customer(1, 1, func(s *segment.Signals) { s.LoyaltyMember = segment.Some(false) })
	isMember := rule.MustParse(`{"field":"loyalty_member","op":"eq","value":true}`)
	if isMember.Test(member) != rule.True || isMember.Test(notMember) != rule.False || isMember.Test(customer(1, 1, nil)) != rule.Unknown {
		t.Error("loyalty_member == true wrong")
	}
	goIsMember, err := rule.Compile(rule.Flag("loyalty_member", true))
	require.NoError(t, err)
	if diff := cmp.Diff(isMember.Condition(), goIsMember.Condition()); diff != "" {
		t.Errorf("Flag and JSON differ (-json +go):\n%s", diff)
	}
}

// Every kind of bad rule is refused with the path of the offending part.
func TestParseErrors(t *testing.T) {
	deep := strings.Repeat(`{"not":`, rule.MaxDepth) + `{"field":"occasions","op":"ge","value":1}` + strings.Repeat("}", rule.MaxDepth)
	var many strings.Builder
	many.WriteString(`{"any":[`)
	for i := 0; i < rule.MaxNodes; i++ {
		if i > 0 {
			many.WriteByte(',')
		}
		many.WriteString(`{"field":"occasions","op":"ge","value":1}`)
	}
	many.WriteString(`]}`)
	for _, tc := range []struct {
		name, json, path, msg string
	}{
		{"unknown field", `{"field":"recenty_days","op":"gt","value":90}`, "field", "did you mean recency_days"},
		{"unknown field deep", `{"all":[{"field":"occasions","op":"ge","value":1},{"field":"occasions","op":"ge","value":1},{"any":[{"field":"nope","op":"gt","value":1}]}]}`, "all[2].any[0].field", "unknown field"},
		{"empty field", `{"field":"","op":"gt","value":1}`, "field", "must not be empty"},
		{"field not a string", `{"field":7,"op":"gt","value":1}`, "field", "want a string"},
		{"unknown op", `{"field":"occasions","op":"between","value":1}`, "op", "unknown op"},
		{"op not a string", `{"field":"occasions","op":1,"value":1}`, "op", "want a string"},
		{"missing op", `{"field":"occasions","value":1}`, "op", "unknown op"},
		{"missing value", `{"field":"occasions","op":"gt"}`, "value", "needs a value"},
		{"string for a count", `{"field":"occasions","op":"gt","value":"3"}`, "value", "want a number for count field occasions"},
		{"bool for a number", `{"field":"revenue","op":"gt","value":true}`, "value", "want a number"},
		{"number for a bool", `{"field":"b2b","op":"eq","value":1}`, "value", "want true or false"},
		{"ordering a bool", `{"field":"b2b","op":"gt","value":false}`, "op", "takes eq or ne"},
		{"fraction eq count", `{"any":[{"field":"occasions","op":"eq","value":2.5}]}`, "any[0].value", "whole number"},
		{"negative days", `{"field":"recency_days","op":"gt","value":-1}`, "value", "never negative"},
		{"negative count", `{"field":"referrals","op":"ge","value":-3}`, "value", "never negative"},
		{"overflow", `{"field":"revenue","op":"gt","value":1e400}`, "value", "not a finite number"},
		{"value for known", `{"field":"referrals","op":"known","value":1}`, "value", "takes no value"},
		{"empty all", `{"all":[]}`, "all", "at least one"},
		{"empty any deep", `{"not":{"any":[]}}`, "not.any", "at least one"},
		{"all not an array", `{"all":{"field":"occasions"}}`, "all", "want an array"},
		{"field and all", `{"field":"occasions","op":"gt","value":1,"all":[{"field":"occasions","op":"gt","value":1}]}`, "all", "one of field, all, any or not"},
		{"any and not", `{"any":[{"field":"occasions","op":"gt","value":1}],"not":{"field":"occasions","op":"gt","value":1}}`, "not", "has any and not"},
		{"empty object", `{}`, "condition", "want field, all, any or not"},
		{"unknown key", `{"field":"occasions","op":"gt","value":1,"weight":2}`, "weight", "unknown key"},
		{"not an object", `[1]`, "condition", "want a JSON object"},
		{"element not an object", `{"all":[3]}`, "all[0]", "want a JSON object"},
		{"bad JSON", `{"field":"occasions",`, "condition", "invalid JSON"},
		{"trailing data", `{"field":"occasions","op":"gt","value":1} x`, "condition", "invalid JSON"},
		{"too deep", deep, strings.TrimSuffix(strings.Repeat("not.", rule.MaxDepth), "."), "nested 33 deep"},
		{"too many", many.String(), "any[999]", "more than 1000 conditions"},
	} {
		_, err := rule.Parse([]byte(tc.json))
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		var fe *segment.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v is not a FieldError", tc.name, err)
			continue
		}
		if fe.Field != tc.path {
			t.Errorf("%s: error names %q, want %q (%v)", tc.name, fe.Field, tc.path, err)
		}
		if !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "rule: ") {
			t.Errorf("%s: error %q, want the prefix rule: and %q", tc.name, err, tc.msg)
		}
		// Decoding into a Condition refuses the same.
		var c rule.Condition
		if err2 := json.Unmarshal([]byte(tc.json), &c); err2 == nil {
			t.Errorf("%s: Condition.UnmarshalJSON accepted it", tc.name)
		}
	}
	if _, err := rule.Parse(make([]byte, rule.MaxBytes+1)); !errors.Is(err, rule.ErrLimit) {
		t.Errorf("oversized text: %v, want ErrLimit", err)
	}
	if _, err := rule.Parse([]byte(deep)); !errors.Is(err, rule.ErrLimit) {
		t.Errorf("too deep: %v, want ErrLimit", err)
	}
}

// Conditions built in Go are checked exactly like JSON ones.
func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    rule.Condition
		path string
	}{
		{"NaN", rule.Compare("revenue", rule.Gt, math.NaN()), "value"},
		{"Inf", rule.Any(rule.Compare("revenue", rule.Gt, 1), rule.Compare("revenue", rule.Lt, math.Inf(-1))), "any[1].value"},
		{"bool value 2", rule.Compare("b2b", rule.Eq, 2), "value"},
		{"no op", rule.Condition{Field: "revenue", Value: 3}, "op"},
		{"op out of range", rule.Condition{Field: "revenue", Op: 42}, "op"},
		{"empty", rule.Not(rule.Condition{}), "not"},
		{"mixed", rule.Condition{Field: "revenue", Op: rule.Gt, All: []rule.Condition{rule.KnownField("revenue")}}, "all"},
		{"empty all", rule.All(), "all"},
		{"value with unknown", rule.Condition{Field: "referrals", Op: rule.IsUnknown, Value: 1}, "value"},
	} {
		_, err := rule.Compile(tc.c)
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != tc.path {
			t.Errorf("%s: Compile = %v, want an error naming %q", tc.name, err, tc.path)
		}
	}
	nested := rule.KnownField("referrals")
	for i := 0; i < rule.MaxDepth; i++ {
		nested = rule.Not(nested)
	}
	if _, err := rule.Compile(nested); !errors.Is(err, rule.ErrLimit) {
		t.Errorf("deep Go condition: %v, want ErrLimit", err)
	}
}

// What a CRM stores, it loads back unchanged: parse, marshal, parse gives
// an identical condition, and marshal is stable.
func TestRoundTrip(t *testing.T) {
	for _, text := range []string{
		`{"field":"recency_days","op":"gt","value":90}`,
		`{"field":"loyalty_member","op":"eq","value":false}`,
		`{"field":"referrals","op":"unknown"}`,
		`{"all":[{"field":"occasions","op":">=","value":3},{"any":[{"field":"referrals","op":"GE","value":1},{"field":"b2b","op":"ne","value":true}]},{"not":{"field":"recency_days","op":"gt","value":180.5}}]}`,
		`{"any":[{"field":"revenue","op":"lt","value":-12.75},{"field":"discount_share","op":"ge","value":0.9}], "all": null}`,
	} {
		first, err := rule.Parse([]byte(text))
		require.NoError(t, err, text)
		out, err := json.Marshal(first)
		require.NoError(t, err)
		second, err := rule.Parse(out)
		require.NoError(t, err, string(out))
		if diff := cmp.Diff(first.Condition(), second.Condition()); diff != "" {
			t.Errorf("round trip of %s (-first +second):\n%s", text, diff)
		}
		again, _ := json.Marshal(second)
		if string(again) != string(out) {
			t.Errorf("marshal not stable:\n%s\n%s", out, again)
		}
	}
	// A *Rule is a JSON value of its own.
	var holder struct{ R *rule.Rule }
	require.NoError(t, json.Unmarshal([]byte(`{"R":{"field":"referrals","op":"ge","value":1}}`), &holder))
	if got := holder.R.String(); got != "referrals >= 1" {
		t.Errorf("decoded rule reads %q", got)
	}
	if err := json.Unmarshal([]byte(`{"R":{"field":"referals","op":"ge","value":1}}`), &holder); err == nil {
		t.Error("a bad rule decoded")
	}
}

func TestConditionIsCopied(t *testing.T) {
	c := rule.All(rule.Compare("occasions", rule.Ge, 3))
	r, err := rule.Compile(c)
	require.NoError(t, err)
	c.All[0].Value = 100
	p := customer(3, 1, nil)
	if !r.Holds(p) {
		t.Error("changing the source condition changed the compiled rule")
	}
	got := r.Condition()
	got.All[0].Field = "revenue"
	if r.Condition().All[0].Field != "occasions" {
		t.Error("Condition returned shared state")
	}
}

func TestString(t *testing.T) {
	r := rule.MustParse(`{"all":[{"field":"occasions","op":"ge","value":3},{"any":[{"field":"referrals","op":"known"},{"field":"b2b","op":"eq","value":true}]},{"not":{"field":"recency_days","op":"gt","value":180}}]}`)
	want := "(occasions >= 3 and (referrals is known or b2b == true) and not recency_days > 180)"
	if got := r.String(); got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if diff := cmp.Diff([]string{"occasions", "referrals", "b2b", "recency_days"}, r.Fields()); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
}

func TestExplain(t *testing.T) {
	r := rule.MustParse(`{"all":[{"field":"occasions","op":"ge","value":3},{"not":{"field":"referrals","op":"lt","value":1}},{"field":"b2b","op":"known"}]}`)
	p := customer(4, 10, func(s *segment.Signals) { s.Referrals = segment.Some(0) })
	truth, reasons := r.Explain(p)
	if truth != rule.False || truth != r.Test(p) {
		t.Fatalf("Explain truth %v, Test %v; want false", truth, r.Test(p))
	}
	want := []segment.Reason{
		{Rule: "rule.all[0]", Field: "occasions", Value: 4, Known: true, Op: segment.GreaterEq, Threshold: 3, Held: true},
		{Rule: "rule.all[1].not", Field: "referrals", Value: 0, Known: true, Op: segment.Less, Threshold: 1, Held: true},
		{Rule: "rule.all[2]", Field: "b2b", Known: false, Held: false},
	}
	if diff := cmp.Diff(want, reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	rs, truth := rule.MustParse(`{"field":"referrals","op":"ge","value":1}`).AppendReasons(reasons[:1], customer(1, 1, nil), "fan.require", "fan")
	if truth != rule.Unknown || len(rs) != 2 || rs[1].Rule != "fan.require" || rs[1].Label != "fan" || rs[1].Known || rs[1].Held {
		t.Errorf("AppendReasons = %v, %+v", truth, rs)
	}
	if got := rs[1].Text(segment.English); got != "fan: referrals unknown (threshold >= 1) — no" {
		t.Errorf("reason text %q", got)
	}
}

// Explain walks every leaf, Test short-circuits; they must agree on random
// profiles for every shape of rule.
func TestExplainAgreesWithTest(t *testing.T) {
	rules := []string{
		`{"all":[{"field":"occasions","op":"ge","value":3},{"field":"referrals","op":"ge","value":1}]}`,
		`{"any":[{"field":"recency_days","op":"gt","value":180},{"not":{"field":"complaints","op":"eq","value":0}}]}`,
		`{"not":{"any":[{"field":"b2b","op":"eq","value":true},{"field":"distance_km","op":"unknown"},{"all":[{"field":"revenue","op":"gt","value":500},{"field":"days_since_complaint","op":"le","value":90}]}]}}`,
	}
	for _, text := range rules {
		r := rule.MustParse(text)
		for _, p := range randomProfiles() {
			truth, _ := r.Explain(&p)
			if got := r.Test(&p); got != truth {
				t.Fatalf("%s on %s: Test %v, Explain %v", text, p.ID, got, truth)
			}
		}
	}
}

func TestZeroRule(t *testing.T) {
	var r rule.Rule
	if r.Test(customer(1, 1, nil)) != rule.Unknown || !r.NeverHolds() {
		t.Error("the zero rule should be unknown and never hold")
	}
	if _, rs := r.Explain(customer(1, 1, nil)); len(rs) != 0 {
		t.Error("the zero rule has reasons")
	}
}

func TestOps(t *testing.T) {
	for op := rule.Lt; op <= rule.IsUnknown; op++ {
		text, err := op.MarshalText()
		require.NoError(t, err)
		var back rule.Op
		require.NoError(t, back.UnmarshalText(text))
		if back != op {
			t.Errorf("%v round trips to %v", op, back)
		}
	}
	if _, err := rule.NoOp.MarshalText(); err == nil {
		t.Error("NoOp marshalled")
	}
	var o rule.Op
	if err := o.UnmarshalText([]byte("about")); err == nil {
		t.Error("unknown op accepted")
	}
	if rule.IsKnown.Compare() != segment.NoOp || rule.Ge.Compare() != segment.GreaterEq {
		t.Error("Compare wrong")
	}
}

func BenchmarkTest(b *testing.B) {
	r := rule.MustParse(`{"all":[{"field":"occasions","op":"ge","value":3},{"any":[{"field":"referrals","op":"ge","value":1},{"field":"loyalty_member","op":"eq","value":true}]},{"not":{"field":"recency_days","op":"gt","value":180}}]}`)
	p := customer(4, 30, func(s *segment.Signals) { s.LoyaltyMember = segment.Some(true) })
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Test(p)
	}
}

func TestTestDoesNotAllocate(t *testing.T) {
	r := rule.MustParse(`{"all":[{"field":"occasions","op":"ge","value":3},{"any":[{"field":"referrals","op":"ge","value":1},{"field":"loyalty_member","op":"eq","value":true}]},{"not":{"field":"recency_days","op":"gt","value":180}}]}`)
	p := customer(4, 30, nil)
	if n := testing.AllocsPerRun(100, func() { _ = r.Test(p) }); n != 0 {
		t.Errorf("Test allocates %v times", n)
	}
}
