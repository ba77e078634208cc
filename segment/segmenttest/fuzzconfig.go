package segmenttest

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// Config is what [FuzzConfig] needs of a typology's configuration.
type Config interface {
	Validate() error
}

// FuzzConfig fuzzes a typology's configuration parser: no input panics; a
// refusal names the field (a *segment.FieldError) or is about the JSON text
// itself (syntax, truncation, trailing data, size), where there is no
// field to name; what is accepted is valid, builds a classifier whose
// labels on [Random] profiles are in range, and survives a JSON round
// trip unchanged. Seeds are added to the corpus in testdata/fuzz.
func FuzzConfig[C Config, L segment.Label](f *testing.F, parse func([]byte) (C, error),
	build func(*C) (segment.Classifier[L], error), labels *segment.Enum[L], seeds ...string) {
	for _, seed := range seeds {
		f.Add([]byte(seed))
	}
	profiles := Random(20, 5)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := parse(data)
		if err != nil {
			checkConfigError(t, data, err)
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("ParseConfig accepted %q, Validate says %v", data, err)
		}
		c, err := build(&cfg)
		if err != nil {
			t.Fatalf("ParseConfig accepted %q, New says %v", data, err)
		}
		for i := range profiles {
			if r := c.Classify(&profiles[i]); !labels.Valid(r.Primary) {
				t.Fatalf("%s: primary label %d out of range", data, r.Primary)
			}
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		back, err := parse(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if !reflect.DeepEqual(cfg, back) {
			t.Fatalf("round trip changed the configuration:\nwant %+v\n got %+v", cfg, back)
		}
	})
}

// checkConfigError fails unless err names a field or is about the JSON
// text itself.
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
