package sabone_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: no input panics; a refusal names the field (or is a
// JSON syntax error, where there is no field to name); what is accepted
// is valid, builds a classifier that classifies, and survives a JSON
// round trip unchanged. Seeds: testdata/fuzz/FuzzParseConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(sabone.Defaults())
	for _, seed := range []string{string(def), `{}`, `null`, `{"x": 1}`, `[1]`, `{"min_score": -1}`} {
		f.Add([]byte(seed))
	}
	profiles := segmenttest.Random(20, 5)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := sabone.ParseConfig(data)
		if err != nil {
			checkConfigError(t, data, err)
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("ParseConfig accepted %q, Validate says %v", data, err)
		}
		c, err := sabone.New(&cfg)
		if err != nil {
			t.Fatalf("ParseConfig accepted %q, New says %v", data, err)
		}
		for i := range profiles {
			if r := c.Classify(&profiles[i]); !sabone.Categories.Valid(r.Primary) {
				t.Fatalf("%s: primary label %d out of range", data, r.Primary)
			}
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		back, err := sabone.ParseConfig(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if diff := cmp.Diff(cfg, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// checkConfigError fails unless err names a field (a *segment.FieldError)
// or is about the JSON text itself (syntax, truncation, trailing data,
// size), where there is no field to name.
func checkConfigError(t *testing.T, data []byte, err error) {
	t.Helper()
	var fe *segment.FieldError
	if errors.As(err, &fe) {
		return // the field may be "" when the JSON key is
	}
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, segment.ErrRange) || strings.Contains(err.Error(), "trailing data") {
		return
	}
	t.Fatalf("ParseConfig(%q): %v (%T) names no field and is no JSON syntax error", data, err, errors.Unwrap(err))
}
