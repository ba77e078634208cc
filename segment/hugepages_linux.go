package segment

import (
	"syscall"
	"unsafe"
)

// adviseHugePages asks Linux to back s with huge pages (madvise
// MADV_HUGEPAGE) where it holds whole ones. Grouping writes every
// line of a ledger to a random place in one large array; with 4 KiB pages
// nearly every write also misses the TLB, with 2 MiB pages few do (the
// CPU time of the CLI on the 1M-customer file drops by about a tenth, see
// BENCHMARKS.md). The advice only matters where transparent huge pages
// are set to "madvise", a common default; under "always" the kernel does
// it anyway, under "never" it refuses, and either way nothing else
// changes: an error is ignored. It must be given before the memory is
// first written, so call it right after make.
func adviseHugePages[E any](s []E) {
	const hugePage = 2 << 20
	size := len(s) * int(unsafe.Sizeof(*new(E)))
	if size < hugePage { // too small to hold an aligned huge page
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
