package strategy

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// Config is a complete strategy: the action catalogue, the treatments, the
// conflict rules and the guards. Nil lists mean the defaults ([Defaults]);
// an empty list means none, and JSON keeps the difference (an absent or
// null list is the defaults, [] is none).
// [Patch] changes the defaults without restating them.
type Config struct {
	Actions    []Action    `json:"actions,omitzero"`
	Treatments []Treatment `json:"treatments,omitzero"`
	Conflicts  []Conflict  `json:"conflicts,omitzero"`
	Guards     Guards      `json:"guards"`
	// MaxActions is the length of the ranked list in a playbook. Default 5.
	MaxActions int `json:"max_actions" range:"1,20"`
	// Patch is applied after the lists above are settled.
	Patch Patch `json:"patch,omitzero"`
}

// Guards are the rules from the attract-and-retain article and the risk
// flags that no treatment may override.
type Guards struct {
	// ContactsPerMonth caps contacts a month ("do not be pushy"); the
	// lowest matching CapRule lowers it. Default 4.
	ContactsPerMonth int       `json:"contacts_per_month" range:"1,60"`
	Caps             []CapRule `json:"caps,omitzero"`

	// Discounts train customers to wait for discounts: a discount action is
	// planned only for a budget buyer (DiscountFor) or at the moment a
	// customer is leaving (Leaving); otherwise it is avoided, and service,
	// assortment, quality and personal approach are preferred.
	DiscountFor []Match `json:"discount_for,omitzero"`
	Leaving     []Match `json:"leaving,omitzero"`

	// Customers better not to work with (risk flags): their actions cost at
	// most RiskMaxCost, their budget is scaled by RiskBudgetFactor, and
	// they get clear terms and boundaries.
	Risky            []Match `json:"risky,omitzero"`
	RiskMaxCost      Cost    `json:"risk_max_cost,omitzero"`
	RiskBudgetFactor float64 `json:"risk_budget_factor" range:"0.0001,1"`

	// Dissatisfied customers are asked what went wrong and get a sincere
	// apology and a fix before anything else.
	Dissatisfied []Match `json:"dissatisfied,omitzero"`

	// The retention budget is scaled by what the customer is worth:
	//
	//	budget = min(BudgetShare × value [× RiskBudgetFactor if risky], BudgetCap)
	//
	// where value is Classification.Value, the customer's CLV over the
	// planning horizon (for example from a segment/clv Predictor over a
	// year), when known; otherwise net revenue per year of tenure (a
	// tenure under a year counts as one), the same order of magnitude
	// when the horizon is a year. A value that is not positive and finite
	// gives 0, and so do a need that is gone and a classification without
	// a profile. The budget is rounded to cents.
	//
	// BudgetShare is the share of the value that retention may cost.
	// Default 0.1: worth "1 or 10", as the article puts it, by value.
	BudgetShare float64 `json:"budget_share" range:"0.0001,1"`
	// BudgetCap is the most any one customer's retention may cost, in the
	// currency of the values, whatever their value; it keeps a handful of
	// very large (or overestimated) CLVs from taking the whole budget.
	// Default 0: no cap.
	BudgetCap float64 `json:"budget_cap,omitzero" range:"0,1e15"`
}

// CapRule lowers the contact cap for customers it matches (a sleeping
// customer flooded with mail unsubscribes for good).
type CapRule struct {
	When     []Match `json:"when"`
	PerMonth int     `json:"per_month"`
}

// Patch changes a strategy without restating it: add or remove actions,
// treatments and conflicts, and re-weight treatments by id.
type Patch struct {
	AddActions       []Action           `json:"add_actions,omitempty"`
	RemoveActions    []string           `json:"remove_actions,omitempty"`
	AddTreatments    []Treatment        `json:"add_treatments,omitempty"`
	RemoveTreatments []string           `json:"remove_treatments,omitempty"`
	Reweight         map[string]float64 `json:"reweight,omitempty"`
	AddConflicts     []Conflict         `json:"add_conflicts,omitempty"`
	RemoveConflicts  []string           `json:"remove_conflicts,omitempty"`
}

// IsZero reports whether the patch changes nothing.
func (p Patch) IsZero() bool {
	return len(p.AddActions)+len(p.RemoveActions)+len(p.AddTreatments)+len(p.RemoveTreatments)+
		len(p.Reweight)+len(p.AddConflicts)+len(p.RemoveConflicts) == 0
}

//go:embed rules.json
var rulesJSON []byte

// Defaults returns the default strategy: the catalogue, treatments,
// conflicts and guards distilled from the source articles. Every part is
// a fresh copy the caller may change.
func Defaults() Config {
	var c Config
	if err := json.Unmarshal(rulesJSON, &c); err != nil {
		panic("strategy: embedded rules: " + err.Error())
	}
	c.Actions = DefaultCatalogue()
	return c
}

// ParseConfig reads a JSON strategy; absent lists and settings take their
// defaults, unknown fields and invalid values are errors (all of them,
// each naming the rule and the field).
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := segment.DecodeConfig(data, &c); err != nil {
		return Config{}, fmt.Errorf("strategy: config: %w", err)
	}
	if _, err := New(&c); err != nil {
		return Config{}, err
	}
	fill(&c)
	return c, nil
}

// fill completes c with the defaults.
func fill(c *Config) {
	def := Defaults()
	if c.Actions == nil {
		c.Actions = def.Actions
	}
	if c.Treatments == nil {
		c.Treatments = def.Treatments
	}
	if c.Conflicts == nil {
		c.Conflicts = def.Conflicts
	}
	g := &c.Guards
	if g.Caps == nil {
		g.Caps = def.Guards.Caps
	}
	if g.DiscountFor == nil {
		g.DiscountFor = def.Guards.DiscountFor
	}
	if g.Leaving == nil {
		g.Leaving = def.Guards.Leaving
	}
	if g.Risky == nil {
		g.Risky = def.Guards.Risky
	}
	if g.Dissatisfied == nil {
		g.Dissatisfied = def.Guards.Dissatisfied
	}
	if g.RiskMaxCost == CostUnknown {
		g.RiskMaxCost = def.Guards.RiskMaxCost
	}
	if g.ContactsPerMonth == 0 {
		g.ContactsPerMonth = def.Guards.ContactsPerMonth
	}
	if g.RiskBudgetFactor == 0 {
		g.RiskBudgetFactor = def.Guards.RiskBudgetFactor
	}
	if g.BudgetShare == 0 {
		g.BudgetShare = def.Guards.BudgetShare
	}
	if c.MaxActions == 0 {
		c.MaxActions = def.MaxActions
	}
}
