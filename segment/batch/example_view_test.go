package batch_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// A whole base on every core: the view numbers the customers as of a
// date, the base is fitted on every core, and RunView builds and
// classifies the profiles on the workers, handing them back in order of
// customer id.
func ExampleRunView() {
	ledger, err := sample.Ledger()
	if err != nil {
		fmt.Println(err)
		return
	}
	view := ledger.ViewByID(sample.AsOf)
	classifiers, err := strategy.FitView(view, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	champions := 0
	stats, err := batch.RunView(context.Background(), view,
		func(p *segment.Profile, c *strategy.Classification) error { classifiers.Classify(p, c); return nil },
		func(r *batch.Record[strategy.Classification]) error {
			if r.Index < 3 {
				fmt.Println(r.Profile.ID, r.Out.RFM.Primary, r.Out.Rung.Primary)
			}
			if r.Out.RFM.Primary.String() == "champions" {
				champions++
			}
			return r.Err
		}, &batch.Options{Trusted: true})
	fmt.Println(err, stats.Read == view.Len(), view.Stats().Profiles == view.Len(), champions > 0)
	// Output:
	// C10001 promising new
	// C10002 lost lapsed
	// C10003 loyal advocate
	// <nil> true true true
}

// An export of the whole base as CSV: WriteView formats each customer's
// row on the worker that classified it and writes the rows in order of
// customer id.
func ExampleWriteView() {
	ledger, err := sample.Ledger()
	if err != nil {
		fmt.Println(err)
		return
	}
	view := ledger.ViewByID(sample.AsOf)
	classifiers, err := strategy.FitView(view, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	stats, err := batch.WriteView(context.Background(), view,
		func(p *segment.Profile, c *strategy.Classification) error { classifiers.Classify(p, c); return nil },
		func(r *batch.Record[strategy.Classification], buf []byte) ([]byte, error) {
			if r.Err != nil {
				return buf, r.Err
			}
			return fmt.Appendf(buf, "%s,%s,%s\n", r.Profile.ID, r.Out.RFM.Primary, r.Out.Rung.Primary), nil
		}, &out, &batch.Options{Trusted: true})
	fmt.Println(err, stats.Classified == view.Len())
	fmt.Print(strings.Join(strings.SplitAfter(out.String(), "\n")[:3], ""))
	// Output:
	// <nil> true
	// C10001,promising,new
	// C10002,lost,lapsed
	// C10003,loyal,advocate
}

// A summary of the whole base by RFM segment: ReduceView gathers a
// summary on each worker and merges them (summaries keep exact sums, so
// the merge is the summary of the whole base whatever the order).
func ExampleReduceView() {
	ledger, err := sample.Ledger()
	if err != nil {
		fmt.Println(err)
		return
	}
	view := ledger.View(sample.AsOf)
	classifiers, err := strategy.FitView(view, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	summary, stats, err := batch.ReduceView(context.Background(), view,
		func(p *segment.Profile, c *strategy.Classification) error { classifiers.Classify(p, c); return nil },
		func() *batch.Summary[rfm.Segment] { return batch.NewSummary(classifiers.RFM.Map().Labels()) },
		func(s *batch.Summary[rfm.Segment], r *batch.Record[strategy.Classification]) error {
			if r.Err != nil {
				return r.Err
			}
			return s.Add(r.Profile, &r.Out.RFM)
		},
		(*batch.Summary[rfm.Segment]).Merge, &batch.Options{Trusted: true})
	fmt.Println(err, stats.Classified == view.Len(), summary.Count() == view.Len())
	// Output:
	// <nil> true true
}
