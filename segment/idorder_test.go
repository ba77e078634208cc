package segment

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// inIDOrder orders ids as Go compares strings, whatever their lengths,
// shared prefixes and bytes: checked against sorting the strings.
func TestInIDOrderIsStringOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	alphabets := []string{"0123456789", "ab\x00\xff", "CK-0", "абвгд"}
	for round := range 40 {
		n := []int{0, 1, 2, 7, 300, 5000}[round%6]
		seen := map[string]bool{}
		var ids []string
		for len(ids) < n {
			alpha := alphabets[r.IntN(len(alphabets))]
			var b strings.Builder
			if r.IntN(3) == 0 {
				b.WriteString("SHARED-PREFIX-")
			}
			for range r.IntN(12) {
				b.WriteByte(alpha[r.IntN(len(alpha))])
			}
			if id := b.String(); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		items := make([]int32, len(ids))
		for i := range items {
			items[i] = int32(i)
		}
		got := inIDOrder(items, func(i int32) string { return ids[i] })
		want := slices.Clone(ids)
		slices.Sort(want)
		for i, it := range got {
			if ids[it] != want[i] {
				t.Fatalf("round %d: position %d is %q, want %q", round, i, ids[it], want[i])
			}
		}
	}
}

// The radix sort is stable and sorts any 64-bit prefixes, the top bit set
// or not.
func TestRadixByPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, n := range []int{0, 1, 2, 100, 70_000} {
		keys := make([]idKey, n)
		for i := range keys {
			keys[i] = idKey{prefix: r.Uint64() >> (8 * r.UintN(8)), item: int32(i)}
			if i%5 == 0 && i > 0 {
				keys[i].prefix = keys[i-1].prefix // ties, kept in input order
			}
		}
		want := slices.Clone(keys)
		slices.SortStableFunc(want, func(a, b idKey) int { return cmp.Compare(a.prefix, b.prefix) })
		radixByPrefix(keys, make([]idKey, n))
		if !slices.Equal(keys, want) {
			t.Fatalf("%d keys: radix order differs from a stable sort", n)
		}
	}
}
