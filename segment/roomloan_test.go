package segment

import (
	"fmt"
	"runtime"
	"testing"
	"unsafe"

	"github.com/clientele-go/clientele/internal/fitroom"
)

// loanLedger returns a ledger of customers customers and about three
// lines each, added in one call, so that their lines take a chunk mapped
// outside the heap.
func loanLedger(t *testing.T, customers int) *Ledger {
	t.Helper()
	var orders []Order
	start := MustParseDate("2024-01-01")
	for i := range 3 * customers {
		orders = append(orders, Order{Customer: fmt.Sprintf("L%07d", i%customers), Date: start.AddDays(i / customers), Amount: float64(1 + i%97)})
	}
	l := NewLedger(nil)
	if _, err := l.AddOrders(orders); err != nil {
		t.Fatal(err)
	}
	return l
}

// inChunk reports whether s lies within one of the loan's chunks' written
// part.
func inChunk(loan *roomLoan, s []float64) bool {
	from := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	to := from + uintptr(len(s)*floatSize)
	for _, c := range loan.chunks {
		mem := c.keep.Bytes()
		base := uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
		if base <= from && to <= base+uintptr(c.used) {
			return true
		}
	}
	return false
}

// Grouping keeps of its dead chunks what a fit's room takes, and a view
// lends it to one fit at a time: arrays of the size asked for, apart,
// within the chunks' written part, which a fit can write; lent again once
// given back; unmapped, and the new grouping's kept, when the ledger
// groups again.
func TestRoomLoan(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("chunks are mapped outside the heap on Linux only")
	}
	if runtime.GOMAXPROCS(0) == 1 {
		t.Skip("on one core AddOrders adds order by order, into blocks on the heap")
	}
	const customers = 200_000
	l := loanLedger(t, customers)
	v := l.View(Date{})
	loan := l.loan.Load()
	if loan == nil {
		t.Fatal("grouping kept no room for a fit")
	}
	rooms, giveBack := v.fitRoom(v.Len())
	if len(rooms) != fitroom.Arrays {
		t.Fatalf("%d arrays lent, want %d", len(rooms), fitroom.Arrays)
	}
	for i, r := range rooms {
		if len(r) != v.Len() || !inChunk(loan, r) {
			t.Fatalf("array %d: %d values, in the loan's written chunks %v; want %d in them", i, len(r), inChunk(loan, r), v.Len())
		}
		for j := range r {
			r[j] = float64(i)
		}
	}
	for i, r := range rooms {
		for j := range r {
			if r[j] != float64(i) {
				t.Fatalf("array %d, value %d: %v after the arrays were written, want %d: the arrays overlap", i, j, r[j], i)
			}
		}
	}
	if again, back := v.fitRoom(v.Len()); again != nil {
		back()
		t.Fatal("the loan was lent twice at once")
	}
	giveBack()
	again, back := v.fitRoom(v.Len())
	if again == nil {
		t.Fatal("the loan given back is not lent again")
	}
	back()

	// A new grouping unmaps the old loan and keeps its own.
	if err := l.Add(Order{Customer: "L9999999", Date: MustParseDate("2024-02-01"), Amount: 1}); err != nil {
		t.Fatal(err)
	}
	l.View(Date{})
	if l.loan.Load() == loan {
		t.Fatal("grouping again kept the old loan")
	}
	for _, c := range loan.chunks {
		if c.keep.Bytes() != nil {
			t.Fatal("grouping again left the old loan mapped")
		}
	}
}

// A loan's room is no more than the fit needs: chunks it does not take
// are released, and arrays too large for any chunk are not lent.
func TestKeepRoom(t *testing.T) {
	mk := func(used ...int) []lineChunk {
		var cs []lineChunk
		for _, u := range used {
			cs = append(cs, lineChunk{used: u})
		}
		return cs
	}
	for _, c := range []struct {
		used  []int
		size  int
		want  []place
		about string
	}{
		{[]int{100, 40}, 30, []place{{0, 0}, {0, 30}, {0, 60}}, "three in the first"},
		{[]int{100, 40}, 40, []place{{0, 0}, {0, 40}, {1, 0}}, "the third in the second"},
		{[]int{100, 40}, 60, []place{{0, 0}, {-1, 0}, {-1, 0}}, "one fits"},
		{[]int{100, 40}, 0, []place{{-1, 0}, {-1, 0}, {-1, 0}}, "nothing to lend"},
	} {
		got := carve(mk(c.used...), 3, c.size)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: carve(%v, 3, %d) = %v, want %v", c.about, c.used, c.size, got, c.want)
		}
	}
}
