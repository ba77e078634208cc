package rfm

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Code is a customer's RFM code: the recency, frequency and monetary
// scores, each 1..5 (5 best). The zero Code means "no code": the customer
// has no purchase occasion, or facts RFM cannot score (see
// [Classifier.Code]). There are 125 valid codes.
type Code struct {
	R, F, M uint8
}

// codes is the number of valid codes.
const codes = 125

// Valid reports whether every score of c is in 1..5.
func (c Code) Valid() bool {
	return c.R-1 < 5 && c.F-1 < 5 && c.M-1 < 5
}

// index numbers the valid codes 0..124 in the order 111, 112, ..., 555.
func (c Code) index() int {
	return int(c.R-1)*25 + int(c.F-1)*5 + int(c.M-1)
}

// codeAt is the inverse of index.
func codeAt(i int) Code {
	return Code{R: uint8(i/25 + 1), F: uint8(i/5%5 + 1), M: uint8(i%5 + 1)}
}

// String returns the three digits, e.g. "545"; "none" for the zero Code,
// and "Code(r,f,m)" for an invalid one.
func (c Code) String() string {
	switch {
	case c == Code{}:
		return "none"
	case !c.Valid():
		return fmt.Sprintf("Code(%d,%d,%d)", c.R, c.F, c.M)
	}
	return string([]byte{'0' + c.R, '0' + c.F, '0' + c.M})
}

// Int returns the code as the number a spreadsheet shows, e.g. 545, and 0
// for the zero Code.
func (c Code) Int() int {
	return int(c.R)*100 + int(c.F)*10 + int(c.M)
}

var errCode = errors.New("want three digits 1-5, recency first, e.g. 545")

// ParseCode parses three digits 1..5 ("545"). The error is a
// [*segment.FieldError] naming the field "code".
func ParseCode(s string) (Code, error) {
	if len(s) != 3 {
		return Code{}, &segment.FieldError{Field: "code", Value: s, Err: errCode}
	}
	c := Code{R: s[0] - '0', F: s[1] - '0', M: s[2] - '0'}
	if !c.Valid() {
		return Code{}, &segment.FieldError{Field: "code", Value: s, Err: errCode}
	}
	return c, nil
}

// MarshalText writes the three digits; the zero Code is empty text, an
// invalid code an error.
func (c Code) MarshalText() ([]byte, error) {
	if c == (Code{}) {
		return []byte{}, nil
	}
	if !c.Valid() {
		return nil, &segment.FieldError{Field: "code", Value: c.String(), Err: segment.ErrRange}
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads what MarshalText writes.
func (c *Code) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Code{}
		return nil
	}
	v, err := ParseCode(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Range is an inclusive range of scores, lo..hi within 1..5, used by
// [Rule]s. In JSON it is a two-element array, [4, 5]. The zero Range means
// any score (1..5): a rule that leaves out a dimension does not look at it.
type Range struct {
	Lo, Hi uint8
}

// IsZero reports whether r is the zero Range (any score); it lets the
// omitzero JSON option leave such dimensions out.
func (r Range) IsZero() bool { return r == Range{} }

// bounds returns the inclusive bounds, 1..5 for the zero Range.
func (r Range) bounds() (lo, hi uint8) {
	if r.IsZero() {
		return 1, 5
	}
	return r.Lo, r.Hi
}

// Contains reports whether score s is in r.
func (r Range) Contains(s uint8) bool {
	lo, hi := r.bounds()
	return lo <= s && s <= hi
}

// check reports why r is neither the zero Range nor 1 <= lo <= hi <= 5.
func (r Range) check() error {
	switch {
	case r.IsZero():
		return nil
	case r.Lo < 1 || r.Lo > 5 || r.Hi < 1 || r.Hi > 5:
		return fmt.Errorf("%w: scores are 1..5", segment.ErrRange)
	case r.Lo > r.Hi:
		return fmt.Errorf("lo %d > hi %d", r.Lo, r.Hi)
	}
	return nil
}

// String returns "4-5", "3" for a single score, or "any".
func (r Range) String() string {
	lo, hi := r.bounds()
	if r.IsZero() {
		return "any"
	}
	if lo == hi {
		return strconv.Itoa(int(lo))
	}
	return strconv.Itoa(int(lo)) + "-" + strconv.Itoa(int(hi))
}

// MarshalJSON writes [lo,hi] ([1,5] for the zero Range).
func (r Range) MarshalJSON() ([]byte, error) {
	lo, hi := r.bounds()
	return []byte("[" + strconv.Itoa(int(lo)) + "," + strconv.Itoa(int(hi)) + "]"), nil
}

// UnmarshalJSON reads [lo,hi]: exactly two whole numbers; null is the
// zero Range. [0,0] is an error rather than "any": leave the dimension out
// for that. The full check (1 <= lo <= hi <= 5) is [Rules.Validate]'s,
// which names the rule.
func (r *Range) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = Range{}
		return nil
	}
	var v []int
	if err := json.Unmarshal(b, &v); err != nil || len(v) != 2 {
		return errors.New("want [lo, hi], two whole numbers")
	}
	if v[0] < 0 || v[0] > 255 || v[1] < 0 || v[1] > 255 {
		return fmt.Errorf("%w: scores are 1..5", segment.ErrRange)
	}
	*r = Range{Lo: uint8(v[0]), Hi: uint8(v[1])}
	if r.IsZero() {
		// [0, 0] is not "any": keep it invalid so validation reports it.
		return fmt.Errorf("%w: scores are 1..5", segment.ErrRange)
	}
	return nil
}
