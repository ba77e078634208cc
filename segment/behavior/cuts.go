package behavior

import (
	"fmt"
	"math"
	"slices"

	"github.com/clientele-go/clientele/internal/fitroom"
	"github.com/clientele-go/clientele/internal/selection"
	"github.com/clientele-go/clientele/internal/tally"
	"github.com/clientele-go/clientele/segment"
)

// Cuts are the statistics of a customer base that the relative rules
// ("top 20% by revenue") need: for each, the value a customer must exceed
// to be in the top share. They are a small JSON value, so they can be
// stored with a segmentation run, shipped to a service that classifies one
// customer at a time ([Classifier.WithCuts]), or set by hand ("gold means
// revenue above 5000").
//
// An unknown cut (a base without buyers, or a cut left out) makes the
// rules that need it Unknown: those types are not assigned, and
// confidence falls; nothing is guessed.
//
// # How cuts are computed, and ties
//
// The base is every profile with at least one purchase occasion and a
// finite revenue. For a top share q of a base of n buyers, at most
// floor(q × n) customers are in the top: sort the values from highest
// down; the cut is the value at position floor(q × n) (counting from 0),
// and a customer is in the top when their value is strictly greater. So
// customers with equal values always get the same answer: a tie that
// straddles the boundary is left out whole, and the top is then smaller
// than q × n (possibly empty, when the highest value is shared by more
// than q × n customers: in a shop where nobody bought more than once,
// nobody stands out by frequency). Rounding down and leaving ties out
// means the top never holds more than its share.
type Cuts struct {
	// Base is the number of buyers the cuts were computed from; 0 for cuts
	// set by hand.
	Base int `json:"base"`
	// Revenue above which a customer is in the GoldRevenueTop share.
	GoldRevenue segment.Opt[float64] `json:"gold_revenue,omitzero"`
	// Revenue above which a customer is in the SuperTop share.
	SuperRevenue segment.Opt[float64] `json:"super_revenue,omitzero"`
	// Purchase occasions above which a customer is in the SuperTop share.
	SuperOccasions segment.Opt[float64] `json:"super_occasions,omitzero"`
	// Average order value above which a customer is in the StatusAOVTop
	// share.
	StatusAOV segment.Opt[float64] `json:"status_aov,omitzero"`
	// Revenue above which a customer is in the LeadRevenueTop share.
	LeadRevenue segment.Opt[float64] `json:"lead_revenue,omitzero"`
}

// validate reports a cut that is not finite or a negative base.
func (c Cuts) validate() error {
	if c.Base < 0 {
		return fmt.Errorf("behavior: %w", &segment.FieldError{Record: "cuts", Field: "base", Value: fmt.Sprint(c.Base), Err: segment.ErrRange})
	}
	for _, f := range []struct {
		name string
		v    segment.Opt[float64]
	}{{"gold_revenue", c.GoldRevenue}, {"super_revenue", c.SuperRevenue}, {"super_occasions", c.SuperOccasions},
		{"status_aov", c.StatusAOV}, {"lead_revenue", c.LeadRevenue}} {
		if v, ok := f.v.Get(); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
			return fmt.Errorf("behavior: %w", &segment.FieldError{Record: "cuts", Field: f.name, Value: fmt.Sprint(v), Err: segment.ErrNotFinite})
		}
	}
	return nil
}

// Base collects what [Cuts] are computed from, one profile at a time:
// for streaming sources such as segment.Ledger.Each, where holding every
// profile would cost far more memory than these two numbers per buyer
// (revenue, average order value) and a table of counts (occasions).
// Bases of shards merge exactly ([Base.Merge]): the cuts of merged bases
// equal the cuts of one base over the same customers. The zero Base is
// empty and ready. A Base is not safe for concurrent use.
type Base struct {
	revenue, aov []float64
	// Occasions are whole numbers >= 1 with few distinct values: counted
	// (8 bytes a buyer less, and the cut read from the counts).
	occasions tally.Tally
}

