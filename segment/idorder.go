package segment

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
)

// inIDOrder sorts items (customer keys or groups) in order of their id
// (byte-wise, as Go compares strings) and returns them. Ids are distinct,
// so the order does not depend on the sort.
//
// It sorts by the first 8 bytes of each id as a number, a radix sort
// (linear, no comparisons), and then, by the whole id, only the runs of
// ids that share those 8 bytes, which customer ids of 8 bytes or fewer
// never do. Usually the 8 bytes take few values in each place (digits,
// a fixed letter): then each prefix is first recoded as a small number in
// the same order (see denseCode), which packs with the item into one
// word, so that a million ids sort in two passes over 8 MB instead of one
// pass per varying byte over 16 MB.
//
// Its scratch arrays are mapped and reused (see scratchArray).
func inIDOrder(items []int32, id func(int32) string) []int32 {
	prefix, sp := scratchOf[uint64](len(items))
	defer sp.put()
	for i, it := range items {
		prefix[i] = idPrefix(id(it))
	}
	if code, ok := newDenseCode(prefix); ok {
		return inCodeOrder(items, prefix, &code, id)
	}
	keyed, sk := scratchOf[idKey](len(items))
	defer sk.put()
	for i, it := range items {
		keyed[i] = idKey{prefix: prefix[i], item: it}
	}
	tmp, st := scratchOf[idKey](len(keyed))
	radixByPrefix(keyed, tmp)
	st.put()
	byID := idSorter[idKey]{id: func(k idKey) string { return id(k.item) }}
	for i := 0; i < len(keyed); {
		j := i + 1
		for j < len(keyed) && keyed[j].prefix == keyed[i].prefix {
			j++
		}
		if j-i > 1 {
			byID.sort(keyed[i:j])
		}
		i = j
	}
	for i, k := range keyed {
		items[i] = k.item
	}
	return items
}

// inCodeOrder is inIDOrder when the prefixes have a dense code: it turns
// prefix into the keys code<<32 | item, in place, and sorts them, or
// places them by code when it can (placeByCode).
func inCodeOrder(items []int32, prefix []uint64, code *denseCode, id func(int32) string) []int32 {
	keys := prefix
	top := uint32(0)
	for i, p := range prefix {
		c := code.of(p)
		top = max(top, c)
		keys[i] = uint64(c)<<32 | uint64(uint32(items[i]))
	}
	if placeByCode(items, keys, top) {
		return items
	}
	tmp, st := scratchOf[uint64](len(keys))
	radixByHigh(keys, tmp, code.bits)
	st.put()
	item := func(k uint64) int32 { return int32(uint32(k)) }
	byID := idSorter[uint64]{id: func(k uint64) string { return id(item(k)) }}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j]>>32 == keys[i]>>32 {
			j++
		}
		if j-i > 1 {
			byID.sort(keys[i:j])
		}
		for ; i < j; i++ {
			items[i] = item(keys[i])
		}
	}
	return items
}

// placeByCode puts items in the order of the codes of keys (as
// inCodeOrder makes them, the largest code top) by writing each item at
// its code in an array of top+1 slots and reading the array in order, when
// the codes are distinct and dense (top below four a key): customers
// numbered from 1 to a million, as "C0000001" to "C1000000", code to 1 to
// 1,000,000. One pass that writes at random and one that reads in order
// take a third of the radix sort's instructions. It reports false, items
// unchanged, when the codes are sparse or two are the same (ids that
// share their first 8 bytes), for the radix sort.
func placeByCode(items []int32, keys []uint64, top uint32) bool {
	if len(keys) == 0 || int(top) >= 4*len(keys) {
		return false
	}
	slot, s := scratchOf[uint32](int(top) + 1)
	defer s.put()
	clear(slot)
	for _, k := range keys {
		c := k >> 32
		if slot[c] != 0 {
			return false
		}
		slot[c] = uint32(k) + 1 // 0 is an empty slot; items are not negative
	}
	// Without a branch on whether a slot is empty: an empty one's write is
	// written over by the next full one, which there always is (the last
	// slot, top's, is full), so n stays below len(items) at every write.
	n := 0
	for _, v := range slot {
		items[n] = int32(v - 1)
		n += int(b2u(v != 0))
	}
	return true
}

