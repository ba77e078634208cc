package batch_test

import (
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

var asOf = segment.MustParseDate("2025-06-30")

// tier is a small typology written for these tests: customers by net
// revenue.
type tier uint8

const (
	noTier tier = iota
	bronze
	silver
	gold
)

var tiers = segment.NewEnum[tier]("tier",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "bronze", EN: "Bronze", RU: "Бронза"},
	segment.LabelInfo{Name: "silver", EN: "Silver", RU: "Серебро"},
	segment.LabelInfo{Name: "gold", EN: "Gold", RU: "Золото"},
)

func (t tier) String() string                { return tiers.Name(t) }
func (t tier) MarshalText() ([]byte, error)  { return tiers.MarshalText(t) }
func (t *tier) UnmarshalText(b []byte) error { return tiers.UnmarshalText(t, b) }

// byRevenue: gold from 1000, silver from 100, bronze above 0; unknown for
// a customer without a purchase. Confidence grows with occasions.
var byRevenue = segment.Func[tier](func(p *segment.Profile) segment.Result[tier] {
	var r segment.Result[tier]
	if p.Occasions <= 0 {
		return r
	}
	switch {
	case p.Revenue >= 1000:
		r.Primary = gold
	case p.Revenue >= 100:
		r.Primary = silver
	case p.Revenue > 0:
		r.Primary = bronze
	default:
		return r
	}
	r.Scores[r.Primary] = 1
	r.Confidence = segment.Clamp01(float64(p.Occasions) / 10)
	return r
})

// buyer returns a valid profile with n occasions, the last one daysAgo
// before asOf, and the given revenue.
func buyer(id string, n int, revenue float64, daysAgo int) segment.Profile {
	p := segment.Profile{ID: id, AsOf: asOf, Occasions: n, Orders: n, Revenue: revenue}
	if n > 0 {
		p.Last = asOf.AddDays(-daysAgo)
		p.First = p.Last
		if n > 1 {
			p.First = p.Last.AddDays(-30 * (n - 1))
		}
	}
	return p
}

// numbered returns n valid profiles C0..C(n-1) of varied revenue.
func numbered(n int) []segment.Profile {
	out := make([]segment.Profile, n)
	for i := range out {
		out[i] = buyer("C"+strconv.Itoa(i), 1+i%7, float64(i%13)*97.5, i%200)
	}
	return out
}
