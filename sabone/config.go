package sabone

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Config holds the thresholds of the SABONE indicators. A zero field means
// its default (see [Defaults]); a nil *Config means all defaults.
//
// Each threshold is the point at which its indicator holds; below it (or,
// for "at most" thresholds, beyond it) the indicator scores in proportion,
// so a customer at half the threshold scores 0.5 on it.
type Config struct {
	// Distance to the nearest store, in km, at or under which the customer
	// lives or works nearby (Neighbourhood). Default 3: walking distance
	// or a short ride in a city.
	NearKm float64 `json:"near_km" range:"0.01,20000"`

	// Share of purchases that include a new product at which the customer
	// follows novelties (Active). Default 0.3. (The behavioural "pioneer"
	// segment is stricter, at 0.5.)
	NoveltyShare float64 `json:"novelty_share" range:"0.01,1"`
	// Social posts or shares about the brand at which the customer follows
	// the brand online (Active). Default 2.
	SocialPosts int `json:"social_posts" range:"1,1000000"`
	// Site or app visits per purchase at which online presence supports
	// Active (a prospect counts as one purchase). Supporting only: browsing
	// alone does not make an active consumer. Default 5.
	VisitsPerPurchase float64 `json:"visits_per_purchase" range:"0.01,1000000"`

	// Share of purchases made at a discount at which the customer is price
	// driven (Budget). Default 0.5. (The "bargain-only" risk flag of the
	// behavioural segments is 0.9.)
	DiscountShare float64 `json:"discount_share" range:"0.01,1"`
	// Share of earned bonus points redeemed at which the customer makes the
	// most of the loyalty programme (Budget). Default 0.8.
	RedeemShare float64 `json:"redeem_share" range:"0.01,1"`

	// Courses or training sessions attended at which the customer values
	// learning (Education). Default 1.
	Courses int `json:"courses" range:"1,1000000"`
	// Webinars attended at which the customer values learning (Education).
	// Default 2.
	Webinars int `json:"webinars" range:"1,1000000"`
	// Articles, manuals and spec sheets read at which useful material
	// supports Education. Supporting only: reading is also how rational
	// buyers research a purchase. Default 10.
	LongReads int `json:"long_reads" range:"1,1000000"`

	// Years of experience in the field at or under which the customer is
	// starting out (Newcomer). Default 1. Must be below ExpertYears.
	NewcomerYears float64 `json:"newcomer_years" range:"0.01,100"`
	// Days since the first purchase at or under which a short history
	// supports Newcomer. Supporting only: a new customer of the shop may be
	// an old hand in the field. Default 180.
	NewcomerDays int `json:"newcomer_days" range:"1,36500"`

	// Years of experience at which the customer is an expert (Expert).
	// Default 5.
	ExpertYears float64 `json:"expert_years" range:"0.01,100"`
	// Share of purchases that include a premium item at which the customer
	// pays for quality (Expert). Default 0.5, as the behavioural "status"
	// segment.
	PremiumShare float64 `json:"premium_share" range:"0.01,1"`
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		NearKm:            3,
		NoveltyShare:      0.3,
		SocialPosts:       2,
		VisitsPerPurchase: 5,
		DiscountShare:     0.5,
		RedeemShare:       0.8,
		Courses:           1,
		Webinars:          2,
		LongReads:         10,
		NewcomerYears:     1,
		NewcomerDays:      180,
		ExpertYears:       5,
		PremiumShare:      0.5,
	}
}

// record names the configuration in errors.
const record = "sabone config"

// Validate reports the first threshold out of range, or NewcomerYears not
// below ExpertYears (a customer could then be a newcomer and an expert by
// the same experience), as a [*segment.FieldError] naming the field and
// the value.
func (c Config) Validate() error {
	if err := segment.CheckRanges(record, c); err != nil {
		return fmt.Errorf("sabone: %w", err)
	}
	if c.NewcomerYears >= c.ExpertYears {
		return fmt.Errorf("sabone: %w", &segment.FieldError{
			Record: record, Field: "newcomer_years", Value: strconv.FormatFloat(c.NewcomerYears, 'g', -1, 64),
			Err: fmt.Errorf("%w: must be below expert_years (%g)", segment.ErrRange, c.ExpertYears),
		})
	}
	return nil
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("sabone: config: %w", err)
	}
	segment.FillDefaults(&c, Defaults())
	return c, c.Validate()
}
