package hugepages

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// Map advises its arrays to huge pages, and MapInOrder does where huge
// pages are the cheaper to touch first (HugeFirstTouch, pinned here): the
// kernel lists the advice as the mapping's "hg" flag in /proc/self/smaps.
func TestMapAdvice(t *testing.T) {
	requireAdviceListed(t)
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

// requireAdviceListed skips a test of what is advised where the kernel
// does not list advice given straight by madvise: without /proc, or under
// an emulator that takes madvise without passing it on (qemu-user, where
// these tests ran for arm and arm64).
func requireAdviceListed(t *testing.T) {
	t.Helper()
	mem, err := syscall.Mmap(-1, 0, 2*Size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Madvise(mem, syscall.MADV_HUGEPAGE); err != nil {
		t.Skipf("madvise(MADV_HUGEPAGE): %v", err)
	}
	flags, err := vmFlags(uintptr(unsafe.Pointer(unsafe.SliceData(mem))))
	if err != nil {
		t.Skip(err)
	}
	if !flags["hg"] {
		t.Skipf("a mapping advised by madvise itself is not listed as advised (VmFlags %v): nothing to compare with", flags)
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
// to touch first and it spans a huge page or more, and not otherwise;
// and makes what make does either way. (The advice is recorded rather
// than read from /proc/self/smaps: heap memory may carry an earlier
// array's.)
func TestMakeInOrderAdvice(t *testing.T) {
	for _, c := range []struct {
		hugeFirst bool
		words     int
		want      bool
	}{
		{true, Size / 8, true},
		{true, 3*Size/8 + 1, true},
		{true, Size/8 - 1, false}, // under a huge page
		{false, Size / 8, false},
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
		// The advice is the array's huge pages, whole: from its start, at
		// a huge page boundary, to the end of its last huge page.
		pages := (c.words*8 + Size - 1) / Size * Size / 8
		switch {
		case !c.want && advised != nil:
			t.Errorf("%+v: advised", c)
		case c.want && (len(advised) != pages || &advised[0] != &s[:1][0]):
			t.Errorf("%+v: advised %d elements, want the array's %d huge pages, %d", c, len(advised), pages/(Size/8), pages)
		case c.want && uintptr(unsafe.Pointer(&s[:1][0]))%Size != 0:
			t.Errorf("%+v: the array starts at %p, not at a huge page boundary", c, &s[:1][0])
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

// Advise advises the whole huge pages inside its slice and nothing else:
// a slice across the boundary of two huge pages, holding neither whole,
// gets no advice (which would only split the mapping).
func TestAdviseWholeHugePages(t *testing.T) {
	requireAdviceListed(t)
	mem, err := syscall.Mmap(-1, 0, 3*Size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Munmap(mem)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
	at := int((Size-addr%Size)%Size) + Size // a huge page boundary with a whole huge page on each side
	across := mem[at-Size/2 : at+Size/2]
	Advise(across)
	flags, err := vmFlags(uintptr(unsafe.Pointer(&across[0])))
	if os.IsNotExist(err) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if flags["hg"] {
		t.Errorf("a slice holding no whole huge page: advised (VmFlags %v)", flags)
	}
	whole := mem[at : at+Size+Size/2]
	Advise(whole)
	for _, p := range []int{0, Size - 1} {
		if flags, err := vmFlags(uintptr(unsafe.Pointer(&whole[p]))); err != nil || !flags["hg"] {
			t.Errorf("the whole huge page inside, byte %d: advice %v, %v (VmFlags %v)", p, flags["hg"], err, flags)
		}
	}
	if flags, err := vmFlags(uintptr(unsafe.Pointer(&whole[Size]))); err != nil || flags["hg"] {
		t.Errorf("past the whole huge page: advice %v, %v (VmFlags %v)", flags["hg"], err, flags)
	}
}
