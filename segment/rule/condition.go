package rule

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Condition is a rule as data: the form a CRM stores and a person edits.
// It is exactly one of
//
//   - a leaf: Field compared by Op with Value, or tested with IsKnown or
//     IsUnknown (Value unused);
//   - All: every condition holds;
//   - Any: at least one condition holds;
//   - Not: the condition does not hold.
//
// In JSON:
//
//	{"field": "recency_days", "op": "gt", "value": 90}
//	{"field": "loyalty_member", "op": "eq", "value": true}
//	{"field": "referrals", "op": "known"}
//	{"all": [...]}  {"any": [...]}  {"not": {...}}
//
// Fields are the names of [segment.Fields]. A bool field's Value is 1 for
// true and 0 for false, and is written as true or false in JSON.
//
// A Condition is plain data; [Compile] checks it and turns it into a
// [Rule]. Decoding JSON into a Condition checks it the same way, so a
// decoded Condition always compiles.
type Condition struct {
	Field string
	Op    Op
	Value float64
	All   []Condition
	Any   []Condition
	Not   *Condition
}

// Compare returns the leaf "field op value".
func Compare(field string, op Op, value float64) Condition {
	return Condition{Field: field, Op: op, Value: value}
}

// Flag returns the leaf "field == v" for a bool field.
func Flag(field string, v bool) Condition {
	c := Condition{Field: field, Op: Eq}
	if v {
		c.Value = 1
	}
	return c
}

// KnownField returns the leaf "field is known".
func KnownField(field string) Condition { return Condition{Field: field, Op: IsKnown} }

// UnknownField returns the leaf "field is unknown".
func UnknownField(field string) Condition { return Condition{Field: field, Op: IsUnknown} }

// All returns the condition that holds when every one of cs holds. The
// slice is copied.
func All(cs ...Condition) Condition { return Condition{All: append([]Condition{}, cs...)} }

// Any returns the condition that holds when at least one of cs holds. The
// slice is copied.
func Any(cs ...Condition) Condition { return Condition{Any: append([]Condition{}, cs...)} }

// Not returns the negation of c.
func Not(c Condition) Condition { return Condition{Not: &c} }

// isLeaf reports whether c has any of the leaf's parts set.
func (c *Condition) isLeaf() bool { return c.Field != "" || c.Op != NoOp || c.Value != 0 }

// clone returns a deep copy, so a compiled Rule cannot be changed through
// the slices of the Condition it was compiled from.
func (c Condition) clone() Condition {
	out := Condition{Field: c.Field, Op: c.Op, Value: c.Value}
	if c.All != nil {
		out.All = make([]Condition, len(c.All))
		for i := range c.All {
			out.All[i] = c.All[i].clone()
		}
	}
	if c.Any != nil {
		out.Any = make([]Condition, len(c.Any))
		for i := range c.Any {
			out.Any[i] = c.Any[i].clone()
		}
	}
	if c.Not != nil {
		n := c.Not.clone()
		out.Not = &n
	}
	return out
}

// String renders c for people, e.g.
//
//	(recency_days > 90 and (referrals >= 1 or loyalty_member == true))
func (c Condition) String() string {
	var b strings.Builder
	c.write(&b)
	return b.String()
}

func (c *Condition) write(b *strings.Builder) {
	switch {
	case c.All != nil || c.Any != nil:
		list, word := c.All, " and "
		if c.All == nil {
			list, word = c.Any, " or "
		}
		b.WriteByte('(')
		for i := range list {
			if i > 0 {
				b.WriteString(word)
			}
			list[i].write(b)
		}
		b.WriteByte(')')
	case c.Not != nil:
		b.WriteString("not ")
		c.Not.write(b)
	case c.Op == IsKnown || c.Op == IsUnknown:
		b.WriteString(c.Field)
		b.WriteString(" is ")
		b.WriteString(opNames[c.Op])
	default:
		b.WriteString(c.Field)
		b.WriteByte(' ')
		if c.Op.IsComparison() {
			b.WriteString(c.Op.Compare().String())
		} else {
			b.WriteString(c.Op.String())
		}
		b.WriteByte(' ')
		b.Write(formatValue(c.Field, c.Value))
	}
}

// formatValue writes v as JSON: true/false for a bool field, a number
// otherwise.
func formatValue(field string, v float64) []byte {
	if f, ok := segment.LookupField(field); ok && f.Kind == segment.Bool && (v == 0 || v == 1) {
		return strconv.AppendBool(nil, v == 1)
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64)
}

// MarshalJSON writes c in the JSON form described on [Condition], with its
// keys in a fixed order, so that equal conditions give equal text.
func (c Condition) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := c.marshal(&b, ""); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (c *Condition) marshal(b *bytes.Buffer, path string) error {
	list := func(key string, cs []Condition) error {
		b.WriteString(`{"` + key + `":[`)
		for i := range cs {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := cs[i].marshal(b, index(path, key, i)); err != nil {
				return err
			}
		}
		b.WriteString("]}")
		return nil
	}
	switch {
	case c.All != nil:
		return list("all", c.All)
	case c.Any != nil:
		return list("any", c.Any)
	case c.Not != nil:
		b.WriteString(`{"not":`)
		if err := c.Not.marshal(b, join(path, "not")); err != nil {
			return err
		}
		b.WriteByte('}')
		return nil
	}
	op, err := c.Op.MarshalText()
	if err != nil {
		return fieldError(join(path, "op"), strconv.Itoa(int(c.Op)), errUnknownOp)
	}
	field, _ := json.Marshal(c.Field)
	b.WriteString(`{"field":`)
	b.Write(field)
	b.WriteString(`,"op":"`)
	b.Write(op)
	b.WriteByte('"')
	if c.Op.IsComparison() {
		if !finite(c.Value) {
			return fieldError(join(path, "value"), strconv.FormatFloat(c.Value, 'g', -1, 64), segment.ErrNotFinite)
		}
		b.WriteString(`,"value":`)
		b.Write(formatValue(c.Field, c.Value))
	}
	b.WriteByte('}')
	return nil
}

// UnmarshalJSON decodes the JSON form and checks it as [Compile] does;
// errors name the path inside the condition, e.g. "all[2].any[0].value".
func (c *Condition) UnmarshalJSON(data []byte) error {
	d := decoder{}
	out, err := d.decode(data, "", 1)
	if err == nil {
		_, err = compile(&out)
	}
	if err != nil {
		return wrap(err)
	}
	*c = out
	return nil
}
