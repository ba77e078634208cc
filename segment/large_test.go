package segment

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// growLarge keeps the elements, grows as append does (at least double),
// and leaves a slice with room as it is; where huge pages are the
// cheaper to touch first, an array of an eighth of one grows to a whole
// one at once.
func TestGrowLarge(t *testing.T) {
	defer func(saved func() bool) { hugeFirstTouch = saved }(hugeFirstTouch)
	perHuge := hugepages.Size / int(unsafe.Sizeof(int32(0)))
	for _, huge := range []bool{false, true} {
		hugeFirstTouch = func() bool { return huge }
		var s []int32
		for i := range 300_000 {
			if i%1000 == 0 {
				before := cap(s)
				s = growLarge(s, 1000)
				c, doubled := cap(s), max(len(s)+1000, 2*before)
				switch {
				case c == before:
				case huge && doubled >= perHuge/8:
					if c != max(doubled, perHuge) {
						t.Fatalf("huge pages: len %d, cap %d -> %d, want %d", len(s), before, c, max(doubled, perHuge))
					}
				case c != doubled:
					t.Fatalf("huge pages %v: len %d, cap %d -> %d, want %d", huge, len(s), before, c, doubled)
				}
			}
			at := &s[:cap(s)][0]
			s = append(s, int32(i))
			if &s[0] != at {
				t.Fatalf("append moved the slice at %d: growLarge left too little room", i)
			}
		}
		for i, v := range s {
			if v != int32(i) {
				t.Fatalf("element %d is %d", i, v)
			}
		}
		if got := growLarge(s[:10:20], 10); &got[0] != &s[0] || !slices.Equal(got, s[:10]) {
			t.Fatal("a slice with room moved")
		}
	}
}

// A bulk ledger's chunks are a block's size while it is small and a huge
// page at least once its lines reach hugeChunkFrom.
func TestBulkChunkSizes(t *testing.T) {
	for _, c := range []struct{ pending, n, want int }{
		{0, 100, 100},
		{0, 20_000, 20_000},
		{20_000, 2_000, 20_000},
		{hugeChunkFrom - 1000, 999, hugeChunkFrom - 1000},
		{hugeChunkFrom - 1000, 1000, hugeChunkLines},
		{hugeChunkFrom, 10, hugeChunkLines},
		{hugeChunkLines + 5, 10, hugeChunkLines + 5},
		{maxChunkLines * 3, 10, maxChunkLines},
	} {
		l := NewLedger(nil)
		l.pending = c.pending
		room := l.bulkBlock(c.n)
		if len(room) != c.n || cap(l.spare) != c.want {
			t.Errorf("%d lines, a block of %d: room %d in a chunk of %d lines, want %d in one of %d", c.pending, c.n, len(room), cap(l.spare), c.n, c.want)
		}
	}
}
