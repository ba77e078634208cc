package main

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/results.golden.md")

// report runs the program and returns its exit status, stdout and stderr.
func report(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// The fixture in testdata is one run of bench/run.sh -n 2000 -s 5 -t
// pandas,postgres,duckdb (the peers' outputs as they came) and an ours.csv
// written by testdata/ours_from_rule.py, an independent implementation of
// the library's rule in pandas, in the shape a CLI may well write
// (identifiers, rfm_code, "unknown" rows).
func TestGolden(t *testing.T) {
	code, out, errOut := report(t, "-map", "../rfm_map.csv", "-runs", "testdata/runs.tsv")
	require.Equal(t, 0, code, errOut)
	golden := filepath.Join("testdata", "results.golden.md")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("report (-want +got):\n%s\n(go test ./bench/report -update rewrites the golden file)", diff)
	}
}

// copyFixture writes the fixture's runs file into a temporary directory,
// with edit applied to the named tool's output, and returns its path.
func copyFixture(t *testing.T, tool string, edit func(lines []string) []string) string {
	t.Helper()
	dir := t.TempDir()
	runs, err := os.ReadFile("testdata/runs.tsv")
	require.NoError(t, err)
	var rows []string
	for _, row := range strings.Split(strings.TrimSpace(string(runs)), "\n") {
		cols := strings.Split(row, "\t")
		if strings.HasPrefix(cols[4], "testdata/") {
			data, err := os.ReadFile(cols[4])
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			if cols[0] == tool {
				lines = edit(lines)
			}
			cols[4] = filepath.Join(dir, filepath.Base(cols[4]))
			require.NoError(t, os.WriteFile(cols[4], []byte(strings.Join(lines, "\n")+"\n"), 0o644))
		}
		rows = append(rows, strings.Join(cols, "\t"))
	}
	path := filepath.Join(dir, "runs.tsv")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644))
	return path
}

// TestChecksFail breaks one tool's output at a time and expects the check
// that names the problem to fail, with exit status 1 and the tables still
// printed.
func TestChecksFail(t *testing.T) {
	setField := func(line string, i int, v string) string {
		f := strings.Split(line, ",")
		f[i] = v
		return strings.Join(f, ",")
	}
	clearID := firstClearCustomer(t)
	tests := []struct {
		name, tool string
		edit       func([]string) []string
		want       string
	}{
		{"a peer with other inputs", "duckdb", func(l []string) []string {
			l[5] = setField(l[5], 3, "12345.67")
			return l
		}, "**FAILED**: duckdb has the same customers and the same recency, frequency and monetary for each as pandas (0 missing, 0 extra, 1 with other inputs)"},
		{"a peer missing a customer", "postgres", func(l []string) []string {
			return slices.Delete(l, 3, 4)
		}, "**FAILED**: postgres has the same customers and the same recency, frequency and monetary for each as pandas (1 missing, 0 extra, 0 with other inputs)"},
		{"a customer listed twice", "pandas", func(l []string) []string {
			return append(l, l[7])
		}, "**FAILED**: pandas lists every customer once (1 listed again)"},
		{"a segment not in the map", "duckdb", func(l []string) []string {
			l[2] = setField(l[2], 7, "Whales")
			return l
		}, `**FAILED**: duckdb names only segments of the map (not in the map: "Whales" x1)`},
		{"ours in the wrong segment", "ours", func(l []string) []string {
			for i, line := range l {
				if strings.Contains(line, ",champions,") {
					l[i] = setField(line, 1, "lost")
					break
				}
			}
			return l
		}, "**FAILED**: ours places every customer where the equal-values rule of segment/rfm does (1 differ)"},
		{"ours with other scores", "ours", func(l []string) []string {
			l[1] = setField(l[1], 2, "555")
			return l
		}, "**FAILED**: ours gives every customer the scores of the equal-values rule (1 differ)"},
		{"a peer that moves a customer no tie can move", "pandas", func(l []string) []string {
			for i, line := range l {
				if strings.HasPrefix(line, clearID+",") {
					f := strings.Split(line, ",")
					f[5] = string('1' + (f[5][0]-'0')%5) // another F score
					l[i] = strings.Join(f, ",")
				}
			}
			return l
		}, "**FAILED**: pandas scores the 519 customers that no order of ties can move as the equal-values rule does (1 differ)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := copyFixture(t, tt.tool, tt.edit)
			code, out, errOut := report(t, "-map", "../rfm_map.csv", "-runs", runs)
			if code != 1 || !strings.Contains(errOut, "a consistency check failed") {
				t.Errorf("exit %d, stderr %q; want 1 and the failed check named", code, errOut)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
			if n := strings.Count(out, "**FAILED**"); n != 1 {
				t.Errorf("%d checks failed, want exactly the one:\n%s", n, out)
			}
			if !strings.Contains(out, "### Wall time") {
				t.Error("the tables are not printed when a check fails")
			}
		})
	}
}

