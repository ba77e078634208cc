package behavior

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// Config holds the thresholds of the behavioural rules, the priority that
// picks the primary type, and extra conditions per type. A zero field
// means its default (see [Defaults]); a nil *Config means all defaults.
// Every number the rules use is here, named; none is buried in code.
//
// "Top share" thresholds are relative to the customer base: the cut
// values come from [Classifier.Fit] (or [Classifier.WithCuts]), see
// [Cuts].
type Config struct {
	// Contacts (inquiries, site and store visits, subscription, calls,
	// webinars, content views, samples, tastings, test drives, master
	// classes, comparisons viewed) a customer without a purchase needs to
	// be Potential. Default 1.
	PotentialContacts int `json:"potential_contacts" range:"1,100000"`
	// An inquiry at most this many days old, with no purchase since, makes
	// a HotInquirer; older, a ColdInquirer. Default 14.
	HotInquiryDays int `json:"hot_inquiry_days" range:"1,3650"`

	// A customer with one purchase at most this many days ago is a
	// Newcomer; longer ago, OneTime. Default 90.
	NewDays int `json:"new_days" range:"1,3650"`
	// Rare: at least two purchases with a mean gap above this many days.
	// Regular customers buy at most this far apart. Default 180.
	RareGapDays int `json:"rare_gap_days" range:"1,3650"`
	// Purchases that make a Regular customer (who must also be active and
	// not Rare). Default 3; at least 2, since one purchase is not a habit.
	RegularOccasions int `json:"regular_occasions" range:"2,100000"`

	// Gold: revenue in the top share of buyers (0.2 = top 20%), tenure of
	// at least GoldTenureDays, and active. Default 0.2.
	GoldRevenueTop float64 `json:"gold_revenue_top" range:"0.001,0.5"`
	// Days since the first purchase a Gold customer needs. Default 365.
	GoldTenureDays int `json:"gold_tenure_days" range:"1,36500"`
	// SuperConsumer: in the top share by purchase count and by revenue,
	// and active. Default 0.1.
	SuperTop float64 `json:"super_top" range:"0.001,0.5"`
	// Status: average order value in this top share of buyers, or a
	// premium share of at least StatusPremiumShare. Default 0.1.
	StatusAOVTop float64 `json:"status_aov_top" range:"0.001,0.5"`
	// Status: share of purchases with a premium item. Default 0.5.
	StatusPremiumShare float64 `json:"status_premium_share" range:"0.01,1"`
	// LeadUser: revenue in this top share of buyers, and a business (B2B)
	// or influential (LeadInfluence). Default 0.2.
	LeadRevenueTop float64 `json:"lead_revenue_top" range:"0.001,0.5"`
	// Referrals and social posts together that make a top-revenue
	// customer influential enough to be a LeadUser. Default 3.
	LeadInfluence int `json:"lead_influence" range:"1,100000"`

	// Positive reviews, referrals and social posts together that make a
	// Regular customer a Fan. Default 2.
	FanAdvocacy int `json:"fan_advocacy" range:"1,100000"`
	// Pioneer: at least this share of purchases include a product new to
	// the assortment, over at least PioneerMinOccasions purchases. Default
	// 0.5.
	PioneerNewShare float64 `json:"pioneer_new_share" range:"0.01,1"`
	// Purchases a Pioneer needs. Default 2.
	PioneerMinOccasions int `json:"pioneer_min_occasions" range:"1,100000"`
	// DetailSeeker: spec sheets read and comparisons viewed per purchase.
	// Default 5.
	DetailResearch float64 `json:"detail_research" range:"0.01,100000"`

	// Sleeping: no purchase for more than max(SleepingDays,
	// SleepingGapFactor × the customer's own mean gap) days, and not yet
	// Lost. Default 90. With a model of P(alive), Alive decides instead.
	SleepingDays int `json:"sleeping_days" range:"1,3650"`
	// See SleepingDays. Default 2.
	SleepingGapFactor float64 `json:"sleeping_gap_factor" range:"1,100"`
	// Lost: no purchase for more than this many days (or marked churned
	// by staff). Must exceed SleepingDays. Default 365. With a model of
	// P(alive), Alive decides instead (the churn mark still counts).
	LostDays int `json:"lost_days" range:"1,36500"`
	// Alive: the thresholds on P(alive) that decide Sleeping and Lost
	// instead of SleepingDays, SleepingGapFactor and LostDays when the
	// classifier is given a model ([WithModel], [WithPAlive]); unused
	// without one. Default {"sleeping": 0.5, "lost": 0.2}.
	Alive Alive `json:"alive"`
	// Dissatisfied: a complaint or a negative review at most this many
	// days ago. Default 90.
	DissatisfiedDays int `json:"dissatisfied_days" range:"1,3650"`
	// UnderClient: at most this many purchases, then Sleeping or Lost.
	// Default 3.
	UnderClientMaxOccasions int `json:"under_client_max_occasions" range:"1,100000"`

	// Problem (risk flag): at least this many complaints, or a return
	// rate above ProblemReturnRate. Default 3.
	ProblemComplaints int `json:"problem_complaints" range:"1,100000"`
	// Problem: return lines per order line above this, over at least
	// ProblemMinOrders order lines. Default 0.3.
	ProblemReturnRate float64 `json:"problem_return_rate" range:"0.01,10"`
	// Order lines the return rate of Problem needs. Default 3.
	ProblemMinOrders int `json:"problem_min_orders" range:"1,100000"`
	// Impossible (risk flag): support requests per purchase above this.
	// Default 2.
	ImpossibleSupportPerOrder float64 `json:"impossible_support_per_order" range:"0.01,100000"`
	// BargainOnly (risk flag): at least this share of purchases on
	// discount, over at least BargainMinOccasions purchases. Default 0.9.
	BargainShare float64 `json:"bargain_share" range:"0.01,1"`
	// Purchases BargainOnly needs. Default 2.
	BargainMinOccasions int `json:"bargain_min_occasions" range:"1,100000"`

	// Priority orders the types; the first one whose rule holds is
	// primary, the next one secondary. Risk flags rank after every other
	// type whatever their place here: they are primary only when no other
	// type applies. A type left out is never assigned (as if disabled).
	// Default (also for an empty list): see [DefaultPriority].
	Priority []Type `json:"priority"`
	// Disabled types are never assigned. Default none.
	Disabled []Type `json:"disabled,omitempty"`
	// Require adds a condition a type needs on top of its built-in rule,
	// as data: {"gold": {"field": "loyalty_member", "op": "eq", "value":
	// true}}. An Unknown condition makes the type Unknown (not assigned,
	// lower confidence). For Go predicates see [Require]. Default none.
	Require Requirements `json:"require,omitempty"`
}

