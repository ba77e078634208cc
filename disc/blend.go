package disc

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Blend returns the style of p from its questionnaire tally and its
// behaviour together. It does not allocate.
//
// The questionnaire is the customer's own word and weighs
// Config.QuestionnaireWeight; behaviour weighs the rest, scaled by how much
// of it is known. The scaling is per style: a style none of whose
// behavioural indicators is known keeps its questionnaire score, because an
// unknown signal is never evidence against a style. So a weak
// questionnaire result can be overturned by strong, well-known behaviour,
// and a clear one cannot.
//
// Without a questionnaire (t.Groups is 0) the result is
// [Classifier.Classify]'s; with nothing known about behaviour, or a
// questionnaire_weight of 1, it is [Tally.Result]'s. Otherwise each style's score is the weighted mean of
// its two scores, and the primary and secondary are ranked as everywhere
// in this package (min_score does not apply: the customer has answered).
// The confidence treats the two sources as independent witnesses:
// agreement compounds (1 - (1-a)(1-b) for the confidences a and b of the
// sources whose own primary is the blended one), and each source that
// names another style discounts it by (1 - its confidence). A source
// without a primary of its own counts neither way.
func (c *Classifier) Blend(p *segment.Profile, t Tally) segment.Result[Style] {
	return c.blend(p, &t, nil)
}

// ExplainBlend returns [Classifier.Blend]'s result with the reasons of both
// sources and one for the weight given to the questionnaire.
func (c *Classifier) ExplainBlend(p *segment.Profile, t Tally) segment.Explanation[Style] {
	reasons := make([]segment.Reason, 0, indicators+numStyles)
	r := c.blend(p, &t, &reasons)
	return segment.Explanation[Style]{Result: r, Reasons: reasons}
}

func (c *Classifier) blend(p *segment.Profile, t *Tally, rs *[]segment.Reason) segment.Result[Style] {
	var ev evidence
	c.observe(p, &ev, rs)
	var behaviour segment.Result[Style]
	ev.result(c.cfg.MinScore, &behaviour)
	answers := t.eval(rs)

	answered := t.Groups > 0
	coverage := ev.meanCoverage()
	wq := 0.0
	if answered {
		wq = c.cfg.QuestionnaireWeight
	}
	wb := (1 - c.cfg.QuestionnaireWeight) * coverage
	if rs != nil {
		share := 0.0
		if wq+wb > 0 {
			share = wq / (wq + wb)
		}
		// The questionnaire's share of the evidence is never below its
		// weight: behaviour only gets its part as far as it is known.
		*rs = append(*rs, segment.Reason{Rule: "blend", Field: "questionnaire_share", Value: share, Known: answered,
			Op: segment.GreaterEq, Threshold: c.cfg.QuestionnaireWeight, Setting: "questionnaire_weight", Held: answered,
			FieldEN: "questionnaire's share of the evidence", FieldRU: "доля анкеты в оценке"})
	}
	switch {
	case !answered:
		return behaviour
	case wb == 0: // nothing known about behaviour, or behaviour weighs nothing
		return answers
	}

	var r segment.Result[Style]
	for s := Dominant; s <= Conscientious; s++ {
		ws := (1 - c.cfg.QuestionnaireWeight) * ev.coverage(s)
		r.Scores[s] = segment.Clamp01((wq*float64(answers.Scores[s]) + ws*float64(behaviour.Scores[s])) / (wq + ws))
	}
	r.Primary, r.Secondary = rank(&r.Scores)
	if r.Primary == Unknown {
		return r
	}
	// Two independent sources: agreement compounds, disagreement discounts.
	doubt, against := 1.0, 1.0
	for _, src := range [...]*segment.Result[Style]{&answers, &behaviour} {
		switch src.Primary {
		case Unknown:
		case r.Primary:
			doubt *= 1 - float64(src.Confidence)
		default:
			against *= 1 - float64(src.Confidence)
		}
	}
	r.Confidence = segment.Clamp01((1 - doubt) * against)
	return r
}

// Surveyed is a classifier for a customer base where some customers have
// answered the questionnaire: it blends each customer's tally, looked up
// by profile ID, with their behaviour ([Classifier.Blend]), and classifies
// the others by behaviour alone. It is what the batch runner and the
// strategy layer, which see only profiles, should be given. It is
// immutable and safe for concurrent use.
type Surveyed struct {
	c       *Classifier
	tallies map[string]Tally
}

// WithTallies returns a [Surveyed] classifier over the tallies, keyed by
// customer ID. The map is copied. Every tally is validated; the error
// names the customer of the first invalid one in ID order.
func (c *Classifier) WithTallies(tallies map[string]Tally) (*Surveyed, error) {
	for _, id := range slices.Sorted(maps.Keys(tallies)) {
		t := tallies[id]
		if err := t.validate(); err != nil {
			err.Record = "tally of customer " + strconv.Quote(id)
			return nil, fmt.Errorf("disc: %w", err)
		}
	}
	return &Surveyed{c: c, tallies: maps.Clone(tallies)}, nil
}

// Tally returns the tally of the customer with the given ID.
func (s *Surveyed) Tally(id string) (Tally, bool) {
	t, ok := s.tallies[id]
	return t, ok
}

// Classify returns the blended style of p. It does not allocate.
func (s *Surveyed) Classify(p *segment.Profile) segment.Result[Style] {
	t := s.tallies[p.ID]
	return s.c.blend(p, &t, nil)
}

// Explain returns [Surveyed.Classify]'s result with its reasons.
func (s *Surveyed) Explain(p *segment.Profile) segment.Explanation[Style] {
	return s.c.ExplainBlend(p, s.tallies[p.ID])
}
