package rule

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Limits on one rule, so that a rule stored as data (and perhaps edited by
// hand or sent by a client) cannot make evaluation slow or deep. A CRM
// rule rarely has more than a few dozen conditions.
const (
	// MaxNodes is the most conditions (leaves and groups together) in one
	// rule.
	MaxNodes = 1000
	// MaxDepth is the deepest nesting of all, any and not; a single leaf is
	// depth 1.
	MaxDepth = 32
	// MaxBytes bounds the JSON text [Parse] accepts.
	MaxBytes = segment.MaxConfigBytes
)

// ErrLimit is wrapped by errors for rules over [MaxNodes], [MaxDepth] or
// [MaxBytes].
var ErrLimit = errors.New("over the limit")

var errUnknownOp = errors.New("unknown op; want one of lt, le, gt, ge, eq, ne, known, unknown")

// Rule is a compiled [Condition]: checked once, then evaluated many times
// without allocating. A Rule is immutable and safe for concurrent use.
//
// # Unknown inputs
//
// Evaluation uses three-valued (Kleene) logic, because an unknown signal
// is neither evidence for nor against anything:
//
//   - a comparison on an unknown field is [Unknown], never true or false
//     ("referrals >= 1" for a customer whose referrals nobody recorded);
//   - not Unknown is Unknown, so "not (referrals >= 1)" is not silently
//     true either;
//   - all is False if any part is False, else Unknown if any part is
//     Unknown, else True; any is True if any part is True, else Unknown if
//     any part is Unknown, else False;
//   - "known" and "unknown" tests are always True or False: use them to
//     say what should happen when a signal is missing.
//
// A known value that is NaN counts as unknown. [Rule.Holds] is true only
// for [True].
type Rule struct {
	src   Condition
	nodes []node
}

// node is one condition of the flat program: the conditions in prefix
// order, each group followed by its parts, with end pointing past the
// node's subtree so evaluation can skip it.
type node struct {
	op    Op // for leaves
	group group
	field *segment.Field
	value float64
	end   int32
	path  string
}

type group uint8

const (
	leaf group = iota
	allOf
	anyOf
	notOf
)

// Compile checks c and returns the rule. Errors are [*segment.FieldError]s
// (wrapped with the "rule: " prefix) naming the path of the offending part,
// e.g. "all[2].any[0].value": an unknown field or op, a value of the wrong
// kind (a fraction compared for equality with a count, a negative count or
// number of days, anything but 0 or 1 for a bool field, an ordering
// comparison of a bool field), a value that is not finite, a value given to
// known/unknown, an empty all/any, a condition that is empty or mixes a
// leaf with a group, and rules over [MaxNodes] or [MaxDepth].
func Compile(c Condition) (*Rule, error) {
	nodes, err := compile(&c)
	if err != nil {
		return nil, wrap(err)
	}
	return &Rule{src: c.clone(), nodes: nodes}, nil
}

// Parse reads a rule from its JSON form (see [Condition]) and compiles it.
func Parse(data []byte) (*Rule, error) {
	if len(data) > MaxBytes {
		return nil, wrap(fieldError("condition", strconv.Itoa(len(data)), fmt.Errorf("%w: %d bytes, the limit is %d", ErrLimit, len(data), MaxBytes)))
	}
	d := decoder{}
	c, err := d.decode(data, "", 1)
	if err != nil {
		return nil, wrap(err)
	}
	nodes, err := compile(&c)
	if err != nil {
		return nil, wrap(err)
	}
	return &Rule{src: c, nodes: nodes}, nil
}

// MustParse is [Parse] for rules written in the program: it panics on an
// error.
func MustParse(s string) *Rule {
	r, err := Parse([]byte(s))
	if err != nil {
		panic(err)
	}
	return r
}

// Condition returns a copy of the condition r was compiled from.
func (r *Rule) Condition() Condition { return r.src.clone() }

// String renders the rule for people; see [Condition.String].
func (r *Rule) String() string { return r.src.String() }

// Fields returns the names of the fields r reads, each once, in the order
// they first appear.
func (r *Rule) Fields() []string {
	var out []string
	for i := range r.nodes {
		if n := &r.nodes[i]; n.group == leaf && !containsString(out, n.field.Name) {
			out = append(out, n.field.Name)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// MarshalJSON writes the condition r was compiled from.
func (r *Rule) MarshalJSON() ([]byte, error) { return r.src.MarshalJSON() }

// UnmarshalJSON parses and compiles a rule, so a *Rule can be a field of a
// stored configuration.
func (r *Rule) UnmarshalJSON(data []byte) error {
	p, err := Parse(data)
	if err != nil {
		return err
	}
	*r = *p
	return nil
}

// compile checks c (already deep-copied or freshly decoded) and lays it
// out as a flat program.
func compile(c *Condition) ([]node, error) {
	var nodes []node
	if err := emit(&nodes, c, "", 1); err != nil {
		return nil, err
	}
	return nodes, nil
}

func emit(nodes *[]node, c *Condition, path string, depth int) error {
	if depth > MaxDepth {
		return fieldError(nodeName(path), strconv.Itoa(depth), fmt.Errorf("%w: nested %d deep, the limit is %d", ErrLimit, depth, MaxDepth))
	}
	if len(*nodes) >= MaxNodes {
		return fieldError(nodeName(path), strconv.Itoa(len(*nodes)+1), fmt.Errorf("%w: more than %d conditions", ErrLimit, MaxNodes))
	}
	var forms []string
	if c.isLeaf() {
		forms = append(forms, "field")
	}
	if c.All != nil {
		forms = append(forms, "all")
	}
	if c.Any != nil {
		forms = append(forms, "any")
	}
	if c.Not != nil {
		forms = append(forms, "not")
	}
	switch len(forms) {
	case 0:
		return fieldError(nodeName(path), "{}", fmt.Errorf("%w: want field, all, any or not", segment.ErrEmpty))
	case 1:
	default:
		return fieldError(join(path, forms[1]), "", fmt.Errorf("a condition is one of field, all, any or not; this one has %s", strings.Join(forms, " and ")))
	}
	at := len(*nodes)
	*nodes = append(*nodes, node{path: path})
	switch {
	case c.All != nil || c.Any != nil:
		key, list, g := "all", c.All, allOf
		if c.All == nil {
			key, list, g = "any", c.Any, anyOf
		}
		if len(list) == 0 {
			return fieldError(join(path, key), "[]", fmt.Errorf("%w: want at least one condition", segment.ErrEmpty))
		}
		(*nodes)[at].group = g
		for i := range list {
			if err := emit(nodes, &list[i], index(path, key, i), depth+1); err != nil {
				return err
			}
		}
	case c.Not != nil:
		(*nodes)[at].group = notOf
		if err := emit(nodes, c.Not, join(path, "not"), depth+1); err != nil {
			return err
		}
	default:
		f, err := checkLeaf(c, path)
		if err != nil {
			return err
		}
		n := &(*nodes)[at]
		n.group, n.op, n.field, n.value = leaf, c.Op, f, c.Value
	}
	(*nodes)[at].end = int32(len(*nodes))
	return nil
}

// checkLeaf checks a leaf against its field's kind.
func checkLeaf(c *Condition, path string) (*segment.Field, error) {
	if c.Field == "" {
		return nil, fieldError(join(path, "field"), "", segment.ErrEmpty)
	}
	f, ok := segment.LookupField(c.Field)
	if !ok {
		return nil, fieldError(join(path, "field"), c.Field, unknownField(c.Field))
	}
	switch {
	case c.Op == IsKnown || c.Op == IsUnknown:
		if c.Value != 0 {
			return nil, fieldError(join(path, "value"), formatFloat(c.Value), fmt.Errorf("op %s takes no value", c.Op))
		}
		return f, nil
	case !c.Op.IsComparison():
		return nil, fieldError(join(path, "op"), strconv.Itoa(int(c.Op)), errUnknownOp)
	}
	value := join(path, "value")
	v := c.Value
	switch {
	case !finite(v):
		return nil, fieldError(value, formatFloat(v), segment.ErrNotFinite)
	case f.Kind == segment.Bool && c.Op != Eq && c.Op != Ne:
		return nil, fieldError(join(path, "op"), c.Op.String(), fmt.Errorf("bool field %s takes eq or ne", f.Name))
	case f.Kind == segment.Bool && v != 0 && v != 1:
		return nil, fieldError(value, formatFloat(v), fmt.Errorf("want true or false for bool field %s", f.Name))
	case (f.Kind == segment.Count || f.Kind == segment.Days) && v < 0:
		return nil, fieldError(value, formatFloat(v), fmt.Errorf("%w: %s field %s is never negative", segment.ErrRange, f.Kind, f.Name))
	case f.Kind == segment.Count && (c.Op == Eq || c.Op == Ne) && v != math.Trunc(v):
		return nil, fieldError(value, formatFloat(v), fmt.Errorf("count field %s is a whole number; %s with a fraction is constant", f.Name, c.Op))
	}
	return f, nil
}

// unknownField says so, suggesting the closest field name.
func unknownField(name string) error {
	best, bestD := "", 4
	for _, f := range segment.Fields() {
		if d := distance(strings.ToLower(name), f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	}
	if best != "" {
		return fmt.Errorf("unknown field; did you mean %s?", best)
	}
	return errors.New("unknown field; see segment.Fields for the names")
}

// distance is the Levenshtein distance between a and b (bytes).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// join and index build paths inside a condition: "all[2].any[0].value".
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path, key string, i int) string { return join(path, key) + "[" + strconv.Itoa(i) + "]" }

// nodeName names a whole condition in an error: its path, or "condition"
// for the root.
func nodeName(path string) string {
	if path == "" {
		return "condition"
	}
	return path
}

func fieldError(field, value string, err error) error {
	return &segment.FieldError{Field: field, Value: value, Err: err}
}

// wrap adds the package prefix.
func wrap(err error) error { return fmt.Errorf("rule: %w", err) }
