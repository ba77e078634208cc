package ingest_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// outcome is everything a load tells: the stats, the error, and what the
// ledger holds.
type outcome struct {
	Stats     ingest.Stats
	StatsErrs []string
	Err       string
	Len       int
	Customers int
	Latest    segment.Date
	Profiles  []segment.Profile
	Ledger    segment.Stats
}

func load(in []byte, opts *ingest.Options, skip bool, fn func(io.Reader, *segment.Ledger, *ingest.Options, bool) (ingest.Stats, error), wrap func(io.Reader) io.Reader) outcome {
	l := segment.NewLedger(nil)
	st, err := fn(wrap(bytes.NewReader(in)), l, opts, skip)
	o := outcome{Stats: st, Err: fmt.Sprint(err), Len: l.Len(), Customers: l.Customers(), Latest: l.Latest()}
	for _, e := range st.Errors {
		o.StatsErrs = append(o.StatsErrs, e.Error())
	}
	o.Stats.Errors = nil
	o.Profiles, o.Ledger = l.Profiles(segment.Date{})
	return o
}

// sameAsRecordByRecord checks that LoadOrders gives exactly what reading
// record by record gives, with and without skipping bad records.
func sameAsRecordByRecord(t *testing.T, name string, in []byte, opts *ingest.Options, wrap func(io.Reader) io.Reader) {
	t.Helper()
	if wrap == nil {
		wrap = func(r io.Reader) io.Reader { return r }
	}
	for _, skip := range []bool{false, true} {
		want := load(in, opts, skip, ingest.LoadRecordByRecord, wrap)
		got := load(in, opts, skip, ingest.LoadOrders, wrap)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s (skip %v) (-record by record +blocks):\n%s", name, skip, cmp.Diff(want, got))
		}
	}
}