// firstClearCustomer returns the id of a customer of the fixture whose
// values no order of ties can move.
func firstClearCustomer(t *testing.T) string {
	t.Helper()
	m, err := readMap("../rfm_map.csv")
	require.NoError(t, err)
	runs, err := readRuns("testdata/runs.tsv")
	require.NoError(t, err)
	c, err := load(m, runs, "")
	require.NoError(t, err)
	a := analyse(c)
	for k, ok := range a.clear {
		if ok {
			return c.ids[k]
		}
	}
	t.Fatal("the fixture has no clear customer")
	return ""
}

func TestOursNotRun(t *testing.T) {
	dir := t.TempDir()
	runs := "name\tlabel\tseconds\trss_kb\toutput\tstatus\tcpu_s\n" +
		"ours\tclientele CLI\t\t\t\tthe CLI cannot write segments yet\t\n" +
		"pandas\tpandas\t0.3\t1000\ttestdata/pandas.csv\tok\t0.25\n"
	path := filepath.Join(dir, "runs.tsv")
	require.NoError(t, os.WriteFile(path, []byte(runs), 0o644))
	code, out, errOut := report(t, "-map", "../rfm_map.csv", "-runs", path)
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{
		"| ours | clientele CLI | not run: the CLI cannot write segments yet | | | | | |",
		"| pandas | pandas | 0.30 s | n/a | 0.25 s | n/a | 1 MiB | 1,996 |",
		"| pandas | n/a | 19 of 1,944 | 39 (2.0%) | 19 (1.0%) | 458 (22.9%) |",
		"- not measured: ours did not run",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		return path
	}
	mapData, err := os.ReadFile("../rfm_map.csv")
	require.NoError(t, err)
	mapLines := strings.Split(strings.TrimSpace(string(mapData)), "\n")
	header := "name\tlabel\tseconds\trss_kb\toutput\tstatus\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a map without a code", []string{"-map", write("short.csv", strings.Join(mapLines[:125], "\n")+"\n")},
			"124 codes, want all 125"},
		{"a map with a code twice", []string{"-map", write("twice.csv", strings.Join(append(mapLines[:125], mapLines[1]), "\n")+"\n")},
			"code 111 listed twice"},
		{"a map with a bad score", []string{"-map", write("bad.csv", "r,f,m,segment\n6,1,1,Lost\n")},
			`bad.csv:2: r "6": want 1..5`},
		{"a map with another header", []string{"-map", write("head.csv", "R,F,M,Segment\n")},
			"want the header r,f,m,segment"},
		{"runs not starting with ours", []string{"-map", "../rfm_map.csv", "-runs", write("r1.tsv", header+"pandas\tp\t1\t\tx.csv\tok\n")},
			`the first tool must be "ours"`},
		{"runs with a bad time", []string{"-map", "../rfm_map.csv", "-runs", write("r2.tsv", header+"ours\to\tfast\t\tx.csv\tok\n")},
			`r2.tsv:2: seconds "fast": want a number >= 0`},
		{"runs with a bad CPU time", []string{"-map", "../rfm_map.csv", "-runs", write("r5.tsv",
			"name\tlabel\tseconds\trss_kb\toutput\tstatus\tcpu_s\nours\to\t1\t\tx.csv\tok\t-2\n")},
			`r5.tsv:2: cpu_s "-2": want a number >= 0 or empty`},
		{"a peer without inputs", []string{"-map", "../rfm_map.csv", "-runs", write("r3.tsv", header+
			"ours\to\t\t\t\tnot run\npandas\tp\t1\t\t"+write("p.csv", "customer_id,segment\nC1,Lost\n")+"\tok\n")},
			"a peer writes customer_id,recency,frequency,monetary,r,f,m,segment, have customer_id,segment"},
		{"a peer with a bad score", []string{"-map", "../rfm_map.csv", "-runs", write("r4.tsv", header+
			"ours\to\t\t\t\tnot run\npandas\tp\t1\t\t"+write("q.csv", "customer_id,recency,frequency,monetary,r,f,m,segment\nC1,1,1,1.00,0,1,1,Lost\n")+"\tok\n")},
			`q.csv:2: r: "0": want a score 1..5`},
	}
	for _, tt := range tests {
		code, _, errOut := report(t, tt.args...)
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", tt.name, code, errOut, tt.want)
		}
	}
}

