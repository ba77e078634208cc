package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// gen runs the program and returns its exit status, stdout and stderr.
func gen(t *testing.T, args ...string) (int, []byte, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.Bytes(), errOut.String()
}

func TestSameSeedSameBytes(t *testing.T) {
	_, a, _ := gen(t, "-customers", "3000", "-seed", "42", "-q")
	_, b, _ := gen(t, "-customers", "3000", "-seed", "42", "-q")
	_, c, _ := gen(t, "-customers", "3000", "-seed", "43", "-q")
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same seed differ")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 42 and 43 give the same file")
	}
}

// TestGolden pins the bytes of a small file, so that a change to the
// generator (or to Go's math on this architecture) that would silently
// change the benchmark's input is noticed. Regenerate the hash only when
// the change is intended, and say so in the commit.
func TestGolden(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the bytes are pinned on amd64; math.Log and math.Pow may round differently elsewhere")
	}
	code, out, errOut := gen(t, "-customers", "1000", "-seed", "7", "-q")
	require.Equal(t, 0, code, errOut)
	got := fmt.Sprintf("%x", sha256.Sum256(out))
	const want = "e6762f57ffacf2808cdf28167d318f7589fad11dbcfa5b6e5fb18997f87857f0"
	if got != want {
		t.Errorf("sha256 of -customers 1000 -seed 7 = %s, want %s", got, want)
	}
}

// order is one parsed row.
type order struct {
	id    string
	date  time.Time
	cents int64
}

