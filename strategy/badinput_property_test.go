package strategy_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/clv"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// parsers are every configuration a CRM stores as JSON, each with one
// field it really has.
var parsers = []struct {
	name  string
	parse func([]byte) error
	field string
}{
	{"ladder", func(b []byte) error { _, err := ladder.ParseConfig(b); return err }, "active_days"},
	{"loyalty", func(b []byte) error { _, err := loyalty.ParseConfig(b); return err }, "active_days"},
	{"disc", func(b []byte) error { _, err := disc.ParseConfig(b); return err }, "min_score"},
	{"sabone", func(b []byte) error { _, err := sabone.ParseConfig(b); return err }, "min_score"},
	{"perception", func(b []byte) error { _, err := perception.ParseConfig(b); return err }, "min_score"},
	{"decision", func(b []byte) error { _, err := decision.ParseConfig(b); return err }, "min_score"},
	{"behavior", func(b []byte) error { _, err := behavior.ParseConfig(b); return err }, "sleeping_days"},
	{"rfm", func(b []byte) error { _, err := rfm.ParseConfig(b); return err }, "recency"},
	{"clv", func(b []byte) error { _, err := clv.ParseFitOptions(b); return err }, "penalizer"},
	{"strategy", func(b []byte) error { _, err := strategy.ParseConfig(b); return err }, "max_actions"},
}

// The configuration rows of the bad-input matrix: a misspelt (unknown)
// field, a value of the wrong type, a number JSON cannot hold and a file
// over segment.MaxConfigBytes are errors naming the field (or the size),
// for every configuration.
func TestBadInputConfigs(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			if err := p.parse([]byte(`{}`)); err != nil {
				t.Fatalf("the empty configuration (all defaults): %v", err)
			}
			var fe *segment.FieldError
			misspelt := p.field + "s"
			err := p.parse([]byte(fmt.Sprintf(`{%q: 1}`, misspelt)))
			if !errors.As(err, &fe) || fe.Field != misspelt || !errors.Is(err, segment.ErrUnknownField) {
				t.Errorf("unknown field: %v; want a FieldError for %q wrapping ErrUnknownField", err, misspelt)
			}
			err = p.parse([]byte(fmt.Sprintf(`{%q: "30"}`, p.field)))
			if !errors.As(err, &fe) || fe.Field != p.field {
				t.Errorf("text for a number: %v; want a FieldError for %q", err, p.field)
			}
			err = p.parse([]byte(fmt.Sprintf(`{%q: 1e999}`, p.field)))
			if err == nil || !strings.Contains(err.Error(), p.field) && !strings.Contains(err.Error(), "1e999") {
				t.Errorf("a number beyond float64: %v; want an error naming the field or the value", err)
			}
			huge := []byte(`{"` + p.field + `": 1` + strings.Repeat(" ", segment.MaxConfigBytes) + `}`)
			if err := p.parse(huge); !errors.Is(err, segment.ErrRange) || !strings.Contains(err.Error(), "limit") {
				t.Errorf("a configuration over %d bytes: %v; want ErrRange naming the limit", segment.MaxConfigBytes, err)
			}
		})
	}
}

// Oversized rule files: more matches in one rule than MaxMatches, more
// rules than MaxRules and more actions than MaxActions are refused with
// the limit named, before anything is planned.
func TestBadInputStrategyLimits(t *testing.T) {
	match := `{"typology": "rung", "label": "regular"}`
	treatment := func(id string, matches int) string {
		return fmt.Sprintf(`{"id": %q, "when": [%s], "action": "useful_content", "weight": 1}`, id, strings.TrimSuffix(strings.Repeat(match+",", matches), ","))
	}
	var many []string
	for i := range strategy.MaxRules + 1 {
		many = append(many, treatment(fmt.Sprintf("t%d", i), 1))
	}
	var actions []string
	for i := range strategy.MaxActions + 1 {
		actions = append(actions, fmt.Sprintf(`{"id": "a%d", "en": {"title": "A", "text": "A"}, "ru": {"title": "А", "text": "А"}, "channel": "email", "format": "letter", "cost": "low", "kind": "retain"}`, i))
	}
	for _, r := range []struct {
		name, json, want string
	}{
		{"strategy_matches_over_MaxMatches", `{"treatments": [` + treatment("t", strategy.MaxMatches+1) + `]}`, fmt.Sprintf("at most %d matches", strategy.MaxMatches)},
		{"strategy_rules_over_MaxRules", `{"treatments": [` + strings.Join(many, ",") + `]}`, fmt.Sprintf("the limit is %d", strategy.MaxRules)},
		{"strategy_actions_over_MaxActions", `{"actions": [` + strings.Join(actions, ",") + `]}`, fmt.Sprintf("the limit is %d", strategy.MaxActions)},
	} {
		t.Run(r.name, func(t *testing.T) {
			_, err := strategy.ParseConfig([]byte(r.json))
			if err == nil || !strings.Contains(err.Error(), r.want) {
				t.Fatalf("got %v, want an error saying %q", err, r.want)
			}
		})
	}
}
