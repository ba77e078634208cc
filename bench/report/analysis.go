package main

import (
	"fmt"
	"slices"
	"strings"
)

// analysis is everything the tables show.
type analysis struct {
	c     *comparison
	base  int         // index of the tool whose inputs define the base; -1 if none
	rule  []record    // the equal-values rule's scores and segment per customer
	clear []bool      // customers whose values no method's cut can split
	stats []toolStats // parallel to c.runs
	// ruleSizes counts the rule's customers per segment (index 0: none).
	ruleSizes []int
	nClear    int
	checks    []check
}

// toolStats compares one tool's output with ours, the rule and itself.
type toolStats struct {
	customers     int
	diffOurs      int // customers in a different segment from ours, or in only one of the two
	diffRule      int // the same against the equal-values rule
	codeDiffRule  int // customers with other scores than the rule's (tools that write scores)
	groups        int // groups of customers with identical inputs
	splitGroups   int // of them, split across segments
	inSplit       int // customers in split groups
	displaced     int // customers outside their split group's largest segment
	clearMismatch int // clear customers scored or segmented unlike the rule
	sizes         []int
}

// check is one line of the Checks section.
type check struct {
	ok   bool
	text string
}

func (a *analysis) passed() bool {
	return !slices.ContainsFunc(a.checks, func(c check) bool { return !c.ok })
}

func (a *analysis) checkf(ok bool, format string, args ...any) {
	a.checks = append(a.checks, check{ok, fmt.Sprintf(format, args...)})
}

// analyse compares every tool that ran.
func analyse(c *comparison) *analysis {
	a := &analysis{c: c, base: -1, stats: make([]toolStats, len(c.runs))}
	for i, t := range c.tools {
		if t != nil && t.hasRaw && c.runs[i].Name != "ours" {
			a.base = i
			break
		}
	}
	if a.base < 0 {
		// Only ours ran, or nothing: there are no inputs to score.
		for i, t := range c.tools {
			if t != nil {
				a.stats[i].customers = count(t)
			}
		}
		a.checkf(false, "no peer ran, so there is nothing to compare")
		return a
	}
	a.scoreRule()
	for i, t := range c.tools {
		if t != nil {
			a.compare(i, t)
		}
	}
	a.consistency()
	return a
}

// scoreRule applies the equal-values rule to the base's inputs.
func (a *analysis) scoreRule() {
	base := a.c.tools[a.base]
	var members []int32
	for k := range base.recs {
		if base.recs[k].present {
			members = append(members, int32(k))
		}
	}
	scores, clear := ruleScores(base.recs, members)
	a.clear = clear
	a.rule = make([]record, len(base.recs))
	a.ruleSizes = make([]int, len(a.c.m.names)+1)
	for _, k := range members {
		s := scores[k]
		rec := base.recs[k]
		rec.r, rec.f, rec.m = s[0], s[1], s[2]
		rec.seg = a.c.m.byCode[codeIndex(s[0], s[1], s[2])]
		a.rule[k] = rec
		a.ruleSizes[rec.seg]++
		if clear[k] {
			a.nClear++
		}
	}
}

// compare fills the stats of tool i.
func (a *analysis) compare(i int, t *toolData) {
	st := &a.stats[i]
	st.customers = count(t)
	st.sizes = make([]int, len(a.c.m.names)+1)
	for k := range t.recs {
		if t.recs[k].present {
			st.sizes[t.recs[k].seg]++
		}
	}
	if ours := a.c.tools[0]; ours != nil && i != 0 {
		st.diffOurs = differ(t.recs, ours.recs)
	}
	st.diffRule = differ(t.recs, a.rule)
	for k := range t.recs {
		rec, want := &t.recs[k], &a.rule[k]
		if !rec.present || !want.present {
			continue
		}
		otherCode := t.hasScores && (rec.r != want.r || rec.f != want.f || rec.m != want.m)
		if otherCode {
			st.codeDiffRule++
		}
		if a.clear[k] && (otherCode || rec.seg != want.seg) {
			st.clearMismatch++
		}
	}
	inputs := t.recs
	if !t.hasRaw {
		inputs = a.rule // ours without inputs: group by the base's
	}
	a.ties(st, t.recs, inputs)
}

