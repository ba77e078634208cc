package rfm

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Basis selects what the monetary dimension measures. The zero value is
// Revenue, the default.
type Basis uint8

// The monetary bases.
const (
	// Revenue is the customer's net revenue: purchases minus returns
	// (segment.Profile.Revenue). The classic M: who brought the most.
	Revenue Basis = iota
	// AverageOrderValue is net revenue per purchase occasion. It stops M
	// from repeating F (frequent buyers have high revenue almost by
	// definition) and shows who buys big.
	AverageOrderValue
)

var basisNames = [...]string{"revenue", "average_order_value"}

// String returns the JSON name: "revenue" or "average_order_value", which
// are also the names of the profile fields they read.
func (b Basis) String() string {
	if int(b) < len(basisNames) {
		return basisNames[b]
	}
	return fmt.Sprintf("Basis(%d)", uint8(b))
}

// MarshalText writes the name; an unknown basis is an error.
func (b Basis) MarshalText() ([]byte, error) {
	if int(b) >= len(basisNames) {
		return nil, &segment.FieldError{Field: "monetary_basis", Value: b.String(), Err: segment.ErrRange}
	}
	return []byte(basisNames[b]), nil
}

// UnmarshalText reads a name, ignoring case.
func (b *Basis) UnmarshalText(text []byte) error {
	s := strings.ToLower(strings.TrimSpace(string(text)))
	for i, n := range basisNames {
		if s == n {
			*b = Basis(i)
			return nil
		}
	}
	return &segment.FieldError{Field: "monetary_basis", Value: string(text), Err: fmt.Errorf("want revenue or average_order_value")}
}

// money returns the monetary value of p on basis b, and whether it is a
// finite number. The caller has checked that p has occasions.
func (b Basis) money(p *segment.Profile) (float64, bool) {
	v := p.Revenue
	if b == AverageOrderValue {
		v /= float64(p.Occasions)
	}
	return v, !math.IsNaN(v) && !math.IsInf(v, 0)
}

// Config says how [Fit] builds a [Model]. The zero Config (and a nil
// *Config) means the defaults: net revenue as M, and all three dimensions
// cut at the quintiles of the base.
type Config struct {
	// Basis is what M measures: "revenue" (default) or
	// "average_order_value".
	Basis Basis `json:"monetary_basis,omitzero"`
	// Recency, when known, replaces the quintiles of days since the last
	// purchase by these cut points (see [Cuts]); e.g. [30, 90, 180, 365]
	// gives R5 to purchases within 30 days. They must be >= 0 and strictly
	// increasing. Default: unknown, fitted from the base.
	Recency segment.Opt[Cuts] `json:"recency,omitzero"`
	// Frequency, when known, replaces the quintiles of purchase occasions;
	// e.g. [1, 2, 4, 8] gives F1 to one-time buyers and F5 to more than 8
	// occasions. They must be >= 1 and strictly increasing. Default:
	// fitted from the base.
	Frequency segment.Opt[Cuts] `json:"frequency,omitzero"`
	// Monetary, when known, replaces the quintiles of the monetary value
	// (in the currency of the orders). Strictly increasing. Default:
	// fitted from the base.
	Monetary segment.Opt[Cuts] `json:"monetary,omitzero"`
}

// Defaults returns the default configuration: revenue, every dimension
// fitted from the base.
func Defaults() Config { return Config{} }

// Validate reports the first invalid setting as a [*segment.FieldError]
// naming it, e.g. recency[2].
func (c Config) Validate() error {
	const record = "rfm config"
	if int(c.Basis) >= len(basisNames) {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "monetary_basis", Value: c.Basis.String(), Err: segment.ErrRange})
	}
	for _, d := range []struct {
		dim  dim
		cuts segment.Opt[Cuts]
	}{{recencyDim, c.Recency}, {frequencyDim, c.Frequency}, {monetaryDim, c.Monetary}} {
		if cuts, ok := d.cuts.Get(); ok {
			if err := d.dim.check(record, cuts, true); err != nil {
				return fmt.Errorf("rfm: %w", err)
			}
		}
	}
	return nil
}

// ParseConfig reads a JSON configuration such as
//
//	{"monetary_basis": "average_order_value", "recency": [30, 90, 180, 365]}
//
// Absent fields take their defaults; unknown fields, cut point arrays
// that do not hold exactly four numbers, and invalid values are errors
// naming the field.
func ParseConfig(data []byte) (Config, error) {
	var raw struct {
		Basis     Basis           `json:"monetary_basis"`
		Recency   json.RawMessage `json:"recency"`
		Frequency json.RawMessage `json:"frequency"`
		Monetary  json.RawMessage `json:"monetary"`
	}
	if err := decode("rfm config", data, &raw); err != nil {
		return Config{}, fmt.Errorf("rfm: %w", err)
	}
	c := Config{Basis: raw.Basis}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *segment.Opt[Cuts]
	}{{"recency", raw.Recency, &c.Recency}, {"frequency", raw.Frequency, &c.Frequency}, {"monetary", raw.Monetary, &c.Monetary}} {
		cuts, ok, err := parseCuts("rfm config", f.name, f.raw)
		if err != nil {
			return Config{}, fmt.Errorf("rfm: %w", err)
		}
		if ok {
			*f.dst = segment.Some(cuts)
		}
	}
	segment.FillDefaults(&c, Defaults())
	return c, c.Validate()
}

// parseCuts decodes one array of cut points; absent or null is not known.
func parseCuts(record, field string, raw json.RawMessage) (Cuts, bool, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return Cuts{}, false, nil
	}
	var c Cuts
	if err := c.UnmarshalJSON(raw); err != nil {
		return Cuts{}, false, &segment.FieldError{Record: record, Field: field, Value: string(raw), Err: err}
	}
	return c, true, nil
}
