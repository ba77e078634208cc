package fitroom

import (
	"slices"
	"testing"
)

// sorted returns a sorted copy of v: Merge keeps the values, not their
// order.
func sorted(v []float64) []float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	return v
}

func TestMerge(t *testing.T) {
	for _, c := range []struct {
		name string
		used int // of the first window, of 3 (its room is the whole array, as FitView lends it)
	}{
		{"full windows", 3}, {"a gap of one", 2}, {"a gap of two", 1}, {"an empty window", 0},
	} {
		room := []float64{1, 2, 3, 4, 5, 6}
		dst, src := room[0:c.used], room[3:6]
		want := sorted(append(slices.Clone(dst), src...))
		srcBefore := slices.Clone(src)
		got := Merge(dst, src)
		if !slices.Equal(sorted(got), want) || &got[0] != &room[0] || !slices.Equal(src, srcBefore) {
			t.Errorf("%s: %v, want %v in the room (src %v)", c.name, got, want, src)
		}
	}
	// src partly past dst's room: append's result.
	room := []float64{1, 2, 3, 4, 5, 6}
	if got := Merge(room[0:1:3], room[2:5]); !slices.Equal(got, []float64{1, 3, 4, 5}) || &got[0] == &room[0] {
		t.Errorf("src past the room: %v", got)
	}
	// src overlapping dst's room, partly past it or from before dst's
	// end: src is unchanged, the values appended in a new array.
	room = []float64{1, 2, 3, 4, 5, 6}
	src := room[2:5]
	if got := Merge(room[0:1:4], src); !slices.Equal(got, []float64{1, 3, 4, 5}) || !slices.Equal(src, []float64{3, 4, 5}) {
		t.Errorf("src partly past the room: %v, src %v", got, src)
	}
	room = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	src = room[1:4]
	if got := Merge(room[2:3:10], src); !slices.Equal(got, []float64{3, 2, 3, 4}) || !slices.Equal(src, []float64{2, 3, 4}) {
		t.Errorf("src from before dst's end: %v, src %v", got, src)
	}
	// src before dst, in the same array.
	room = []float64{1, 2, 3, 4, 5, 6}
	if got := Merge(room[3:4:6], room[0:2]); !slices.Equal(got, []float64{4, 1, 2}) {
		t.Errorf("src before dst: %v", got)
	}
	// Arrays of their own, and nothing to add.
	a, b := []float64{7, 8}, []float64{9}
	if got := Merge(a, b); !slices.Equal(got, []float64{7, 8, 9}) {
		t.Errorf("arrays of their own: %v", got)
	}
	if got := Merge(nil, nil); len(got) != 0 {
		t.Errorf("nothing: %v", got)
	}
	if got := Merge(a[:1], nil); !slices.Equal(got, []float64{7}) {
		t.Errorf("nothing to add: %v", got)
	}
}
