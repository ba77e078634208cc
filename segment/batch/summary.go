package batch

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Summary is the size and worth of each label of one typology over a
// customer base: how many customers, what share of the base and of its
// revenue, and their average occasions, revenue, recency, order value and
// confidence. Feed it one customer at a time with [Summary.Add] (from the
// emit callback of [Run], say) and read it with [Summary.Rows].
//
// Summaries merge: summaries of shards of a base, merged with
// [Summary.Merge], equal the summary of the whole base exactly, whatever
// the sharding and the order, because every sum is kept as an integer
// (counts, days; revenue in millionths of the currency unit, the precision
// of a [segment.Ledger]; confidence in units of 2^-24). So a base can be
// summarised on several goroutines or machines and combined.
//
// A Summary is not safe for concurrent use; give each goroutine its own
// and merge them. The zero Summary is not usable: call [NewSummary].
type Summary[L segment.Label] struct {
	labels *segment.Enum[L]
	total  tally
	by     [segment.MaxLabels]tally
}

// tally holds the sums behind one row.
type tally struct {
	count     int64    // customers
	tagged    int64    // customers carrying the label as a tag
	occasions int64    // sum of occasions
	revenue   exactSum // sum of net revenue
	buyers    int64    // customers whose recency is known (they bought)
	recency   int64    // sum of recency in days over buyers
	conf      int64    // sum of confidence, in units of 2^-24
}

// fits reports whether o merges into t without a count or sum passing
// the most an int64 holds (all are at least 0), where it would wrap
// around to a negative one, or the revenue passing its 128 bits.
func (t *tally) fits(o *tally) bool { return t.countsFit(o) && t.revenue.fits(o.revenue) }

// countsFit is fits without the revenue.
func (t *tally) countsFit(o *tally) bool {
	for _, p := range [...][2]int64{{t.count, o.count}, {t.tagged, o.tagged}, {t.occasions, o.occasions},
		{t.buyers, o.buyers}, {t.recency, o.recency}, {t.conf, o.conf}} {
		if p[1] > math.MaxInt64-p[0] {
			return false
		}
	}
	return true
}

func (t *tally) merge(o *tally) {
	t.count += o.count
	t.tagged += o.tagged
	t.occasions += o.occasions
	t.revenue.merge(o.revenue)
	t.buyers += o.buyers
	t.recency += o.recency
	t.conf += o.conf
}

// NewSummary returns an empty summary of the typology whose label table
// is labels.
func NewSummary[L segment.Label](labels *segment.Enum[L]) *Summary[L] {
	return &Summary[L]{labels: labels}
}

// Labels returns the label table the summary was made with.
func (s *Summary[L]) Labels() *segment.Enum[L] { return s.labels }

