package segmenttest_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// A shop decides that a customer who has not bought for more than 60 days is
// lapsed, and pins that rule down with a table of profiles on both sides of
// the boundary. In a test file, call segmenttest.Run(t, rule, cases...)
// instead of Check.
func Example() {
	rule := activityRule{maxDays: 60}
	asOf := segment.MustParseDate("2025-03-31")
	boughtDaysAgo := func(n int) segment.Profile {
		last := asOf.AddDays(-n)
		return segment.Profile{AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 20, First: last, Last: last}
	}
	err := segmenttest.Check[activity](rule,
		segmenttest.Case[activity]{Name: "60 days", Profile: boughtDaysAgo(60), Want: active, Why: "the boundary is inclusive"},
		segmenttest.Case[activity]{Name: "61 days", Profile: boughtDaysAgo(61), Want: lapsed, Why: "one day past the boundary"},
		segmenttest.Case[activity]{Name: "never bought", Profile: segment.Profile{AsOf: asOf}, Want: unknownActivity, Why: "no purchase, no recency"},
	)
	fmt.Println("table:", err)
	fmt.Println("conformance:", segmenttest.Conformance[activity](rule, activities))
	// Output:
	// table: <nil>
	// conformance: <nil>
}
