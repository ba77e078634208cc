package ingest_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
	"testing/iotest"

	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// Loading through the ledger's stream of owners (bulk.Sink) gives what
// reading record by record gives, on 1 to 5 cores and blocks of 300 bytes
// to 64 KiB, for a log whose runs of a customer's lines cross blocks; with
// a bad record in the middle (skipped, or stopping the load), also inside
// a customer's run; with a quoted field in a later block (the record
// reader takes over), also after a bad record; and with a read error
// three quarters in. No goroutine is left behind. (Written by a reviewer
// of the stream, 4c2f7b0.)
func TestBlocksThroughTheStream(t *testing.T) {
	base := runsOrders(30_000, 3_000, 7)
	hdrEnd := bytes.IndexByte(base, '\n') + 1
	body := base[hdrEnd:]
	// Break a record well inside the input (3rd+ block for small blocks).
	at := func(frac float64) int {
		i := int(float64(len(body)) * frac)
		return i + bytes.IndexByte(body[i:], '\n') + 1
	}
	ins := func(pos int, s string) []byte {
		out := append([]byte{}, base[:hdrEnd]...)
		out = append(out, body[:pos]...)
		out = append(out, s...)
		return append(out, body[pos:]...)
	}
	p := at(0.4)
	// The line before p: repeat its customer after the bad record.
	prev := body[bytes.LastIndexByte(body[:p-1], '\n')+1 : p]
	cust := string(bytes.SplitN(prev, []byte(","), 2)[0])
	inputs := map[string][]byte{
		"runs":        base,
		"bad mid":     ins(p, "X1,2022-13-01,1.00,0\n"),
		"bad in run":  ins(p, cust+",2022-13-01,1.00,0\n"+cust+",2022-02-01,1.00,0\n"),
		"quote later": ins(at(0.7), "\"Q,1\",2022-02-01,1.00,0\n"),
	}
	// A bad record, then a quoted field some 5,000 bytes after it.
	bq := ins(p, "X1,2022-13-01,1.00,0\n")
	q := bytes.Index(bq, []byte("X1,2022-13-01"))
	q2 := q + 5000 + bytes.IndexByte(bq[q+5000:], '\n') + 1
	bq = append(append(append([]byte{}, bq[:q2]...), "\"Q\",2022-02-01,1,0\n"...), bq[q2:]...)
	inputs["bad then quote"] = bq
	for _, procs := range []int{1, 2, 3, 5} {
		for _, size := range []int{300, 4096, 65_536} {
			t.Run(fmt.Sprintf("procs %d block %d", procs, size), func(t *testing.T) {
				leaktest.Check(t)
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				defer ingest.SetBlockBytes(size)()
				for name, in := range inputs {
					sameAsRecordByRecord(t, name, in, nil, nil)
				}
				sameAsRecordByRecord(t, "read error late", base, nil, func(r io.Reader) io.Reader {
					return io.MultiReader(io.LimitReader(r, int64(len(base)*3/4)), iotest.ErrReader(io.ErrClosedPipe))
				})
			})
		}
	}
}

// Loading twice through the stream into a ledger that already has
// customers gives what loading record by record gives, on 2, 3 and 6
// cores.
func TestBlocksThroughTheStreamIntoAFullLedger(t *testing.T) {
	in := runsOrders(20_000, 2_000, 11)
	for _, procs := range []int{2, 3, 6} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		defer ingest.SetBlockBytes(4096)()
		mk := func(fn func(io.Reader, *segment.Ledger, *ingest.Options, bool) (ingest.Stats, error)) string {
			l := segment.NewLedger(nil)
			for i := range 50 {
				_ = l.Add(segment.Order{Customer: fmt.Sprint(i * 37), Date: segment.MustParseDate("2021-06-01"), Amount: 1})
			}
			if _, err := fn(bytes.NewReader(in), l, nil, true); err != nil {
				t.Fatal(err)
			}
			if _, err := fn(bytes.NewReader(in), l, nil, true); err != nil {
				t.Fatal(err)
			}
			ps, st := l.Profiles(segment.Date{})
			return fmt.Sprint(l.Len(), l.Customers(), l.Latest(), st, ps)
		}
		if a, b := mk(ingest.LoadRecordByRecord), mk(ingest.LoadOrders); a != b {
			t.Fatalf("procs %d: differ", procs)
		}
	}
}
