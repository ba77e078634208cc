package rule

import (
	"fmt"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Op is what a leaf condition does with its field: compare it with a
// value, or test whether it is known at all. The comparisons have the same
// numbers as [segment.Op], so [Op.Compare] is a conversion.
type Op uint8

// The operations. In JSON they are written by name ("ge", "known");
// comparisons may also be written as symbols (">=").
const (
	NoOp      Op = iota
	Lt           // field < value
	Le           // field <= value
	Gt           // field > value
	Ge           // field >= value
	Eq           // field == value
	Ne           // field != value
	IsKnown      // the field is known; takes no value
	IsUnknown    // the field is unknown; takes no value
)

var opNames = [...]string{"", "lt", "le", "gt", "ge", "eq", "ne", "known", "unknown"}

// String returns the JSON name, e.g. "ge" or "known".
func (o Op) String() string {
	if int(o) < len(opNames) && o != NoOp {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Compare returns the comparison as a [segment.Op], or segment.NoOp for
// IsKnown and IsUnknown.
func (o Op) Compare() segment.Op {
	if o >= Lt && o <= Ne {
		return segment.Op(o)
	}
	return segment.NoOp
}

// IsComparison reports whether o compares the field with a value.
func (o Op) IsComparison() bool { return o >= Lt && o <= Ne }

// negate returns the operation that holds exactly when o does not, for a
// known input: not (x > 5) is x <= 5, not known is unknown.
func (o Op) negate() Op {
	switch o {
	case Lt:
		return Ge
	case Le:
		return Gt
	case Gt:
		return Le
	case Ge:
		return Lt
	case Eq:
		return Ne
	case Ne:
		return Eq
	case IsKnown:
		return IsUnknown
	case IsUnknown:
		return IsKnown
	}
	return o
}

// ParseOp accepts a name ("ge", "known") or a comparison symbol (">=",
// "="), ignoring case and surrounding space.
func ParseOp(s string) (Op, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i := Lt; i <= IsUnknown; i++ {
		if t == opNames[i] {
			return i, nil
		}
	}
	if o, err := segment.ParseOp(t); err == nil {
		return Op(o), nil
	}
	return NoOp, fmt.Errorf("unknown op; want one of lt, le, gt, ge, eq, ne, known, unknown")
}

// MarshalText writes the name.
func (o Op) MarshalText() ([]byte, error) {
	if o == NoOp || int(o) >= len(opNames) {
		return nil, fmt.Errorf("rule: invalid op %d", uint8(o))
	}
	return []byte(opNames[o]), nil
}

// UnmarshalText reads a name or a symbol; see [ParseOp].
func (o *Op) UnmarshalText(b []byte) error {
	v, err := ParseOp(string(b))
	if err != nil {
		return &segment.FieldError{Field: "op", Value: string(b), Err: err}
	}
	*o = v
	return nil
}
