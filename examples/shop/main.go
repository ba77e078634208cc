// Command shop segments the customers of a shop from an order export and
// prints what clientele makes of them. With no flags it runs on an embedded
// sample shop, so
//
//	go run ./examples/shop
//
// shows the whole product on a realistic base. Point it at your own export
// with -orders (and -signals for CRM signals).
//
// # Outputs (-out)
//
//	summary      a readable overview (default): the base in numbers, a table
//	             per typology (customers, share, revenue share, mean
//	             occasions, average order value) and the RFM 5×5 grid; with
//	             -previous-asof also the transition matrices and the movers
//	segments     one row per customer, sorted by id: -format csv (default)
//	             with the columns customer_id,r,f,m,rfm_segment,segment,tags,
//	             rung,next_step,disc,sabone,perception,decision,loyalty
//	             (r, f, m empty when the customer has no purchase; tags are
//	             every behavioural tag, risk flags included, separated by
//	             ";"; next_step in -lang), or -format json: JSON Lines with
//	             the same fields and the confidence of each typology
//	playbooks    the playbook of each customer, sorted by id: -format json
//	             (JSON Lines, texts in -lang) or -format text
//	clv          customer_id,frequency,recency,T,monetary_value,p_alive,
//	             expected_purchases,clv, sorted by id: BG/NBD and Gamma-Gamma
//	             fitted to the base, over -horizon with -discount. The clv
//	             cell is empty for customers Gamma-Gamma cannot value (no
//	             repeat purchase, or repeat purchases netting to zero or
//	             less); how many is said on stderr. p_alive is 1 for a
//	             one-time buyer by the model's definition (BG/NBD lets a
//	             customer drop out only after a repeat purchase; see
//	             segment/clv): rank them by expected_purchases instead
//	clv-params   the fitted models as JSON: {"bgnbd":{...},"gamma_gamma":{...}}
//	movement     with -previous-asof: every customer's change of label per
//	             typology, with the reasons on both dates; -format text
//	             (default), csv or json (JSON Lines); in ledger order.
//	             Both dates are classified by the typologies fitted as of
//	             -asof (the later date's RFM cut points), so a move is a
//	             change in the customer, not in the base's quintiles
//	btyd         customer_id,frequency,recency,T,monetary_value: the BTYD
//	             summary of Python lifetimes, one row per customer sorted by id
//
// CSV cells holding customer data are neutralised against formula injection
// (a leading = + - @ gets an apostrophe).
//
// # Flags
//
//	-orders FILE.csv      order export (default: the embedded sample shop)
//	-signals FILE.csv     CRM signals, one row per customer
//	-id-col, -date-col, -amount-col
//	                      column names of the export
//	-skip-invalid         skip invalid rows (counted on stderr) instead of stopping
//	-customers N          about how many customers the export holds, a size
//	                      hint that saves growing the customer index (a
//	                      wrong one changes no answer; see
//	                      segment.LedgerOptions.Customers)
//	-asof YYYY-MM-DD      the as-of date (default: the date of the last order)
//	-previous-asof YYYY-MM-DD
//	                      an earlier date: movement between it and -asof
//	-out, -format         what to write and how (see above)
//	-lang en|ru           language of texts (next steps, playbooks, findings,
//	                      movement, summary labels)
//	-id ID                limit segments, playbooks, clv and movement to one
//	                      customer (an unknown id is an error)
//	-rfm-rules FILE.json  an RFM map of your own: ordered range rules
//	                      {"fallback":..,"rules":[...]} or code lists
//	                      {"segments":[...]} (see segment/rfm.ParseMap)
//	-check-rules          print the findings of the RFM map (rules that never
//	                      match, codes no rule covers, overlaps) in -lang and
//	                      exit: 1 when there are findings, 0 otherwise
//	-strategy FILE.json   a playbook strategy of your own (strategy.ParseConfig)
//	-unit day|week|N      time unit of btyd and clv (days per unit)
//	-horizon N            clv horizon in -unit (default one year: 365 days,
//	                      52 weeks, or 365 days in the unit)
//	-discount R           clv discount rate per year (default 0.1)
//	-penalizer P          pull the clv fits' parameters towards zero (lifetimes'
//	                      penalizer_coef; default 0.001, which keeps the fit
//	                      finite where the data do not pin the model down, as
//	                      on the sample shop; 0 is plain maximum likelihood,
//	                      lifetimes' default, for comparing with it)
//	-clv-budget           (-out playbooks) fit the CLV models and give each playbook the
//	                      customer's CLV as its value, so that the retention
//	                      budget is a share of what the customer is expected
//	                      to be worth over -horizon; customers without a CLV
//	                      (one-time buyers) keep the default, a share of net
//	                      revenue per year of tenure
//	-report FILE.html     also write a self-contained HTML report (package
//	                      report): segment sizes and revenue shares, the
//	                      ladder funnel, the RFM grid heat map and, with
//	                      -previous-asof, the transition matrices; with any
//	                      -out (outputs other than summary cost one more pass)
//	-cpuprofile FILE      write a CPU profile of the run (runtime/pprof) to
//	                      FILE: bench/pgo.sh makes the profile the CLI is
//	                      built with (default.pgo) from such profiles
//
// A progress bar goes to stderr for large inputs when stderr is a terminal,
// never otherwise. Exit status: 0 done, 1 a failure (bad data, a fit the
// data cannot support, rule findings with -check-rules), 2 bad flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/clientele-go/clientele/segment"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command line.
type options struct {
	orders, signals string
	asOf, previous  segment.Date
	unit            segment.Unit
	idCol, dateCol  string
	amountCol       string
	out, format     string
	lang            segment.Lang
	id              string
	skipInvalid     bool
	customers       int // size hint, 0 when not given
	rfmRules        string
	checkRules      bool
	strategy        string
	horizon         float64 // in unit; 0 means a year
	discount        float64
	penalizer       float64
	clvBudget       bool
	report          string
	cpuProfile      string
}

