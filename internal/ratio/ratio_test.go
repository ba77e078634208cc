package ratio

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// TestOfIsTheDivision holds Of to the expression it stands for, to the
// bit, on settings of every kind (whole, fractional, tiny, past the
// table, and the invalid ones a zero config gives) and counts around
// the table's ends, negative and huge ones included.
func TestOfIsTheDivision(t *testing.T) {
	settings := []float64{1, 2, 6, 6.5, 730, 0.3, 1e-300, 1022, 1022.5, 1023, 1023.5, 1024, 36500, 1e6,
		0, -1, math.NaN(), math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		settings = append(settings, r.Float64()*5000, float64(r.IntN(5000)))
	}
	for _, d := range settings {
		tab := New(d)
		counts := []int{0, 1, 2, -1, -2, math.MinInt, math.MaxInt,
			int(d), int(d) + 1, int(d) - 1, int(d) + 2, tab.n, tab.n - 1, tab.n + 1}
		// Past a float64's whole numbers, where an int holds them.
		if past := int64(1) << 53; past < math.MaxInt {
			counts = append(counts, int(past), int(past+1))
		}
		for range 300 {
			counts = append(counts, r.IntN(10000)-100)
		}
		for _, n := range counts {
			got, want := tab.Of(n), segment.Clamp01(float64(n)/d)
			if math.Float32bits(got) != math.Float32bits(want) {
				t.Fatalf("New(%v).Of(%d) = %v, want %v", d, n, got, want)
			}
		}
	}
}

// TestZeroTableDivides checks the zero Table: every count divided by 0.
func TestZeroTableDivides(t *testing.T) {
	var tab Table
	for _, n := range []int{0, 1, -1, 7} {
		if got, want := tab.Of(n), segment.Clamp01(float64(n)/0); got != want {
			t.Errorf("Table{}.Of(%d) = %v, want %v", n, got, want)
		}
	}
}

// TestTableSize checks that a table is as large as its setting needs and
// no larger than maxEntries, and whole exactly when its last entry
// reaches the setting.
func TestTableSize(t *testing.T) {
	for _, c := range []struct {
		d     float64
		n     int
		whole bool
	}{{6, 8, true}, {6.5, 8, true}, {730, 732, true}, {1022, 1024, true}, {1023, 1024, true}, {1023.5, 1024, false}, {1e6, 1024, false}, {0, 0, false}, {math.NaN(), 0, false}} {
		tab := New(c.d)
		if tab.n != c.n || tab.whole != c.whole {
			t.Errorf("New(%v): %d entries, whole %v; want %d, %v", c.d, tab.n, tab.whole, c.n, c.whole)
		}
	}
	a, b, c := New(730), New(730), New(731)
	if a != b || a == c {
		t.Error("tables of equal settings are not equal, or tables of others are")
	}
}

func BenchmarkOf(b *testing.B) {
	tab := New(730)
	var sink float32
	for i := 0; b.Loop(); i++ {
		sink += tab.Of(i & 2047)
	}
	_ = sink
}
