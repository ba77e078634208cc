package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func mapgen(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestCommittedMapIsTheDefault keeps bench/rfm_map.csv, which every peer
// loads, equal to the library's default map.
func TestCommittedMapIsTheDefault(t *testing.T) {
	code, _, errOut := mapgen(t, "-check", "../rfm_map.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// TestMapIsTheLibrarys reads the written map back and asks the library
// for each code's segment through a compiled map, a path independent of
// DefaultPartition's lists.
func TestMapIsTheLibrarys(t *testing.T) {
	code, out, errOut := mapgen(t)
	require.Equal(t, 0, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	if diff := cmp.Diff([]string{"r", "f", "m", "segment"}, rows[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	if len(rows) != 126 {
		t.Fatalf("%d rows, want the header and 125 codes", len(rows))
	}
	m := rfm.DefaultMap()
	for i, row := range rows[1:] {
		c, err := rfm.ParseCode(row[0] + row[1] + row[2])
		require.NoError(t, err)
		if want := m.Title(m.Segment(c), segment.English); row[3] != want {
			t.Errorf("row %d: code %s is %q, the library says %q", i+2, c, row[3], want)
		}
	}
}

func TestCheckNamesAStaleFile(t *testing.T) {
	code, out, _ := mapgen(t)
	require.Equal(t, 0, code)
	stale := filepath.Join(t.TempDir(), "rfm_map.csv")
	require.NoError(t, os.WriteFile(stale, []byte(strings.Replace(out, "1,1,1,Lost", "1,1,1,Hibernating", 1)), 0o644))
	code, _, errOut := mapgen(t, "-check", stale)
	if code != 1 || !strings.Contains(errOut, "differs from the library's default RFM map") {
		t.Errorf("exit %d, stderr %q; want 1 and the file named stale", code, errOut)
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"Lost": "Lost", "Can't Lose Them": "Can't Lose Them", "Big, loyal": `"Big, loyal"`, `The "best"`: `"The ""best"""`} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
