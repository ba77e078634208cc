package segment

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// start gives where a look-up of an id starts: a numbered customer's
// place by number, which holds the customer; another's first slot in the
// table, from which probing reaches the id's slot.
func TestStartIsWhereLookUpsStart(t *testing.T) {
	l := NewLedger(nil)
	var ids []string
	for i := range 500 {
		ids = append(ids, fmt.Sprintf("C%07d", 1+i*7), fmt.Sprintf("name-%d", i))
	}
	day := MustParseDate("2024-03-01")
	for _, id := range ids {
		if err := l.Add(Order{Customer: id, Date: day, Amount: 1}); err != nil {
			t.Fatal(err)
		}
	}
	dense := 0
	for _, id := range ids {
		h := l.hash(id)
		s := shardOf(h)
		sh := &l.shards[s]
		k, ok := l.lookup(id)
		if !ok {
			t.Fatalf("%s not found", id)
		}
		p := sh.start(h)
		if p == nil {
			t.Fatalf("%s: no place to start from", id)
		}
		if h&bulk.DenseMark != 0 {
			dense++
			if got := *(*int32)(p) - 1; got != k>>shardBits {
				t.Errorf("%s: its place by number holds customer %d, want %d", id, got, k>>shardBits)
			}
			continue
		}
		_, at, _ := sh.findID(id, h)
		mask := len(sh.slots) - 1
		i := int((uintptr(p) - uintptr(unsafe.Pointer(&sh.slots[0]))) / unsafe.Sizeof(slot{}))
		for ; i != at; i = (i + 1) & mask {
			if sh.slots[i].key == 0 {
				t.Fatalf("%s: an empty slot between its start and its slot", id)
			}
		}
	}
	if dense != 500 {
		t.Fatalf("%d ids found by number, want 500", dense)
	}
	// A new customer's place, on a page not made yet, is nowhere.
	if h := l.hash("C3000000"); l.shards[shardOf(h)].start(h) != nil {
		t.Error("a number on no page has a place to start from")
	}
}

// Both ways of asking ahead read nothing wrong: prefetchByLoads reads the
// first 4 bytes at each place (its sum goes to warmed), and prefetch, on
// whatever machine, takes the same places.
func TestPrefetch(t *testing.T) {
	var values [lookUpBatch]uint32
	var at [lookUpBatch]unsafe.Pointer
	want := uint64(0)
	some := lookUpBatch * 3 / 4 // not all
	for i := range values {
		values[i] = uint32(i * 3)
		at[i] = unsafe.Pointer(&values[i])
		if i < some {
			want += uint64(values[i])
		}
	}
	before := warmed.Load()
	prefetchByLoads(&at, some)
	if got := warmed.Load() - before; got != want {
		t.Errorf("prefetchByLoads read %d, want %d", got, want)
	}
	prefetch(&at, lookUpBatch)
	prefetch(&at, 0)
}
