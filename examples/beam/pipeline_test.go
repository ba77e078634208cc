package main

import (
	"context"
	"encoding/csv"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
	"github.com/clientele-go/clientele/strategy"
)

// The sample shop of the library (internal/sample), read where it lies:
// another module cannot import it.
const (
	sampleOrders  = "../../internal/sample/orders.csv"
	sampleSignals = "../../internal/sample/signals.csv"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// run runs the pipeline on the local prism runner and returns the rows it
// wrote, by customer id.
func run(t *testing.T, o Options) map[string][]string {
	t.Helper()
	o.Output = filepath.Join(t.TempDir(), "segments.csv")
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, o); err != nil {
		t.Fatal(err)
	}
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(o.Output)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return byID(t, records)
}

func byID(t *testing.T, records [][]string) map[string][]string {
	t.Helper()
	out := make(map[string][]string, len(records))
	for _, r := range records {
		if _, dup := out[r[0]]; dup {
			t.Fatalf("customer %s written twice", r[0])
		}
		out[r[0]] = r
	}
	return out
}

// oneProcess segments the same files the way one process does: load the
// whole export into a ledger, strategy.Fit over every profile, Classify.
func oneProcess(t *testing.T, asOf segment.Date) map[string][]string {
	t.Helper()
	l := loadSample(t)
	base, _ := l.Profiles(asOf)
	cs, err := strategy.Fit(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	var records [][]string
	var c strategy.Classification
	for i := range base {
		cs.Classify(&base[i], &c)
		records = append(records, Row(cs, &c))
	}
	return byID(t, records)
}

// loadSample loads the sample files into a ledger.
func loadSample(t *testing.T) *segment.Ledger {
	t.Helper()
	l := segment.NewLedger(nil)
	for _, f := range []struct {
		path string
		load func(*os.File) error
	}{
		{sampleOrders, func(f *os.File) error { _, err := ingest.LoadOrders(f, l, nil, false); return err }},
		{sampleSignals, func(f *os.File) error { _, err := ingest.LoadSignals(f, l, nil, false); return err }},
	} {
		file, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		err = f.load(file)
		file.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// compare reports every customer whose row differs, is missing or is
// extra, and fails when there is any.
func compare(t *testing.T, what string, want, got map[string][]string) {
	t.Helper()
	bad := 0
	for id, w := range want {
		g, ok := got[id]
		switch {
		case !ok:
			t.Errorf("%s: customer %s missing", what, id)
		case !slices.Equal(w, g):
			t.Errorf("%s: customer %s:\n got %q\nwant %q", what, id, g, w)
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatalf("%s: more differences left out", what)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s: customer %s extra", what, id)
		}
	}
}

// The pipeline, run on prism over the sample shop, gives every customer
// the row one process gives.
func TestPipelineEqualsOneProcess(t *testing.T) {
	got := run(t, Options{Orders: sampleOrders, Signals: sampleSignals})
	want := oneProcess(t, segment.Date{})
	if len(want) < 2000 {
		t.Fatalf("only %d sample customers", len(want))
	}
	compare(t, "pipeline vs strategy.Fit", want, got)

	t.Run("shop CLI", func(t *testing.T) { compareCLI(t, got) })
}

// An as-of date given by hand (three months before the data ends) also
// gives every customer the row one process gives on that date, customers
// who first bought later left out.
func TestPipelineAsOf(t *testing.T) {
	asOf := segment.MustParseDate("2025-03-31")
	got := run(t, Options{Orders: sampleOrders, Signals: sampleSignals, AsOf: asOf})
	compare(t, "pipeline vs strategy.Fit as of "+asOf.String(), oneProcess(t, asOf), got)
}

// A bad row stops the pipeline with the row, the column and the value
// named; the header and blank lines are skipped.
func TestKeyOrderFn(t *testing.T) {
	fn := &keyOrderFn{Header: "customer_id,date,amount"}
	var keys []string
	var days []int
	emit := func(k, _ string) { keys = append(keys, k) }
	day := func(d int) { days = append(days, d) }
	for _, line := range []string{"\ufeffcustomer_id,date,amount", "", "C1,2025-01-02,10.5\r"} {
		if err := fn.ProcessElement(line, emit, day); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
	}
	if !slices.Equal(keys, []string{"C1"}) || !slices.Equal(days, []int{dayNumber(segment.MustParseDate("2025-01-02"))}) {
		t.Fatalf("keys %q, days %v", keys, days)
	}
	err := fn.ProcessElement("C2,2025-01-02,1,5", emit, day)
	if err == nil || !strings.Contains(err.Error(), `row "C2,2025-01-02,1,5"`) {
		t.Fatalf("want the row named, got %v", err)
	}
	err = fn.ProcessElement("C2,2025-01-02,1;5", emit, day)
	if err == nil || !strings.Contains(err.Error(), `column "amount", value "1;5"`) {
		t.Fatalf("want the column and value named, got %v", err)
	}
}

// compareCLI compares with the shop CLI's -out segments, column by
// column name, when the CLI has that output.
func compareCLI(t *testing.T, got map[string][]string) {
	cmd := exec.Command("go", "run", "./examples/shop", "-orders", sampleOrders[len("../../"):],
		"-signals", sampleSignals[len("../../"):], "-out", "segments", "-format", "csv")
	cmd.Dir = "../.."
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "-out") || strings.Contains(stderr.String(), "-format") {
			t.Skipf("the shop CLI has no -out segments -format csv: %s", stderr.String())
		}
		t.Fatalf("shop CLI: %v\n%s", err, stderr.String())
	}
	records, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	index := make([]int, len(Columns))
	for i, c := range Columns {
		if index[i] = slices.Index(header, c); index[i] < 0 {
			t.Fatalf("the CLI writes no column %q (header %q)", c, header)
		}
	}
	var picked [][]string
	for _, r := range records[1:] {
		row := make([]string, len(index))
		for i, j := range index {
			row[i] = r[j]
		}
		picked = append(picked, row)
	}
	compare(t, "pipeline vs shop CLI", byID(t, picked), got)
}