// ties groups a tool's customers by identical (recency, frequency,
// monetary) and counts the groups the tool splits across segments.
func (a *analysis) ties(st *toolStats, recs, inputs []record) {
	type key struct {
		recency, frequency int32
		cents              int64
	}
	group := map[key]int32{}
	ids := make([]int32, len(recs))
	for k := range recs {
		if !recs[k].present || !inputs[k].present {
			ids[k] = -1
			continue
		}
		in := &inputs[k]
		kk := key{in.recency, in.frequency, in.cents}
		g, ok := group[kk]
		if !ok {
			g = int32(len(group))
			group[kk] = g
		}
		ids[k] = g
	}
	st.groups = len(group)
	width := len(a.c.m.names) + 1
	counts := make([]int32, len(group)*width)
	for k, g := range ids {
		if g >= 0 {
			counts[int(g)*width+int(recs[k].seg)]++
		}
	}
	for g := range len(group) {
		row := counts[g*width : (g+1)*width]
		var size, largest, segs int32
		for _, n := range row {
			size += n
			largest = max(largest, n)
			if n > 0 {
				segs++
			}
		}
		if segs > 1 {
			st.splitGroups++
			st.inSplit += int(size)
			st.displaced += int(size - largest)
		}
	}
}

// consistency records the checks that make the comparison meaningful.
func (a *analysis) consistency() {
	base := a.c.tools[a.base]
	baseName := a.c.runs[a.base].Name
	for i, t := range a.c.tools {
		if t == nil {
			continue
		}
		name := a.c.runs[i].Name
		a.checkf(t.dupes == 0, "%s lists every customer once (%s listed again)", name, thousands(t.dupes))
		a.checkf(len(t.unknown) == 0, "%s names only segments of the map%s", name, unknownList(t.unknown))
		if i == a.base {
			continue
		}
		missing, extra, inputs := 0, 0, 0
		for k := range base.recs {
			var rec record
			if k < len(t.recs) {
				rec = t.recs[k]
			}
			b := &base.recs[k]
			switch {
			case b.present && !rec.present:
				missing++
			case !b.present && rec.present:
				extra++
			case b.present && t.hasRaw &&
				(b.recency != rec.recency || b.frequency != rec.frequency || b.cents != rec.cents):
				inputs++
			}
		}
		if t.hasRaw {
			a.checkf(missing+extra+inputs == 0, "%s has the same customers and the same recency, frequency and monetary "+
				"for each as %s (%s missing, %s extra, %s with other inputs)",
				name, baseName, thousands(missing), thousands(extra), thousands(inputs))
		} else {
			a.checkf(missing+extra == 0, "%s has the same customers as %s (%s missing, %s extra)",
				name, baseName, thousands(missing), thousands(extra))
		}
	}
	for i, t := range a.c.tools {
		if t == nil || a.c.runs[i].Name == "ours" {
			continue
		}
		a.checkf(a.stats[i].clearMismatch == 0,
			"%s scores the %s customers that no order of ties can move as the equal-values rule does (%s differ)",
			a.c.runs[i].Name, thousands(a.nClear), thousands(a.stats[i].clearMismatch))
	}
	if ours := a.c.tools[0]; ours != nil {
		st := &a.stats[0]
		a.checkf(st.diffRule == 0, "ours places every customer where the equal-values rule of segment/rfm does (%s differ)", thousands(st.diffRule))
		if ours.hasScores {
			a.checkf(st.codeDiffRule == 0, "ours gives every customer the scores of the equal-values rule (%s differ)", thousands(st.codeDiffRule))
		}
		a.checkf(st.splitGroups == 0, "ours never splits customers with identical inputs (%s groups split)", thousands(st.splitGroups))
	}
}

// count returns the customers a tool lists.
func count(t *toolData) int {
	n := 0
	for k := range t.recs {
		if t.recs[k].present {
			n++
		}
	}
	return n
}

// differ counts customers in different segments in a and b, or in only
// one of them.
func differ(a, b []record) int {
	n := 0
	for k := range max(len(a), len(b)) {
		var x, y record
		if k < len(a) {
			x = a[k]
		}
		if k < len(b) {
			y = b[k]
		}
		if x.present != y.present || x.present && x.seg != y.seg {
			n++
		}
	}
	return n
}

// unknownList formats unknown segment names for a check line.
func unknownList(unknown map[string]int) string {
	if len(unknown) == 0 {
		return ""
	}
	var parts []string
	for name, n := range unknown {
		parts = append(parts, fmt.Sprintf("%q x%d", name, n))
	}
	slices.Sort(parts)
	if len(parts) > 5 {
		parts = append(parts[:5], "...")
	}
	return " (not in the map: " + strings.Join(parts, ", ") + ")"
}
