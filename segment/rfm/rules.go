package rfm

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// MaxRules bounds the rules of one map. 125 codes can feed at most 125
// rules that ever match, so a longer list is a generated or broken file.
const MaxRules = 256

// Rule assigns a segment to the codes whose scores lie in its three
// inclusive ranges. A dimension left out (the zero [Range]) matches any
// score, so {"segment":"Lost","r":[1,1]} takes every code with R1 that no
// earlier rule took.
type Rule struct {
	Segment string `json:"segment"`
	R       Range  `json:"r,omitzero"`
	F       Range  `json:"f,omitzero"`
	M       Range  `json:"m,omitzero"`
}

func (r Rule) box() box { return box{r.R, r.F, r.M} }

// String returns e.g. `"Champions" r 4-5 f 4-5 m 4-5`; dimensions that
// match any score are left out, and a rule that tests nothing reads
// `"Others" any code`.
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString(strconv.Quote(r.Segment))
	tests := false
	for _, d := range []struct {
		name string
		rng  Range
	}{{"r", r.R}, {"f", r.F}, {"m", r.M}} {
		if !d.rng.IsZero() {
			b.WriteString(" " + d.name + " " + d.rng.String())
			tests = true
		}
	}
	if !tests {
		b.WriteString(" any code")
	}
	return b.String()
}

// Rules are ordered range rules, the form most published RFM maps take:
// a code gets the segment of the first rule whose ranges contain it, and
// a code no rule covers gets Fallback (or, without one, no segment:
// Unknown). In JSON:
//
//	{"fallback": "Others", "rules": [
//	  {"segment": "Champions", "r": [4, 5], "f": [4, 5], "m": [4, 5]},
//	  {"segment": "Loyal Customers", "r": [2, 5], "f": [3, 5], "m": [3, 5]}
//	]}
//
// Rules compile ([Rules.Compile]) into a 125-entry table. Order makes
// published maps easy to break: a rule whose every code an earlier rule
// already takes never matches, and codes between the rules belong to
// nobody. [Rules.Check] finds both.
type Rules struct {
	Fallback string `json:"fallback,omitempty"`
	Rules    []Rule `json:"rules"`
}

// ParseRules reads rules from JSON, strictly: unknown fields, ranges that
// are not two whole numbers, more than [MaxRules] rules and every problem
// [Rules.Validate] finds are errors naming the rule (rules[3]) and the
// field.
func ParseRules(data []byte) (Rules, error) {
	var raw struct {
		Fallback string            `json:"fallback"`
		Rules    []json.RawMessage `json:"rules"`
	}
	if err := decode("rules", data, &raw); err != nil {
		return Rules{}, fmt.Errorf("rfm: %w", err)
	}
	if len(raw.Rules) > MaxRules {
		return Rules{}, fmt.Errorf("rfm: %w", tooManyRules(len(raw.Rules)))
	}
	rs := Rules{Fallback: raw.Fallback, Rules: make([]Rule, len(raw.Rules))}
	for i, b := range raw.Rules {
		r, err := parseRule("rules["+strconv.Itoa(i)+"]", b)
		if err != nil {
			return Rules{}, fmt.Errorf("rfm: %w", err)
		}
		rs.Rules[i] = r
	}
	return rs, rs.Validate()
}

func tooManyRules(n int) error {
	return &segment.FieldError{Field: "rules", Value: strconv.Itoa(n) + " rules", Err: fmt.Errorf("%w: at most %d", segment.ErrRange, MaxRules)}
}

// parseRule decodes one rule, naming the field at fault.
func parseRule(record string, b []byte) (Rule, error) {
	var raw struct {
		Segment json.RawMessage `json:"segment"`
		R       json.RawMessage `json:"r"`
		F       json.RawMessage `json:"f"`
		M       json.RawMessage `json:"m"`
	}
	if err := strictDecode(b, &raw); err != nil {
		return Rule{}, jsonFieldError(record, err)
	}
	var r Rule
	if len(raw.Segment) > 0 {
		if err := json.Unmarshal(raw.Segment, &r.Segment); err != nil {
			return Rule{}, &segment.FieldError{Record: record, Field: "segment", Value: string(raw.Segment), Err: errors.New("want a string")}
		}
	}
	for _, d := range []struct {
		name string
		raw  json.RawMessage
		dst  *Range
	}{{"r", raw.R, &r.R}, {"f", raw.F, &r.F}, {"m", raw.M, &r.M}} {
		if len(d.raw) == 0 {
			continue
		}
		if err := d.dst.UnmarshalJSON(d.raw); err != nil {
			return Rule{}, &segment.FieldError{Record: record, Field: d.name, Value: string(d.raw), Err: err}
		}
	}
	return r, nil
}

