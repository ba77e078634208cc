package rule

import (
	"math"
	"slices"

	"github.com/clientele-go/clientele/segment"
)

// maxProofSteps bounds the work of [Rule.NeverHolds]: a rule whose
// disjunctions multiply out beyond it is assumed satisfiable.
const maxProofSteps = 100_000

// NeverHolds reports whether r is provably never [True], for any valid
// profile: for example "occasions > 5 and occasions < 3", "not (b2b is
// known) and b2b == true", "recency_days < 0 or occasions is unknown"
// (occasions is always known). It looks at each field on its own: the
// comparisons on one field must be satisfiable together by a value of the
// field's kind (a whole count, days that are never negative, a bool that
// is 0 or 1). Relations between fields (tenure is never below recency) are
// not modelled, so a false answer does not prove that some customer
// satisfies the rule, only that no contradiction was found.
//
// Validation uses it to report rules that make a label impossible.
func (r *Rule) NeverHolds() bool {
	if len(r.nodes) == 0 {
		return true
	}
	s := solver{r: r}
	return !s.sat([]goal{{0, false}}, nil)
}

// goal is a node that must be True (or, negated, False-and-known per
// Kleene: the negation pushed down to the leaves).
type goal struct {
	i   int32
	neg bool
}

// atom is a leaf that must be True, with negation already applied.
type atom struct {
	field *segment.Field
	op    Op
	value float64
}

type solver struct {
	r     *Rule
	steps int
}

// sat reports whether every goal can be True together with the atoms
// already assumed, exploring disjunctions depth first. Over the step
// budget it gives up and answers true, so NeverHolds never claims what it
// has not proved.
func (s *solver) sat(goals []goal, atoms []atom) bool {
	s.steps++
	if s.steps > maxProofSteps {
		return true
	}
	if len(goals) == 0 {
		return true
	}
	g, rest := goals[0], goals[1:]
	n := &s.r.nodes[g.i]
	switch {
	case n.group == leaf:
		a := atom{field: n.field, op: n.op, value: n.value}
		if g.neg {
			a.op = a.op.negate()
		}
		atoms = append(atoms[:len(atoms):len(atoms)], a)
		if !consistent(atoms, a.field) {
			return false
		}
		return s.sat(rest, atoms)
	case n.group == notOf:
		return s.sat(prepend(rest, goal{g.i + 1, !g.neg}), atoms)
	case (n.group == allOf) != g.neg: // all, or not any: every part
		var parts []goal
		for c := g.i + 1; c < n.end; c = s.r.nodes[c].end {
			parts = append(parts, goal{c, g.neg})
		}
		return s.sat(prepend(rest, parts...), atoms)
	default: // any, or not all: one part is enough
		for c := g.i + 1; c < n.end; c = s.r.nodes[c].end {
			if s.sat(prepend(rest, goal{c, g.neg}), atoms) {
				return true
			}
		}
		return false
	}
}

func prepend(rest []goal, gs ...goal) []goal {
	out := make([]goal, 0, len(gs)+len(rest))
	return append(append(out, gs...), rest...)
}

// consistent reports whether the atoms on field f can all be True for one
// value of f (or f being unknown).
func consistent(atoms []atom, f *segment.Field) bool {
	known, unknown := false, false
	lo, hi := math.Inf(-1), math.Inf(1)
	loOpen, hiOpen := false, false
	eq, hasEq := 0.0, false
	var ne []float64
	for _, a := range atoms {
		if a.field != f {
			continue
		}
		switch a.op {
		case IsKnown:
			known = true
			continue
		case IsUnknown:
			unknown = true
			continue
		}
		known = true
		v := a.value
		switch a.op {
		case Lt, Le:
			if v < hi || v == hi && a.op == Lt {
				hi, hiOpen = v, a.op == Lt
			}
		case Gt, Ge:
			if v > lo || v == lo && a.op == Gt {
				lo, loOpen = v, a.op == Gt
			}
		case Eq:
			if hasEq && eq != v {
				return false
			}
			eq, hasEq = v, true
		case Ne:
			ne = append(ne, v)
		}
	}
	switch {
	case unknown && known:
		return false
	case unknown:
		return canBeUnknown(f)
	}
	in := func(x float64) bool {
		return (x > lo || x == lo && !loOpen) && (x < hi || x == hi && !hiOpen) &&
			!slices.Contains(ne, x) && inDomain(f.Kind, x)
	}
	if hasEq {
		return in(eq)
	}
	switch f.Kind {
	case segment.Bool:
		return in(0) || in(1)
	case segment.Count:
		first := math.Max(0, math.Ceil(lo))
		if loOpen && first == lo {
			first++
		}
		if math.IsInf(hi, 1) {
			return true // infinitely many whole numbers, finitely many excluded
		}
		last := math.Floor(hi)
		if hiOpen && last == hi {
			last--
		}
		if last < first {
			return false
		}
		if last-first >= float64(len(ne)) {
			return true // more candidates than exclusions
		}
		for x := first; x <= last; x++ {
			if in(x) {
				return true
			}
		}
		return false
	case segment.Days:
		if lo < 0 {
			lo, loOpen = 0, false
		}
	}
	if lo < hi {
		return true // an interval of reals, finitely many excluded
	}
	return lo == hi && in(lo)
}

func inDomain(k segment.Kind, x float64) bool {
	switch k {
	case segment.Bool:
		return x == 0 || x == 1
	case segment.Count:
		return x >= 0 && x == math.Trunc(x)
	case segment.Days:
		return x >= 0
	}
	return true
}

// canBeUnknown reports whether f can be unknown. Facts every profile has
// (occasions, revenue) are known even for the zero profile; every other
// field is unknown there.
func canBeUnknown(f *segment.Field) bool {
	_, ok := f.Value(&segment.Profile{})
	return !ok
}
