package hugepages

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"unsafe"
)

// The advice leaves every slice as it was, whatever its size and
// alignment, and the memory stays usable; Make makes what make does.
func TestAdviseKeepsMemory(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 262_143, 262_144, 1_000_003} {
		s := make([]int64, n)
		for _, from := range []int{0, 1, 3} {
			if from > n {
				continue
			}
			part := s[from:]
			Advise(part)
			for i := range part {
				part[i] = int64(i) * 7
			}
			for i := range part {
				if part[i] != int64(i)*7 {
					t.Fatalf("n %d from %d: element %d changed", n, from, i)
				}
			}
		}
		m := Make[int32](n/2, n)
		if len(m) != n/2 || cap(m) != n {
			t.Fatalf("Make(%d, %d): len %d cap %d", n/2, n, len(m), cap(m))
		}
		for i := range m {
			if m[i] != 0 {
				t.Fatalf("Make: element %d is %d", i, m[i])
			}
		}
	}
	Advise([]byte(nil))
	Advise(make([]struct{}, 10))
}

// Map and MapInOrder make zeroed, usable arrays of every size, mapped
// (with a keep) from Size on where mapping is supported; arrays whose
// keeps are gone are unmapped without disturbing those still kept.
func TestMap(t *testing.T) {
	for _, m := range []struct {
		name   string
		words  func(int) ([]uint64, *Mapping)
		triple func(int) ([][3]byte, *Mapping)
	}{
		{"Map", Map[uint64], Map[[3]byte]},
		{"MapInOrder", MapInOrder[uint64], MapInOrder[[3]byte]},
	} {
		t.Run(m.name, func(t *testing.T) {
			var kept [][]uint64
			var keeps []*Mapping
			for _, n := range []int{0, 1, Size/8 - 1, Size / 8, 3*Size/8 + 5} {
				s, keep := m.words(n)
				if len(s) != n {
					t.Fatalf("%d: len %d", n, len(s))
				}
				if big := n*8 >= Size; big != (keep != nil) && runtime.GOOS == "linux" {
					t.Errorf("%d: keep %v", n, keep)
				}
				for i := range s {
					if s[i] != 0 {
						t.Fatalf("%d: element %d is %d", n, i, s[i])
					}
					s[i] = uint64(i) * 3
				}
				if n%2 == 0 { // keep some, drop the others
					kept, keeps = append(kept, s), append(keeps, keep)
				}
			}
			// Elements of an odd size, in a mapping rounded up to whole
			// huge pages.
			for _, n := range []int{Size/3 + 1, 1_000_492} {
				c, keep := m.triple(n)
				if len(c) != n || cap(c) != n {
					t.Fatalf("[3]byte %d: len %d cap %d", n, len(c), cap(c))
				}
				for i := range c {
					if c[i] != [3]byte{} {
						t.Fatalf("[3]byte %d: element %d not zero", n, i)
					}
					c[i] = [3]byte{byte(i), 1, 2}
				}
				for i := range c {
					if c[i] != [3]byte{byte(i), 1, 2} {
						t.Fatalf("[3]byte %d: element %d changed", n, i)
					}
				}
				keep.Release()
			}
			runtime.GC()
			runtime.GC()
			for _, s := range kept {
				for i := range s {
					if s[i] != uint64(i)*3 {
						t.Fatalf("element %d of a kept array changed", i)
					}
				}
			}
			runtime.KeepAlive(keeps)
		})
	}
}

// Release unmaps at once and only once: an array mapped after it (where
// the released one was, as Linux tends to place it) survives the
// collections that would have run the released one's cleanup; releasing
// twice, or a nil Mapping, does nothing.
func TestRelease(t *testing.T) {
	for range 3 {
		a, keepA := Map[uint64](Size / 8)
		a[0], a[len(a)-1] = 1, 2
		keepA.Release()
		keepA.Release()
		b, keepB := Map[uint64](Size / 8)
		for i := range b {
			b[i] = uint64(i)
		}
		runtime.GC()
		runtime.GC()
		for i := range b {
			if b[i] != uint64(i) {
				t.Fatalf("element %d changed", i)
			}
		}
		runtime.KeepAlive(keepA)
		keepB.Release()
	}
	var none *Mapping
	none.Release()
}

// Fault writes a zero element at the start of every 4 KiB page of the
// array and nothing else, and nothing at all once stopped.
func TestFault(t *testing.T) {
	type line struct{ a, b int64 } // 16 bytes: 256 a page
	for _, n := range []int{0, 1, 255, 256, 257, 3*Size/16 + 7} {
		s := make([]line, n)
		for i := range s {
			s[i] = line{int64(i) + 1, 2}
		}
		var stop atomic.Bool
		stop.Store(true)
		Fault(s, &stop)
		for i := range s {
			if s[i] != (line{int64(i) + 1, 2}) {
				t.Fatalf("n %d, stopped: element %d written", n, i)
			}
		}
		stop.Store(false)
		Fault(s, &stop)
		for i := range s {
			want := line{int64(i) + 1, 2}
			if i%256 == 0 {
				want = line{}
			}
			if s[i] != want {
				t.Fatalf("n %d: element %d is %v, want %v", n, i, s[i], want)
			}
		}
	}
}

