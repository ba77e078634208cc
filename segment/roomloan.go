package segment

import (
	"cmp"
	"slices"
	"unsafe"

	"github.com/clientele-go/clientele/internal/fitroom"
	"github.com/clientele-go/clientele/internal/hugepages"
)

// lineChunk is a chunk that bulk blocks of lines are carved from (see
// bulkBlock), and how many of its bytes they took: the memory written.
type lineChunk struct {
	keep *hugepages.Mapping // nil for a chunk on the heap
	used int
}

// roomLoan is memory grouping leaves dead, kept for the room of a fit
// over a view of the base (strategy.FitView, through fitroom.Room): a few
// values a customer, 24 MB for a million, which fresh memory would fault
// in a page at a time (some 6,000 faults on the CLI's 1M-customer file, a
// fifth of the fit's CPU), where the pages of the chunks the added lines
// were in are in already. Only the chunks that room takes are kept, and
// only their written part is lent. The ledger holds them until it groups
// again, or is collected (each chunk's Mapping unmaps it then): memory
// that a fit would have taken anyway.
type roomLoan struct {
	chunks []lineChunk // largest written part first
}

// keepRoom splits chunks into the loan of those that the room of a fit
// over customers takes (nil if none) and the others, which are mapped.
// Chunks on the heap are left to the collector.
func keepRoom(chunks []lineChunk, customers int) (*roomLoan, []lineChunk) {
	var mapped []lineChunk
	for _, c := range chunks {
		if c.keep.Bytes() != nil {
			mapped = append(mapped, c)
		}
	}
	slices.SortStableFunc(mapped, func(a, b lineChunk) int { return cmp.Compare(b.used, a.used) })
	taken := make([]bool, len(mapped))
	for _, p := range carve(mapped, fitroom.Arrays, customers*floatSize) {
		if p.chunk >= 0 {
			taken[p.chunk] = true
		}
	}
	loan, rest := &roomLoan{}, []lineChunk(nil)
	for i, c := range mapped {
		if taken[i] {
			loan.chunks = append(loan.chunks, c)
		} else {
			rest = append(rest, c)
		}
	}
	if len(loan.chunks) == 0 {
		return nil, rest
	}
	return loan, rest
}

const floatSize = int(unsafe.Sizeof(float64(0)))

// place is where carve puts an array: in chunk, from byte from; chunk -1
// for nowhere.
type place struct{ chunk, from int }

// carve places arrays arrays of size bytes each in the written parts of
// chunks, each array within one chunk, first fit in the chunks' order.
// size is a multiple of 8, so every array is aligned as a float64 is.
func carve(chunks []lineChunk, arrays, size int) []place {
	taken := make([]int, len(chunks))
	at := make([]place, arrays)
	for i := range at {
		at[i].chunk = -1
		for c := range chunks {
			if size > 0 && chunks[c].used-taken[c] >= size {
				at[i] = place{c, taken[c]}
				taken[c] += size
				break
			}
		}
	}
	return at
}

// release unmaps the loan's chunks.
func (r *roomLoan) release() {
	for _, c := range r.chunks {
		c.keep.Release()
	}
}

// fitRoom lends fitroom.Arrays arrays of n float64 each from the
// ledger's loan (see fitroom.Room): an array it has no room for is nil.
// Their values are what the memory held, for the fitters only append.
// The loan is lent to one fit at a time; giveBack returns it to the
// ledger, unless the ledger has grouped again since and kept other
// chunks, and then unmaps it.
func (v *View) fitRoom(n int) (rooms [][]float64, giveBack func()) {
	l := v.l
	loan := l.loan.Swap(nil)
	if loan == nil {
		return nil, func() {}
	}
	rooms = make([][]float64, fitroom.Arrays)
	for i, p := range carve(loan.chunks, fitroom.Arrays, n*floatSize) {
		if p.chunk >= 0 {
			mem := loan.chunks[p.chunk].keep.Bytes()[p.from:]
			rooms[i] = unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(mem))), n)
		}
	}
	return rooms, func() {
		if !l.loan.CompareAndSwap(nil, loan) {
			loan.release()
		}
	}
}
