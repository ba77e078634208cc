package main

import (
	"math/rand/v2"
	"sync/atomic"
	"unsafe"
)

// textCache caches texts rendered from small keys: a base of a million
// customers has a few thousand different next steps, and some thousands
// of different CSV rows once the id and the RFM cells are left out (see
// segmentCSV), and rendering one costs more than looking it up. Safe for concurrent use without locks: a
// slot is found by a hash of the key and read with one atomic load, so
// the workers never write to shared memory once the texts are known (a
// lock's counter, on every read, bounced between the cores). Two keys
// that share a slot take turns in it, each rendered again when it comes
// back.
//
// The callers hash and compare the keys themselves (at, then put on a
// miss), through pointers, field by field: a key passed by value is
// copied 16 bytes at a time, and when its fields had just been written
// 8 bytes at a time, the copy's loads could not be served from the
// pending stores (one such copy of the next step took 3.6-3.8% of the CLI's
// CPU samples, on one instruction); and a key handed to a hash or compare
// function through a func value escaped to the heap, one allocation per
// customer.
type textCache[K, T any] struct {
	seed  uint64
	slots [1 << cacheBits]atomic.Pointer[cached[K, T]]
}

const cacheBits = 15

type cached[K, T any] struct {
	key  K
	text T
}

// newTextCache returns an empty cache. The hashes given to at and put
// need not spread their bits (the cache mixes them with a random seed)
// nor avoid collisions altogether (callers compare keys whole): a hash of
// the key's few fields costs a tenth of maphash.Comparable, whose call
// took about 130 instructions and two mispredicted branches a customer.
func newTextCache[K, T any]() *textCache[K, T] {
	return &textCache[K, T]{seed: rand.Uint64()}
}

// at returns what the slot of a key with hash h holds: nil, or a key of
// the same slot and its text, which the caller compares with its key.
func (tc *textCache[K, T]) at(h uint64) *cached[K, T] {
	return tc.slot(h).Load()
}

// put caches text for key, of hash h, and returns it.
func (tc *textCache[K, T]) put(h uint64, key *K, text T) T {
	tc.slot(h).Store(&cached[K, T]{key: *key, text: text})
	return text
}

// putString is put for a cache of strings that keeps a text of up to
// inlineText bytes in the same allocation as its entry: reading the text
// back then reads the memory right after the key's, where a text of its
// own was one cache miss more. The CSV rows are such a cache: on the 1M
// file some 3,500 different rows after the RFM cells, 840 KB, read at
// random, one a customer.
func putString[K any](tc *textCache[K, string], h uint64, key *K, text string) string {
	if len(text) > inlineText {
		return tc.put(h, key, text)
	}
	e := new(struct {
		cached[K, string]
		bytes [inlineText]byte
	})
	e.key = *key
	e.text = unsafe.String(&e.bytes[0], copy(e.bytes[:], text))
	tc.slot(h).Store(&e.cached)
	return text
}

// inlineText bounds the texts putString keeps with their entries (the
// entry of a row's key then takes 240 bytes, a size class of Go's
// allocator): every different row part after the RFM cells (see
// segmentCSV) of the 1M file in English, 87% in Russian, whose parts run
// to 177 bytes. When the rows were cached whole, a second size for the
// Russian ones, 272 (entries of 384 bytes), did not make that output
// faster (16 alternating runs: 0.5587 s with one size, 0.5681 with two).
const inlineText = 144

func (tc *textCache[K, T]) slot(h uint64) *atomic.Pointer[cached[K, T]] {
	return &tc.slots[(h^tc.seed)*0x9e3779b97f4a7c15>>(64-cacheBits)]
}
