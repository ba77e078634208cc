package hugepages

import (
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// HugeFirstTouch reports whether memory is cheaper to write the first
// time in huge pages than in 4 KiB ones here and now, as measured (see
// measureFirstTouch) at most firstTouchFor ago. MapInOrder follows it,
// and so do the callers that choose between Make and make for an array
// they write in order or that the pages' first touch dominates.
//
// Which is cheaper depends on the host, and this project's VMs have seen
// both. Where the hypervisor backs a 4 KiB page cheaply and a huge page
// dearly (the Intel host of the tenth round in BENCHMARKS.md: 0.37 ms a
// MiB in 4 KiB pages, 2.4 in huge ones), 4 KiB pages won by a factor of
// six; where every 4 KiB fault is an exit to the hypervisor (the AMD
// hosts of the sixth round and of 2026-12-07: 2.8–3.9 ms a MiB, against
// 1.3–2.3 in huge pages), huge pages won, and the CLI spent a third of
// its CPU time in the kernel faulting 4 KiB pages in. A fixed choice is
// wrong on one of them, and a VM can move between them, so the choice is
// measured, and measured again a minute later.
func HugeFirstTouch() bool {
	now := time.Since(epoch)
	if now < time.Duration(firstTouch.until.Load()) {
		return firstTouch.huge.Load()
	}
	firstTouch.mu.Lock()
	defer firstTouch.mu.Unlock()
	if now < time.Duration(firstTouch.until.Load()) { // measured meanwhile
		return firstTouch.huge.Load()
	}
	small, huge := measure()
	firstTouch.huge.Store(preferHuge(small, huge))
	firstTouch.until.Store(int64(time.Since(epoch) + firstTouchFor))
	return firstTouch.huge.Load()
}

// firstTouchFor is how long a measurement holds: long enough that a
// batch job measures once, short enough that a long-lived process sees
// the host change.
const firstTouchFor = time.Minute

var (
	measure    = measureFirstTouch // a test's stand-in replaces it
	epoch      = time.Now()        // for a monotonic clock in an atomic
	firstTouch struct {
		mu    sync.Mutex
		huge  atomic.Bool
		until atomic.Int64 // nanoseconds since epoch; 0 until measured
	}
)

// preferHuge decides from the costs of a first touch per 4 KiB of memory
// in 4 KiB pages and in huge pages (0: not measured): huge pages when
// they cost less. No margin: the measurement already leans to 4 KiB
// pages (see measureFirstTouch), and where the two cost about the same
// the choice hardly matters. On the AMD host of 2026-12-07 a cold huge
// page measured 0.55–0.7 of a 4 KiB page's cost here, and 64 MiB of
// them cost 0.35–0.6 of 64 MiB of 4 KiB pages (BenchmarkFirstTouch).
func preferHuge(small, huge time.Duration) bool {
	return huge > 0 && huge < small
}

// cheapSmall is the cost of a 4 KiB page's first touch below which huge
// pages are not measured at all: a huge page's first touch costs at least
// its zeroing, and measuring two costs up to 10 ms on this project's VMs,
// for a saving of at most cheapSmall a page.
const cheapSmall = 4 * time.Microsecond

// smallProbes and smallBatches: the 4 KiB pages measured, in batches
// whose least is taken, so that an interrupt or a preemption in one
// does not count; hugeProbes: the huge pages measured.
const (
	smallBatches = 4
	smallProbes  = 16 * smallBatches
	hugeProbes   = 2
	page         = 4 << 10
)

// measureFirstTouch maps memory the process has not touched and measures
// what writing it the first time costs per 4 KiB: in 4 KiB pages (the
// least of smallBatches batches) and, unless that is cheaper than
// cheapSmall, in huge pages (the dearer of hugeProbes, each written in
// each of its 4 KiB pages, so that a huge page the kernel could not give,
// its 512 faults of 4 KiB, counts as such). The least of the one and the
// greatest of the other, because a page can be cheap by chance (the host
// still backing it) and a choice of huge pages made by chance costs more
// than one of 4 KiB pages (see preferHuge). It costs some 64 first
// touches of 4 KiB and two of a huge page, and unmaps what it touched,
// which the process's next arrays then take.
func measureFirstTouch() (small, huge time.Duration) {
	mem, err := syscall.Mmap(-1, 0, (hugeProbes+1)*Size+smallProbes*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return 0, 0
	}
	defer syscall.Munmap(mem)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
	lo := int((Size - addr%Size) % Size) // the aligned huge pages inside
	hp, rest := mem[lo:lo+hugeProbes*Size], mem[lo+hugeProbes*Size:]
	// Where transparent huge pages are "always", 4 KiB pages must be
	// asked for.
	_ = syscall.Madvise(rest, syscall.MADV_NOHUGEPAGE)
	// On the thread's CPU clock, which counts the faults (the kernel's
	// time, and the hypervisor's, which the guest sees go by while the
	// thread runs) but not the time the thread waits for a core: on a
	// wall clock, a preemption in a huge page's measurement (the CLI's
	// other goroutines keep both cores busy) made it look dear.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var never atomic.Bool // Fault's stop: every page is written
	small = time.Duration(1 << 62)
	for b := range smallBatches {
		batch := rest[b*smallProbes/smallBatches*page : (b+1)*smallProbes/smallBatches*page]
		start := threadTime()
		Fault(batch, &never)
		small = min(small, (threadTime()-start)/(smallProbes/smallBatches))
	}
	if small < cheapSmall {
		return small, 0
	}
	if syscall.Madvise(hp, syscall.MADV_HUGEPAGE) != nil {
		return small, 0 // no huge pages here
	}
	for p := range hugeProbes {
		start := threadTime()
		Fault(hp[p*Size:(p+1)*Size], &never)
		huge = max(huge, (threadTime()-start)/(Size/page))
	}
	return small, huge
}

// threadTime is the CPU time of the calling thread
// (CLOCK_THREAD_CPUTIME_ID), to the nanosecond; the monotonic wall clock
// where that clock cannot be read.
func threadTime() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return time.Since(epoch)
	}
	return time.Duration(ts.Nano())
}
