package clv

import (
	"math"
	"sync"
	"testing"
)

// The memo gives back what compute returned for each pair, whether it
// remembered it or not, on several goroutines at once, and keeps at most
// its limit of pairs (per shard, limit/memoShards), computing the rest
// every time.
func TestPurchaseMemo(t *testing.T) {
	pm := purchaseMemo{limit: 4 * memoShards}
	value := func(x, T float64) (float64, float64) { return x*1000 + T, math.Sqrt(x + T) }
	calls := make([]int, 100*50)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pass := range 3 {
				for i := range 100 * 50 {
					x, T := float64(i/50), float64(i%50) // the same pairs on every goroutine
					end, weighted := pm.get(x, T, func() (float64, float64) {
						mu.Lock()
						calls[i]++
						mu.Unlock()
						return value(x, T)
					})
					if we, ww := value(x, T); end != we || weighted != ww {
						t.Errorf("goroutine %d pass %d: (%v, %v) gave %v, %v, want %v, %v", g, pass, x, T, end, weighted, we, ww)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	kept := 0
	for i := range pm.shards {
		n := len(pm.shards[i].m)
		if n > pm.limit/memoShards {
			t.Errorf("shard %d keeps %d pairs, more than %d", i, n, pm.limit/memoShards)
		}
		kept += n
	}
	if kept == 0 || kept > pm.limit {
		t.Errorf("kept %d pairs, want 1..%d", kept, pm.limit)
	}
	recomputed := 0
	for _, c := range calls {
		if c > 4 { // four goroutines may each compute a pair once before one stores it
			recomputed++
		}
	}
	if recomputed == 0 {
		t.Error("no pair beyond the limit was computed again: the limit does not hold")
	}
}
