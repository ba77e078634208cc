package segment

import (
	"errors"
	"strconv"
	"strings"
)

// FieldError reports a bad value in one field of one record. Every package
// of clientele reports bad input with it (wrapped with the package's
// prefix), so a caller can always tell which record, which field and which
// value was at fault:
//
//	var fe *segment.FieldError
//	if errors.As(err, &fe) { log.Printf("fix %s in %s", fe.Field, fe.Record) }
type FieldError struct {
	Record string // the record, e.g. `customer "C1"` or `line 12`; may be empty
	Field  string // the field, e.g. "amount" or "sleeping_days"
	Value  string // the offending value as text
	Err    error  // what is wrong with it
}

// Error reads: <record>: <field> <value>: <what is wrong>.
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Record != "" {
		b.WriteString(e.Record)
		b.WriteString(": ")
	}
	b.WriteString(e.Field)
	b.WriteByte(' ')
	b.WriteString(strconv.Quote(e.Value))
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// Sentinel causes wrapped by [FieldError]s, for callers that branch on the
// kind of problem.
var (
	ErrEmpty     = errors.New("must not be empty")
	ErrNotFinite = errors.New("not a finite number")
	ErrRange     = errors.New("out of range")
)
