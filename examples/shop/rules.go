package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// config is what the user's files make of the typologies and the strategy.
type config struct {
	settings strategy.Settings
	rfmMap   *rfm.Map
	engine   *strategy.Engine // nil until a playbook is asked for
}

// loadConfig reads -rfm-rules and -strategy. The strategy is checked here,
// before any data is read, so a broken file fails fast.
// A map with findings is used as it is, but stderr says so: customers in
// codes no rule covers get no RFM segment.
func loadConfig(o *options, stderr io.Writer) (*config, error) {
	c := &config{rfmMap: rfm.DefaultMap()}
	if o.rfmRules != "" {
		m, findings, err := readMap(o.rfmRules)
		if err != nil {
			return nil, err
		}
		if len(findings) > 0 {
			fmt.Fprintf(stderr, "shop: -rfm-rules %s has %d finding(s); -check-rules lists them\n", o.rfmRules, len(findings))
		}
		c.rfmMap = m
	}
	c.settings.RFMMap = c.rfmMap
	if o.strategy != "" {
		data, err := os.ReadFile(o.strategy)
		if err != nil {
			return nil, err
		}
		cfg, err := strategy.ParseConfig(data)
		if err != nil {
			return nil, fmt.Errorf("-strategy %s: %w", o.strategy, err)
		}
		if c.engine, err = strategy.New(&cfg); err != nil {
			return nil, fmt.Errorf("-strategy %s: %w", o.strategy, err)
		}
	}
	return c, nil
}

// playbookEngine returns the engine of -strategy, or the default one.
func (c *config) playbookEngine() (*strategy.Engine, error) {
	if c.engine != nil {
		return c.engine, nil
	}
	return strategy.New(nil)
}

// readMap reads an RFM map file and returns it with its findings. A
// partition with gaps or overlaps does not compile: the map is then nil
// and the findings say what is wrong.
func readMap(path string) (*rfm.Map, []rfm.Finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	m, err := rfm.ParseMap(data)
	if errors.Is(err, rfm.ErrNotPartition) {
		p, perr := rfm.ParsePartition(data)
		if perr == nil {
			if findings, cerr := p.Check(); cerr == nil && len(findings) > 0 {
				return nil, findings, fmt.Errorf("-rfm-rules %s: %w (see -check-rules)", path, err)
			}
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("-rfm-rules %s: %w", path, err)
	}
	return m, m.Findings(), nil
}

// checkRules prints the findings of the RFM map in -lang and returns the
// exit status: 1 when there are findings (or the file is unreadable),
// 0 when the map is sound.
func checkRules(o *options, stdout, stderr io.Writer) int {
	if o.rfmRules == "" {
		fmt.Fprintln(stdout, noFindings(o))
		return 0
	}
	_, findings, err := readMap(o.rfmRules)
	if err != nil && len(findings) == 0 {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	if len(findings) == 0 {
		fmt.Fprintln(stdout, noFindings(o))
		return 0
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, f.Text(o.lang))
	}
	return 1
}

func noFindings(o *options) string {
	name := o.rfmRules
	if name == "" {
		name = "default map"
	}
	if o.lang == segment.Russian {
		return name + ": замечаний нет"
	}
	return name + ": no findings"
}
