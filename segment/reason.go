package segment

import (
	"fmt"
	"strconv"
	"strings"
)

// Op is a comparison between an input and a threshold. The zero Op means
// "no comparison": a reason that only records a fact or a decision.
type Op uint8

// The comparisons.
const (
	NoOp      Op = iota
	Less         // <
	LessEq       // <=
	Greater      // >
	GreaterEq    // >=
	Equal        // ==
	NotEqual     // !=
)

var opSymbols = [...]string{"", "<", "<=", ">", ">=", "==", "!="}
var opNames = [...]string{"", "lt", "le", "gt", "ge", "eq", "ne"}

// String returns the symbol, e.g. ">=".
func (o Op) String() string {
	if int(o) < len(opSymbols) {
		return opSymbols[o]
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

// Name returns the JSON name, e.g. "ge".
func (o Op) Name() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return o.String()
}

// ParseOp accepts a name ("ge") or a symbol (">=").
func ParseOp(s string) (Op, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i := 1; i < len(opNames); i++ {
		if t == opNames[i] || t == opSymbols[i] {
			return Op(i), nil
		}
	}
	if t == "=" {
		return Equal, nil
	}
	return NoOp, &FieldError{Field: "op", Value: s, Err: fmt.Errorf("want one of lt, le, gt, ge, eq, ne")}
}

// MarshalText writes the name.
func (o Op) MarshalText() ([]byte, error) {
	if o == NoOp || int(o) >= len(opNames) {
		return nil, &FieldError{Field: "op", Value: o.String(), Err: ErrRange}
	}
	return []byte(opNames[o]), nil
}

// UnmarshalText reads a name or a symbol.
func (o *Op) UnmarshalText(b []byte) error {
	v, err := ParseOp(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// Holds reports whether "v o t" is true. NaN compares false with anything,
// except that NaN != t is true.
func (o Op) Holds(v, t float64) bool {
	switch o {
	case Less:
		return v < t
	case LessEq:
		return v <= t
	case Greater:
		return v > t
	case GreaterEq:
		return v >= t
	case Equal:
		return v == t
	case NotEqual:
		return v != t
	}
	return false
}

// Reason is one piece of evidence behind a result, as data: which rule
// looked at which input, what the input was, which threshold (and which
// setting holds it) it was compared with, and whether the comparison held.
// Renderers turn reasons into text ([Reason.Text]); nothing here is prose,
// so explanations are cheap to build and easy to test.
type Reason struct {
	Rule      string  `json:"rule"`                // stable rule id, e.g. "sleeping"
	Label     string  `json:"label,omitempty"`     // the label the rule is evidence for
	Field     string  `json:"field,omitempty"`     // the input, as named in [Fields]
	Value     float64 `json:"value"`               // the input's value, when Known
	Known     bool    `json:"known"`               // false: the input is unknown
	Op        Op      `json:"op,omitzero"`         // the comparison; NoOp for a plain fact
	Threshold float64 `json:"threshold,omitempty"` // what Value was compared with
	Setting   string  `json:"setting,omitempty"`   // the configuration setting holding Threshold
	Held      bool    `json:"held"`                // whether the rule's test held
	// Titles of Field for a derived input that is not in [Fields] (a
	// typology's own intermediate, such as a weighted share); empty for
	// registered fields, whose titles come from the registry.
	FieldEN string `json:"field_en,omitempty"`
	FieldRU string `json:"field_ru,omitempty"`
}

// Text renders r in lang, e.g.
//
//	sleeping: days since last purchase = 120 > 90 (sleeping_days) — yes
//	спящие: дней с последней покупки = 120 > 90 (sleeping_days) — да
func (r Reason) Text(lang Lang) string {
	var buf [160]byte // most reasons fit: one allocation, the string's
	return string(r.AppendText(buf[:0], lang))
}

// AppendText appends r.Text(lang) to dst: for writing the reasons of a
// whole base without a string for each.
func (r Reason) AppendText(dst []byte, lang Lang) []byte {
	if r.Label != "" {
		dst = append(dst, r.Label...)
	} else {
		dst = append(dst, r.Rule...)
	}
	dst = append(dst, ": "...)
	if r.Field != "" {
		switch {
		case lang == Russian && r.FieldRU != "":
			dst = append(dst, r.FieldRU...)
		case r.FieldEN != "":
			dst = append(dst, r.FieldEN...)
		default:
			dst = append(dst, FieldTitle(r.Field, lang)...)
		}
		if !r.Known {
			if lang == Russian {
				dst = append(dst, " неизвестно"...)
			} else {
				dst = append(dst, " unknown"...)
			}
		} else {
			dst = append(dst, " = "...)
			dst = strconv.AppendFloat(dst, r.Value, 'g', 6, 64)
		}
	}
	if r.Op != NoOp && !r.Known && r.Field != "" {
		// "referrals unknown (threshold >= 1, fan_referrals)": an unknown
		// input was not compared with anything.
		if lang == Russian {
			dst = append(dst, " (порог "...)
		} else {
			dst = append(dst, " (threshold "...)
		}
		dst = append(dst, r.Op.String()...)
		dst = append(dst, ' ')
		dst = strconv.AppendFloat(dst, r.Threshold, 'g', 6, 64)
		if r.Setting != "" {
			dst = append(dst, ", "...)
			dst = append(dst, r.Setting...)
		}
		dst = append(dst, ')')
	} else if r.Op != NoOp {
		dst = append(dst, ' ')
		dst = append(dst, r.Op.String()...)
		dst = append(dst, ' ')
		dst = strconv.AppendFloat(dst, r.Threshold, 'g', 6, 64)
		if r.Setting != "" {
			dst = append(dst, " ("...)
			dst = append(dst, r.Setting...)
			dst = append(dst, ')')
		}
	}
	switch {
	case lang == Russian && r.Held:
		dst = append(dst, " — да"...)
	case lang == Russian:
		dst = append(dst, " — нет"...)
	case r.Held:
		dst = append(dst, " — yes"...)
	default:
		dst = append(dst, " — no"...)
	}
	return dst
}

// Explanation is a result together with the reasons behind it.
type Explanation[L Label] struct {
	Result  Result[L] `json:"result"`
	Reasons []Reason  `json:"reasons"`
}

// Held returns the reasons whose test held.
func (e Explanation[L]) Held() []Reason {
	var out []Reason
	for _, r := range e.Reasons {
		if r.Held {
			out = append(out, r)
		}
	}
	return out
}

// Text renders the primary label and every reason, one per line.
func (e Explanation[L]) Text(lang Lang) string {
	var b strings.Builder
	label := e.Result.Primary.String()
	if t, ok := any(e.Result.Primary).(interface{ Title(Lang) string }); ok {
		label = t.Title(lang)
	}
	fmt.Fprintf(&b, "%s (%.2f)\n", label, e.Result.Confidence)
	for _, r := range e.Reasons {
		b.WriteString("  ")
		b.WriteString(r.Text(lang))
		b.WriteByte('\n')
	}
	return b.String()
}
