package segment_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

type stage uint8

// stages accepts "new_customer", the name another tool writes, for "new".
var stages = segment.NewEnum[stage]("stage",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "new", EN: "New customer", RU: "Новый клиент"},
).WithAliases(1, "new_customer")

func ExampleEnum_WithAliases() {
	s, err := stages.Parse("new_customer")
	fmt.Println(stages.Name(s), err, stages.Aliases(s))
	// Output: new <nil> [new_customer]
}
