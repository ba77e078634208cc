package clv

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// FitOptions tune [FitBGNBD], [FitGammaGamma] and [Fit]. A zero field
// means its default (see [DefaultFitOptions]); a nil *FitOptions means all
// defaults. The options follow clientele's configuration convention, so a
// CRM can store them as JSON ([ParseFitOptions]).
type FitOptions struct {
	// MinCustomers is the fewest customers a BG/NBD fit accepts, and the
	// fewest repeat buyers a Gamma-Gamma fit accepts. Four (three)
	// parameters of a population cannot be learnt from a handful of
	// people. Default 10.
	MinCustomers int `json:"min_customers" range:"1,1000000000"`
	// Penalizer adds Penalizer × (sum of the squared parameters) to the
	// mean negative log-likelihood per customer, pulling parameters
	// towards zero on small or awkward data. It is lifetimes'
	// penalizer_coef, with the same scale, so a value tuned there carries
	// over. Default 0: plain maximum likelihood.
	Penalizer float64 `json:"penalizer" range:"0,100"`
	// MaxEvaluations is the budget of likelihood evaluations of one fit;
	// running out is [ErrNotConverged]. Default 20000.
	MaxEvaluations int `json:"max_evaluations" range:"100,100000000"`
	// Tolerance is the convergence threshold on the log-parameters: the
	// fit stops when every vertex of the simplex is within Tolerance of
	// the best in each log-parameter (a relative precision of the
	// parameters) and the objective values agree to about Tolerance².
	// Default 1e-7.
	Tolerance float64 `json:"tolerance" range:"1e-12,0.01"`
}

// DefaultFitOptions returns the default fit options.
func DefaultFitOptions() FitOptions {
	return FitOptions{MinCustomers: 10, MaxEvaluations: 20000, Tolerance: 1e-7}
}

// Validate reports the first option out of range, naming it.
func (o FitOptions) Validate() error {
	if err := segment.CheckRanges("clv fit options", o); err != nil {
		return fmt.Errorf("clv: %w", err)
	}
	return nil
}

// ParseFitOptions reads fit options from JSON; absent fields take their
// defaults, and unknown fields or invalid values are errors.
func ParseFitOptions(data []byte) (FitOptions, error) {
	var o FitOptions
	if err := segment.DecodeConfig(data, &o); err != nil {
		return FitOptions{}, fmt.Errorf("clv: fit options: %w", err)
	}
	segment.FillDefaults(&o, DefaultFitOptions())
	return o, o.Validate()
}

// resolve returns the options with defaults filled in, validated.
func resolve(opts *FitOptions) (FitOptions, error) {
	var o FitOptions
	if opts != nil {
		o = *opts
	}
	segment.FillDefaults(&o, DefaultFitOptions())
	return o, o.Validate()
}

// settings turns the options into optimiser settings.
func (o FitOptions) settings() nmSettings {
	return nmSettings{
		step:     0.5,
		xTol:     o.Tolerance,
		fTol:     o.Tolerance * o.Tolerance,
		maxEvals: o.MaxEvaluations,
		restarts: 20,
		stall:    500,
	}
}
