// Command beam segments the customers of an order export on Apache Beam:
// the same profiles, cut points and labels as one process (strategy.Fit
// and Classify, the shop CLI), computed by a pipeline that runs on a
// laptop (the prism runner) or on a cluster (Dataflow, Flink, Spark).
//
//	go run . -orders orders.csv -signals signals.csv -output segments.csv
//
// The cut points RFM and the behavioural types take from the base (the
// quintiles, "the top 20% by revenue") are fitted by strategy.Accumulator
// as a CombineFn: each worker accumulates its share of the customers and
// the accumulators merge exactly, so the segments do not depend on how
// the runner splits the work. See Build for the steps.
//
// The example is its own Go module, so the clientele library itself stays
// free of dependencies.
package main

import (
	"context"
	"flag"
	"log"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/clientele-go/clientele/segment"
)

var (
	orders  = flag.String("orders", "", "order export `FILE.csv` or glob (required)")
	signals = flag.String("signals", "", "CRM signals `FILE.csv` or glob, one row per customer")
	output  = flag.String("output", "segments.csv", "output `FILE`: one row per customer, no header, columns "+columnList())
	asOf    = flag.String("asof", "", "as-of date `YYYY-MM-DD` (default: the date of the latest order)")
)

func main() {
	flag.Parse()
	beam.Init()
	if *orders == "" {
		log.Fatal("beam: -orders is required")
	}
	o := Options{Orders: *orders, Signals: *signals, Output: *output}
	if *asOf != "" {
		d, err := segment.ParseDate(*asOf)
		if err != nil {
			log.Fatalf("beam: -asof: %v", err)
		}
		o.AsOf = d
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, o); err != nil {
		log.Fatalf("beam: %v", err)
	}
	if err := beamx.Run(context.Background(), p); err != nil {
		log.Fatalf("beam: %v", err)
	}
}

func columnList() string { return strings.Join(Columns, ",") }
