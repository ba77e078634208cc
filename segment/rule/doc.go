// Package rule is rules as data: conditions over a customer's profile,
// written in JSON, stored by a CRM, checked and compiled once, then
// evaluated without allocating.
//
//	{"all": [
//	  {"field": "occasions", "op": "ge", "value": 3},
//	  {"any": [
//	    {"field": "referrals", "op": "ge", "value": 1},
//	    {"field": "loyalty_member", "op": "eq", "value": true}
//	  ]},
//	  {"not": {"field": "recency_days", "op": "gt", "value": 180}}
//	]}
//
// A leaf compares a field (one of [segment.Fields], such as
// "recency_days", "referrals", "discount_share") with a value using lt,
// le, gt, ge, eq or ne (or the symbols <, <=, >, >=, ==, !=), or tests
// whether the field is "known" or "unknown". Groups combine conditions:
// all, any, not. In Go, build the same with [All], [Any], [Not], [Compare],
// [Flag], [KnownField] and [UnknownField].
//
// # Unknown is a state, not a zero
//
// A CRM rarely records every signal, and a missing signal is not evidence
// of anything. Rules therefore use three-valued logic ([Truth]): a
// comparison on an unknown field is [Unknown], not false, and "not" of
// Unknown stays Unknown, so that neither "referrals >= 1" nor "not
// (referrals >= 1)" silently holds for a customer nobody asked. all and
// any follow Kleene's tables (False wins in all, True wins in any). Write
// {"field": "referrals", "op": "unknown"} to decide explicitly what a
// missing signal should mean. [Rule.Holds] is true only for [True].
//
// # Checking
//
// [Parse] and [Compile] refuse, with a [*segment.FieldError] that names
// the path inside the rule ("all[2].any[0].value"): unknown fields (with a
// suggestion) and ops, values of the wrong type (a string for a count, a
// number for a bool field, a fraction compared for equality with a count,
// a negative number of days), numbers that are not finite, values given to
// known/unknown, empty all/any, conditions that mix a leaf with a group,
// unknown keys, and rules over [MaxNodes] conditions, [MaxDepth] levels or
// [MaxBytes] of text. Decoding JSON into a [Condition] checks it the same
// way. [Rule.NeverHolds] finds rules that are contradictory in themselves
// ("occasions > 5 and occasions < 3").
//
// # Round trip
//
// A rule marshals back to the JSON form with keys in a fixed order: what a
// CRM stores, it loads back unchanged (parse, marshal and parse again gives
// an identical [Condition]).
//
// # Explanations
//
// [Rule.Explain] and [Rule.AppendReasons] return one [segment.Reason] per
// leaf: the field, its value or that it is unknown, the comparison, the
// threshold and whether it held, as data that renders in English or
// Russian.
package rule
