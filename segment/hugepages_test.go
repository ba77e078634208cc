package segment

import "testing"

// The advice leaves every slice as it was, whatever its size and
// alignment, and the memory stays usable.
func TestAdviseHugePagesKeepsMemory(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 262_143, 262_144, 1_000_003} {
		s := make([]line, n)
		for _, from := range []int{0, 1, 3} {
			if from > n {
				continue
			}
			part := s[from:]
			adviseHugePages(part)
			for i := range part {
				part[i] = newLine(int32(i), int32(i%(1<<22)), int64(i), 0, 0)
			}
			for i := range part {
				if part[i].cust != int32(i) || part[i].micro != int64(i) {
					t.Fatalf("n %d from %d: line %d changed", n, from, i)
				}
			}
		}
	}
	adviseHugePages([]byte(nil))
	adviseHugePages(make([]struct{}, 10))
}
