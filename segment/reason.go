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
	var b strings.Builder
	if r.Label != "" {
		b.WriteString(r.Label)
	} else {
		b.WriteString(r.Rule)
	}
	b.WriteString(": ")
	if r.Field != "" {
		switch {
		case lang == Russian && r.FieldRU != "":
			b.WriteString(r.FieldRU)
		case r.FieldEN != "":
			b.WriteString(r.FieldEN)
		default:
			b.WriteString(FieldTitle(r.Field, lang))
		}
		if !r.Known {
			if lang == Russian {
				b.WriteString(" неизвестно")
			} else {
				b.WriteString(" unknown")
			}
		} else {
			b.WriteString(" = ")
			b.WriteString(strconv.FormatFloat(r.Value, 'g', 6, 64))
		}
	}
	if r.Op != NoOp && !r.Known && r.Field != "" {
		// "referrals unknown (threshold >= 1, fan_referrals)": an unknown
		// input was not compared with anything.
		if lang == Russian {
			b.WriteString(" (порог ")
		} else {
			b.WriteString(" (threshold ")
		}
		b.WriteString(r.Op.String())
		b.WriteByte(' ')
		b.WriteString(strconv.FormatFloat(r.Threshold, 'g', 6, 64))
		if r.Setting != "" {
			b.WriteString(", ")
			b.WriteString(r.Setting)
		}
		b.WriteByte(')')
	} else if r.Op != NoOp {
		b.WriteByte(' ')
		b.WriteString(r.Op.String())
		b.WriteByte(' ')
		b.WriteString(strconv.FormatFloat(r.Threshold, 'g', 6, 64))
		if r.Setting != "" {
			b.WriteString(" (")
			b.WriteString(r.Setting)
			b.WriteByte(')')
		}
	}
	switch {
	case lang == Russian && r.Held:
		b.WriteString(" — да")
	case lang == Russian:
		b.WriteString(" — нет")
	case r.Held:
		b.WriteString(" — yes")
	default:
		b.WriteString(" — no")
	}
	return b.String()
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
