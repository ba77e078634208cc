package rule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/clientele-go/clientele/segment"
)

// decoder turns JSON into a Condition, checking the shape and the JSON
// types as it goes and counting nodes, so that oversized or deeply nested
// input is refused before it is walked further.
type decoder struct {
	nodes int
}

var keys = []string{"field", "op", "value", "all", "any", "not"}

func (d *decoder) decode(data []byte, path string, depth int) (Condition, error) {
	var c Condition
	if err := d.count(path, depth); err != nil {
		return c, err
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return c, fieldError(nodeName(path), abbreviate(data), errors.New("want a JSON object"))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return c, fieldError(nodeName(path), abbreviate(data), syntaxError(err))
	}
	var unknown []string
	for k := range obj {
		if !slices.Contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return c, fieldError(join(path, unknown[0]), "", errors.New("unknown key; want field, op, value, all, any or not"))
	}
	// null means absent, as everywhere in clientele's JSON.
	for k, v := range obj {
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			delete(obj, k)
		}
	}
	if raw, ok := obj["field"]; ok {
		if err := json.Unmarshal(raw, &c.Field); err != nil {
			return c, fieldError(join(path, "field"), abbreviate(raw), errors.New("want a string"))
		}
	}
	if raw, ok := obj["op"]; ok {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return c, fieldError(join(path, "op"), abbreviate(raw), errors.New("want a string"))
		}
		op, err := ParseOp(s)
		if err != nil {
			return c, fieldError(join(path, "op"), s, err)
		}
		c.Op = op
	}
	if raw, ok := obj["value"]; ok {
		v, err := decodeValue(c.Field, raw)
		if err != nil {
			return c, fieldError(join(path, "value"), abbreviate(raw), err)
		}
		if c.Op == IsKnown || c.Op == IsUnknown {
			return c, fieldError(join(path, "value"), abbreviate(raw), fmt.Errorf("op %s takes no value", c.Op))
		}
		c.Value = v
	} else if c.Op.IsComparison() {
		return c, fieldError(join(path, "value"), "", fmt.Errorf("%w: op %s needs a value", segment.ErrEmpty, c.Op))
	}
	for _, key := range []string{"all", "any"} {
		raw, ok := obj[key]
		if !ok {
			continue
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return c, fieldError(join(path, key), abbreviate(raw), errors.New("want an array of conditions"))
		}
		list := make([]Condition, len(items))
		for i, item := range items {
			var err error
			if list[i], err = d.decode(item, index(path, key, i), depth+1); err != nil {
				return c, err
			}
		}
		if key == "all" {
			c.All = list
		} else {
			c.Any = list
		}
	}
	if raw, ok := obj["not"]; ok {
		n, err := d.decode(raw, join(path, "not"), depth+1)
		if err != nil {
			return c, err
		}
		c.Not = &n
	}
	return c, nil
}

// count admits one more node at depth, or refuses it over the limits.
func (d *decoder) count(path string, depth int) error {
	d.nodes++
	if depth > MaxDepth {
		return fieldError(nodeName(path), strconv.Itoa(depth), fmt.Errorf("%w: nested %d deep, the limit is %d", ErrLimit, depth, MaxDepth))
	}
	if d.nodes > MaxNodes {
		return fieldError(nodeName(path), strconv.Itoa(d.nodes), fmt.Errorf("%w: more than %d conditions", ErrLimit, MaxNodes))
	}
	return nil
}

// decodeValue reads a value as the field's kind wants it: true or false for
// a bool field, a finite number for the others. An unknown field's value
// is read as a number; the field itself is reported by compile.
func decodeValue(field string, raw json.RawMessage) (float64, error) {
	f, known := segment.LookupField(field)
	raw = bytes.TrimSpace(raw)
	if known && f.Kind == segment.Bool {
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return 0, fmt.Errorf("want true or false for bool field %s", field)
		}
		if b {
			return 1, nil
		}
		return 0, nil
	}
	if len(raw) == 0 || !(raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		if known {
			return 0, fmt.Errorf("want a number for %s field %s", f.Kind, field)
		}
		return 0, errors.New("want a number")
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, errors.New("want a number")
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, segment.ErrNotFinite
	}
	return v, nil
}

// syntaxError words encoding/json's errors for a person editing a rule.
func syntaxError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("want a JSON object, got %s", te.Value)
	}
	return err
}

// abbreviate returns JSON text short enough to quote in an error; a JSON
// string is shown unquoted (the error quotes it again).
func abbreviate(b []byte) string {
	const max = 60
	s := string(bytes.TrimSpace(b))
	var str string
	if len(s) > 0 && s[0] == '"' && json.Unmarshal([]byte(s), &str) == nil {
		s = str
	}
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return s[:cut] + "…"
	}
	return s
}
