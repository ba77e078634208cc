package rfm

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clientele-go/clientele/segment"
)

// Map assigns a segment to each of the 125 RFM codes. It is compiled once
// from [Rules] (ordered range rules, first match wins) or a [Partition]
// (explicit code lists) into a 125-entry table, so assigning a segment is
// one lookup. [DefaultMap] is the map of the eleven common segments.
//
// Each Map carries its own label table ([Map.Labels]): the eleven default
// segments first, with their usual values, then the names the map adds
// (such as "Others") in the order it first names them: rules in order and
// the fallback last, or lists in order. [Map.Name] is the authority on
// what a segment is called in this map.
//
// A Map is immutable and safe for concurrent use.
type Map struct {
	labels   *segment.Enum[Segment]
	table    [codes]Segment
	origin   [codes]int16 // rules: the rule that takes the code, or originFallback/originNone; partitions: the list
	rules    []Rule       // nil for a partition
	fallback string       // the rules' fallback, as written
	findings []Finding
	results  [codes]segment.Result[Segment]
	// originIDs names each rule or list as reasons cite it: "rules[2]",
	// "segments[0]".
	originIDs []string
}

// Where a code's segment comes from, besides a rule or list index.
const (
	originFallback = -1 // no rule covers the code; the fallback takes it
	originNone     = -2 // no rule covers the code and there is no fallback
)

// MaxSegments is the most segments a map may name, the eleven defaults
// included: every label, with Unknown, must fit in a [segment.Result].
const MaxSegments = segment.MaxLabels - 1

// maxNameBytes bounds a segment name; names end up in CSV cells and
// report lines.
const maxNameBytes = 64

// Segment returns the segment of code c (Unknown for an invalid code, or
// for a code a rule map without a fallback leaves uncovered).
func (m *Map) Segment(c Code) Segment {
	if !c.Valid() {
		return Unknown
	}
	return m.table[c.index()]
}

// Codes returns the codes assigned to s, in the order 111 ... 555.
func (m *Map) Codes(s Segment) []Code {
	var set codeSet
	for i, t := range m.table {
		if t == s && s != Unknown {
			set.add(i)
		}
	}
	return set.list()
}

// Labels returns the map's label table: the default segments, then the
// names the map adds. Pass it to segmenttest.TestConformance.
func (m *Map) Labels() *segment.Enum[Segment] { return m.labels }

// Name returns the identifier of s in this map: the default name
// ("champions") for a default segment, the lower-cased name as written for
// one the map adds ("others").
func (m *Map) Name(s Segment) string { return m.labels.Name(s) }

// Title returns the title of s in lang; a segment the map adds has its
// name as written in every language.
func (m *Map) Title(s Segment, lang segment.Lang) string { return m.labels.Title(s, lang) }

// Findings returns what validation found when the map was compiled from
// rules: rules that never match and the earlier rules that shadow them,
// and codes no rule covers. It is empty for a partition (which must be
// complete to compile) and for rules without problems. The slice is a
// copy.
func (m *Map) Findings() []Finding {
	return append([]Finding(nil), m.findings...)
}

// Rules returns a copy of the rules the map was compiled from, and false
// for a map compiled from a partition.
func (m *Map) Rules() (Rules, bool) {
	if m.rules == nil {
		return Rules{}, false
	}
	return Rules{Fallback: m.fallback, Rules: append([]Rule(nil), m.rules...)}, true
}

// Partition returns the map as explicit code lists, one per segment that
// has codes, in label order, segments by their English titles. Compiling
// it gives a map that assigns every code as m does; codes m leaves without
// a segment are in no list (and then it does not compile, by design).
func (m *Map) Partition() Partition {
	var p Partition
	for s := Segment(1); int(s) < m.labels.Len(); s++ {
		if cs := m.Codes(s); len(cs) > 0 {
			p.Segments = append(p.Segments, CodeList{Segment: m.labels.Title(s, segment.English), Codes: cs})
		}
	}
	return p
}

