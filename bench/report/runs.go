package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strconv"
)

// toolRun is one row of the runs file: a tool, how long it took and where
// its output is.
type toolRun struct {
	Name    string  // short name: ours, pandas, postgres, duckdb
	Label   string  // what ran, with version and method
	Seconds float64 // wall time
	RSSKB   int64   // peak resident set in KiB; -1 when not measured
	CPU     float64 // user plus system CPU seconds; -1 when not measured
	Output  string  // the tool's CSV
	Status  string  // "ok", or why there is no result
}

// ok reports whether the tool ran and has an output to compare.
func (r *toolRun) ok() bool { return r.Status == "ok" }

// runsHeader is the header of the runs file; the last column, cpu_s, may
// be missing (runs files of earlier versions of run.sh).
var runsHeader = []string{"name", "label", "seconds", "rss_kb", "output", "status", "cpu_s"}

// readRuns reads the tab-separated runs file.
func readRuns(path string) ([]toolRun, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], runsHeader) && !slices.Equal(rows[0], runsHeader[:6]) {
		return nil, fmt.Errorf("%s: want the header %v", path, runsHeader)
	}
	var runs []toolRun
	for i, row := range rows[1:] {
		line := i + 2
		t := toolRun{Name: row[0], Label: row[1], Output: row[4], Status: row[5], RSSKB: -1, CPU: -1}
		if t.Name == "" {
			return nil, fmt.Errorf("%s:%d: empty name", path, line)
		}
		if slices.ContainsFunc(runs, func(o toolRun) bool { return o.Name == t.Name }) {
			return nil, fmt.Errorf("%s:%d: tool %q twice", path, line, t.Name)
		}
		if t.ok() {
			if t.Seconds, err = strconv.ParseFloat(row[2], 64); err != nil || t.Seconds < 0 {
				return nil, fmt.Errorf("%s:%d: seconds %q: want a number >= 0", path, line, row[2])
			}
			if row[3] != "" {
				if t.RSSKB, err = strconv.ParseInt(row[3], 10, 64); err != nil || t.RSSKB < 0 {
					return nil, fmt.Errorf("%s:%d: rss_kb %q: want a whole number >= 0 or empty", path, line, row[3])
				}
			}
			if len(row) > 6 && row[6] != "" {
				if t.CPU, err = strconv.ParseFloat(row[6], 64); err != nil || t.CPU < 0 {
					return nil, fmt.Errorf("%s:%d: cpu_s %q: want a number >= 0 or empty", path, line, row[6])
				}
			}
		}
		runs = append(runs, t)
	}
	if len(runs) == 0 || runs[0].Name != "ours" {
		return nil, fmt.Errorf("%s: the first tool must be \"ours\"", path)
	}
	return runs, nil
}
