package behavior_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: no input panics; an accepted configuration round trips
// through JSON unchanged and gives a classifier that keeps the contract.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"sleeping_days": 60, "new_days": 45}`, `{"lost_days": 80}`,
		`{"priority": ["gold", "regular"], "disabled": ["fan"]}`,
		`{"require": {"gold": {"field": "loyalty_member", "op": "eq", "value": true}}}`,
		`{"require": {"fan": {"any": [{"field": "referrals", "op": "ge", "value": 2}, {"not": {"field": "b2b", "op": "known"}}]}}}`,
		`{"gold_revenue_top": 1e400}`, `[]`, `{"priority": null}`,
	} {
		f.Add([]byte(s))
	}
	profiles := segmenttest.Random(40, 17)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := behavior.ParseConfig(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatalf("accepted %s, cannot marshal: %v", data, err)
		}
		back, err := behavior.ParseConfig(b)
		if err != nil {
			t.Fatalf("accepted %s, marshalled %s, which is refused: %v", data, b, err)
		}
		if diff := cmp.Diff(cfg, back); diff != "" {
			t.Fatalf("round trip of %s (-first +second):\n%s", data, diff)
		}
		c, err := behavior.New(&cfg)
		if err != nil {
			t.Fatalf("ParseConfig accepted %s, New refuses: %v", data, err)
		}
		c = c.Fit(profiles)
		for i := range profiles {
			if ex := c.Explain(&profiles[i]); ex.Result != c.Classify(&profiles[i]) {
				t.Fatalf("%s: Explain and Classify disagree", data)
			}
		}
	})
}
