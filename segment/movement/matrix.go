package movement

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// Matrix is the movement of one typology's customers between two
// snapshots: how many went from each label to each label, and how many
// joined (only in the later snapshot) or left (only in the earlier one).
// Rows and columns are indexed by label value, the unknown label (0)
// included: a customer the typology could not place is counted too.
//
// Every customer of either snapshot is counted exactly once:
//
//	sum(Counts) + sum(Joined) + sum(Left) = customers in either snapshot
type Matrix struct {
	Typology segment.LabelInfo   // the typology's name and titles
	Labels   []segment.LabelInfo // its labels, by value
	Since    segment.Date        // the earlier snapshot's date
	AsOf     segment.Date        // the later snapshot's date
	Counts   [][]int             // Counts[from][to], customers in both snapshots
	Joined   []int               // by label in the later snapshot
	Left     []int               // by label in the earlier snapshot
}

func newMatrix(t *Typology, since, asOf segment.Date) *Matrix {
	n := len(t.labels)
	m := &Matrix{Typology: t.info, Labels: t.Labels(), Since: since, AsOf: asOf,
		Counts: make([][]int, n), Joined: make([]int, n), Left: make([]int, n)}
	cells := make([]int, n*n)
	for i := range m.Counts {
		m.Counts[i] = cells[i*n : (i+1)*n : (i+1)*n]
	}
	return m
}

// Stayed returns the number of customers with the same label in both
// snapshots.
func (m *Matrix) Stayed() int {
	n := 0
	for i := range m.Counts {
		n += m.Counts[i][i]
	}
	return n
}

// Moved returns the number of customers in both snapshots whose label
// changed.
func (m *Matrix) Moved() int {
	n := 0
	for i := range m.Counts {
		for j, c := range m.Counts[i] {
			if i != j {
				n += c
			}
		}
	}
	return n
}

// TotalJoined returns the number of customers only in the later snapshot.
func (m *Matrix) TotalJoined() int { return sum(m.Joined) }

// TotalLeft returns the number of customers only in the earlier snapshot.
func (m *Matrix) TotalLeft() int { return sum(m.Left) }

// Before returns the number of customers with label l in the earlier
// snapshot (stayed, moved away, or left); 0 for l out of range.
func (m *Matrix) Before(l int) int {
	if l < 0 || l >= len(m.Counts) {
		return 0
	}
	return sum(m.Counts[l]) + m.Left[l]
}

// After returns the number of customers with label l in the later
// snapshot (stayed, moved in, or joined); 0 for l out of range.
func (m *Matrix) After(l int) int {
	if l < 0 || l >= len(m.Counts) {
		return 0
	}
	n := m.Joined[l]
	for i := range m.Counts {
		n += m.Counts[i][l]
	}
	return n
}

// Merge adds the counts of o, a matrix of the same typology and dates
// (from another shard of the base), to m.
func (m *Matrix) Merge(o *Matrix) error {
	if o.Typology.Name != m.Typology.Name || len(o.Labels) != len(m.Labels) || o.Since != m.Since || o.AsOf != m.AsOf {
		return fmt.Errorf("movement: cannot merge the %s matrix %s..%s with the %s matrix %s..%s",
			o.Typology.Name, o.Since, o.AsOf, m.Typology.Name, m.Since, m.AsOf)
	}
	for i := range m.Counts {
		for j := range m.Counts[i] {
			m.Counts[i][j] += o.Counts[i][j]
		}
		m.Joined[i] += o.Joined[i]
		m.Left[i] += o.Left[i]
	}
	return nil
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
