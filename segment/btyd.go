package segment

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Unit is the time unit of a BTYD [Summary], as a number of days: [Day],
// [Week], or any positive number of days. Grouping of transactions stays
// daily whatever the unit; the unit only scales recency and T (as lifetimes
// does with freq='D' and freq_multiplier).
type Unit int

// Common units.
const (
	Day  Unit = 1
	Week Unit = 7
)

// String returns "day", "week" or the number of days.
func (u Unit) String() string {
	switch u {
	case Day:
		return "day"
	case Week:
		return "week"
	}
	return strconv.Itoa(int(u))
}

// ParseUnit parses "day", "week" (case-insensitive) or a positive number of
// days.
func ParseUnit(s string) (Unit, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "day", "days", "d":
		return Day, nil
	case "week", "weeks", "w":
		return Week, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, &FieldError{Field: "unit", Value: s, Err: errors.New(`want "day", "week" or a positive number of days`)}
	}
	return Unit(n), nil
}

// Summary is one customer's row of the BTYD ("buy till you die") summary,
// defined exactly as summary_data_from_transaction_data in Python's
// lifetimes package, so that models fitted there and here see the same
// data:
//
//   - every transaction up to the as-of date counts, whatever its amount
//     (zero and negative included); transactions on one calendar day are
//     one period and their amounts are summed;
//   - Frequency is the number of periods minus one (repeat periods);
//   - Recency is the time from the first to the last period, T the time
//     from the first period to the as-of date, both in the summary's unit;
//   - MonetaryValue is the mean amount of the repeat periods (the first
//     period excluded), 0 for a customer with no repeat period.
//
// Note that this differs on purpose from [Profile] occasions, which drop
// days whose net amount is not positive.
type Summary struct {
	ID            string
	Frequency     float64
	Recency       float64
	T             float64
	MonetaryValue float64
}

// Summaries returns the BTYD summary of every customer with a transaction
// on or before asOf (zero means [Ledger.Latest]), in order of first
// appearance, with the accounting of [Ledger.Profiles] except that
// Stats.NotYet counts every customer without a transaction up to asOf:
// signals alone make no BTYD row. A unit of 0 means [Day]; a negative unit
// is an error.
func (l *Ledger) Summaries(asOf Date, unit Unit) ([]Summary, Stats, error) {
	if unit == 0 {
		unit = Day
	}
	if unit < 0 {
		return nil, Stats{}, fmt.Errorf("segment: %w", &FieldError{Field: "unit", Value: unit.String(), Err: ErrRange})
	}
	if asOf.IsZero() {
		asOf = l.latest
	}
	l.sort(false, false)
	st := Stats{Lines: l.Len(), Customers: len(l.order)}
	out := make([]Summary, 0, len(l.order))
	u := float64(unit)
	for _, k := range l.order {
		lines := l.linesOf(k)
		after := linesAfter(lines, asOf)
		n := len(lines) - after // lines on or before asOf
		st.AfterAsOf += after
		if n == 0 {
			st.NotYet++
			continue
		}
		lines = lines[:n]
		first, last := lines[0].day(), lines[n-1].day()
		periods := 0
		var repeatSum float64
		for i := 0; i < n; {
			j := i
			var sum float64
			for ; j < n && lines[j].day() == lines[i].day(); j++ {
				sum += float64(lines[j].micro())
			}
			if periods > 0 {
				repeatSum += sum
			}
			periods++
			i = j
		}
		s := Summary{
			ID:        l.id(k),
			Frequency: float64(periods - 1),
			Recency:   float64(last-first) / u,
			T:         float64(asOf.n-first) / u,
		}
		if periods > 1 {
			s.MonetaryValue = repeatSum / microsPerUnit / float64(periods-1)
		}
		out = append(out, s)
	}
	st.Profiles = len(out)
	return out, st, nil
}
