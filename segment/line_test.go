package segment

import (
	"testing"
	"unsafe"
)

// A line packs every valid date and every flag, and stays 16 bytes.
func TestLinePacking(t *testing.T) {
	if size := unsafe.Sizeof(line{}); size != 16 {
		t.Errorf("line is %d bytes, want 16", size)
	}
	all := Return | Discounted | NewProduct | Premium
	if all > 0xf {
		t.Fatalf("flags %b do not fit the 4 bits a line keeps for them", all)
	}
	for _, d := range []Date{MinDate, MustParseDate("2025-06-30"), MaxDate} {
		for _, f := range []Flags{0, Return, Discounted | Premium, all} {
			ln := newLine(-7, d.n, -123456789012, f, all^f)
			if ln.day() != d.n || ln.flags() != f || ln.known() != all^f || ln.cust != -7 || ln.micro != -123456789012 {
				t.Errorf("%v %v: got day %d flags %v known %v", d, f, ln.day(), ln.flags(), ln.known())
			}
		}
	}
	if MaxDate.n >= 1<<24 {
		t.Errorf("MaxDate's day number %d does not fit 24 bits", MaxDate.n)
	}
}