// formats lists the formats of each output, the default first.
var formats = map[string][]string{
	"summary":    {"text"},
	"segments":   {"csv", "json"},
	"playbooks":  {"json", "text"},
	"clv":        {"csv"},
	"clv-params": {"json"},
	"movement":   {"text", "csv", "json"},
	"btyd":       {"csv"},
}

// run is the program, separated from main so tests can call it.
func run(args []string, stdout, stderr io.Writer) (code int) {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 2
	}
	if opts.cpuProfile != "" {
		stop, err := startCPUProfile(opts.cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "shop:", err)
			return 1
		}
		defer func() {
			if err := stop(); err != nil && code == 0 {
				fmt.Fprintln(stderr, "shop:", err)
				code = 1
			}
		}()
	}
	if opts.checkRules {
		return checkRules(opts, stdout, stderr)
	}
	cfg, err := loadConfig(opts, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	data, err := load(opts, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	if err := write(stdout, stderr, opts, cfg, data); err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return 1
	}
	return 0
}

// write produces the output asked for and, with -report, the HTML report.
func write(stdout, stderr io.Writer, o *options, cfg *config, d *dataset) error {
	switch o.out {
	case "btyd":
		if err := writeBTYD(stdout, d, o.id); err != nil {
			return err
		}
		return reportToo(stderr, o, cfg, d, nil, nil)
	case "clv", "clv-params":
		if err := writeCLV(stdout, stderr, o, d); err != nil {
			return err
		}
		return reportToo(stderr, o, cfg, d, nil, nil)
	case "movement":
		b, err := fit(d, cfg, false)
		if err != nil {
			return err
		}
		if err := writeMovement(stdout, stderr, o, d, b); err != nil {
			return err
		}
		return reportToo(stderr, o, cfg, d, b, nil)
	case "summary":
		b, err := fit(d, cfg, false)
		if err != nil {
			return err
		}
		s, err := writeSummary(stdout, stderr, o, d, b)
		if err != nil {
			return err
		}
		return reportToo(stderr, o, cfg, d, b, s)
	}
	b, err := fit(d, cfg, o.id == "")
	if err != nil {
		return err
	}
	if o.clvBudget {
		if b.values, err = fitCLV(o, d, stderr); err != nil {
			return err
		}
	}
	if o.out == "segments" {
		err = writeSegments(stdout, stderr, o, d, b)
	} else {
		err = writePlaybooks(stdout, stderr, o, d, b, cfg)
	}
	if err != nil {
		return err
	}
	return reportToo(stderr, o, cfg, d, b, nil)
}

