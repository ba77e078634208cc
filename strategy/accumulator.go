package strategy

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
)

// Accumulator is the mergeable, serialisable form of a [Fitter], for a
// customer base too large for one machine: each worker adds its share of
// the customers to its own Accumulator, the accumulators travel as JSON
// and merge, and the merged one fits the [Model] (and so the
// [Classifiers]) that one Fitter over the whole base would fit. It has
// the create / add / merge / extract shape of a distributed engine's
// combiner (an Apache Beam CombineFn, a Flink AggregateFunction, a Spark
// Aggregator) and depends on none of them.
//
// # Accuracy
//
// Merging is exact, not approximate: whatever the sharding and the order
// of merges, the cut points, and so every customer's classification, are
// those of a single process. What the relative rules need is kept whole:
// for RFM the histograms of days, occasions and money (rfm.Distribution),
// for the behavioural top shares the histograms of revenue, occasions and
// average order value of the buyers (behavior.Base). Counts add as
// integers and values are compared, never summed, so neither rounding nor
// merge order can move a cut. JSON carries every float64 in the shortest
// form that reads back to the same bits.
//
// The price of exactness is size: days and occasions take few distinct
// values whatever the base, but revenue and order value take up to one per
// buyer, so an accumulator grows with the number of distinct amounts
// (about 3 numbers per buyer, less where amounts repeat). Fit it once, on
// the merged accumulator, and ship the small [Model] to the workers that
// classify.
//
// The zero Accumulator is empty and measures RFM's M as net revenue (the
// default); use [NewAccumulator] for other settings. An Accumulator is not
// safe for concurrent use.
type Accumulator struct {
	pending *rfm.Fitter      // customers added since the last flush; nil when none
	dist    rfm.Distribution // everything else: merged accumulators, JSON read
	base    behavior.Base
}

// NewAccumulator returns an empty Accumulator for the RFM settings of s
// (nil means defaults): Add needs the monetary basis. The error is the
// RFM settings' validation error.
func NewAccumulator(s *Settings) (*Accumulator, error) {
	var cfg *rfm.Config
	if s != nil {
		cfg = s.RFM
	}
	f, err := rfm.NewFitter(cfg, 0)
	if err != nil {
		return nil, fmt.Errorf("rfm settings: %w", err)
	}
	a := &Accumulator{pending: f}
	a.dist.Basis = f.Distribution().Basis
	return a, nil
}

// Add adds one customer, as [Fitter.Add] does: a profile RFM cannot score
// is an error naming the customer and the field, and is not added.
func (a *Accumulator) Add(p *segment.Profile) error {
	if a.pending == nil {
		f, err := rfm.NewFitter(&rfm.Config{Basis: a.dist.Basis}, 0)
		if err != nil {
			return err
		}
		a.pending = f
	}
	if err := a.pending.Add(p); err != nil {
		return err
	}
	a.base.Add(p)
	return nil
}

// distribution returns the RFM distribution of every customer added or
// merged so far; a is unchanged.
func (a *Accumulator) distribution() (rfm.Distribution, error) {
	d := a.dist
	if a.pending == nil {
		return d, nil
	}
	if err := d.Merge(a.pending.Distribution()); err != nil {
		return rfm.Distribution{}, err
	}
	return d, nil
}

// flush moves the pending customers into a.dist.
func (a *Accumulator) flush() error {
	d, err := a.distribution()
	if err != nil {
		return err
	}
	a.dist, a.pending = d, nil
	return nil
}

// Merge adds every customer of o to a; o is unchanged. Both must measure
// RFM's M on the same basis, unless a is empty (the zero Accumulator
// starts a merge of accumulators of any basis). Add the same customer to two accumulators
// and merging counts them twice: shards must not overlap.
func (a *Accumulator) Merge(o *Accumulator) error {
	od, err := o.distribution()
	if err != nil {
		return err
	}
	if err := a.flush(); err != nil {
		return err
	}
	if a.Len() == 0 { // nothing measured yet: take o's basis
		a.dist.Basis = od.Basis
	}
	if err := a.dist.Merge(od); err != nil {
		return fmt.Errorf("strategy: merging accumulators: %w", err)
	}
	a.base.Merge(&o.base)
	return nil
}

// Len returns the number of customers added or merged, as [Fitter.Len].
func (a *Accumulator) Len() int {
	n := a.dist.Recency.Total() + a.dist.Unscored
	if a.pending != nil {
		n += a.pending.Len()
	}
	return n
}

