package rfm

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// codeSet is a set of valid codes, one bit per code index. Map
// compilation and validation work on these: 125 codes fit in two words, so
// "which codes does this rule still take" is two AND-NOTs.
type codeSet [2]uint64

func (s *codeSet) add(i int)               { s[i>>6] |= 1 << (i & 63) }
func (s codeSet) has(i int) bool           { return s[i>>6]&(1<<(i&63)) != 0 }
func (s codeSet) andNot(t codeSet) codeSet { return codeSet{s[0] &^ t[0], s[1] &^ t[1]} }
func (s codeSet) or(t codeSet) codeSet     { return codeSet{s[0] | t[0], s[1] | t[1]} }
func (s codeSet) empty() bool              { return s[0]|s[1] == 0 }
func (s codeSet) len() int                 { return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) }

// allCodes holds every valid code.
var allCodes = func() codeSet {
	var s codeSet
	for i := 0; i < codes; i++ {
		s.add(i)
	}
	return s
}()

// list returns the codes of s in index order (111, 112, ..., 555).
func (s codeSet) list() []Code {
	out := make([]Code, 0, s.len())
	for i := 0; i < codes; i++ {
		if s.has(i) {
			out = append(out, codeAt(i))
		}
	}
	return out
}

// box is the set of codes whose scores lie in three ranges: what one range
// rule covers, and the unit in which findings describe sets of codes.
type box struct{ r, f, m Range }

// set returns the codes in b.
func (b box) set() codeSet {
	var s codeSet
	for i := 0; i < codes; i++ {
		c := codeAt(i)
		if b.r.Contains(c.R) && b.f.Contains(c.F) && b.m.Contains(c.M) {
			s.add(i)
		}
	}
	return s
}

// String describes b as "r 1-2 f 3 m 1-5", or as the code itself when b
// is one code.
func (b box) String() string {
	rl, rh := b.r.bounds()
	fl, fh := b.f.bounds()
	ml, mh := b.m.bounds()
	if rl == rh && fl == fh && ml == mh {
		return Code{rl, fl, ml}.String()
	}
	full := func(r Range) string {
		lo, hi := r.bounds()
		return Range{lo, hi}.String()
	}
	return "r " + full(b.r) + " f " + full(b.f) + " m " + full(b.m)
}

// allBoxes lists every box (15 ranges per dimension) with its code set,
// largest first, so that compact finds the biggest box that fits first.
// It is made on first use, by the text of a finding: made when the
// package starts, its 3,375 boxes cost every program that imports rfm
// some 20 million instructions (several milliseconds), and most never
// describe a set of codes.
var allBoxes = sync.OnceValue(func() []boxSet {
	var ranges []Range
	for lo := uint8(1); lo <= 5; lo++ {
		for hi := lo; hi <= 5; hi++ {
			ranges = append(ranges, Range{lo, hi})
		}
	}
	var out []boxSet
	for _, r := range ranges {
		for _, f := range ranges {
			for _, m := range ranges {
				b := box{r, f, m}
				s := b.set()
				out = append(out, boxSet{b, s, s.len()})
			}
		}
	}
	// Largest first; among equal sizes, generation order (lowest ranges
	// first), so the description of a set is always the same.
	slices.SortStableFunc(out, func(a, b boxSet) int { return b.size - a.size })
	return out
})

type boxSet struct {
	box  box
	set  codeSet
	size int
}

// compact describes s as disjoint boxes, greedily taking the largest box
// that lies wholly inside what is left: "r 1-2 f 1-5 m 1-5; 312" rather
// than fifty-one codes.
func (s codeSet) compact() []box {
	var out []box
	left := s
	for !left.empty() {
		for _, b := range allBoxes() {
			if b.set.andNot(left).empty() {
				out = append(out, b.box)
				left = left.andNot(b.set)
				break
			}
		}
	}
	return out
}

// describe joins the compact boxes of s with ", ".
func (s codeSet) describe() string {
	bs := s.compact()
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.String()
	}
	return strings.Join(parts, ", ")
}
