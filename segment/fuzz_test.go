package segment_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// A date that parses prints as YYYY-MM-DD and parses back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "20240229", "2024-03-15T23:30:00-05:00", "1900-01-01", "9999-12-31", "2023-02-29", "", "0000-00-00", "2024-03-15T25:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := segment.ParseDate(s)
		if db, errB := segment.ParseDateBytes([]byte(s)); db != d || fmt.Sprint(errB) != fmt.Sprint(err) {
			t.Fatalf("ParseDateBytes(%q) = %v, %v; ParseDate gives %v, %v", s, db, errB, d, err)
		}
		if err != nil {
			if !errors.Is(err, segment.ErrDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrDate", s, err)
			}
			return
		}
		if d.Before(segment.MinDate) || d.After(segment.MaxDate) {
			t.Fatalf("ParseDate(%q) = %s, outside the bounds", s, d)
		}
		back, err := segment.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q -> %s -> %s, %v", s, d, back, err)
		}
	})
}

// Signals.Set never panics, and either sets a valid signal or returns a
// FieldError naming it.
func FuzzSignalsSet(f *testing.F) {
	f.Add("referrals", "3")
	f.Add("distance_km", "1e308")
	f.Add("last_complaint", "2024-01-01")
	f.Add("b2b", "yes")
	f.Add("complaints", "-1")
	f.Fuzz(func(t *testing.T, name, text string) {
		var s segment.Signals
		err := s.Set(name, text)
		if err != nil {
			var fe *segment.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Set(%q, %q) = %v, not a FieldError", name, text, err)
			}
			return
		}
		p := segment.Profile{Signals: s}
		if err := p.Validate(); err != nil {
			t.Fatalf("Set(%q, %q) accepted a value Validate rejects: %v", name, text, err)
		}
	})
}

// Profiles decode from any JSON without panicking, and what decodes
// encodes and decodes to the same profile.
func FuzzProfileJSON(f *testing.F) {
	f.Add([]byte(`{"id":"C1","as_of":"2024-06-01","occasions":2,"signals":{"referrals":3,"b2b":true,"last_complaint":"2024-05-01"}}`))
	f.Add([]byte(`{"signals":{"distance_km":null}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p segment.Profile
		if json.Unmarshal(b, &p) != nil {
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			return // NaN cannot come from JSON; nothing else fails
		}
		var back segment.Profile
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if back != p {
			t.Fatalf("round trip changed the profile:\n%+v\n%+v", p, back)
		}
	})
}

// DecodeConfig never panics and rejects what it cannot take with an error.
func FuzzDecodeConfig(f *testing.F) {
	f.Add([]byte(`{"days": 120}`))
	f.Add([]byte(`{"inner": {"share": 0.5}}`))
	f.Add([]byte(`{"max": null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var c cfg
		if segment.DecodeConfig(b, &c) != nil {
			return
		}
		_ = segment.CheckRanges("fuzz", &c)
	})
}

// Labels parse case-insensitively and print back to a name that parses to
// the same label.
func FuzzEnumText(f *testing.F) {
	f.Add("gold")
	f.Add("ЗОЛОТОЙ КЛИЕНТ")
	f.Add("Tier(7)")
	f.Fuzz(func(t *testing.T, s string) {
		var l tier
		if l.UnmarshalText([]byte(s)) != nil {
			return
		}
		b, err := l.MarshalText()
		if err != nil {
			t.Fatalf("parsed %q to %d, which does not marshal: %v", s, l, err)
		}
		var back tier
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Fatalf("%q -> %s -> %v, %v", s, b, back, err)
		}
	})
}
