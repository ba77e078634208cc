package strategy_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
)

// ordersOnlyProfiles returns the profiles of n customers known from an
// order log alone, as the shop CLI reads one: no signals, no flags, a
// day, an amount and some returns per line. The log has the shape of
// bench/gen's (about half the customers buy once, the others a number of
// times with a heavy tail, over three years of growing acquisition; one
// order in twenty is followed by a return of one item), drawn with
// math/rand here: the profiles, not the bytes, are what the typologies
// see.
func ordersOnlyProfiles(t testing.TB, n int) []segment.Profile {
	t.Helper()
	const days = 1096
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	geometric := func(p float64) int { return int(math.Log(1-rng.Float64()) / math.Log(1-p)) }
	prices := [...]float64{1.99, 2.99, 3.49, 4.99, 5.99, 7.99, 8.99, 9.99, 12.9, 14.9, 19.9, 24.9,
		29.9, 34.9, 39.9, 49.9, 59.9, 79.9, 99.9, 129.9, 149.9, 199.9, 249.9, 299.9}
	start := segment.MustParseDate("2022-01-01")
	var orders []segment.Order
	for c := range n {
		id := "C" + strconv.Itoa(10_000_000 + c)[1:]
		first := min(int((math.Sqrt(1+3*rng.Float64())-1)*days), days-1) // acquisition grows over the log
		count := 1
		if rng.Float64() >= 0.52 {
			count = 2 + int(min(3*(math.Pow(1-rng.Float64(), -1/1.45)-1), 998))
		}
		active := min(days-1, first+int(rng.ExpFloat64()*540))
		tier := min(geometric(0.75), len(prices)-1)
		for o := range count {
			day := first
			if o > 0 {
				day += rng.IntN(active - first + 1)
			}
			var total, item float64
			for range 1 + min(geometric(0.55), 7) {
				item = prices[min(tier+geometric(0.5), len(prices)-1)]
				total += item
			}
			orders = append(orders, segment.Order{Customer: id, Date: start.AddDays(day), Amount: math.Round(total*100) / 100})
			if rng.Float64() < 0.05 {
				back := min(days-1, day+geometric(0.15))
				orders = append(orders, segment.Order{Customer: id, Date: start.AddDays(back), Amount: -item})
			}
		}
	}
	l := segment.NewLedger(nil)
	_, err := l.AddOrders(orders)
	require.NoError(t, err)
	ps, _ := l.Profiles(segment.Date{})
	return ps
}

// BenchmarkClassifyOrdersOnly is every typology over customers known from
// an order log alone (ordersOnlyProfiles), fitted to them: the shop CLI's
// customers, who have no signals, so that several typologies end in
// Unknown or decide from purchases alone. BenchmarkClassifyAll is the
// same over the sample's varied customers.
func BenchmarkClassifyOrdersOnly(b *testing.B) { classifyAll(b, ordersOnlyProfiles(b, 20_000)) }

// BenchmarkClassifyEachOrdersOnly is each typology alone over the
// customers of BenchmarkClassifyOrdersOnly.
func BenchmarkClassifyEachOrdersOnly(b *testing.B) { classifyEach(b, ordersOnlyProfiles(b, 20_000)) }
