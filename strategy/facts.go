package strategy

import "github.com/clientele-go/clientele/segment"

// The guards, the conflict rules and the contact caps each test a few
// matches on every customer, some thirty in the default rules. Rather
// than test them one by one, the engine numbers the distinct matches they
// use (facts: a label of a typology in a position), and the planner
// learns which facts hold for a customer as a bit set, in the same walk
// over the customer's labels that finds the treatments to fire (see
// visitLabels). A rule is then a pair of masks: the facts that must hold
// and those that must not.
//
// With more than maxFacts distinct matches (a large custom rule set) the
// engine keeps testing the matches one by one.

// maxFacts is the number of distinct matches a bit set of facts holds.
const maxFacts = 64

// factSet is a list of matches over the numbered facts: pos the facts of
// its positive matches, neg those of its negated ones.
type factSet struct{ pos, neg uint64 }

// all reports whether every match of the list holds.
func (f factSet) all(facts uint64) bool { return facts&f.pos == f.pos && facts&f.neg == 0 }

// any reports whether some match of the list holds.
func (f factSet) any(facts uint64) bool { return facts&f.pos != 0 || ^facts&f.neg != 0 }

// factIndex numbers the facts of the engine's rules while it is built.
type factIndex struct {
	ids      map[match]int
	overflow bool // more than maxFacts distinct facts
}

// set returns ms as a factSet, numbering the facts it meets first.
func (x *factIndex) set(ms []match) factSet {
	var f factSet
	for _, m := range ms {
		not := m.not
		m.not = false
		id, ok := x.ids[m]
		if !ok {
			id = len(x.ids)
			if id == maxFacts {
				x.overflow = true
				return factSet{}
			}
			x.ids[m] = id
		}
		if not {
			f.neg |= 1 << id
		} else {
			f.pos |= 1 << id
		}
	}
	return f
}

// indexFacts numbers the facts of the guards, conflicts and caps and
// builds factAt, which says, per label and position, the facts that hold
// when the label sits there (laid out like visits), copied into the fifth
// word of visits4 (made by index, which runs first); it leaves factAt nil
// when the facts do not fit a bit set.
func (e *Engine) indexFacts() {
	x := factIndex{ids: map[match]int{}}
	e.unhappyFacts = x.set(e.unhappy)
	e.riskyFacts = x.set(e.risky)
	e.discountFacts = x.set(append(append([]match(nil), e.discount...), e.leaving...))
	for i := range e.conflicts {
		e.conflicts[i].facts = x.set(e.conflicts[i].when)
	}
	for i := range e.caps {
		e.caps[i].facts = x.set(e.caps[i].when)
	}
	if x.overflow {
		return
	}
	e.factAt = make([]uint64, int(numTypologies)*segment.MaxLabels*3)
	for m, id := range x.ids {
		k := int(m.t)*segment.MaxLabels + int(m.label)
		for pos, at := range [3]uint8{atPrimary, atSecondary, atTag} {
			if positions[m.on]&at != 0 {
				e.factAt[k*3+pos] |= 1 << id
			}
		}
	}
	for k := range e.visits4 {
		e.visits4[k][4] = e.factAt[k]
	}
}
