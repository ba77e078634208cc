package rfm

import "github.com/clientele-go/clientele/internal/fitroom"

func init() { fitroom.RFM = lend }

// lend makes fitter, an empty *Fitter, append into the room given, which
// the caller sizes for every customer it will add (see package fitroom).
func lend(fitter any, money []float64) {
	f := fitter.(*Fitter)
	if f.Len() != 0 {
		panic("rfm: room lent to a fitter that is not empty")
	}
	f.money = money[:0]
}
