package segment_test

import (
	"errors"
	"testing"
	"time"

	"github.com/clientele-go/clientele/segment"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want string // "" means an error
	}{
		{"2024-02-29", "2024-02-29"},
		{"20240229", "2024-02-29"},
		{"2024-03-15T23:30:00-05:00", "2024-03-15"},
		{"2024-03-15T00:30:00+03:00", "2024-03-15"},
		{"2024-03-15T12:00:00Z", "2024-03-15"},
		{"2024-03-15T12:00:00.123456Z", "2024-03-15"},
		{"1900-01-01", "1900-01-01"},
		{"9999-12-31", "9999-12-31"},
		{"2023-02-29", ""}, // not a leap year
		{"2024-13-01", ""},
		{"2024-00-10", ""},
		{"2024-04-31", ""},
		{"1899-12-31", ""}, // before MinDate
		{"0001-01-01", ""},
		{"2024/03/15", ""},
		{"15.03.2024", ""},
		{"2024-3-15", ""},
		{"", ""},
		{"2024-03-15T25:00:00Z", ""},
		{"2024-03-15 12:00:00", ""},
		{"２０２４-03-15", ""},
	}
	for _, tc := range cases {
		got, err := segment.ParseDate(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %s, want an error", tc.in, got)
		case tc.want == "" && !errors.Is(err, segment.ErrDate):
			t.Errorf("ParseDate(%q) error %v does not wrap ErrDate", tc.in, err)
		case tc.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v", tc.in, err)
		case tc.want != "" && got.String() != tc.want:
			t.Errorf("ParseDate(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestDateArithmeticAgreesWithTime(t *testing.T) {
	// Every day from 1900 to 2100 converts both ways and subtracts like
	// time.Time does.
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	d0 := segment.DateOf(start)
	for i := 0; i < 73415; i += 7 {
		tm := start.AddDate(0, 0, i)
		d := segment.DateOf(tm)
		if !d.Time().Equal(tm) {
			t.Fatalf("day %d: Time() = %v, want %v", i, d.Time(), tm)
		}
		if d.Sub(d0) != i || d0.AddDays(i) != d {
			t.Fatalf("day %d: Sub = %d, AddDays = %s", i, d.Sub(d0), d0.AddDays(i))
		}
		if d.String() != tm.Format(time.DateOnly) {
			t.Fatalf("day %d: String = %s, want %s", i, d, tm.Format(time.DateOnly))
		}
	}
}

func TestDateZero(t *testing.T) {
	var z segment.Date
	if !z.IsZero() || z.String() != "" || !z.Time().IsZero() || !z.AddDays(5).IsZero() {
		t.Errorf("zero Date: IsZero %v String %q Time %v", z.IsZero(), z, z.Time())
	}
	if z.Compare(segment.MinDate) != -1 {
		t.Error("the zero Date must sort first")
	}
	var back segment.Date
	if err := back.UnmarshalText(nil); err != nil || !back.IsZero() {
		t.Errorf("empty text must give the zero Date: %v %v", back, err)
	}
	if got := segment.NewDate(2024, time.October, 32); got.String() != "2024-11-01" {
		t.Errorf("NewDate normalises like time.Date: got %s", got)
	}
}