func parse(t *testing.T, file []byte) []order {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(file))
	rows, err := r.ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	if diff := cmp.Diff([]string{"customer_id", "date", "amount"}, rows[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	var out []order
	for i, row := range rows[1:] {
		d, err := time.Parse(time.DateOnly, row[1])
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		amount := row[2]
		dot := strings.IndexByte(amount, '.')
		if dot < 0 || len(amount)-dot != 3 {
			t.Fatalf("row %d: amount %q: want two decimal places", i+2, amount)
		}
		cents, err := strconv.ParseInt(amount[:dot]+amount[dot+1:], 10, 64)
		if err != nil || cents == 0 {
			t.Fatalf("row %d: amount %q: want a non-zero amount", i+2, amount)
		}
		out = append(out, order{row[0], d, cents})
	}
	return out
}

// TestShape checks the properties bench/README.md promises of the log.
func TestShape(t *testing.T) {
	const customers = 20000
	code, file, errOut := gen(t, "-customers", strconv.Itoa(customers), "-seed", "3")
	require.Equal(t, 0, code, errOut)
	orders := parse(t, file)

	first := time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2024, time.December, 31, 0, 0, 0, 0, time.UTC)
	perCustomer := map[string]int{}
	returns := 0
	for i, o := range orders {
		if o.date.Before(first) || o.date.After(last) {
			t.Fatalf("line %d: date %s outside 2022-01-01..2024-12-31", i+2, o.date.Format(time.DateOnly))
		}
		if i > 0 && o.date.Before(orders[i-1].date) {
			t.Fatalf("line %d: not in date order", i+2)
		}
		if len(o.id) != 8 || o.id[0] != 'C' {
			t.Fatalf("line %d: id %q: want C and 7 digits", i+2, o.id)
		}
		if o.cents < 0 {
			returns++
		} else {
			perCustomer[o.id]++
		}
	}
	if len(perCustomer) != customers {
		t.Errorf("%d customers with an order, want %d", len(perCustomer), customers)
	}
	if share := float64(returns) / float64(len(orders)); share < 0.02 || share > 0.1 {
		t.Errorf("returns are %.3f of the lines, want a few percent", share)
	}
	if perLine := float64(len(orders)) / customers; perLine < 4 || perLine > 4.9 {
		t.Errorf("%.2f lines per customer, want about 4.4", perLine)
	}
	counts := map[int]int{}
	heaviest := 0
	for _, n := range perCustomer {
		counts[n]++
		heaviest = max(heaviest, n)
	}
	if share := float64(counts[1]) / customers; share < 0.45 || share > 0.6 {
		t.Errorf("%.3f buy once, want about half", share)
	}
	if heaviest < 100 {
		t.Errorf("the heaviest buyer has %d orders, want a tail beyond 100", heaviest)
	}
	if !strings.Contains(errOut, fmt.Sprintf("for %d customers", customers)) {
		t.Errorf("stderr %q: want a summary", errOut)
	}
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.csv")
	code, stdout, errOut := gen(t, "-customers", "50", "-o", path, "-q")
	require.Equal(t, 0, code, errOut)
	if len(stdout) != 0 || errOut != "" {
		t.Errorf("with -o and -q: stdout %q, stderr %q, want both empty", stdout, errOut)
	}
	written, err := os.ReadFile(path)
	require.NoError(t, err)
	_, want, _ := gen(t, "-customers", "50", "-q")
	if !bytes.Equal(want, written) {
		t.Error("-o wrote other bytes than stdout gets")
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-customers", "0"}, "-customers 0: want 1..99999999"},
		{[]string{"-customers", "100000000"}, "-customers 100000000: want 1..99999999"},
		{[]string{"-days", "0"}, "-days 0: want 1..36600"},
		{[]string{"-start", "2024-02-30"}, "-start: parsing time"},
		{[]string{"-start", "9999-12-01", "-days", "60"}, "-start 9999-12-01: the log must lie within 1900..9999"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, _, errOut := gen(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestOccasions(t *testing.T) {
	tests := []struct {
		name  string
		lines []line
		want  int
	}{
		{"one purchase", []line{{day: 3, cents: 100}}, 1},
		{"two lines on one day are one occasion", []line{{day: 3, cents: 100}, {day: 3, cents: 50}}, 1},
		{"a day that nets to zero is none", []line{{day: 3, cents: 100}, {day: 3, cents: -100}}, 0},
		{"a return-only day is none", []line{{day: 3, cents: 100}, {day: 9, cents: -50}}, 1},
		{"days in any order", []line{{day: 9, cents: 10}, {day: 3, cents: 100}, {day: 9, cents: -5}}, 2},
	}
	for _, tt := range tests {
		if got := occasions(tt.lines); got != tt.want {
			t.Errorf("%s: occasions = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		cents int32
		want  string
	}{
		{1290, "12.90"}, {5, "0.05"}, {-199, "-1.99"}, {100, "1.00"}, {-7, "-0.07"},
	}
	for _, tt := range tests {
		if got := string(appendCents(nil, tt.cents)); got != tt.want {
			t.Errorf("appendCents(%d) = %q, want %q", tt.cents, got, tt.want)
		}
	}
	if got := string(appendPadded(nil, 42, 7)); got != "0000042" {
		t.Errorf("appendPadded(42, 7) = %q, want 0000042", got)
	}
	if got := string(appendPadded(nil, 12345678, 7)); got != "12345678" {
		t.Errorf("appendPadded(12345678, 7) = %q, want 12345678", got)
	}
}

func TestByDayIsStable(t *testing.T) {
	in := []line{{day: 2, cust: 1}, {day: 0, cust: 2}, {day: 2, cust: 3}, {day: 1, cust: 4}, {day: 0, cust: 5}}
	want := []line{{day: 0, cust: 2}, {day: 0, cust: 5}, {day: 1, cust: 4}, {day: 2, cust: 1}, {day: 2, cust: 3}}
	if diff := cmp.Diff(want, byDay(in, 3), cmp.AllowUnexported(line{})); diff != "" {
		t.Errorf("byDay (-want +got):\n%s", diff)
	}
}

// BenchmarkGenerate measures the default-sized log without writing it.
func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	cfg := defaultConfig()
	cfg.Customers = 100_000
	for b.Loop() {
		w := bufio.NewWriter(discard{})
		generate(w, &cfg)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
