package segment

import (
	"sync"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// densePages hands out the pages of the shards' places by number (see
// denseDir), one ledger's for all its shards. The first ones come from
// the heap; past heapDensePages, from chunks of a huge page each
// (hugepages.Map). A page is read at random, once a line: in the heap,
// 1 KiB objects among others in 4 KiB pages, a million customers' 4 MB
// of places span some 2,000 pages, and a look-up missed the TLB as well
// as the cache (on a virtual machine a walk of two page tables): with
// the look-ups asked ahead 16 at a time (lookUpBatch), the load of the
// 1M-customer file took some 4% less CPU in huge pages than in the
// heap's (at 32, 1% less). A small
// ledger (a CRM's) keeps its few pages in the heap rather than a huge
// page each. Pages are never given back: a ledger keeps its places by
// number while it lives, and the chunks are unmapped once it is
// unreachable (see hugepages.Map).
type densePages struct {
	mu    sync.Mutex // owners of different shards take pages at once
	made  int        // pages handed out
	room  [][densePage]int32
	keeps []*hugepages.Mapping
}

// heapDensePages is how many pages (of 256 places) come from the heap
// before the huge-page chunks: 256 KiB, the places of 65,536 numbers.
const heapDensePages = 256

// densePagesPerChunk is how many pages fill a huge page.
const densePagesPerChunk = hugepages.Size / int(unsafe.Sizeof([densePage]int32{}))

// page returns a zeroed page.
func (d *densePages) page() *[densePage]int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.made++
	if d.made <= heapDensePages {
		return new([densePage]int32)
	}
	if len(d.room) == 0 {
		var keep *hugepages.Mapping
		d.room, keep = hugepages.Map[[densePage]int32](densePagesPerChunk)
		d.keeps = append(d.keeps, keep)
	}
	p := &d.room[0]
	d.room = d.room[1:]
	return p
}
