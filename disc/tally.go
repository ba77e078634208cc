package disc

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Tally is the outcome of a forced-choice questionnaire: how often a word
// of each style was picked as MOST and as LEAST like the customer. Arrays
// are indexed by Style (t.Most[disc.Dominant]); the Unknown slot stays 0.
//
// [Questionnaire.Score] always returns a valid tally. A tally built by
// hand (from a paper form, or loaded from storage) should be checked with
// [Tally.Validate]; an invalid one still gives a result that keeps the
// laws of [segment.Result], but it means little.
//
// Its JSON form names the styles, for storing next to a customer:
// {"groups": 24, "most": {"dominant": 16, ...}, "least": {...}}.
type Tally struct {
	Groups int                    // groups answered
	Most   [Conscientious + 1]int // MOST picks per style
	Least  [Conscientious + 1]int // LEAST picks per style
}

// tallyJSON is the JSON form of a Tally.
type tallyJSON struct {
	Groups int            `json:"groups"`
	Most   map[string]int `json:"most"`
	Least  map[string]int `json:"least"`
}

// MarshalJSON writes the counts by style name, zeros included.
func (t Tally) MarshalJSON() ([]byte, error) {
	out := tallyJSON{Groups: t.Groups, Most: make(map[string]int, numStyles-1), Least: make(map[string]int, numStyles-1)}
	for s := Dominant; s <= Conscientious; s++ {
		out.Most[s.String()], out.Least[s.String()] = t.Most[s], t.Least[s]
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes; styles may also be named by
// letter or title, and absent styles count 0. Unknown fields or styles, a
// style named twice, and tallies that fail [Tally.Validate] are errors.
func (t *Tally) UnmarshalJSON(b []byte) error {
	var in tallyJSON
	if err := decodeStrict(b, &in, "tally", segment.MaxConfigBytes); err != nil {
		return fmt.Errorf("disc: tally: %w", err)
	}
	out := Tally{Groups: in.Groups}
	for _, side := range [...]struct {
		name   string
		counts map[string]int
		dst    *[Conscientious + 1]int
	}{{"most", in.Most, &out.Most}, {"least", in.Least, &out.Least}} {
		var seen [numStyles]string
		for _, key := range slices.Sorted(maps.Keys(side.counts)) {
			s, err := ParseStyle(key)
			if err != nil || s == Unknown {
				return fmt.Errorf("disc: tally: %w", &segment.FieldError{Field: side.name, Value: key, Err: errors.New("want D, I, S or C")})
			}
			if seen[s] != "" {
				return fmt.Errorf("disc: tally: %w", &segment.FieldError{Field: side.name, Value: key,
					Err: fmt.Errorf("names the same style as %q", seen[s])})
			}
			seen[s] = key
			side.dst[s] = side.counts[key]
		}
	}
	if err := out.Validate(); err != nil {
		return err
	}
	*t = out
	return nil
}

// Net returns MOST minus LEAST for s: from -Groups (always the least like
// them) to +Groups (always the most) for a tally that passes
// [Tally.Validate]; for another, whose counts may be any ints, the
// difference may pass what an int holds and wrap around ([Tally.Result]
// works it out as a number instead). It is 0 for Unknown and
// out-of-range values.
func (t *Tally) Net(s Style) int {
	if s == Unknown || int(s) >= numStyles {
		return 0
	}
	return t.Most[s] - t.Least[s]
}

// netOf is [Tally.Net] as a number, which does not wrap around for an
// unvalidated tally's counts near the most an int holds: counts of one
// sign subtract exactly as ints (as a validated tally's always do, past
// 2^53 too), others as numbers.
func (t *Tally) netOf(s Style) float64 {
	m, l := t.Most[s], t.Least[s]
	if (m >= 0) == (l >= 0) {
		return float64(m - l)
	}
	return float64(m) - float64(l)
}

// Validate reports the first inconsistency as a [*segment.FieldError]
// naming the count ("most.dominant") and its value: a negative count, a
// pick for Unknown, a style picked more often than there are groups, MOST
// and LEAST picks that do not each add up to Groups, or a style picked as
// both MOST and LEAST more often than there are groups.
func (t *Tally) Validate() error {
	if err := t.validate(); err != nil {
		err.Record = "disc tally"
		return fmt.Errorf("disc: %w", err)
	}
	return nil
}

// validate is Validate without a record or a prefix, which callers add.
func (t *Tally) validate() *segment.FieldError {
	bad := func(field string, v int, err error) *segment.FieldError {
		return &segment.FieldError{Field: field, Value: strconv.Itoa(v), Err: err}
	}
	if t.Groups < 0 {
		return bad("groups", t.Groups, fmt.Errorf("%w: must not be negative", segment.ErrRange))
	}
	if t.Most[Unknown] != 0 {
		return bad("most.unknown", t.Most[Unknown], fmt.Errorf("%w: must be 0", segment.ErrRange))
	}
	if t.Least[Unknown] != 0 {
		return bad("least.unknown", t.Least[Unknown], fmt.Errorf("%w: must be 0", segment.ErrRange))
	}
	var most, least int
	for s := Dominant; s <= Conscientious; s++ {
		for _, c := range [...]struct {
			side string
			v    int
		}{{"most", t.Most[s]}, {"least", t.Least[s]}} {
			if c.v < 0 || c.v > t.Groups {
				return bad(c.side+"."+s.String(), c.v, fmt.Errorf("%w: want 0..groups (%d)", segment.ErrRange, t.Groups))
			}
		}
		// Compared by differences: the sums of counts an int holds need
		// not be ints (every count is in 0..groups by now).
		if t.Least[s] > t.Groups-t.Most[s] {
			return bad("least."+s.String(), t.Least[s], fmt.Errorf("%w: most (%d) plus least exceed groups (%d)", segment.ErrRange, t.Most[s], t.Groups))
		}
		// Sums past the most an int holds, which would wrap around (and
		// might wrap to groups); short of it, the sums are checked below.
		if t.Most[s] > math.MaxInt-most {
			return bad("most."+s.String(), t.Most[s], fmt.Errorf("%w: MOST picks add up past %d, want one per group (%d)", segment.ErrRange, math.MaxInt, t.Groups))
		}
		if t.Least[s] > math.MaxInt-least {
			return bad("least."+s.String(), t.Least[s], fmt.Errorf("%w: LEAST picks add up past %d, want one per group (%d)", segment.ErrRange, math.MaxInt, t.Groups))
		}
		most += t.Most[s]
		least += t.Least[s]
	}
	if most != t.Groups {
		return bad("most", most, fmt.Errorf("%w: MOST picks add up to %d, want one per group (%d)", segment.ErrRange, most, t.Groups))
	}
	if least != t.Groups {
		return bad("least", least, fmt.Errorf("%w: LEAST picks add up to %d, want one per group (%d)", segment.ErrRange, least, t.Groups))
	}
	return nil
}

// Result returns the style the questionnaire shows. It does not allocate.
//
// A style's score is its net placed on a scale from 0 (always LEAST) to 1
// (always MOST): (net + groups) / (2 * groups), so 0.5 is neutral. The
// primary is the highest net and the secondary the next (ties in D, I, S,
// C order). When every style has the same net (no answer, or perfectly
// balanced answers) no style stands out and the primary is Unknown. The
// confidence is the primary's net over the number of groups: the share
// of groups that, on balance, chose it.
func (t Tally) Result() segment.Result[Style] { return t.eval(nil) }

// Explain returns [Tally.Result] with one reason per style: its net, and
// whether it is above zero.
func (t Tally) Explain() segment.Explanation[Style] {
	reasons := make([]segment.Reason, 0, numStyles-1)
	r := t.eval(&reasons)
	return segment.Explanation[Style]{Result: r, Reasons: reasons}
}

// questionnaireRules are the rule ids of the questionnaire's reasons,
// indexed by Style.
var questionnaireRules = [numStyles]string{
	Dominant:      "questionnaire.dominant",
	Influential:   "questionnaire.influential",
	Steady:        "questionnaire.steady",
	Conscientious: "questionnaire.conscientious",
}

func (t *Tally) eval(rs *[]segment.Reason) segment.Result[Style] {
	var r segment.Result[Style]
	answered := t.Groups > 0
	lo, hi := 0.0, 0.0
	for s := Dominant; s <= Conscientious; s++ {
		// As numbers: an unvalidated tally's counts may be near the most
		// an int holds, and their differences and sums past it.
		net := t.netOf(s)
		if s == Dominant || net < lo {
			lo = net
		}
		if s == Dominant || net > hi {
			hi = net
		}
		if answered {
			r.Scores[s] = segment.Clamp01((net + float64(t.Groups)) / (2 * float64(t.Groups)))
		}
		if rs != nil {
			*rs = append(*rs, segment.Reason{Rule: questionnaireRules[s], Label: s.String(), Field: "questionnaire_net",
				Value: net, Known: answered, Op: segment.Greater, Held: answered && net > 0,
				FieldEN: "questionnaire: MOST minus LEAST picks", FieldRU: "анкета: выборов «больше всего» минус «меньше всего»"})
		}
	}
	if !answered || lo == hi {
		return r
	}
	r.Primary, r.Secondary = rank(&r.Scores)
	if r.Primary != Unknown {
		r.Confidence = segment.Clamp01(t.netOf(r.Primary) / float64(t.Groups))
	}
	return r
}