func sampleOrders(t *testing.T) []byte {
	b, err := io.ReadAll(sample.OrdersCSV())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// genOrders is an order log shaped like bench/gen's: customer_id, date,
// amount, in date order, returns as negative amounts.
func genOrders(lines, customers int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	b.WriteString("customer_id,date,amount\n")
	start := segment.MustParseDate("2022-01-01")
	for i := range lines {
		cents := 100 + r.IntN(20000)
		if r.IntN(20) == 0 {
			cents = -cents
		}
		fmt.Fprintf(&b, "C%07d,%s,%d.%02d\n", r.IntN(customers), start.AddDays(i*1096/lines),
			cents/100, max(cents, -cents)%100)
	}
	return b.Bytes()
}

func TestBlocksSameAsRecordByRecord(t *testing.T) {
	gen := genOrders(12_000, 4_000, 1)
	inputs := map[string][]byte{"sample": sampleOrders(t), "generated": gen}
	bad := func(s string) []byte {
		return []byte("customer_id,date,amount,order_id,return,discounted\n" + s)
	}
	good := "C1,2024-01-02,10.5,O1,0,1\nC2,2024-01-03,3,O2,,\n C1 ,20240104, 7 ,O3,yes,no\n"
	for name, s := range map[string]string{
		"flags and ids":          good,
		"crlf":                   strings.ReplaceAll(good, "\n", "\r\n"),
		"no final newline":       strings.TrimSuffix(good, "\n"),
		"blank lines":            "\n" + good + "\n  \n\r\n" + good + "\n\n",
		"bad amount":             good + "C3,2024-01-05,1,5,O4,0,0\nC3,2024-01-05,1;5,O4,0,0\n" + good,
		"bad date":               good + "C3,2024-02-30,1,O4,0,0\nC3,1899-12-31,1,O4,0,0\nC3,0000-01-01,1,O4,0,0\n" + good,
		"bad fields":             good + "C3,2024-01-05\n,,,,,\nC4,2024-01-05,1,O5,2,0\nC5,2024-01-05,NaN,O6,0,0\n" + good,
		"empty id":               good + " ,2024-01-05,1,O4,0,0\n" + good,
		"unicode space":          "\u00a0C9\u00a0,2024-01-05,1,O4,0,0\n" + good,
		"quote later":            good + good + "\"C,7\",2024-01-05,\"1\",O4,0,0\n\"multi\nline\",2024-01-05,1,O5,0,0\n" + good,
		"bad quote":              good + "C\"7,2024-01-05,1,O4,0,0\n" + good,
		"iso time":               good + "C7,2024-01-05T10:00:00Z,1,O4,0,0\n",
		"big amount":             good + "C7,2024-01-05,1e13,O4,0,0\nC7,2024-01-05,12345678901234567890.5,O4,0,0\n",
		"only header":            "",
		"header without newline": "",
	} {
		inputs[name] = bad(s)
	}
	inputs["header without newline"] = []byte("customer_id,date,amount")
	// Without flag columns, plain lines take the fast path: lines that
	// are nearly plain must come out as the record reader reads them.
	plain := "customer_id,date,amount,order_id\n"
	for name, s := range map[string]string{
		"plain":        "C1,2024-01-02,10.5,O1\nC1,2024-01-02,3,O2\nC22222222,2024-01-03,-7.25,O3\nC3,2024-01-03,0,\n",
		"plain crlf":   "C1,2024-01-02,10.5,O1\r\nC2,2024-01-02,3,O2\r\n",
		"plain spaces": "C1 ,2024-01-02,10.5,O1\n C1,2024-01-02,1,O2\nC1,2024-01-02 ,1,O3\nC1,2024-01-02, 1,O4\nC1,2024-01-02,1 ,O5\n",
		"plain amounts": "C1,2024-01-02,+5,O1\nC1,2024-01-02,5.,O2\nC1,2024-01-02,.5,O3\nC1,2024-01-02,-0,O4\nC1,2024-01-02,1e3,O5\n" +
			"C1,2024-01-02,0000000000000001.5,O6\nC1,2024-01-02,999999999999999,O7\nC1,2024-01-02,1000000000000,O8\n" +
			"C1,2024-01-02,1000000000000.01,O9\nC1,2024-01-02,-1000000000000,O10\nC1,2024-01-02,1.2.3,O11\nC1,2024-01-02,-,O12\n" +
			"C1,2024-01-02,.,O13\nC1,2024-01-02,,O14\nC1,2024-01-02,123456789012345,O15\nC1,2024-01-02,1234567890.12345,O16\n" +
			"C1,2024-01-02,12345678901.23456,O17\nC1,2024-01-02,--5,O18\nC1,2024-01-02,5-,O19\n",
		"plain dates":   "C1,2024-01-02,1,O1\nC1,2024-02-30,1,O2\nC1,20240105,1,O3\nC1,2024-01-05,1,O4\nC1,1899-12-31,1,O5\nC1,2024-01-05T10:00:00Z,1,O6\nC1,2024-01-05,1,O7\n",
		"plain fields":  "C1,2024-01-02,1\nC1,2024-01-02,1,O1,extra\n,2024-01-02,1,O2\nC1\n,,,\n\nC1,2024-01-02,1,O3,,,,,,,,,\n",
		"plain unicode": "\u00a0C9,2024-01-02,1,O1\nC9\u00a0,2024-01-02,1,O2\nС9,2024-01-02,1,O3\n",
		"plain long id": "CUSTOMER-WITH-A-LONG-ID-0001,2024-01-02,1,O1\nCUSTOMER-WITH-A-LONG-ID-0001,2024-01-02,2,O2\nCUSTOMER-WITH-A-LONG-ID-0002,2024-01-02,3,O3\n",
	} {
		inputs[name] = []byte(plain + s)
	}
	inputs["plain, id last"] = []byte("amount,date,customer_id\n5,2024-01-02,C1\n6,2024-01-02,C2\n7,2024-01-03, C3\n")
	long := bad(good + "C8,2024-01-05," + strings.Repeat("1", 300) + ",O1,0,0\n" + good)
	for _, c := range []struct{ procs, size int }{{1, 1 << 20}, {2, 1 << 20}, {2, 4096}, {4, 64}, {2, 7}} {
		procs, size := c.procs, c.size
		t.Run(fmt.Sprintf("procs %d block %d", procs, size), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			defer ingest.SetBlockBytes(size)()
			for name, in := range inputs {
				sameAsRecordByRecord(t, name, in, nil, nil)
			}
			sameAsRecordByRecord(t, "line over the limit", long, &ingest.Options{MaxLineBytes: 100}, nil)
			sameAsRecordByRecord(t, "small reads", gen[:20_000], nil, iotest.HalfReader)
			sameAsRecordByRecord(t, "read error", gen[:30_000], nil, iotest.TimeoutReader)
			sameAsRecordByRecord(t, "read error at once", gen[:30_000], nil, func(r io.Reader) io.Reader {
				return io.MultiReader(io.LimitReader(r, 20_000), iotest.ErrReader(io.ErrClosedPipe))
			})
		})
	}
}

