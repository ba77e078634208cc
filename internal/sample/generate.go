package sample

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/segment"
)

// AsOf is the date of the last order in the sample: the default as-of date
// of a run on it.
var AsOf = segment.NewDate(2025, time.June, 30)

// Customers is the number of customers in the embedded sample.
const Customers = 2500

// Seed is the seed of the embedded sample.
const Seed = 20250630

// Customer is one generated customer: the archetype it was drawn from (for
// tests and demos; the library never sees it), its orders and its signals.
type Customer struct {
	ID        string
	Archetype string
	Orders    []segment.Order
	Signals   segment.Signals
}

// Generate returns n customers drawn deterministically from seed.
func Generate(seed uint64, n int) []Customer {
	rng := rand.New(rand.NewPCG(seed, 0x5a17e))
	out := make([]Customer, n)
	total := 0.0
	for _, a := range archetypes {
		total += a.weight
	}
	for i := range out {
		c := &out[i]
		c.ID = "C" + strconv.Itoa(10001+i)
		x := rng.Float64() * total
		a := archetypes[len(archetypes)-1]
		for _, cand := range archetypes {
			if x < cand.weight {
				a = cand
				break
			}
			x -= cand.weight
		}
		c.Archetype = a.name
		g := gen{rng: rng, c: c, discount: 0.15, newProduct: 0.1, premium: 0.05, returns: 0.05}
		a.build(&g)
		if !g.quiet {
			g.traits()
		}
		sort.SliceStable(c.Orders, func(i, j int) bool { return c.Orders[i].Date.Before(c.Orders[j].Date) })
		for k := range c.Orders {
			c.Orders[k].ID = c.ID + "-" + strconv.Itoa(k+1)
		}
	}
	// The last order of the sample is on AsOf, so that the default as-of
	// date of a run (the latest order) is AsOf.
	for i := range out {
		if out[i].Archetype == "regular" {
			out[i].Orders = append(out[i].Orders, segment.Order{Customer: out[i].ID, ID: out[i].ID + "-last",
				Date: AsOf, Amount: 42.5, Known: allFlags})
			break
		}
	}
	return out
}

const allFlags = segment.Return | segment.Discounted | segment.NewProduct | segment.Premium

// gen builds one customer.
type gen struct {
	rng *rand.Rand
	c   *Customer
	aov float64 // typical order value

	discount, newProduct, premium float64 // probability an order carries the flag
	returns                       float64 // probability an occasion has a return
	quiet                         bool    // the CRM knows nothing more about this customer
}

func (g *gen) chance(p float64) bool  { return g.rng.Float64() < p }
func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// amount draws an order value around the customer's typical value.
func (g *gen) amount() float64 {
	v := g.aov * math.Exp(g.rng.NormFloat64()*0.35)
	return math.Round(v*100) / 100
}

// buy adds one purchase occasion on day d (sometimes split into two order
// lines, sometimes followed by a return).
func (g *gen) buy(d segment.Date) {
	lines := 1
	if g.chance(0.15) {
		lines = 2
	}
	for i := 0; i < lines; i++ {
		var flags segment.Flags
		if g.chance(g.discount) {
			flags |= segment.Discounted
		}
		if g.chance(g.newProduct) {
			flags |= segment.NewProduct
		}
		if g.chance(g.premium) {
			flags |= segment.Premium
		}
		amt := g.amount()
		g.c.Orders = append(g.c.Orders, segment.Order{Customer: g.c.ID, Date: d, Amount: amt, Flags: flags, Known: allFlags})
		if g.chance(g.returns) {
			back := d.AddDays(g.between(0, 20))
			if back.After(AsOf) {
				back = AsOf
			}
			part := math.Round(amt*(0.3+0.7*g.rng.Float64())*100) / 100
			g.c.Orders = append(g.c.Orders, segment.Order{Customer: g.c.ID, Date: back, Amount: -part,
				Flags: segment.Return, Known: allFlags})
		}
	}
}

// history adds n occasions spread from first to last (inclusive).
func (g *gen) history(n int, first, last segment.Date) {
	if n <= 0 {
		return
	}
	g.buy(first)
	if n == 1 {
		return
	}
	span := last.Sub(first)
	for i := 1; i < n-1; i++ {
		g.buy(first.AddDays(g.rng.IntN(span + 1)))
	}
	g.buy(last)
}

// ago returns the date n days before AsOf.
func ago(n int) segment.Date { return AsOf.AddDays(-n) }

func some(n int) segment.Opt[int] { return segment.Some(n) }
