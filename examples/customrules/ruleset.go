package main

import (
	"embed"
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// ruleSet is everything the wine shop changes from the defaults: its own
// tiers, behavioural thresholds, RFM cut points and segment map, and
// strategy additions. It comes from JSON files a CRM could store
// (fromJSON) or from Go values (inGo); both say the same.
type ruleSet struct {
	tiers    *tierClassifier
	behavior behavior.Config
	rfm      rfm.Config
	rfmMap   *rfm.Map
	strategy strategy.Config
}

//go:embed rules/*.json
var rulesDir embed.FS

// fromJSON reads the rule set from rules/*.json with each package's own
// parser, which refuses unknown fields and invalid values naming them.
func fromJSON() (*ruleSet, error) {
	read := func(name string) []byte {
		data, err := rulesDir.ReadFile("rules/" + name)
		if err != nil {
			panic(err) // embedded at build time: cannot be missing
		}
		return data
	}
	var rs ruleSet
	var err error
	if rs.tiers, err = parseTiers(read("tiers.json")); err != nil {
		return nil, fmt.Errorf("tiers.json: %w", err)
	}
	if rs.behavior, err = behavior.ParseConfig(read("behavior.json")); err != nil {
		return nil, fmt.Errorf("behavior.json: %w", err)
	}
	if rs.rfm, err = rfm.ParseConfig(read("rfm.json")); err != nil {
		return nil, fmt.Errorf("rfm.json: %w", err)
	}
	if rs.rfmMap, err = rfm.ParseMap(read("rfm_map.json")); err != nil {
		return nil, fmt.Errorf("rfm_map.json: %w", err)
	}
	if rs.strategy, err = strategy.ParseConfig(read("strategy.json")); err != nil {
		return nil, fmt.Errorf("strategy.json: %w", err)
	}
	return &rs, nil
}

// shop is a rule set fitted to a customer base.
type shop struct {
	tiers  *tierClassifier
	cs     *strategy.Classifiers
	engine *strategy.Engine
}

// fit fits the base-relative parts of rs (the RFM monetary cut points
// and the behavioural top shares) to base and compiles the strategy.
func (rs *ruleSet) fit(base []segment.Profile) (*shop, error) {
	cs, err := strategy.Fit(base, &strategy.Settings{Behavior: &rs.behavior, RFM: &rs.rfm, RFMMap: rs.rfmMap})
	if err != nil {
		return nil, err
	}
	engine, err := strategy.New(&rs.strategy)
	if err != nil {
		return nil, err
	}
	return &shop{tiers: rs.tiers, cs: cs, engine: engine}, nil
}

// classify runs every typology of the library on p (the tiers are the
// shop's own and not part of the strategy's input).
func (s *shop) classify(p *segment.Profile) strategy.Classification {
	var c strategy.Classification
	s.cs.Classify(p, &c)
	return c
}
