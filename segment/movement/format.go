package movement

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/clientele-go/clientele/segment"
)

// The saved form of a snapshot is JSON Lines: a header line, then one line
// per customer in the snapshot's order.
//
//	{"format":"clientele.snapshot","version":1,"as_of":"2025-06-30","typologies":["rung","decision"]}
//	{"id":"C1","labels":{"rung":"regular","decision":"rational"}}
//	{"id":"C2","labels":{"rung":"new","decision":"unknown"},"reasons":{"rung":[{"rule":"new","label":"new","field":"occasions","value":1,"known":true,"op":"eq","threshold":1,"held":true}]}}
//
// Labels are the typologies' label names; reasons, present only in
// snapshots taken with them, are [segment.Reason] values as JSON. Readers
// of version 1 reject unknown keys, so a file is never half understood.
const (
	formatName    = "clientele.snapshot"
	formatVersion = 1
)

// MaxLineBytes bounds one line of a saved snapshot.
const MaxLineBytes = 1 << 20

type header struct {
	Format     string       `json:"format"`
	Version    int          `json:"version"`
	AsOf       segment.Date `json:"as_of"`
	Typologies []string     `json:"typologies"`
}

type customerLine struct {
	ID      string                      `json:"id"`
	Labels  map[string]string           `json:"labels"`
	Reasons map[string][]segment.Reason `json:"reasons,omitempty"`
}

// WriteTo writes the snapshot in its saved form (see [ReadSnapshot]) and
// returns the number of bytes written. An id or label that is not valid
// UTF-8, or a reason that JSON cannot hold (a NaN value), is an error
// naming the customer; nothing is altered to make it fit.
func (s *Snapshot) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var n int64
	write := func(b []byte) error {
		m, err := bw.Write(b)
		n += int64(m)
		return err
	}
	for _, c := range s.cols {
		if !utf8.ValidString(c.name) {
			return n, fmt.Errorf("movement: typology name %q is not valid UTF-8", c.name)
		}
	}
	head, err := json.Marshal(header{Format: formatName, Version: formatVersion, AsOf: s.asOf, Typologies: s.Typologies()})
	if err != nil {
		return n, fmt.Errorf("movement: snapshot header: %w", err)
	}
	if err := write(append(head, '\n')); err != nil {
		return n, err
	}
	var b []byte
	k := len(s.cols)
	for i, id := range s.ids {
		rec := "customer " + strconv.Quote(id)
		if !utf8.ValidString(id) {
			return n, &segment.FieldError{Record: rec, Field: "id", Value: id, Err: errNotUTF8}
		}
		b = append(b[:0], `{"id":`...)
		b = appendString(b, id)
		b = append(b, `,"labels":{`...)
		for j := range s.cols {
			if j > 0 {
				b = append(b, ',')
			}
			label := s.cols[j].dict[s.codes[i*k+j]]
			if !utf8.ValidString(label) {
				return n, &segment.FieldError{Record: rec, Field: s.cols[j].name, Value: label, Err: errNotUTF8}
			}
			b = appendString(b, s.cols[j].name)
			b = append(b, ':')
			b = appendString(b, label)
		}
		b = append(b, '}')
		if s.reasons != nil {
			first := true
			for j := range s.cols {
				rs := s.reasons[i*k+j]
				if len(rs) == 0 {
					continue
				}
				js, err := json.Marshal(rs)
				if err != nil {
					return n, &segment.FieldError{Record: rec, Field: "reasons." + s.cols[j].name, Err: err}
				}
				if first {
					b = append(b, `,"reasons":{`...)
					first = false
				} else {
					b = append(b, ',')
				}
				b = appendString(b, s.cols[j].name)
				b = append(b, ':')
				b = append(b, js...)
			}
			if !first {
				b = append(b, '}')
			}
		}
		b = append(b, "}\n"...)
		if err := write(b); err != nil {
			return n, err
		}
	}
	return n, bw.Flush()
}

var errNotUTF8 = errors.New("not valid UTF-8")

// appendString appends s, valid UTF-8, as a JSON string.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// ReadSnapshot reads a snapshot in the saved form [Snapshot.WriteTo]
// writes. The input is checked strictly: the header must name the format
// and version 1; every customer line must have a non-empty id not seen
// before and exactly one label per typology of the header; unknown keys,
// lines over [MaxLineBytes] and blank lines are errors. Errors are
// [*segment.FieldError]s naming the line.
func ReadSnapshot(r io.Reader) (*Snapshot, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	lineNo := 0
	bad := func(field, value string, err error) error {
		return fmt.Errorf("movement: %w", &segment.FieldError{Record: "snapshot line " + strconv.Itoa(lineNo), Field: field, Value: value, Err: err})
	}
	next := func() bool {
		lineNo++
		return sc.Scan()
	}
	if !next() {
		if err := sc.Err(); err != nil {
			return nil, bad("header", "", err)
		}
		return nil, bad("header", "", errors.New("empty input"))
	}
	var h header
	if err := decodeStrict(sc.Bytes(), &h); err != nil {
		return nil, bad("header", "", err)
	}
	switch {
	case h.Format != formatName:
		return nil, bad("format", h.Format, fmt.Errorf("want %q", formatName))
	case h.Version != formatVersion:
		return nil, bad("version", strconv.Itoa(h.Version), fmt.Errorf("want %d", formatVersion))
	}
	s, err := NewSnapshot(h.AsOf, h.Typologies...)
	if err != nil {
		return nil, bad("typologies", fmt.Sprint(h.Typologies), err)
	}
	labels := make([]string, len(s.cols))
	for next() {
		var c customerLine
		if err := decodeStrict(sc.Bytes(), &c); err != nil {
			return nil, bad("line", "", err)
		}
		for name := range c.Labels {
			if s.column(name) < 0 {
				return nil, bad("labels", name, fmt.Errorf("not a typology of the header %v", h.Typologies))
			}
		}
		for j := range s.cols {
			l, ok := c.Labels[s.cols[j].name]
			if !ok {
				return nil, bad("labels", s.cols[j].name, errors.New("missing"))
			}
			labels[j] = l
		}
		var reasons [][]segment.Reason
		if len(c.Reasons) > 0 {
			reasons = make([][]segment.Reason, len(s.cols))
			for name, rs := range c.Reasons {
				j := s.column(name)
				if j < 0 {
					return nil, bad("reasons", name, fmt.Errorf("not a typology of the header %v", h.Typologies))
				}
				if len(rs) > 0 { // an empty list is no reasons: nil, as Reasons says
					reasons[j] = rs
				}
			}
		}
		if err := s.Add(c.ID, labels, reasons); err != nil {
			return nil, fmt.Errorf("movement: snapshot line %d: %w", lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, bad("line", "", err)
	}
	return s, nil
}

// decodeStrict decodes one JSON value from b into v, refusing unknown
// keys, blank input and trailing data.
func decodeStrict(b []byte, v any) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return errors.New("blank line")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%s: a JSON %s where another type belongs", te.Field, te.Value)
		}
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}
