package batch_test

import (
	"context"
	"fmt"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
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
