package disc_test

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
)

func TestDefaultsAreValid(t *testing.T) {
	require.NoError(t, disc.Defaults().Validate())
	c := mustNew(t, nil)
	if diff := cmp.Diff(disc.Defaults(), c.Config()); diff != "" {
		t.Errorf("New(nil) config (-want +got):\n%s", diff)
	}
	// Zero fields take their defaults.
	c = mustNew(t, &disc.Config{Calls: 5})
	want := disc.Defaults()
	want.Calls = 5
	if diff := cmp.Diff(want, c.Config()); diff != "" {
		t.Errorf("New with one field (-want +got):\n%s", diff)
	}
}

func TestParseConfig(t *testing.T) {
	cfg, err := disc.ParseConfig([]byte(`{"social_posts": 5, "questionnaire_weight": 0.9}`))
	require.NoError(t, err)
	want := disc.Defaults()
	want.SocialPosts, want.QuestionnaireWeight = 5, 0.9
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	// What a CRM stores, it loads back unchanged.
	for _, c := range []disc.Config{disc.Defaults(), cfg} {
		b, err := json.Marshal(c)
		require.NoError(t, err)
		back, err := disc.ParseConfig(b)
		require.NoError(t, err)
		if diff := cmp.Diff(c, back); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
		}
	}
}

// rangeOf returns the bounds in a field's range tag.
func rangeOf(t *testing.T, f reflect.StructField) (lo, hi float64) {
	a, b, _ := strings.Cut(f.Tag.Get("range"), ",")
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	require.NoError(t, errors.Join(err1, err2), "range tag of %s", f.Name)
	return lo, hi
}

// Every field is rejected below its range and above it, with its name
// and the value in the error.
func TestConfigRejectsEveryFieldOutOfRange(t *testing.T) {
	typ := reflect.TypeOf(disc.Config{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		lo, hi := rangeOf(t, f)
		for _, v := range []float64{lo / 2, -1, hi * 2} { // 0 would mean the default
			text := strconv.FormatFloat(v, 'g', -1, 64)
			_, err := disc.ParseConfig([]byte(`{"` + name + `": ` + text + `}`))
			var fe *segment.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%s = %s: error %v, want a FieldError", name, text, err)
				continue
			}
			if fe.Field != name || fe.Value != text || !errors.Is(err, segment.ErrRange) || !strings.HasPrefix(err.Error(), "disc: ") {
				t.Errorf("%s = %s: got %q (field %q value %q)", name, text, err, fe.Field, fe.Value)
			}
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, json, want string
	}{
		{"quick not below deliberate", `{"quick_days": 7}`,
			`disc: disc config: quick_days "7": out of range: must be below deliberate_days (7)`},
		{"quick above deliberate", `{"quick_days": 10, "deliberate_days": 5}`,
			`disc: disc config: quick_days "10": out of range: must be below deliberate_days (5)`},
		{"conservative not below novelty", `{"conservative_share": 0.5}`,
			`disc: disc config: conservative_share "0.5": out of range: must be below new_product_share (0.5)`},
		{"out of range", `{"min_score": 1.5}`,
			`disc: disc config: min_score "1.5": out of range: want 0.01..1`},
		{"misspelt field", `{"social_post": 3}`,
			`disc: config: social_post "social_post": unknown field`},
		{"wrong type", `{"calls": "three"}`,
			`disc: config: calls "string": want a number`},
		{"trailing data", `{} {}`,
			`disc: config: trailing data after the configuration`},
	} {
		_, err := disc.ParseConfig([]byte(tc.json))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
	}
	// Just inside the cross-field bounds is fine.
	_, err := disc.ParseConfig([]byte(`{"quick_days": 6.99, "conservative_share": 0.49}`))
	require.NoError(t, err)

	// Values JSON cannot carry are checked by New and Validate.
	for _, cfg := range []disc.Config{{QuickDays: math.NaN()}, {Calls: math.Inf(1)}, {MinScore: -0.5}} {
		if _, err := disc.New(&cfg); err == nil {
			t.Errorf("New accepted %+v", cfg)
		}
	}
	if err := (disc.Config{}).Validate(); err == nil {
		t.Error("the zero Config validates, but only defaults filled in are valid")
	}
}
