package ingest

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// LoadSignals reads a CRM export of signals into l (see
// [segment.Ledger.SetSignals]): one row per customer, the customer id in
// Options.IDColumn and any of the signals named by
// [segment.SignalNames] as further columns. An empty cell leaves that
// signal unknown. A column that names no signal is an error at the header
// (a misspelt column must not silently become "unknown" for everyone), and
// so is a customer on two rows.
//
// Bad rows stop the load, or with skipInvalid are skipped and counted, as
// in [LoadOrders].
func LoadSignals(r io.Reader, l *segment.Ledger, opts *Options, skipInvalid bool) (Stats, error) {
	o := opts.withDefaults()
	rec := newRecords(r, o.MaxLineBytes)
	var st Stats
	header, index, err := rec.header()
	if err != nil {
		return st, err
	}
	idCol, ok := index[strings.ToLower(o.IDColumn)]
	if !ok {
		return st, &Error{Line: 1, Column: o.IDColumn, Value: strings.Join(header, ","), Err: fmt.Errorf("header has no column %q", o.IDColumn)}
	}
	known := segment.SignalNames()
	for i, name := range header {
		if i != idCol && !slices.Contains(known, name) {
			return st, &Error{Line: 1, Column: name, Value: name,
				Err: fmt.Errorf("not a signal; known signals: %s", strings.Join(known, ", "))}
		}
	}
	seen := make(map[string]int) // customer id -> line
	for {
		fields, line, err := rec.record()
		if err == io.EOF {
			st.Lines = rec.line
			return st, nil
		}
		var re *Error
		if err != nil && !errors.As(err, &re) {
			return st, err
		}
		if err == nil && blank(fields) {
			st.Blank++
			continue
		}
		st.Rows++
		if err == nil {
			err = signalRow(l, header, idCol, fields, line, seen)
		}
		if err != nil {
			if !skipInvalid {
				st.Lines = rec.line
				return st, err
			}
			st.Skipped++
			if len(st.Errors) < MaxReported {
				st.Errors = append(st.Errors, err)
			}
			continue
		}
		st.Loaded++
	}
}

func signalRow(l *segment.Ledger, header []string, idCol int, fields [][]byte, line int, seen map[string]int) error {
	if len(fields) != len(header) {
		return &Error{Line: line, Value: clip([]byte(fmt.Sprint(len(fields)))),
			Err: fmt.Errorf("%w: %d, the header has %d", ErrFieldCount, len(fields), len(header))}
	}
	id := strings.TrimSpace(string(fields[idCol]))
	if id == "" {
		return &Error{Line: line, Column: header[idCol], Err: segment.ErrEmpty}
	}
	if first, dup := seen[id]; dup {
		return &Error{Line: line, Column: header[idCol], Value: id, Err: fmt.Errorf("customer already on line %d", first)}
	}
	var s segment.Signals
	for i, f := range fields {
		if i == idCol {
			continue
		}
		if err := s.Set(header[i], string(f)); err != nil {
			var fe *segment.FieldError
			if errors.As(err, &fe) {
				err = fe.Err
			}
			return &Error{Line: line, Column: header[i], Value: clip(f), Err: err}
		}
	}
	if err := l.SetSignals(id, s); err != nil {
		return &Error{Line: line, Column: header[idCol], Value: id, Err: err}
	}
	seen[id] = line
	return nil
}
