package ingest

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// BenchmarkParseBlock is the block reader's parsing alone, on one core:
// 1 MB blocks of order lines (the columns bench/gen writes) into lines for
// the ledger, without the ledger (MB/s is of CSV).
func BenchmarkParseBlock(b *testing.B) { benchmarkParseBlock(b, "C%07d", nil) }

// BenchmarkParseBlockNumbered is BenchmarkParseBlock with a key that
// numbers the ids, of a padded form (C0000772), an unpadded one (C772)
// or a long one (CU-0000772), as the
// ledger's key does once it has seen one: the lines the run's assembly
// loop takes where there is one (asm), and the same lines through the Go
// loop (go).
func BenchmarkParseBlockNumbered(b *testing.B) {
	for _, form := range []struct{ name, first, format string }{
		{"padded", "C0000772", "C%07d"}, {"unpadded", "C772", "C%d"}, {"long", "CU-0000772", "CU-%07d"},
	} {
		for _, asm := range []bool{false, true} {
			b.Run(form.name+"/"+map[bool]string{false: "go", true: "asm"}[asm], func(b *testing.B) {
				if asm && !haveRunNumbered {
					b.Skip("no assembly loop on " + runtime.GOARCH)
				}
				runNumbered = asm
				defer func() { runNumbered = haveRunNumbered }()
				key := numberedKey(form.first)
				benchmarkParseBlock(b, form.format, &key)
			})
		}
	}
}

// BenchmarkParseBlockLongIDs is BenchmarkParseBlock with ids of 26 bytes,
// too long for the run (plainrun.go): the one-line paths take every line.
func BenchmarkParseBlockLongIDs(b *testing.B) {
	benchmarkParseBlock(b, "customer-%07d@example.com", nil)
}

// benchmarkParseBlock parses blocks of ids of idFormat with key, or with
// a key that numbers no id if key is nil.
func benchmarkParseBlock(b *testing.B, idFormat string, key *bulk.Key) {
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
	if key == nil {
		k := bulk.NewKey(maphash.MakeSeed(), nil)
		key = &k
	}
	p := parser{names: rd.names, cols: rd.cols, key: *key}
	data := csv.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var orders []bulk.Line // reused, as the loader's spares are
	for b.Loop() {
		blk := &block{data: data, orders: orders[:0]}
		p.parse(blk)
		if len(blk.orders) != lines {
			b.Fatalf("%d lines, want %d", len(blk.orders), lines)
		}
		orders = blk.orders
	}
}