// Add counts customer p, whose result is r, under r.Primary; and, for
// multi-label typologies, in the Tagged count of every label in r.Tags.
// It does not allocate.
//
// Add refuses (and counts nothing of) a result that breaks the laws of
// [segment.Result] (a label out of range, a confidence outside [0, 1]) or
// a profile whose numbers cannot be summed (net revenue not finite or
// beyond ±[MaxAmount], negative occasions or recency), or one whose
// counts or sums would pass the most an int64 holds (occasions near
// math.MaxInt, or a summary read back near that many customers), or
// whose revenue would take the revenue's 128-bit sum past 2^127-1
// millionths (only a summary read back can be that near): the error, a
// [*segment.FieldError], names the customer, the field and the value.
// Profiles that pass [segment.Profile.Validate] with revenue within
// MaxAmount are accepted until the sums would pass 2^63-1.
func (s *Summary[L]) Add(p *segment.Profile, r *segment.Result[L]) error {
	bad := func(field, value string, err error) error {
		return &segment.FieldError{Record: "customer " + strconv.Quote(p.ID), Field: field, Value: value, Err: err}
	}
	if !s.labels.Valid(r.Primary) {
		return bad(s.labels.Kind(), strconv.Itoa(int(r.Primary)), segment.ErrRange)
	}
	for t := r.Tags; t != 0; t &= t - 1 {
		if l := L(bits.TrailingZeros32(uint32(t))); !s.labels.Valid(l) {
			return bad("tags", strconv.Itoa(int(l)), segment.ErrRange)
		}
	}
	if c := r.Confidence; !(c >= 0 && c <= 1) {
		return bad("confidence", strconv.FormatFloat(float64(c), 'g', -1, 32), errOutsideUnit)
	}
	if !inRange(p.Revenue) {
		return bad("revenue", strconv.FormatFloat(p.Revenue, 'g', -1, 64), errAmount)
	}
	if p.Occasions < 0 {
		return bad("occasions", strconv.Itoa(p.Occasions), errNegative)
	}
	days, buyer := p.Recency().Get()
	if buyer && days < 0 {
		return bad("recency_days", strconv.Itoa(days), errNegative)
	}
	// The customer's own row, which must fit the sums: valid profiles'
	// occasions are any int, and a summary read back may hold counts near
	// the most an int64 holds.
	one := tally{count: 1, occasions: int64(p.Occasions), conf: confUnits(r.Confidence)}
	one.revenue.add(p.Revenue)
	if buyer {
		one.buyers, one.recency = 1, int64(days)
	}
	if !s.total.fits(&one) || !s.by[r.Primary].fits(&one) {
		switch {
		case int64(p.Occasions) > math.MaxInt64-s.total.occasions:
			return bad("occasions", strconv.Itoa(p.Occasions), errPastInt64)
		case !s.total.revenue.fits(one.revenue) || !s.by[r.Primary].revenue.fits(one.revenue):
			return bad("revenue", strconv.FormatFloat(p.Revenue, 'g', -1, 64), errRevenueFull)
		}
		return bad("customers", strconv.FormatInt(s.total.count, 10), errFull)
	}
	for t := r.Tags; t != 0; t &= t - 1 {
		if s.by[bits.TrailingZeros32(uint32(t))].tagged == math.MaxInt64 {
			return bad("customers", strconv.FormatInt(s.total.count, 10), errFull)
		}
	}
	s.total.merge(&one)
	s.by[r.Primary].merge(&one)
	for t := r.Tags; t != 0; t &= t - 1 {
		s.by[bits.TrailingZeros32(uint32(t))].tagged++
	}
	return nil
}

var (
	errOutsideUnit = fmt.Errorf("%w: want a number in [0, 1]", segment.ErrRange)
	errAmount      = fmt.Errorf("%w: want a finite number within ±%g", segment.ErrRange, float64(MaxAmount))
	errNegative    = fmt.Errorf("%w: must not be negative", segment.ErrRange)
	errPastInt64   = fmt.Errorf("%w: the summary's sum of occasions would pass 2^63-1", segment.ErrRange)
	errFull        = fmt.Errorf("%w: the summary's counts or sums would pass 2^63-1", segment.ErrRange)
	errRevenueFull = fmt.Errorf("%w: the summary's revenue would pass its 128-bit sum (2^127-1 millionths)", segment.ErrRange)
)

// Merge adds the customers counted in o to s. Both must summarise the
// same typology (made with the same label table).
func (s *Summary[L]) Merge(o *Summary[L]) error {
	if s.labels != o.labels {
		return errors.New("batch: cannot merge summaries of different label tables " + s.labels.Kind() + " and " + o.labels.Kind())
	}
	// All or nothing: a sum past an int64 would wrap around.
	fits := s.total.fits(&o.total)
	for i := range s.by {
		fits = fits && s.by[i].fits(&o.by[i])
	}
	if !fits {
		return errors.New("batch: cannot merge summaries whose counts or sums add up past 2^63-1, or revenue past 2^127-1 millionths")
	}
	s.total.merge(&o.total)
	for i := range s.by {
		s.by[i].merge(&o.by[i])
	}
	return nil
}

