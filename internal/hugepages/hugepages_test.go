package hugepages

import "testing"

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