// reportToo writes -report, if asked for, reusing the fitted base and the
// summary when the output already made them.
func reportToo(stderr io.Writer, o *options, cfg *config, d *dataset, b *base, s *overview) error {
	if o.report == "" {
		return nil
	}
	if b == nil {
		var err error
		if b, err = fit(d, cfg, false); err != nil {
			return err
		}
	}
	return writeReport(stderr, o, d, b, s)
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("shop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	var asOf, previous, unit, lang string
	fs.StringVar(&o.orders, "orders", "", "order export `FILE.csv` (default: the embedded sample shop)")
	fs.StringVar(&o.signals, "signals", "", "CRM signals `FILE.csv`, one row per customer (default: the sample's, when -orders is not given)")
	fs.StringVar(&asOf, "asof", "", "as-of date `YYYY-MM-DD` (default: the date of the last order)")
	fs.StringVar(&previous, "previous-asof", "", "an earlier as-of date `YYYY-MM-DD`: movement between it and -asof")
	fs.StringVar(&unit, "unit", "day", "time unit of btyd and clv: day, week or a number of days")
	fs.StringVar(&o.idCol, "id-col", "customer_id", "customer id column")
	fs.StringVar(&o.dateCol, "date-col", "date", "order date column")
	fs.StringVar(&o.amountCol, "amount-col", "amount", "order amount column")
	fs.StringVar(&o.out, "out", "summary", "output: summary, segments, playbooks, clv, clv-params, movement or btyd")
	fs.StringVar(&o.format, "format", "", "output format: csv, json or text (default: the output's first, see the doc)")
	fs.StringVar(&lang, "lang", "en", "language of texts: en or ru")
	fs.StringVar(&o.id, "id", "", "limit per-customer outputs to the customer `ID`")
	fs.BoolVar(&o.skipInvalid, "skip-invalid", false, "skip invalid rows (counted on stderr) instead of stopping")
	fs.IntVar(&o.customers, "customers", 0, "about `N` customers in the export: a size hint (default: grow as needed)")
	fs.StringVar(&o.rfmRules, "rfm-rules", "", "RFM map `FILE.json`: ordered range rules or code lists")
	fs.BoolVar(&o.checkRules, "check-rules", false, "print the RFM map's findings and exit (1 when there are any)")
	fs.StringVar(&o.strategy, "strategy", "", "playbook strategy `FILE.json`")
	fs.Float64Var(&o.horizon, "horizon", 0, "CLV horizon in -unit (default a year: 365 days, 52 weeks)")
	fs.Float64Var(&o.discount, "discount", 0.1, "CLV discount `rate` per year")
	fs.Float64Var(&o.penalizer, "penalizer", 0.001, "CLV fit penalizer (lifetimes' penalizer_coef); 0: plain maximum likelihood")
	fs.StringVar(&o.report, "report", "", "also write the HTML report to `FILE.html`")
	fs.BoolVar(&o.clvBudget, "clv-budget", false, "scale each playbook's retention budget by the customer's CLV")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE`")
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
	if previous != "" {
		if o.previous, err = segment.ParseDate(previous); err != nil {
			return nil, fmt.Errorf("-previous-asof: %w", err)
		}
		if !o.asOf.IsZero() && !o.previous.Before(o.asOf) {
			return nil, fmt.Errorf("-previous-asof %s: must be before -asof %s", o.previous, o.asOf)
		}
	}
	if o.customers < 0 || o.customers > segment.MaxCustomersHint {
		return nil, fmt.Errorf("-customers %d: want 0 (unknown) to %d", o.customers, segment.MaxCustomersHint)
	}
	if o.unit, err = segment.ParseUnit(unit); err != nil {
		return nil, fmt.Errorf("-unit: %w", err)
	}
	if o.lang, err = segment.ParseLang(lang); err != nil {
		return nil, fmt.Errorf("-lang: %w", err)
	}
	fmts, ok := formats[o.out]
	if !ok {
		return nil, fmt.Errorf("-out %q: want summary, segments, playbooks, clv, clv-params, movement or btyd", o.out)
	}
	if o.format == "" {
		o.format = fmts[0]
	} else if !contains(fmts, o.format) {
		return nil, fmt.Errorf("-format %q: -out %s writes %v", o.format, o.out, fmts)
	}
	if o.id != "" && (o.out == "summary" || o.out == "clv-params") {
		return nil, fmt.Errorf("-id: -out %s is about the whole base, not one customer", o.out)
	}
	if o.clvBudget && o.out != "playbooks" {
		return nil, fmt.Errorf("-clv-budget: only -out playbooks has retention budgets")
	}
	if o.out == "movement" && previous == "" {
		return nil, errors.New("-out movement needs -previous-asof")
	}
	if !(o.horizon >= 0) || math.IsInf(o.horizon, 0) {
		return nil, fmt.Errorf("-horizon %v: want a positive length", o.horizon)
	}
	if !(o.penalizer >= 0 && o.penalizer <= 100) {
		return nil, fmt.Errorf("-penalizer %v: want 0 to 100", o.penalizer)
	}
	if !(o.discount >= 0) || math.IsInf(o.discount, 0) {
		return nil, fmt.Errorf("-discount %v: want a rate of 0 or more", o.discount)
	}
	return o, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
