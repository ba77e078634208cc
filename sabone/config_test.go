package sabone_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
)

func TestParseConfig(t *testing.T) {
	cfg, err := sabone.ParseConfig([]byte(`{"near_km": 1.5, "courses": 2}`))
	require.NoError(t, err)
	want := sabone.Defaults()
	want.NearKm, want.Courses = 1.5, 2
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	// What a CRM stores, it loads back unchanged.
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	back, err := sabone.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	// Every field is in the JSON under its documented name.
	var fields map[string]any
	require.NoError(t, json.Unmarshal(b, &fields))
	if len(fields) != 13 {
		t.Errorf("JSON has %d fields, want 13: %s", len(fields), b)
	}
	// An empty document and a nil *Config both mean the defaults.
	empty, err := sabone.ParseConfig([]byte(`{}`))
	require.NoError(t, err)
	if diff := cmp.Diff(sabone.Defaults(), empty); diff != "" {
		t.Errorf("ParseConfig({}) (-want +got):\n%s", diff)
	}
	c, err := sabone.New(nil)
	require.NoError(t, err)
	if diff := cmp.Diff(sabone.Defaults(), c.Config()); diff != "" {
		t.Errorf("New(nil).Config() (-want +got):\n%s", diff)
	}
}

func TestInvalidConfigRejected(t *testing.T) {
	for _, bad := range []struct {
		json, field, value string
	}{
		{`{"near_km": 0.001}`, "near_km", "0.001"},
		{`{"near_km": -3}`, "near_km", "-3"},
		{`{"novelty_share": 1.5}`, "novelty_share", "1.5"},
		{`{"social_posts": -1}`, "social_posts", "-1"},
		{`{"visits_per_purchase": 2e6}`, "visits_per_purchase", "2e+06"},
		{`{"discount_share": 2}`, "discount_share", "2"},
		{`{"redeem_share": -0.5}`, "redeem_share", "-0.5"},
		{`{"courses": -2}`, "courses", "-2"},
		{`{"webinars": -5}`, "webinars", "-5"},
		{`{"long_reads": -10}`, "long_reads", "-10"},
		{`{"newcomer_years": 101}`, "newcomer_years", "101"},
		{`{"newcomer_days": 40000}`, "newcomer_days", "40000"},
		{`{"expert_years": 0.001}`, "expert_years", "0.001"},
		{`{"premium_share": 1.01}`, "premium_share", "1.01"},
		// Ordered thresholds: a newcomer's experience must stay below an expert's.
		{`{"newcomer_years": 5}`, "newcomer_years", "5"},
		{`{"newcomer_years": 2, "expert_years": 1.5}`, "newcomer_years", "2"},
		// Wrong types and misspelt names are errors, not silent defaults.
		{`{"courses": 1.5}`, "courses", "number 1.5"},
		{`{"near": 3}`, "", ""},
	} {
		_, err := sabone.ParseConfig([]byte(bad.json))
		if err == nil {
			t.Errorf("%s accepted", bad.json)
			continue
		}
		if !strings.HasPrefix(err.Error(), "sabone: ") {
			t.Errorf("%s: error %q lacks the package prefix", bad.json, err)
		}
		if bad.field == "" {
			if !strings.Contains(err.Error(), `"near"`) {
				t.Errorf("%s: error %q does not name the unknown field", bad.json, err)
			}
			continue
		}
		var fe *segment.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %q is not a *segment.FieldError", bad.json, err)
			continue
		}
		if fe.Field != bad.field || fe.Value != bad.value {
			t.Errorf("%s: error names %s=%q, want %s=%q (%v)", bad.json, fe.Field, fe.Value, bad.field, bad.value, err)
		}
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	for _, bad := range []struct {
		cfg   sabone.Config
		field string
	}{
		{sabone.Config{NearKm: math.NaN()}, "near_km"},
		{sabone.Config{ExpertYears: math.Inf(1)}, "expert_years"},
		{sabone.Config{DiscountShare: -0.1}, "discount_share"},
		{sabone.Config{NewcomerYears: 5, ExpertYears: 5}, "newcomer_years"},
	} {
		c, err := sabone.New(&bad.cfg)
		var fe *segment.FieldError
		if c != nil || !errors.As(err, &fe) || fe.Field != bad.field {
			t.Errorf("New(%+v) = %v, %v; want an error naming %s", bad.cfg, c, err, bad.field)
		}
		if err != nil && !errors.Is(err, segment.ErrRange) && !errors.Is(err, segment.ErrNotFinite) {
			t.Errorf("New(%+v): %v wraps neither ErrRange nor ErrNotFinite", bad.cfg, err)
		}
	}
}

// A shop overrides a threshold and the boundary moves with it.
func TestCustomThreshold(t *testing.T) {
	c, err := sabone.New(&sabone.Config{NearKm: 10})
	require.NoError(t, err)
	p := buyer(2, func(p *segment.Profile) { p.Signals.DistanceKm = segment.Some(8.0) })
	if got := c.Classify(&p).Primary; got != sabone.Neighbourhood {
		t.Errorf("8 km with near_km 10: %s, want neighbourhood", got)
	}
	d := mustNew(t, nil)
	if got := d.Classify(&p).Primary; got != sabone.Unknown {
		t.Errorf("8 km with the default near_km: %s, want unknown", got)
	}
}
