package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// Options name the columns and bound the input. The zero value means the
// defaults given on each field.
type Options struct {
	IDColumn     string // customer id; default "customer_id"
	DateColumn   string // default "date"
	AmountColumn string // default "amount"
	OrderColumn  string // order id, optional; default "order_id"

	// Optional flag columns; defaults "return", "discounted",
	// "new_product", "premium".
	ReturnColumn     string
	DiscountedColumn string
	NewProductColumn string
	PremiumColumn    string

	// MaxLineBytes bounds one record (a quoted field may span lines);
	// default 64 KiB. A longer record is an error for that record, and
	// reading goes on with the next line.
	MaxLineBytes int
}

// DefaultMaxLineBytes is the default bound on one record.
const DefaultMaxLineBytes = 64 << 10

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&out.IDColumn, "customer_id")
	def(&out.DateColumn, "date")
	def(&out.AmountColumn, "amount")
	def(&out.OrderColumn, "order_id")
	def(&out.ReturnColumn, "return")
	def(&out.DiscountedColumn, "discounted")
	def(&out.NewProductColumn, "new_product")
	def(&out.PremiumColumn, "premium")
	if out.MaxLineBytes <= 0 {
		out.MaxLineBytes = DefaultMaxLineBytes
	}
	return out
}

// Error is a problem with one record: the line it starts on, the column
// and the value at fault.
type Error struct {
	Line   int    // 1-based line number where the record starts
	Column string // header name of the column; empty for the record as a whole
	Value  string // the offending text (cut to 80 bytes)
	Err    error  // what is wrong
}

// Error reads: ingest: line 12, column "amount", value "1,5": <what>.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ingest: line %d", e.Line)
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	fmt.Fprintf(&b, ", value %q: %v", e.Value, e.Err)
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Causes wrapped by [Error], for callers that branch on them.
var (
	ErrFieldCount = errors.New("wrong number of fields")
	ErrLineLength = errors.New("record longer than the line limit")
	ErrQuote      = errors.New("bad quoting")
	ErrAmount     = errors.New("not an amount with '.' decimals")
	ErrFlag       = errors.New("not a flag: want 1/0, true/false or yes/no")
)

// OrderReader reads orders from a CSV export. It is not safe for
// concurrent use.
type OrderReader struct {
	records
	parser
	opts  Options
	blank int
}

// parser turns the fields of a record into an order. The reader has one,
// and so has each goroutine of [LoadOrders].
type parser struct {
	names  []string // the header's column names
	cols   columns
	lastID string   // the previous row's customer id, reused when equal
	key    bulk.Key // of the ledger's hash of ids, for the block reader

	// The last date parsed, and its text.
	date     segment.Date
	dateText []byte
	dateSet  bool
}

// columns holds the index of each column in the header, -1 when absent.
type columns struct {
	id, date, amount, order     int
	ret, disc, newProd, premium int
}

// NewOrderReader reads the header from r and returns a reader for the
// rows. It fails when the header lacks a required column or names one
// twice.
func NewOrderReader(r io.Reader, opts *Options) (*OrderReader, error) {
	o := opts.withDefaults()
	rd := &OrderReader{records: newRecords(r, o.MaxLineBytes), opts: o}
	header, index, err := rd.records.header()
	if err != nil {
		return nil, err
	}
	rd.names = header
	start := rd.line
	find := func(name string, required bool) (int, error) {
		i, ok := index[strings.ToLower(name)]
		if !ok {
			if required {
				return -1, &Error{Line: start, Column: name, Value: strings.Join(rd.names, ","),
					Err: fmt.Errorf("header has no column %q", name)}
			}
			return -1, nil
		}
		return i, nil
	}
	c := &rd.cols
	for _, f := range []struct {
		dst      *int
		name     string
		required bool
	}{
		{&c.id, o.IDColumn, true}, {&c.date, o.DateColumn, true}, {&c.amount, o.AmountColumn, true},
		{&c.order, o.OrderColumn, false}, {&c.ret, o.ReturnColumn, false}, {&c.disc, o.DiscountedColumn, false},
		{&c.newProd, o.NewProductColumn, false}, {&c.premium, o.PremiumColumn, false},
	} {
		if *f.dst, err = find(f.name, f.required); err != nil {
			return nil, err
		}
	}
	return rd, nil
}

// Header returns the header's column names, lower-cased.
func (r *OrderReader) Header() []string { return append([]string(nil), r.names...) }

// Line returns the number of lines read so far.
func (r *OrderReader) Line() int { return r.line }

// Blank returns the number of blank lines skipped so far.
func (r *OrderReader) Blank() int { return r.blank }

// Read returns the next order, io.EOF at the end of the input, or an
// [*Error] for a bad record; after an *Error, the next call reads the next
// record. Other errors come from the underlying reader and end reading.
func (r *OrderReader) Read() (segment.Order, error) {
	for {
		rec, start, err := r.record()
		if err != nil {
			return segment.Order{}, err
		}
		if blank(rec) {
			r.blank++
			continue
		}
		return r.order(rec, start)
	}
}

// All returns the rows as a sequence of (order, error) pairs, ending at the
// end of the input or after an error that is not an [*Error].
func (r *OrderReader) All() iter.Seq2[segment.Order, error] {
	return func(yield func(segment.Order, error) bool) {
		for {
			o, err := r.Read()
			if err == io.EOF {
				return
			}
			var re *Error
			if !yield(o, err) || (err != nil && !errors.As(err, &re)) {
				return
			}
		}
	}
}

