package segment

import (
	"hash/maphash"
	"strings"
)

// The customer index is split into shards by a hash of the id, so that
// AddOrders can look ids up on several cores at once, each core owning some
// shards. A customer's key is its number within its shard, shifted, or'ed
// with the shard.
const (
	shardBits = 4
	numShards = 1 << shardBits
)

// idShard is one part of the customer index: a hash table with open
// addressing, smaller and faster to grow than a map[string]int32. A slot
// holds the low 32 bits of the id's hash next to the customer's number, so
// a probe compares ids only when the hashes match, and growing never
// hashes an id again. The table is at most half full, which keeps probes
// short. The hash is seeded per ledger, so crafted ids cannot make the
// probes long.
type idShard struct {
	slots []uint64 // hash<<32 | number in the shard plus one; 0 is empty
	ids   []string
}

// hash returns the hash of id, seeding the ledger's hash on first use.
func (l *Ledger) hash(id string) uint64 {
	if l.seed == (maphash.Seed{}) {
		l.seed = maphash.MakeSeed()
	}
	return maphash.String(l.seed, id)
}

// shardOf is the shard of an id with hash h: its top bits, while the slot
// in the shard comes from the low bits.
func shardOf(h uint64) uint8 { return uint8(h >> (64 - shardBits)) }

// find returns the number of id (with hash h) in the shard, or the slot
// where it would go.
func (sh *idShard) find(id string, h uint64) (c int32, slot int, ok bool) {
	if len(sh.slots) == 0 {
		return 0, -1, false
	}
	mask := len(sh.slots) - 1
	for i := int(uint32(h)) & mask; ; i = (i + 1) & mask {
		v := sh.slots[i]
		if v == 0 {
			return 0, i, false
		}
		if uint32(v>>32) == uint32(h) {
			if c := int32(uint32(v)) - 1; sh.ids[c] == id {
				return c, i, true
			}
		}
	}
}

// add returns the key of id (with hash h) in shard s, and whether it was
// new: then the id is added.
func (sh *idShard) add(id string, h uint64, s uint8) (int32, bool) {
	c, slot, ok := sh.find(id, h)
	if ok {
		return c<<shardBits | int32(s), false
	}
	if 2*(len(sh.ids)+1) > len(sh.slots) {
		sh.grow()
		_, slot, _ = sh.find(id, h)
	}
	c = int32(len(sh.ids))
	sh.slots[slot] = uint64(uint32(h))<<32 | uint64(c+1)
	sh.ids = append(sh.ids, id)
	return c<<shardBits | int32(s), true
}

// copyIDs replaces the ids added since the first from with substrings of
// one new string holding them all, so that the shard keeps no memory of
// its callers' (AddOrders' orders may point into a whole input block).
func (sh *idShard) copyIDs(from int) {
	added := sh.ids[from:]
	n := 0
	for _, id := range added {
		n += len(id)
	}
	if n == 0 {
		return
	}
	var b strings.Builder
	b.Grow(n)
	for _, id := range added {
		b.WriteString(id)
	}
	all, at := b.String(), 0
	for i, id := range added {
		added[i] = all[at : at+len(id)]
		at += len(id)
	}
}

// grow doubles the table, placing every id again by its kept hash.
func (sh *idShard) grow() {
	old := sh.slots
	sh.slots = make([]uint64, max(64, 2*len(old)))
	mask := len(sh.slots) - 1
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := int(uint32(v>>32)) & mask
		for sh.slots[i] != 0 {
			i = (i + 1) & mask
		}
		sh.slots[i] = v
	}
}
