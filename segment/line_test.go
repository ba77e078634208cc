package segment

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// A line packs every valid date and every flag, and stays 16 bytes; once
// grouped, 12, with the same day, flags and amount; narrow (an amount of
// whole cents), 12 too.
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
	// A narrow line: 12 bytes (its customer and a cline of 8), and the
	// same line back for an amount narrowable.
	if size := unsafe.Sizeof(int32(0)) + unsafe.Sizeof(cline{}); size != 12 {
		t.Errorf("a narrow line is %d bytes, want 12", size)
	}
	for _, cents := range []int64{0, 1, -1, 1 << 30, math.MaxInt32, math.MinInt32} {
		micro := cents * microsPerCent
		if !narrowable(micro) || narrowable(micro+1) || narrowable(micro+microsPerCent/2) {
			t.Errorf("%d cents: narrowable %v, and %v one micro more", cents, narrowable(micro), narrowable(micro+1))
		}
		ln := newLine(-7, MaxDate.n, micro, Return, all)
		b := lineBlock{custs: []int32{ln.cust}, narrow: []cline{ln.narrow()}}
		if back := b.line(0); back != ln || b.narrow[0].grouped() != ln.grouped() {
			t.Errorf("%d cents: narrowed and back %+v, want %+v", cents, back, ln)
		}
	}
	for _, micro := range []int64{(math.MinInt32 - 1) * microsPerCent, (math.MaxInt32 + 1) * microsPerCent, math.MaxInt64, math.MinInt64} {
		if narrowable(micro) {
			t.Errorf("%d micros narrowable", micro)
		}
	}
	if MaxDate.n >= 1<<24 {
		t.Errorf("MaxDate's day number %d does not fit 24 bits", MaxDate.n)
	}
}

// narrowable and centsOf, which divide by a product, agree with the
// division over random amounts, multiples of a cent or not, near the
// bounds and over the whole range of int64.
func TestNarrowable(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 2_000_000 {
		var m int64
		switch i % 4 {
		case 0:
			m = int64(r.Uint64())
		case 1:
			m = (r.Int64N(1<<33) - 1<<32) * microsPerCent
		case 2:
			m = (r.Int64N(1<<33)-1<<32)*microsPerCent + r.Int64N(microsPerCent)
		default:
			m = (r.Int64N(64) - 32 + math.MaxInt32*int64(1-2*r.IntN(2))) * microsPerCent
		}
		want := m%microsPerCent == 0 && m/microsPerCent >= math.MinInt32 && m/microsPerCent <= math.MaxInt32
		if narrowable(m) != want {
			t.Fatalf("narrowable(%d) = %v, want %v", m, !want, want)
		}
		if want && centsOf(m) != m/microsPerCent {
			t.Fatalf("centsOf(%d) = %d, want %d", m, centsOf(m), m/microsPerCent)
		}
	}
}
