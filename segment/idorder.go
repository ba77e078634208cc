package segment

import (
	"encoding/binary"
	"slices"
	"strings"
)

// inIDOrder sorts items (customer keys or groups) in order of their id
// (byte-wise, as Go compares strings) and returns them. Ids are distinct,
// so the order does not depend on the sort.
//
// It sorts by the first 8 bytes of each id as a number, a radix sort
// (linear, no comparisons: a million ids take a few passes over 16 MB),
// and then, by the whole id, only the runs of ids that share those 8
// bytes, which customer ids of 8 bytes or fewer never do.
func inIDOrder(items []int32, id func(int32) string) []int32 {
	keyed := make([]idKey, len(items))
	for i, it := range items {
		keyed[i] = idKey{prefix: idPrefix(id(it)), item: it}
	}
	radixByPrefix(keyed, make([]idKey, len(keyed)))
	for i := 0; i < len(keyed); {
		j := i + 1
		for j < len(keyed) && keyed[j].prefix == keyed[i].prefix {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keyed[i:j], func(a, b idKey) int { return strings.Compare(id(a.item), id(b.item)) })
		}
		i = j
	}
	for i, k := range keyed {
		items[i] = k.item
	}
	return items
}

// idKey is a customer (a key or a group) and the first 8 bytes of its id
// as a big-endian number (zero-padded), the order of the ids but for ties.
type idKey struct {
	prefix uint64
	item   int32
}

// idPrefix returns the first 8 bytes of id as a big-endian number. Ids
// shorter than 8 bytes are padded with zeros; ties between prefixes are
// broken by comparing the whole ids, so the padding cannot misorder
// "a" and "a\x00".
func idPrefix(id string) uint64 {
	var b [8]byte
	copy(b[:], id)
	return binary.BigEndian.Uint64(b[:])
}

// radixByPrefix sorts keys by prefix, stably, least significant byte
// first, through tmp (len(tmp) == len(keys)). A byte that every key shares
// (the "C" of "C0000001", the leading zeros of numbers) costs one counting
// pass and no move.
func radixByPrefix(keys, tmp []idKey) {
	var count [8][256]int
	for _, k := range keys {
		for b := range 8 {
			count[b][byte(k.prefix>>(8*b))]++
		}
	}
	src, dst := keys, tmp
	for b := range 8 {
		c := &count[b]
		if len(src) == 0 || c[byte(src[0].prefix>>(8*b))] == len(src) {
			continue
		}
		at := 0
		for v := range c {
			c[v], at = at, at+c[v]
		}
		for _, k := range src {
			v := byte(k.prefix >> (8 * b))
			dst[c[v]] = k
			c[v]++
		}
		src, dst = dst, src
	}
	if len(keys) > 0 && &src[0] != &keys[0] {
		copy(keys, src)
	}
}
