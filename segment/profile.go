package segment

// Profile is what is known about one customer as of a date: purchase facts
// derived from the order log (see [Ledger]) and optional [Signals] from a
// CRM. It is a plain value; the zero Profile is a customer nobody knows
// anything about, and every classifier must accept it.
//
// Derived metrics (recency, tenure, mean gap, shares) are methods, so they
// can never disagree with the facts they come from. A metric that is not
// defined for the customer (recency with no purchase) is an unknown [Opt].
type Profile struct {
	ID   string `json:"id"`
	AsOf Date   `json:"as_of"` // the day the profile describes; facts after it are not in it

	// Purchase facts up to and including AsOf.
	Occasions int     `json:"occasions"` // purchase occasions: days (or periods) with positive net amount
	Orders    int     `json:"orders"`    // order lines that are not returns
	Returns   int     `json:"returns"`   // return lines
	Revenue   float64 `json:"revenue"`   // net revenue: purchases minus returns
	Returned  float64 `json:"returned"`  // total amount returned, as a positive number
	First     Date    `json:"first"`     // first occasion; zero when Occasions is 0
	Last      Date    `json:"last"`      // last occasion; zero when Occasions is 0

	// Occasions that include at least one order line with the flag; unknown
	// when the order source does not record the flag.
	Discounted  Opt[int] `json:"discounted,omitzero"`
	NewProducts Opt[int] `json:"new_products,omitzero"`
	PremiumBuys Opt[int] `json:"premium_buys,omitzero"`

	Signals Signals `json:"signals"`
}

// Recency is the number of days from the last occasion to AsOf; unknown
// without an occasion.
func (p *Profile) Recency() Opt[int] {
	if p.Occasions == 0 || p.Last.IsZero() || p.AsOf.IsZero() {
		return Opt[int]{}
	}
	return Some(p.AsOf.Sub(p.Last))
}

// Tenure is the number of days from the first occasion to AsOf; unknown
// without an occasion.
func (p *Profile) Tenure() Opt[int] {
	if p.Occasions == 0 || p.First.IsZero() || p.AsOf.IsZero() {
		return Opt[int]{}
	}
	return Some(p.AsOf.Sub(p.First))
}

// MeanGap is the mean number of days between consecutive occasions; unknown
// with fewer than two occasions.
func (p *Profile) MeanGap() Opt[float64] {
	if p.Occasions < 2 || p.First.IsZero() || p.Last.IsZero() {
		return Opt[float64]{}
	}
	return Some(float64(p.Last.Sub(p.First)) / float64(p.Occasions-1))
}

// AverageOrderValue is net revenue per occasion; unknown without an
// occasion.
func (p *Profile) AverageOrderValue() Opt[float64] {
	if p.Occasions == 0 {
		return Opt[float64]{}
	}
	return Some(p.Revenue / float64(p.Occasions))
}

// ReturnRate is return lines per order line; unknown without order lines.
func (p *Profile) ReturnRate() Opt[float64] {
	if p.Orders == 0 {
		return Opt[float64]{}
	}
	return Some(float64(p.Returns) / float64(p.Orders))
}

// DiscountShare is the share of occasions with a discounted order.
func (p *Profile) DiscountShare() Opt[float64] { return p.share(p.Discounted) }

// NewProductShare is the share of occasions that include a new product.
func (p *Profile) NewProductShare() Opt[float64] { return p.share(p.NewProducts) }

// PremiumShare is the share of occasions that include a premium item.
func (p *Profile) PremiumShare() Opt[float64] { return p.share(p.PremiumBuys) }

func (p *Profile) share(n Opt[int]) Opt[float64] {
	v, ok := n.Get()
	if !ok || p.Occasions == 0 {
		return Opt[float64]{}
	}
	return Some(float64(v) / float64(p.Occasions))
}

// DaysSince returns the days from d to AsOf, unknown when d is unknown,
// zero, or after AsOf (not yet happened as of that date). Rules use it for
// "complained within 90 days".
func (p *Profile) DaysSince(d Opt[Date]) Opt[int] {
	v, ok := d.Get()
	if !ok || v.IsZero() || p.AsOf.IsZero() || v.After(p.AsOf) {
		return Opt[int]{}
	}
	return Some(p.AsOf.Sub(v))
}
