package strategy_test

import (
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// Two workers each accumulate half of the customers and send their
// accumulator as JSON; the merged accumulator fits the model one process
// fits over the whole base, and the model is what the workers then
// classify with.
func ExampleAccumulator() {
	base, err := sample.Profiles()
	if err != nil {
		panic(err)
	}
	var sent [][]byte
	for _, half := range [][]segment.Profile{base[:len(base)/2], base[len(base)/2:]} {
		var a strategy.Accumulator // on a worker
		for i := range half {
			if err := a.Add(&half[i]); err != nil {
				panic(err)
			}
		}
		data, err := json.Marshal(&a)
		if err != nil {
			panic(err)
		}
		sent = append(sent, data)
	}

	var merged strategy.Accumulator // where the runner merges
	for _, data := range sent {
		var a strategy.Accumulator
		if err := json.Unmarshal(data, &a); err != nil {
			panic(err)
		}
		if err := merged.Merge(&a); err != nil {
			panic(err)
		}
	}
	model, err := merged.Fit(nil)
	if err != nil {
		panic(err)
	}
	whole, err := strategy.Fit(base, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("customers:", merged.Len())
	fmt.Println("same RFM cut points:", model.RFM == whole.RFM.Model())
	fmt.Println("same behavioural cuts:", model.Behavior == whole.Behavior.Cuts())
	// Output:
	// customers: 2500
	// same RFM cut points: true
	// same behavioural cuts: true
}
