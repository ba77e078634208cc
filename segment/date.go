package segment

import (
	"errors"
	"fmt"
	"time"
)

// Date is a calendar day in the proleptic Gregorian calendar, without a time
// of day or a time zone. Purchase occasions, recency and tenure are counted
// in whole days, so a day is the natural unit; a Date is four bytes, compares
// with ==, and subtracts without time zone surprises.
//
// The zero Date is not a day: it means "no date" (a customer with no
// purchase has a zero first and last occasion). [Date.IsZero] reports it.
type Date struct {
	// n is days since 0001-01-01 plus one, so that the zero value is
	// distinct from every real day.
	n int32
}

// Bounds on the dates [ParseDate] and [Order.Validate] accept. Dates before
// 1900 in an order export are almost always a placeholder ("0001-01-01",
// "1899-12-30" from spreadsheets), never a sale, so they are rejected
// instead of producing a customer with a 120-year tenure.
var (
	MinDate = NewDate(1900, time.January, 1)
	MaxDate = NewDate(9999, time.December, 31)
)

// epochShift is the n of 1970-01-01.
const epochShift = 719162 + 1

// NewDate returns the date of year y, month m, day d. Out-of-range months and
// days are normalised the way [time.Date] normalises them (October 32 is
// November 1).
func NewDate(y int, m time.Month, d int) Date {
	if m < time.January || m > time.December || d < 1 || d > 28 {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		y, m, d = t.Date()
	}
	return Date{n: int32(daysFromCivil(y, int(m), d) + epochShift)}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// YMD returns the year, month and day of d. The zero Date gives 0, 0, 0.
func (d Date) YMD() (year int, month time.Month, day int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	y, m, dd := civilFromDays(int(d.n) - epochShift)
	return y, time.Month(m), dd
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	y, m, dd := d.YMD()
	if d.n == 0 {
		return time.Time{}
	}
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// AddDays returns d moved by n days. The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.n == 0 {
		return d
	}
	return Date{n: d.n + int32(n)}
}

// Sub returns the number of days from e to d (d - e).
func (d Date) Sub(e Date) int { return int(d.n) - int(e.n) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.n > e.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after e; the zero
// Date sorts first.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// String formats d as YYYY-MM-DD; the zero Date formats as "".
func (d Date) String() string {
	if d.n == 0 {
		return ""
	}
	return string(d.AppendText(make([]byte, 0, 10)))
}

// AppendText appends the YYYY-MM-DD form of d to b (nothing for the zero
// Date).
func (d Date) AppendText(b []byte) []byte {
	if d.n == 0 {
		return b
	}
	y, m, dd := d.YMD()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%d-%02d-%02d", y, m, dd)
	}
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-',
		byte('0'+dd/10), byte('0'+dd%10))
}

// MarshalText implements [encoding.TextMarshaler] with the YYYY-MM-DD form;
// the zero Date marshals as empty text.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil), nil }

// UnmarshalText implements [encoding.TextUnmarshaler], accepting what
// [ParseDate] accepts; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ErrDate is wrapped by every error [ParseDate] returns.
var ErrDate = errors.New("not a date in the form YYYY-MM-DD, YYYYMMDD or RFC 3339")

// ParseDate parses a date written as YYYY-MM-DD, YYYYMMDD or an RFC 3339
// timestamp. A timestamp gives its calendar date as written, in its own
// offset: "2024-03-15T23:30:00-05:00" is 2024-03-15, because that is the
// day the shop's export says the sale happened. Dates outside [MinDate,
// MaxDate] are errors.
func ParseDate(s string) (Date, error) { return parseDate(s) }

// ParseDateBytes is [ParseDate] for a byte slice, such as a field of a
// CSV record, without converting it to a string unless it is an error or
// in RFC 3339 form.
func ParseDateBytes(b []byte) (Date, error) { return parseDate(b) }

func parseDate[S string | []byte](s S) (Date, error) {
	var y, m, d int
	ok := false
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, ok = digits(s[0:4])
		if ok {
			m, ok = digits(s[5:7])
		}
		if ok {
			d, ok = digits(s[8:10])
		}
	case len(s) == 8:
		y, ok = digits(s[0:4])
		if ok {
			m, ok = digits(s[4:6])
		}
		if ok {
			d, ok = digits(s[6:8])
		}
	case len(s) > 10 && (s[10] == 'T' || s[10] == 't'):
		t, err := time.Parse(time.RFC3339Nano, string(s))
		if err != nil {
			return Date{}, fmt.Errorf("%q: %w", string(s), ErrDate)
		}
		var mm time.Month
		y, mm, d = t.Date()
		m, ok = int(mm), true
	}
	if !ok || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%q: %w", string(s), ErrDate)
	}
	date := Date{n: int32(daysFromCivil(y, m, d) + epochShift)}
	if date.Before(MinDate) || date.After(MaxDate) {
		return Date{}, fmt.Errorf("%q: %w: outside %s..%s", string(s), ErrDate, MinDate, MaxDate)
	}
	return date, nil
}

// MustParseDate is like [ParseDate] but panics on error; for tests and
// constants.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// digits parses a short run of ASCII digits.
func digits[S string | []byte](s S) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int(c)
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns days since 1970-01-01 (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := m + 9
	if m > 2 {
		mp = m - 3
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// Equal reports whether d and e are the same day (go-cmp uses it).
func (d Date) Equal(e Date) bool { return d.n == e.n }