// idSorter sorts runs of keys whose ids share their first 8 bytes (as
// idPrefix reads them) by their whole ids. It reads each id once, for its
// next 8 bytes as a number (idPrefix of the rest), and sorts by those,
// comparing whole ids only where they tie: ids of 9 to 16 bytes
// (CU-0000772) share their first 8 bytes a hundred at a time, and a
// comparison of whole ids read two of them from the index, a cache miss
// each. Ordering by the next 8 bytes is the order of the ids wherever it
// is strict: a zero byte of padding below a byte of the other id's means
// the shorter id is a prefix of the longer.
type idSorter[K any] struct {
	id    func(K) string
	keyed []idRest[K] // scratch, reused from run to run
}

// idRest is a key and the 8 bytes of its id after its first 8.
type idRest[K any] struct {
	rest uint64
	key  K
}

func (s *idSorter[K]) sort(run []K) {
	s.keyed = s.keyed[:0]
	for _, k := range run {
		var rest uint64
		if id := s.id(k); len(id) > 8 {
			rest = idPrefix(id[8:])
		}
		s.keyed = append(s.keyed, idRest[K]{rest, k})
	}
	slices.SortFunc(s.keyed, func(a, b idRest[K]) int {
		if a.rest != b.rest {
			return cmp.Compare(a.rest, b.rest)
		}
		return strings.Compare(s.id(a.key), s.id(b.key))
	})
	for i := range s.keyed {
		run[i] = s.keyed[i].key
	}
}

// denseCode numbers the distinct 8-byte prefixes of a set of ids in their
// order, by mixed radix: each place (byte) counts in the values that
// place takes among the prefixes, so ids "C0000000" to "C0999999" code to
// 0 to 999,999. The code of a prefix is the sum of the place values of
// its bytes.
type denseCode struct {
	value [8][256]uint32 // by place (0 the first byte of the id) and byte
	bits  int            // the codes are below 1<<bits
}

// newDenseCode returns the code of the prefixes, and false when their
// places take too many values for codes to fit 32 bits.
func newDenseCode(prefix []uint64) (denseCode, bool) {
	var present [8][256]bool
	for _, p := range prefix { // unrolled: shifts by constants
		present[0][byte(p>>56)] = true
		present[1][byte(p>>48)] = true
		present[2][byte(p>>40)] = true
		present[3][byte(p>>32)] = true
		present[4][byte(p>>24)] = true
		present[5][byte(p>>16)] = true
		present[6][byte(p>>8)] = true
		present[7][byte(p)] = true
	}
	var c denseCode
	weight := uint64(1) // of the place, the product of the radices after it
	for b := 7; b >= 0; b-- {
		rank := uint64(0)
		for v := range 256 {
			if present[b][v] {
				c.value[b][v] = uint32(rank * weight)
				rank++
			}
		}
		if weight *= max(rank, 1); weight > 1<<32 {
			return denseCode{}, false
		}
	}
	c.bits = bits.Len64(weight - 1)
	return c, true
}

// of returns the code of prefix p, one of those the code was made for.
func (c *denseCode) of(p uint64) uint32 {
	v := &c.value // unrolled: shifts by constants
	return v[0][byte(p>>56)] + v[1][byte(p>>48)] + v[2][byte(p>>40)] + v[3][byte(p>>32)] +
		v[4][byte(p>>24)] + v[5][byte(p>>16)] + v[6][byte(p>>8)] + v[7][byte(p)]
}

// radixByHigh sorts keys by their top 32 bits, of which only the low
// bits (code bits) may be set, stably, through tmp (len(tmp) ==
// len(keys)), in passes of up to 11 bits.
func radixByHigh(keys, tmp []uint64, bits int) {
	const digit = 11
	passes := (bits + digit - 1) / digit
	src, dst := keys, tmp
	for pass := range passes {
		shift := 32 + pass*digit
		var count [1 << digit]int
		for _, k := range src {
			count[k>>shift&(1<<digit-1)]++
		}
		at := 0
		for v := range count {
			count[v], at = at, at+count[v]
		}
		for _, k := range src {
			v := k >> shift & (1<<digit - 1)
			dst[count[v]] = k
			count[v]++
		}
		src, dst = dst, src
	}
	if len(keys) > 0 && &src[0] != &keys[0] {
		copy(keys, src)
	}
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
