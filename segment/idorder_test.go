package segment

import (
	"cmp"
	"fmt"
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
		requireIDOrder(t, fmt.Sprintf("round %d", round), ids)
	}
}

// requireIDOrder fails unless inIDOrder puts ids (distinct) in the order
// of sorting the strings.
func requireIDOrder(t *testing.T, name string, ids []string) {
	t.Helper()
	items := make([]int32, len(ids))
	for i := range items {
		items[i] = int32(i)
	}
	got := inIDOrder(items, func(i int32) string { return ids[i] })
	want := slices.Clone(ids)
	slices.Sort(want)
	for i, it := range got {
		if ids[it] != want[i] {
			t.Fatalf("%s: position %d is %q, want %q", name, i, ids[it], want[i])
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

// Ids that take few values in each of their first 8 bytes (the usual
// "C0001234") sort through a dense code, others as 16-byte keys; both in
// string order, ties in the first 8 bytes included.
func TestInIDOrderBothPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, tc := range []struct {
		name  string
		id    func(i int) string
		dense bool
	}{
		{"customer numbers", func(i int) string { return fmt.Sprintf("C%07d", r.IntN(10_000_000)) }, true},
		{"long ids sharing 8 bytes", func(i int) string { return fmt.Sprintf("SHOP-01-%d", r.IntN(1_000_000)) }, true},
		{"short and long", func(i int) string { return fmt.Sprintf("%d", r.Int64N(1_000_000_000_000)) }, true},
		{"random bytes", func(i int) string {
			b := make([]byte, 1+r.IntN(12))
			for j := range b {
				b[j] = byte(r.Uint32())
			}
			return string(b)
		}, false},
	} {
		seen := map[string]bool{}
		var ids []string
		for len(ids) < 20_000 {
			if id := tc.id(len(ids)); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		prefix := make([]uint64, len(ids))
		for i, id := range ids {
			prefix[i] = idPrefix(id)
		}
		code, dense := newDenseCode(prefix)
		if dense != tc.dense {
			t.Fatalf("%s: dense code %v, want %v", tc.name, dense, tc.dense)
		}
		if dense {
			// The code keeps the order of the prefixes and tells them apart.
			sorted := slices.Clone(prefix)
			slices.Sort(sorted)
			for i := 1; i < len(sorted); i++ {
				a, b := code.of(sorted[i-1]), code.of(sorted[i])
				if a > b || (a == b) != (sorted[i-1] == sorted[i]) || b >= 1<<code.bits {
					t.Fatalf("%s: codes %d, %d of prefixes %x, %x (bits %d)", tc.name, a, b, sorted[i-1], sorted[i], code.bits)
				}
			}
		}
		requireIDOrder(t, tc.name, ids)
	}
}

// The radix sort by the top 32 bits is stable and leaves the low bits
// alone, for any number of code bits.
func TestRadixByHigh(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 1))
	for _, bits := range []int{0, 1, 11, 12, 22, 23, 32} {
		for _, n := range []int{0, 1, 50_000} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = (r.Uint64()>>32)>>(32-bits)<<32 | uint64(i)
			}
			want := slices.Clone(keys)
			slices.SortStableFunc(want, func(a, b uint64) int { return cmp.Compare(a>>32, b>>32) })
			radixByHigh(keys, make([]uint64, n), bits)
			if !slices.Equal(keys, want) {
				t.Fatalf("bits %d, %d keys: radix order differs from a stable sort", bits, n)
			}
		}
	}
}

// Customers numbered densely ("C0000001" on, in any order, some numbers
// missing) are placed by their codes, in string order; ids that share
// their first 8 bytes, or numbers too sparse, are left to the radix sort,
// the items untouched.
func TestPlaceByCode(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	codes := func(ids []string) ([]int32, []uint64, uint32, bool) {
		items := make([]int32, len(ids))
		keys := make([]uint64, len(ids))
		for i, id := range ids {
			items[i], keys[i] = int32(i), idPrefix(id)
		}
		code, dense := newDenseCode(keys)
		top := uint32(0)
		for i := range keys {
			c := code.of(keys[i])
			top = max(top, c)
			keys[i] = uint64(c)<<32 | uint64(uint32(items[i]))
		}
		return items, keys, top, dense
	}
	for _, n := range []int{1, 2, 100, 70_000} {
		var ids []string
		for i := range n + n/3 {
			if r.IntN(4) != 0 || len(ids) == 0 { // about a quarter missing
				ids = append(ids, fmt.Sprintf("C%07d", i+1))
			}
		}
		r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		items, keys, top, dense := codes(ids)
		if !dense || !placeByCode(items, keys, top) {
			t.Fatalf("%d numbered customers: dense %v, not placed", len(ids), dense)
		}
		want := slices.Clone(ids)
		slices.Sort(want)
		for i, it := range items {
			if ids[it] != want[i] {
				t.Fatalf("%d numbered customers: position %d is %q, want %q", len(ids), i, ids[it], want[i])
			}
		}
		requireIDOrder(t, "numbered customers", ids)
	}
	for name, ids := range map[string][]string{
		"sharing 8 bytes": {"SHOP-01-7", "SHOP-01-3", "SHOP-01-12"},
		"sparse":          {"C0000001", "C9999999"},
	} {
		items, keys, top, _ := codes(ids)
		before := slices.Clone(items)
		if placeByCode(items, keys, top) || !slices.Equal(items, before) {
			t.Errorf("%s: placed, or the items changed: %v", name, items)
		}
		requireIDOrder(t, name, ids)
	}
}

// BenchmarkInIDOrder orders a million customer numbers ("C0001234"),
// given in a random order.
func BenchmarkInIDOrder(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	ids := make([]string, 1_000_000)
	for i, p := range r.Perm(len(ids)) {
		ids[i] = fmt.Sprintf("C%07d", p)
	}
	items := make([]int32, len(ids))
	b.ReportAllocs()
	for b.Loop() {
		for i := range items {
			items[i] = int32(i)
		}
		inIDOrder(items, func(i int32) string { return ids[i] })
	}
}

// Ids sharing their first 8 bytes sort by the rest as strings do, where
// zero bytes and the end of an id look alike to the 8-byte numbers the
// sort reads, and past 16 bytes.
func TestInIDOrderRestTies(t *testing.T) {
	ids := []string{"ABCDEFGH", "ABCDEFGH\x00", "ABCDEFGH\x00\x00", "ABCDEFGH\x00\x01", "ABCDEFGHX", "ABCDEFGHX\x00",
		"ABCDEFGHXYZ12345", "ABCDEFGHXYZ123450", "ABCDEFGHXYZ12345\x00", "ABCDEFGHXYZ123451", "ABCDEFGHXYZ1234",
		"ABCDEFG", "ABCDEFG\x00", "ABCDEFGH\xff", "ABCDEFGH\xff\xff\xff\xff\xff\xff\xff\xff\x00", "ABCDEFGH\xff\xff\xff\xff\xff\xff\xff\xff"}
	for i := 100; i < 400; i += 7 {
		ids = append(ids, fmt.Sprintf("CU-0000%03d", i), fmt.Sprintf("CU-0000%d", i))
	}
	seen := map[string]bool{}
	var distinct []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			distinct = append(distinct, id)
		}
	}
	r := rand.New(rand.NewPCG(1, 3))
	for round := range 20 {
		r.Shuffle(len(distinct), func(i, j int) { distinct[i], distinct[j] = distinct[j], distinct[i] })
		requireIDOrder(t, fmt.Sprintf("shuffle %d", round), distinct)
	}
}
