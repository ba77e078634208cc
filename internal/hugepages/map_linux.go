package hugepages

import (
	"runtime"
	"syscall"
	"unsafe"
)

// Map returns n zeroed elements for a large array written at random (a
// hash table, the lines of a grouping placed by customer); E must hold no
// pointers. An array of Size or more is mapped outside the Go heap
// (anonymous mmap) and advised to huge pages before anything touches it:
// written at random, an array in 4 KiB pages misses the TLB on nearly
// every write (on this project's VM, the ledger's index in 4 KiB pages
// made the CLI a quarter slower on the 1M-customer file). Make cannot
// promise that: the runtime zeroes a large slice in memory it has used
// before (and may have returned to the system) before the advice can be
// given.
//
// keep holds the mapping: it is unmapped once keep is unreachable
// (runtime.AddCleanup), so whatever holds the slice must hold keep too,
// and the array lives exactly as long as that, whatever copies of the
// holder exist. The garbage collector does not count mapped memory in
// the heap, so an unreachable array is unmapped at the next collection
// the heap's own growth starts; Map is for the arrays of large batch
// work, a few per ledger. A smaller array, or a failed mmap, is an
// ordinary slice and keep nil.
func Map[E any](n int) (s []E, keep *Mapping) { return mapArray[E](n, true) }

// MapInOrder is Map for a large array written front to back (appended
// to, filled in order), which 4 KiB pages serve as well as huge ones once
// it is written: it has the huge page advice only where huge pages cost
// less to touch first (HugeFirstTouch). Which costs less depends on the
// host: a huge page can cost six times as much where the host has taken
// back the memory (a virtual machine whose balloon reports free memory,
// as this project's does; see BenchmarkFirstTouch), and 4 KiB pages
// twice as much where each of their faults is an exit to the hypervisor.
// (Where transparent huge pages are "always", the kernel gives huge pages
// whatever the advice.)
func MapInOrder[E any](n int) (s []E, keep *Mapping) { return mapArray[E](n, false) }

func mapArray[E any](n int, huge bool) (s []E, keep *Mapping) {
	size := n * int(unsafe.Sizeof(*new(E)))
	if size < Size {
		return make([]E, n), nil
	}
	huge = huge || HugeFirstTouch()
	// A whole number of huge pages: Linux aligns such a mapping to a huge
	// page, and no other (a chunk of 3.8 MiB took 4 KiB faults at both
	// ends, up to 1,600 of them on the 1M-customer file). The rest of the
	// last huge page is address space, or memory once its page is touched.
	mem, err := syscall.Mmap(-1, 0, (size+Size-1)/Size*Size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		if huge {
			return Make[E](n, n), nil
		}
		return make([]E, n), nil
	}
	if huge {
		_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	}
	keep = &Mapping{mem: mem}
	keep.cleanup = runtime.AddCleanup(keep, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(mem))), n), keep
}

// Mapping stands for an array made by Map: while it is reachable, the
// array stays mapped.
type Mapping struct {
	mem     []byte
	cleanup runtime.Cleanup
}

// Bytes returns the mapped memory, nil once released: for a holder that
// lends the memory of an array it is done with to another array (see
// segment's roomLoan), which then holds m while it uses the memory.
func (m *Mapping) Bytes() []byte {
	if m == nil {
		return nil
	}
	return m.mem
}

// Release unmaps the array now, when its holder knows that nothing reads
// or writes it any more, rather than at a garbage collection to come. On
// this project's VM, memory a process has not touched before costs it
// 0.3 to 2 ms a MiB, the hypervisor backing it as it is first written,
// and memory it has given back and takes again a twentieth of that: a
// large array released as soon as it is done with becomes the next one
// cheaply. A nil Mapping (an array on the heap) is left to the collector.
func (m *Mapping) Release() {
	if m == nil || m.mem == nil {
		return
	}
	m.cleanup.Stop()
	_ = syscall.Munmap(m.mem)
	m.mem = nil
}
