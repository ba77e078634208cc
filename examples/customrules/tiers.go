package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// Tier is the wine shop's own typology: what kind of wine buyer a
// customer is. Zero is unknown, as for every label type.
type Tier uint8

// The tiers.
const (
	UnknownTier Tier = iota
	Collector        // buys the premium range, often
	Explorer         // tries the new arrivals
	Casual           // buys now and then
)

// Tiers is the label table of Tier.
var Tiers = segment.NewEnum[Tier]("tier",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "collector", EN: "Collector", RU: "Коллекционер"},
	segment.LabelInfo{Name: "explorer", EN: "Explorer", RU: "Исследователь"},
	segment.LabelInfo{Name: "casual", EN: "Casual buyer", RU: "Случайный покупатель"},
)

func (t Tier) String() string                 { return Tiers.Name(t) }
func (t Tier) MarshalText() ([]byte, error)   { return Tiers.MarshalText(t) }
func (t *Tier) UnmarshalText(b []byte) error  { return Tiers.UnmarshalText(t, b) }
func (t Tier) Title(lang segment.Lang) string { return Tiers.Title(t, lang) }

// TierRule gives a tier to the customers its condition holds for.
type TierRule struct {
	Tier Tier           `json:"tier"`
	When rule.Condition `json:"when"`
}

// TierRules are ordered: the first rule that holds gives the primary
// tier, the next one the secondary. In JSON:
//
//	{"rules": [{"tier": "collector", "when": {"all": [...]}}, ...]}
type TierRules struct {
	Rules []TierRule `json:"rules"`
}

// tierClassifier is TierRules compiled. It keeps the segment.Classifier
// contract (segmenttest.Conformance checks it): immutable, deterministic,
// no allocation in Classify.
type tierClassifier struct {
	tiers []Tier
	rules []*rule.Rule
}

// parseTiers reads TierRules from JSON, compiling every condition with
// rule.Parse so that an error names the rule and the path inside it.
func parseTiers(data []byte) (*tierClassifier, error) {
	var raw struct {
		Rules []struct {
			Tier Tier            `json:"tier"`
			When json.RawMessage `json:"when"`
		} `json:"rules"`
	}
	if err := segment.DecodeConfig(data, &raw); err != nil {
		return nil, fmt.Errorf("tiers: %w", err)
	}
	var rs TierRules
	for i, r := range raw.Rules {
		compiled, err := rule.Parse(r.When)
		if err != nil {
			return nil, fmt.Errorf("tiers: rules[%d].when: %w", i, err)
		}
		rs.Rules = append(rs.Rules, TierRule{Tier: r.Tier, When: compiled.Condition()})
	}
	return rs.compile()
}

// compile checks rs and builds the classifier: at least one rule, every
// tier known, every condition valid and able to hold.
func (rs TierRules) compile() (*tierClassifier, error) {
	if len(rs.Rules) == 0 {
		return nil, errors.New("tiers: no rules")
	}
	c := &tierClassifier{}
	for i, r := range rs.Rules {
		if r.Tier == UnknownTier || !Tiers.Valid(r.Tier) {
			return nil, fmt.Errorf("tiers: rules[%d].tier: %v is not a tier", i, r.Tier)
		}
		compiled, err := rule.Compile(r.When)
		if err != nil {
			return nil, fmt.Errorf("tiers: rules[%d].when: %w", i, err)
		}
		if compiled.NeverHolds() {
			return nil, fmt.Errorf("tiers: rules[%d] (%s) can never hold: %s", i, r.Tier, compiled)
		}
		c.tiers = append(c.tiers, r.Tier)
		c.rules = append(c.rules, compiled)
	}
	return c, nil
}

// Classify gives p every tier whose rule holds (score 1 each), the first
// as primary and the next as secondary. Confidence is 1/(1+u), where u
// rules above the primary were left unknown by a missing signal (any of
// them might have held); 0 without a primary.
func (c *tierClassifier) Classify(p *segment.Profile) segment.Result[Tier] {
	var r segment.Result[Tier]
	unknownAbove := 0
	for i, rl := range c.rules {
		switch rl.Test(p) {
		case rule.True:
			t := c.tiers[i]
			r.Tags = r.Tags.With(t)
			r.Scores[t] = 1
			switch {
			case r.Primary == UnknownTier:
				r.Primary = t
			case r.Secondary == UnknownTier && t != r.Primary:
				r.Secondary = t
			}
		case rule.Unknown:
			if r.Primary == UnknownTier {
				unknownAbove++
			}
		}
	}
	if r.Primary != UnknownTier {
		r.Confidence = 1 / float32(1+unknownAbove)
	}
	return r
}

// Explain returns the result with one reason per condition of every rule,
// in rule order: rule ids "tiers[0]", "tiers[0].all[1]" and so on.
func (c *tierClassifier) Explain(p *segment.Profile) segment.Explanation[Tier] {
	e := segment.Explanation[Tier]{Result: c.Classify(p)}
	for i, rl := range c.rules {
		e.Reasons, _ = rl.AppendReasons(e.Reasons, p, fmt.Sprintf("tiers[%d]", i), c.tiers[i].String())
	}
	return e
}
