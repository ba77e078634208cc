package rule_test

import (
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// A CRM stores "worth a call": a repeat buyer who refers others or is in
// the loyalty programme, and has not gone quiet for half a year.
func Example() {
	r, err := rule.Parse([]byte(`{"all": [
		{"field": "occasions", "op": "ge", "value": 3},
		{"any": [
			{"field": "referrals", "op": "ge", "value": 1},
			{"field": "loyalty_member", "op": "eq", "value": true}
		]},
		{"not": {"field": "recency_days", "op": "gt", "value": 180}}
	]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 4, Orders: 4, Revenue: 320,
		First: asOf.AddDays(-300), Last: asOf.AddDays(-20)}
	fmt.Println("nothing else known:", r.Test(&p))
	p.Signals.LoyaltyMember = segment.Some(true)
	fmt.Println("loyalty member:", r.Test(&p), r.Holds(&p))
	// Output:
	// nothing else known: unknown
	// loyalty member: true true
}

// Errors name the path inside the rule and suggest the field meant.
func ExampleParse_errors() {
	_, err := rule.Parse([]byte(`{"all": [
		{"field": "occasions", "op": "ge", "value": 3},
		{"any": [{"field": "referals", "op": "ge", "value": 1}]}
	]}`))
	fmt.Println(err)
	_, err = rule.Parse([]byte(`{"field": "occasions", "op": "eq", "value": "three"}`))
	fmt.Println(err)
	// Output:
	// rule: all[1].any[0].field "referals": unknown field; did you mean referrals?
	// rule: value "three": want a number for count field occasions
}

// The same rule built in Go; it marshals to the JSON a CRM stores.
func ExampleCompile() {
	r, err := rule.Compile(rule.All(
		rule.Compare("discount_share", rule.Ge, 0.9),
		rule.Not(rule.Flag("b2b", true)),
	))
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	fmt.Println(r)
	// Output:
	// {"all":[{"field":"discount_share","op":"ge","value":0.9},{"not":{"field":"b2b","op":"eq","value":true}}]}
	// (discount_share >= 0.9 and not b2b == true)
}

// Deciding explicitly what a missing signal means: "no recorded complaint"
// counts as none.
func ExampleUnknownField() {
	calm := rule.Any(rule.UnknownField("complaints"), rule.Compare("complaints", rule.Eq, 0))
	r, _ := rule.Compile(calm)
	var p segment.Profile
	fmt.Println(r.Test(&p))
	p.Signals.Complaints = segment.Some(2)
	fmt.Println(r.Test(&p))
	// Output:
	// true
	// false
}

func ExampleRule_Explain() {
	r := rule.MustParse(`{"all":[{"field":"occasions","op":"ge","value":3},{"field":"referrals","op":"ge","value":1}]}`)
	p := segment.Profile{Occasions: 5}
	truth, reasons := r.Explain(&p)
	fmt.Println(truth)
	for _, reason := range reasons {
		fmt.Println(reason.Text(segment.English))
		fmt.Println(reason.Text(segment.Russian))
	}
	// Output:
	// unknown
	// rule.all[0]: purchase occasions = 5 >= 3 — yes
	// rule.all[0]: покупок (визитов) = 5 >= 3 — да
	// rule.all[1]: referrals unknown (threshold >= 1) — no
	// rule.all[1]: рекомендаций (приведённых клиентов) неизвестно (порог >= 1) — нет
}

func ExampleRule_NeverHolds() {
	r := rule.MustParse(`{"all":[{"field":"occasions","op":"gt","value":2},{"field":"occasions","op":"lt","value":3}]}`)
	fmt.Println(r.NeverHolds())
	// Output:
	// true
}
