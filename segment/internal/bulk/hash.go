package bulk

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"unsafe"
)

// Key is what a ledger hashes customer ids with. Ids of up to 16 bytes
// (nearly all: C0000772 has 8) are hashed by a few multiplications, as
// wyhash does, inline in the loader's loop; longer ids by maphash. Both
// are keyed at random per ledger, so that ids crafted to collide in one
// process do not collide in another.
type Key struct {
	seed maphash.Seed // for ids over 16 bytes
	// For the others: random, made from seed, one per word of the id.
	// Both words are keyed: with only the second keyed, ids whose first
	// 8 bytes cancelled a public constant made a product of zero, the
	// same hash for every id of their length, under every seed.
	mix [2]uint64
	// The ledger's form of numbered ids, shared by every copy of its key
	// (see Dense); nil: every id gets the keyed hash.
	dense *Dense
}

// NewKey returns the key of a ledger whose maphash seed is seed and whose
// numbered ids dense recognises (nil: none).
func NewKey(seed maphash.Seed, dense *Dense) Key {
	return Key{seed: seed, mix: [2]uint64{maphash.String(seed, "a"), maphash.String(seed, "b")}, dense: dense}
}

// wyhash's constants.
const (
	wyp0 = 0xa0761d6478bd642f
	wyp1 = 0xe7037ed1a0b428db
)

// HashBytes is HashString of id's bytes.
func HashBytes(k *Key, id []byte) uint64 {
	return HashString(k, unsafe.String(unsafe.SliceData(id), len(id)))
}

// Hash8 is HashString of an id of 8 bytes, w little-endian.
func Hash8(k *Key, w uint64) uint64 { return Hash(k, w, w, 8) }

// HashString returns the hash of id with k. The bytes of an id of up to
// 16 bytes are read as two words (overlapping, for ids of 9 to 15 bytes;
// as in wyhash) and mixed with the key and the length by two 64×64→128
// bit multiplications, whose halves are folded together, so the top bits
// (the shard) and the low ones (the slot) are both well spread. Each word
// is mixed with a word of the key before the first multiplication, so no
// id can zero it without knowing the key.
func HashString(k *Key, id string) uint64 {
	if len(id) > 16 {
		return maphash.String(k.seed, id) &^ DenseMark
	}
	a, b := Words(unsafe.Slice(unsafe.StringData(id), len(id)))
	return Hash(k, a, b, len(id))
}

// Hash is HashString of an id of n bytes (at most 16) whose words (as
// Words returns them) are a and b: its dense hash if it is a numbered id
// of the ledger's form (see Dense), else its keyed hash (Short).
func Hash(k *Key, a, b uint64, n int) uint64 {
	if k.dense != nil {
		switch {
		case uint(n-1) < 8: // 1 to 8 bytes
			if h, ok := k.dense.HashWord(idWord(a, b, n), n); ok {
				return h
			}
		case uint(n-9) < 8: // 9 to 16
			if h, ok := k.dense.HashWords(a, b, n); ok {
				return h
			}
		}
	}
	return Short(k, a, b, n)
}

// Numbered returns what recognises numbered ids under k (see Dense), nil
// if nothing does: then Hash is Short, which a loop can inline. A loop
// that has an id's bytes as words calls its HashWord (up to 8 bytes) or
// HashWords (9 to 16), then Short if the id is not numbered, as Hash
// does.
func (k *Key) Numbered() *Dense { return k.dense }

// Words returns the words an id of up to 16 bytes is hashed as. Together
// they hold every byte of the id: two ids of the same length are equal
// if and only if their words are.
func Words(id []byte) (a, b uint64) {
	n := len(id)
	switch {
	case n >= 8:
		return binary.LittleEndian.Uint64(id), binary.LittleEndian.Uint64(id[n-8:])
	case n >= 4:
		return uint64(binary.LittleEndian.Uint32(id)), uint64(binary.LittleEndian.Uint32(id[n-4:]))
	case n > 0:
		return uint64(id[0])<<16 | uint64(id[n>>1])<<8 | uint64(id[n-1]), 0
	}
	return 0, 0
}

// Short is the keyed hash of an id of n bytes (at most 16) whose words
// (as Words returns them) are a and b, which never has DenseMark: Hash
// for an id that is not numbered, small enough to be inlined in a loop.
func Short(k *Key, a, b uint64, n int) uint64 {
	hi, lo := bits.Mul64(a^k.mix[0], b^k.mix[1])
	return mix(lo^wyp0^uint64(n), hi^wyp1) &^ DenseMark
}

// mix multiplies a and b into 128 bits and folds the halves together.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}
