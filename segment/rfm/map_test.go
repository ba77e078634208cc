package rfm_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
)

// The default map is data: each of the 125 codes appears in exactly one
// list, and each of the eleven segments has codes. Counted from the
// partition itself, not through Compile.
func TestDefaultPartition(t *testing.T) {
	p := rfm.DefaultPartition()
	times := map[rfm.Code]int{}
	var segs []string
	for _, l := range p.Segments {
		segs = append(segs, l.Segment)
		if len(l.Codes) == 0 {
			t.Errorf("segment %s has no codes", l.Segment)
		}
		for _, c := range l.Codes {
			times[c]++
		}
	}
	for _, c := range allCodes() {
		if times[c] != 1 {
			t.Errorf("code %s appears %d times", c, times[c])
		}
	}
	if len(times) != 125 {
		t.Errorf("%d distinct codes, want 125", len(times))
	}
	var want []string
	for _, s := range rfm.Segments.Values() {
		want = append(want, s.Title(segment.English))
	}
	if diff := cmp.Diff(want, segs); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	findings, err := p.Check()
	require.NoError(t, err)
	if len(findings) != 0 {
		t.Errorf("findings on the default map: %v", findings)
	}
	// DefaultPartition is a fresh copy each time.
	p.Segments[0].Codes[0] = rfm.Code{R: 1, F: 1, M: 1}
	if rfm.DefaultPartition().Segments[0].Codes[0] == p.Segments[0].Codes[0] {
		t.Error("DefaultPartition returned shared data")
	}
}

// The map the package documentation describes in words: the R x F grid
// plus the three decisions on M. Written as ordered rules, it must give
// the same segment for every code as the explicit partition, and (being
// written carefully) have no findings.
func TestDefaultMapIsTheDocumentedGrid(t *testing.T) {
	r := func(lo, hi uint8) rfm.Range { return rfm.Range{Lo: lo, Hi: hi} }
	rules := rfm.Rules{Rules: []rfm.Rule{
		{Segment: "Champions", R: r(5, 5), F: r(4, 5), M: r(3, 5)},
		{Segment: "Loyal", R: r(3, 5), F: r(4, 5)}, // R5 here only with M1-2, after Champions
		{Segment: "Potential Loyalist", R: r(4, 5), F: r(2, 3)},
		{Segment: "New Customers", R: r(5, 5), F: r(1, 1)},
		{Segment: "Promising", R: r(4, 4), F: r(1, 1)},
		{Segment: "Need Attention", R: r(3, 3), F: r(3, 3)},
		{Segment: "About To Sleep", R: r(3, 3), F: r(1, 2)},
		{Segment: "Can't Lose Them", R: r(1, 2), F: r(5, 5), M: r(3, 5)},
		{Segment: "At Risk", R: r(1, 2), F: r(3, 5)}, // F5 here only with M1-2
		{Segment: "Lost", R: r(1, 1), F: r(1, 2), M: r(1, 2)},
		{Segment: "Hibernating", R: r(1, 2), F: r(1, 2)},
	}}
	m, err := rules.Compile()
	require.NoError(t, err)
	if f := m.Findings(); len(f) != 0 {
		t.Errorf("findings: %v", f)
	}
	def := rfm.DefaultMap()
	for _, c := range allCodes() {
		if got, want := def.Segment(c), m.Segment(c); got != want {
			t.Errorf("code %s: default map says %s, the documented grid %s", c, got, want)
		}
	}
}

// rPackageRules is the default segmentation of the R package rfm
// (rfm_segment's documented example, copied into countless tutorials),
// checked in order with "Others" for what no rule takes.
const rPackageRules = `{"fallback": "Others", "rules": [
	{"segment": "Champions",          "r": [4, 5], "f": [4, 5], "m": [4, 5]},
	{"segment": "Loyal Customers",    "r": [2, 5], "f": [3, 5], "m": [3, 5]},
	{"segment": "Potential Loyalist", "r": [3, 5], "f": [1, 3], "m": [1, 3]},
	{"segment": "New Customers",      "r": [4, 5], "f": [1, 1], "m": [1, 1]},
	{"segment": "Promising",          "r": [3, 4], "f": [1, 1], "m": [1, 1]},
	{"segment": "Need Attention",     "r": [2, 3], "f": [2, 3], "m": [2, 3]},
	{"segment": "About To Sleep",     "r": [2, 3], "f": [1, 2], "m": [1, 2]},
	{"segment": "At Risk",            "r": [1, 2], "f": [2, 5], "m": [2, 5]},
	{"segment": "Can't Lose Them",    "r": [1, 1], "f": [4, 5], "m": [4, 5]},
	{"segment": "Lost",               "r": [1, 2], "f": [1, 2], "m": [1, 2]}
]}`

