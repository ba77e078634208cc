package segmenttest

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/segment"
)

// Extremes returns the hostile profiles every classifier must survive: the
// zero profile, a profile with only an as-of date, profiles at the limits of
// every number and date, every signal known and zero, every signal known and
// huge, NaN and infinite values, and inconsistent facts (the last purchase
// after the as-of date, occasions without dates).
func Extremes() []segment.Profile {
	asOf := segment.MustParseDate("2025-06-30")
	var out []segment.Profile
	add := func(name string, p segment.Profile) {
		p.ID = name
		out = append(out, p)
	}
	add("zero", segment.Profile{})
	add("as-of only", segment.Profile{AsOf: asOf})
	add("bought today once", segment.Profile{AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 10, First: asOf, Last: asOf})

	allZero := segment.Profile{AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 1, First: asOf, Last: asOf}
	setAll(&allZero.Signals, func(kind string) string {
		switch kind {
		case "date":
			return asOf.String()
		case "bool":
			return "false"
		}
		return "0"
	})
	allZero.Discounted, allZero.NewProducts, allZero.PremiumBuys = segment.Some(0), segment.Some(0), segment.Some(0)
	add("every signal zero", allZero)

	huge := segment.Profile{
		AsOf: segment.MaxDate, Occasions: math.MaxInt32, Orders: math.MaxInt32, Returns: math.MaxInt32,
		Revenue: 1e18, Returned: 1e18, First: segment.MinDate, Last: segment.MaxDate,
		Discounted: segment.Some(math.MaxInt32), NewProducts: segment.Some(math.MaxInt32), PremiumBuys: segment.Some(math.MaxInt32),
	}
	setAll(&huge.Signals, func(kind string) string {
		switch kind {
		case "date":
			return segment.MinDate.String()
		case "bool":
			return "true"
		case "float":
			return "1e300"
		}
		return strconv.Itoa(math.MaxInt32)
	})
	add("every number huge", huge)

	nan := segment.Profile{AsOf: asOf, Occasions: 3, Orders: 3, Revenue: math.NaN(), Returned: math.Inf(1),
		First: asOf.AddDays(-100), Last: asOf.AddDays(-10)}
	nan.Signals.DistanceKm = segment.Some(math.NaN())
	nan.Signals.ExperienceYears = segment.Some(math.Inf(1))
	nan.Signals.DaysToPurchase = segment.Some(math.Inf(-1))
	nan.Signals.BonusEarned = segment.Some(math.NaN())
	nan.Signals.BonusRedeemed = segment.Some(math.Inf(1))
	add("NaN and infinities", nan)

	add("negative revenue, no occasion", segment.Profile{AsOf: asOf, Returns: 2, Revenue: -50, Returned: 50})
	add("last purchase after as-of", segment.Profile{AsOf: asOf, Occasions: 2, Orders: 2, Revenue: 20,
		First: asOf.AddDays(10), Last: asOf.AddDays(3)})
	add("occasions without dates", segment.Profile{AsOf: asOf, Occasions: 5, Orders: 5, Revenue: 100})
	add("negative counts", segment.Profile{AsOf: asOf, Occasions: -1, Orders: -5, Returns: -2, Revenue: -1,
		Discounted: segment.Some(-3)})
	return out
}

// setAll sets every signal to the text value(kind) returns, where kind is
// "int", "float", "bool" or "date".
func setAll(s *segment.Signals, value func(kind string) string) {
	for _, name := range segment.SignalNames() {
		for _, kind := range []string{"date", "bool", "int", "float"} {
			if s.Set(name, value(kind)) == nil {
				break
			}
		}
	}
}

// Random returns n varied, plausible profiles generated deterministically
// from seed: purchase histories from none to hundreds of occasions, and
// each signal known or unknown at random. Use it for property tests of your
// own rules.
func Random(n int, seed uint64) []segment.Profile {
	rng := rand.New(rand.NewPCG(seed, 0x636c69656e74656c))
	asOf := segment.NewDate(2025, time.June, 30)
	names := segment.SignalNames()
	out := make([]segment.Profile, n)
	for i := range out {
		p := &out[i]
		p.ID = "R" + strconv.Itoa(i)
		p.AsOf = asOf
		switch rng.IntN(4) {
		case 0: // no purchase
		default:
			p.Occasions = 1 + rng.IntN(40)
			if rng.IntN(10) == 0 {
				p.Occasions += rng.IntN(400)
			}
			p.Orders = p.Occasions + rng.IntN(p.Occasions+1)
			p.Returns = rng.IntN(p.Orders/3 + 1)
			p.Revenue = math.Round(float64(p.Occasions)*(5+rng.ExpFloat64()*80)*100) / 100
			p.Returned = math.Round(p.Revenue*rng.Float64()*0.2*100) / 100
			tenure := rng.IntN(1500)
			p.First = asOf.AddDays(-tenure)
			p.Last = p.First.AddDays(rng.IntN(tenure + 1))
			if p.Occasions == 1 {
				p.Last = p.First
			}
			if rng.IntN(2) == 0 {
				p.Discounted = segment.Some(rng.IntN(p.Occasions + 1))
				p.NewProducts = segment.Some(rng.IntN(p.Occasions + 1))
				p.PremiumBuys = segment.Some(rng.IntN(p.Occasions + 1))
			}
		}
		for _, name := range names {
			if rng.IntN(3) == 0 {
				continue // unknown
			}
			var text string
			switch {
			case rng.IntN(4) == 0:
				text = "0"
			default:
				text = strconv.Itoa(rng.IntN(30))
			}
			if p.Signals.Set(name, text) != nil {
				// A bool or a date signal.
				if p.Signals.Set(name, strconv.FormatBool(rng.IntN(2) == 0)) != nil {
					_ = p.Signals.Set(name, asOf.AddDays(-rng.IntN(400)).String())
				}
			}
		}
	}
	return out
}
