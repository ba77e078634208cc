package segment

import (
	"sync"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// scratchArray is a mapped array for the scratch work of grouping and the id
// order (counts, radix keys), reused through mappedScratch: mapped
// afresh for each sort, such arrays would pile up between collections,
// which mapped memory does not start. Its pages are those cheaper to
// touch first (hugepages.MapInOrder): the radix passes go over their
// arrays in order, and grouping's counts, written at random (4 MB for a
// million customers), took no longer in 4 KiB pages on the CLI.
type scratchArray struct {
	words []uint64
	keep  *hugepages.Mapping
}

// mappedScratch holds the scratch arrays not in use; like any sync.Pool, it
// lets them go (and so unmaps them) after two collections.
var mappedScratch sync.Pool

// scratchOf returns n elements of scratch (their values left from earlier
// use) and the scratch to put back once they are no longer used. E must
// hold no pointers and need no alignment beyond 8 bytes.
func scratchOf[E any](n int) ([]E, *scratchArray) {
	need := (n*int(unsafe.Sizeof(*new(E))) + 7) / 8
	s, _ := mappedScratch.Get().(*scratchArray)
	if s == nil || len(s.words) < need {
		s = &scratchArray{}
		s.words, s.keep = hugepages.MapInOrder[uint64](need)
	}
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(s.words))), n), s
}

// put gives the scratch back for reuse.
func (s *scratchArray) put() { mappedScratch.Put(s) }
