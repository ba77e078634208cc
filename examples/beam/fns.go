package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
	"github.com/clientele-go/clientele/strategy"
)

func init() {
	register.DoFn3x1[string, func(string, string), func(int), error](&keyOrderFn{})
	register.DoFn2x1[string, func(string, string), error](&keySignalsFn{})
	register.Function2x0(noSignals)
	register.DoFn5x1[string, func(*string) bool, func(*string) bool, int, func(segment.Profile), error](&profileFn{})
	register.Combiner3[*strategy.Accumulator, segment.Profile, strategy.Model](&fitFn{})
	register.DoFn3x1[segment.Profile, strategy.Model, func(string), error](&classifyFn{})
	register.Emitter1[int]()
	register.Emitter2[string, string]()
	register.Emitter1[segment.Profile]()
	register.Emitter1[string]()
	register.Iter1[string]()

	// The library's types travel between workers as their own JSON,
	// which keeps every float64 exact.
	beam.RegisterCoder(reflect.TypeOf(segment.Profile{}), encodeProfile, decodeProfile)
	beam.RegisterCoder(reflect.TypeOf((*strategy.Accumulator)(nil)), encodeAccumulator, decodeAccumulator)
	beam.RegisterCoder(reflect.TypeOf(strategy.Model{}), encodeModel, decodeModel)
}

// cleanLine drops what a line-by-line read leaves of a CRLF line end and
// of a UTF-8 byte order mark.
func cleanLine(line string) string {
	return strings.TrimSuffix(strings.TrimPrefix(line, "\ufeff"), "\r")
}

// keyOrderFn checks one order line with segment/ingest and keys it by
// customer; it also emits the order's day number for the as-of date. The
// header line (in every file of the glob) and blank lines are skipped.
//
// Lines are read one by one, so a quoted field may not span lines (order
// exports rarely have one); such a row fails with its text named.
type keyOrderFn struct {
	Header string `json:"header"`
}

func (fn *keyOrderFn) ProcessElement(line string, emit func(string, string), day func(int)) error {
	line = cleanLine(line)
	if line == fn.Header || strings.TrimSpace(line) == "" {
		return nil
	}
	r, err := ingest.NewOrderReader(strings.NewReader(fn.Header+"\n"+line), nil)
	if err != nil {
		return fmt.Errorf("orders header: %w", err)
	}
	o, err := r.Read()
	if err != nil {
		return rowError("orders", line, err)
	}
	emit(o.Customer, line)
	day(dayNumber(o.Date))
	return nil
}

// rowError names the row (ingest's line number counts within the
// two-line document the row was parsed from, so it is left out).
func rowError(file, line string, err error) error {
	if len(line) > 200 {
		line = line[:200] + "..."
	}
	if e := (*ingest.Error)(nil); errors.As(err, &e) {
		return fmt.Errorf("%s: row %q: column %q, value %q: %w", file, line, e.Column, e.Value, e.Err)
	}
	return fmt.Errorf("%s: row %q: %w", file, line, err)
}

// keySignalsFn checks one signals row with segment/ingest and keys it by
// customer.
type keySignalsFn struct {
	Header string `json:"header"`
}

func (fn *keySignalsFn) ProcessElement(line string, emit func(string, string)) error {
	line = cleanLine(line)
	if line == fn.Header || strings.TrimSpace(line) == "" {
		return nil
	}
	var l segment.Ledger
	if _, err := ingest.LoadSignals(strings.NewReader(fn.Header+"\n"+line), &l, nil, false); err != nil {
		return rowError("signals", line, err)
	}
	ps, _ := l.Profiles(segment.Date{})
	if len(ps) != 1 {
		return rowError("signals", line, fmt.Errorf("want one customer, got %d", len(ps)))
	}
	emit(ps[0].ID, line)
	return nil
}

// noSignals is the empty collection of signal rows when there is no
// signals file, so that every customer is grouped the same way.
func noSignals([]byte, func(string, string)) {}

// profileFn builds one customer's profile from their order lines and
// signals row with a segment.Ledger: the same code, on the same lines,
// as one process loading the whole export.
type profileFn struct {
	OrdersHeader  string `json:"orders_header"`
	SignalsHeader string `json:"signals_header"`
}

func (fn *profileFn) ProcessElement(id string, orders, signals func(*string) bool, asOf int, emit func(segment.Profile)) error {
	var l segment.Ledger
	if err := load(&l, fn.OrdersHeader, orders, ingest.LoadOrders); err != nil {
		return fmt.Errorf("orders of customer %q: %w", id, err)
	}
	if err := load(&l, fn.SignalsHeader, signals, ingest.LoadSignals); err != nil {
		return fmt.Errorf("signals of customer %q: %w", id, err)
	}
	if p, ok := l.Profile(id, epoch.AddDays(asOf)); ok {
		emit(p)
	}
	return nil
}

// load feeds the lines to a loader as one document under header; no
// lines, no call.
func load(l *segment.Ledger, header string, lines func(*string) bool,
	loader func(io.Reader, *segment.Ledger, *ingest.Options, bool) (ingest.Stats, error)) error {
	var b strings.Builder
	var line string
	for lines(&line) {
		b.WriteByte('\n')
		b.WriteString(line)
	}
	if b.Len() == 0 {
		return nil
	}
	_, err := loader(strings.NewReader(header+b.String()), l, nil, false)
	return err
}

// fitFn fits the model over every profile: strategy.Accumulator as a
// CombineFn. Workers accumulate their share of the customers, the runner
// merges the accumulators (in any grouping and order: the merge is
// exact) and extracts the small model every worker then classifies with.
// The settings are the library's defaults.
type fitFn struct{}

func (fn *fitFn) CreateAccumulator() *strategy.Accumulator { return &strategy.Accumulator{} }

func (fn *fitFn) AddInput(a *strategy.Accumulator, p segment.Profile) (*strategy.Accumulator, error) {
	return a, a.Add(&p)
}

func (fn *fitFn) MergeAccumulators(a, b *strategy.Accumulator) (*strategy.Accumulator, error) {
	return a, a.Merge(b)
}

func (fn *fitFn) ExtractOutput(a *strategy.Accumulator) (strategy.Model, error) {
	return a.Fit(nil)
}

// classifyFn classifies each profile with the fitted model and formats
// the row. The classifiers are built once per model, not per customer.
type classifyFn struct {
	model strategy.Model
	cs    *strategy.Classifiers
}

func (fn *classifyFn) ProcessElement(p segment.Profile, m strategy.Model, emit func(string)) error {
	if fn.cs == nil || fn.model != m {
		cs, err := m.Classifiers(nil)
		if err != nil {
			return err
		}
		fn.cs, fn.model = cs, m
	}
	var c strategy.Classification
	fn.cs.Classify(&p, &c)
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.Write(Row(fn.cs, &c)); err != nil {
		return err
	}
	w.Flush()
	emit(strings.TrimSuffix(b.String(), "\n"))
	return w.Error()
}
