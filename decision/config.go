package decision

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// Config holds the thresholds of the decision-style rules. A zero field
// means its default (see [Defaults]); a nil *Config means all defaults.
type Config struct {
	// Comparisons viewed per purchase at which the comparison indicator
	// of Rational is full. Default 2.
	Comparisons float64 `json:"comparisons" range:"0.01,1000"`
	// Spec sheets and long reads per purchase at which the reading
	// indicator of Rational is full. Default 2.
	SpecReads float64 `json:"spec_reads" range:"0.01,1000"`
	// Days from first view to purchase at which the deliberation
	// indicator of Rational is full. Default 7.
	DeliberateDays float64 `json:"deliberate_days" range:"0.01,3650"`
	// Share of impulse purchases at which the impulse indicator of
	// Emotional is full. Default 0.3.
	ImpulseShare float64 `json:"impulse_share" range:"0.01,1"`
	// Days to purchase at or under which the quick-decision indicator of
	// Emotional is full; it falls as QuickDays / days beyond. Default 1.
	QuickDays float64 `json:"quick_days" range:"0.01,365"`
	// Photo and video views per purchase at which the imagery indicator
	// of Emotional is full. Default 10.
	ImageViews float64 `json:"image_views" range:"0.01,100000"`
	// Score both sides must reach for Combined. Default 0.5.
	CombinedMin float64 `json:"combined_min" range:"0.01,1"`
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		Comparisons:    2,
		SpecReads:      2,
		DeliberateDays: 7,
		ImpulseShare:   0.3,
		QuickDays:      1,
		ImageViews:     10,
		CombinedMin:    0.5,
	}
}

// Validate reports the first threshold out of range, naming it.
func (c Config) Validate() error {
	if err := segment.CheckRanges("decision config", c); err != nil {
		return fmt.Errorf("decision: %w", err)
	}
	return nil
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("decision: config: %w", err)
	}
	segment.FillDefaults(&c, Defaults())
	return c, c.Validate()
}
