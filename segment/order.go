package segment

import (
	"fmt"
	"math"
	"strconv"
)

// Flags mark what kind of order line a row is. A source that does not
// record a flag leaves it out of [Order.Known], and everything derived from
// that flag stays unknown instead of becoming zero.
type Flags uint8

// The order flags.
const (
	Return     Flags = 1 << iota // a return (its amount is counted as negative)
	Discounted                   // bought at a discount or with a promo code
	NewProduct                   // includes a product new to the assortment
	Premium                      // includes an item from the premium range
)

// Has reports whether every flag in g is set in f.
func (f Flags) Has(g Flags) bool { return f&g == g }

// String lists the set flags, e.g. "return|discounted".
func (f Flags) String() string {
	if f == 0 {
		return "none"
	}
	s := ""
	for i, name := range flagNames {
		if f&(1<<i) != 0 {
			if s != "" {
				s += "|"
			}
			s += name
		}
	}
	if rest := f &^ (1<<len(flagNames) - 1); rest != 0 {
		if s != "" {
			s += "|"
		}
		s += "0x" + strconv.FormatUint(uint64(rest), 16)
	}
	return s
}

var flagNames = [...]string{"return", "discounted", "new_product", "premium"}

// MaxAmount bounds the absolute value of one order line's amount. Larger
// values are rejected: they are almost always a unit or column mix-up, and
// beyond it sums over millions of lines would lose cents.
const MaxAmount = 1e12

// Order is one line of an order log: a purchase, or a return when its amount
// is negative or it carries the [Return] flag.
type Order struct {
	Customer string  // customer id; required
	ID       string  // order id; optional
	Date     Date    // the day of the sale; required
	Amount   float64 // net amount in the shop's currency; negative for a return
	Flags    Flags   // flags that are set
	Known    Flags   // flags the source records at all; others are unknown
}

// Net returns the amount as it counts toward revenue: a line flagged as a
// return counts as negative whatever sign the export gave it.
func (o *Order) Net() float64 {
	if o.Flags&Return != 0 && o.Amount > 0 {
		return -o.Amount
	}
	return o.Amount
}

// Validate reports the first problem with o as a [*FieldError] naming the
// order and the field: an empty customer id, a missing date or one outside
// [MinDate, MaxDate], an amount that is NaN, infinite or beyond
// ±[MaxAmount].
//
// A valid order costs a few comparisons: the record's name is only
// formatted for an error, since [Ledger.Add] validates millions of orders.
func (o *Order) Validate() error {
	switch {
	case o.Customer == "":
		return &FieldError{Record: o.record(), Field: "customer", Value: "", Err: ErrEmpty}
	case o.Date.IsZero():
		return &FieldError{Record: o.record(), Field: "date", Value: "", Err: ErrEmpty}
	case o.Date.Before(MinDate) || o.Date.After(MaxDate):
		return &FieldError{Record: o.record(), Field: "date", Value: o.Date.String(),
			Err: fmt.Errorf("%w: outside %s..%s", ErrRange, MinDate, MaxDate)}
	case math.IsNaN(o.Amount) || math.IsInf(o.Amount, 0):
		return &FieldError{Record: o.record(), Field: "amount", Value: formatFloat(o.Amount), Err: ErrNotFinite}
	case math.Abs(o.Amount) > MaxAmount:
		return &FieldError{Record: o.record(), Field: "amount", Value: formatFloat(o.Amount),
			Err: fmt.Errorf("%w: beyond ±%g", ErrRange, float64(MaxAmount))}
	}
	return nil
}

func (o *Order) record() string {
	switch {
	case o.ID != "" && o.Customer != "":
		return fmt.Sprintf("order %q of customer %q", o.ID, o.Customer)
	case o.ID != "":
		return fmt.Sprintf("order %q", o.ID)
	case o.Customer != "":
		return fmt.Sprintf("order of customer %q on %s", o.Customer, o.Date)
	}
	return "order"
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
