package strategy_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// sharedBase is the sample base, loaded once for the tests of this file,
// which do not modify it.
func sharedBase(t *testing.T) []segment.Profile {
	t.Helper()
	ps, err := loadBase()
	require.NoError(t, err)
	return ps
}

var loadBase = sync.OnceValues(sample.Profiles)

// shardAccumulators deals base to k shards at random, accumulates each
// shard and returns the shards as JSON, as workers would send them.
func shardAccumulators(t *testing.T, base []segment.Profile, s *strategy.Settings, k int, rng *rand.Rand) [][]byte {
	t.Helper()
	shards := make([]*strategy.Accumulator, k)
	for i := range shards {
		var err error
		shards[i], err = strategy.NewAccumulator(s)
		require.NoError(t, err)
	}
	for i := range base {
		require.NoError(t, shards[rng.IntN(k)].Add(&base[i]))
	}
	out := make([][]byte, k)
	for i, a := range shards {
		var err error
		out[i], err = json.Marshal(a)
		require.NoError(t, err)
	}
	return out
}

// decode reads one shard's JSON into a fresh accumulator.
func decode(t *testing.T, data []byte) *strategy.Accumulator {
	t.Helper()
	var a strategy.Accumulator
	require.NoError(t, json.Unmarshal(data, &a))
	return &a
}

// mergeOrders merges the shards in three orders: left to right, right to
// left, and as a balanced tree (what a combiner tree does), each time
// from freshly decoded JSON.
func mergeOrders(t *testing.T, shards [][]byte) map[string]*strategy.Accumulator {
	t.Helper()
	out := map[string]*strategy.Accumulator{}
	fwd := decode(t, shards[0])
	for _, s := range shards[1:] {
		require.NoError(t, fwd.Merge(decode(t, s)))
	}
	out["forward"] = fwd
	var rev strategy.Accumulator // the zero accumulator is an empty start
	for i := len(shards) - 1; i >= 0; i-- {
		require.NoError(t, rev.Merge(decode(t, shards[i])))
	}
	out["reverse"] = &rev
	level := make([]*strategy.Accumulator, len(shards))
	for i, s := range shards {
		level[i] = decode(t, s)
	}
	for len(level) > 1 {
		var next []*strategy.Accumulator
		for i := 0; i < len(level); i += 2 {
			if i+1 < len(level) {
				require.NoError(t, level[i+1].Merge(level[i]))
				next = append(next, level[i+1])
			} else {
				next = append(next, level[i])
			}
		}
		level = next
	}
	// The merged result survives another round trip through JSON.
	data, err := json.Marshal(level[0])
	require.NoError(t, err)
	out["tree"] = decode(t, data)
	return out
}

