package main

import (
	"hash/maphash"
	"sync/atomic"

	"github.com/clientele-go/clientele/strategy"
)

// textCache caches texts rendered from small keys: a base of a million
// customers has a few thousand different next steps, and some ten
// thousand different CSV rows once the id is left out, and rendering one
// costs more than looking it up. Safe for concurrent use without locks: a
// slot is found by a hash of the key and read with one atomic load, so
// the workers never write to shared memory once the texts are known (a
// lock's counter, on every read, bounced between the cores). Two keys
// that share a slot take turns in it, each rendered again when it comes
// back.
type textCache[K comparable, T any] struct {
	seed  maphash.Seed
	slots [1 << 15]atomic.Pointer[cached[K, T]]
}

type cached[K comparable, T any] struct {
	key  K
	text T
}

func newTextCache[K comparable, T any]() *textCache[K, T] {
	return &textCache[K, T]{seed: maphash.MakeSeed()}
}

// of returns the text of key, rendered from c by render unless cached.
// render must give the same text for every c with the same key.
func (tc *textCache[K, T]) of(key K, c *strategy.Classification, render func(*strategy.Classification) T) T {
	slot := &tc.slots[maphash.Comparable(tc.seed, key)%uint64(len(tc.slots))]
	if e := slot.Load(); e != nil && e.key == key {
		return e.text
	}
	t := render(c)
	slot.Store(&cached[K, T]{key: key, text: t})
	return t
}
