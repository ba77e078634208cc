// Package profiletest holds what the typologies' tests share to make
// and compare profiles and reasons: it is imported by tests only.
package profiletest

import (
	"math"
	"reflect"

	"github.com/clientele-go/clientele/segment"
)

// OrdersOnly returns, for each of ps, the profile without its signals and
// flags (a customer known from an order log alone, which Classify
// evaluates apart), and that profile with each one of ps's known signals
// and flags put back, one at a time, so that no input is left out of
// the test of what the order log alone decides.
func OrdersOnly(ps []segment.Profile) []segment.Profile {
	var out []segment.Profile
	for _, p := range ps {
		bare := p
		bare.Signals = segment.Signals{}
		bare.Discounted, bare.NewProducts, bare.PremiumBuys = segment.Opt[int]{}, segment.Opt[int]{}, segment.Opt[int]{}
		out = append(out, bare)
		signals := reflect.ValueOf(&p.Signals).Elem()
		for i := range signals.NumField() {
			if !signals.Field(i).IsZero() {
				one := bare
				reflect.ValueOf(&one.Signals).Elem().Field(i).Set(signals.Field(i))
				out = append(out, one)
			}
		}
		for _, flag := range []func(q *segment.Profile) *segment.Opt[int]{
			func(q *segment.Profile) *segment.Opt[int] { return &q.Discounted },
			func(q *segment.Profile) *segment.Opt[int] { return &q.NewProducts },
			func(q *segment.Profile) *segment.Opt[int] { return &q.PremiumBuys },
		} {
			if flag(&p).Known() {
				one := bare
				*flag(&one) = *flag(&p)
				out = append(out, one)
			}
		}
	}
	return out
}

// SameReasons reports whether a and b are the same reasons, a NaN value
// or threshold matching a NaN.
func SameReasons(a, b []segment.Reason) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if math.IsNaN(x.Value) && math.IsNaN(y.Value) {
			x.Value, y.Value = 0, 0
		}
		if math.IsNaN(x.Threshold) && math.IsNaN(y.Threshold) {
			x.Threshold, y.Threshold = 0, 0
		}
		if x != y {
			return false
		}
	}
	return true
}
