package perception_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
)

func TestParseConfig(t *testing.T) {
	cfg, err := perception.ParseConfig([]byte(`{"min_engagements": 3, "weights": {"store_visits": 0.2}}`))
	require.NoError(t, err)
	want := perception.Defaults()
	want.MinEngagements, want.Weights.StoreVisits = 3, 0.2
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	back, err := perception.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	empty, err := perception.ParseConfig([]byte(`{}`))
	require.NoError(t, err)
	if diff := cmp.Diff(perception.Defaults(), empty); diff != "" {
		t.Errorf("ParseConfig({}) (-want +got):\n%s", diff)
	}
	c, err := perception.New(nil)
	require.NoError(t, err)
	if diff := cmp.Diff(perception.Defaults(), c.Config()); diff != "" {
		t.Errorf("New(nil).Config() (-want +got):\n%s", diff)
	}
}

func TestInvalidConfigRejected(t *testing.T) {
	for _, bad := range []struct {
		json, field, value string
	}{
		{`{"min_engagements": -1}`, "min_engagements", "-1"},
		{`{"confident_engagements": -30}`, "confident_engagements", "-30"},
		{`{"min_share": 1.2}`, "min_share", "1.2"},
		{`{"secondary_share": -0.25}`, "secondary_share", "-0.25"},
		{`{"clear_margin": 0.001}`, "clear_margin", "0.001"},
		{`{"weights": {"video_views": -1}}`, "weights.video_views", "-1"},
		{`{"weights": {"image_views": 1001}}`, "weights.image_views", "1001"},
		{`{"weights": {"audio_plays": 0.001}}`, "weights.audio_plays", "0.001"},
		{`{"weights": {"calls": -2}}`, "weights.calls", "-2"},
		{`{"weights": {"webinars": 5000}}`, "weights.webinars", "5000"},
		{`{"weights": {"store_visits": -0.5}}`, "weights.store_visits", "-0.5"},
		{`{"weights": {"samples": 1e9}}`, "weights.samples", "1e+09"},
		{`{"weights": {"tastings": -3}}`, "weights.tastings", "-3"},
		{`{"weights": {"test_drives": 0.005}}`, "weights.test_drives", "0.005"},
		{`{"weights": {"master_classes": -5}}`, "weights.master_classes", "-5"},
		// Ordered thresholds: the minimum cannot exceed full evidence.
		{`{"min_engagements": 31}`, "min_engagements", "31"},
		{`{"min_engagements": 10, "confident_engagements": 9}`, "min_engagements", "10"},
		// Wrong types and misspelt names are errors, not silent defaults.
		{`{"min_engagements": 2.5}`, "min_engagements", "number 2.5"},
		{`{"weights": {"podcasts": 1}}`, "", "podcasts"},
		{`{"min_engagement": 5}`, "", "min_engagement"},
	} {
		_, err := perception.ParseConfig([]byte(bad.json))
		if err == nil {
			t.Errorf("%s accepted", bad.json)
			continue
		}
		if !strings.HasPrefix(err.Error(), "perception: ") {
			t.Errorf("%s: error %q lacks the package prefix", bad.json, err)
		}
		if bad.field == "" {
			if !strings.Contains(err.Error(), `"`+bad.value+`"`) {
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
		cfg   perception.Config
		field string
	}{
		{perception.Config{MinShare: math.NaN()}, "min_share"},
		{perception.Config{Weights: perception.Weights{Calls: math.Inf(1)}}, "weights.calls"},
		{perception.Config{MinEngagements: 50}, "min_engagements"},
	} {
		c, err := perception.New(&bad.cfg)
		var fe *segment.FieldError
		if c != nil || !errors.As(err, &fe) || fe.Field != bad.field {
			t.Errorf("New(%+v) = %v, %v; want an error naming %s", bad.cfg, c, err, bad.field)
		}
	}
}

// A shop where every purchase is made in store counts store visits less;
// the same customer then leans elsewhere.
func TestCustomWeights(t *testing.T) {
	p := views(6, 5, 12)
	if got := mustNew(t, nil).Classify(&p).Primary; got != perception.Kinesthetic {
		t.Errorf("defaults: %s, want kinesthetic", got)
	}
	c := mustNew(t, &perception.Config{Weights: perception.Weights{StoreVisits: 0.1}})
	if got := c.Classify(&p).Primary; got != perception.Visual {
		t.Errorf("store visits weighted 0.1: %s, want visual", got)
	}
}
