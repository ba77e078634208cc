package segment

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The index finds every id it was given, under its own key, and gives it
// back, also when the hashes collide (all in one probe run, or equal in
// their kept bits), for ids stored in the slot (up to 8 bytes) and apart.
func TestIDShard(t *testing.T) {
	for name, keyed := range map[string]func(i int) uint64{
		"spread":         func(i int) uint64 { return uint64(i) * 0x9e3779b97f4a7c15 },
		"one run":        func(i int) uint64 { return uint64(i % 7) },
		"equal hashes":   func(i int) uint64 { return 42 },
		"equal low bits": func(i int) uint64 { return uint64(i)<<32 | 5 },
	} {
		for _, idOf := range []func(i int) string{
			func(i int) string { return "C" + strconv.Itoa(i) },                                               // 2 to 6 bytes
			func(i int) string { return "C" + strings.Repeat("0", 7-len(strconv.Itoa(i))) + strconv.Itoa(i) }, // 8
			func(i int) string { return "customer-" + strconv.Itoa(i) + "@example.com" },                      // long
			func(i int) string { return strconv.Itoa(i) + strings.Repeat("\x00", i%3) },                       // trailing zero bytes
		} {
			// A keyed hash never has bulk.DenseMark: it would say the id
			// is numbered (see TestIDShardDense, ledger_dense_test.go).
			hash := func(i int) uint64 { return keyed(i) &^ bulk.DenseMark }
			n := 20_000
			if name != "spread" {
				n = 500 // every probe walks the run: keep it short
			}
			var sh idShard
			for i := range n {
				id := idOf(i)
				k, added := sh.addID(id, hash(i), 3)
				if !added || k != int32(i)<<shardBits|3 {
					t.Fatalf("%s: add %q: key %d, added %v", name, id, k, added)
				}
			}
			for i := range n {
				id := idOf(i)
				if k, added := sh.addID(id, hash(i), 3); added || k != int32(i)<<shardBits|3 {
					t.Fatalf("%s: add %q again: key %d, added %v", name, id, k, added)
				}
				for _, other := range []string{id + "x", id + "\x00", id[1:], "x" + id[1:]} {
					// Found only if added (the hashes may make it so).
					if c, _, ok := sh.findID(other, hash(i)); ok && sh.id(c) != other {
						t.Fatalf("%s: looking up %q found %q", name, other, sh.id(c))
					} else if !ok && c != 0 {
						t.Fatalf("%s: %q not found, yet number %d", name, other, c)
					}
				}
				if got := sh.id(int32(i)); got != id {
					t.Fatalf("%s: id %d is %q, want %q", name, i, got, id)
				}
			}
			if 2*int(sh.n) > len(sh.slots) {
				t.Errorf("%s: %d ids in %d slots: more than half full", name, sh.n, len(sh.slots))
			}
		}
	}
}

// The index keeps its own copy of an id: changing the caller's bytes
// afterwards changes nothing.
func TestIDShardCopiesIDs(t *testing.T) {
	var sh idShard
	for _, id := range []string{"short", "a much longer customer id"} {
		b := []byte(id)
		s := string(b) // a string of its own, as a block's substring would be
		sh.addID(s, 1, 0)
		copy(b, strings.Repeat("z", len(b)))
	}
	if sh.id(0) != "short" || sh.id(1) != "a much longer customer id" {
		t.Errorf("ids %q, %q", sh.id(0), sh.id(1))
	}
}

// An id longer than a chunk of long ids gets a chunk of its own, and the
// ids before and after it stay as they were.
func TestIDShardHugeID(t *testing.T) {
	var sh idShard
	ids := []string{"customer-number-one", strings.Repeat("x", longChunk+10), "customer-number-three"}
	for i, id := range ids {
		sh.addID(id, uint64(i), 0)
	}
	for i, id := range ids {
		if got := sh.id(int32(i)); got != id {
			t.Errorf("id %d: %d bytes, want %d", i, len(got), len(id))
		}
		if c, _, ok := sh.findID(id, uint64(i)); !ok || c != int32(i) {
			t.Errorf("find id %d: %d, %v", i, c, ok)
		}
	}
	if len(sh.long) != 3 {
		t.Errorf("%d chunks of long ids, want 3", len(sh.long))
	}
}

// Customer numbers map to chunks that double in size, without gaps or
// overlaps; and a ledger of one customer keeps its index small (a CRM
// builds one per customer it classifies).
func TestNumChunk(t *testing.T) {
	next := 0 // the number the next chunk must start at
	for k := range 20 {
		if c, i := numChunk(int32(next)); c != k || i != 0 {
			t.Fatalf("number %d: chunk %d place %d, want chunk %d place 0", next, c, i, k)
		}
		last := next + chunkSize(k) - 1
		if c, i := numChunk(int32(last)); c != k || i != chunkSize(k)-1 {
			t.Fatalf("number %d: chunk %d place %d, want chunk %d place %d", last, c, i, k, chunkSize(k)-1)
		}
		next = last + 1
	}
	var sh idShard
	sh.addID("a-long-customer-id@example.com", 1, 0)
	sh.addID("C1", 2, 0)
	if n := cap(sh.byNum[0]) * 16; n > 2<<10 {
		t.Errorf("one customer: %d bytes of slots by number", n)
	}
	if n := cap(sh.long[0]); n > 2<<10 {
		t.Errorf("one long id: %d bytes for long ids", n)
	}
}

