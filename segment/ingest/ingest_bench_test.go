package ingest_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// benchCSV is an order export of 1,000,000 lines over 250,000 customers in
// date order, the columns bench/gen writes: about 25 MB. Its ids are
// numbered ones (C0000772), which a ledger finds by number.
var benchCSV = csvOnce("C%07d")

// benchCSVLong is benchCSV with ids of 10 bytes (CU-0000772), numbered
// too: a long form (see bulk.Dense).
var benchCSVLong = csvOnce("CU-%07d")

// benchCSVHashed is benchCSV with ids of 9 bytes that end with a letter
// (C0000772X), which are not numbered: a ledger hashes them into its
// table.
var benchCSVHashed = csvOnce("C%07dX")

// csvOnce returns a function that makes the export once, with customer
// ids formatted by idFormat from their number.
func csvOnce(idFormat string) func() []byte {
	var data []byte
	return func() []byte {
		if data == nil {
			r := rand.New(rand.NewPCG(1, 2))
			var b bytes.Buffer
			b.WriteString("customer_id,date,amount\n")
			start := segment.MustParseDate("2022-01-01")
			const lines = 1_000_000
			for i := range lines {
				cents := 100 + r.IntN(20000)
				sign := ""
				if r.IntN(20) == 0 {
					sign = "-"
				}
				fmt.Fprintf(&b, idFormat+",%s,%s%d.%02d\n", r.IntN(250_000), start.AddDays(i*1096/lines), sign, cents/100, cents%100)
			}
			data = b.Bytes()
		}
		return data
	}
}

// BenchmarkLoadOrders is CSV ingest: bytes in memory to a ledger, every
// line parsed, validated and added (MB/s is of CSV); "long" has numbered
// ids of 10 bytes, "hashed" ids the ledger hashes into its table rather
// than finds by number.
func BenchmarkLoadOrders(b *testing.B) {
	b.Run("numbered", func(b *testing.B) { benchmarkLoadOrders(b, benchCSV()) })
	b.Run("long", func(b *testing.B) { benchmarkLoadOrders(b, benchCSVLong()) })
	b.Run("hashed", func(b *testing.B) { benchmarkLoadOrders(b, benchCSVHashed()) })
}

func benchmarkLoadOrders(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l := segment.NewLedger(nil)
		if _, err := ingest.LoadOrders(bytes.NewReader(data), l, nil, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOrderReader reads the same bytes record by record, without a
// ledger: the cost of parsing alone on one core.
func BenchmarkOrderReader(b *testing.B) {
	data := benchCSV()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := ingest.NewOrderReader(bytes.NewReader(data), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, err := range rd.All() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
