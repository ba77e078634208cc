package movement

import (
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Snapshot is the segmentation of a customer base as of one date: for each
// customer, the label of every typology and, optionally, the reasons
// behind it. Two snapshots give the movement between them ([Compare]).
// It is small in memory (a byte per customer and typology, plus the ids)
// and saves to a stable JSON Lines format ([Snapshot.WriteTo],
// [ReadSnapshot]) so that tonight's run can be compared with last month's.
//
// A Snapshot is not safe for concurrent modification; reading is safe once
// it is no longer modified.
type Snapshot struct {
	asOf    segment.Date
	cols    []column
	ids     []string
	index   map[string]int32
	codes   []uint8            // codes[i*len(cols)+j]: label of customer i in column j, as an index into cols[j].dict
	reasons [][]segment.Reason // nil, or aligned with codes once any customer has reasons
}

// column holds one typology's labels, interned: a customer's label is a
// byte indexing dict.
type column struct {
	name string
	dict []string
	code map[string]uint8
}

// NewSnapshot returns an empty snapshot as of asOf for the typologies
// named (the keys of [Typology.Name]); names must be distinct and not
// empty, at most [MaxTypologies] of them.
func NewSnapshot(asOf segment.Date, typologies ...string) (*Snapshot, error) {
	if len(typologies) == 0 {
		return nil, fmt.Errorf("movement: snapshot without typologies")
	}
	if len(typologies) > MaxTypologies {
		return nil, fmt.Errorf("movement: snapshot of %d typologies; the limit is %d", len(typologies), MaxTypologies)
	}
	s := &Snapshot{asOf: asOf, index: make(map[string]int32)}
	for _, name := range typologies {
		if name == "" {
			return nil, fmt.Errorf("movement: snapshot typology with an empty name")
		}
		if s.column(name) >= 0 {
			return nil, fmt.Errorf("movement: snapshot typology %q given twice", name)
		}
		s.cols = append(s.cols, column{name: name, code: make(map[string]uint8)})
	}
	return s, nil
}

// column returns the index of the column of typology name, or -1.
func (s *Snapshot) column(name string) int {
	for j := range s.cols {
		if s.cols[j].name == name {
			return j
		}
	}
	return -1
}

// AsOf returns the date the snapshot describes.
func (s *Snapshot) AsOf() segment.Date { return s.asOf }

// Typologies returns the names of the snapshot's typologies, in column
// order.
func (s *Snapshot) Typologies() []string {
	out := make([]string, len(s.cols))
	for j := range s.cols {
		out[j] = s.cols[j].name
	}
	return out
}

// Len returns the number of customers.
func (s *Snapshot) Len() int { return len(s.ids) }

// IDs yields the customer ids in the order they were added.
func (s *Snapshot) IDs() iter.Seq[string] { return slices.Values(s.ids) }

// Has reports whether the snapshot holds customer id.
func (s *Snapshot) Has(id string) bool {
	_, ok := s.index[id]
	return ok
}

// Label returns the label name customer id has in typology, and false when
// the snapshot holds no such customer or typology.
func (s *Snapshot) Label(id, typology string) (string, bool) {
	i, ok := s.index[id]
	j := s.column(typology)
	if !ok || j < 0 {
		return "", false
	}
	return s.cols[j].dict[s.codes[int(i)*len(s.cols)+j]], true
}

// Reasons returns the reasons kept for customer id's label in typology, or
// nil. The slice is the snapshot's own: do not modify it.
func (s *Snapshot) Reasons(id, typology string) []segment.Reason {
	i, ok := s.index[id]
	j := s.column(typology)
	if !ok || j < 0 || s.reasons == nil {
		return nil
	}
	return s.reasons[int(i)*len(s.cols)+j]
}

// Add records customer id with one label name per typology, in the order
// of [Snapshot.Typologies], and optionally the reasons behind each label
// (nil, or one slice per typology; the snapshot keeps them, so do not
// modify them afterwards). An empty or repeated id, a wrong number of
// labels or reasons, an empty label, or more than 256 distinct labels in
// one typology is an error naming the customer.
func (s *Snapshot) Add(id string, labels []string, reasons [][]segment.Reason) error {
	rec := "customer " + strconv.Quote(id)
	switch {
	case id == "":
		return &segment.FieldError{Record: rec, Field: "id", Err: segment.ErrEmpty}
	case s.Has(id):
		return &segment.FieldError{Record: rec, Field: "id", Value: id, Err: errDuplicate}
	case len(labels) != len(s.cols):
		return &segment.FieldError{Record: rec, Field: "labels", Value: strconv.Itoa(len(labels)),
			Err: fmt.Errorf("want one per typology (%d)", len(s.cols))}
	case reasons != nil && len(reasons) != len(s.cols):
		return &segment.FieldError{Record: rec, Field: "reasons", Value: strconv.Itoa(len(reasons)),
			Err: fmt.Errorf("want none or one list per typology (%d)", len(s.cols))}
	}
	var codes [MaxTypologies]uint8
	for j, name := range labels {
		c, err := s.cols[j].intern(name)
		if err != nil {
			return &segment.FieldError{Record: rec, Field: s.cols[j].name, Value: name, Err: err}
		}
		codes[j] = c
	}
	s.add(id, codes[:len(s.cols)], reasons)
	return nil
}

var errDuplicate = fmt.Errorf("customer already in the snapshot")

// intern returns the code of label name, adding it to the dictionary.
func (c *column) intern(name string) (uint8, error) {
	if name == "" {
		return 0, segment.ErrEmpty
	}
	if code, ok := c.code[name]; ok {
		return code, nil
	}
	if len(c.dict) > 255 {
		return 0, fmt.Errorf("more than 256 distinct labels in typology %q", c.name)
	}
	code := uint8(len(c.dict))
	c.dict = append(c.dict, name)
	c.code[name] = code
	return code, nil
}

// add appends a customer whose id is new and whose codes are valid.
func (s *Snapshot) add(id string, codes []uint8, reasons [][]segment.Reason) {
	if reasons != nil && s.reasons == nil {
		s.reasons = make([][]segment.Reason, len(s.codes), cap(s.codes))
	}
	s.index[id] = int32(len(s.ids))
	s.ids = append(s.ids, id)
	s.codes = append(s.codes, codes...)
	if s.reasons != nil {
		if reasons == nil {
			for range s.cols {
				s.reasons = append(s.reasons, nil)
			}
		} else {
			s.reasons = append(s.reasons, reasons...)
		}
	}
}
