package rfm

import (
	"github.com/clientele-go/clientele/segment"
)

// Classifier scores customers against a fitted [Model] and assigns the
// segment of their code by a [Map]. It is immutable and safe for
// concurrent use; scoring a customer is a dozen comparisons and a table
// lookup, with no allocation.
type Classifier struct {
	model Model
	m     *Map
}

// New returns a classifier for model and map m (nil means [DefaultMap]),
// or the model's validation error.
func New(model Model, m *Map) (*Classifier, error) {
	if err := model.Validate(); err != nil {
		return nil, err
	}
	if m == nil {
		m = DefaultMap()
	}
	return &Classifier{model: model, m: m}, nil
}

// Model returns the model in use.
func (c *Classifier) Model() Model { return c.model }

// Map returns the map in use; its [Map.Labels] and [Map.Name] name the
// segments of user maps.
func (c *Classifier) Map() *Map { return c.m }

// Code returns p's RFM code, or the zero Code when p cannot be scored (see
// [Model.Code]). It does not allocate.
func (c *Classifier) Code(p *segment.Profile) Code { return c.model.Code(p) }

// Classify returns p's segment. A customer without a code gets the zero
// Result: Unknown, no scores, confidence 0. Otherwise Primary is the
// segment of the code and scores 1; every other segment the map uses
// scores 1/(1+d), d the fewest score steps from the code to one of its
// codes; Secondary is the segment next door (the one holding most of the
// codes one step away), if any; Confidence is 1, as all three inputs are
// known facts (0 for a code the map leaves without a segment). It does
// not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Segment] {
	r, _ := c.eval(p, nil)
	return *r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Segment]) {
	r, _ := c.eval(p, nil)
	*out = *r
}

// ClassifyCodeInto is [Classifier.ClassifyInto] that also stores p's
// code in *code, as [Classifier.Code] returns it (the zero Code for a
// customer without one), from the same evaluation: a caller that writes
// both the segment and the scores pays for one.
func (c *Classifier) ClassifyCodeInto(p *segment.Profile, out *segment.Result[Segment], code *Code) {
	r, k := c.eval(p, nil)
	*out, *code = *r, k
}

// Explain returns the result with its reasons: for each dimension the
// input and the cut points it fell between (rule ids recency_score,
// frequency_score, monetary_score; settings such as "recency[1]" name the
// model's cut points), then the code (field rfm_code) with what assigned
// its segment: "rules[2]", followed by one reason per bound that rule
// tests on r_score, f_score and m_score; "segments[0]", the code list of
// a partition; "fallback"; or "uncovered", not held. A customer without
// a code gets one reason saying why (rule "scored").
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Segment] {
	reasons := make([]segment.Reason, 0, 12)
	r, _ := c.eval(p, &reasons)
	return segment.Explanation[Segment]{Result: *r, Reasons: reasons}
}

// eval is the one path of Classify and Explain, so they cannot disagree;
// reasons are recorded only when rs is not nil. It returns the result,
// which is shared and must not be changed (the callers copy it, once,
// where they keep it: returned by value, a result would be copied twice),
// and the code (the zero Code when p has none).
func (c *Classifier) eval(p *segment.Profile, rs *[]segment.Reason) (*segment.Result[Segment], Code) {
	in, why := read(p, c.model.Basis)
	if why != scorable {
		if rs != nil {
			*rs = append(*rs, unscoredReason(p, in, why, c.model.Basis))
		}
		return &unscored, Code{}
	}
	code := c.model.code(in)
	if rs != nil {
		m := &c.model
		appendCutReasons(rs, dimR, "recency_days", float64(in.days), &m.Recency, code.R)
		appendCutReasons(rs, dimF, "occasions", float64(in.occ), &m.Frequency, code.F)
		appendCutReasons(rs, dimM, m.Basis.String(), in.money, &m.Monetary, code.M)
		c.m.explain(code, rs)
	}
	return &c.m.results[code.index()], code
}

// unscored is the result of a customer without a code: Unknown, no
// scores, confidence 0. It is never changed.
var unscored segment.Result[Segment]

// The dimensions in reasons: rule ids, score labels ("R4") and the
// settings naming each cut point ("recency[1]"), built once so that
// Explain does not format them per call.
const (
	dimR = iota
	dimF
	dimM
)

var (
	scoreRules  = [3]string{"recency_score", "frequency_score", "monetary_score"}
	scoreLabels = [3][6]string{
		{"", "R1", "R2", "R3", "R4", "R5"},
		{"", "F1", "F2", "F3", "F4", "F5"},
		{"", "M1", "M2", "M3", "M4", "M5"},
	}
	cutSettings = [3][4]string{
		{"recency[0]", "recency[1]", "recency[2]", "recency[3]"},
		{"frequency[0]", "frequency[1]", "frequency[2]", "frequency[3]"},
		{"monetary[0]", "monetary[1]", "monetary[2]", "monetary[3]"},
	}
)

// appendCutReasons records the cut points v fell between: v > the cut
// below its bucket and v <= the cut above it (one of them at the ends).
func appendCutReasons(rs *[]segment.Reason, d int, field string, v float64, cuts *Cuts, score uint8) {
	b := int(score)
	if d == dimR {
		b = 6 - b
	}
	base := segment.Reason{Rule: scoreRules[d], Label: scoreLabels[d][score], Field: field, Value: v, Known: true}
	if b > 1 {
		r := base
		r.Op, r.Threshold, r.Setting = segment.Greater, cuts[b-2], cutSettings[d][b-2]
		r.Held = v > r.Threshold
		*rs = append(*rs, r)
	}
	if b < 5 {
		r := base
		r.Op, r.Threshold, r.Setting = segment.LessEq, cuts[b-1], cutSettings[d][b-1]
		r.Held = v <= r.Threshold
		*rs = append(*rs, r)
	}
}

// unscoredReason says why p has no code. Values that are not finite are
// reported as unknown: JSON cannot carry them.
func unscoredReason(p *segment.Profile, in inputs, why problem, b Basis) segment.Reason {
	r := segment.Reason{Rule: "scored"}
	switch why {
	case recencyUnknown:
		r.Field = "recency_days"
	case lastAfterAsOf:
		r.Field, r.Value, r.Known, r.Op, r.Threshold = "recency_days", float64(in.days), true, segment.GreaterEq, 0
	case moneyNotFinite:
		r.Field = b.String()
	default: // noOccasion
		r.Field, r.Value, r.Known, r.Op, r.Threshold = "occasions", float64(in.occ), true, segment.Greater, 0
	}
	return r
}