// A base split into shards, each accumulated, sent as JSON and merged in
// any order, gives the classifiers, and so every customer's
// classification, of one process over the whole base.
func TestAccumulatorShardsEqualOneProcess(t *testing.T) {
	base := sharedBase(t)
	for _, tc := range []struct {
		name     string
		settings *strategy.Settings
	}{
		{"defaults", nil},
		{"aov basis, other shares", &strategy.Settings{
			RFM:      &rfm.Config{Basis: rfm.AverageOrderValue},
			Behavior: &behavior.Config{GoldRevenueTop: 0.1, SuperTop: 0.03},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole, err := strategy.Fit(base, tc.settings)
			require.NoError(t, err)
			want := make([]strategy.Classification, len(base))
			for i := range base {
				whole.Classify(&base[i], &want[i])
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for _, k := range []int{1, 3, 7} {
				shards := shardAccumulators(t, base, tc.settings, k, rng)
				for order, merged := range mergeOrders(t, shards) {
					require.Equal(t, len(base), merged.Len(), "k=%d %s", k, order)
					model, err := merged.Fit(tc.settings)
					require.NoError(t, err)
					require.Equal(t, whole.RFM.Model(), model.RFM, "k=%d %s", k, order)
					require.Equal(t, whole.Behavior.Cuts(), model.Behavior, "k=%d %s", k, order)

					cs, err := merged.Classifiers(tc.settings)
					require.NoError(t, err)
					var got strategy.Classification
					for i := range base {
						cs.Classify(&base[i], &got)
						if got != want[i] { // require.Equal only to show the difference
							require.Equal(t, want[i], got, "k=%d %s customer %s", k, order, base[i].ID)
						}
					}
				}
			}
		})
	}
}

// The comparison above can fail: leaving out one shard of seven moves the
// cuts.
func TestAccumulatorMissingShardDiffers(t *testing.T) {
	base := sharedBase(t)
	whole, err := strategy.Fit(base, nil)
	require.NoError(t, err)
	shards := shardAccumulators(t, base, nil, 7, rand.New(rand.NewPCG(3, 4)))
	var partial strategy.Accumulator
	for _, s := range shards[1:] {
		require.NoError(t, partial.Merge(decode(t, s)))
	}
	model, err := partial.Fit(nil)
	require.NoError(t, err)
	require.NotEqual(t, whole.Behavior.Cuts(), model.Behavior)
}

// The fitted Model is what a pipeline ships to its workers: read back
// from JSON it builds classifiers that classify as the fitted ones.
func TestModelJSONRoundTrip(t *testing.T) {
	base := sharedBase(t)
	a, err := strategy.NewAccumulator(nil)
	require.NoError(t, err)
	for i := range base {
		require.NoError(t, a.Add(&base[i]))
	}
	model, err := a.Fit(nil)
	require.NoError(t, err)
	data, err := json.Marshal(model)
	require.NoError(t, err)
	var back strategy.Model
	require.NoError(t, json.Unmarshal(data, &back))
	require.Equal(t, model, back)

	fitted, err := a.Classifiers(nil)
	require.NoError(t, err)
	shipped, err := back.Classifiers(nil)
	require.NoError(t, err)
	var x, y strategy.Classification
	for i := range base {
		fitted.Classify(&base[i], &x)
		shipped.Classify(&base[i], &y)
		require.Equal(t, x, y, base[i].ID)
	}
}

func TestAccumulatorErrors(t *testing.T) {
	var empty strategy.Accumulator
	_, err := empty.Fit(nil)
	require.ErrorContains(t, err, "empty")

	_, err = strategy.NewAccumulator(&strategy.Settings{RFM: &rfm.Config{Basis: rfm.Basis(9)}})
	require.ErrorContains(t, err, "rfm settings")

	// A profile RFM cannot score is refused and not counted.
	var a strategy.Accumulator
	bad := segment.Profile{ID: "C1", AsOf: segment.NewDate(2025, 1, 1), Occasions: 2}
	err = a.Add(&bad)
	require.ErrorContains(t, err, `customer "C1"`)
	require.Equal(t, 0, a.Len())

	// Accumulators on different monetary bases do not merge, and a
	// revenue accumulator does not fit average-order-value settings.
	base := sharedBase(t)[:50]
	aov, err := strategy.NewAccumulator(&strategy.Settings{RFM: &rfm.Config{Basis: rfm.AverageOrderValue}})
	require.NoError(t, err)
	for i := range base {
		require.NoError(t, aov.Add(&base[i]))
		require.NoError(t, a.Add(&base[i]))
	}
	require.Error(t, a.Merge(aov))
	require.Equal(t, len(base), a.Len(), "a failed merge leaves the accumulator as it was")
	_, err = a.Fit(&strategy.Settings{RFM: &rfm.Config{Basis: rfm.AverageOrderValue}})
	require.Error(t, err)

	// Unscored customers alone: a base, but nobody to take quantiles of.
	var prospects strategy.Accumulator
	require.NoError(t, prospects.Add(&segment.Profile{ID: "P1", AsOf: segment.NewDate(2025, 1, 1)}))
	_, err = prospects.Fit(nil)
	require.True(t, errors.Is(err, rfm.ErrNoPurchases), err)
}

// JSON that no accumulator could have written is refused with the field
// named, and leaves the accumulator as it was.
func TestAccumulatorUnmarshalRejects(t *testing.T) {
	base := sharedBase(t)[:200]
	var a strategy.Accumulator
	for i := range base {
		require.NoError(t, a.Add(&base[i]))
	}
	good, err := json.Marshal(&a)
	require.NoError(t, err)
	for name, tc := range map[string]struct{ old, new, want string }{
		"rfm not increasing":   {`"recency":{"values":[`, `"recency":{"values":[1e9,`, "recency"},
		"occasions not whole":  {`"occasions":{"values":[2`, `"occasions":{"values":[1.5`, "occasions[0]"},
		"not json":             {`{`, `[`, "invalid character"},
		"negative count":       {`"counts":[`, `"counts":[-1,`, "counts"},
		"revenue not a number": {`"revenue":{"values":[`, `"revenue":{"values":["x",`, "accumulator"},
	} {
		t.Run(name, func(t *testing.T) {
			data := strings.Replace(string(good), tc.old, tc.new, 1)
			require.NotEqual(t, string(good), data, "the test edits the JSON")
			b := a
			require.ErrorContains(t, json.Unmarshal([]byte(data), &b), tc.want)
			require.Equal(t, a.Len(), b.Len())
		})
	}

	// The RFM part of one accumulator with the behavioural part of
	// another: the two parts count different buyers.
	var fewer strategy.Accumulator
	require.NoError(t, fewer.Add(&base[0]))
	other, err := json.Marshal(&fewer)
	require.NoError(t, err)
	var parts, otherParts map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(good, &parts))
	require.NoError(t, json.Unmarshal(other, &otherParts))
	parts["behavior"] = otherParts["behavior"]
	mixed, err := json.Marshal(parts)
	require.NoError(t, err)
	require.ErrorContains(t, json.Unmarshal(mixed, &fewer), "same buyers")
	require.Equal(t, 1, fewer.Len())
}