// Metrics describe a group of customers: a label's, or the whole base's.
// Averages over no customer are unknown, never zero.
type Metrics struct {
	Count int `json:"count"` // customers
	// Share of all customers in the summary; 0 when it is empty.
	Share float64 `json:"share"`
	// Tagged is the number of customers carrying the label among their
	// tags (multi-label typologies), whatever their primary label; 0 for
	// typologies without tags and for the whole base.
	Tagged  int     `json:"tagged"`
	Revenue float64 `json:"revenue"` // net revenue of the group
	// RevenueShare is the group's share of the summary's net revenue;
	// unknown when that total is 0.
	RevenueShare segment.Opt[float64] `json:"revenue_share"`
	// Occasions is the mean number of purchase occasions per customer.
	Occasions segment.Opt[float64] `json:"occasions"`
	// MeanRevenue is the mean net revenue per customer.
	MeanRevenue segment.Opt[float64] `json:"mean_revenue"`
	// Buyers is the number of customers with a purchase (a known
	// recency).
	Buyers int `json:"buyers"`
	// RecencyDays is the mean days since the last purchase, over Buyers.
	RecencyDays segment.Opt[float64] `json:"recency_days"`
	// AverageOrderValue is the group's net revenue per purchase occasion
	// (the group's own average order value, as
	// [segment.Profile.AverageOrderValue] is a customer's); unknown
	// without an occasion.
	AverageOrderValue segment.Opt[float64] `json:"average_order_value"`
	// Confidence is the mean confidence of the customers' results.
	Confidence segment.Opt[float64] `json:"confidence"`
}

// Row is the metrics of one label.
type Row[L segment.Label] struct {
	Label L `json:"label"`
	Metrics
}

// metrics computes the derived values of t against the totals.
func (s *Summary[L]) metrics(t *tally) Metrics {
	m := Metrics{Count: int(t.count), Tagged: int(t.tagged), Revenue: t.revenue.float(), Buyers: int(t.buyers)}
	if s.total.count > 0 {
		m.Share = float64(t.count) / float64(s.total.count)
	}
	if total := s.total.revenue; total != (exactSum{}) {
		m.RevenueShare = segment.Some(ratio(t.revenue, total))
	}
	if t.count > 0 {
		n := float64(t.count)
		m.Occasions = segment.Some(float64(t.occasions) / n)
		m.MeanRevenue = segment.Some(m.Revenue / n)
		m.Confidence = segment.Some(float64(t.conf) / confScale / n)
	}
	if t.buyers > 0 {
		m.RecencyDays = segment.Some(float64(t.recency) / float64(t.buyers))
	}
	if t.occasions > 0 {
		m.AverageOrderValue = segment.Some(m.Revenue / float64(t.occasions))
	}
	return m
}

// ratio returns a/b for exact sums, b not zero.
func ratio(a, b exactSum) float64 { return a.float() / b.float() }

// Total returns the metrics of every customer counted (Share 1 when any).
func (s *Summary[L]) Total() Metrics { return s.metrics(&s.total) }

// Count returns the number of customers counted.
func (s *Summary[L]) Count() int { return int(s.total.count) }

// Row returns the metrics of label l; the zero Row of l when l is out of
// range.
func (s *Summary[L]) Row(l L) Row[L] {
	if !s.labels.Valid(l) {
		return Row[L]{Label: l}
	}
	return Row[L]{Label: l, Metrics: s.metrics(&s.by[l])}
}

// Rows returns a row for every label of the typology, empty ones
// included, in the order of the label table, with the unknown label (the
// customers the typology could not tell) last.
func (s *Summary[L]) Rows() []Row[L] {
	out := make([]Row[L], 0, s.labels.Len())
	for _, l := range s.labels.Values() {
		out = append(out, s.Row(l))
	}
	return append(out, s.Row(0))
}
