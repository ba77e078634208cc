package rfm

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/internal/fitroom"
	"github.com/clientele-go/clientele/internal/tally"
	"github.com/clientele-go/clientele/segment"
)

// ErrNoPurchases is returned by Fit when the base has no customer with a
// purchase occasion and a dimension is to be fitted from quantiles: there
// is nothing to take quantiles of.
var ErrNoPurchases = errors.New("rfm: no customer with a purchase occasion to fit on")

// Fitter collects a customer base one profile at a time and fits a
// [Model] to it. It suits streaming sources such as
// segment.Ledger.Each; [Fit] wraps it for a slice. A Fitter is not safe
// for concurrent use; for a base split across goroutines or machines,
// give each part a Fitter and merge their [Distribution]s.
type Fitter struct {
	cfg       Config
	days, occ tally.Tally
	money     []float64 // one per scored customer
	unscored  int
}

// NewFitter returns an empty Fitter for cfg (nil means [Defaults]), or the
// validation error. size is a hint of how many customers will be added.
func NewFitter(cfg *Config, size int) (*Fitter, error) {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	segment.FillDefaults(&c, Defaults())
	if err := c.Validate(); err != nil {
		return nil, err
	}
	size = max(size, 0)
	return &Fitter{
		cfg:   c,
		money: make([]float64, 0, size),
	}, nil
}

// Add adds one customer. A customer with no purchase occasion is counted
// as unscored. A customer with occasions whose facts RFM cannot score (no
// last purchase or as-of date, a last purchase after the as-of date,
// revenue that is not a finite number, negative occasions) is an error
// naming the customer and the field, and is not added: such a profile is
// invalid ([segment.Profile.Validate] rejects it), and fitting quantiles
// over it would skew every score silently.
func (f *Fitter) Add(p *segment.Profile) error {
	in, why := read(p, f.cfg.Basis)
	if why == scorable {
		f.days.Add(int64(in.days))
		f.occ.Add(int64(in.occ))
		f.money = append(f.money, in.money)
		return nil
	}
	if why == noOccasion && p.Occasions == 0 {
		f.unscored++
		return nil
	}
	return fmt.Errorf("rfm: %w", invalid(p, why, f.cfg.Basis))
}

// invalid describes why p cannot be scored, as a FieldError.
func invalid(p *segment.Profile, why problem, b Basis) error {
	e := &segment.FieldError{Record: "customer " + strconv.Quote(p.ID)}
	switch why {
	case noOccasion:
		e.Field, e.Value, e.Err = "occasions", strconv.Itoa(p.Occasions), fmt.Errorf("%w: must not be negative", segment.ErrRange)
	case recencyUnknown:
		if p.AsOf.IsZero() {
			e.Field, e.Value, e.Err = "as_of", "", errors.New("required to score a customer with occasions")
		} else {
			e.Field, e.Value, e.Err = "last", "", errors.New("required when occasions > 0")
		}
	case lastAfterAsOf:
		e.Field, e.Value, e.Err = "last", p.Last.String(), fmt.Errorf("after as_of %s", p.AsOf)
	case moneyNotFinite:
		v, _ := b.money(p)
		e.Field, e.Value, e.Err = b.String(), strconv.FormatFloat(v, 'g', -1, 64), segment.ErrNotFinite
	}
	return e
}

// Len returns the number of customers added, scored and unscored.
func (f *Fitter) Len() int { return len(f.money) + f.unscored }

// Merge adds every customer of o to f, as if they had been added to f;
// o is unchanged. Both must measure M on the same basis. Merging Fitters
// copies their monetary values (in another order, maybe) and adds their
// counts of days and occasions, which is cheaper than merging [Distribution]s
// within one process (goroutines splitting a base); Distributions are for
// shards that travel.
func (f *Fitter) Merge(o *Fitter) error {
	if f.cfg.Basis != o.cfg.Basis {
		return fmt.Errorf("rfm: merging a fitter of monetary basis %s into one of %s", o.cfg.Basis, f.cfg.Basis)
	}
	f.days.Merge(&o.days)
	f.occ.Merge(&o.occ)
	f.money = fitroom.Merge(f.money, o.money)
	f.unscored += o.unscored
	return nil
}