func TestSegmentNames(t *testing.T) {
	m, err := readMap("../rfm_map.csv")
	require.NoError(t, err)
	tests := []struct {
		in   string
		want string // "" for no match
	}{
		{"Champions", "Champions"},
		{"cant_lose_them", "Can't Lose Them"},
		{"CAN'T LOSE THEM", "Can't Lose Them"},
		{"loyal", "Loyal Customers"},        // the library's identifier
		{"potential", "Potential Loyalist"}, // a unique prefix
		{"lo", ""},                          // Lost or Loyal Customers
		{"unknown", ""},
		{"", ""},
	}
	for _, tt := range tests {
		n, ok := m.segment(tt.in)
		got := ""
		if ok {
			got = m.names[n-1]
		}
		if got != tt.want {
			t.Errorf("segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRuleScores works the rule out by hand on ten customers.
func TestRuleScores(t *testing.T) {
	recs := []record{
		// recency, frequency, cents
		{present: true, recency: 0, frequency: 1, cents: 100},
		{present: true, recency: 0, frequency: 1, cents: 100},
		{present: true, recency: 5, frequency: 1, cents: 200},
		{present: true, recency: 5, frequency: 1, cents: 300},
		{present: true, recency: 5, frequency: 1, cents: 400},
		{present: true, recency: 9, frequency: 1, cents: 500},
		{present: true, recency: 9, frequency: 2, cents: 600},
		{present: true, recency: 30, frequency: 2, cents: 700},
		{present: true, recency: 30, frequency: 3, cents: -50},
		{present: true, recency: 99, frequency: 9, cents: 800},
		{present: false}, // not in the base
	}
	members := []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	scores, _ := ruleScores(recs, members)
	// recency: 0 has s=0 -> bucket 1 -> R5; 5 has s=2 -> 2 -> R4; 9: s=5
	// -> 3 -> R3; 30: s=7 -> 4 -> R2; 99: s=9 -> 5 -> R1.
	// frequency: 1: s=0 -> 1; 2: s=6 -> 4; 3: s=8 -> 5; 9: s=9 -> 5.
	// monetary: -50 is lowest (s=0 -> 1); 100 x2: s=1 -> 1; 200: s=3 -> 2;
	// 300: s=4 -> 3; 400: 5 -> 3; 500: 6 -> 4; 600: 7 -> 4; 700: 8 -> 5;
	// 800: 9 -> 5.
	want := [][3]uint8{
		{5, 1, 1}, {5, 1, 1}, {4, 1, 2}, {4, 1, 3}, {4, 1, 3},
		{3, 1, 4}, {3, 4, 4}, {2, 4, 5}, {2, 5, 1}, {1, 5, 5}, {0, 0, 0},
	}
	if diff := cmp.Diff(want, scores); diff != "" {
		t.Errorf("scores (-want +got):\n%s", diff)
	}
}

// TestClearCustomersCannotMove simulates the peers' position rules with
// random tie orders on random tied data: a customer ruleScores calls
// clear must get the rule's scores from NTILE and from qcut over ranks,
// in either sort direction, whatever the order of ties. Without it the
// "scores the customers that no order of ties can move" check could pass
// by luck.
func TestClearCustomersCannotMove(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 5 + rng.IntN(60)
		spread := 1 + rng.IntN(12) // few distinct values: many ties
		recs := make([]record, n)
		members := make([]int32, n)
		for k := range recs {
			recs[k] = record{present: true, recency: int32(rng.IntN(spread)),
				frequency: int32(1 + rng.IntN(spread)), cents: int64(rng.IntN(spread) * 100)}
			members[k] = int32(k)
		}
		scores, clear := ruleScores(recs, members)
		for _, method := range []struct {
			name string
			tile func(pos, n int) int // 1..5 for a 0-based position
		}{
			{"NTILE", func(p, n int) int {
				q, r := n/5, n%5
				for t := 4; t >= 1; t-- {
					if p >= t*q+min(t, r) {
						return t + 1
					}
				}
				return 1
			}},
			{"qcut", func(p, n int) int {
				for t := 4; t >= 1; t-- {
					if p >= t*(n-1)/5+1 {
						return t + 1
					}
				}
				return 1
			}},
		} {
			for d := range dimension(3) {
				order := slices.Clone(members)
				rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
				desc := d == recencyDim
				slices.SortStableFunc(order, func(a, b int32) int {
					va, vb := d.value(&recs[a]), d.value(&recs[b])
					if desc {
						va, vb = vb, va
					}
					return int(va - vb)
				})
				for pos, k := range order {
					if !clear[k] {
						continue
					}
					if got, want := method.tile(pos, n), int(scores[k][d]); got != want {
						t.Fatalf("trial %d, %s, dimension %d: customer %d (clear) at position %d of %d gets %d, the rule %d",
							trial, method.name, d, k, pos, n, got, want)
					}
				}
			}
		}
	}
}

func TestTies(t *testing.T) {
	m, err := readMap("../rfm_map.csv")
	require.NoError(t, err)
	a := &analysis{c: &comparison{m: m}}
	in := func(rec, freq int32, cents int64, seg uint8) record {
		return record{present: true, recency: rec, frequency: freq, cents: cents, seg: seg}
	}
	recs := []record{
		in(1, 1, 100, 1), in(1, 1, 100, 2), in(1, 1, 100, 2), // split 1+2: one displaced
		in(2, 1, 100, 3), in(2, 1, 100, 3), // together
		in(3, 2, 100, 1), in(3, 2, 100, 2), in(3, 2, 100, 3), in(3, 2, 100, 3), // split 1+1+2: two displaced
		in(4, 1, 100, 5), // alone
		{},               // not listed
	}
	var st toolStats
	a.ties(&st, recs, recs)
	got := [4]int{st.groups, st.splitGroups, st.inSplit, st.displaced}
	if diff := cmp.Diff([4]int{4, 2, 7, 3}, got); diff != "" {
		t.Errorf("groups, split, in split, displaced (-want +got):\n%s", diff)
	}
}

// TestTilings checks the tilings against what pandas 1.5.3 and NTILE give
// for 12 and 23 rows (first positions of tiles 2..5, 0-based): pandas
// [3 5 7 9] and [5 9 14 18], NTILE [3 6 8 10] and [5 10 15 19], the
// rule [3 5 8 10] and [5 10 14 19].
func TestTilings(t *testing.T) {
	starts := func(tile tiling, n int) []int {
		var s []int
		for p := 1; p < n; p++ {
			if tile(p, n) != tile(p-1, n) {
				s = append(s, p)
			}
		}
		return s
	}
	tests := []struct {
		name string
		tile tiling
		n    int
		want []int
	}{
		{"qcut", qcutTile, 12, []int{3, 5, 7, 9}},
		{"qcut", qcutTile, 23, []int{5, 9, 14, 18}},
		{"NTILE", ntileTile, 12, []int{3, 6, 8, 10}},
		{"NTILE", ntileTile, 23, []int{5, 10, 15, 19}},
		{"NTILE", ntileTile, 3, []int{1, 2}},
		{"rule", ruleTile, 12, []int{3, 5, 8, 10}},
		{"rule", ruleTile, 23, []int{5, 10, 14, 19}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, starts(tt.tile, tt.n)); diff != "" {
			t.Errorf("%s, n = %d: tile starts (-want +got):\n%s", tt.name, tt.n, diff)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{thousands(0), "0"},
		{thousands(999), "999"},
		{thousands(1000), "1,000"},
		{thousands(1234567), "1,234,567"},
		{thousands(-45000), "-45,000"},
		{share(0, 10), "0"},
		{share(25, 1000), "25 (2.5%)"},
		{mib(-1), "n/a"},
		{mib(908868), "888 MiB"},
		{cell("a|b\nc"), `a\|b c`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestParseCents(t *testing.T) {
	for in, want := range map[string]int64{"8.96": 896, "8.959999999999999": 896, "-1.5": -150, "0.0": 0, "896e-2": 896, "12": 1200} {
		got, err := parseCents(in)
		if err != nil || got != want {
			t.Errorf("parseCents(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "NaN", "Inf", "1e20", "12,5"} {
		if _, err := parseCents(in); err == nil {
			t.Errorf("parseCents(%q): want an error", in)
		}
	}
}
