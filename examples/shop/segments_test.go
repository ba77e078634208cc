package main

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// readCSV parses a CSV output into its header and rows of cells by column.
func readCSV(t *testing.T, out string) ([]string, []map[string]string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	if len(recs) == 0 {
		t.Fatal("no output")
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return recs[0], rows
}

// sampleSegments runs -out segments on the sample and parses it.
func sampleSegments(t *testing.T, args ...string) []map[string]string {
	t.Helper()
	code, out, errOut := shop(t, append([]string{"-out", "segments"}, args...)...)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	head, rows := readCSV(t, out)
	want := strings.Split(strings.TrimSuffix(segmentsHeader, "\n"), ",")
	if diff := cmp.Diff(want, head); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	return rows
}

// TestSegmentsMatchTheLibrary checks every row of the sample against the
// library used directly: the typologies fitted on all profiles at once
// (strategy.Fit), each customer classified on their own. The CLI streams,
// sorts and classifies on several cores; none of that may change an answer.
func TestSegmentsMatchTheLibrary(t *testing.T) {
	rows := sampleSegments(t)
	profiles, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := strategy.Fit(profiles, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(profiles) {
		t.Fatalf("%d rows for %d customers", len(rows), len(profiles))
	}
	byID := map[string]*segment.Profile{}
	for i := range profiles {
		byID[profiles[i].ID] = &profiles[i]
	}
	for i, row := range rows {
		id := row["customer_id"]
		if i > 0 && rows[i-1]["customer_id"] >= id {
			t.Fatalf("row %d: %q after %q: not sorted by id", i+1, id, rows[i-1]["customer_id"])
		}
		p := byID[id]
		if p == nil {
			t.Fatalf("row %d: unknown customer %q", i+1, id)
		}
		var c strategy.Classification
		cs.Classify(p, &c)
		code := cs.RFM.Code(p)
		score := func(s uint8) string {
			if s == 0 {
				return ""
			}
			return strconv.Itoa(int(s))
		}
		var tags []string
		for _, l := range c.Segment.Tags.Labels() {
			tags = append(tags, behavior.Types.Name(l))
		}
		want := map[string]string{
			"customer_id": id,
			"r":           score(code.R),
			"f":           score(code.F),
			"m":           score(code.M),
			"rfm_segment": rfm.DefaultMap().Name(c.RFM.Primary),
			"segment":     behavior.Types.Name(c.Segment.Primary),
			"tags":        strings.Join(tags, ";"),
			"rung":        ladder.Rungs.Name(c.Rung.Primary),
			"next_step":   c.Next.Text(segment.English),
			"disc":        disc.Styles.Name(c.DISC.Primary),
			"sabone":      sabone.Categories.Name(c.SABONE.Primary),
			"perception":  perception.Channels.Name(c.Perception.Primary),
			"decision":    decision.Styles.Name(c.Decision.Primary),
			"loyalty":     loyalty.Kinds.Name(c.Loyalty.Primary),
		}
		if diff := cmp.Diff(want, row); diff != "" {
			t.Fatalf("customer %s (-library +cli):\n%s", id, diff)
		}
	}
}

// TestEveryLabelOccurs: the sample is the demo, and a demo that never
// shows a label hides part of the product. Every label of every typology
// (behavioural types and risk flags as tags, the 11 RFM segments, every
// rung, DISC, SABONE, perception, decision and loyalty kind) must occur.
func TestEveryLabelOccurs(t *testing.T) {
	rows := sampleSegments(t)
	seen := map[string]map[string]bool{"tag": {}}
	for _, row := range rows {
		for col, v := range row {
			if seen[col] == nil {
				seen[col] = map[string]bool{}
			}
			seen[col][v] = true
		}
		for _, tag := range strings.Split(row["tags"], ";") {
			seen["tag"][tag] = true
		}
	}
	check := func(col string, names []string) {
		for _, n := range names {
			if !seen[col][n] {
				t.Errorf("%s %q never occurs in the sample", col, n)
			}
		}
	}
	check("tag", names(behavior.Types))
	check("rfm_segment", names(rfm.Segments))
	check("rung", names(ladder.Rungs))
	check("disc", names(disc.Styles))
	check("sabone", names(sabone.Categories))
	check("perception", names(perception.Channels))
	check("decision", names(decision.Styles))
	check("loyalty", names(loyalty.Kinds))
	if n := len(names(rfm.Segments)); n != 11 {
		t.Errorf("%d RFM segments, want the 11 of the default map", n)
	}
}

// names are the names of an enum's known labels (Unknown left out).
func names[L ~uint8](e *segment.Enum[L]) []string {
	var out []string
	for _, l := range e.Values() {
		if l != 0 {
			out = append(out, e.Name(l))
		}
	}
	return out
}

func TestSegmentsJSON(t *testing.T) {
	rows := sampleSegments(t)
	code, out, errOut := shop(t, "-out", "segments", "-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d JSON lines, %d CSV rows", len(lines), len(rows))
	}
	for i, line := range lines {
		var got struct {
			ID         string             `json:"customer_id"`
			R, F, M    *int               `json:"-"`
			RFM        string             `json:"rfm_segment"`
			Segment    string             `json:"segment"`
			Tags       []string           `json:"tags"`
			Rung       string             `json:"rung"`
			NextStep   string             `json:"next_step"`
			Loyalty    string             `json:"loyalty"`
			Confidence map[string]float64 `json:"confidence"`
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		var scores map[string]*int
		json.Unmarshal([]byte(line), &scores)
		row := rows[i]
		if got.ID != row["customer_id"] || got.RFM != row["rfm_segment"] || got.Segment != row["segment"] ||
			strings.Join(got.Tags, ";") != row["tags"] || got.Rung != row["rung"] || got.NextStep != row["next_step"] || got.Loyalty != row["loyalty"] {
			t.Fatalf("line %d differs from the CSV row:\n%s\n%v", i+1, line, row)
		}
		for _, k := range []string{"r", "f", "m"} {
			if s := scores[k]; (s == nil) != (row[k] == "") || s != nil && strconv.Itoa(*s) != row[k] {
				t.Fatalf("line %d: %s = %v, CSV %q", i+1, k, s, row[k])
			}
		}
		want := []string{"decision", "disc", "loyalty", "perception", "rfm_segment", "rung", "sabone", "segment"}
		var keys []string
		for k, v := range got.Confidence {
			keys = append(keys, k)
			if v < 0 || v > 1 {
				t.Fatalf("line %d: confidence %s = %v", i+1, k, v)
			}
		}
		slices.Sort(keys)
		if diff := cmp.Diff(want, keys); diff != "" {
			t.Fatalf("line %d: confidence keys (-want +got):\n%s", i+1, diff)
		}
	}
}

func TestSegmentsOneCustomerAndLanguage(t *testing.T) {
	all := sampleSegments(t)
	id := all[1]["customer_id"]
	one := sampleSegments(t, "-id", id)
	if len(one) != 1 || !cmp.Equal(one[0], all[1]) {
		t.Errorf("-id %s: got %v, want %v", id, one, all[1])
	}
	ru := sampleSegments(t, "-id", id, "-lang", "ru")
	if step := ru[0]["next_step"]; step == all[1]["next_step"] || !strings.ContainsAny(step, "абвгдеёжзийклмнопрстуфхцчшщыьэюя") {
		t.Errorf("-lang ru: next step %q is not Russian", step)
	}
	if code, out, errOut := shop(t, "-out", "segments", "-id", "nobody"); code != 1 || out != "" || !strings.Contains(errOut, `-id "nobody"`) {
		t.Errorf("unknown -id: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestSegmentsNeutraliseFormulas: a customer id that starts like a
// spreadsheet formula cannot run when the export is opened.
func TestSegmentsNeutraliseFormulas(t *testing.T) {
	file := writeFile(t, "orders.csv", "customer_id,date,amount\n=cmd|' /C calc'!A0,2024-01-01,10\n=cmd|' /C calc'!A0,2024-02-01,20\nB,2024-01-15,5\n")
	code, out, errOut := shop(t, "-orders", file, "-out", "segments")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, rows := readCSV(t, out)
	var ids []string
	for _, r := range rows {
		ids = append(ids, r["customer_id"])
	}
	if diff := cmp.Diff([]string{"'=cmd|' /C calc'!A0", "B"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

// TestSegmentsNoPurchase: a base where nobody bought cannot be scored,
// and says so.
func TestSegmentsNoPurchase(t *testing.T) {
	file := writeFile(t, "orders.csv", "customer_id,date,amount\nA,2024-01-01,-10\n")
	code, _, errOut := shop(t, "-orders", file, "-out", "segments")
	if code != 1 || !strings.Contains(errOut, "no customer has a purchase") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// BenchmarkSegments runs -out segments -format csv on the sample shop,
// from the embedded CSV to the last row: the whole CLI path.
func BenchmarkSegments(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"-out", "segments"}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// The CSV and JSON segments agree cell for cell on the RFM segment and
// the tags, with an RFM map whose names a CSV must quote: the CSV
// writer's cells, made once per map, are read back by encoding/csv as the
// names themselves.
func TestSegmentsCSVQuotesMapNames(t *testing.T) {
	odd := writeFile(t, "odd.json", `{"rules": [
	  {"segment": "Champ\"ions, all", "r": [5, 5]},
	  {"segment": "=formula", "r": [3, 4]}
	]}`)
	code, out, errOut := shop(t, "-out", "segments", "-rfm-rules", odd)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, rows := readCSV(t, out)
	code, js, errOut := shop(t, "-out", "segments", "-format", "json", "-rfm-rules", odd)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(js, "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d JSON lines, %d CSV rows", len(lines), len(rows))
	}
	seen := map[string]bool{}
	for i, line := range lines {
		var got struct {
			RFM  string   `json:"rfm_segment"`
			Tags []string `json:"tags"`
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatal(err)
		}
		want := got.RFM
		if strings.HasPrefix(want, "=") {
			want = "'" + want // the CSV defuses what a spreadsheet would run
		}
		if rows[i]["rfm_segment"] != want || rows[i]["tags"] != strings.Join(got.Tags, ";") {
			t.Fatalf("row %d: CSV %q %q, JSON %q %q", i+1, rows[i]["rfm_segment"], rows[i]["tags"], got.RFM, got.Tags)
		}
		seen[got.RFM] = true
	}
	if !seen[`champ"ions, all`] || !seen["=formula"] {
		t.Fatalf("the odd names did not come up: %v", seen)
	}
}
