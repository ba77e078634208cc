package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// Options say what the pipeline reads and writes.
type Options struct {
	// Orders is the order export: a file or a glob of files, each with
	// the same header line (the columns of segment/ingest: customer_id,
	// date, amount, and optionally order_id and the flags).
	Orders string
	// Signals is the CRM signals export (one row per customer, the
	// columns of ingest.LoadSignals); empty for none.
	Signals string
	// Output is the file the segments are written to, one row per
	// customer, in no particular order and without a header; the columns
	// are [Columns].
	Output string
	// AsOf is the date the profiles describe; zero means the date of the
	// latest order, as the shop CLI does.
	AsOf segment.Date
}

// Build adds the segmentation of o's data to s:
//
//  1. read the order lines, check each with segment/ingest and key it by
//     customer (the header is read once here, when the pipeline is built);
//  2. the as-of date: o.AsOf, or the latest order date (a global max);
//  3. group each customer's orders (and signals row) and build the
//     customer's profile with a segment.Ledger, exactly as one process
//     does;
//  4. fit the model with strategy.Accumulator as a CombineFn over all
//     profiles (exact: the workers' accumulators merge losslessly) and
//     pass it to the next step as a side input;
//  5. classify every profile with the model's strategy.Classifiers and
//     write one CSV row per customer.
func Build(s beam.Scope, o Options) error {
	ctx := context.Background()
	ordersHeader, err := header(ctx, o.Orders)
	if err != nil {
		return fmt.Errorf("orders: %w", err)
	}
	keyed, days := beam.ParDo2(s, &keyOrderFn{Header: ordersHeader}, textio.Read(s, o.Orders))

	var signals beam.PCollection
	var signalsHeader string
	if o.Signals != "" {
		if signalsHeader, err = header(ctx, o.Signals); err != nil {
			return fmt.Errorf("signals: %w", err)
		}
		signals = beam.ParDo(s, &keySignalsFn{Header: signalsHeader}, textio.Read(s, o.Signals))
	} else {
		signals = beam.ParDo(s, noSignals, beam.Impulse(s))
	}

	var asOf beam.PCollection
	if o.AsOf.IsZero() {
		asOf = stats.Max(s, days)
	} else {
		asOf = beam.Create(s, dayNumber(o.AsOf))
	}

	grouped := beam.CoGroupByKey(s, keyed, signals)
	profiles := beam.ParDo(s, &profileFn{OrdersHeader: ordersHeader, SignalsHeader: signalsHeader},
		grouped, beam.SideInput{Input: asOf})
	model := beam.Combine(s, &fitFn{}, profiles)
	rows := beam.ParDo(s, &classifyFn{}, profiles, beam.SideInput{Input: model})
	textio.Write(s, o.Output, rows)
	return nil
}

// header returns the first line of the first file matching glob, on any
// file system the binary registers (local files and gs://, through beamx).
func header(ctx context.Context, glob string) (string, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return "", err
	}
	defer fs.Close()
	files, err := fs.List(ctx, glob)
	if err != nil {
		return "", err
	}
	if len(files) == 0 {
		return "", fmt.Errorf("no file matches %q", glob)
	}
	r, err := fs.OpenRead(ctx, files[0])
	if err != nil {
		return "", err
	}
	defer r.Close()
	buf := make([]byte, ingest.DefaultMaxLineBytes)
	n, err := io.ReadFull(r, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "", fmt.Errorf("%s: %w", files[0], err)
	}
	line, _, found := strings.Cut(string(buf[:n]), "\n")
	if !found && n == len(buf) {
		return "", fmt.Errorf("%s: the header is longer than %d bytes", files[0], len(buf))
	}
	line = strings.TrimSuffix(strings.TrimPrefix(line, "\ufeff"), "\r")
	if strings.TrimSpace(line) == "" {
		return "", fmt.Errorf("%s: no header line", files[0])
	}
	return line, nil
}

// epoch is day 0 of the day numbers the pipeline passes the as-of date
// as (ingest reads years from 1900 on).
var epoch = segment.NewDate(1900, 1, 1)

func dayNumber(d segment.Date) int { return d.Sub(epoch) }
