// Command gen writes a deterministic synthetic order log for the peer
// comparison in bench/run.sh: columns exactly customer_id,date,amount, one
// row per order line, in date order, with returns as negative amounts.
//
//	go run ./bench/gen -customers 1000000 -seed 1 -o orders.csv
//
// The same flags always give the same bytes (the generator is its own
// PCG-style source, not math/rand, whose algorithms may change between Go
// releases). The defaults give about 4.4 million lines for 1,000,000
// customers over three years (2022-01-01 to 2024-12-31) in a few seconds.
//
// The shape is what RFM meets in a real shop: about half the customers buy
// once; the rest follow a heavy-tailed (Lomax) number of orders, so a few
// thousand customers have a hundred orders or more; order totals are sums
// of items from a fixed price list, so many customers share the same
// frequency and the same revenue; the shop grows, so later days see more
// new customers; some orders are followed by a return of one item (on the
// same day or up to a few weeks later); a one-item order returned on the
// same day nets to zero, so a few one-time buyers have no purchase
// occasion at all. A summary of what was written goes to stderr.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program, separated from main so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := defaultConfig()
	var start, out string
	fs.IntVar(&cfg.Customers, "customers", cfg.Customers, "number of customers")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed; the same seed and sizes give the same file")
	fs.StringVar(&start, "start", cfg.Start.Format(time.DateOnly), "first day of the log `YYYY-MM-DD`")
	fs.IntVar(&cfg.Days, "days", cfg.Days, "number of days in the log")
	fs.StringVar(&out, "o", "-", "output `file` (- for stdout)")
	quiet := fs.Bool("q", false, "no summary on stderr")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	var err error
	if cfg.Start, err = time.Parse(time.DateOnly, start); err != nil {
		fmt.Fprintf(stderr, "gen: -start: %v\n", err)
		return 2
	}
	if err := cfg.validate(); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	st, err := writeTo(out, stdout, &cfg)
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	if !*quiet {
		fmt.Fprintln(stderr, st)
	}
	return 0
}

// writeTo generates the log into the file named out, or w when out is "-".
func writeTo(out string, w io.Writer, cfg *config) (stats, error) {
	if out == "-" {
		bw := bufio.NewWriterSize(w, 1<<20)
		st := generate(bw, cfg)
		return st, bw.Flush()
	}
	f, err := os.Create(out)
	if err != nil {
		return stats{}, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	st := generate(bw, cfg)
	if err := bw.Flush(); err != nil {
		f.Close()
		return stats{}, err
	}
	return st, f.Close()
}
