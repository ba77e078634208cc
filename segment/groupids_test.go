package segment

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// gatherIDs copies every id to its group's place, whatever its kind:
// numbered or not, of up to 8 bytes or longer, up to maxGatheredID
// bytes; a longer id turns it off. A view in order of id then hands out
// those ids, and the profiles' ids are the same.
func TestGatherIDs(t *testing.T) {
	kinds := []func(i int) string{
		func(i int) string { return fmt.Sprintf("C%07d", i) },
		func(i int) string { return fmt.Sprintf("u%d@shop.example.com", i) },
		func(i int) string { return fmt.Sprintf("%x", i*7919) },
		func(i int) string { return fmt.Sprintf("CU-%07dX", i) },
		func(i int) string { return strings.Repeat("z", 40) + fmt.Sprint(i) },
	}
	for _, tc := range []struct {
		name    string
		longest int // the longest id's length; 0: as the kinds make them
		want    bool
	}{
		{"mixed kinds", 0, true},
		{"one id of the longest", maxGatheredID, true},
		{"one id too long", maxGatheredID + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer SetMinLinesPerWorker(1)()
			l := NewLedger(nil)
			day := NewDate(2024, 1, 1)
			var orders []Order
			for i := range 20_000 {
				orders = append(orders, Order{Customer: kinds[i%len(kinds)](i), Date: day.AddDays(i % 30), Amount: 1})
			}
			if tc.longest > 0 {
				orders = append(orders, Order{Customer: strings.Repeat("y", tc.longest), Date: day, Amount: 1})
			}
			if _, err := l.AddOrders(orders); err != nil {
				t.Fatal(err)
			}
			keys := slices.Clone(l.order)
			inIDOrder(keys, l.id)
			space := 0
			for _, k := range keys {
				space = max(space, int(k)+1)
			}
			ids := l.gatherIDs(keys, space, 2)
			if (ids != nil) != tc.want {
				t.Fatalf("gatherIDs copied the ids: %v, want %v", ids != nil, tc.want)
			}
			for g, k := range keys {
				if ids != nil && ids.id(int32(g)) != l.id(k) {
					t.Fatalf("group %d: %q, want %q", g, ids.id(int32(g)), l.id(k))
				}
			}
			if runtime.GOMAXPROCS(0) < 2 {
				return // grouping on one goroutine copies no ids
			}
			v := l.ViewByID(Date{})
			if (v.words != nil) != tc.want {
				t.Fatalf("the view has the copied ids: %v, want %v", v.words != nil, tc.want)
			}
			var p Profile
			for i := range v.Len() {
				want := l.id(keys[i])
				if v.Profile(i, &p); v.ID(i) != want || p.ID != want {
					t.Fatalf("customer %d of the view is %q (its profile's id %q), want %q", i, v.ID(i), p.ID, want)
				}
			}
		})
	}
}
