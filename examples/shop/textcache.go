package main

import (
	"math/rand/v2"
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
	hash  func(K) uint64 // any mix of the key's fields; equal keys, equal hashes
	seed  uint64
	slots [1 << cacheBits]atomic.Pointer[cached[K, T]]
}

const cacheBits = 15

type cached[K comparable, T any] struct {
	key  K
	text T
}

// newTextCache returns a cache whose slots are found by hash. The hash
// need not spread its bits (the cache mixes them with a random seed) nor
// avoid collisions altogether (keys are compared whole): a hash of the
// key's few fields costs a tenth of maphash.Comparable, whose call took
// about 130 instructions and two mispredicted branches a customer.
func newTextCache[K comparable, T any](hash func(K) uint64) *textCache[K, T] {
	return &textCache[K, T]{hash: hash, seed: rand.Uint64()}
}

// of returns the text of key, rendered from c by render unless cached.
// render must give the same text for every c with the same key.
func (tc *textCache[K, T]) of(key K, c *strategy.Classification, render func(*strategy.Classification) T) T {
	slot := &tc.slots[(tc.hash(key)^tc.seed)*0x9e3779b97f4a7c15>>(64-cacheBits)]
	if e := slot.Load(); e != nil && e.key == key {
		return e.text
	}
	t := render(c)
	slot.Store(&cached[K, T]{key: key, text: t})
	return t
}
