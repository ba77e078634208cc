package rfm

import (
	"math/rand/v2"
	"testing"
)

// distance over the set's bits finds what the loop over every code
// found: from every code to random sets of every size, the empty set and
// the full one included.
func TestDistanceIsTheLoopOverEveryCode(t *testing.T) {
	reference := func(c Code, set codeSet) (int, bool) {
		best, ok := 0, false
		for i := 0; i < codes; i++ {
			if !set.has(i) {
				continue
			}
			o := codeAt(i)
			d := absDiff(c.R, o.R) + absDiff(c.F, o.F) + absDiff(c.M, o.M)
			if !ok || d < best {
				best, ok = d, true
			}
		}
		return best, ok
	}
	rng := rand.New(rand.NewPCG(3, 14))
	sets := []codeSet{{}, allCodes}
	for range 300 {
		var s codeSet
		for range rng.IntN(codes + 1) {
			s.add(rng.IntN(codes))
		}
		sets = append(sets, s)
	}
	for _, s := range sets {
		for i := 0; i < codes; i++ {
			c := codeAt(i)
			d, ok := distance(c, s)
			if wantD, wantOK := reference(c, s); d != wantD || ok != wantOK {
				t.Fatalf("distance(%v, %v) = %d, %v; the loop over every code gives %d, %v", c, s.list(), d, ok, wantD, wantOK)
			}
		}
	}
}