func codes(t *testing.T, list string) []rfm.Code {
	t.Helper()
	var out []rfm.Code
	for _, s := range strings.Fields(list) {
		out = append(out, code(t, s))
	}
	return out
}

func TestRPackageMapFindings(t *testing.T) {
	rules, err := rfm.ParseRules([]byte(rPackageRules))
	require.NoError(t, err)
	findings, err := rules.Check()
	require.NoError(t, err)
	want := []rfm.Finding{
		{Kind: rfm.Shadowed, Index: 3, Rule: rules.Rules[3], Codes: codes(t, "411 511"),
			By: []rfm.Taker{{Index: 2, Segment: "Potential Loyalist", Codes: codes(t, "411 511")}}},
		{Kind: rfm.Shadowed, Index: 4, Rule: rules.Rules[4], Codes: codes(t, "311 411"),
			By: []rfm.Taker{{Index: 2, Segment: "Potential Loyalist", Codes: codes(t, "311 411")}}},
		{Kind: rfm.Shadowed, Index: 8, Rule: rules.Rules[8], Codes: codes(t, "144 145 154 155"),
			By: []rfm.Taker{{Index: 7, Segment: "At Risk", Codes: codes(t, "144 145 154 155")}}},
		{Kind: rfm.Uncovered, Index: -1, Fallback: "Others", Codes: codes(t,
			"113 114 115 131 141 151 "+
				"213 214 215 231 241 251 "+
				"314 315 341 342 351 352 "+
				"414 415 441 442 451 452 "+
				"514 515 541 542 551 552 "+
				"324 325 424 425 524 525")},
	}
	// The uncovered codes above are grouped for reading; findings list
	// codes in order.
	sortCodes(want[3].Codes)
	if diff := cmp.Diff(want, findings); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	lines := []string{
		`rules[3] "New Customers" r 4-5 f 1 m 1 never matches: earlier rules take all its 2 codes: rules[2] "Potential Loyalist" takes r 4-5 f 1 m 1`,
		`rules[4] "Promising" r 3-4 f 1 m 1 never matches: earlier rules take all its 2 codes: rules[2] "Potential Loyalist" takes r 3-4 f 1 m 1`,
		`rules[8] "Can't Lose Them" r 1 f 4-5 m 4-5 never matches: earlier rules take all its 4 codes: rules[7] "At Risk" takes r 1 f 4-5 m 4-5`,
		`36 codes are covered by no rule: r 3-5 f 1-2 m 4-5, r 3-5 f 4-5 m 1-2, r 1-2 f 1 m 3-5, r 1-2 f 3-5 m 1; the fallback "Others" takes them`,
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.String())
	}
	if diff := cmp.Diff(lines, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	ru := findings[3].Text(segment.Russian)
	if want := `36 кодов не покрывает ни одно правило: r 3-5 f 1-2 m 4-5, r 3-5 f 4-5 m 1-2, r 1-2 f 1 m 3-5, r 1-2 f 3-5 m 1; их забирает запасной сегмент «Others»`; ru != want {
		t.Errorf("Russian:\n got %s\nwant %s", ru, want)
	}

	// What the customers see: nobody is New Customers, Promising or
	// Can't Lose Them; a recent first-time buyer is a Potential Loyalist,
	// and a frequent recent small spender is "Others".
	m, err := rules.Compile()
	require.NoError(t, err)
	for _, s := range []string{"New Customers", "Promising", "Can't Lose Them"} {
		seg, err := m.Labels().Parse(s)
		require.NoError(t, err)
		if cs := m.Codes(seg); len(cs) != 0 {
			t.Errorf("%s has codes %v", s, cs)
		}
	}
	if got := m.Name(m.Segment(code(t, "511"))); got != "potential_loyalist" {
		t.Errorf("511 is %s", got)
	}
	if got := m.Name(m.Segment(code(t, "551"))); got != "others" {
		t.Errorf("551 is %s", got)
	}
}

