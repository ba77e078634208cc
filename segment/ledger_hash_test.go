package segment

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The hash the loader makes of an id's bytes is the ledger's hash of the
// id as a string, for ids of every length (the short ones are mixed
// inline, those over 16 bytes by maphash), and it depends on the seed.
func TestHashBytesIsHashString(t *testing.T) {
	l, other := NewLedger(nil), NewLedger(nil)
	key := bulk.KeyOf(l)
	differ := 0
	for n := 0; n <= 40; n++ {
		for _, fill := range []string{"C0123456789abcdefghijklmnopqrstuvwxyz0123456789", "\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff\x00\xff"} {
			id := fill[:n]
			b := append([]byte(id), "trailing bytes that are not the id's"...)[:n]
			if got, want := bulk.HashBytes(&key, b), l.hash(id); got != want {
				t.Fatalf("HashBytes(%q) = %#x, the ledger's hash %#x", id, got, want)
			}
			if n == 8 {
				if got, want := bulk.Hash8(&key, binary.LittleEndian.Uint64(b)), l.hash(id); got != want {
					t.Fatalf("Hash8(%q) = %#x, the ledger's hash %#x", id, got, want)
				}
			}
			if l.hash(id) != other.hash(id) {
				differ++
			}
		}
	}
	if differ < 80 {
		t.Errorf("two ledgers hash only %d of 82 ids differently: is the hash seeded?", differ)
	}
}

// Ids that differ in one byte anywhere, or only in length, hash
// differently.
func TestHashSeesEveryByte(t *testing.T) {
	key := bulk.NewKey(maphash.MakeSeed(), nil)
	for n := 1; n <= 20; n++ {
		base := []byte(strings.Repeat("C", n))
		seen := map[uint64]string{bulk.HashBytes(&key, base): string(base), bulk.HashBytes(&key, base[:n-1]): string(base[:n-1])}
		for i := range n {
			for _, c := range []byte{0, 'D', 0xff} {
				id := append([]byte(nil), base...)
				id[i] = c
				h := bulk.HashBytes(&key, id)
				if was, ok := seen[h]; ok && was != string(id) {
					t.Fatalf("%q and %q hash alike", was, id)
				}
				seen[h] = string(id)
			}
		}
	}
}

// Ids of 9 to 16 bytes that share their first 8 bytes hash apart, whatever
// those bytes: also when they are wyhash's public constant, which once
// zeroed the unkeyed word's product and gave all such ids one hash.
func TestHashKeysBothWords(t *testing.T) {
	var wyp1 [8]byte
	binary.LittleEndian.PutUint64(wyp1[:], 0xe7037ed1a0b428db)
	for _, prefix := range []string{string(wyp1[:]), "\x00\x00\x00\x00\x00\x00\x00\x00", "CUSTOMER"} {
		key := bulk.NewKey(maphash.MakeSeed(), nil)
		for n := 9; n <= 16; n++ {
			ids, hashes := map[string]bool{}, map[uint64]bool{}
			for i := range 1000 {
				id := prefix + fmt.Sprintf("%08d", i)[8-(n-8):] // up to 1,000 distinct ids
				ids[id], hashes[bulk.HashString(&key, id)] = true, true
			}
			if len(hashes) != len(ids) {
				t.Fatalf("prefix %q, %d bytes: %d ids give %d hashes", prefix, n, len(ids), len(hashes))
			}
		}
	}
}

// A million ids of the usual kinds (sequential, as C0000001, and plain
// numbers of 1 to 7 bytes, and long ones) spread evenly over the shards
// (the hash's top bits) and make short probes in tables half full (its
// low bits), as the index lays them out.
func TestHashSpreadsIDs(t *testing.T) {
	const n = 1_000_000
	kinds := map[string]func(i int) string{
		"C0000001": func(i int) string { return fmt.Sprintf("C%07d", i+1) },
		"1":        func(i int) string { return strconv.Itoa(i + 1) },
		"long":     func(i int) string { return fmt.Sprintf("customer-%07d@example.com", i+1) },
		"12 bytes": func(i int) string { return fmt.Sprintf("CUST%08d", i) },
	}
	for name, idOf := range kinds {
		l := NewLedger(nil)
		var shards [numShards][]uint64
		for i := range n {
			h := l.hash(idOf(i))
			shards[shardOf(h)] = append(shards[shardOf(h)], h)
		}
		for s, hs := range shards {
			if share := float64(len(hs)) / n; share < 0.24 || share > 0.26 {
				t.Errorf("%s: shard %d holds %.3f of the ids", name, s, share)
			}
			mean, longest := probes(hs)
			// Linear probing at half full: 1.5 slots a look-up on average.
			if mean > 1.6 || longest > 64 {
				t.Errorf("%s: shard %d: %.3f slots a look-up on average, %d at most", name, s, mean, longest)
			}
		}
	}
}

// probes places hashes as idShard does (by their low 32 bits, in a table
// of a power of two at least twice as large, with linear probing) and
// returns the mean and largest number of slots a look-up reads.
func probes(hashes []uint64) (mean float64, longest int) {
	size := 64
	for size < 2*len(hashes) {
		size *= 2
	}
	used := make([]bool, size)
	total := 0
	for _, h := range hashes {
		i, k := int(uint32(h))&(size-1), 1
		for ; used[i]; i, k = (i+1)&(size-1), k+1 {
		}
		used[i] = true
		total += k
		longest = max(longest, k)
	}
	return float64(total) / float64(len(hashes)), longest
}
