package segment

import (
	"runtime"
	"syscall"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
)

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
	if size < hugepages.Size {
		return make([]E, n), nil
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return hugepages.Make[E](n, n), nil
	}
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	keep = &mapping{}
	runtime.AddCleanup(keep, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(mem))), n), keep
}

// mapping stands for an array mapped by mapped: while it is reachable,
// the array stays mapped.
type mapping struct{ _ byte }