func sortCodes(cs []rfm.Code) {
	idx := func(c rfm.Code) int { return c.Int() }
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && idx(cs[j]) < idx(cs[j-1]); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// Compilation against the definition, by brute force over random rule
// lists: each code gets the first rule containing it, a rule is reported
// shadowed exactly when it gets no code, its takers are the rules its
// codes went to, and the uncovered codes are those no rule contains.
func TestRulesAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randRange := func() rfm.Range {
		if rng.IntN(4) == 0 {
			return rfm.Range{}
		}
		lo := uint8(1 + rng.IntN(5))
		return rfm.Range{Lo: lo, Hi: lo + uint8(rng.IntN(6-int(lo)))}
	}
	for iter := 0; iter < 300; iter++ {
		var rs rfm.Rules
		for i, n := 0, 1+rng.IntN(12); i < n; i++ {
			rs.Rules = append(rs.Rules, rfm.Rule{Segment: []string{"A", "B", "Champions", "Lost", "C"}[rng.IntN(5)], R: randRange(), F: randRange(), M: randRange()})
		}
		if rng.IntN(2) == 0 {
			rs.Fallback = "Rest"
		}
		m, err := rs.Compile()
		require.NoError(t, err)
		first := map[rfm.Code]int{}
		var uncovered []rfm.Code
		for _, c := range allCodes() {
			i := -1
			for j, r := range rs.Rules {
				if r.R.Contains(c.R) && r.F.Contains(c.F) && r.M.Contains(c.M) {
					i = j
					break
				}
			}
			first[c] = i
			var want string
			switch {
			case i >= 0:
				want = strings.ToLower(rs.Rules[i].Segment)
			case rs.Fallback != "":
				want = "rest"
			default:
				want = "unknown"
				uncovered = append(uncovered, c)
			}
			if i < 0 && rs.Fallback != "" {
				uncovered = append(uncovered, c)
			}
			if got := m.Name(m.Segment(c)); got != want {
				t.Fatalf("rules %v: code %s is %s, want %s", rs.Rules, c, got, want)
			}
		}
		var wantFindings []rfm.Finding
		for i, r := range rs.Rules {
			var mine []rfm.Code
			takers := map[int][]rfm.Code{}
			for _, c := range allCodes() {
				if r.R.Contains(c.R) && r.F.Contains(c.F) && r.M.Contains(c.M) {
					mine = append(mine, c)
					takers[first[c]] = append(takers[first[c]], c)
				}
			}
			if _, own := takers[i]; own {
				continue
			}
			f := rfm.Finding{Kind: rfm.Shadowed, Index: i, Rule: r, Codes: mine}
			for j := 0; j < i; j++ {
				if cs, ok := takers[j]; ok {
					f.By = append(f.By, rfm.Taker{Index: j, Segment: rs.Rules[j].Segment, Codes: cs})
				}
			}
			wantFindings = append(wantFindings, f)
		}
		if len(uncovered) > 0 {
			wantFindings = append(wantFindings, rfm.Finding{Kind: rfm.Uncovered, Index: -1, Codes: uncovered, Fallback: rs.Fallback})
		}
		if diff := cmp.Diff(wantFindings, m.Findings()); diff != "" {
			t.Fatalf("rules %v: findings (-want +got):\n%s", rs.Rules, diff)
		}
		// The compact description of every finding names exactly its codes.
		for _, f := range m.Findings() {
			checkDescription(t, f)
		}
	}
}

// checkDescription reads back the code sets a finding's text lists
// (boxes "r 1-2 f 3 m 1-5" or single codes) and checks they are exactly
// the finding's codes, each once; for a shadowed rule, each taker's part.
func checkDescription(t *testing.T, f rfm.Finding) {
	t.Helper()
	text := f.String()
	if f.Kind == rfm.Shadowed {
		_, list, _ := strings.Cut(text, " codes: ")
		if len(f.Codes) == 1 {
			_, list, _ = strings.Cut(text, " code: ")
		}
		parts := strings.Split(list, "; ")
		if len(parts) != len(f.By) {
			t.Fatalf("%q: %d takers described, %d in the finding", text, len(parts), len(f.By))
		}
		for i, part := range parts {
			_, boxes, _ := strings.Cut(part, " takes ")
			sameCodes(t, text, expand(t, boxes), f.By[i].Codes)
		}
		return
	}
	list := text[strings.LastIndex(text, ": ")+2:]
	list, _, _ = strings.Cut(list, ";")
	sameCodes(t, text, expand(t, list), f.Codes)
}

