package rule_test

import (
	"fmt"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

func TestNeverHolds(t *testing.T) {
	for _, tc := range []struct {
		json  string
		never bool
		why   string
	}{
		{`{"field":"occasions","op":"ge","value":3}`, false, "a plain comparison"},
		{`{"all":[{"field":"occasions","op":"gt","value":5},{"field":"occasions","op":"lt","value":3}]}`, true, "empty interval"},
		{`{"all":[{"field":"occasions","op":"gt","value":2},{"field":"occasions","op":"lt","value":3}]}`, true, "no whole number between 2 and 3"},
		{`{"all":[{"field":"mean_gap_days","op":"gt","value":2},{"field":"mean_gap_days","op":"lt","value":3}]}`, false, "days may be fractional"},
		{`{"all":[{"field":"occasions","op":"ge","value":2},{"field":"occasions","op":"le","value":3},{"field":"occasions","op":"ne","value":2},{"field":"occasions","op":"ne","value":3}]}`, true, "every whole number excluded"},
		{`{"all":[{"field":"occasions","op":"ge","value":2},{"field":"occasions","op":"le","value":4},{"field":"occasions","op":"ne","value":2},{"field":"occasions","op":"ne","value":3}]}`, false, "4 remains"},
		{`{"all":[{"field":"revenue","op":"ge","value":10},{"field":"revenue","op":"le","value":10}]}`, false, "a single point"},
		{`{"all":[{"field":"revenue","op":"ge","value":10},{"field":"revenue","op":"le","value":10},{"field":"revenue","op":"ne","value":10}]}`, true, "the single point excluded"},
		{`{"all":[{"field":"revenue","op":"eq","value":10},{"field":"revenue","op":"eq","value":11}]}`, true, "two different equalities"},
		{`{"field":"recency_days","op":"lt","value":0}`, true, "days are never negative"},
		{`{"field":"recency_days","op":"le","value":0}`, false, "zero days is possible"},
		{`{"field":"revenue","op":"lt","value":0}`, false, "revenue can be negative after returns"},
		{`{"field":"occasions","op":"unknown"}`, true, "occasions is always known"},
		{`{"field":"referrals","op":"unknown"}`, false, "referrals can be unknown"},
		{`{"all":[{"field":"b2b","op":"eq","value":true},{"not":{"field":"b2b","op":"known"}}]}`, true, "compared means known"},
		{`{"all":[{"field":"b2b","op":"ne","value":true},{"field":"b2b","op":"ne","value":false}]}`, true, "a bool is true or false"},
		{`{"all":[{"field":"referrals","op":"ge","value":1},{"not":{"field":"referrals","op":"ge","value":1}}]}`, true, "x and not x"},
		{`{"any":[{"field":"referrals","op":"ge","value":1},{"not":{"field":"referrals","op":"ge","value":1}}]}`, false, "x or not x can be true"},
		{`{"not":{"any":[{"field":"referrals","op":"ge","value":1},{"not":{"field":"referrals","op":"ge","value":1}}]}}`, true, "not (x or not x) is never true, even in Kleene logic"},
		{`{"not":{"all":[{"field":"occasions","op":"ge","value":0},{"field":"occasions","op":"known"}]}}`, true, "occasions >= 0 always holds"},
		{`{"all":[{"any":[{"field":"occasions","op":"lt","value":2},{"field":"occasions","op":"gt","value":8}]},{"field":"occasions","op":"ge","value":3},{"field":"occasions","op":"le","value":7}]}`, true, "both branches contradict"},
		{`{"all":[{"any":[{"field":"occasions","op":"lt","value":2},{"field":"occasions","op":"gt","value":6}]},{"field":"occasions","op":"ge","value":3},{"field":"occasions","op":"le","value":7}]}`, false, "the second branch leaves 7"},
		{`{"all":[{"field":"occasions","op":"gt","value":5},{"field":"referrals","op":"lt","value":3}]}`, false, "different fields do not contradict"},
	} {
		r := rule.MustParse(tc.json)
		if got := r.NeverHolds(); got != tc.never {
			t.Errorf("%s: NeverHolds = %v, want %v (%s)", tc.json, got, tc.never, tc.why)
		}
	}
}

// NeverHolds is sound: a rule it calls impossible holds for none of the
// test kit's valid profiles (its claim is about valid profiles; the kit's
// hostile ones have negative counts on purpose).
func TestNeverHoldsIsSound(t *testing.T) {
	var profiles []segment.Profile
	for _, p := range randomProfiles() {
		if p.Validate() == nil {
			profiles = append(profiles, p)
		}
	}
	for _, f := range []string{"occasions", "referrals", "recency_days", "b2b", "revenue"} {
		for _, a := range []string{"lt", "le", "gt", "ge", "eq", "ne"} {
			for _, b := range []string{"lt", "le", "gt", "ge", "eq", "ne", "known", "unknown"} {
				for _, v := range []float64{0, 1, 3} {
					av, bv := fmt.Sprint(v), fmt.Sprint(v+1)
					if f == "b2b" {
						if a != "eq" && a != "ne" || v > 1 {
							continue
						}
						av, bv = "true", "false"
					}
					second := fmt.Sprintf(`{"field":%q,"op":%q,"value":%s}`, f, b, bv)
					if b == "known" || b == "unknown" {
						second = fmt.Sprintf(`{"field":%q,"op":%q}`, f, b)
					} else if f == "b2b" && b != "eq" && b != "ne" {
						continue
					}
					text := fmt.Sprintf(`{"all":[{"field":%q,"op":%q,"value":%s},%s]}`, f, a, av, second)
					r, err := rule.Parse([]byte(text))
					if err != nil {
						t.Fatalf("%s: %v", text, err)
					}
					never := r.NeverHolds()
					held := false
					for i := range profiles {
						if r.Holds(&profiles[i]) {
							held = true
							break
						}
					}
					if never && held {
						t.Errorf("%s: NeverHolds, but a profile satisfies it", text)
					}
				}
			}
		}
	}
}

// A rule whose disjunctions multiply beyond the proof budget is assumed
// possible rather than searched for ever.
func TestNeverHoldsGivesUpSafely(t *testing.T) {
	var c []rule.Condition
	for i := 0; i < 30; i++ {
		c = append(c, rule.Any(rule.Compare("occasions", rule.Lt, 1), rule.Compare("referrals", rule.Gt, float64(i))))
	}
	c = append(c, rule.Compare("occasions", rule.Lt, 0.5), rule.Compare("occasions", rule.Gt, 0.5))
	r, err := rule.Compile(rule.All(c...))
	if err != nil {
		t.Fatal(err)
	}
	_ = r.NeverHolds() // must return promptly; the answer may be either
	p := &segment.Profile{}
	if r.Holds(p) {
		t.Error("contradictory rule held")
	}
}
