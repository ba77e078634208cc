package rule_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment/rule"
)

// FuzzParse: no input panics; whatever parses marshals back to text that
// parses to the identical condition; evaluation never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"field":"recency_days","op":"gt","value":90}`,
		`{"all":[{"field":"occasions","op":">=","value":3},{"not":{"field":"b2b","op":"eq","value":true}}]}`,
		`{"any":[{"field":"referrals","op":"unknown"},{"field":"revenue","op":"lt","value":-1.5e3}]}`,
		`{"all":[]}`, `{"not":null}`, `[]`, `{"field":"x"}`, `{"value":1e999}`,
	} {
		f.Add([]byte(s))
	}
	profiles := randomProfiles()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := rule.Parse(data)
		if err != nil {
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("parsed %s, marshal failed: %v", data, err)
		}
		back, err := rule.Parse(out)
		if err != nil {
			t.Fatalf("parsed %s, marshalled %s, which does not parse: %v", data, out, err)
		}
		if diff := cmp.Diff(r.Condition(), back.Condition()); diff != "" {
			t.Fatalf("round trip of %s (-first +second):\n%s", data, diff)
		}
		for i := range profiles[:20] {
			truth, _ := r.Explain(&profiles[i])
			if truth != r.Test(&profiles[i]) {
				t.Fatalf("%s: Explain and Test disagree", data)
			}
		}
		_ = r.NeverHolds()
		_ = r.String()
	})
}