// Add adds p to the base when p is a buyer (at least one occasion and a
// finite revenue); other profiles are not part of the base, and Add
// reports whether p was added.
func (b *Base) Add(p *segment.Profile) bool {
	if p.Occasions < 1 || math.IsNaN(p.Revenue) || math.IsInf(p.Revenue, 0) {
		return false
	}
	b.revenue = append(b.revenue, p.Revenue)
	b.occasions.Add(int64(p.Occasions))
	b.aov = append(b.aov, p.Revenue/float64(p.Occasions))
	return true
}

// Grow makes room for n more buyers, so that adding a base of known size
// does not copy the values over and over as they grow.
func (b *Base) Grow(n int) {
	b.revenue = slices.Grow(b.revenue, n)
	b.aov = slices.Grow(b.aov, n)
}

// Merge adds every buyer of o to b.
func (b *Base) Merge(o *Base) {
	b.revenue = fitroom.Merge(b.revenue, o.revenue)
	b.occasions.Merge(&o.occasions)
	b.aov = fitroom.Merge(b.aov, o.aov)
}

// Len returns the number of buyers in the base.
func (b *Base) Len() int { return len(b.revenue) }

// FitBase is [Classifier.Fit] over a [Base] collected beforehand. c is
// unchanged; b keeps the same buyers, maybe in another order: the cuts
// are selections that reorder b's values in place, where a copy would
// take 16 bytes a buyer (a million buyers: 15 MB of fresh memory to
// touch). Nothing of a Base depends on the order of its buyers (its JSON
// sorts them), so b can be fitted again, merged or added to afterwards.
func (c *Classifier) FitBase(b *Base) *Classifier {
	out := *c
	out.cuts = b.cuts(&c.cfg)
	return &out
}

// fitCuts computes the cuts of cfg's top shares over base.
func fitCuts(cfg *Config, base []segment.Profile) Cuts {
	b := Base{revenue: make([]float64, 0, len(base)), aov: make([]float64, 0, len(base))}
	for i := range base {
		b.Add(&base[i])
	}
	return b.cuts(cfg)
}

// cuts computes the cuts of cfg's top shares over b's values, reordering
// them (see FitBase).
func (b *Base) cuts(cfg *Config) Cuts {
	cuts := Cuts{Base: len(b.revenue)}
	if len(b.revenue) == 0 {
		return cuts
	}
	revenue := topCuts(b.revenue, [3]float64{cfg.GoldRevenueTop, cfg.SuperTop, cfg.LeadRevenueTop})
	cuts.GoldRevenue = segment.Some(revenue[0])
	cuts.SuperRevenue = segment.Some(revenue[1])
	cuts.LeadRevenue = segment.Some(revenue[2])
	cuts.SuperOccasions = segment.Some(tallyTopCut(&b.occasions, len(b.revenue), cfg.SuperTop))
	cuts.StatusAOV = segment.Some(topCut(b.aov, cfg.StatusAOVTop))
	return cuts
}

// topCut returns the value a customer must exceed to be in the top share
// q of values (not empty, no NaN; reordered).
func topCut(values []float64, q float64) float64 {
	var cut [1]float64
	selection.Float64s(values, []int{topRank(len(values), q)}, cut[:])
	return cut[0]
}

// topRank is the position, in the ascending sort of n values, of the cut
// of the top share q: floor(q × n) from the top. The small epsilon keeps
// 0.1 × 30 at 3, not 2.9999.
func topRank(n int, q float64) int {
	k := int(math.Floor(q*float64(n) + 1e-9))
	k = min(max(k, 0), n-1)
	return n - 1 - k
}

// tallyTopCut is topCut for the n values of a tally.
func tallyTopCut(t *tally.Tally, n int, q float64) float64 {
	var at [1]int64
	t.Select([]int{topRank(n, q)}, at[:])
	return float64(at[0])
}

// topCuts is topCut of each share in qs over the same values, selected
// at once.
func topCuts(values []float64, qs [3]float64) [3]float64 {
	ranks := make([]int, len(qs))
	for i, q := range qs {
		ranks[i] = topRank(len(values), q)
	}
	var cuts [3]float64
	selection.Float64s(values, ranks, cuts[:])
	return cuts
}
