package junk

import (
	"reflect"
	"testing"
)

type inner struct {
	n int32
	s string
}

type sample struct {
	Name   string
	hidden inner
	Scores [3]float32
	List   []inner
	Ptr    *inner
	OK     bool
	U      uint8
}

// Fill leaves no field of a struct at its zero value, unexported ones and
// those inside arrays, slices and structs included.
func TestFillLeavesNothingZero(t *testing.T) {
	var s sample
	Fill(&s)
	want := sample{Name: "junk", hidden: inner{7, "junk"}, Scores: [3]float32{2.5, 2.5, 2.5},
		List: []inner{{7, "junk"}}, Ptr: &inner{}, OK: true, U: 3}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("got %+v\nwant %+v", s, want)
	}
}