// DefaultPriority returns the default order of types (a new slice each
// time). States that call for action come first (a complaint to answer, a
// customer slipping away), then value and influence, then purchase
// patterns, then prospects; risk flags last. OneTime ranks above
// UnderClient, Lost and Sleeping because every one-time buyer is also one
// of those (with the default thresholds), and it is the more specific
// description.
func DefaultPriority() []Type {
	return []Type{
		Dissatisfied, OneTime, UnderClient, Lost, Sleeping,
		SuperConsumer, Gold, LeadUser, Fan, Status, Pioneer,
		Regular, Rare, DetailSeeker, Newcomer,
		HotInquirer, ColdInquirer, Potential,
		Problem, Impossible, BargainOnly,
	}
}

// Defaults returns the default configuration.
func Defaults() Config {
	return Config{
		PotentialContacts:         1,
		HotInquiryDays:            14,
		NewDays:                   90,
		RareGapDays:               180,
		RegularOccasions:          3,
		GoldRevenueTop:            0.2,
		GoldTenureDays:            365,
		SuperTop:                  0.1,
		StatusAOVTop:              0.1,
		StatusPremiumShare:        0.5,
		LeadRevenueTop:            0.2,
		LeadInfluence:             3,
		FanAdvocacy:               2,
		PioneerNewShare:           0.5,
		PioneerMinOccasions:       2,
		DetailResearch:            5,
		SleepingDays:              90,
		SleepingGapFactor:         2,
		LostDays:                  365,
		Alive:                     Alive{Sleeping: 0.5, Lost: 0.2},
		DissatisfiedDays:          90,
		UnderClientMaxOccasions:   3,
		ProblemComplaints:         3,
		ProblemReturnRate:         0.3,
		ProblemMinOrders:          3,
		ImpossibleSupportPerOrder: 2,
		BargainShare:              0.9,
		BargainMinOccasions:       2,
		Priority:                  DefaultPriority(),
	}
}

