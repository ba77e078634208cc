package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// records splits CSV input into records, counting lines; the order and
// signal readers share it.
type records struct {
	src     io.Reader // what br reads: the input, or its file reader (see fileReader)
	br      *bufio.Reader
	max     int // bound on one record, in bytes
	line    int // lines consumed so far
	fields  [][]byte
	scratch []byte
}

func newRecords(r io.Reader, max int) records {
	src := fileReader(r)
	return records{src: src, br: bufio.NewReaderSize(src, max+1), max: max}
}

// header reads the header record and returns its names, lower-cased and
// trimmed, with a UTF-8 byte order mark removed, and the index of each name;
// a name given twice is an error.
func (r *records) header() ([]string, map[string]int, error) {
	// The mark goes before the record is parsed, so that a quoted first
	// name (\ufeff"customer_id", as spreadsheets export) reads as quoted.
	if bom, err := r.br.Peek(3); err == nil && string(bom) == "\xef\xbb\xbf" {
		_, _ = r.br.Discard(3)
	}
	rec, start, err := r.record()
	if err == io.EOF {
		return nil, nil, errors.New("ingest: empty input: no header line")
	}
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(rec))
	index := make(map[string]int, len(rec))
	for i, f := range rec {
		name := strings.ToLower(strings.TrimSpace(string(f)))
		if j, dup := index[name]; dup && name != "" {
			return nil, nil, &Error{Line: start, Column: name, Value: name, Err: fmt.Errorf("header names the column twice (fields %d and %d)", j+1, i+1)}
		}
		index[name] = i
		names = append(names, name)
	}
	return names, index, nil
}

// blank reports whether a record is an empty line.
func blank(rec [][]byte) bool { return len(rec) == 1 && len(bytes.TrimSpace(rec[0])) == 0 }

// readLine returns the next line without its line end, valid until the
// next read. A line longer than the limit is consumed and reported as an
// [*Error].
func (r *records) readLine() ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	switch {
	case err == bufio.ErrBufferFull:
		head := clip(b)
		for err == bufio.ErrBufferFull {
			_, err = r.br.ReadSlice('\n')
		}
		r.line++
		if err != nil && err != io.EOF {
			return nil, err
		}
		return nil, &Error{Line: r.line, Value: head, Err: ErrLineLength}
	case err == io.EOF && len(b) == 0:
		return nil, io.EOF
	case err != nil && err != io.EOF:
		return nil, err
	}
	r.line++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, nil
}

// record reads the next record and returns its fields (valid until the next
// call) and the line it starts on.
func (r *records) record() ([][]byte, int, error) {
	line, err := r.readLine()
	start := r.line
	if err != nil {
		return nil, start, err
	}
	r.fields = r.fields[:0]
	if bytes.IndexByte(line, '"') < 0 {
		for {
			i := bytes.IndexByte(line, ',')
			if i < 0 {
				r.fields = append(r.fields, line)
				return r.fields, start, nil
			}
			r.fields = append(r.fields, line[:i])
			line = line[i+1:]
		}
	}
	return r.quoted(line, start)
}

// quoted parses a record with double quotes per RFC 4180; a quoted field
// may continue on the following lines.
func (r *records) quoted(line []byte, start int) ([][]byte, int, error) {
	raw := clip(line) // the record as written, for messages
	buf := r.scratch[:0]
	var ends []int // end offset in buf of each field
	inQuotes, fieldStart, afterQuote := false, true, false
	for {
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case inQuotes && c == '"':
				if i+1 < len(line) && line[i+1] == '"' {
					buf = append(buf, '"')
					i++
				} else {
					inQuotes, afterQuote = false, true
				}
			case inQuotes:
				buf = append(buf, c)
			case c == ',':
				ends = append(ends, len(buf))
				fieldStart, afterQuote = true, false
				continue
			case c == '"' && fieldStart:
				inQuotes = true
			case c == '"' || afterQuote:
				r.scratch = buf
				return nil, start, &Error{Line: start, Value: raw, Err: ErrQuote}
			default:
				buf = append(buf, c)
			}
			fieldStart = false
		}
		if !inQuotes {
			break
		}
		// The quoted field goes on after the line break.
		buf = append(buf, '\n')
		if len(buf) > r.max {
			r.scratch = buf
			return nil, start, &Error{Line: start, Value: raw, Err: ErrLineLength}
		}
		next, err := r.readLine()
		if err == io.EOF {
			r.scratch = buf
			return nil, start, &Error{Line: start, Value: raw, Err: ErrQuote}
		}
		if err != nil {
			return nil, start, err
		}
		line = next
	}
	ends = append(ends, len(buf))
	r.scratch = buf
	from := 0
	for _, end := range ends {
		r.fields = append(r.fields, buf[from:end])
		from = end
	}
	return r.fields, start, nil
}
