package segment_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

type inner struct {
	Share float64 `json:"share" range:"0,1"`
}

type cfg struct {
	Max    segment.Opt[int] `json:"max,omitzero" range:"0,10"`
	Days   int              `json:"days" range:"1,3650"`
	Ratio  float64          `json:"ratio" range:"0.5,10"`
	Inner  inner            `json:"inner"`
	Labels []string
}

func TestConfigHelpers(t *testing.T) {
	def := cfg{Max: segment.Some(3), Days: 90, Ratio: 2, Inner: inner{Share: 0.9}, Labels: []string{"a"}}
	var c cfg
	if err := segment.DecodeConfig([]byte(`{"days": 120, "max": 0}`), &c); err != nil {
		t.Fatal(err)
	}
	segment.FillDefaults(&c, def)
	// An Opt setting states 0 explicitly; absent, it takes the default.
	want := cfg{Max: segment.Some(0), Days: 120, Ratio: 2, Inner: inner{Share: 0.9}, Labels: []string{"a"}}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("decoded and filled (-want +got):\n%s", diff)
	}
	if err := segment.CheckRanges("test config", c); err != nil {
		t.Errorf("valid config: %v", err)
	}
	var absent cfg
	segment.FillDefaults(&absent, def)
	if absent.Max != segment.Some(3) {
		t.Errorf("an absent Opt setting takes the default: got %v", absent.Max)
	}
	if err := segment.DecodeConfig([]byte(`[1]`), &absent); err == nil || strings.Contains(err.Error(), "segment_test") || !strings.Contains(err.Error(), "want an object") {
		t.Errorf("top-level type error = %v; want a message without Go type names", err)
	}

	for _, tc := range []struct {
		json, field string
	}{
		{`{"days": 0.5}`, "days"},
		{`{"dyas": 3}`, "dyas"},
		{`{"days": "90"}`, "days"},
	} {
		var c cfg
		err := segment.DecodeConfig([]byte(tc.json), &c)
		if err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("DecodeConfig(%s) = %v; want an error naming %s", tc.json, err, tc.field)
		}
	}
	var fe *segment.FieldError
	if err := segment.DecodeConfig([]byte(`{"dyas": 3}`), &c); !errors.As(err, &fe) || fe.Field != "dyas" || !errors.Is(err, segment.ErrUnknownField) {
		t.Errorf("unknown field: %v; want a FieldError naming dyas", err)
	}
	if err := segment.DecodeConfig([]byte(`{} {}`), &c); err == nil {
		t.Error("trailing data accepted")
	}
	if err := segment.DecodeConfig(make([]byte, segment.MaxConfigBytes+1), &c); !errors.Is(err, segment.ErrRange) {
		t.Errorf("oversized config: %v", err)
	}

	for _, tc := range []struct {
		mutate func(*cfg)
		field  string
		cause  error
	}{
		{func(c *cfg) { c.Days = 4000 }, "days", segment.ErrRange},
		{func(c *cfg) { c.Ratio = math.NaN() }, "ratio", segment.ErrNotFinite},
		{func(c *cfg) { c.Inner.Share = 1.5 }, "inner.share", segment.ErrRange},
		{func(c *cfg) { c.Max = segment.Some(11) }, "max", segment.ErrRange},
	} {
		c := def
		tc.mutate(&c)
		err := segment.CheckRanges("test config", &c)
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field || fe.Record != "test config" || !errors.Is(err, tc.cause) {
			t.Errorf("CheckRanges = %v; want %v on %s", err, tc.cause, tc.field)
		}
	}
}

func TestRatioAndClamp(t *testing.T) {
	for _, tc := range []struct {
		v, t float64
		want float32
	}{
		{1, 2, 0.5}, {3, 2, 1}, {0, 2, 0}, {-1, 2, 0}, {math.NaN(), 2, 0}, {math.Inf(1), 2, 1}, {1, 0, 0}, {1, math.NaN(), 0},
	} {
		if got := segment.Ratio(tc.v, tc.t); got != tc.want {
			t.Errorf("Ratio(%v, %v) = %v, want %v", tc.v, tc.t, got, tc.want)
		}
	}
}
