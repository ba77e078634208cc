package segment

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
)

// MaxLabels is the most labels a typology may have, the unknown label
// included. It sizes [Scores] so that a [Result] is a value with no heap
// allocation.
const MaxLabels = 32

// Label is the constraint on a typology's label type: a small enum (see
// [Enum]) whose zero value means unknown.
type Label interface {
	~uint8
	String() string
}

// Scores holds a score in [0, 1] per label, indexed by the label's value:
// r.Scores[ladder.Regular]. Entries beyond the typology's labels are zero.
type Scores [MaxLabels]float32

// Set is a set of labels of one typology, for typologies where a customer
// carries several labels at once (behavioural segments, risk flags).
type Set[L Label] uint32

// Has reports whether l is in s.
func (s Set[L]) Has(l L) bool { return l < MaxLabels && s&(1<<l) != 0 }

// With returns s with l added; labels out of range are ignored.
func (s Set[L]) With(l L) Set[L] {
	if l >= MaxLabels {
		return s
	}
	return s | 1<<l
}

// Len returns the number of labels in s.
func (s Set[L]) Len() int { return bits.OnesCount32(uint32(s)) }

// Labels returns the labels in s in ascending order.
func (s Set[L]) Labels() []L {
	out := make([]L, 0, s.Len())
	for v := uint32(s); v != 0; v &= v - 1 {
		out = append(out, L(bits.TrailingZeros32(v)))
	}
	return out
}

// Result is a typology's answer for one customer. It is a value (no
// pointers), so the plain classification path does not allocate.
//
// The laws every classifier keeps (checked by segmenttest.Conformance):
//   - Primary, Secondary and every label in Tags are valid labels;
//   - every score is finite and in [0, 1]; scores of invalid labels are 0;
//   - a known Primary has a positive score and no label scores higher;
//   - Secondary is unknown, or differs from Primary and scores > 0;
//   - Tags, when not empty, contain Primary, and each tag scores > 0;
//   - Confidence is finite and in [0, 1]: how much the evidence supports
//     Primary, falling as signals are unknown.
type Result[L Label] struct {
	Primary    L       // the main label; zero (unknown) when not determined
	Secondary  L       // a second label where types mix; zero when none
	Tags       Set[L]  // every label that applies, for multi-label typologies
	Scores     Scores  // score per label
	Confidence float32 // in [0, 1]
}

// Score returns the score of l (0 out of range).
func (r *Result[L]) Score(l L) float32 {
	if l >= MaxLabels {
		return 0
	}
	return r.Scores[l]
}

// resultJSON is the JSON form of a Result.
type resultJSON struct {
	Primary    string             `json:"label"`
	Secondary  string             `json:"secondary,omitempty"`
	Tags       []string           `json:"tags,omitempty"`
	Scores     map[string]float32 `json:"scores,omitempty"`
	Confidence float32            `json:"confidence"`
}

// MarshalJSON writes labels by name and only the non-zero scores:
// {"label":"regular","scores":{"regular":0.8,"new":0.2},"confidence":0.9}.
func (r Result[L]) MarshalJSON() ([]byte, error) {
	out := resultJSON{Primary: r.Primary.String(), Confidence: r.Confidence}
	if r.Secondary != 0 {
		out.Secondary = r.Secondary.String()
	}
	for _, l := range r.Tags.Labels() {
		out.Tags = append(out.Tags, l.String())
	}
	for i, s := range r.Scores {
		if s != 0 {
			if out.Scores == nil {
				out.Scores = make(map[string]float32)
			}
			out.Scores[L(i).String()] = s
		}
	}
	if math.IsNaN(float64(r.Confidence)) {
		return nil, fmt.Errorf("segment: confidence is NaN")
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes. It needs *L to implement
// [encoding.TextUnmarshaler], as every label type in clientele does.
func (r *Result[L]) UnmarshalJSON(b []byte) error {
	var in resultJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	parse := func(field, s string) (L, error) {
		var l L
		u, ok := any(&l).(encoding.TextUnmarshaler)
		if !ok {
			return 0, fmt.Errorf("segment: label type %T cannot be read from text", l)
		}
		if err := u.UnmarshalText([]byte(s)); err != nil {
			return 0, fmt.Errorf("segment: result %s: %w", field, err)
		}
		return l, nil
	}
	var out Result[L]
	var err error
	if out.Primary, err = parse("label", in.Primary); err != nil {
		return err
	}
	if in.Secondary != "" {
		if out.Secondary, err = parse("secondary", in.Secondary); err != nil {
			return err
		}
	}
	for _, t := range in.Tags {
		l, err := parse("tags", t)
		if err != nil {
			return err
		}
		out.Tags = out.Tags.With(l)
	}
	for name, s := range in.Scores {
		l, err := parse("scores", name)
		if err != nil {
			return err
		}
		if l >= MaxLabels {
			return fmt.Errorf("segment: result scores: label %q out of range", name)
		}
		out.Scores[l] = s
	}
	out.Confidence = in.Confidence
	*r = out
	return nil
}

// Classifier assigns one typology's labels to a customer profile. This is
// the contract every typology in clientele implements and that the batch
// runner and the strategy layer consume.
//
// Implementations must be deterministic (the same profile always gives the
// same result), must not modify the profile, must not panic on any profile
// (the zero profile included), must keep the laws documented on [Result],
// and must be safe for concurrent use once constructed.
type Classifier[L Label] interface {
	Classify(p *Profile) Result[L]
}

// Func adapts a plain function to a [Classifier], as http.HandlerFunc does
// for handlers:
//
//	vip := segment.Func[Tier](func(p *segment.Profile) segment.Result[Tier] { ... })
type Func[L Label] func(p *Profile) Result[L]

// Classify calls f(p).
func (f Func[L]) Classify(p *Profile) Result[L] { return f(p) }

// Explainer is implemented by classifiers that can say why: the same
// result as Classify, plus the reasons. Explain may allocate; Classify must
// not need to.
type Explainer[L Label] interface {
	Classifier[L]
	Explain(p *Profile) Explanation[L]
}

// Explain returns c's explanation of p when c is an [Explainer], and
// otherwise its plain result with no reasons.
func Explain[L Label](c Classifier[L], p *Profile) Explanation[L] {
	if e, ok := c.(Explainer[L]); ok {
		return e.Explain(p)
	}
	return Explanation[L]{Result: c.Classify(p)}
}
