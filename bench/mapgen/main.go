// Command mapgen writes the library's default RFM map as bench/rfm_map.csv,
// the one copy of the 125-code map that every peer of bench/run.sh loads:
// columns r,f,m,segment, one row per code from 111 to 555, segments by their
// English titles. With -check it compares an existing file with the map
// instead, so a change to the library's default map cannot leave the
// benchmark comparing against a stale one.
//
//	go run ./bench/mapgen -o bench/rfm_map.csv
//	go run ./bench/mapgen -check bench/rfm_map.csv
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/segment/rfm"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mapgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "-", "write the map to `file` (- for stdout)")
	check := fs.String("check", "", "compare `file` with the library's default map instead of writing")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mapgen: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	want, err := defaultMapCSV()
	if err != nil {
		fmt.Fprintln(stderr, "mapgen:", err)
		return 1
	}
	switch {
	case *check != "":
		got, err := os.ReadFile(*check)
		if err != nil {
			fmt.Fprintln(stderr, "mapgen:", err)
			return 1
		}
		if !bytes.Equal(got, want) {
			fmt.Fprintf(stderr, "mapgen: %s differs from the library's default RFM map; regenerate it with\n\tgo run ./bench/mapgen -o %s\n", *check, *check)
			return 1
		}
		return 0
	case *out == "-":
		_, err = stdout.Write(want)
	default:
		err = os.WriteFile(*out, want, 0o644)
	}
	if err != nil {
		fmt.Fprintln(stderr, "mapgen:", err)
		return 1
	}
	return 0
}

// defaultMapCSV renders rfm.DefaultPartition as CSV rows in code order.
func defaultMapCSV() ([]byte, error) {
	type row struct {
		code    rfm.Code
		segment string
	}
	var rows []row
	for _, l := range rfm.DefaultPartition().Segments {
		for _, c := range l.Codes {
			rows = append(rows, row{c, l.Segment})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return a.code.Int() - b.code.Int() })
	if len(rows) != 125 {
		return nil, fmt.Errorf("the default partition lists %d codes, want 125", len(rows))
	}
	var b bytes.Buffer
	b.WriteString("r,f,m,segment\n")
	for i, r := range rows {
		if i > 0 && rows[i-1].code == r.code {
			return nil, fmt.Errorf("code %s listed twice", r.code)
		}
		fmt.Fprintf(&b, "%d,%d,%d,%s\n", r.code.R, r.code.F, r.code.M, csvCell(r.segment))
	}
	return b.Bytes(), nil
}

// csvCell quotes a segment name that needs it (a user map may name a
// segment "Big, loyal"); the default titles never do.
func csvCell(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