func sameCodes(t *testing.T, text string, got map[rfm.Code]int, want []rfm.Code) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%q describes %d codes, want %d", text, len(got), len(want))
	}
	for _, c := range want {
		if got[c] != 1 {
			t.Fatalf("%q describes %s %d times", text, c, got[c])
		}
	}
}

// expand reads "r 1-2 f 3 m 1-5, 312" into a count per code.
func expand(t *testing.T, list string) map[rfm.Code]int {
	t.Helper()
	out := map[rfm.Code]int{}
	for _, part := range strings.Split(list, ", ") {
		if len(part) == 3 {
			out[code(t, part)]++
			continue
		}
		fields := strings.Fields(part)
		if len(fields) != 6 {
			t.Fatalf("cannot read %q", part)
		}
		parse := func(s string) (uint8, uint8) {
			if len(s) == 1 {
				return s[0] - '0', s[0] - '0'
			}
			return s[0] - '0', s[2] - '0'
		}
		rl, rh := parse(fields[1])
		fl, fh := parse(fields[3])
		ml, mh := parse(fields[5])
		for _, c := range allCodes() {
			if rl <= c.R && c.R <= rh && fl <= c.F && c.F <= fh && ml <= c.M && c.M <= mh {
				out[c]++
			}
		}
	}
	return out
}

