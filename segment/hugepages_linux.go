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

// hugePage is the size of a huge page on amd64 and arm64 (with 4 KiB
// pages): arrays smaller than that cannot hold an aligned one.
const hugePage = 2 << 20

// mapped returns n zeroed elements for a large array that is written at
// random as it fills (the customer index's tables); E must hold no
// pointers. An array of 2 MiB or more is mapped
// outside the Go heap (anonymous mmap) and advised to huge pages before
// anything touches it: the runtime hands out large slices in memory it
// has touched before or maps without the advice, so they fault in 4 KiB
// pages, at about 12 µs a page on this project's VM (a million
// customers' index tables, doubling as they grow, took about 15,000 such
// faults, a third of a CPU-second). keep holds the mapping: it is
// unmapped once keep is unreachable (runtime.AddCleanup), so whatever
// holds the slice must hold keep too, and the array lives exactly as long
// as that, whatever copies of a ledger or a view exist. A smaller array,
// or a failed mmap, is an ordinary slice and keep nil.
func mapped[E any](n int) (s []E, keep *mapping) {
	size := n * int(unsafe.Sizeof(*new(E)))
	if size < hugePage {
		return make([]E, n), nil
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		s = make([]E, n)
		adviseHugePages(s)
		return s, nil
	}
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	keep = &mapping{}
	runtime.AddCleanup(keep, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(mem))), n), keep
}

// mapping stands for an array mapped by mapped: while it is reachable,
// the array stays mapped.
type mapping struct{ _ byte }
