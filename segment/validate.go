package segment

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// Validate reports the first inconsistency in p as a [*FieldError] naming
// the customer and the field: negative counts, revenue or amounts that are
// not finite, occasions without dates (or dates without occasions), first
// after last or last after the as-of date, flagged occasions exceeding all
// occasions, and signals that are negative or not finite.
//
// Profiles built by a [Ledger] are always valid. Classifiers accept invalid
// profiles without panicking, but their answers for them mean little: call
// Validate on profiles that come from outside (a CRM request, a file).
//
// A valid profile costs a few dozen comparisons and no allocation: the
// error's text is only built for an invalid one.
func (p *Profile) Validate() error {
	bad := func(field, value string, err error) error {
		return &FieldError{Record: p.record(), Field: field, Value: value, Err: err}
	}
	for _, c := range []struct {
		name string
		v    int
	}{{"occasions", p.Occasions}, {"orders", p.Orders}, {"returns", p.Returns}} {
		if c.v < 0 {
			return bad(c.name, strconv.Itoa(c.v), errNegative)
		}
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"revenue", p.Revenue}, {"returned", p.Returned}} {
		if math.IsNaN(c.v) || math.IsInf(c.v, 0) {
			return bad(c.name, formatFloat(c.v), ErrNotFinite)
		}
	}
	if p.Returned < 0 {
		return bad("returned", formatFloat(p.Returned), errNegative)
	}
	switch {
	case p.Occasions > 0 && p.First.IsZero():
		return bad("first", "", errors.New("required when occasions > 0"))
	case p.Occasions > 0 && p.Last.IsZero():
		return bad("last", "", errors.New("required when occasions > 0"))
	case p.Occasions == 0 && !(p.First.IsZero() && p.Last.IsZero()):
		return bad("first", p.First.String(), errors.New("must be empty when occasions is 0"))
	case p.First.After(p.Last):
		return bad("first", p.First.String(), fmt.Errorf("after last %s", p.Last))
	case !p.AsOf.IsZero() && p.Last.After(p.AsOf):
		return bad("last", p.Last.String(), fmt.Errorf("after as_of %s", p.AsOf))
	case p.Occasions == 1 && p.First != p.Last:
		return bad("last", p.Last.String(), errors.New("must equal first with one occasion"))
	}
	for _, c := range []struct {
		name string
		v    Opt[int]
	}{{"discounted", p.Discounted}, {"new_products", p.NewProducts}, {"premium_buys", p.PremiumBuys}} {
		if v, ok := c.v.Get(); ok && (v < 0 || v > p.Occasions) {
			return bad(c.name, strconv.Itoa(v), fmt.Errorf("%w: want 0..occasions (%d)", ErrRange, p.Occasions))
		}
	}
	if p.Signals.valid() {
		return nil
	}
	return p.Signals.validate(p.record())
}

// record names the customer in errors.
func (p *Profile) record() string { return "customer " + strconv.Quote(p.ID) }

var errNegative = fmt.Errorf("%w: must not be negative", ErrRange)

// valid reports whether every known numeric signal is finite and not
// negative, as [Signals.validate] checks, but without reflection or
// allocation: it is the fast path, and validate, which names the first bad
// signal, runs only when it fails. The lists must hold every Opt[int] and
// Opt[float64] field (TestSignalsValidNamesEveryField checks it).
func (s *Signals) valid() bool {
	for _, o := range [...]Opt[int]{
		s.Inquiries, s.SiteVisits, s.PositiveReviews, s.NegativeReviews, s.Complaints,
		s.Referrals, s.SocialPosts, s.CoCreation, s.VideoViews, s.ImageViews, s.LongReads,
		s.AudioPlays, s.Calls, s.Webinars, s.StoreVisits, s.Samples, s.Tastings, s.TestDrives,
		s.MasterClasses, s.ComparisonsViewed, s.ImpulsePurchases, s.ServiceRequests,
		s.SupportRequests, s.Courses,
	} {
		if o.ok && o.v < 0 {
			return false
		}
	}
	for _, o := range [...]Opt[float64]{
		s.DaysToPurchase, s.BonusEarned, s.BonusRedeemed, s.DistanceKm, s.ExperienceYears,
	} {
		// Written so that NaN fails too.
		if o.ok && !(o.v >= 0 && o.v <= math.MaxFloat64) {
			return false
		}
	}
	return true
}

// validate checks every known signal: numbers finite and not negative.
func (s *Signals) validate(rec string) error {
	v := reflect.ValueOf(s).Elem()
	names := signalNames
	for i := 0; i < v.NumField(); i++ {
		if err := checkSignal(v.Field(i).Interface()); err != nil {
			return &FieldError{Record: rec, Field: names[i], Value: fmt.Sprint(v.Field(i).Interface()), Err: err}
		}
	}
	return nil
}

func checkSignal(v any) error {
	switch o := v.(type) {
	case Opt[int]:
		if x, ok := o.Get(); ok && x < 0 {
			return errNegative
		}
	case Opt[float64]:
		if x, ok := o.Get(); ok {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return ErrNotFinite
			}
			if x < 0 {
				return errNegative
			}
		}
	}
	return nil
}
