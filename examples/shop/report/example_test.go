package report_test

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/clientele-go/clientele/examples/shop/report"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// Write a report of a loyalty ladder summary: three customers, two of them
// regulars. Only the funnel is drawn, since only the ladder is summarised.
func ExampleWrite() {
	asOf := segment.NewDate(2025, 6, 30)
	rungs := batch.NewSummary(ladder.Rungs)
	for i, rung := range []ladder.Rung{ladder.Regular, ladder.Regular, ladder.NewCustomer} {
		p := &segment.Profile{ID: fmt.Sprint("C", i), AsOf: asOf, Occasions: 3, Orders: 3, Revenue: 120, First: asOf.AddDays(-90), Last: asOf}
		r := &segment.Result[ladder.Rung]{Primary: rung, Confidence: 1}
		r.Scores[rung] = 1
		if err := rungs.Add(p, r); err != nil {
			fmt.Println(err)
			return
		}
	}

	var b bytes.Buffer
	err := report.Write(&b, &report.Data{Title: "My shop", AsOf: asOf, Rungs: rungs})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range regexp.MustCompile(`<svg id="([^"]+)"|<rect [^>]*><title>([^<]+)`).FindAllStringSubmatch(b.String(), -1) {
		fmt.Println(m[1] + m[2])
	}
	// Output:
	// ladder-chart
	// New customer: 1 · 33.3% · 33.3% of revenue
	// Regular customer: 2 · 66.7% · 66.7% of revenue
}
