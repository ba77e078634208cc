package rule_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// The rule-file rows of the bad-input matrix: oversized and deep
// conditions are refused with ErrLimit and the path where the limit was
// crossed, before anything is compiled; nesting far beyond any limit is an
// error, not a stack overflow.
func TestBadInputRules(t *testing.T) {
	leaf := `{"field": "occasions", "op": "ge", "value": 1}`
	nest := func(n int) string { return strings.Repeat(`{"not": `, n) + leaf + strings.Repeat(`}`, n) }
	anyOf := func(n int) string { return `{"any": [` + strings.TrimSuffix(strings.Repeat(leaf+",", n), ",") + `]}` }
	for _, r := range []struct {
		name, json string
		limit      bool   // wraps rule.ErrLimit
		say        string // the error says this
	}{
		{"rule_at_MaxDepth", nest(rule.MaxDepth - 1), false, ""},
		{"rule_over_MaxDepth", nest(rule.MaxDepth), true, "not.not.not"},
		{"rule_at_MaxNodes", anyOf(rule.MaxNodes - 1), false, ""},
		{"rule_over_MaxNodes", anyOf(rule.MaxNodes), true, "more than 1000 conditions"},
		{"rule_over_MaxBytes", `{"all": [` + leaf + `]}` + strings.Repeat(" ", rule.MaxBytes), true, "the limit is 1048576"},
		{"rule_nested_100000_deep", nest(100000), false, "exceeded max depth"},
		{"rule_unknown_field", `{"field": "recency_day", "op": "gt", "value": 90}`, false, "recency_days"},
		{"rule_unknown_key", `{"field": "occasions", "op": "ge", "value": 1, "weight": 2}`, false, "weight"},
		{"rule_wrong_value_type", `{"field": "b2b", "op": "eq", "value": 1}`, false, "value"},
		{"rule_not_a_number", `{"field": "revenue", "op": "gt", "value": 1e999}`, false, "value"},
	} {
		t.Run(r.name, func(t *testing.T) {
			_, err := rule.Parse([]byte(r.json))
			if r.say == "" {
				if err != nil {
					t.Fatalf("within the limits: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), r.say) {
				t.Fatalf("got %.300v, want an error saying %q", err, r.say)
			}
			if r.limit != errors.Is(err, rule.ErrLimit) {
				t.Errorf("%.200v: wraps ErrLimit %v, want %v", err, !r.limit, r.limit)
			}
			var fe *segment.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%.200v is not a FieldError", err)
			}
		})
	}
}