// Stopped while it walks (by another goroutine, at a time the test does
// not control), Fault has written a zero element at the start of a run of
// pages from the array's start, every page of it, and nothing after.
func TestFaultStoppedMidway(t *testing.T) {
	type line struct{ a, b int64 }
	s := make([]line, 16*Size/16) // 16 huge pages
	for round := range 10 {
		for i := range s {
			s[i] = line{1, 1}
		}
		var stop atomic.Bool
		go func() {
			for range round * 50 {
				runtime.Gosched()
			}
			stop.Store(true)
		}()
		Fault(s, &stop)
		written := 0
		for written*256 < len(s) && s[written*256] == (line{}) {
			written++
		}
		for i := range s {
			want := line{1, 1}
			if i%256 == 0 && i/256 < written {
				want = line{}
			}
			if s[i] != want {
				t.Fatalf("round %d: %d pages written from the start, but element %d is %v", round, written, i, s[i])
			}
		}
	}
}

// BenchmarkFirstTouch is what memory costs where it is first written: a
// 64 MiB array mapped, one byte written into every 4 KiB page, released,
// in huge pages (Map) and in 4 KiB ones (MapInOrder). The first touch of
// a process is the one that tells: on this project's VM, whose balloon
// hands freed memory back to the host, a new process seconds after
// another had freed its memory paid 2.4–2.6 ms a MiB for huge pages and
// 0.37 for 4 KiB ones (the Intel host of BENCHMARKS.md's tenth round);
// memory it had released and took again cost 0.16 and 0.38. On the AMD
// host of 2026-12-07 it was the other way round: 1.3–2.3 ms a MiB in
// huge pages, 2.8–3.9 in 4 KiB ones, which is why MapInOrder measures
// (HugeFirstTouch). So run it once, in a test binary started after a
// pause:
//
//	go test -c -o /tmp/hp.test ./internal/hugepages
//	sleep 5; /tmp/hp.test -test.run '^$' -test.bench FirstTouch/huge -test.benchtime 1x
//	sleep 5; /tmp/hp.test -test.run '^$' -test.bench FirstTouch/4KiB -test.benchtime 1x
func BenchmarkFirstTouch(b *testing.B) {
	const mib = 64
	for _, c := range []struct {
		name string
		mk   func(int) ([]byte, *Mapping)
	}{{"huge", Map[byte]}, {"4KiB", MapInOrder[byte]}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, keep := c.mk(mib << 20)
				for i := 0; i < len(s); i += 4 << 10 {
					s[i] = 1
				}
				keep.Release()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N)/mib, "ms/MiB")
		})
	}
}

// whole places an array at a huge page boundary and advises its huge
// pages, all of them its own; an element whose size does not divide a
// huge page leaves the array where the heap put it, advised as it is.
func TestWhole(t *testing.T) {
	type line12 [3]uint32
	for _, c := range []struct {
		name    string
		got     wholeArray
		n, c    int
		advised int // elements
		aligned bool
	}{
		{"bytes, one huge page", wholeOf[byte](5, Size), 5, Size, Size, true},
		{"bytes, a page and one", wholeOf[byte](Size+1, Size+1), Size + 1, Size + 1, 2 * Size, true},
		{"words, three pages and a half", wholeOf[uint64](0, 7*Size/16), 0, 7 * Size / 16, 4 * Size / 8, true},
		{"lines of 12 bytes", wholeOf[line12](3, Size/12+1), 3, Size/12 + 1, Size/12 + 1, false},
	} {
		g := c.got
		if g.len != c.n || g.cap != c.c {
			t.Errorf("%s: len %d cap %d, want %d and %d", c.name, g.len, g.cap, c.n, c.c)
		}
		if g.advised != c.advised || g.advisedAt != g.at {
			t.Errorf("%s: advised %d elements from %#x, want %d from the array's start %#x", c.name, g.advised, g.advisedAt, c.advised, g.at)
		}
		if c.aligned && g.at%Size != 0 {
			t.Errorf("%s: the array starts at %#x, not at a huge page boundary", c.name, g.at)
		}
	}
}

// Make places an array of a huge page or more at a huge page boundary,
// and a smaller one as make does.
func TestMakeWhole(t *testing.T) {
	for _, c := range []struct{ n, c int }{{0, Size / 8}, {5, 3*Size/8 + 1}, {Size / 8, Size / 8}} {
		s := Make[uint64](c.n, c.c)
		if len(s) != c.n || cap(s) != c.c {
			t.Errorf("Make(%d, %d): len %d cap %d", c.n, c.c, len(s), cap(s))
		}
		if at := uintptr(unsafe.Pointer(unsafe.SliceData(s))); at%Size != 0 {
			t.Errorf("Make(%d, %d) starts at %#x, not at a huge page boundary", c.n, c.c, at)
		}
	}
	if s := Make[uint64](3, Size/8-1); len(s) != 3 || cap(s) != Size/8-1 {
		t.Errorf("Make under a huge page: len %d cap %d", len(s), cap(s))
	}
}

// wholeArray is what whole made: where the array and its advice start,
// the elements advised, the array's length and capacity.
type wholeArray struct {
	at, advisedAt     uintptr
	advised, len, cap int
}

// wholeOf runs whole for E; every element up to the capacity must be
// zero.
func wholeOf[E comparable](n, c int) wholeArray {
	var adv []E
	s := whole(n, c, func(a []E) { adv = a })
	var zero E
	for i, v := range s[:cap(s)] {
		if v != zero {
			panic(fmt.Sprintf("element %d is %v", i, v))
		}
	}
	return wholeArray{uintptr(unsafe.Pointer(unsafe.SliceData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(adv))), len(adv), len(s), cap(s)}
}
