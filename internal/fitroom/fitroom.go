// Package fitroom lets strategy.FitView lend the fitters of segment/rfm
// and segment/behavior room it allocated once for a whole base. Each
// worker's fitter appends into its own window of the same arrays, so
// merging the workers' fitters (see Merge) only fills the gaps between
// the windows, in memory that is already touched, instead of copying the
// values into arrays of their own (on this kind of machine, the first
// touch of fresh memory is what costs: about 3 ms of CPU a megabyte).
//
// It also lets FitView make the part of each profile the fitters read
// (see Profile), which segment does not export.
//
// The fitters' packages and segment set the functions when they are
// initialised: they import this package, which therefore cannot name
// their types.
package fitroom

import "unsafe"

var (
	// RFM makes the *rfm.Fitter fitter, empty, append into money (empty,
	// with room for every customer it will be given).
	RFM func(fitter any, money []float64)
	// Base makes the *behavior.Base base, empty, append into revenue and
	// aov (empty, with room for every buyer it will be given).
	Base func(base any, revenue, aov []float64)
	// Profile fills the *segment.Profile p with what the fitters read of
	// the profile of customer i of the *segment.View view (AsOf,
	// Occasions, Revenue, Last), as view.Profile would, and its ID either
	// as view.Profile would or empty: the fitters read the ID only to
	// name a customer they refuse, and the caller then sets it. Other
	// fields may keep what they held.
	Profile func(view any, i int, p any)
	// Room lends the fit over the *segment.View view Arrays arrays of n
	// values each, for the room FitView would otherwise allocate: the
	// memory of the ledger's lines that grouping left dead, which a new
	// process has faulted in already. An array it has no room for is nil
	// (all are when it lends none). Their values are whatever the memory
	// held: the fitters only append. The caller calls giveBack once done
	// with them, and keeps nothing that points into them.
	Room func(view any, n int) (rooms [][]float64, giveBack func())
)

// Arrays is the number of values the fitters keep for each customer of
// the base (RFM's money; the behaviour base's revenue and average order
// value): the arrays of the room FitView asks Room for.
const Arrays = 3

// Merge returns dst with the values of src added, in an order of its
// choosing (the fitters' values are a multiset); src is unchanged. When
// src sits in dst's room after its end (the windows of one room, worker
// after worker), only the gap between them is filled, with src's last
// values: append would copy all of src onto itself or near it
// (FitView's merge of a million customers' values took 2 ms on one core,
// between phases that use two). When src overlaps dst's room otherwise,
// the values go to a new array, where append would write over src.
func Merge(dst, src []float64) []float64 {
	n, k := len(dst), len(src)
	if k == 0 {
		return dst
	}
	const size = unsafe.Sizeof(float64(0))
	base := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	at := uintptr(unsafe.Pointer(&src[0])) - base // wraps around when src is before dst
	room, end := base+uintptr(n)*size, base+uintptr(cap(dst))*size
	switch from := uintptr(unsafe.Pointer(&src[0])); {
	case cap(dst)-n >= k && at%size == 0 && at/size >= uintptr(n) && at/size-uintptr(n) <= uintptr(cap(dst)-n-k):
		gap := min(int(at/size)-n, k)
		copy(dst[n:n+gap], src[k-gap:])
		return dst[:n+k]
	case from < end && room < from+uintptr(k)*size: // src overlaps dst's room
		return append(dst[:n:n], src...) // a new array: appending in the room would write over src
	}
	return append(dst, src...)
}
