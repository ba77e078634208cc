package rfm

import "github.com/clientele-go/clientele/segment"

// Code returns the RFM code of p, or the zero Code when p cannot be scored:
// no purchase occasion (the usual reason), or facts that make no sense for
// RFM (recency unknown because the last purchase or the as-of date is
// missing, a last purchase after the as-of date, revenue that is not a
// finite number). It does not allocate.
func (m *Model) Code(p *segment.Profile) Code {
	in, ok := m.inputs(p)
	if !ok {
		return Code{}
	}
	return m.code(in)
}

// inputs are the three raw values RFM scores.
type inputs struct {
	days  int
	occ   int
	money float64
}

// problem says why a profile has no code; the zero problem means it has
// one.
type problem uint8

const (
	scorable       problem = iota
	noOccasion             // occasions <= 0: the customer never bought
	recencyUnknown         // occasions but no last purchase or no as-of date
	lastAfterAsOf          // the last purchase is after the as-of date
	moneyNotFinite         // revenue (or its average) is NaN or infinite
)

// inputs reads p's values, and reports whether p can be scored.
func (m *Model) inputs(p *segment.Profile) (inputs, bool) {
	in, why := read(p, m.Basis)
	return in, why == scorable
}

// read reads p's values on basis b, and why they cannot be scored.
func read(p *segment.Profile, b Basis) (inputs, problem) {
	in := inputs{occ: p.Occasions}
	if p.Occasions <= 0 {
		return in, noOccasion
	}
	days, ok := p.Recency().Get()
	if !ok {
		return in, recencyUnknown
	}
	in.days = days
	if days < 0 {
		return in, lastAfterAsOf
	}
	money, ok := b.money(p)
	if !ok {
		return in, moneyNotFinite
	}
	in.money = money
	return in, scorable
}

// code scores valid inputs.
func (m *Model) code(in inputs) Code {
	return Code{
		R: 6 - m.Recency.bucket(float64(in.days)),
		F: m.Frequency.bucket(float64(in.occ)),
		M: m.Monetary.bucket(in.money),
	}
}