// Validate reports every malformed rule, each as a [*segment.FieldError]
// naming the rule (rules[3]) and the field, joined: no rules, more than
// [MaxRules], an empty or over-long segment name or one with control
// characters, the reserved name "unknown", a range outside 1..5 or with lo
// above hi, and more than [MaxSegments] segment names in all. It does not
// report rules that never match or codes left uncovered; those are
// [Rules.Check]'s findings.
func (rs Rules) Validate() error {
	_, _, err := rs.resolve()
	return err
}

// resolve validates rs and resolves its segment names.
func (rs Rules) resolve() (*labelBuilder, []Segment, error) {
	if len(rs.Rules) == 0 {
		return nil, nil, fmt.Errorf("rfm: %w", &segment.FieldError{Field: "rules", Err: segment.ErrEmpty})
	}
	if len(rs.Rules) > MaxRules {
		return nil, nil, fmt.Errorf("rfm: %w", tooManyRules(len(rs.Rules)))
	}
	b := newLabelBuilder()
	var errs []error
	segs := make([]Segment, len(rs.Rules))
	for i, r := range rs.Rules {
		record := "rules[" + strconv.Itoa(i) + "]"
		s, err := b.resolve(r.Segment)
		if err != nil {
			errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: "segment", Value: r.Segment, Err: err}))
		}
		segs[i] = s
		for _, d := range []struct {
			name string
			rng  Range
		}{{"r", r.R}, {"f", r.F}, {"m", r.M}} {
			if err := d.rng.check(); err != nil {
				errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Record: record, Field: d.name,
					Value: "[" + strconv.Itoa(int(d.rng.Lo)) + "," + strconv.Itoa(int(d.rng.Hi)) + "]", Err: err}))
			}
		}
	}
	if rs.Fallback != "" {
		if _, err := b.resolve(rs.Fallback); err != nil {
			errs = append(errs, fmt.Errorf("rfm: %w", &segment.FieldError{Field: "fallback", Value: rs.Fallback, Err: err}))
		}
	}
	return b, segs, errors.Join(errs...)
}

// Compile validates rs ([Rules.Validate]) and builds its map: each code
// takes the segment of the first rule that contains it, or the fallback.
// Rules that never match and uncovered codes do not stop compilation (the
// map does what the rules say); they are in [Map.Findings].
func (rs Rules) Compile() (*Map, error) {
	b, segs, err := rs.resolve()
	if err != nil {
		return nil, err
	}
	var table [codes]Segment
	var origin [codes]int16
	for i := range origin {
		origin[i] = originNone
	}
	var findings []Finding
	var taken codeSet
	for i, r := range rs.Rules {
		set := r.box().set()
		fresh := set.andNot(taken)
		if fresh.empty() {
			findings = append(findings, shadowed(rs.Rules, origin, i, set))
		}
		for c := 0; c < codes; c++ {
			if fresh.has(c) {
				table[c], origin[c] = segs[i], int16(i)
			}
		}
		taken = taken.or(set)
	}
	var fallback Segment
	if rs.Fallback != "" {
		fallback, _ = b.resolve(rs.Fallback) // validated above
	}
	if gap := allCodes.andNot(taken); !gap.empty() {
		f := Finding{Kind: Uncovered, Index: -1, Codes: gap.list()}
		if fallback != Unknown {
			f.Fallback = strings.TrimSpace(rs.Fallback)
			for c := 0; c < codes; c++ {
				if gap.has(c) {
					table[c], origin[c] = fallback, originFallback
				}
			}
		}
		findings = append(findings, f)
	}
	m := newMap(b.enum(), table, origin, "rules", len(rs.Rules))
	m.rules = append([]Rule(nil), rs.Rules...)
	m.fallback = rs.Fallback
	m.findings = findings
	return m, nil
}

// shadowed describes rule i, whose codes (set) earlier rules all take.
func shadowed(rules []Rule, origin [codes]int16, i int, set codeSet) Finding {
	f := Finding{Kind: Shadowed, Index: i, Rule: rules[i], Codes: set.list()}
	var by [MaxRules]codeSet
	for c := 0; c < codes; c++ {
		if set.has(c) {
			by[origin[c]].add(c)
		}
	}
	for j := 0; j < i; j++ {
		if !by[j].empty() {
			f.By = append(f.By, Taker{Index: j, Segment: rules[j].Segment, Codes: by[j].list()})
		}
	}
	return f
}

// Check validates rs and returns its findings: every rule that can never
// match, with the earlier rules that take its codes, and the codes no
// rule covers (and whether the fallback takes them). No findings and no
// error means every rule matches some code and every code has a rule.
func (rs Rules) Check() ([]Finding, error) {
	m, err := rs.Compile()
	if err != nil {
		return nil, err
	}
	return m.findings, nil
}