// accumulatorJSON is the wire form of an Accumulator.
type accumulatorJSON struct {
	RFM      rfm.Distribution `json:"rfm"`
	Behavior behavior.Base    `json:"behavior"`
}

// MarshalJSON writes the accumulator as its RFM distribution and its
// behavioural base:
//
//	{"rfm":{"recency":{"values":[...],"counts":[...]},...,"unscored":3},"behavior":{"revenue":{...},...}}
func (a *Accumulator) MarshalJSON() ([]byte, error) {
	d, err := a.distribution()
	if err != nil {
		return nil, err
	}
	return json.Marshal(accumulatorJSON{RFM: d, Behavior: a.base})
}

// UnmarshalJSON replaces a with the accumulator written by
// [Accumulator.MarshalJSON], monetary basis included. Data that no
// accumulator could hold (histograms that are not increasing, counts that
// disagree between RFM and the behavioural base) is an error naming the
// field, and a is then unchanged.
func (a *Accumulator) UnmarshalJSON(data []byte) error {
	var w accumulatorJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("strategy: accumulator: %w", err)
	}
	if err := w.RFM.Validate(); err != nil {
		return fmt.Errorf("strategy: accumulator: %w", err)
	}
	// Add puts every customer RFM scores (a buyer with finite money) into
	// the behavioural base too, so the two count the same buyers.
	if scored, buyers := w.RFM.Recency.Total(), w.Behavior.Len(); scored != buyers {
		return fmt.Errorf("strategy: accumulator: %w", &segment.FieldError{Record: "accumulator", Field: "behavior",
			Value: fmt.Sprintf("%d buyers, RFM scored %d", buyers, scored), Err: errors.New("the two parts must count the same buyers")})
	}
	*a = Accumulator{dist: w.RFM, base: w.Behavior}
	return nil
}

// Model is what [Classifiers] learn from a customer base: the RFM cut
// points and the behavioural top-share cuts. Everything else in the
// classifiers comes from [Settings] alone. A Model is a few dozen numbers
// of plain JSON, so it is what a distributed job fits once and sends to
// every worker that classifies ([Model.Classifiers]), and what a service
// stores to classify tomorrow's customers against today's base.
type Model struct {
	RFM      rfm.Model     `json:"rfm"`
	Behavior behavior.Cuts `json:"behavior"`
}

// Fit fits the model of every customer added or merged, with settings s
// (nil means defaults): the same model a [Fitter] with s fits over the
// same customers. An empty accumulator is an error, and so is a base
// without buyers (rfm.ErrNoPurchases), as for [Fit]; so is s measuring M
// on another basis than the accumulator.
func (a *Accumulator) Fit(s *Settings) (Model, error) {
	if s == nil {
		s = &Settings{}
	}
	if a.Len() == 0 {
		return Model{}, errors.New("strategy: the customer base is empty")
	}
	d, err := a.distribution()
	if err != nil {
		return Model{}, err
	}
	var m Model
	if m.RFM, _, err = d.Fit(s.RFM); err != nil {
		return Model{}, err
	}
	b, err := behavior.New(s.Behavior)
	if err != nil {
		return Model{}, fmt.Errorf("segment settings: %w", err)
	}
	m.Behavior = b.FitBase(&a.base).Cuts()
	return m, nil
}

// Classifiers returns the classifiers with settings s fitted to every
// customer added or merged: Fit, then [Model.Classifiers].
func (a *Accumulator) Classifiers(s *Settings) (*Classifiers, error) {
	m, err := a.Fit(s)
	if err != nil {
		return nil, err
	}
	return m.Classifiers(s)
}

// Classifiers returns the classifiers with settings s (nil means
// defaults) and the cuts of m, as [Fitter.Fit] would have built them over
// the base m was fitted to. The error names the typology and the field at
// fault in s, or the cut in m.
func (m *Model) Classifiers(s *Settings) (*Classifiers, error) {
	f, err := NewFitter(s)
	if err != nil {
		return nil, err
	}
	cs := f.template
	if cs.RFM, err = rfm.New(m.RFM, f.rfmMap); err != nil {
		return nil, err
	}
	if cs.Behavior, err = f.behavior.WithCuts(m.Behavior); err != nil {
		return nil, err
	}
	return &cs, nil
}
