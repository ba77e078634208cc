package segment

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// bulkLine is lineOf of the order the bulk line stands for: every flag
// and known bit, returns with positive, negative and zero amounts, and
// amounts whose micros round half away from zero.
func TestBulkLineIsLineOf(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	amounts := []float64{0, math.Copysign(0, -1), 1, -1, 22.45, -22.45, 0.0000005, -0.0000005, 0.0000015, 1e12, -1e12, 999999999999.999}
	for i := range 100_000 {
		var amount float64
		if i < len(amounts) {
			amount = amounts[i]
		} else {
			amount = float64(r.IntN(2_000_000)-1_000_000) / math.Pow(10, float64(r.IntN(9)))
		}
		b := bulk.Line{Micros: micros(amount), Day: int32(r.IntN(40_000)), Flags: uint8(r.IntN(16)), Known: uint8(r.IntN(16))}
		k := int32(r.IntN(1 << 20))
		o := Order{Date: Date{n: b.Day}, Amount: amount, Flags: Flags(b.Flags), Known: Flags(b.Known)}
		if got, want := bulkLine(&b, k), lineOf(&o, k); got != want {
			t.Fatalf("bulkLine(%+v) = %+v, lineOf %+v", b, got, want)
		}
	}
}
