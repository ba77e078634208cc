package behavior

import "github.com/clientele-go/clientele/internal/fitroom"

func init() { fitroom.Base = lend }

// lend makes base, an empty *Base, append into the room given, which the
// caller sizes for every buyer it will add (see package fitroom).
func lend(base any, revenue, aov []float64) {
	b := base.(*Base)
	if b.Len() != 0 {
		panic("behavior: room lent to a base that is not empty")
	}
	b.revenue, b.aov = revenue[:0], aov[:0]
}