// The block reader equals the record reader on any input: the fuzzer
// mutates small CSV files, cut into tiny blocks so that every boundary is
// tried.
func FuzzBlocksSameAsRecordByRecord(f *testing.F) {
	f.Add([]byte("customer_id,date,amount\nC1,2024-01-01,10\nC2,2024-01-02,-3\n\nC1,2024-01-03,x\n"), uint8(16))
	f.Add([]byte("customer_id,date,amount,return\r\nC1,20240101,-3.5,1\r\n\"C,2\",2024-01-02T10:00:00Z,\"1\"\n"), uint8(5))
	f.Add([]byte("customer_id,date,amount\nC1,2024-01-01,1,5\n,,\nC2,2024-01-01\n"), uint8(9))
	f.Fuzz(func(t *testing.T, in []byte, size uint8) {
		defer ingest.SetBlockBytes(1 + int(size))()
		sameAsRecordByRecord(t, "fuzz", in, &ingest.Options{MaxLineBytes: 64}, nil)
	})
}

// TestBlocksOnFile compares the readers on a large file, such as
// bench/gen's 1,000,000 customers: CLIENTELE_ORDERS=orders.csv go test
// -run BlocksOnFile ./segment/ingest. Skipped without the variable.
func TestBlocksOnFile(t *testing.T) {
	name := os.Getenv("CLIENTELE_ORDERS")
	if name == "" {
		t.Skip("CLIENTELE_ORDERS is not set")
	}
	in, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sameAsRecordByRecord(t, name, in, nil, nil)
}

// TestBlocksFromAFile loads from files, as the CLI does: a file is read
// through the kernel's cache without waiting where it can (see
// fileread.go), with its pages cached or dropped, in blocks of which the
// last is short.
func TestBlocksFromAFile(t *testing.T) {
	in := genOrders(60_000, 20_000, 5)
	for _, drop := range []bool{false, true} {
		wrap := func(r io.Reader) io.Reader {
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return ingest.TempFile(t, t.TempDir(), data, drop)
		}
		sameAsRecordByRecord(t, fmt.Sprintf("file (pages dropped %v)", drop), in, nil, wrap)
		want := load(in, nil, false, ingest.LoadOrders, func(r io.Reader) io.Reader { return r })
		if got := load(in, nil, false, ingest.LoadOrders, wrap); !reflect.DeepEqual(want, got) {
			t.Errorf("pages dropped %v: a file loads otherwise than its bytes (-bytes +file):\n%s", drop, cmp.Diff(want, got))
		}
	}
}