// labelBuilder resolves the segment names of a user map to labels: a name
// or title of a default segment is that segment, anything else a new
// label after the defaults.
type labelBuilder struct {
	infos []segment.LabelInfo
	index map[string]Segment
}

func newLabelBuilder() *labelBuilder {
	b := &labelBuilder{infos: append([]segment.LabelInfo(nil), defaultLabels...), index: make(map[string]Segment)}
	for i, info := range defaultLabels {
		for _, text := range []string{info.Name, info.EN, info.RU} {
			b.index[strings.ToLower(text)] = Segment(i)
		}
	}
	return b
}

var errReserved = errors.New(`"unknown" is reserved for customers with no segment`)

// checkName reports what is wrong with a segment name, if anything.
func checkName(name string) error {
	t := strings.TrimSpace(name)
	switch {
	case t == "":
		return segment.ErrEmpty
	case len(t) > maxNameBytes:
		return fmt.Errorf("%w: at most %d bytes", segment.ErrRange, maxNameBytes)
	case !utf8.ValidString(t):
		return errors.New("not valid UTF-8")
	case strings.IndexFunc(t, unicode.IsControl) >= 0:
		return errors.New("contains a control character")
	}
	return nil
}

// resolve returns the label of name, adding it when new.
func (b *labelBuilder) resolve(name string) (Segment, error) {
	if err := checkName(name); err != nil {
		return Unknown, err
	}
	t := strings.TrimSpace(name)
	key := strings.ToLower(t)
	if s, ok := b.index[key]; ok {
		if s == Unknown {
			return Unknown, errReserved
		}
		return s, nil
	}
	if len(b.infos) > MaxSegments {
		return Unknown, fmt.Errorf("%w: a map may name at most %d segments, the %d defaults included", segment.ErrRange, MaxSegments, len(defaultLabels)-1)
	}
	s := Segment(len(b.infos))
	b.infos = append(b.infos, segment.LabelInfo{Name: key, EN: t})
	b.index[key] = s
	return s, nil
}

func (b *labelBuilder) enum() *segment.Enum[Segment] {
	return segment.NewEnum[Segment]("segment", b.infos...)
}

// newMap finishes a map whose table and origins are set: the per-code
// results. prefix names the origins in reasons: "rules" or "segments".
func newMap(labels *segment.Enum[Segment], table [codes]Segment, origin [codes]int16, prefix string, origins int) *Map {
	m := &Map{labels: labels, table: table, origin: origin, originIDs: make([]string, origins)}
	for i := range m.originIDs {
		m.originIDs[i] = prefix + "[" + strconv.Itoa(i) + "]"
	}
	m.computeResults()
	return m
}

// computeResults fills the result of every code; see the package
// documentation (Scores) for the reasoning.
//
//   - Scores[s] = 1 / (1 + d), d the fewest single score steps from the
//     code to a code of s: the primary scores 1, a segment next door 0.5;
//     segments with no code score 0.
//   - Secondary: of the code's neighbours (codes one step away), the
//     segment other than the primary that holds the most; ties go to the
//     lower value. None when every neighbour shares the primary.
//   - Confidence: 1 with a segment (all three inputs are known), 0 for a
//     code left without one.
func (m *Map) computeResults() {
	var members [segment.MaxLabels]codeSet
	for i, s := range m.table {
		members[s].add(i)
	}
	for i := 0; i < codes; i++ {
		c := codeAt(i)
		var r segment.Result[Segment]
		for s := 1; s < m.labels.Len(); s++ {
			if d, ok := distance(c, members[s]); ok {
				r.Scores[s] = float32(1 / float64(1+d))
			}
		}
		r.Primary = m.table[i]
		if r.Primary != Unknown {
			r.Confidence = 1
			var near [segment.MaxLabels]int
			for _, n := range neighbours(c) {
				if s := m.table[n.index()]; s != Unknown && s != r.Primary {
					near[s]++
				}
			}
			for s := range near {
				if near[s] > near[r.Secondary] {
					r.Secondary = Segment(s)
				}
			}
		}
		m.results[i] = r
	}
}

