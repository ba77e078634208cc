package movement_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/movement"
)

// The benchmarks run on a ledger of 100,000 customers with 1 to 5 orders
// each; an op is a whole pass, ns/customer per customer.

func BenchmarkBetween(b *testing.B) {
	l := randomLedger(b, 100_000, 1)
	ts := typologies()
	for _, bc := range []struct {
		name   string
		events func(*movement.Event) error
	}{
		{"matrices", nil},
		{"with-events", func(*movement.Event) error { return nil }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := movement.Between(context.Background(), l, since, asOf, ts, bc.events, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/customer")
		})
	}
}

func BenchmarkTake(b *testing.B) {
	l := randomLedger(b, 100_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := movement.Take(context.Background(), batch.FromLedger(l, asOf, nil), typologies(),
			&movement.Options{Options: batch.Options{Trusted: true}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/customer")
}

func BenchmarkCompare(b *testing.B) {
	l := randomLedger(b, 100_000, 1)
	opts := &movement.Options{Options: batch.Options{Trusted: true}}
	prev, _, err := movement.Take(context.Background(), batch.FromLedger(l, since, nil), typologies(), opts)
	if err != nil {
		b.Fatal(err)
	}
	cur, _, err := movement.Take(context.Background(), batch.FromLedger(l, asOf, nil), typologies(), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := movement.Compare(prev, cur, typologies(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/customer")
}

func BenchmarkSnapshotWriteRead(b *testing.B) {
	l := randomLedger(b, 100_000, 1)
	snap, _, err := movement.Take(context.Background(), batch.FromLedger(l, asOf, nil), typologies(),
		&movement.Options{Options: batch.Options{Trusted: true}})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := snap.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
		if _, err := movement.ReadSnapshot(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/customer")
}
