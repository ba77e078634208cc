package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/rfm"
)

// TestSummaryAgreesWithSegments: the typology tables of the summary count
// the same customers per label as -out segments lists.
func TestSummaryAgreesWithSegments(t *testing.T) {
	rows := sampleSegments(t)
	code, out, errOut := shop(t)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	counts := map[string]map[string]int{"rfm_segment": {}, "rung": {}}
	for _, r := range rows {
		counts["rfm_segment"][r["rfm_segment"]]++
		counts["rung"][r["rung"]]++
	}
	check := func(title string, n int) {
		t.Helper()
		if !regexp.MustCompile(`(?m)^ *` + regexp.QuoteMeta(title) + ` +` + fmt.Sprint(n) + ` `).MatchString(out) {
			t.Errorf("summary lacks the row %q with %d customers", title, n)
		}
	}
	for _, s := range rfm.Segments.Values() {
		if s != 0 {
			check(rfm.Segments.Title(s, segment.English), counts["rfm_segment"][rfm.Segments.Name(s)])
		}
	}
	for _, r := range ladder.Rungs.Values() {
		if r != 0 {
			check(ladder.Rungs.Title(r, segment.English), counts["rung"][ladder.Rungs.Name(r)])
		}
	}
	// The grid: customers per recency and frequency score.
	var grid [6][6]int
	for _, r := range rows {
		if r["r"] != "" {
			grid[r["r"][0]-'0'][r["f"][0]-'0']++
		}
	}
	for r := 5; r >= 1; r-- {
		re := fmt.Sprintf(`(?m)^ *R%d`, r)
		for f := 1; f <= 5; f++ {
			re += fmt.Sprintf(` +%d \(\d+\.\d%%\)`, grid[r][f])
		}
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("the grid lacks the row R%d %v", r, grid[r][1:])
		}
	}
	for _, want := range []string{"Behavioural segment\n", "RFM grid", "R5", "F5", "DISC style\n", "Loyalty kind\n", "revenue share", "average order"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	_, ru, _ := shop(t, "-lang", "ru")
	if !strings.Contains(ru, "Лестница лояльности") || !strings.Contains(ru, "Чемпионы") {
		t.Errorf("-lang ru summary has no Russian titles:\n%s", ru)
	}
}

// TestNoProgressOffTerminal: the bar is for people at a terminal; a buffer
// or a file never gets one, however large the base.
func TestNoProgressOffTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []any{&bytes.Buffer{}, f} {
		if p := newProgress(w.(interface{ Write([]byte) (int, error) }), 10*progressMin); p != nil {
			t.Errorf("%T: a progress bar", w)
		}
	}
	if code := run([]string{"-out", "segments"}, &bytes.Buffer{}, f); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("%d bytes on a file stderr", fi.Size())
	}

	// The bar itself, drawn where a terminal would be.
	var buf bytes.Buffer
	p := &progress{w: &buf, total: 200}
	p.callback()(batch.Stats{Read: 120, Classified: 99, Rejected: 1})
	p.done()
	if got, want := buf.String(), "\r[###############...............]  50% 100/200 customers\n"; got != want {
		t.Errorf("bar %q, want %q", got, want)
	}
	var none *progress
	if none.callback() != nil {
		t.Error("the nil bar has a callback")
	}
	none.done()
}
