package rfm_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
)

var asOf = segment.MustParseDate("2025-06-30")

// customer is a valid profile that bought on occ occasions, the last one
// days before asOf, for revenue in all.
func customer(id string, days, occ int, revenue float64) segment.Profile {
	last := asOf.AddDays(-days)
	first := last
	if occ > 1 {
		first = last.AddDays(-30 * (occ - 1))
	}
	return segment.Profile{ID: id, AsOf: asOf, Occasions: occ, Orders: occ, Revenue: revenue, First: first, Last: last}
}

// prospect is a customer who never bought.
func prospect(id string) segment.Profile {
	return segment.Profile{ID: id, AsOf: asOf}
}

// handModel has round cut points, so that tests can aim at any code:
// R5 within 30 days, R4 within 90, R3 within 180, R2 within 365; F1 one
// occasion, F2 two, F3 three or four, F4 five to eight; M1 up to 50, M2
// up to 100, M3 up to 200, M4 up to 400.
var handModel = rfm.Model{
	Recency:   rfm.Cuts{30, 90, 180, 365},
	Frequency: rfm.Cuts{1, 2, 4, 8},
	Monetary:  rfm.Cuts{50, 100, 200, 400},
}

// Inside each bucket of handModel, by score 1..5.
var (
	daysFor    = [6]int{0, 500, 300, 120, 60, 10}
	occFor     = [6]int{0, 1, 2, 3, 6, 12}
	revenueFor = [6]float64{0, 20, 80, 150, 300, 800}
)

// at returns a customer who gets code c from handModel.
func at(c rfm.Code) segment.Profile {
	return customer(c.String(), daysFor[c.R], occFor[c.F], revenueFor[c.M])
}

func code(t testing.TB, s string) rfm.Code {
	t.Helper()
	c, err := rfm.ParseCode(s)
	require.NoError(t, err)
	return c
}

func mustClassifier(t testing.TB, model rfm.Model, m *rfm.Map) *rfm.Classifier {
	t.Helper()
	c, err := rfm.New(model, m)
	require.NoError(t, err)
	return c
}

// allCodes lists the 125 codes.
func allCodes() []rfm.Code {
	var out []rfm.Code
	for r := uint8(1); r <= 5; r++ {
		for f := uint8(1); f <= 5; f++ {
			for m := uint8(1); m <= 5; m++ {
				out = append(out, rfm.Code{R: r, F: f, M: m})
			}
		}
	}
	return out
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func itoa(i int) string { return strconv.Itoa(i) }
