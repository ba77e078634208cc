package main

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// of is how the CLI's formatters use the cache, for int keys.
func of(tc *textCache[int, string], k int, c *strategy.Classification, render func(*strategy.Classification) string) string {
	h := uint64(k)
	if e := tc.at(h); e != nil && e.key == k {
		return e.text
	}
	return tc.put(h, &k, render(c))
}

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
					if got := of(tc, k, &c, render); got != strconv.Itoa(k) {
						t.Errorf("round %d: key %d gave %q", round, k, got)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	total := func() (n int) {
		renders.Range(func(_, r any) bool { n += *r.(*int); return true })
		return n
	}
	// Keys looked up once are mostly still there when looked up again
	// (on one goroutine, so that no other's keys come in between): only
	// those that took each other's slots are rendered again, about one
	// in sixteen of an eighth of the slots' worth.
	recent := len(tc.slots) / 8
	lookUp := func() {
		for k := keys - recent; k < keys; k++ {
			c := strategy.Classification{Value: segment.Some(float64(k))}
			of(tc, k, &c, render)
		}
	}
	lookUp()
	before := total()
	lookUp()
	if again := total() - before; again > recent/4 {
		t.Errorf("%d of %d keys rendered again: the cache keeps too little", again, recent)
	}
}

// putString gives back every text as given, kept with its entry or not,
// after collections too (the entry holds the bytes a kept text points
// into).
func TestPutString(t *testing.T) {
	tc := newTextCache[int, string]()
	texts := map[int]string{}
	for k, n := range []int{0, 1, 110, inlineText, inlineText + 1, 1000} {
		text := strings.Repeat(string(rune('a'+k)), n)
		if got := putString(tc, uint64(k), &k, string([]byte(text))); got != text {
			t.Fatalf("putString of %d bytes gave %q", n, got)
		}
		texts[k] = text
	}
	runtime.GC()
	runtime.GC()
	for k, text := range texts {
		e := tc.at(uint64(k))
		if e == nil || e.key != k || e.text != text {
			t.Fatalf("key %d: cached %+v, want %q", k, e, text)
		}
	}
}
