package strategy_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
	"github.com/clientele-go/clientele/strategy"
)

// FuzzParseConfig covers the rule and action files a CRM stores: no input
// panics; a refusal names the field (or is a JSON syntax error); an
// accepted strategy compiles, plans for every customer without panicking,
// and survives a JSON round trip unchanged (an empty
// patch list and an absent one are the same). Seeds (the default strategy,
// patches, broken rules): testdata/fuzz/FuzzParseConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(strategy.Defaults())
	for _, seed := range []string{
		string(def), `{}`, `null`, `{"max_actions": 3}`, `{"guards": {"contacts_per_month": 0}}`,
		`{"patch": {"remove_actions": ["x"]}}`, `{"treatments": [{"id": "t", "when": [{"typology": "rung", "label": "gold"}], "action": "nope", "weight": 1}]}`,
		`{"patch": {"reweight": {"": 1e308}}}`,
	} {
		f.Add([]byte(seed))
	}
	cs, err := strategy.Fit(segmenttest.Random(200, 3), nil)
	if err != nil {
		f.Fatal(err)
	}
	profiles := segmenttest.Random(30, 4)
	classes := make([]strategy.Classification, len(profiles))
	for i := range profiles {
		cs.Classify(&profiles[i], &classes[i])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := strategy.ParseConfig(data)
		if err != nil {
			checkConfigError(t, data, err)
			return
		}
		e, err := strategy.New(&cfg)
		if err != nil {
			t.Fatalf("ParseConfig accepted %q, New says %v", data, err)
		}
		var pb strategy.Playbook
		for i := range classes {
			e.PlanInto(&classes[i], &pb)
			if len(pb.Actions) > cfg.MaxActions {
				t.Fatalf("%d actions planned, at most %d configured", len(pb.Actions), cfg.MaxActions)
			}
			_ = pb.Render(segment.Russian)
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		back, err := strategy.ParseConfig(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if diff := cmp.Diff(cfg, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip of %q (-want +got):\n%s", data, diff)
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
		return
	}
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, segment.ErrRange) || strings.Contains(err.Error(), "trailing data") {
		return
	}
	t.Fatalf("ParseConfig(%q): %v names no field and is no JSON syntax error", data, err)
}

// Regression (found by FuzzParseConfig): an explicitly empty list ("no
// treatments", "no caps") was written back without the list, so a stored
// and reloaded strategy silently got the defaults again.
func TestEmptyListsSurviveJSON(t *testing.T) {
	cfg, err := strategy.ParseConfig([]byte(`{"treatments": [], "conflicts": [], "guards": {"caps": [], "risky": []}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	back, err := strategy.ParseConfig(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Treatments)+len(back.Conflicts)+len(back.Guards.Caps)+len(back.Guards.Risky) != 0 {
		t.Errorf("reloaded %s: %d treatments, %d conflicts, %d caps, %d risky matches; want none",
			b, len(back.Treatments), len(back.Conflicts), len(back.Guards.Caps), len(back.Guards.Risky))
	}
}
