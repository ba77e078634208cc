package behavior_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// cuts are explicit cut values for table tests: top revenue above 1000
// (gold, lead), above 2000 (super), more than 10 purchases (super),
// average order above 300 (status).
var cuts = behavior.Cuts{
	GoldRevenue:    segment.Some(1000.0),
	SuperRevenue:   segment.Some(2000.0),
	SuperOccasions: segment.Some(10.0),
	StatusAOV:      segment.Some(300.0),
	LeadRevenue:    segment.Some(1000.0),
}

// profile describes a customer in a few words; zero fields are left out.
type profile struct {
	occasions         int
	firstAgo, lastAgo int // days before asOf
	revenue           float64
	orders, returns   int
	set               func(p *segment.Profile)
}

func (d profile) build() segment.Profile {
	p := segment.Profile{AsOf: asOf, Occasions: d.occasions, Revenue: d.revenue, Orders: d.orders, Returns: d.returns}
	if p.Orders == 0 {
		p.Orders = d.occasions
	}
	if d.occasions > 0 {
		if p.Revenue == 0 {
			p.Revenue = 50 * float64(d.occasions)
		}
		p.Last = asOf.AddDays(-d.lastAgo)
		p.First = asOf.AddDays(-d.firstAgo)
		if d.occasions == 1 {
			p.First = p.Last
		}
	}
	if d.set != nil {
		d.set(&p)
	}
	return p
}

// buyer bought n times, first firstAgo and last lastAgo days ago.
func buyer(n, firstAgo, lastAgo int, set ...func(p *segment.Profile)) segment.Profile {
	d := profile{occasions: n, firstAgo: firstAgo, lastAgo: lastAgo}
	d.set = func(p *segment.Profile) {
		for _, f := range set {
			f(p)
		}
	}
	return d.build()
}

// prospect never bought.
func prospect(set ...func(p *segment.Profile)) segment.Profile { return buyer(0, 0, 0, set...) }

func revenue(v float64) func(p *segment.Profile) { return func(p *segment.Profile) { p.Revenue = v } }

func signals(f func(s *segment.Signals)) func(p *segment.Profile) {
	return func(p *segment.Profile) { f(&p.Signals) }
}

func daysAgo(n int) segment.Opt[segment.Date] { return segment.Some(asOf.AddDays(-n)) }

func mustNew(t testing.TB, cfg *behavior.Config, opts ...behavior.Option) *behavior.Classifier {
	t.Helper()
	c, err := behavior.New(cfg, opts...)
	require.NoError(t, err)
	c, err = c.WithCuts(cuts)
	require.NoError(t, err)
	return c
}

type tcase = segmenttest.Case[behavior.Type]

// lacks checks that none of ts is a tag.
func lacks(ts ...behavior.Type) func(segment.Result[behavior.Type]) error {
	return func(r segment.Result[behavior.Type]) error {
		for _, t := range ts {
			if r.Tags.Has(t) {
				return fmt.Errorf("has tag %s, want it absent (tags %v)", t, r.Tags.Labels())
			}
		}
		return nil
	}
}

// manyProfiles are the test kit's hostile and random profiles.
func manyProfiles() []segment.Profile {
	return append(segmenttest.Extremes(), segmenttest.Random(3000, 5)...)
}
