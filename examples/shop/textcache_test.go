package main

import (
	"strconv"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// The cache gives every key its own text, however many keys share a
// slot (four times as many keys as slots, from four goroutines at once),
// and renders a key again only when another took its slot.
func TestTextCacheKeysThatShareSlots(t *testing.T) {
	tc := newTextCache[int, string]()
	keys := 4 * len(tc.slots)
	var renders sync.Map
	render := func(c *strategy.Classification) string {
		v := c.Value.Or(-1)
		n, _ := renders.LoadOrStore(v, new(int))
		*n.(*int)++ // no race: each goroutine has keys of its own
		return strconv.Itoa(int(v))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 2 {
				for k := g; k < keys; k += 4 {
					c := strategy.Classification{Value: segment.Some(float64(k))}
					if got := tc.of(k, &c, render); got != strconv.Itoa(k) {
						t.Errorf("round %d: key %d gave %q", round, k, got)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	// The keys looked up last are mostly still there: looking them up again
	// renders few of them.
	before := 0
	renders.Range(func(_, n any) bool { before += *n.(*int); return true })
	for k := keys - len(tc.slots)/8; k < keys; k++ {
		c := strategy.Classification{Value: segment.Some(float64(k))}
		tc.of(k, &c, render)
	}
	after := 0
	renders.Range(func(_, n any) bool { after += *n.(*int); return true })
	if before < keys {
		t.Errorf("%d renders for %d keys", before, keys)
	}
	if after-before > len(tc.slots)/8/2 {
		t.Errorf("%d of %d recent keys rendered again: the cache keeps nothing", after-before, len(tc.slots)/8)
	}
}