func TestUncoveredWithoutFallbackIsUnknown(t *testing.T) {
	rules, err := rfm.ParseRules([]byte(`{"rules":[{"segment":"Champions","r":[5,5]}]}`))
	require.NoError(t, err)
	m, err := rules.Compile()
	require.NoError(t, err)
	findings := m.Findings()
	if len(findings) != 1 || findings[0].Kind != rfm.Uncovered || len(findings[0].Codes) != 100 || findings[0].Fallback != "" {
		t.Fatalf("findings %v", findings)
	}
	want := "100 codes are covered by no rule: r 1-4 f 1-5 m 1-5; there is no fallback, so these customers get no segment"
	if got := findings[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	c := mustClassifier(t, handModel, m)
	p := at(code(t, "455"))
	if r := c.Classify(&p); r.Primary != rfm.Unknown || r.Confidence != 0 || c.Code(&p) != code(t, "455") {
		t.Errorf("uncovered code: %+v, code %s", r, c.Code(&p))
	}
}

// A rule shadowed by two earlier rules names both, with the codes each
// takes.
func TestShadowedByTwoRules(t *testing.T) {
	rules, err := rfm.ParseRules([]byte(`{"fallback":"Other","rules":[
		{"segment":"Top","r":[5,5],"f":[4,5]},
		{"segment":"Busy","f":[4,5]},
		{"segment":"Frequent recent","r":[4,5],"f":[5,5],"m":[1,2]}]}`))
	require.NoError(t, err)
	findings, err := rules.Check()
	require.NoError(t, err)
	if len(findings) != 2 {
		t.Fatalf("findings %v", findings)
	}
	want := `rules[2] "Frequent recent" r 4-5 f 5 m 1-2 never matches: earlier rules take all its 4 codes: rules[0] "Top" takes r 5 f 5 m 1-2; rules[1] "Busy" takes r 4 f 5 m 1-2`
	if got := findings[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	wantRU := `rules[2] "Frequent recent" r 4-5 f 5 m 1-2 никогда не срабатывает: все его коды (4) уже заняты более ранними правилами: rules[0] «Top» — r 5 f 5 m 1-2; rules[1] «Busy» — r 4 f 5 m 1-2`
	if got := findings[0].Text(segment.Russian); got != wantRU {
		t.Errorf("got  %s\nwant %s", got, wantRU)
	}
}

func TestMalformedRules(t *testing.T) {
	many := `{"rules":[` + strings.Repeat(`{"segment":"A"},`, rfm.MaxRules) + `{"segment":"A"}]}`
	var names []string
	for i := 0; i < rfm.MaxSegments-10; i++ { // 10 defaults + 21 new names = 31 names, one too many
		names = append(names, `{"segment":"S`+itoa(i)+`"}`)
	}
	tooManyNames := `{"rules":[` + strings.Join(names, ",") + `]}`
	for _, tc := range []struct {
		name, json     string
		record, field  string
		messagePortion string
	}{
		{"score out of range", `{"rules":[{"segment":"A","r":[0,5]}]}`, "rules[0]", "r", "out of range"},
		{"score above five", `{"rules":[{"segment":"A"},{"segment":"B","m":[4,6]}]}`, "rules[1]", "m", "out of range"},
		{"lo above hi", `{"rules":[{"segment":"A","f":[4,2]}]}`, "rules[0]", "f", "lo 4 > hi 2"},
		{"one number", `{"rules":[{"segment":"A","f":[4]}]}`, "rules[0]", "f", "want [lo, hi]"},
		{"three numbers", `{"rules":[{"segment":"A","f":[1,2,3]}]}`, "rules[0]", "f", "want [lo, hi]"},
		{"not a number", `{"rules":[{"segment":"A","f":["1",2]}]}`, "rules[0]", "f", "want [lo, hi]"},
		{"fraction", `{"rules":[{"segment":"A","f":[1.5,2]}]}`, "rules[0]", "f", "want [lo, hi]"},
		{"empty segment", `{"rules":[{"segment":"A"},{"segment":"  ","r":[1,1]}]}`, "rules[1]", "segment", "must not be empty"},
		{"missing segment", `{"rules":[{"r":[1,1]}]}`, "rules[0]", "segment", "must not be empty"},
		{"segment not a string", `{"rules":[{"segment":5}]}`, "rules[0]", "segment", "want a string"},
		{"unknown field", `{"rules":[{"segment":"A","x":[1,1]}]}`, "rules[0]", "x", "unknown field"},
		{"rule not an object", `{"rules":[7]}`, "rules[0]", "(value)", "want a"},
		{"unknown top-level field", `{"rule":[]}`, "", "", "unknown field"},
		{"reserved name", `{"rules":[{"segment":"Unknown"}]}`, "rules[0]", "segment", "reserved"},
		{"control character", `{"rules":[{"segment":"A\nB"}]}`, "rules[0]", "segment", "control character"},
		{"long name", `{"rules":[{"segment":"` + strings.Repeat("x", 65) + `"}]}`, "rules[0]", "segment", "at most 64 bytes"},
		{"no rules", `{"fallback":"Others"}`, "", "rules", "must not be empty"},
		{"too many rules", many, "", "rules", "at most 256"},
		{"too many names", tooManyNames, "rules[20]", "segment", "at most 31 segments"},
		{"bad fallback", `{"fallback":"unknown","rules":[{"segment":"A"}]}`, "", "fallback", "reserved"},
		{"trailing data", `{"rules":[{"segment":"A"}]} {}`, "", "", "trailing data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rfm.ParseRules([]byte(tc.json))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), "rfm: ") || !strings.Contains(err.Error(), tc.messagePortion) {
				t.Errorf("error %q; want the rfm: prefix and %q", err, tc.messagePortion)
			}
			if tc.field == "" {
				return
			}
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Record != tc.record || fe.Field != tc.field {
				t.Errorf("error %q; want a FieldError for record %q field %q, got %+v", err, tc.record, tc.field, fe)
			}
		})
	}
	// Validate finds problems in rules built in Go too, all at once.
	err := rfm.Rules{Rules: []rfm.Rule{{Segment: "", R: rfm.Range{Lo: 3, Hi: 2}}, {Segment: "B", M: rfm.Range{Lo: 9, Hi: 9}}}}.Validate()
	if err == nil || strings.Count(err.Error(), "rfm: ") != 3 {
		t.Errorf("Validate: %v; want three problems", err)
	}
}

