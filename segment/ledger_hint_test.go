package segment

import (
	"fmt"
	"reflect"
	"testing"
)

// A size hint changes no answer, too low, exact or too high, and an exact
// one means the index never grows.
func TestCustomersHint(t *testing.T) {
	const customers = 5000
	var orders []Order
	day := MustParseDate("2025-01-01")
	for i := range 3 * customers {
		orders = append(orders, Order{Customer: fmt.Sprintf("c-%d", i*7919%customers), Date: day.AddDays(i % 300), Amount: float64(1 + i%97)})
	}
	type state struct {
		Profiles []Profile
		Stats    Stats
	}
	answer := func(l *Ledger) state {
		var s state
		s.Profiles, s.Stats = l.Profiles(Date{})
		return s
	}
	var want state
	for i, hint := range []int{0, customers / 10, customers, 10 * customers, -3} {
		l := NewLedger(&LedgerOptions{Customers: hint})
		tables := make([]int, numShards)
		for s := range l.shards {
			tables[s] = len(l.shards[s].slots)
		}
		if _, err := l.AddOrders(orders); err != nil {
			t.Fatal(err)
		}
		got := answer(l)
		if i == 0 {
			want = got
		} else if !reflect.DeepEqual(want, got) {
			t.Fatalf("hint %d: the answers differ from no hint", hint)
		}
		if hint >= customers {
			for s := range l.shards {
				if len(l.shards[s].slots) != tables[s] {
					t.Errorf("hint %d: shard %d grew from %d to %d slots", hint, s, tables[s], len(l.shards[s].slots))
				}
			}
		}
	}
}
