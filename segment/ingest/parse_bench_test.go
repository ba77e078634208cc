package ingest

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// BenchmarkParseBlock is the block reader's parsing alone, on one core:
// 1 MB blocks of order lines (the columns bench/gen writes) into lines for
// the ledger, without the ledger (MB/s is of CSV).
func BenchmarkParseBlock(b *testing.B) { benchmarkParseBlock(b, "C%07d") }

// BenchmarkParseBlockLongIDs is BenchmarkParseBlock with ids of 26 bytes,
// too long for the run (plainrun.go): the one-line paths take every line.
func BenchmarkParseBlockLongIDs(b *testing.B) { benchmarkParseBlock(b, "customer-%07d@example.com") }

func benchmarkParseBlock(b *testing.B, idFormat string) {
	r := rand.New(rand.NewPCG(1, 2))
	var csv bytes.Buffer
	start := segment.MustParseDate("2022-01-01")
	const lines = 40_000 // about 1 MB
	for i := range lines {
		fmt.Fprintf(&csv, idFormat+",%s,%d.%02d\n", r.IntN(250_000), start.AddDays(i/100), r.IntN(200), r.IntN(100))
	}
	rd, err := NewOrderReader(bytes.NewReader([]byte("customer_id,date,amount\n")), nil)
	if err != nil {
		b.Fatal(err)
	}
	p := parser{names: rd.names, cols: rd.cols, key: bulk.NewKey(maphash.MakeSeed(), nil)}
	data := csv.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		blk := &block{data: data}
		p.parse(blk)
		if len(blk.orders) != lines {
			b.Fatalf("%d lines, want %d", len(blk.orders), lines)
		}
		lineSlices.Put(&blk.orders)
	}
}
