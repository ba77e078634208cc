package segment

import (
	"fmt"
	"slices"
	"testing"
	"unsafe"
)

// densePagesPast is a count of pages that takes two huge-page chunks
// after the heap's: the last chunk only begun.
const densePagesPast = heapDensePages + densePagesPerChunk + 10

// Pages come zeroed and apart, from the heap and then from the chunks,
// and a write to one changes no other.
func TestDensePagesApart(t *testing.T) {
	var d densePages
	pages := make([]*[densePage]int32, densePagesPast)
	for i := range pages {
		p := d.page()
		for j, v := range p {
			if v != 0 {
				t.Fatalf("page %d: place %d holds %d, want 0", i, j, v)
			}
		}
		p[0], p[densePage-1] = int32(i+1), int32(-i-1)
		pages[i] = p
	}
	if len(d.keeps) != 2 {
		t.Errorf("%d chunks for %d pages, want 2", len(d.keeps), len(pages))
	}
	for i, p := range pages {
		if p[0] != int32(i+1) || p[densePage-1] != int32(-i-1) {
			t.Fatalf("page %d was written through another", i)
		}
	}
	at := make([]uintptr, len(pages))
	for i, p := range pages {
		at[i] = uintptr(unsafe.Pointer(p))
	}
	slices.Sort(at)
	for i := 1; i < len(at); i++ {
		if at[i]-at[i-1] < unsafe.Sizeof(*pages[0]) {
			t.Fatalf("pages at %#x and %#x overlap", at[i-1], at[i])
		}
	}
}

// A ledger whose customers' places by number fill more pages than the
// heap gives (each customer a page of its own) finds each customer with
// its own orders, added one by one or in bulk. (The first order is added
// alone either way: it fixes the form of numbered ids, which in bulk any
// id may fix, the ids hashed before it then going to the table.)
func TestLedgerPlacesPastTheHeap(t *testing.T) {
	// Numbers 1024 apart: shard 0, a page apart (see denseDir).
	const apart = densePage << shardBits
	ids := make([]string, densePagesPast)
	var orders []Order
	day := MustParseDate("2024-01-01")
	for i := range ids {
		ids[i] = fmt.Sprintf("C%07d", i*apart)
		for j := range 1 + i%3 {
			orders = append(orders, Order{Customer: ids[i], Date: day.AddDays(j), Amount: float64(1 + i%7)})
		}
	}
	for _, inBulk := range []bool{false, true} {
		l := NewLedger(nil)
		addOrders(t, l, orders[:1], false)
		addOrders(t, l, orders[1:], inBulk)
		if l.pages.made != len(ids) || len(l.pages.keeps) != 2 {
			t.Fatalf("bulk %v: %d pages in %d chunks, want %d in 2", inBulk, l.pages.made, len(l.pages.keeps), len(ids))
		}
		asOf := day.AddDays(10)
		for i, id := range ids {
			p, ok := l.Profile(id, asOf)
			if !ok || p.ID != id || p.Orders != 1+i%3 || p.Revenue != float64((1+i%3)*(1+i%7)) {
				t.Fatalf("bulk %v: %q: found %v, id %q, %d orders, revenue %v", inBulk, id, ok, p.ID, p.Orders, p.Revenue)
			}
		}
		if got := l.Customers(); got != len(ids) {
			t.Fatalf("bulk %v: %d customers, want %d", inBulk, got, len(ids))
		}
	}
}
