// Command shop segments the customers of a shop from an order export and
// prints what clientele makes of them. With no flags it runs on an embedded
// sample shop, so
//
//	go run ./examples/shop
//
// shows the whole product on a realistic base. Point it at your own export
// with -orders (and -signals for CRM signals).
//
// Outputs (-out):
//
//	summary  a readable overview (default)
//	btyd     customer_id,frequency,recency,T,monetary_value: the BTYD
//	         summary of Python lifetimes, one row per customer sorted by id
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/clientele-go/clientele/segment"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command line.
type options struct {
	orders, signals string
	asOf            segment.Date
	unit            segment.Unit
	idCol, dateCol  string
	amountCol       string
	out             string
	skipInvalid     bool
}

// run is the program, separated from main so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 2
	}
	data, err := load(opts, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	switch opts.out {
	case "summary":
		err = writeSummary(stdout, data)
	case "btyd":
		err = writeBTYD(stdout, data)
	}
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("shop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	var asOf, unit string
	fs.StringVar(&o.orders, "orders", "", "order export `FILE.csv` (default: the embedded sample shop)")
	fs.StringVar(&o.signals, "signals", "", "CRM signals `FILE.csv`, one row per customer (default: the sample's, when -orders is not given)")
	fs.StringVar(&asOf, "asof", "", "as-of date `YYYY-MM-DD` (default: the date of the last order)")
	fs.StringVar(&unit, "unit", "day", "time unit of the BTYD summary: day, week or a number of days")
	fs.StringVar(&o.idCol, "id-col", "customer_id", "customer id column")
	fs.StringVar(&o.dateCol, "date-col", "date", "order date column")
	fs.StringVar(&o.amountCol, "amount-col", "amount", "order amount column")
	fs.StringVar(&o.out, "out", "summary", "output: summary or btyd")
	fs.BoolVar(&o.skipInvalid, "skip-invalid", false, "skip invalid rows (counted on stderr) instead of stopping")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if asOf != "" {
		if o.asOf, err = segment.ParseDate(asOf); err != nil {
			return nil, fmt.Errorf("-asof: %w", err)
		}
	}
	if o.unit, err = segment.ParseUnit(unit); err != nil {
		return nil, fmt.Errorf("-unit: %w", err)
	}
	switch o.out {
	case "summary", "btyd":
	default:
		return nil, fmt.Errorf("-out %q: want summary or btyd", o.out)
	}
	return o, nil
}
