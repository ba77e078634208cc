package rfm

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// CodeList is one segment of a [Partition] and the codes it takes.
type CodeList struct {
	Segment string `json:"segment"`
	Codes   []Code `json:"codes"`
}

// Partition is a map written as explicit code lists: each segment lists
// its codes, and together the lists must hold each of the 125 codes
// exactly once. It is the form that cannot hide a gap or an overlap, and
// the form of [DefaultPartition]. In JSON:
//
//	{"segments": [
//	  {"segment": "Champions", "codes": ["555", "554", "553"]},
//	  {"segment": "Loyal", "codes": ["545", "544"]}
//	]}
type Partition struct {
	Segments []CodeList `json:"segments"`
}

// ErrNotPartition is wrapped by [Partition.Compile] when the lists leave
// codes out or list a code twice; [Partition.Check] says which.
var ErrNotPartition = errors.New("not a partition of the 125 codes")

// ParsePartition reads a partition from JSON, strictly: unknown fields,
// codes that are not three digits 1-5, and every problem
// [Partition.Validate] finds are errors naming the list (segments[2]) and
// the field.
func ParsePartition(data []byte) (Partition, error) {
	var raw struct {
		Segments []json.RawMessage `json:"segments"`
	}
	if err := decode("partition", data, &raw); err != nil {
		return Partition{}, fmt.Errorf("rfm: %w", err)
	}
	if len(raw.Segments) > MaxSegments {
		return Partition{}, fmt.Errorf("rfm: %w", tooManyLists(len(raw.Segments)))
	}
	p := Partition{Segments: make([]CodeList, len(raw.Segments))}
	for i, b := range raw.Segments {
		record := "segments[" + strconv.Itoa(i) + "]"
		var l struct {
			Segment string   `json:"segment"`
			Codes   []string `json:"codes"`
		}
		if err := strictDecode(b, &l); err != nil {
			return Partition{}, fmt.Errorf("rfm: %w", jsonFieldError(record, err))
		}
		if len(l.Codes) > codes {
			return Partition{}, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "codes", Value: strconv.Itoa(len(l.Codes)) + " codes",
				Err: fmt.Errorf("%w: there are only %d codes", segment.ErrRange, codes)})
		}
		cl := CodeList{Segment: l.Segment, Codes: make([]Code, len(l.Codes))}
		for j, s := range l.Codes {
			c, err := ParseCode(s)
			if err != nil {
				return Partition{}, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "codes[" + strconv.Itoa(j) + "]", Value: s, Err: errCode})
			}
			cl.Codes[j] = c
		}
		p.Segments[i] = cl
	}
	return p, p.Validate()
}

func tooManyLists(n int) error {
	return &segment.FieldError{Field: "segments", Value: strconv.Itoa(n) + " lists", Err: fmt.Errorf("%w: at most %d", segment.ErrRange, MaxSegments)}
}

// Validate reports every malformed list, joined, each as a
// [*segment.FieldError] naming the list and the field: no lists, more than
// [MaxSegments], a segment name that is empty, too long, reserved or
// listed twice, an invalid code, or a code repeated within one list. Codes
// missing from every list or listed under two segments are
// [Partition.Check]'s findings.
func (p Partition) Validate() error {
	_, _, err := p.resolve()
	return err
}

func (p Partition) resolve() (*labelBuilder, []Segment, error) {
	if len(p.Segments) == 0 {
		return nil, nil, fmt.Errorf("rfm: %w", &segment.FieldError{Field: "segments", Err: segment.ErrEmpty})
	}
	if len(p.Segments) > MaxSegments {
		return nil, nil, fmt.Errorf("rfm: %w", tooManyLists(len(p.Segments)))
	}
	b := newLabelBuilder()
	segs := make([]Segment, len(p.Segments))
	first := make(map[Segment]int)
	var errs []error
	for i, l := range p.Segments {
		record := "segments[" + strconv.Itoa(i) + "]"
		s, err := b.resolve(l.Segment)
		if err != nil {
			errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "segment", Value: l.Segment, Err: err}))
		} else if j, dup := first[s]; dup {
			errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "segment", Value: l.Segment,
				Err: fmt.Errorf("segments[%d] is the same segment; merge the lists", j)}))
		} else {
			first[s] = i
		}
		segs[i] = s
		seen := make(map[Code]int, len(l.Codes))
		for j, c := range l.Codes {
			field := "codes[" + strconv.Itoa(j) + "]"
			if !c.Valid() {
				errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: field, Value: c.String(), Err: errCode}))
				continue
			}
			if k, dup := seen[c]; dup {
				errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: field, Value: c.String(),
					Err: fmt.Errorf("repeats codes[%d]", k)}))
				continue
			}
			seen[c] = j
		}
	}
	return b, segs, errors.Join(errs...)
}

