// Command report turns one run of bench/run.sh into the Markdown tables of
// the peer comparison: wall time per tool and its ratio to ours, peak RSS,
// and how each peer's RFM segments differ from ours, in particular because
// of how it breaks ties.
//
//	go run ./bench/report -map bench/rfm_map.csv -runs bench/out/runs.tsv
//
// The runs file is tab-separated with the header
// name, label, seconds, rss_kb, output, status: one row per tool, the tool
// named "ours" first; status is "ok" or why the tool has no result. Each
// output is the tool's CSV. A peer's has the columns customer_id, recency,
// frequency, monetary, r, f, m and segment (bench/peers/); ours needs
// customer_id and a segment column (rfm_segment, rfm or segment, or the
// one -segment-col names), and is compared on recency, frequency,
// monetary and the scores (r, f, m, or rfm_code such as 545) too when it
// has them. Rows whose segment is empty or "unknown" are customers
// without a purchase occasion, which the comparison leaves out.
//
// Besides the comparison with ours, every tool is compared with the
// equal-values rule of the library's RFM scores (a customer's score is one
// plus five times the share of the base with a strictly smaller value,
// rounded down; recency reversed), computed here from the peers' own
// inputs, so the effect of tie breaking is measured even before our CLI
// writes segments, and our CLI is checked against its own documentation
// once it does.
//
// The exit status is 1 when a consistency check fails (tools disagree on a
// customer's inputs, a code has no segment, or a peer disagrees with the
// rule on a customer whose values no tie-breaking can move); the tables
// are printed first either way.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program, separated from main so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mapPath := fs.String("map", "bench/rfm_map.csv", "the 125-code map `file` (r,f,m,segment)")
	runsPath := fs.String("runs", "bench/out/runs.tsv", "the runs `file` written by bench/run.sh")
	segCol := fs.String("segment-col", "", "segment `column` of our output (default: rfm_segment, rfm or segment)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "report: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	m, err := readMap(*mapPath)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	runs, err := readRuns(*runsPath)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	c, err := load(m, runs, *segCol)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	a := analyse(c)
	if err := render(stdout, a); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	if !a.passed() {
		fmt.Fprintln(stderr, "report: a consistency check failed (see Checks)")
		return 1
	}
	return 0
}
