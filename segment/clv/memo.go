package clv

import (
	"math"
	"sync"
)

// purchaseMemo remembers the expected purchases of an alive customer by
// frequency and T, for a Predictor. They are what a prediction spends
// nearly all its time on (a numerical integral over the dropout
// probability, tens of evaluations of the integrand at every discounting
// step), and depend on nothing else of the customer: a base of a million
// customers in whole days has some tens of thousands of distinct pairs,
// so most predictions of a whole base look the integral up instead of
// computing it again. The values are the ones computed, so a prediction
// is the same bit for bit whether it was remembered or not.
//
// It is safe for concurrent use: the pairs are spread over shards, each
// under its own lock, so that the workers of a batch seldom wait for one
// another. It keeps at most maxMemo pairs (a Predictor has two memos);
// past that, predictions are computed and not kept, so a long-lived
// Predictor's memory stays bounded.
type purchaseMemo struct {
	shards [memoShards]memoShard
	limit  int // pairs at most; 0 means maxMemo
}

const (
	memoShardBits = 6
	memoShards    = 1 << memoShardBits
	maxMemo       = 1 << 19 // pairs in all, some 30 MB at most
)

type memoShard struct {
	mu sync.RWMutex
	m  map[memoKey]memoValue
	_  [64]byte // keeps the shards' locks on cache lines of their own
}

// memoKey is a frequency and a T, by their bits (both are finite, so
// equal values have equal bits, but for -0, which is then only computed
// once more).
type memoKey struct{ x, T uint64 }

// memoValue is what betaExpect returns for the pair.
type memoValue struct{ end, weighted float64 }

// get returns the value for (x, T), computing it with compute and
// remembering it the first time.
func (pm *purchaseMemo) get(x, T float64, compute func() (end, weighted float64)) (end, weighted float64) {
	k := memoKey{math.Float64bits(x), math.Float64bits(T)}
	sh := &pm.shards[(k.x*0x9e3779b97f4a7c15^k.T*0xc2b2ae3d27d4eb4f)>>(64-memoShardBits)]
	limit := pm.limit
	if limit == 0 {
		limit = maxMemo
	}
	perShard := limit / memoShards
	sh.mu.RLock()
	v, ok := sh.m[k]
	full := len(sh.m) >= perShard
	sh.mu.RUnlock()
	if ok {
		return v.end, v.weighted
	}
	v.end, v.weighted = compute()
	if full { // a full shard computes without taking its lock to write
		return v.end, v.weighted
	}
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = make(map[memoKey]memoValue)
	}
	if len(sh.m) < perShard {
		sh.m[k] = v
	}
	sh.mu.Unlock()
	return v.end, v.weighted
}
