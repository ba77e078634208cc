package rfm

import "github.com/clientele-go/clientele/internal/selection"

// quantileCuts returns the cut points of values (at least one value, none
// NaN) by the rule of [Cuts]: the k-th cut point is the value at position
// quantileRank(k, n) of the ascending sort. It reorders values. It does
// not sort (see selection.Float64s).
func quantileCuts(values []float64) Cuts {
	n := len(values)
	ranks := []int{quantileRank(1, n), quantileRank(2, n), quantileRank(3, n), quantileRank(4, n)}
	var c Cuts
	selection.Float64s(values, ranks, c[:])
	return c
}
