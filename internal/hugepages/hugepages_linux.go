package hugepages

import (
	"syscall"
	"unsafe"
)

// Advise asks Linux to back s with huge pages (madvise MADV_HUGEPAGE)
// where it holds whole ones. Arrays written at random (grouping writes
// every line of a ledger to a random place) miss the TLB on nearly every
// write with 4 KiB pages and seldom with 2 MiB ones; and on a virtual
// machine whose first touch of a page costs microseconds, an array of a
// million entries faults a few times instead of thousands. The advice
// only matters where transparent huge pages are set to "madvise", a
// common default; under "always" the kernel does it anyway, under "never"
// it refuses, and either way nothing else changes: an error is ignored.
// It must be given before the memory is first written, so call it right
// after make. Only the whole huge pages inside s are advised, the only
// memory the kernel can back with them: an array that holds none (one of
// a huge page, say, seldom aligned to one) asks nothing, where advising
// it would only split the heap's mapping.
func Advise[E any](s []E) {
	size := len(s) * int(unsafe.Sizeof(*new(E)))
	if size < Size { // too small to hold an aligned huge page
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := int((Size - addr%Size) % Size)        // the first huge page boundary in b
	hi := size - int((addr+uintptr(size))%Size) // the last
	if lo < hi {
		_ = syscall.Madvise(b[lo:hi], syscall.MADV_HUGEPAGE)
	}
}