// Grow makes room for n more customers, so that adding a base of known
// size does not copy what was added over and over as it grows.
func (f *Fitter) Grow(n int) {
	f.money = slices.Grow(f.money, n)
}

// Fit returns the model of the customers added so far and its [Stats].
// Dimensions with cut points in the Config take them; the others take the
// quintiles of the base by the rule of [Cuts]. With no scored customer and
// a dimension to fit, the error is [ErrNoPurchases].
//
// Fit runs in expected linear time (a selection, not a sort) and may
// reorder the Fitter's internal copy of the values; calling it again, or
// adding more customers and calling it again, is fine.
func (f *Fitter) Fit() (Model, Stats, error) {
	n := len(f.money)
	if n == 0 && !f.cfg.hasEveryCut() {
		return Model{}, Stats{}, ErrNoPurchases
	}
	m := Model{Basis: f.cfg.Basis}
	st := Stats{Scored: n, Unscored: f.unscored}
	m.Recency = fitTally(&f.days, &st.Recency, f.cfg.Recency, n, true)
	m.Frequency = fitTally(&f.occ, &st.Frequency, f.cfg.Frequency, n, false)
	var ok bool
	if m.Monetary, ok = f.cfg.Monetary.Get(); !ok {
		m.Monetary = quantileCuts(f.money)
	}
	countBuckets(&st.Monetary, &m.Monetary, f.money, false)
	return m, st, nil
}

// hasEveryCut reports whether the Config sets the cut points of every
// dimension, so that fitting needs no customer.
func (c *Config) hasEveryCut() bool {
	return c.Recency.Known() && c.Frequency.Known() && c.Monetary.Known()
}

// fitTally returns the cut points of the n values of t (fixed, or their
// quintiles) and counts them per score into dst.
func fitTally(t *tally.Tally, dst *[5]int, fixed segment.Opt[Cuts], n int, reversed bool) Cuts {
	c, ok := fixed.Get()
	if !ok {
		c = quintiles(t, n)
	}
	buckets(t, dst, &c, reversed)
	return c
}

// countBuckets counts values per score; reversed for recency (bucket 1 is
// R5). The bucket is Cuts.bucket's, with the cuts held in registers and
// the loop over them unrolled: this runs once per customer of the base,
// and the compiler neither unrolls that loop nor keeps the cuts out of
// memory (about 45 instructions a customer, 19 unrolled).
func countBuckets[T int64 | float64](dst *[5]int, c *Cuts, values []T, reversed bool) {
	var n [6]int
	addBuckets(&n, c, values)
	scores(dst, &n, reversed)
}

// addBuckets adds the values to the counts per bucket.
func addBuckets[T int64 | float64](n *[6]int, c *Cuts, values []T) {
	c1, c2, c3, c4 := c[0], c[1], c[2], c[3]
	for _, v := range values {
		x := float64(v)
		n[1+b2u(x > c1)+b2u(x > c2)+b2u(x > c3)+b2u(x > c4)]++
	}
}

// scores stores the counts of buckets 1 to 5 as counts per score.
func scores(dst *[5]int, n *[6]int, reversed bool) {
	for b := 1; b <= 5; b++ {
		score := b
		if reversed {
			score = 6 - b
		}
		dst[score-1] = n[b]
	}
}

// Distribution returns the exact distribution of the customers added so
// far: what a shard of a base sends to be merged (see [Distribution]). It
// sorts copies of the values: O(n log n).
func (f *Fitter) Distribution() Distribution {
	return Distribution{
		Basis:     f.cfg.Basis,
		Recency:   histogram(&f.days),
		Frequency: histogram(&f.occ),
		Monetary:  histogramOf(f.money),
		Unscored:  f.unscored,
	}
}

// Fit fits a model to profiles with cfg (nil means [Defaults]); see
// [Fitter.Add] for which profiles count as unscored and which are errors.
func Fit(profiles []segment.Profile, cfg *Config) (Model, Stats, error) {
	f, err := NewFitter(cfg, len(profiles))
	if err != nil {
		return Model{}, Stats{}, err
	}
	for i := range profiles {
		if err := f.Add(&profiles[i]); err != nil {
			return Model{}, Stats{}, err
		}
	}
	return f.Fit()
}
