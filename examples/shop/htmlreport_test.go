package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	code, out, errOut := shop(t, "-report", file, "-previous-asof", "2025-03-31", "-lang", "ru")
	if code != 0 || errOut != "" || !strings.Contains(out, "Лестница лояльности") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.Contains(page, `lang="ru"`) {
		t.Errorf("not a Russian HTML page: %.200s", page)
	}
	// A chart per typology, the grid, the funnel and a matrix per typology.
	if n := strings.Count(page, "<svg"); n < 9+8 {
		t.Errorf("%d charts, want at least 17", n)
	}
	if !strings.Contains(page, "2025-03-31") && !strings.Contains(page, "31.03.2025") {
		t.Error("the report does not name the earlier date")
	}

	// Any output can come with a report; the report is the same.
	other := filepath.Join(dir, "other.html")
	code, out, errOut = shop(t, "-out", "segments", "-report", other, "-previous-asof", "2025-03-31", "-lang", "ru")
	if code != 0 || !strings.HasPrefix(out, segmentsHeader) {
		t.Fatalf("segments with -report: exit %d, stderr %q", code, errOut)
	}
	if again, _ := os.ReadFile(other); string(again) != page {
		t.Error("the report written with -out segments differs from the summary's")
	}

	bad := filepath.Join(dir, "no", "such", "dir", "r.html")
	if code, _, errOut := shop(t, "-report", bad); code != 1 || !strings.Contains(errOut, "-report") && !strings.Contains(errOut, "no such") {
		t.Errorf("unwritable report: exit %d, %q", code, errOut)
	}
}
