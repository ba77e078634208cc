package segment

import (
	"runtime"
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

// mappedSlots returns n zeroed slots for the customer index. A table of 2
// MiB or more is mapped outside the Go heap (anonymous mmap) and advised
// to huge pages before anything touches it: the runtime hands out large
// slices in memory it has already touched or that it maps without the
// advice, so they fault in 4 KiB pages, and a million customers' tables,
// doubling as they grow, cost about 15,000 faults (a third of a CPU
// second) that way, against a few dozen in huge pages. keep holds the
// mapping: it is unmapped once keep is unreachable (runtime.AddCleanup),
// so a table lives exactly as long as something refers to its keep,
// whatever copies of a ledger exist. A smaller table, or a failed mmap,
// is an ordinary slice and keep nil.
func mappedSlots(n int) (s []slot, keep *mapping) {
	size := n * int(unsafe.Sizeof(slot{}))
	if size < 2<<20 {
		return make([]slot, n), nil
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		s = make([]slot, n)
		adviseHugePages(s)
		return s, nil
	}
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	keep = &mapping{}
	runtime.AddCleanup(keep, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*slot)(unsafe.Pointer(unsafe.SliceData(mem))), n), keep
}

// mapping stands for a table mapped by mappedSlots: while it is
// reachable, the table stays mapped.
type mapping struct{ _ byte }