func TestPartitionFindings(t *testing.T) {
	p := rfm.DefaultPartition()
	// Move 555 and 554 into Loyal too, and drop 111 and 112 from Lost.
	p.Segments[1].Codes = append(p.Segments[1].Codes, code(t, "555"), code(t, "554"))
	lost := &p.Segments[len(p.Segments)-1]
	lost.Codes = lost.Codes[:2] // keeps 122 121
	findings, err := p.Check()
	require.NoError(t, err)
	want := []rfm.Finding{
		{Kind: rfm.Unlisted, Index: -1, Codes: codes(t, "111 112")},
		{Kind: rfm.Duplicated, Index: -1, Codes: codes(t, "554 555"), Segments: []string{"Champions", "Loyal Customers"}},
	}
	if diff := cmp.Diff(want, findings); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	wantText := []string{
		"2 codes are listed under no segment: r 1 f 1 m 1-2",
		`2 codes are listed under more than one segment ("Champions", "Loyal Customers"): r 5 f 5 m 4-5`,
	}
	for i, f := range findings {
		if f.String() != wantText[i] {
			t.Errorf("got  %s\nwant %s", f, wantText[i])
		}
	}
	if got := findings[0].Text(segment.Russian); got != "2 кода не указаны ни в одном сегменте: r 1 f 1 m 1-2" {
		t.Errorf("Russian: %s", got)
	}
	_, err = p.Compile()
	if !errors.Is(err, rfm.ErrNotPartition) || !strings.Contains(err.Error(), wantText[1]) {
		t.Errorf("Compile: %v; want ErrNotPartition listing the findings", err)
	}
}

func TestMalformedPartitions(t *testing.T) {
	for _, tc := range []struct {
		name, json, record, field string
	}{
		{"bad code", `{"segments":[{"segment":"A","codes":["561"]}]}`, "segments[0]", "codes[0]"},
		{"code as a number", `{"segments":[{"segment":"A","codes":[555]}]}`, "segments[0]", "codes"},
		{"code twice in a list", `{"segments":[{"segment":"A","codes":["555","111","555"]}]}`, "segments[0]", "codes[2]"},
		{"segment twice", `{"segments":[{"segment":"A","codes":["555"]},{"segment":"a","codes":["111"]}]}`, "segments[1]", "segment"},
		{"unknown field", `{"segments":[{"segment":"A","code":["555"]}]}`, "segments[0]", "code"},
		{"no lists", `{"segments":[]}`, "", "segments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rfm.ParsePartition([]byte(tc.json))
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Record != tc.record || fe.Field != tc.field {
				t.Errorf("error %v; want a FieldError for record %q field %q", err, tc.record, tc.field)
			}
		})
	}
}

func TestParseMap(t *testing.T) {
	def, err := json.Marshal(rfm.DefaultPartition())
	require.NoError(t, err)
	m, err := rfm.ParseMap(def)
	require.NoError(t, err)
	for _, c := range allCodes() {
		if m.Segment(c) != rfm.DefaultMap().Segment(c) {
			t.Fatalf("code %s differs after a JSON round trip of the default partition", c)
		}
	}
	m, err = rfm.ParseMap([]byte(rPackageRules))
	require.NoError(t, err)
	if len(m.Findings()) != 4 {
		t.Errorf("rules through ParseMap: %d findings", len(m.Findings()))
	}
	for _, bad := range []string{`{}`, `{"rules":[{"segment":"A"}],"segments":[]}`, `[]`, `{"rules":[{"segment":"A","r":[3,1]}]}`} {
		if _, err := rfm.ParseMap([]byte(bad)); err == nil {
			t.Errorf("ParseMap accepted %s", bad)
		}
	}
	// A partition with findings does not compile through ParseMap either.
	if _, err := rfm.ParseMap([]byte(`{"segments":[{"segment":"A","codes":["555"]}]}`)); !errors.Is(err, rfm.ErrNotPartition) {
		t.Errorf("incomplete partition: %v", err)
	}
}

