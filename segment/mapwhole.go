package segment

import (
	"sync"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// mapWhole is hugepages.Map for n elements, the mapping rounded up to
// whole huge pages: Linux places an anonymous mapping on a huge page
// boundary only when its length is a multiple of a huge page, and backs
// the part before the first boundary with 4 KiB pages (a million int32
// counts, 4,000,000 bytes, took some 470 faults mapped as they are and 2
// mapped as 4 MiB).
func mapWhole[E any](n int) ([]E, *hugepages.Mapping) {
	size := int(unsafe.Sizeof(*new(E)))
	if size == 0 || n*size < hugepages.Size {
		return hugepages.Map[E](n)
	}
	whole := (n*size + hugepages.Size - 1) / hugepages.Size * hugepages.Size
	s, keep := hugepages.Map[E]((whole + size - 1) / size)
	return s[:n:n], keep
}

// scratchArray is a mapped array for the scratch work of grouping and the id
// order (counts, radix keys), reused through mappedScratch: made on the
// heap, such arrays took most of a 4 KiB fault per page (where the
// runtime reuses memory), and mapped afresh for each sort they would pile
// up between collections, which mapped memory does not start.
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
		s.words, s.keep = mapWhole[uint64](need)
	}
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(s.words))), n), s
}

// put gives the scratch back for reuse.
func (s *scratchArray) put() { mappedScratch.Put(s) }
