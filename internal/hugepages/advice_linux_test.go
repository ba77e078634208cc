package hugepages

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// Map advises its arrays to huge pages, and MapInOrder does where huge
// pages are the cheaper to touch first (HugeFirstTouch, pinned here): the
// kernel lists the advice as the mapping's "hg" flag in /proc/self/smaps.
func TestMapAdvice(t *testing.T) {
	for _, c := range []struct {
		name      string
		mk        func(int) ([]uint64, *Mapping)
		hugeFirst bool
		want      bool
	}{
		{"Map", Map[uint64], false, true},
		{"Map", Map[uint64], true, true},
		{"MapInOrder", MapInOrder[uint64], false, false},
		{"MapInOrder", MapInOrder[uint64], true, true},
	} {
		pinFirstTouch(t, c.hugeFirst)
		s, keep := c.mk(3 * Size / 8)
		flags, err := vmFlags(uintptr(unsafe.Pointer(unsafe.SliceData(s))))
		if os.IsNotExist(err) {
			t.Skip(err) // no /proc
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := flags["hg"]; got != c.want {
			t.Errorf("%s, huge pages first %v: huge page advice %v, want %v (VmFlags %v)", c.name, c.hugeFirst, got, c.want, flags)
		}
		keep.Release()
	}
}

// vmFlags returns the VmFlags of the mapping that holds addr.
func vmFlags(addr uintptr) (map[string]bool, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if !strings.HasSuffix(fields[0], ":") { // a mapping's first line: start-end perms ...
			var lo, hi uintptr
			if _, err := fmt.Sscanf(fields[0], "%x-%x", &lo, &hi); err != nil {
				return nil, fmt.Errorf("smaps line %q: %v", sc.Text(), err)
			}
			in = lo <= addr && addr < hi
			continue
		}
		if in && fields[0] == "VmFlags:" {
			flags := map[string]bool{}
			for _, f := range fields[1:] {
				flags[f] = true
			}
			return flags, nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("no mapping holds %#x in /proc/self/smaps", addr)
}

// MakeInOrder advises its array, whole, where huge pages are the cheaper
// to touch first and it spans two huge pages or more, and not otherwise;
// and makes what make does either way. (The advice is recorded rather
// than read from /proc/self/smaps: heap memory may carry an earlier
// array's.)
func TestMakeInOrderAdvice(t *testing.T) {
	for _, c := range []struct {
		hugeFirst bool
		words     int
		want      bool
	}{
		{true, 2 * Size / 8, true},
		{true, 3*Size/8 + 1, true},
		{true, 2*Size/8 - 1, false}, // under two huge pages
		{false, 2 * Size / 8, false},
		{false, 3 * Size / 8, false},
	} {
		pinFirstTouch(t, c.hugeFirst)
		var advised []uint64
		s := makeInOrder(5, c.words, func(s []uint64) { advised = s })
		if len(s) != 5 || cap(s) != c.words {
			t.Fatalf("%+v: len %d cap %d", c, len(s), cap(s))
		}
		for i, v := range s[:cap(s)] {
			if v != 0 {
				t.Fatalf("%+v: element %d is %d", c, i, v)
			}
		}
		switch {
		case !c.want && advised != nil:
			t.Errorf("%+v: advised", c)
		case c.want && (len(advised) != c.words || &advised[0] != &s[:1][0]):
			t.Errorf("%+v: advised %d elements, want the array's %d", c, len(advised), c.words)
		}
	}
	// MakeInOrder itself, on both answers.
	for _, hugeFirst := range []bool{false, true} {
		pinFirstTouch(t, hugeFirst)
		if s := MakeInOrder[uint64](1, 3*Size/8); len(s) != 1 || cap(s) != 3*Size/8 {
			t.Fatalf("huge pages first %v: len %d cap %d", hugeFirst, len(s), cap(s))
		}
	}
}