func (r *parser) order(rec [][]byte, line int) (segment.Order, error) {
	if err := r.fieldCount(rec, line); err != nil {
		return segment.Order{}, err
	}
	var o segment.Order
	id := trimSpace(rec[r.cols.id])
	if string(id) != r.lastID {
		r.lastID = string(id)
	}
	o.Customer = r.lastID
	if o.Customer == "" {
		return o, r.bad(rec, line, r.cols.id, segment.ErrEmpty)
	}
	return o, r.values(rec, line, &o, true)
}

// fieldCount checks that rec has a field for each column of the header.
func (r *parser) fieldCount(rec [][]byte, line int) error {
	if len(rec) == len(r.names) {
		return nil
	}
	col := ""
	if len(rec) < len(r.names) {
		col = r.names[len(rec)]
	}
	return &Error{Line: line, Column: col, Value: clip(bytes.Join(rec, []byte(","))),
		Err: fmt.Errorf("%w: %d, the header has %d", ErrFieldCount, len(rec), len(r.names))}
}

// bad is the error of field col of rec.
func (r *parser) bad(rec [][]byte, line, col int, err error) error {
	return &Error{Line: line, Column: r.names[col], Value: clip(rec[col]), Err: err}
}

// values reads the rest of an order whose customer is set (and not empty)
// from rec: the date, the amount, the order id if withID, and the flags,
// and checks it as [segment.Ledger.Add] would.
func (r *parser) values(rec [][]byte, line int, o *segment.Order, withID bool) error {
	c := &r.cols
	if text := trimSpace(rec[c.date]); !r.dateSet || !bytes.Equal(text, r.dateText) {
		// Order logs come in date order: most lines repeat the date of
		// the line before.
		date, err := segment.ParseDateBytes(text)
		if err != nil {
			return r.bad(rec, line, c.date, err)
		}
		r.date, r.dateText, r.dateSet = date, append(r.dateText[:0], text...), true
	}
	o.Date = r.date
	var err error
	if o.Amount, err = parseAmount(trimSpace(rec[c.amount])); err != nil {
		return r.bad(rec, line, c.amount, err)
	}
	if c.order >= 0 && withID {
		o.ID = string(trimSpace(rec[c.order]))
	}
	for _, f := range []struct {
		col  int
		flag segment.Flags
	}{{c.ret, segment.Return}, {c.disc, segment.Discounted}, {c.newProd, segment.NewProduct}, {c.premium, segment.Premium}} {
		if f.col < 0 {
			continue
		}
		set, known, err := parseFlag(trimSpace(rec[f.col]))
		if err != nil {
			return r.bad(rec, line, f.col, err)
		}
		if known {
			o.Known |= f.flag
		}
		if set {
			o.Flags |= f.flag
		}
	}
	if err := o.Validate(); err != nil {
		// The error names the order by its customer and id, which
		// this one replaces by the line.
		var fe *segment.FieldError
		col := c.amount
		if errors.As(err, &fe) && fe.Field == "date" {
			col = c.date
		}
		return r.bad(rec, line, col, errors.Unwrap(err))
	}
	return nil
}

// trimSpace is bytes.TrimSpace, quicker for a field with nothing to trim
// (most are).
func trimSpace(b []byte) []byte {
	if untrimmed(b) {
		return b
	}
	return bytes.TrimSpace(b)
}

// untrimmed reports whether b is not empty and neither starts nor ends
// with a space or a byte of a multi-byte character: a field with nothing
// to trim, told from its two ends.
func untrimmed(b []byte) bool {
	n := len(b)
	return n > 0 && b[0] > ' ' && b[0] < utf8.RuneSelf && b[n-1] > ' ' && b[n-1] < utf8.RuneSelf
}

func clip(b []byte) string {
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// parseAmount parses [sign] digits [. digits]. Up to 15 significant
// digits it computes mantissa / 10^k, which is exact in both operands and
// therefore correctly rounded, the same float64 strconv.ParseFloat gives,
// at a fraction of the cost; longer numbers go to ParseFloat.
func parseAmount(b []byte) (float64, error) {
	if len(b) == 0 {
		return 0, segment.ErrEmpty
	}
	i, neg := 0, false
	if b[0] == '-' || b[0] == '+' {
		neg, i = b[0] == '-', 1
	}
	var mant uint64
	sig, frac := 0, 0
	seen, dot, exact := false, false, true
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			seen = true
			if sig >= 15 {
				exact = false
				continue
			}
			mant = mant*10 + uint64(c-'0')
			if mant != 0 {
				sig++
			}
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		case c == ',':
			return 0, fmt.Errorf("%w (a comma is not a decimal separator here)", ErrAmount)
		default:
			return 0, ErrAmount
		}
	}
	if !seen {
		return 0, ErrAmount
	}
	if exact && frac < len(pow10) {
		v := float64(mant) / pow10[frac]
		if neg {
			v = -v
		}
		return v, nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, ErrAmount
	}
	return v, nil
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func parseFlag(b []byte) (set, known bool, err error) {
	switch strings.ToLower(string(b)) {
	case "":
		return false, false, nil
	case "1", "true", "t", "yes", "y":
		return true, true, nil
	case "0", "false", "f", "no", "n":
		return false, true, nil
	}
	return false, false, ErrFlag
}
