// Package hugepages asks the operating system to back large arrays with
// huge pages, for the packages that fill arrays of a slot per customer or
// per order line.
package hugepages

import (
	"sync/atomic"
	"unsafe"
)

// Size is the size of a huge page on amd64 and arm64 (with 4 KiB pages):
// arrays smaller than that cannot hold an aligned one.
const Size = 2 << 20

// Make is make([]E, n, c) with the huge page advice (see Advise), for an
// array written in full soon after. An array of a huge page or more is
// placed at a huge page boundary (see whole).
func Make[E any](n, c int) []E {
	if c*int(unsafe.Sizeof(*new(E))) < Size {
		return make([]E, n, c)
	}
	return whole(n, c, Advise[E])
}

// MakeInOrder is make([]E, n, c) for a large array written in order, with
// the huge page advice where huge pages are the cheaper to touch first
// (HugeFirstTouch; see MapInOrder): on the heap, for an array the caller
// cannot release itself. (As with Make, the advice stays on the memory
// when the heap reuses it for other objects.)
func MakeInOrder[E any](n, c int) []E { return makeInOrder(n, c, Advise[E]) }

// makeInOrder is MakeInOrder giving the advice through advise.
func makeInOrder[E any](n, c int, advise func([]E)) []E {
	if c*int(unsafe.Sizeof(*new(E))) >= Size && HugeFirstTouch() {
		return whole(n, c, advise)
	}
	return make([]E, n, c)
}

// whole is make([]E, n, c) placed at a huge page boundary, giving advise
// the array's huge pages: all of them are whole, and all the array's own.
// The heap places a large array at a boundary of its pages (heapPage),
// and only the huge pages wholly inside it can be huge: the rest, up to
// 2 MiB at each end, took 4 KiB faults, 10 µs each on the AMD host of
// 2026-12-07 (where the first touch of a huge page cost 0.15–4 ms,
// 0.3–8 µs a 4 KiB page). The heap object is up to Size-heapPage larger
// than the array's huge pages. In memory new to the process the part
// before them is never touched; where the heap reuses memory the runtime
// zeroes the whole object first (and the advice comes too late to
// matter), so an array of just over a huge page then costs the zeroing
// of three. Where E's size does not divide Size (a line of 12 bytes)
// the array cannot be so placed, and advise gets it as the heap placed
// it.
func whole[E any](n, c int, advise func([]E)) []E {
	sz := int(unsafe.Sizeof(*new(E)))
	if sz == 0 || Size%sz != 0 || sz > heapPage {
		s := make([]E, n, c)
		advise(s[:c])
		return s
	}
	per := Size / sz
	pages := (c + per - 1) / per * per // the elements of the array's huge pages
	s := make([]E, pages+(Size-heapPage)/sz)
	lo := int((Size - uintptr(unsafe.Pointer(unsafe.SliceData(s)))%Size) % Size)
	if lo%sz != 0 || lo/sz+pages > len(s) { // off the heap's page boundaries after all
		advise(s[:c])
		return s[:n:c]
	}
	s = s[lo/sz : lo/sz+pages]
	advise(s)
	return s[:n:c]
}

// heapPage is the Go heap's page, at a boundary of which it places every
// large object (runtime's pageSize, 8 KiB on every platform).
const heapPage = 8 << 10

// Fault writes a zero element into every 4 KiB page of s, from its start,
// until stop reports true (checked every huge page), so that the operating
// system backs the array (and zeroes it) then rather than at its first
// real write. It is for an idle core, ahead of an array written at random
// by every core, whose faults on the same huge pages contend: on this
// project's VM the move of a grouping into 70 MB (lines of 16 bytes, as
// they were then) took 8 ms less with its array faulted in before, which
// took 8 ms on one core. The caller must
// not let anything else touch s until Fault has returned.
func Fault[E any](s []E, stop *atomic.Bool) {
	step := max(1, 4<<10/int(unsafe.Sizeof(*new(E))))
	var zero E
	for i, n := 0, 0; i < len(s); i, n = i+step, n+1 {
		if n%(Size>>12) == 0 && stop.Load() {
			return
		}
		s[i] = zero
	}
}