// runsOrders is an order log where a customer often has several lines in
// a row (the lines of one sale), with ids of every length, some long,
// some with spaces around them, and some bad records between: blocks of
// it are large enough for the ledger to add each on several goroutines.
func runsOrders(lines, customers int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 3))
	var b bytes.Buffer
	b.WriteString("customer_id,date,amount,return\n")
	start := segment.MustParseDate("2022-01-01")
	id := ""
	for i := range lines {
		if i == 0 || r.IntN(3) > 0 {
			c := r.IntN(customers)
			id = fmt.Sprintf("%0*d", 1+c%12, c)
			if c%5 == 0 {
				id = fmt.Sprintf("customer-%d@example.com", c)
			}
			if c%7 == 0 {
				id = " " + id + " "
			}
		}
		switch r.IntN(500) {
		case 0:
			fmt.Fprintf(&b, "%s,2022-13-01,1.00,0\n", id) // bad date
			continue
		case 1:
			b.WriteString(",2022-01-01,1.00,0\n") // no customer
			continue
		case 2:
			b.WriteString("\n")
			continue
		}
		fmt.Fprintf(&b, "%s,%s,%d.%02d,%d\n", id, start.AddDays(i*700/lines+r.IntN(2)), r.IntN(300), r.IntN(100), r.IntN(2))
	}
	return b.Bytes()
}

// With blocks of tens of thousands of lines, the ledger adds each block on
// several goroutines, looking the ids up by shard: the outcome is still
// that of reading record by record.
func TestBlocksAddedInParallel(t *testing.T) {
	in := runsOrders(50_000, 10_000, 1) // a block of 1 MB and the rest
	for _, procs := range []int{2, 3} {
		t.Run(fmt.Sprintf("procs %d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			sameAsRecordByRecord(t, "runs", in, nil, nil)
		})
	}
	// The ledger finds every customer of the blocks by id afterwards:
	// the blocks' ids were hashed as the ledger hashes a string.
	l := segment.NewLedger(nil)
	if _, err := ingest.LoadOrders(bytes.NewReader(in), l, nil, true); err != nil {
		t.Fatal(err)
	}
	ps, _ := l.Profiles(segment.Date{})
	for _, p := range ps {
		if _, ok := l.Profile(p.ID, segment.Date{}); !ok {
			t.Fatalf("customer %q not found by id", p.ID)
		}
	}
	for _, p := range ps {
		if err := l.Add(segment.Order{Customer: p.ID, Date: segment.MustParseDate("2023-01-01"), Amount: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if l.Customers() != len(ps) {
		t.Errorf("%d customers after adding an order to each of the %d", l.Customers(), len(ps))
	}
}

// slowReader hands out its input a few KiB at a time, slowly, and notes
// any read that starts once done is set.
type slowReader struct {
	r          io.Reader
	done       atomic.Bool
	readsAfter atomic.Int32
}

func (s *slowReader) Read(p []byte) (int, error) {
	if s.done.Load() {
		s.readsAfter.Add(1)
	}
	time.Sleep(200 * time.Microsecond)
	return s.r.Read(p[:min(len(p), 4<<10)])
}

// A load that stops at an invalid record in its first block returns
// having stopped reading: nothing reads the caller's reader after
// LoadOrders returns, though the input goes on for many blocks.
func TestBlocksStopReadingWhenTheLoadStops(t *testing.T) {
	var in bytes.Buffer
	in.WriteString("customer_id,date,amount\nC1,2024-01-01,10\nC2,not a date,5\n")
	for i := range 100_000 {
		fmt.Fprintf(&in, "C%d,2024-01-02,%d.50\n", i, i%90+1)
	}
	r := &slowReader{r: &in}
	_, err := ingest.LoadOrders(r, segment.NewLedger(nil), nil, false)
	r.done.Store(true)
	if err == nil || !strings.Contains(err.Error(), "date") {
		t.Fatalf("want the invalid date's error, got %v", err)
	}
	time.Sleep(20 * time.Millisecond) // a reader left running would read meanwhile
	if n := r.readsAfter.Load(); n != 0 {
		t.Errorf("%d reads of the input after LoadOrders returned", n)
	}
}
