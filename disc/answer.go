package disc

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Answer is a customer's choice in one group of a [Questionnaire]: the id
// of the word MOST like them and the id of the word LEAST like them. Its
// JSON form is {"group": "g01", "most": "decisive", "least": "precise"}.
type Answer struct {
	Group string `json:"group"`
	Most  string `json:"most"`
	Least string `json:"least"`
}

// The kinds of invalid answers, for callers that branch on them (a form
// that highlights the group to fix). [Questionnaire.Score] wraps each in a
// [*segment.FieldError] naming the group and the word.
var (
	ErrUnknownGroup  = errors.New("no such group in the questionnaire")
	ErrRepeatedGroup = errors.New("group answered more than once")
	ErrMissingGroup  = errors.New("group not answered")
	ErrUnknownOption = errors.New("not a word of the group")
	ErrSameWord      = errors.New("the same word as MOST and LEAST")
)

// MaxAnswersBytes bounds the JSON text [ParseAnswers] reads: ample for
// [MaxGroups] answers.
const MaxAnswersBytes = 64 << 10

// ParseAnswers reads answers from a JSON array of [Answer] objects.
// Unknown fields, trailing data and input over [MaxAnswersBytes] are
// errors. It checks only the form; [Questionnaire.Score] checks the
// answers against the questionnaire.
func ParseAnswers(data []byte) ([]Answer, error) {
	var raw []json.RawMessage
	if err := decodeStrict(data, &raw, "answers", MaxAnswersBytes); err != nil {
		return nil, fmt.Errorf("disc: answers: %w", err)
	}
	out := make([]Answer, len(raw))
	for i, r := range raw {
		if err := decodeStrict(r, &out[i], "answer", MaxAnswersBytes); err != nil {
			var fe *segment.FieldError
			if errors.As(err, &fe) {
				fe.Record = fmt.Sprintf("answers[%d]", i)
			} else {
				err = fmt.Errorf("answers[%d]: %w", i, err)
			}
			return nil, fmt.Errorf("disc: answers: %w", err)
		}
	}
	return out, nil
}

// Score checks the answers against q and tallies them: for each style, how
// often one of its words was picked as MOST and as LEAST.
//
// Every group must be answered exactly once, with two different words of
// that group. Otherwise Score returns no tally and an error listing every
// problem (up to 20), each a [*segment.FieldError] naming the group and the
// word and wrapping one of [ErrUnknownGroup], [ErrRepeatedGroup],
// [ErrMissingGroup], [ErrUnknownOption] or [ErrSameWord]; errors.Is and
// errors.As find them. An invalid questionnaire is an error too.
func (q *Questionnaire) Score(answers []Answer) (Tally, error) {
	if err := q.Validate(); err != nil {
		return Tally{}, err
	}
	index := make(map[string]int, len(q.Groups))
	for i := range q.Groups {
		index[q.Groups[i].ID] = i
	}
	answeredAt := make([]int, len(q.Groups)) // 1 + index of the answer, 0 when none
	var t Tally
	var problems []error
	report := func(err *segment.FieldError) { problems = append(problems, err) }
	for i, a := range answers {
		gi, ok := index[a.Group]
		if !ok {
			report(&segment.FieldError{Record: fmt.Sprintf("answers[%d]", i), Field: "group", Value: a.Group, Err: ErrUnknownGroup})
			continue
		}
		g := &q.Groups[gi]
		if j := answeredAt[gi]; j > 0 {
			report(&segment.FieldError{Record: g.record(), Field: "group", Value: a.Group,
				Err: fmt.Errorf("%w: answers[%d] and answers[%d]", ErrRepeatedGroup, j-1, i)})
			continue
		}
		answeredAt[gi] = i + 1
		most, okMost := g.Word(a.Most)
		least, okLeast := g.Word(a.Least)
		if !okMost {
			report(&segment.FieldError{Record: g.record(), Field: "most", Value: a.Most, Err: g.unknownOption()})
		}
		if !okLeast {
			report(&segment.FieldError{Record: g.record(), Field: "least", Value: a.Least, Err: g.unknownOption()})
		}
		if okMost && okLeast && a.Most == a.Least {
			report(&segment.FieldError{Record: g.record(), Field: "least", Value: a.Least, Err: ErrSameWord})
		}
		if okMost && okLeast && a.Most != a.Least {
			t.Most[most.Factor]++
			t.Least[least.Factor]++
			t.Groups++
		}
	}
	for gi, at := range answeredAt {
		if at == 0 {
			g := &q.Groups[gi]
			report(&segment.FieldError{Record: g.record(), Field: "group", Value: g.ID, Err: ErrMissingGroup})
		}
	}
	if len(problems) > 0 {
		return Tally{}, answersError(problems)
	}
	return t, nil
}

// record names the group in errors.
func (g *Group) record() string { return "group " + strconv.Quote(g.ID) }

// unknownOption says which words the group has.
func (g *Group) unknownOption() error {
	ids := make([]string, len(g.Words))
	for i, w := range g.Words {
		ids[i] = w.ID
	}
	return fmt.Errorf("%w; want one of %s", ErrUnknownOption, strings.Join(ids, ", "))
}

// maxReported bounds the problems one error lists.
const maxReported = 20

// answersError joins the problems, at most maxReported of them, under the
// package prefix.
func answersError(problems []error) error {
	if n := len(problems); n > maxReported {
		problems = append(problems[:maxReported:maxReported], fmt.Errorf("and %d more problems", n-maxReported))
	}
	for i, p := range problems {
		problems[i] = fmt.Errorf("disc: answers: %w", p)
	}
	return errors.Join(problems...)
}
