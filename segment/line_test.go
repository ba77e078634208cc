package segment

import (
	"math"
	"testing"
	"unsafe"
)

// A line packs every valid date and every flag, and stays 16 bytes; once
// grouped, 12, with the same day, flags and amount.
func TestLinePacking(t *testing.T) {
	if size := unsafe.Sizeof(line{}); size != 16 {
		t.Errorf("line is %d bytes, want 16", size)
	}
	if size := unsafe.Sizeof(gline{}); size != 12 {
		t.Errorf("a grouped line is %d bytes, want 12", size)
	}
	all := Return | Discounted | NewProduct | Premium
	if all > 0xf {
		t.Fatalf("flags %b do not fit the 4 bits a line keeps for them", all)
	}
	for _, d := range []Date{MinDate, MustParseDate("2025-06-30"), MaxDate} {
		for _, f := range []Flags{0, Return, Discounted | Premium, all} {
			for _, micro := range []int64{-123456789012, 0, 1, -1, 1 << 32, 1<<32 - 1, math.MaxInt64, math.MinInt64} {
				ln := newLine(-7, d.n, micro, f, all^f)
				if ln.day() != d.n || ln.flags() != f || ln.known() != all^f || ln.cust != -7 || ln.micro != micro {
					t.Errorf("%v %v: got day %d flags %v known %v", d, f, ln.day(), ln.flags(), ln.known())
				}
				if g := ln.grouped(); g.day() != d.n || g.flags() != f || g.known() != all^f || g.micro() != micro {
					t.Errorf("%v %v %d grouped: got day %d flags %v known %v micro %d", d, f, micro, g.day(), g.flags(), g.known(), g.micro())
				}
			}
		}
	}
	if MaxDate.n >= 1<<24 {
		t.Errorf("MaxDate's day number %d does not fit 24 bits", MaxDate.n)
	}
}
