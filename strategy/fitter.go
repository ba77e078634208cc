package strategy

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/internal/fitroom"
	"github.com/clientele-go/clientele/internal/hugepages"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
)

// Settings configure every typology for [NewFitter] and [Fit]. A nil field
// means that typology's defaults; RFMMap nil means rfm.DefaultMap.
type Settings struct {
	Behavior   *behavior.Config
	RFM        *rfm.Config
	RFMMap     *rfm.Map
	Ladder     *ladder.Config
	DISC       *disc.Config
	SABONE     *sabone.Config
	Perception *perception.Config
	Decision   *decision.Config
	Loyalty    *loyalty.Config
}

// Fitter builds [Classifiers] for a customer base seen one profile at a
// time (segment.Ledger.Each, a database cursor): the RFM quintiles and
// the behavioural "top share" cuts are relative to the base, so the base
// is read once to fit them and then again to classify. Only a few numbers
// per customer are kept, not the profiles. A Fitter is not safe for
// concurrent use.
type Fitter struct {
	template Classifiers // every classifier that needs no fitting
	behavior *behavior.Classifier
	rfm      *rfm.Fitter
	base     behavior.Base
	rfmMap   *rfm.Map
}

// NewFitter validates s (nil means all defaults) and returns an empty
// Fitter. The error names the typology and the field at fault.
func NewFitter(s *Settings) (*Fitter, error) {
	if s == nil {
		s = &Settings{}
	}
	f := &Fitter{rfmMap: s.RFMMap}
	var err error
	wrap := func(name string, e error) {
		if e != nil && err == nil {
			err = fmt.Errorf("%s settings: %w", name, e)
		}
	}
	var e error
	f.behavior, e = behavior.New(s.Behavior)
	wrap("segment", e)
	f.rfm, e = rfm.NewFitter(s.RFM, 0)
	wrap("rfm", e)
	f.template.Ladder, e = ladder.New(s.Ladder)
	wrap("rung", e)
	if c, e := disc.New(s.DISC); e == nil {
		f.template.DISC = c
	} else {
		wrap("disc", e)
	}
	if c, e := sabone.New(s.SABONE); e == nil {
		f.template.SABONE = c
	} else {
		wrap("sabone", e)
	}
	if c, e := perception.New(s.Perception); e == nil {
		f.template.Perception = c
	} else {
		wrap("perception", e)
	}
	if c, e := decision.New(s.Decision); e == nil {
		f.template.Decision = c
	} else {
		wrap("decision", e)
	}
	if c, e := loyalty.New(s.Loyalty); e == nil {
		f.template.Loyalty = c
	} else {
		wrap("loyalty", e)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Add adds one customer of the base. A profile RFM cannot score (see
// rfm.Fitter.Add) is an error naming the customer and the field, and is
// not added.
func (f *Fitter) Add(p *segment.Profile) error {
	if err := f.rfm.Add(p); err != nil {
		return err
	}
	f.base.Add(p)
	return nil
}

// Len returns the number of customers added.
func (f *Fitter) Len() int { return f.rfm.Len() }

// Fit returns the classifiers fitted to the customers added so far. A base
// without any buyer cannot be scored by RFM: the error is
// rfm.ErrNoPurchases (and the typologies that need no base can still be
// had from [New] classifiers by hand).
func (f *Fitter) Fit() (*Classifiers, error) {
	cs := f.template
	// The behavioural cuts and the RFM quintiles are selections over
	// every buyer, independent of each other: on a large base they are
	// worth a core each.
	done := make(chan struct{})
	go func() {
		defer close(done)
		cs.Behavior = f.behavior.FitBase(&f.base)
	}()
	model, _, err := f.rfm.Fit()
	<-done
	if err != nil {
		return nil, err
	}
	if cs.RFM, err = rfm.New(model, f.rfmMap); err != nil {
		return nil, err
	}
	return &cs, nil
}

// Fit builds [Classifiers] with settings s (nil means defaults), fitted to
// base. See [Fitter] to avoid holding every profile in memory.
func Fit(base []segment.Profile, s *Settings) (*Classifiers, error) {
	f, err := NewFitter(s)
	if err != nil {
		return nil, err
	}
	for i := range base {
		if err := f.Add(&base[i]); err != nil {
			return nil, err
		}
	}
	if f.Len() == 0 {
		return nil, errors.New("strategy: the customer base is empty")
	}
	return f.Fit()
}

// Merge adds every customer of o to f, as if they had been added to f;
// o is unchanged. Both must have been made with the same Settings (an RFM
// basis that differs is an error): merging is how goroutines that split
// a base combine their Fitters, as [FitView] does.
func (f *Fitter) Merge(o *Fitter) error {
	if err := f.rfm.Merge(o.rfm); err != nil {
		return err
	}
	f.base.Merge(&o.base)
	return nil
}

// FitView fits [Classifiers] with settings s (nil means defaults) to every
// customer of v, on every core: each worker adds a share of the customers
// to a Fitter of its own, and the merged Fitters fit the classifiers,
// which are exactly those one Fitter fed the same customers one by one
// would fit. A profile RFM cannot score is an error naming the customer,
// the first such in v's order; a base without any buyer is
// rfm.ErrNoPurchases, as for [Fitter.Fit].
func FitView(v *segment.View, s *Settings) (*Classifiers, error) {
	n := v.Len()
	workers := min(runtime.GOMAXPROCS(0), 1+n/minCustomersPerWorker)
	room, giveBack := newRoom(v, n)
	defer giveBack()
	// Each worker makes its own Fitter: NewFitter checks the settings,
	// 0.4 ms that would otherwise pass with the other cores idle.
	fitters := make([]*Fitter, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range fitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := NewFitter(s)
			if err != nil {
				errs[w] = err
				return
			}
			from, to := w*n/workers, (w+1)*n/workers
			if w == 0 { // the others merge into it
				room.lend(f, from, n)
			} else {
				room.lend(f, from, to)
			}
			fitters[w] = f
			errs[w] = f.addRange(v, from, to)
		}()
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	all := fitters[0]
	for _, f := range fitters[1:] {
		if err := all.Merge(f); err != nil {
			return nil, err
		}
	}
	return all.Fit()
}

// addRange adds the customers from..to-1 of v, up to the first that is
// an error. Their profiles hold only what the fitters read (see
// fitroom.Profile), which is much less work to make, maybe without the
// ID: a customer refused is added again with it, for the error to name
// them (a refused profile leaves the fitters as they were).
func (f *Fitter) addRange(v *segment.View, from, to int) error {
	var p segment.Profile
	for i := from; i < to; i++ {
		fitroom.Profile(v, i, &p)
		if err := f.Add(&p); err != nil {
			p.ID = v.ID(i)
			if named := f.Add(&p); named != nil {
				return named
			}
			return err // not refused again: still an error, never skipped
		}
	}
	return nil
}

// room holds the values a Fitter keeps for each customer, for a whole
// base, allocated once: each worker's Fitter appends into its share of
// the arrays, and worker 0's has room for the whole base, so merging the
// others into it moves their values within these arrays. Arrays of their
// own would be memory touched twice (page faults, zeroing) and copied.
type room struct {
	money, revenue, aov []float64
}

func newRoom(v *segment.View, n int) (*room, func()) {
	// The view's ledger lends memory its grouping left dead (see
	// fitroom.Room); what it cannot lend is made: plain arrays, filled
	// front to back, in the pages cheaper to touch first (see
	// hugepages.MapInOrder).
	lent, giveBack := fitroom.Room(v, n)
	arrays := make([][]float64, fitroom.Arrays)
	for i := range arrays {
		if i < len(lent) && lent[i] != nil {
			arrays[i] = lent[i]
		} else {
			arrays[i] = hugepages.MakeInOrder[float64](n, n)
		}
	}
	return &room{money: arrays[0], revenue: arrays[1], aov: arrays[2]}, giveBack
}

// lend makes the empty f append the customers from..to-1 of the base into
// that window of the arrays; it cannot reach beyond.
func (r *room) lend(f *Fitter, from, to int) {
	fitroom.RFM(f.rfm, r.money[from:from:to])
	fitroom.Base(&f.base, r.revenue[from:from:to], r.aov[from:from:to])
}

// minCustomersPerWorker keeps small bases on one goroutine.
const minCustomersPerWorker = 32 << 10

// firstError returns the first error that is not nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
