package ladder_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/ladder"
)

// ParseConfig never panics; what it accepts is valid, builds a
// classifier, and survives a JSON round trip unchanged.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(ladder.Defaults())
	for _, seed := range []string{string(def), `{}`, `null`, `{"x": 1}`, `{"active_days": 0}`, `{"lapsed_days": 1e9}`, `[1]`, `{"redeem_share": "NaN"}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ladder.ParseConfig(data)
		if err != nil {
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("ParseConfig accepted %q, Validate says %v", data, err)
		}
		if _, err := ladder.New(&cfg); err != nil {
			t.Fatalf("ParseConfig accepted %q, New says %v", data, err)
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ladder.ParseConfig(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if diff := cmp.Diff(cfg, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}
