package segment_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// fullProfile is a valid profile with every signal known, so that
// validation looks at everything.
func fullProfile() segment.Profile {
	p := segment.Profile{ID: "C1", AsOf: d("2024-06-01"), Occasions: 3, Orders: 4, Returns: 1,
		Revenue: 120, Returned: 10, First: d("2024-01-01"), Last: d("2024-05-01"),
		Discounted: segment.Some(1), NewProducts: segment.Some(2), PremiumBuys: segment.Some(0)}
	v := reflect.ValueOf(&p.Signals).Elem()
	for i := range v.NumField() {
		var x any
		switch v.Field(i).Interface().(type) {
		case segment.Opt[int]:
			x = segment.Some(i)
		case segment.Opt[float64]:
			x = segment.Some(float64(i) / 2)
		case segment.Opt[bool]:
			x = segment.Some(i%2 == 0)
		case segment.Opt[segment.Date]:
			x = segment.Some(d("2024-03-01"))
		default:
			panic("a signal of a new type: teach fullProfile and Signals.valid about it")
		}
		v.Field(i).Set(reflect.ValueOf(x))
	}
	return p
}

// Every numeric signal is checked: a bad value in any one of them is an
// error naming that signal (the fast path in Validate must not miss a
// field that the full check would catch).
func TestValidateNamesEverySignal(t *testing.T) {
	base := fullProfile()
	if err := base.Validate(); err != nil {
		t.Fatalf("full profile: %v", err)
	}
	names := segment.SignalNames()
	typ := reflect.TypeOf(segment.Signals{})
	for i := range typ.NumField() {
		var bad []any
		switch typ.Field(i).Type {
		case reflect.TypeOf(segment.Opt[int]{}):
			bad = []any{segment.Some(-1)}
		case reflect.TypeOf(segment.Opt[float64]{}):
			bad = []any{segment.Some(-0.5), segment.Some(math.NaN()), segment.Some(math.Inf(1)), segment.Some(math.Inf(-1))}
		}
		for _, x := range bad {
			p := base
			reflect.ValueOf(&p.Signals).Elem().Field(i).Set(reflect.ValueOf(x))
			err := p.Validate()
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field != names[i] || fe.Record != `customer "C1"` {
				t.Errorf("%s = %v: want an error naming customer C1 and the signal, got %v", names[i], x, err)
			}
		}
	}
}

// With several bad signals, the first in declaration order is reported, as
// before the fast path existed.
func TestValidateReportsTheFirstBadSignal(t *testing.T) {
	p := fullProfile()
	p.Signals.DaysToPurchase = segment.Some(math.NaN())
	p.Signals.ImpulsePurchases = segment.Some(-2)
	p.Signals.Inquiries = segment.Some(-1)
	err := p.Validate()
	want := `customer "C1": inquiries "-1": out of range: must not be negative`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	p.Signals.Inquiries = segment.Some(1)
	err = p.Validate()
	want = `customer "C1": days_to_purchase "NaN": not a finite number`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestValidateDoesNotAllocate(t *testing.T) {
	p := fullProfile()
	if n := testing.AllocsPerRun(100, func() { _ = p.Validate() }); n != 0 {
		t.Errorf("Profile.Validate allocates %v times per valid profile", n)
	}
	o := segment.Order{Customer: "C1", ID: "O1", Date: d("2024-01-01"), Amount: 12.5}
	if n := testing.AllocsPerRun(100, func() { _ = o.Validate() }); n != 0 {
		t.Errorf("Order.Validate allocates %v times per valid order", n)
	}
}
