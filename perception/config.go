package perception

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Config holds the thresholds of the perception rules. A zero field means
// its default (see [Defaults]); a nil *Config means all defaults.
type Config struct {
	// Engagements (views, plays, calls, visits and so on, over every known
	// format) under which the evidence is too thin to name a channel: the
	// primary stays Unknown, though the shares are still reported. Default
	// 5: two video views make nobody a visual.
	MinEngagements int `json:"min_engagements" range:"1,1000000"`
	// Engagements at which the amount of evidence no longer limits the
	// confidence; below it, confidence falls in proportion. Default 30.
	// Must be at least MinEngagements.
	ConfidentEngagements int `json:"confident_engagements" range:"1,1000000"`
	// Weighted share of engagement the leading channel must reach to be the
	// primary; under it no channel leads and the primary stays Unknown.
	// Default 0.4 (three even channels have a third each).
	MinShare float64 `json:"min_share" range:"0.01,1"`
	// Weighted share at which the second channel is the secondary. Default
	// 0.25: the source notes people switch channels with the situation.
	SecondaryShare float64 `json:"secondary_share" range:"0.01,1"`
	// Lead of the primary's share over the second channel's at which the
	// margin no longer limits the confidence. With no lead the confidence is
	// halved. Default 0.25.
	ClearMargin float64 `json:"clear_margin" range:"0.01,1"`
	// Weights of the content formats in the shares.
	Weights Weights `json:"weights"`
}

// Weights say how much one engagement with each format counts toward its
// channel's share, in units of one video watched. The defaults reflect the
// effort an engagement takes: a photo gallery is glanced through, a
// webinar is booked and listened to for an hour, a test drive is an
// appointment. Raw counts would make every online shopper visual, since a
// product page counts photo views by the dozen. The number of engagements
// (for MinEngagements and ConfidentEngagements) is not weighted: it counts
// observations.
type Weights struct {
	VideoViews    float64 `json:"video_views" range:"0.01,1000"`    // Visual; default 1
	ImageViews    float64 `json:"image_views" range:"0.01,1000"`    // Visual; default 0.5
	AudioPlays    float64 `json:"audio_plays" range:"0.01,1000"`    // Auditory; default 1
	Calls         float64 `json:"calls" range:"0.01,1000"`          // Auditory; default 2
	Webinars      float64 `json:"webinars" range:"0.01,1000"`       // Auditory; default 3
	StoreVisits   float64 `json:"store_visits" range:"0.01,1000"`   // Kinesthetic; default 1 (lower it where every purchase is made in store)
	Samples       float64 `json:"samples" range:"0.01,1000"`        // Kinesthetic; default 2
	Tastings      float64 `json:"tastings" range:"0.01,1000"`       // Kinesthetic; default 3
	TestDrives    float64 `json:"test_drives" range:"0.01,1000"`    // Kinesthetic; default 5
	MasterClasses float64 `json:"master_classes" range:"0.01,1000"` // Kinesthetic; default 5
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		MinEngagements:       5,
		ConfidentEngagements: 30,
		MinShare:             0.4,
		SecondaryShare:       0.25,
		ClearMargin:          0.25,
		Weights: Weights{
			VideoViews:    1,
			ImageViews:    0.5,
			AudioPlays:    1,
			Calls:         2,
			Webinars:      3,
			StoreVisits:   1,
			Samples:       2,
			Tastings:      3,
			TestDrives:    5,
			MasterClasses: 5,
		},
	}
}

// record names the configuration in errors.
const record = "perception config"

// Validate reports the first setting out of range, or MinEngagements above
// ConfidentEngagements, as a [*segment.FieldError] naming the field (nested
// weights as "weights.calls") and the value.
func (c Config) Validate() error {
	if err := segment.CheckRanges(record, c); err != nil {
		return fmt.Errorf("perception: %w", err)
	}
	if c.MinEngagements > c.ConfidentEngagements {
		return fmt.Errorf("perception: %w", &segment.FieldError{
			Record: record, Field: "min_engagements", Value: strconv.Itoa(c.MinEngagements),
			Err: fmt.Errorf("%w: must not exceed confident_engagements (%d)", segment.ErrRange, c.ConfidentEngagements),
		})
	}
	return nil
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("perception: config: %w", err)
	}
	segment.FillDefaults(&c, Defaults())
	return c, c.Validate()
}
