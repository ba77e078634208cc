package behavior_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/clv"
)

// A weekly buyer quiet for 60 days is active by the day rules (90 days)
// but sleeping by P(alive): for them, 60 quiet days are a long silence.
// The model is the BG/NBD model published for the CDNOW data, in weeks;
// in practice, fit one with clv.FitBGNBD on Ledger.Summaries.
func ExampleWithModel() {
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{ID: "weekly", AsOf: asOf, Occasions: 5, Orders: 5, Revenue: 250,
		First: asOf.AddDays(-88), Last: asOf.AddDays(-60)}

	byDays, _ := behavior.New(nil)
	model := clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	byModel, _ := behavior.New(nil, behavior.WithModel(model, segment.Week))

	fmt.Println("by days:", byDays.Classify(&p).Primary)
	ex := byModel.Explain(&p)
	fmt.Println("by P(alive):", ex.Result.Primary)
	fmt.Println(ex.Reasons[1].Text(segment.English))
	// Output:
	// by days: regular
	// by P(alive): sleeping
	// sleeping: P(alive) = 0.257807 < 0.5 (alive.sleeping) — yes
}
