package batch_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment/batch"
)

// A Sum is exact in any order of its terms and its merges, for amounts up
// to MaxAmount (where an int64 of millionths would wrap), and refuses
// amounts beyond it, and NaN, adding nothing.
func TestSumIsExactInAnyOrder(t *testing.T) {
	amounts := []float64{0.1, 1e13, -5e12, 0.2, 7.77, -1e13, 5e12, 1e17, -1e17, 0.3}
	var forward, backward, halves, other batch.Sum
	for i, v := range amounts {
		require.NoError(t, forward.Add(v))
		require.NoError(t, backward.Add(amounts[len(amounts)-1-i]))
		if i%2 == 0 {
			require.NoError(t, halves.Add(v))
		} else {
			require.NoError(t, other.Add(v))
		}
	}
	halves.Merge(other)
	require.Equal(t, 8.37, forward.Float())
	require.Equal(t, forward, backward)
	require.Equal(t, forward, halves)

	var big batch.Sum
	for range 3 {
		require.NoError(t, big.Add(4e12))
	}
	require.Equal(t, 1.2e13, big.Float())
	for _, bad := range []float64{math.NaN(), math.Inf(1), 2 * batch.MaxAmount} {
		require.Error(t, big.Add(bad))
	}
	require.Equal(t, 1.2e13, big.Float(), "a refused amount is not added")
	var zero batch.Sum
	require.Zero(t, zero.Float())
}