// withDefaults returns a copy of c with zero fields set to their defaults
// and its slices and map copied, so the copy shares nothing with the
// caller. An empty list or map counts as absent, like a zero number: an
// empty priority means the default one, not "assign nothing" (disable
// types to say that).
func (c Config) withDefaults() Config {
	out := c
	out.Priority, out.Disabled, out.Require = nil, nil, nil
	if len(c.Priority) > 0 {
		out.Priority = slices.Clone(c.Priority)
	}
	if len(c.Disabled) > 0 {
		out.Disabled = slices.Clone(c.Disabled)
	}
	if len(c.Require) > 0 {
		out.Require = maps.Clone(c.Require)
	}
	segment.FillDefaults(&out, Defaults())
	return out
}

// Validate reports every invalid setting (the [Invalid] issues of
// [Config.Check]) joined in one error; each is a [*segment.FieldError]
// naming the setting and its value, with the "behavior: " prefix. Zero
// fields are checked as their defaults.
func (c Config) Validate() error {
	var errs []error
	for _, is := range c.Check() {
		if is.Severity == Invalid {
			errs = append(errs, is.Err())
		}
	}
	return errors.Join(errs...)
}

// ParseConfig reads a JSON configuration; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("behavior: config: %w", err)
	}
	c = c.withDefaults()
	return c, c.Validate()
}

// Requirements maps types to conditions they need on top of their
// built-in rules. In JSON it is an object keyed by type name:
//
//	{"gold": {"field": "loyalty_member", "op": "eq", "value": true},
//	 "fan": {"field": "social_posts", "op": "ge", "value": 5}}
type Requirements map[Type]rule.Condition

// UnmarshalJSON reads the JSON object, naming the type and the path inside
// its condition in errors ("require.gold.all[1].value").
func (r *Requirements) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*r = nil
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return &segment.FieldError{Field: "require", Err: errors.New("want an object mapping type names to conditions")}
	}
	out := make(Requirements, len(raw))
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		var t Type
		if err := t.UnmarshalText([]byte(key)); err != nil || t == Unknown {
			return &segment.FieldError{Field: "require", Value: key, Err: fmt.Errorf("unknown type; want one of %s", typeNames())}
		}
		if _, dup := out[t]; dup {
			return &segment.FieldError{Field: "require", Value: key, Err: fmt.Errorf("type %s given twice", t)}
		}
		var c rule.Condition
		if err := json.Unmarshal(raw[key], &c); err != nil {
			return requireError(t, err)
		}
		out[t] = c
	}
	*r = out
	return nil
}

// requireError moves a rule error's path under "require.<type>".
func requireError(t Type, err error) error {
	var fe *segment.FieldError
	if !errors.As(err, &fe) {
		return &segment.FieldError{Field: "require." + t.String(), Err: err}
	}
	field := "require." + t.String()
	if fe.Field != "condition" {
		field += "." + fe.Field
	}
	return &segment.FieldError{Field: field, Value: fe.Value, Err: fe.Err}
}

func typeNames() string {
	names := make([]string, 0, numTypes-1)
	for _, t := range Types.Values() {
		names = append(names, t.String())
	}
	return strings.Join(names, ", ")
}
