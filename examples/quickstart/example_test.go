package main

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// The quickstart's customer without a customer base: RFM and the
// behavioural top shares use the cut points of handSet.
func Example() {
	anna, err := customer()
	if err != nil {
		panic(err)
	}
	classifiers, err := handSet()
	if err != nil {
		panic(err)
	}
	engine, err := strategy.New(nil)
	if err != nil {
		panic(err)
	}
	var c strategy.Classification
	classifiers.Classify(&anna, &c)
	playbook := engine.Plan(&c)

	fmt.Println("segment:", c.Segment.Primary, c.Segment.Tags.Labels())
	fmt.Println("rfm:", c.RFM.Primary, classifiers.RFM.Code(&anna))
	fmt.Println("rung:", c.Rung.Primary)
	fmt.Println("next:", c.Next.Text(segment.English))
	fmt.Println("first action:", playbook.Actions[0].Action.ID)
	// Output:
	// segment: gold [regular gold fan]
	// rfm: loyal 444
	// rung: advocate
	// next: a first co-creation session
	// first action: loyalty_programme
}
