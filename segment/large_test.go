package segment

import (
	"slices"
	"testing"
)

// growLarge keeps the elements, grows as append does (at least double),
// and leaves a slice with room as it is.
func TestGrowLarge(t *testing.T) {
	var s []int32
	for i := range 300_000 {
		if i%1000 == 0 {
			before := cap(s)
			s = growLarge(s, 1000)
			if c := cap(s); c < len(s)+1000 || c != before && c < 2*before {
				t.Fatalf("len %d, cap %d -> %d", len(s), before, c)
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