// Check validates p and returns its findings: the codes no list holds
// (Unlisted) and the codes several lists hold (Duplicated, one finding
// per group of lists). No findings and no error means p is a partition.
func (p Partition) Check() ([]Finding, error) {
	_, _, findings, err := p.compile()
	return findings, err
}

// Compile validates p and builds its map. Findings are errors here (a
// code listed twice has no single segment; a code listed nowhere would be
// silently unassigned): the error wraps [ErrNotPartition] and describes
// each finding on its own line.
func (p Partition) Compile() (*Map, error) {
	b, table, findings, err := p.compile()
	if err != nil {
		return nil, err
	}
	if len(findings) > 0 {
		lines := make([]string, len(findings))
		for i, f := range findings {
			lines[i] = f.String()
		}
		return nil, fmt.Errorf("rfm: %w:\n%s", ErrNotPartition, strings.Join(lines, "\n"))
	}
	var origin [codes]int16
	for i, l := range p.Segments {
		for _, c := range l.Codes {
			origin[c.index()] = int16(i)
		}
	}
	return newMap(b.enum(), table, origin, "segments", len(p.Segments)), nil
}

func (p Partition) compile() (*labelBuilder, [codes]Segment, []Finding, error) {
	var table [codes]Segment
	b, segs, err := p.resolve()
	if err != nil {
		return nil, table, nil, err
	}
	var lists [codes][]int // the lists holding each code
	for i, l := range p.Segments {
		for _, c := range l.Codes {
			lists[c.index()] = append(lists[c.index()], i)
			table[c.index()] = segs[i]
		}
	}
	var findings []Finding
	var unlisted codeSet
	dups := make(map[string]*Finding)
	var order []string
	for c, ls := range lists {
		switch {
		case len(ls) == 0:
			unlisted.add(c)
		case len(ls) > 1:
			key := fmt.Sprint(ls)
			f, ok := dups[key]
			if !ok {
				f = &Finding{Kind: Duplicated, Index: -1}
				for _, i := range ls {
					f.Segments = append(f.Segments, p.Segments[i].Segment)
				}
				dups[key] = f
				order = append(order, key)
			}
			f.Codes = append(f.Codes, codeAt(c))
		}
	}
	if !unlisted.empty() {
		findings = append(findings, Finding{Kind: Unlisted, Index: -1, Codes: unlisted.list()})
	}
	for _, key := range order {
		findings = append(findings, *dups[key])
	}
	return b, table, slices.Clip(findings), nil
}

// ParseMap reads either form of map from JSON and compiles it: ordered
// range rules ({"rules": [...]}, optionally with "fallback") or an
// explicit partition ({"segments": [...]}). For rules, the findings are in
// [Map.Findings]; a partition with findings is an error.
func ParseMap(data []byte) (*Map, error) {
	var keys map[string]json.RawMessage
	if err := decode("map", data, &keys); err != nil {
		return nil, fmt.Errorf("rfm: %w", err)
	}
	var rules, lists bool
	for k := range keys {
		switch strings.ToLower(k) {
		case "rules", "fallback":
			rules = true
		case "segments":
			lists = true
		}
	}
	switch {
	case rules && lists:
		return nil, errors.New(`rfm: map: give either "rules" (ordered range rules) or "segments" (explicit code lists), not both`)
	case rules:
		rs, err := ParseRules(data)
		if err != nil {
			return nil, err
		}
		return rs.Compile()
	case lists:
		p, err := ParsePartition(data)
		if err != nil {
			return nil, err
		}
		return p.Compile()
	}
	return nil, errors.New(`rfm: map: want "rules" (ordered range rules) or "segments" (explicit code lists)`)
}
