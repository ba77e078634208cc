package disc

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Config holds the thresholds of the behavioural DISC indicators and the
// weight of the questionnaire when both are combined. Every indicator's
// score is 1 when its threshold is met and falls in proportion below it
// (see the package documentation). A zero field means its default (see
// [Defaults]); a nil *Config means all defaults.
type Config struct {
	// Dominant: decides fast, wants the newest and the best.

	// Days from first view to purchase at or under which the quick-decision
	// indicator is full; beyond it the score is quick_days / days. Must be
	// below deliberate_days. Default 2.
	QuickDays float64 `json:"quick_days" range:"0.01,365"`
	// Share of purchases with a new product at which the novelty indicator
	// is full. Must be above conservative_share. Default 0.5, the bar of
	// the pioneer segment.
	NewProductShare float64 `json:"new_product_share" range:"0.01,1"`
	// Share of purchases with a premium item at which the premium
	// indicator is full. Default 0.5, the bar of the status segment.
	PremiumShare float64 `json:"premium_share" range:"0.01,1"`

	// Influential: talks, shares, brings friends.

	// Social posts or shares about the brand at which the social indicator
	// is full. Default 3.
	SocialPosts float64 `json:"social_posts" range:"1,1000000"`
	// Customers referred at which the referral indicator is full. Default
	// 1: a first referral already shows the trait.
	Referrals float64 `json:"referrals" range:"1,1000000"`
	// Positive reviews at which the review indicator is full. Default 2.
	PositiveReviews float64 `json:"positive_reviews" range:"1,1000000"`
	// Phone or voice consultations at which the conversation indicator is
	// full. Default 3.
	Calls float64 `json:"calls" range:"1,1000000"`
	// Webinars attended at which the event indicator is full. Default 2.
	Webinars float64 `json:"webinars" range:"1,1000000"`

	// Steady: stays, repeats, does not chase novelty or complain.

	// Days since the first purchase at which the tenure indicator is full.
	// Default 730: steadiness is a habit of years, a stricter bar than the
	// year of the gold segment.
	TenureDays float64 `json:"tenure_days" range:"1,36500"`
	// Purchase occasions at which the repeat indicator is full. Default 6,
	// twice the bar of the regular segment, for the same reason.
	RepeatOccasions float64 `json:"repeat_occasions" range:"1,1000000"`
	// Share of purchases with a new product at or under which the
	// conservative indicator is full; above it the score falls linearly to
	// 0 at a share of 1. Must be below new_product_share. Default 0.2.
	ConservativeShare float64 `json:"conservative_share" range:"0.01,0.99"`
	// Complaints at or under which the patience indicator is full; above
	// it the score is max_complaints / complaints. Default 1.
	MaxComplaints float64 `json:"max_complaints" range:"1,1000000"`

	// Conscientious: researches, deliberates, asks.

	// Comparisons viewed plus spec sheets and long reads per purchase at
	// which the research indicator is full. Default 3.
	ResearchPerPurchase float64 `json:"research_per_purchase" range:"0.01,1000000"`
	// Days from first view to purchase at which the deliberation indicator
	// is full. Default 7.
	DeliberateDays float64 `json:"deliberate_days" range:"0.01,3650"`
	// Inquiries (questions by call, chat or form) at which the questions
	// indicator is full. Default 3.
	Inquiries float64 `json:"inquiries" range:"1,1000000"`

	// Naming a style.

	// Score the primary style needs from behaviour alone; below it the
	// evidence is too weak to name a style and the primary is Unknown
	// (the scores are still reported). Default 0.3: one social post, or
	// one purchase, does not make a personality.
	MinScore float64 `json:"min_score" range:"0.01,1"`

	// Combining a questionnaire with behaviour.

	// Weight of a completed questionnaire against fully known behavioural
	// evidence; the behaviour gets 1 - questionnaire_weight, scaled by how
	// much of it is known. Default 0.75: the questionnaire is the
	// customer's own word, behaviour is indirect. 1 ignores behaviour
	// whenever a questionnaire exists.
	QuestionnaireWeight float64 `json:"questionnaire_weight" range:"0.01,1"`
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		QuickDays:           2,
		NewProductShare:     0.5,
		PremiumShare:        0.5,
		SocialPosts:         3,
		Referrals:           1,
		PositiveReviews:     2,
		Calls:               3,
		Webinars:            2,
		TenureDays:          730,
		RepeatOccasions:     6,
		ConservativeShare:   0.2,
		MaxComplaints:       1,
		ResearchPerPurchase: 3,
		DeliberateDays:      7,
		Inquiries:           3,
		MinScore:            0.3,
		QuestionnaireWeight: 0.75,
	}
}

// Validate reports the first threshold out of range, or a pair of
// thresholds in the wrong order, naming the field and its value.
func (c Config) Validate() error {
	if err := segment.CheckRanges("disc config", c); err != nil {
		return fmt.Errorf("disc: %w", err)
	}
	// A customer must not be able to be fully quick and fully deliberate,
	// or fully novelty-seeking and fully conservative, at the same time.
	if c.QuickDays >= c.DeliberateDays {
		return orderError("quick_days", c.QuickDays, "deliberate_days", c.DeliberateDays)
	}
	if c.ConservativeShare >= c.NewProductShare {
		return orderError("conservative_share", c.ConservativeShare, "new_product_share", c.NewProductShare)
	}
	return nil
}

func orderError(field string, value float64, other string, limit float64) error {
	return fmt.Errorf("disc: %w", &segment.FieldError{
		Record: "disc config", Field: field, Value: strconv.FormatFloat(value, 'g', -1, 64),
		Err: fmt.Errorf("%w: must be below %s (%s)", segment.ErrRange, other, strconv.FormatFloat(limit, 'g', -1, 64)),
	})
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("disc: config: %w", err)
	}
	segment.FillDefaults(&c, Defaults())
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}
