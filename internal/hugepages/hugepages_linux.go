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
// after make.
func Advise[E any](s []E) {
	size := len(s) * int(unsafe.Sizeof(*new(E)))
	if size < Size { // too small to hold an aligned huge page
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)
	// madvise wants whole pages: the 4 KiB pages inside s.
	const page = 4 << 10
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := int((page - addr%page) % page)
	hi := size - int((addr+uintptr(size))%page)
	if lo < hi {
		_ = syscall.Madvise(b[lo:hi], syscall.MADV_HUGEPAGE)
	}
}
