package segment

import (
	"fmt"
	"strconv"
	"strings"
)

// LabelInfo describes one label of a typology: its identifier (lower case,
// stable, used in JSON, CSV and rules) and its titles for people.
type LabelInfo struct {
	Name string // identifier, e.g. "regular"
	EN   string // English title, e.g. "Regular customer"
	RU   string // Russian title, e.g. "Постоянный клиент"
}

// Enum is the table behind a typology's label type: names, titles, parsing
// and formatting. Typology packages declare one and delegate their label
// type's methods to it, so every label type in clientele behaves the same:
//
//   - String never panics: an out-of-range value prints as "Rung(9)";
//   - MarshalText refuses out-of-range values instead of writing text that
//     cannot be read back;
//   - UnmarshalText is case-insensitive and accepts the name, either
//     title, or an alias declared with [Enum.WithAliases].
//
// Label 0 is always the "unknown" label: the zero value of every label type
// means "not determined", never a real type.
type Enum[L ~uint8] struct {
	kind    string
	labels  []LabelInfo
	byText  map[string]L
	aliases [][]string // by label; nil until WithAliases
}

// NewEnum returns the table for a label type called kind (used in
// messages). labels[i] describes label L(i); labels[0] must be the unknown
// label. NewEnum panics on an empty or duplicate name or more than
// [MaxLabels] labels: tables are package-level constants and a mistake must
// stop the program at start-up.
func NewEnum[L ~uint8](kind string, labels ...LabelInfo) *Enum[L] {
	if len(labels) == 0 || len(labels) > MaxLabels {
		panic(fmt.Sprintf("segment: enum %s has %d labels; want 1..%d", kind, len(labels), MaxLabels))
	}
	e := &Enum[L]{kind: kind, labels: labels, byText: make(map[string]L, 3*len(labels))}
	for i, info := range labels {
		if info.Name == "" || info.Name != strings.ToLower(info.Name) {
			panic(fmt.Sprintf("segment: enum %s label %d: name %q must be non-empty lower case", kind, i, info.Name))
		}
		for _, text := range []string{info.Name, info.EN, info.RU} {
			key := strings.ToLower(text)
			if key == "" {
				continue
			}
			if j, dup := e.byText[key]; dup && int(j) != i {
				panic(fmt.Sprintf("segment: enum %s: %q names labels %d and %d", kind, text, j, i))
			}
			e.byText[key] = L(i)
		}
	}
	return e
}

// WithAliases declares other texts by which [Enum.Parse] (and so
// UnmarshalText) accepts label l: the names older data, other tools or
// other typologies use ("new_customer" for "new"). It returns e, to chain
// onto NewEnum where the table is declared:
//
//	var Types = segment.NewEnum[Type]("type", ...).
//		WithAliases(Newcomer, "new_customer", "first_time")
//
// Aliases are matched like names, ignoring case and surrounding space, but
// never written: String and MarshalText keep the name. Like NewEnum,
// WithAliases panics on a label out of range or the unknown label, an
// empty alias, or an alias that already names another label: tables are
// package-level values and a mistake must stop the program at start-up.
// Call it only while declaring the table; an Enum in use must not change.
func (e *Enum[L]) WithAliases(l L, aliases ...string) *Enum[L] {
	if l == 0 || !e.Valid(l) {
		panic(fmt.Sprintf("segment: enum %s: aliases for label %d, which is the unknown label or out of range", e.kind, l))
	}
	if e.aliases == nil {
		e.aliases = make([][]string, len(e.labels))
	}
	for _, a := range aliases {
		key := strings.ToLower(strings.TrimSpace(a))
		if key == "" {
			panic(fmt.Sprintf("segment: enum %s label %s: empty alias", e.kind, e.labels[l].Name))
		}
		if j, dup := e.byText[key]; dup && j != l {
			panic(fmt.Sprintf("segment: enum %s: alias %q of %s already names %s", e.kind, a, e.labels[l].Name, e.labels[j].Name))
		}
		e.byText[key] = l
		e.aliases[l] = append(e.aliases[l], a)
	}
	return e
}

// Aliases returns the aliases declared for l (a new slice), nil when there
// are none.
func (e *Enum[L]) Aliases(l L) []string {
	if e.aliases == nil || !e.Valid(l) || len(e.aliases[l]) == 0 {
		return nil
	}
	return append([]string(nil), e.aliases[l]...)
}

// Kind returns the name of the label type, e.g. "rung".
func (e *Enum[L]) Kind() string { return e.kind }

// Len returns the number of labels, the unknown label included.
func (e *Enum[L]) Len() int { return len(e.labels) }

// Valid reports whether l is in range.
func (e *Enum[L]) Valid(l L) bool { return int(l) < len(e.labels) }

// Values returns every label except the unknown label, in order.
func (e *Enum[L]) Values() []L {
	out := make([]L, 0, len(e.labels)-1)
	for i := 1; i < len(e.labels); i++ {
		out = append(out, L(i))
	}
	return out
}

// Info returns the description of l; out of range, a description whose
// name is the fallback form.
func (e *Enum[L]) Info(l L) LabelInfo {
	if int(l) < len(e.labels) {
		return e.labels[l]
	}
	s := e.fallback(l)
	return LabelInfo{Name: s, EN: s, RU: s}
}

// Name returns the identifier of l, or "Kind(n)" when l is out of range.
func (e *Enum[L]) Name(l L) string {
	if int(l) < len(e.labels) {
		return e.labels[l].Name
	}
	return e.fallback(l)
}

// Title returns the title of l in lang (English for an unsupported
// language), or "Kind(n)" when l is out of range.
func (e *Enum[L]) Title(l L, lang Lang) string {
	info := e.Info(l)
	if lang == Russian && info.RU != "" {
		return info.RU
	}
	if info.EN != "" {
		return info.EN
	}
	return info.Name
}

func (e *Enum[L]) fallback(l L) string {
	return strings.ToUpper(e.kind[:1]) + e.kind[1:] + "(" + strconv.Itoa(int(l)) + ")"
}

// Parse returns the label whose name, title or alias ([Enum.WithAliases])
// equals s, ignoring case and surrounding space.
func (e *Enum[L]) Parse(s string) (L, error) {
	if l, ok := e.byText[strings.ToLower(strings.TrimSpace(s))]; ok {
		return l, nil
	}
	return 0, &FieldError{Field: e.kind, Value: s, Err: fmt.Errorf("unknown %s; want one of %s", e.kind, strings.Join(e.names(), ", "))}
}

func (e *Enum[L]) names() []string {
	out := make([]string, len(e.labels))
	for i, info := range e.labels {
		out[i] = info.Name
	}
	return out
}

// MarshalText is the MarshalText of a label type: the name, or an error for
// an out-of-range value.
func (e *Enum[L]) MarshalText(l L) ([]byte, error) {
	if !e.Valid(l) {
		return nil, &FieldError{Field: e.kind, Value: strconv.Itoa(int(l)), Err: ErrRange}
	}
	return []byte(e.labels[l].Name), nil
}

// UnmarshalText is the UnmarshalText of a label type; see [Enum.Parse].
func (e *Enum[L]) UnmarshalText(dst *L, b []byte) error {
	l, err := e.Parse(string(b))
	if err != nil {
		return err
	}
	*dst = l
	return nil
}
