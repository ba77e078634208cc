package segment

import "unsafe"

// groupIDs are the ids of a grouping's customers in group order, for a
// pass over a view in that order: reading each from the index was a
// cache miss a customer (two for an id over 8 bytes, kept apart from its
// slot), which reading 32 ahead (View.warmIDs) did not hide. A walk over
// the numbers wrote them (see keysByNumber), or copied them with the few
// others it merges in (mergeOthers), or gatherIDs copied them from the
// index. Ids handed out point into them, which they keep alive: an id
// kept after the view is done with keeps the whole array (up to 64 bytes
// a customer), one for each grouping it came from, which View.ID and
// View.Profile say.
type groupIDs struct {
	text   []byte // the id of group g from text[stride*g] on
	stride int
	size   int     // every id's length, or 0: then lens has each one's
	lens   []uint8 // nil when size is not 0
}

// id returns the id of group g.
func (w *groupIDs) id(g int32) string {
	size := w.size
	if w.lens != nil {
		size = int(w.lens[g])
	}
	return unsafe.String(&w.text[w.stride*int(g)], size)
}

// maxGatheredID bounds the ids gatherIDs copies: each takes as many
// bytes as the longest.
const maxGatheredID = 64

// gatherIDs copies the ids of the customers with keys (a grouping's, in
// group order: every customer of the ledger, each key below keySpace)
// into one array, in that order, on workers goroutines, and returns
// them; nil for none, or for an id over maxGatheredID bytes. keys must
// list every customer: each is copied to its group's place.
// It reads the index in the order it keeps the ids, and writes each to
// its group's place: read in group order, at random, each id took 100
// to 170 ns, the processor waiting for one miss of the TLB after another.
func (l *Ledger) gatherIDs(keys []int32, keySpace, workers int) *groupIDs {
	l.keepAllSlots()
	longest := 0
	for s := range l.shards {
		longest = max(longest, l.shards[s].longestID())
	}
	if longest == 0 || longest > maxGatheredID {
		return nil
	}
	ids := &groupIDs{stride: longest, lens: make([]uint8, len(keys))}
	ids.text = make([]byte, ids.stride*len(keys))
	group := make([]int32, keySpace)
	for g, k := range keys {
		group[k] = int32(g)
	}
	// Each worker copies the ids of some shards: different groups.
	parallel(workers, func(w int) {
		for s := w; s < numShards; s += workers {
			ids.copyShard(&l.shards[s], uint8(s), group)
		}
	})
	return ids
}

// copyShard copies the ids of shard s, sh, each to its group's place
// (group has the group of each key).
func (ids *groupIDs) copyShard(sh *idShard, s uint8, group []int32) {
	c := int32(0)
	for _, chunk := range sh.byNum {
		for i := range chunk {
			g := int(group[c<<shardBits|int32(s)])
			c++
			ids.lens[g] = uint8(copy(ids.text[ids.stride*g:], sh.slotID(&chunk[i])))
		}
	}
}

// longestID returns the length of the shard's longest id.
func (sh *idShard) longestID() int {
	n := 0
	for _, chunk := range sh.byNum {
		for i := range chunk {
			n = max(n, len(sh.slotID(&chunk[i])))
		}
	}
	return n
}
