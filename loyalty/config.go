package loyalty

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// Config holds the thresholds of the loyalty markers: the value at which
// each marker is full (scores 1); below it a marker scores in proportion.
// A zero field means its default (see [Defaults]); a nil *Config means all
// defaults.
type Config struct {
	// Behavioural.

	// Purchase occasions at which the repeat-purchase marker is full.
	// Default 3 (the first purchase and two repeats). The stays-through-
	// failures marker of Personal uses it too: keeps buying means this
	// many purchases, the last after the latest complaint.
	RepeatOccasions int `json:"repeat_occasions" range:"2,1000"`
	// Share of earned bonus points redeemed at which the rewards marker
	// is full: the programme's benefit is obvious to the customer, the
	// condition under which the article says programmes work. Default 0.5.
	RedeemShare float64 `json:"redeem_share" range:"0.01,1"`
	// Days without a purchase after which behavioural and emotional
	// loyalty are gone: both last only while the customer keeps coming.
	// Personal loyalty outlasts a pause. Default 365 (the "lost" bound of
	// the behavioural segments).
	ActiveDays int `json:"active_days" range:"1,3650"`

	// Emotional.

	// Requests for personal service (asking for a person by name, "the
	// usual") at which the recognition marker is full. Default 2.
	ServiceRequests int `json:"service_requests" range:"1,1000"`
	// Share of purchases with a premium item at which the status marker
	// is full. Default 0.5, as for the "status" behavioural segment.
	PremiumShare float64 `json:"premium_share" range:"0.01,1"`
	// Days since the first purchase at which the known-to-staff marker's
	// tenure part is full. Default 365.
	TenureDays int `json:"tenure_days" range:"1,3650"`
	// Store visits plus calls at which the known-to-staff marker's
	// contact part is full: staff know the customer personally. Default
	// 12 (monthly for a year).
	StaffContacts int `json:"staff_contacts" range:"1,100000"`

	// Personal.

	// Referrals (customers brought) at which the voice marker is full.
	// Default 2: a fan recommends more than once.
	Referrals int `json:"referrals" range:"1,1000"`
	// Social posts or shares about the brand at which the voice marker is
	// full. Default 3.
	SocialPosts int `json:"social_posts" range:"1,10000"`
	// Positive reviews at which the voice marker is full. Default 3.
	PositiveReviews int `json:"positive_reviews" range:"1,1000"`
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		RepeatOccasions: 3,
		RedeemShare:     0.5,
		ActiveDays:      365,
		ServiceRequests: 2,
		PremiumShare:    0.5,
		TenureDays:      365,
		StaffContacts:   12,
		Referrals:       2,
		SocialPosts:     3,
		PositiveReviews: 3,
	}
}

// Validate reports the first threshold out of range as a
// [*segment.FieldError] naming it and its value. No two thresholds here
// must be ordered against each other.
func (c Config) Validate() error {
	if err := segment.CheckRanges("loyalty config", c); err != nil {
		return fmt.Errorf("loyalty: %w", err)
	}
	return nil
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("loyalty: config: %w", err)
	}
	segment.FillDefaults(&c, Defaults())
	return c, c.Validate()
}
