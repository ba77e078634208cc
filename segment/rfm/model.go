package rfm

import (
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// Model is a fitted RFM scorer: the cut points of the three dimensions
// and the monetary basis they were fitted on. It is the whole state that
// scoring needs, small and plain so that a CRM can store it as JSON and
// score tomorrow's customers against today's base:
//
//	{"recency":[12,40,95,210],"frequency":[1,1,2,4],"monetary":[35,60,120,310]}
//
// Build one with [Fit], [Fitter] or [Distribution.Fit], or write one by
// hand with cut points you chose.
type Model struct {
	// Basis is what M measures (default revenue).
	Basis Basis `json:"monetary_basis,omitzero"`
	// Recency holds the cut points of days since the last purchase.
	Recency Cuts `json:"recency"`
	// Frequency holds the cut points of purchase occasions.
	Frequency Cuts `json:"frequency"`
	// Monetary holds the cut points of the monetary value.
	Monetary Cuts `json:"monetary"`
}

// Validate reports the first invalid cut point as a [*segment.FieldError]
// naming it (e.g. "frequency[1]"): not finite, out of order (cut points
// must not decrease; fitted ones may repeat), or below what the dimension
// can take (days >= 0, occasions >= 1).
func (m Model) Validate() error {
	const record = "rfm model"
	if int(m.Basis) >= len(basisNames) {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "monetary_basis", Value: m.Basis.String(), Err: segment.ErrRange})
	}
	for _, d := range []struct {
		dim  dim
		cuts Cuts
	}{{recencyDim, m.Recency}, {frequencyDim, m.Frequency}, {monetaryDim, m.Monetary}} {
		if err := d.dim.check(record, d.cuts, false); err != nil {
			return fmt.Errorf("rfm: %w", err)
		}
	}
	return nil
}

// ParseModel reads a model written by json.Marshal, strictly: all three
// arrays of exactly four cut points, no unknown fields, and a valid model.
func ParseModel(data []byte) (Model, error) {
	var raw struct {
		Basis     Basis           `json:"monetary_basis"`
		Recency   json.RawMessage `json:"recency"`
		Frequency json.RawMessage `json:"frequency"`
		Monetary  json.RawMessage `json:"monetary"`
	}
	if err := decode("rfm model", data, &raw); err != nil {
		return Model{}, fmt.Errorf("rfm: %w", err)
	}
	m := Model{Basis: raw.Basis}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *Cuts
	}{{"recency", raw.Recency, &m.Recency}, {"frequency", raw.Frequency, &m.Frequency}, {"monetary", raw.Monetary, &m.Monetary}} {
		cuts, ok, err := parseCuts("rfm model", f.name, f.raw)
		if err == nil && !ok {
			err = &segment.FieldError{Record: "rfm model", Field: f.name, Err: segment.ErrEmpty}
		}
		if err != nil {
			return Model{}, fmt.Errorf("rfm: %w", err)
		}
		*f.dst = cuts
	}
	return m, m.Validate()
}

// Stats account for the customers a model was fitted on, and show how
// far the buckets are from 20% each: ties in the base make some buckets
// larger and others smaller or empty (see the package documentation).
type Stats struct {
	// Scored is the number of customers with an RFM code.
	Scored int `json:"scored"`
	// Unscored is the number of customers with no purchase occasion: they
	// get no code (the zero Code) and the Unknown segment.
	Unscored int `json:"unscored"`
	// Recency, Frequency and Monetary count scored customers per score:
	// Frequency[0] is the number with F1, Frequency[4] with F5.
	Recency   [5]int `json:"recency"`
	Frequency [5]int `json:"frequency"`
	Monetary  [5]int `json:"monetary"`
}

// Shares returns the share of scored customers with each score, per
// dimension (index score-1); all zero when no customer was scored.
func (s Stats) Shares() (recency, frequency, monetary [5]float64) {
	if s.Scored == 0 {
		return
	}
	n := float64(s.Scored)
	for i := range 5 {
		recency[i] = float64(s.Recency[i]) / n
		frequency[i] = float64(s.Frequency[i]) / n
		monetary[i] = float64(s.Monetary[i]) / n
	}
	return recency, frequency, monetary
}
