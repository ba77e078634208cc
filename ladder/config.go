package ladder

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Config holds the thresholds of the ladder. A zero field means its
// default (see [Defaults]); a nil *Config means all defaults.
type Config struct {
	// Inquiries at which the inquiry indicator of Potential is full.
	// Default 1: one question is a clear sign of interest.
	InterestInquiries int `json:"interest_inquiries" range:"1,1000"`
	// Site or app visits at which the visit indicator of Potential is
	// full; fewer visits still make a Potential customer, with a lower
	// score. Default 3.
	InterestSiteVisits int `json:"interest_site_visits" range:"1,100000"`
	// Store visits without a purchase at which the store indicator of
	// Potential is full. Default 1.
	InterestStoreVisits int `json:"interest_store_visits" range:"1,1000"`

	// Purchase occasions that make a customer Regular: repeat purchases
	// from which a habit forms. Default 3 (the first purchase and two
	// repeats).
	RegularOccasions int `json:"regular_occasions" range:"2,1000"`

	// Referrals (customers brought) that make a Regular an Advocate.
	// Default 1: bringing one customer is recommending.
	AdvocateReferrals int `json:"advocate_referrals" range:"1,1000"`
	// Positive reviews that make a Regular an Advocate. Default 2: one
	// review is often just a reply to a request for one.
	AdvocatePositiveReviews int `json:"advocate_positive_reviews" range:"1,1000"`
	// Social posts or shares about the brand that make a Regular an
	// Advocate. Default 2.
	AdvocateSocialPosts int `json:"advocate_social_posts" range:"1,10000"`

	// Co-creation sessions or beta tests that make a Regular a Partner
	// (so does membership of the ambassador programme). Default 1.
	PartnerCoCreation int `json:"partner_co_creation" range:"1,1000"`

	// Days without a purchase after which a customer who reached New or
	// higher is Lapsed, unless their own rhythm is slower (see
	// LapsedGapFactor). Default 180.
	LapsedDays int `json:"lapsed_days" range:"1,3650"`
	// A customer whose mean gap between purchases is long is lapsed only
	// after LapsedGapFactor times that gap (when it exceeds LapsedDays):
	// a customer who buys twice a year is not gone after 180 days.
	// Default 2.
	LapsedGapFactor float64 `json:"lapsed_gap_factor" range:"1,100"`
	// The most days without a purchase that any rhythm excuses: beyond
	// them every customer is Lapsed. Must not be less than LapsedDays.
	// Default 365 (the "lost" bound of the behavioural segments).
	LapsedMaxDays int `json:"lapsed_max_days" range:"1,3650"`

	// The window [Classifier.Next] gives a Lapsed customer to come back:
	// their next step is a purchase within this many days (the validity
	// of a win-back offer). It does not affect the rung. Default 30.
	WinBackDays int `json:"win_back_days" range:"1,3650"`
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		InterestInquiries:       1,
		InterestSiteVisits:      3,
		InterestStoreVisits:     1,
		RegularOccasions:        3,
		AdvocateReferrals:       1,
		AdvocatePositiveReviews: 2,
		AdvocateSocialPosts:     2,
		PartnerCoCreation:       1,
		LapsedDays:              180,
		LapsedGapFactor:         2,
		LapsedMaxDays:           365,
		WinBackDays:             30,
	}
}

// configRecord names the configuration in errors.
const configRecord = "ladder config"

// Validate reports the first threshold out of range, or out of order with
// another, as a [*segment.FieldError] naming it and its value.
func (c Config) Validate() error {
	if err := segment.CheckRanges(configRecord, c); err != nil {
		return fmt.Errorf("ladder: %w", err)
	}
	if c.LapsedDays > c.LapsedMaxDays {
		return fmt.Errorf("ladder: %w", &segment.FieldError{
			Record: configRecord, Field: "lapsed_days", Value: strconv.Itoa(c.LapsedDays),
			Err: fmt.Errorf("%w: must not exceed lapsed_max_days (%d)", segment.ErrRange, c.LapsedMaxDays),
		})
	}
	return nil
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("ladder: config: %w", err)
	}
	segment.FillDefaults(&c, Defaults())
	return c, c.Validate()
}
