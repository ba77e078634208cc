package rule

import "github.com/clientele-go/clientele/segment"

// Test evaluates r for p in three-valued logic (see [Rule]). It does not
// allocate. The zero Rule (not compiled) is always [Unknown].
func (r *Rule) Test(p *segment.Profile) Truth {
	if len(r.nodes) == 0 {
		return Unknown
	}
	return r.test(0, p)
}

// Holds reports whether r is [True] for p: false when it is False and when
// it is Unknown.
func (r *Rule) Holds(p *segment.Profile) bool { return r.Test(p) == True }

func (r *Rule) test(i int32, p *segment.Profile) Truth {
	n := &r.nodes[i]
	switch n.group {
	case allOf:
		t := True
		for c := i + 1; c < n.end; c = r.nodes[c].end {
			switch r.test(c, p) {
			case False:
				return False
			case Unknown:
				t = Unknown
			}
		}
		return t
	case anyOf:
		t := False
		for c := i + 1; c < n.end; c = r.nodes[c].end {
			switch r.test(c, p) {
			case True:
				return True
			case Unknown:
				t = Unknown
			}
		}
		return t
	case notOf:
		return r.test(i+1, p).Not()
	}
	return n.leaf(p)
}

// leaf evaluates a leaf; NaN counts as unknown.
func (n *node) leaf(p *segment.Profile) Truth {
	v, ok := n.field.Value(p)
	known := ok && v == v
	switch n.op {
	case IsKnown:
		return Of(known)
	case IsUnknown:
		return Of(!known)
	}
	if !known {
		return Unknown
	}
	return Of(n.op.Compare().Holds(v, n.value))
}

// Explain evaluates r for p and returns its truth with one reason per leaf,
// in the order the leaves appear; see [Rule.AppendReasons].
func (r *Rule) Explain(p *segment.Profile) (Truth, []segment.Reason) {
	rs, t := r.AppendReasons(nil, p, "rule", "")
	return t, rs
}

// AppendReasons evaluates r for p, appends one [segment.Reason] per leaf to
// dst and returns the extended slice and r's truth (the same as
// [Rule.Test]). Every leaf is evaluated and reported, even those a
// short-circuit would skip, so the reasons show everything the rule looks
// at.
//
// A reason's Rule is id followed by the leaf's path ("gold.require.all[1]";
// id alone for a rule that is a single leaf), its Label is label, and its
// Held says whether the leaf itself is true: a leaf under a "not" reports
// its own comparison, and the returned truth accounts for the negation. An
// unknown input gives Known false and Held false.
func (r *Rule) AppendReasons(dst []segment.Reason, p *segment.Profile, id, label string) ([]segment.Reason, Truth) {
	if len(r.nodes) == 0 {
		return dst, Unknown
	}
	t := r.explain(0, p, &dst, id, label)
	return dst, t
}

func (r *Rule) explain(i int32, p *segment.Profile, dst *[]segment.Reason, id, label string) Truth {
	n := &r.nodes[i]
	switch n.group {
	case allOf, anyOf:
		t := True
		if n.group == anyOf {
			t = False
		}
		for c := i + 1; c < n.end; c = r.nodes[c].end {
			if n.group == allOf {
				t = And(t, r.explain(c, p, dst, id, label))
			} else {
				t = Or(t, r.explain(c, p, dst, id, label))
			}
		}
		return t
	case notOf:
		return r.explain(i+1, p, dst, id, label).Not()
	}
	t := n.leaf(p)
	v, ok := n.field.Value(p)
	ruleID := id
	if n.path != "" {
		ruleID = id + "." + n.path
	}
	reason := segment.Reason{Rule: ruleID, Label: label, Field: n.field.Name, Value: v, Known: ok && v == v,
		Op: n.op.Compare(), Held: t == True}
	if n.op.IsComparison() {
		reason.Threshold = n.value
	}
	if !reason.Known {
		reason.Value = 0
	}
	*dst = append(*dst, reason)
	return t
}