// A table of 2 MiB or more is mapped outside the heap on Linux. Old
// tables are unmapped as the table grows out of them; the table in use
// is unmapped by the garbage collector once nothing refers to it, never
// while a copy of the shard still uses it:
// look-ups stay right across growth and collections, and through a copy
// of the shard after the original is gone.
func TestIDShardMappedTables(t *testing.T) {
	var sh idShard
	hash := func(i int) uint64 { return uint64(i) * 0x9e3779b97f4a7c15 }
	id := func(i int) string { return "C" + strconv.Itoa(i) }
	const n = 150_000 // a table of 2^19 slots, 8 MiB
	for i := range n {
		if k, added := sh.addID(id(i), hash(i), 1); !added || k != int32(i)<<shardBits|1 {
			t.Fatalf("add %d: key %d, added %v", i, k, added)
		}
		if i%20_000 == 0 {
			runtime.GC() // let the cleanups of the old tables run
		}
	}
	if runtime.GOOS == "linux" && sh.keep == nil {
		t.Errorf("a table of %d slots is not mapped", len(sh.slots))
	}
	check := func(sh *idShard) {
		t.Helper()
		for i := range n {
			if c, _, ok := sh.findID(id(i), hash(i)); !ok || c != int32(i) {
				t.Fatalf("find %d: %d, %v", i, c, ok)
			}
		}
	}
	check(&sh)
	cp := sh
	sh = idShard{}
	runtime.GC()
	runtime.GC()
	check(&cp)
}

// A bulk load of bulkTableLines lines or more gives every shard a table
// of a huge page at least, and finds every customer in it; fewer lines
// keep the tables small. A load large enough for mapped chunks of lines
// (which grouping unmaps once it has moved them) is grouped right, and
// again after more lines.
func TestBulkLoadTables(t *testing.T) {
	for _, lines := range []int{bulkTableLines - 1, bulkTableLines, 3 * bulkTableLines} {
		orders := make([]Order, lines)
		for i := range orders {
			orders[i] = Order{Customer: "C" + strconv.Itoa(i%5000), Date: MustParseDate("2024-01-01").AddDays(i % 300), Amount: 1}
		}
		var l Ledger
		if _, err := l.AddOrders(orders); err != nil {
			t.Fatal(err)
		}
		for s := range l.shards {
			size := len(l.shards[s].slots)
			if big := size >= hugeTableSlots; big != (lines >= bulkTableLines) {
				t.Errorf("%d lines: shard %d has %d slots", lines, s, size)
			}
		}
		for i := range 5000 {
			want := lines / 5000
			if i < lines%5000 {
				want++
			}
			if p, ok := l.Profile("C"+strconv.Itoa(i), Date{}); !ok || p.Orders != want {
				t.Fatalf("%d lines: customer %d: found %v, %d orders, want %d", lines, i, ok, p.Orders, want)
			}
		}
		// The ids come back from the slots kept by number (byNum).
		profiles, _ := l.Profiles(Date{})
		for i, p := range profiles {
			if want := "C" + strconv.Itoa(i); p.ID != want {
				t.Fatalf("%d lines: profile %d is %q, want %q", lines, i, p.ID, want)
			}
		}
		if _, err := l.AddOrders(orders); err != nil {
			t.Fatal(err)
		}
		runtime.GC() // would run the cleanups of chunks still in use
		profiles, _ = l.Profiles(Date{})
		for i, p := range profiles {
			want := lines / 5000
			if i < lines%5000 {
				want++
			}
			if p.Orders != 2*want {
				t.Fatalf("%d lines, added twice: customer %d has %d orders, want %d", lines, i, p.Orders, 2*want)
			}
		}
	}
}

// The ids a ledger hands out stay right after the ledger is gone, also
// from a large one whose slots by number come from rooms of huge pages:
// they point into those slots, which must then live on (they were once
// mapped outside the heap and unmapped under such ids).
func TestIDsOutliveTheLedger(t *testing.T) {
	load := func(prefix string) []Profile {
		l := NewLedger(&LedgerOptions{Customers: 4 << 20})
		for i := range 10 {
			if err := l.Add(Order{Customer: prefix + strconv.Itoa(i), Date: MustParseDate("2024-01-01"), Amount: 1}); err != nil {
				t.Fatal(err)
			}
		}
		ps, _ := l.Profiles(Date{})
		return ps
	}
	a := load("A")
	runtime.GC()
	runtime.GC()
	b := load("B") // where a's memory would be taken again
	runtime.GC()
	for i := range 10 {
		if a[i].ID != "A"+strconv.Itoa(i) || b[i].ID != "B"+strconv.Itoa(i) {
			t.Fatalf("profile %d: ids %q and %q", i, a[i].ID, b[i].ID)
		}
	}
}

// slotsAsAdded keeps every shard's slots by number as customers come
// (none deferred, see idShard.deferred) until the function it returns
// restores the setting.
func slotsAsAdded() (restore func()) {
	old := deferSlots
	deferSlots = false
	return func() { deferSlots = old }
}

// addID is add for an id given as a string, with pages of its own.
func (sh *idShard) addID(id string, h uint64, s uint8) (int32, bool) {
	p := probeOf(id, h)
	return sh.add(&p, h, s, new(densePages))
}

// findID is find for an id given as a string.
func (sh *idShard) findID(id string, h uint64) (int32, int, bool) {
	p := probeOf(id, h)
	return sh.find(&p, h)
}
