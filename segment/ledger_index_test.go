package segment

import (
	"strconv"
	"testing"
)

// The index finds every id it was given, under its own key, also when the
// hashes collide (all in one probe run, or equal in their kept bits).
func TestIDShard(t *testing.T) {
	for name, hash := range map[string]func(i int) uint64{
		"spread":         func(i int) uint64 { return uint64(i) * 0x9e3779b97f4a7c15 },
		"one run":        func(i int) uint64 { return uint64(i % 7) },
		"equal hashes":   func(i int) uint64 { return 42 },
		"equal low bits": func(i int) uint64 { return uint64(i)<<32 | 5 },
	} {
		n := 20_000
		if name != "spread" {
			n = 500 // every probe walks the run: keep it short
		}
		var sh idShard
		for i := range n {
			id := "C" + strconv.Itoa(i)
			k, added := sh.add(id, hash(i), 3)
			if !added || k != int32(i)<<shardBits|3 {
				t.Fatalf("%s: add %s: key %d, added %v", name, id, k, added)
			}
		}
		for i := range n {
			id := "C" + strconv.Itoa(i)
			if k, added := sh.add(id, hash(i), 3); added || k != int32(i)<<shardBits|3 {
				t.Fatalf("%s: add %s again: key %d, added %v", name, id, k, added)
			}
			if _, _, ok := sh.find(id+"x", hash(i)); ok {
				t.Fatalf("%s: found %sx, never added", name, id)
			}
		}
		sh.copyIDs(n / 2)
		for i := range n {
			if c, _, ok := sh.find("C"+strconv.Itoa(i), hash(i)); !ok || c != int32(i) {
				t.Fatalf("%s: after copyIDs, C%d is number %d, %v", name, i, c, ok)
			}
		}
		if 2*len(sh.ids) > len(sh.slots) {
			t.Errorf("%s: %d ids in %d slots: more than half full", name, len(sh.ids), len(sh.slots))
		}
	}
}
