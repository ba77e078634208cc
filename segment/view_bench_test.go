package segment_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// BenchmarkLedgerGroup is grouping alone: the log's lines moved into
// per-customer runs (the first View after adding), in order of first
// appearance and in order of id.
func BenchmarkLedgerGroup(b *testing.B) {
	for _, c := range []struct {
		name string
		view func(l *segment.Ledger) *segment.View
	}{{"first-appearance", func(l *segment.Ledger) *segment.View { return l.View(segment.Date{}) }},
		{"by-id", func(l *segment.Ledger) *segment.View { return l.ViewByID(segment.Date{}) }}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				l := benchLedger(b)
				b.StartTimer()
				c.view(l)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchLines), "ns/line")
		})
	}
}

// BenchmarkViewProfile is making every profile of a view, in the view's
// order, after grouping: in order of id on a ledger grouped in order of
// first appearance (every profile elsewhere in memory) and on one grouped
// by id (in order).
func BenchmarkViewProfile(b *testing.B) {
	for _, c := range []struct {
		name string
		view func(l *segment.Ledger) *segment.View
	}{{"ledger-order", func(l *segment.Ledger) *segment.View { return l.View(segment.Date{}) }},
		{"id-order-scattered", func(l *segment.Ledger) *segment.View { return l.View(segment.Date{}).ByID() }},
		{"id-order-grouped", func(l *segment.Ledger) *segment.View { return l.ViewByID(segment.Date{}) }}} {
		b.Run(c.name, func(b *testing.B) { profileEach(b, c.view(benchLedger(b))) })
	}
}

// profileEach makes every profile of v, in v's order, per iteration, and
// reports the time per customer.
func profileEach(b *testing.B, v *segment.View) {
	var p segment.Profile
	b.ReportAllocs()
	for b.Loop() {
		for i := range v.Len() {
			v.Profile(i, &p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*v.Len()), "ns/customer")
}
