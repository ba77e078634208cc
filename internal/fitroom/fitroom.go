// Package fitroom lets strategy.FitView lend the fitters of segment/rfm
// and segment/behavior room it allocated once for a whole base. Each
// worker's fitter appends into its own window of the same arrays, so
// merging the workers' fitters moves values within memory that is
// already touched, instead of copying them into arrays of their own (on
// this kind of machine, the first touch of fresh memory is what costs:
// about 3 ms of CPU a megabyte).
//
// It also lets FitView make the part of each profile the fitters read
// (see Profile), which segment does not export.
//
// The fitters' packages and segment set the functions when they are
// initialised: they import this package, which therefore cannot name
// their types.
package fitroom

var (
	// RFM makes the *rfm.Fitter fitter, empty, append into money (empty,
	// with room for every customer it will be given).
	RFM func(fitter any, money []float64)
	// Base makes the *behavior.Base base, empty, append into revenue,
	// occasions and aov (empty, with room for every buyer it will be
	// given).
	Base func(base any, revenue, occasions, aov []float64)
	// Profile fills the *segment.Profile p with what the fitters read of
	// the profile of customer i of the *segment.View view (AsOf,
	// Occasions, Revenue, Last), as view.Profile would, and its ID either
	// as view.Profile would or empty: the fitters read the ID only to
	// name a customer they refuse, and the caller then sets it. Other
	// fields may keep what they held.
	Profile func(view any, i int, p any)
)