// What a CRM stores, it loads back unchanged.
func TestRoundTrips(t *testing.T) {
	rules, err := rfm.ParseRules([]byte(rPackageRules))
	require.NoError(t, err)
	b, err := json.Marshal(rules)
	require.NoError(t, err)
	back, err := rfm.ParseRules(b)
	require.NoError(t, err)
	if diff := cmp.Diff(rules, back); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	// A dimension left out stays left out; [1,5] written out stays.
	b, err = json.Marshal(rfm.Rules{Rules: []rfm.Rule{{Segment: "A", F: rfm.Range{Lo: 1, Hi: 5}}}})
	require.NoError(t, err)
	if want := `{"rules":[{"segment":"A","f":[1,5]}]}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}

	p := rfm.DefaultPartition()
	b, err = json.Marshal(p)
	require.NoError(t, err)
	pb, err := rfm.ParsePartition(b)
	require.NoError(t, err)
	if diff := cmp.Diff(p, pb); diff != "" {
		t.Errorf("partition (-want +got):\n%s", diff)
	}

	// A map gives back its rules, and any map its partition.
	m, err := rules.Compile()
	require.NoError(t, err)
	got, ok := m.Rules()
	if diff := cmp.Diff(rules, got); !ok || diff != "" {
		t.Errorf("Map.Rules (-want +got):\n%s", diff)
	}
	if _, ok := rfm.DefaultMap().Rules(); ok {
		t.Error("the default map claims to have rules")
	}
	pm, err := m.Partition().Compile()
	require.NoError(t, err)
	for _, c := range allCodes() {
		if m.Name(m.Segment(c)) != pm.Name(pm.Segment(c)) {
			t.Errorf("code %s: %s, through Partition %s", c, m.Name(m.Segment(c)), pm.Name(pm.Segment(c)))
		}
	}
}

// Names of a user map: defaults keep their values whatever the spelling,
// new names follow Lost in order of first mention.
func TestUserMapLabels(t *testing.T) {
	rules, err := rfm.ParseRules([]byte(`{"fallback":"Others","rules":[
		{"segment":"VIP","r":[5,5],"f":[5,5]},
		{"segment":"loyal customers","f":[4,5]},
		{"segment":"Спящие","r":[1,1]},
		{"segment":"vip","r":[4,4],"f":[5,5]},
		{"segment":"Big spenders","m":[5,5]}]}`))
	require.NoError(t, err)
	m, err := rules.Compile()
	require.NoError(t, err)
	labels := m.Labels()
	if labels.Len() != 15 {
		t.Fatalf("%d labels, want Unknown + 11 defaults + VIP, Big spenders, Others", labels.Len())
	}
	for _, tc := range []struct {
		code string
		want rfm.Segment
		name string
		ru   string
	}{
		{"555", rfm.Lost + 1, "vip", "VIP"},
		{"455", rfm.Loyal, "loyal", "Лояльные"}, // rule 1 comes before the second VIP rule
		{"344", rfm.Loyal, "loyal", "Лояльные"},
		{"111", rfm.Hibernating, "hibernating", "Спящие"},
		{"225", rfm.Lost + 2, "big spenders", "Big spenders"},
		{"221", rfm.Lost + 3, "others", "Others"}, // the fallback is named after the rules
	} {
		s := m.Segment(code(t, tc.code))
		if s != tc.want || m.Name(s) != tc.name || m.Title(s, segment.Russian) != tc.ru {
			t.Errorf("%s: %d %q %q, want %d %q %q", tc.code, s, m.Name(s), m.Title(s, segment.Russian), tc.want, tc.name, tc.ru)
		}
	}
	if got := (rfm.Lost + 1).String(); got != "Segment(12)" {
		t.Errorf("String beyond the defaults: %s", got)
	}
	if s, err := labels.Parse("VIP"); err != nil || s != rfm.Lost+1 {
		t.Errorf("Parse(VIP) = %v, %v", s, err)
	}
}

func TestCodeText(t *testing.T) {
	c := rfm.Code{R: 5, F: 4, M: 3}
	b, err := c.MarshalText()
	require.NoError(t, err)
	var back rfm.Code
	require.NoError(t, back.UnmarshalText(b))
	if string(b) != "543" || back != c || c.Int() != 543 {
		t.Errorf("543: %s %v %d", b, back, c.Int())
	}
	if (rfm.Code{}).String() != "none" {
		t.Errorf("zero code prints %s", rfm.Code{})
	}
	if b, err := (rfm.Code{}).MarshalText(); err != nil || len(b) != 0 {
		t.Errorf("zero code marshals to %q, %v", b, err)
	}
	if _, err := (rfm.Code{R: 6, F: 1, M: 1}).MarshalText(); err == nil {
		t.Error("an invalid code marshalled")
	}
	for _, bad := range []string{"", "55", "5555", "055", "556", "a55", " 55"} {
		if _, err := rfm.ParseCode(bad); err == nil {
			t.Errorf("ParseCode(%q) accepted", bad)
		}
	}
}