// distance returns the fewest single score steps (L1 distance) from c to
// a code in set, and false for an empty set.
func distance(c Code, set codeSet) (int, bool) {
	best, ok := 0, false
	// Over the codes in set only, word by word: a map's segments hold 125
	// codes between them, so every code's distances to every segment take
	// 125 steps, not 125 per segment.
	for w, bitsLeft := range set {
		for ; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
			o := codeAt(w<<6 | bits.TrailingZeros64(bitsLeft))
			d := absDiff(c.R, o.R) + absDiff(c.F, o.F) + absDiff(c.M, o.M)
			if !ok || d < best {
				best, ok = d, true
			}
		}
	}
	return best, ok
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// neighbours returns the valid codes one score step from c.
func neighbours(c Code) []Code {
	out := make([]Code, 0, 6)
	for _, n := range []Code{
		{c.R - 1, c.F, c.M}, {c.R + 1, c.F, c.M},
		{c.R, c.F - 1, c.M}, {c.R, c.F + 1, c.M},
		{c.R, c.F, c.M - 1}, {c.R, c.F, c.M + 1},
	} {
		if n.Valid() {
			out = append(out, n)
		}
	}
	return out
}

// explain appends the reasons for the segment of code c: the code with
// the rule that matched it (and one reason per bound the rule tests), the
// code list it is in, the fallback, or that no rule covers it.
func (m *Map) explain(c Code, rs *[]segment.Reason) {
	i := c.index()
	seg := m.table[i]
	code := segment.Reason{Field: "rfm_code", Value: float64(c.Int()), Known: true, Held: true, FieldEN: "RFM code", FieldRU: "код RFM"}
	switch o := int(m.origin[i]); {
	case o == originNone:
		code.Rule, code.Held = "uncovered", false
		*rs = append(*rs, code)
	case o == originFallback:
		code.Rule, code.Label = "fallback", m.Name(seg)
		*rs = append(*rs, code)
	case m.rules == nil:
		code.Rule, code.Label = m.originIDs[o], m.Name(seg)
		*rs = append(*rs, code)
	default:
		// The code, then each bound of the rule it matched.
		code.Rule, code.Label = m.originIDs[o], m.Name(seg)
		*rs = append(*rs, code)
		r := m.rules[o]
		for _, d := range []struct {
			name  string
			rng   Range
			score uint8
		}{{"r", r.R, c.R}, {"f", r.F, c.F}, {"m", r.M, c.M}} {
			appendBounds(rs, code.Rule, code.Label, d.name, d.rng, d.score)
		}
	}
}

// appendBounds appends the tests of one range of a rule that are not
// trivially true: score == lo for a single score, else score >= lo when
// lo > 1 and score <= hi when hi < 5.
func appendBounds(rs *[]segment.Reason, rule, label, dim string, rng Range, score uint8) {
	lo, hi := rng.bounds()
	base := segment.Reason{Rule: rule, Label: label, Field: dim + "_score", Value: float64(score), Known: true, Setting: rule + "." + dim,
		FieldEN: scoreTitles[dim][0], FieldRU: scoreTitles[dim][1]}
	// (The setting is concatenated per call; rule maps are the rarer case
	// and Explain may allocate.)
	add := func(op segment.Op, t uint8) {
		r := base
		r.Op, r.Threshold = op, float64(t)
		r.Held = op.Holds(float64(score), float64(t))
		*rs = append(*rs, r)
	}
	switch {
	case lo == hi:
		add(segment.Equal, lo)
	default:
		if lo > 1 {
			add(segment.GreaterEq, lo)
		}
		if hi < 5 {
			add(segment.LessEq, hi)
		}
	}
}

// scoreTitles are the titles of the score inputs in the reasons of rule
// maps, by dimension.
var scoreTitles = map[string][2]string{
	"r": {"recency score", "оценка давности (R)"},
	"f": {"frequency score", "оценка частоты (F)"},
	"m": {"monetary score", "оценка суммы (M)"},
}
