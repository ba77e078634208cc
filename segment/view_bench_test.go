package segment_test

import (
	"strconv"
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

// BenchmarkViewByIDKinds is grouping by id and then reading every
// customer's id in that order, as a pass that writes the output does,
// for ids of several kinds: numbered ones (listed by a walk over their
// numbers, which writes their ids), padded or not, the same with a few
// e-mails among them (merged into the walk), and e-mails alone (sorted,
// their ids copied in group order).
func BenchmarkViewByIDKinds(b *testing.B) {
	base := benchLog()
	for _, c := range []struct {
		name string
		id   func(i int, id string) string
	}{
		{"padded", func(i int, id string) string { return id }},
		{"unpadded", func(i int, id string) string {
			n, _ := strconv.Atoi(id[1:])
			return strconv.Itoa(n + 1)
		}},
		{"padded-and-a-few-e-mails", func(i int, id string) string {
			if i%1000 == 999 {
				return "guest" + id + "@example.com"
			}
			return id
		}},
		{"e-mails", func(i int, id string) string { return "u" + id[1:] + "@shop.example.com" }},
	} {
		orders := make([]segment.Order, len(base))
		for i, o := range base {
			o.Customer = c.id(i, o.Customer)
			orders[i] = o
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				b.StopTimer()
				l := segment.NewLedger(nil)
				if _, err := l.AddOrders(orders); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				v := l.ViewByID(segment.Date{})
				for i := range v.Len() {
					n += len(v.ID(i))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchCustomers), "ns/customer")
		})
	}
}
