package disc

import (
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/clientele-go/clientele/segment"
)

// Questionnaire is a forced-choice DISC questionnaire: groups of four
// words, one per style; in each group the customer picks the word MOST like
// them and the word LEAST like them ([Answer]), and [Questionnaire.Score]
// tallies MOST minus LEAST per style.
//
// A questionnaire is data: ship your own as JSON ([ParseQuestionnaire]) or
// start from [SampleQuestionnaire]. Its JSON form is
//
//	{"title": {"en": "...", "ru": "..."},
//	 "instructions": {"en": "...", "ru": "..."},
//	 "groups": [
//	   {"id": "g01", "words": [
//	     {"id": "decisive", "factor": "D", "en": "Decisive", "ru": "Решительный"},
//	     ...]},
//	   ...]}
//
// where factor is a DISC letter or a style name (see [ParseStyle]).
//
// Its methods only read it, so one questionnaire may score answers from
// many goroutines at once, as long as nobody changes its fields meanwhile
// (change a [Questionnaire.Clone] instead).
type Questionnaire struct {
	Title        Text    `json:"title,omitzero"`
	Instructions Text    `json:"instructions,omitzero"` // what to tell the customer
	Groups       []Group `json:"groups"`
}

// Group is one question: four words, one per style, shown in this order.
type Group struct {
	ID    string `json:"id"` // unique in the questionnaire; answers name it
	Words []Word `json:"words"`
}

// Word is one option of a group.
type Word struct {
	ID     string `json:"id"`     // unique in the group; answers name it
	Factor Style  `json:"factor"` // the style the word stands for
	Text          // what the customer reads; at least one language
}

// Limits on a questionnaire, so that one read from outside cannot exhaust
// memory or make a form nobody can fill in. The JSON text itself is bounded
// by [segment.MaxConfigBytes].
const (
	MaxGroups    = 100 // groups in a questionnaire
	MaxIDBytes   = 64  // length of a group or word id
	MaxTextBytes = 256 // length of a word's text in one language

	// MaxProseBytes bounds the title and the instructions, in one language.
	MaxProseBytes = 4096
)

// wordsPerGroup is one word per style.
const wordsPerGroup = numStyles - 1

// ParseQuestionnaire reads a questionnaire from JSON and validates it (see
// [Questionnaire.Validate]). Unknown fields and trailing data are errors.
func ParseQuestionnaire(data []byte) (*Questionnaire, error) {
	var in questionnaireJSON
	if err := decodeStrict(data, &in, "questionnaire", segment.MaxConfigBytes); err != nil {
		return nil, fmt.Errorf("disc: questionnaire: %w", err)
	}
	q := &Questionnaire{Title: in.Title, Instructions: in.Instructions, Groups: make([]Group, len(in.Groups))}
	for i, g := range in.Groups {
		q.Groups[i] = Group{ID: g.ID, Words: make([]Word, len(g.Words))}
		for j, w := range g.Words {
			factor, err := ParseStyle(w.Factor)
			if err != nil || factor == Unknown {
				return nil, fmt.Errorf("disc: questionnaire: %w", &segment.FieldError{
					Record: fmt.Sprintf("group %q", g.ID), Field: fmt.Sprintf("words[%d].factor", j), Value: w.Factor,
					Err: errors.New("want D, I, S or C")})
			}
			q.Groups[i].Words[j] = Word{ID: w.ID, Factor: factor, Text: w.Text}
		}
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return q, nil
}

// questionnaireJSON is what ParseQuestionnaire decodes: factors as text, so
// that a bad factor is reported with its group and word.
type questionnaireJSON struct {
	Title        Text `json:"title"`
	Instructions Text `json:"instructions"`
	Groups       []struct {
		ID    string `json:"id"`
		Words []struct {
			ID     string `json:"id"`
			Factor string `json:"factor"`
			Text
		} `json:"words"`
	} `json:"groups"`
}

// MustParseQuestionnaire is like [ParseQuestionnaire] but panics on an
// error. It is meant for questionnaires compiled into the program, whose
// validity a test establishes.
func MustParseQuestionnaire(data []byte) *Questionnaire {
	q, err := ParseQuestionnaire(data)
	if err != nil {
		panic(err)
	}
	return q
}

//go:embed questionnaire.json
var sampleJSON []byte

var sample = sync.OnceValue(func() *Questionnaire { return MustParseQuestionnaire(sampleJSON) })

// SampleQuestionnaire returns the questionnaire shipped with the package:
// 24 groups of four adjectives in English and Russian. Each call returns a
// new copy, which the caller may change. (It cannot panic in practice: the
// package's tests parse the embedded file.)
func SampleQuestionnaire() *Questionnaire { return sample().Clone() }

// SampleQuestionnaireJSON returns the JSON text of [SampleQuestionnaire],
// a starting point for a questionnaire of your own.
func SampleQuestionnaireJSON() []byte { return append([]byte(nil), sampleJSON...) }

// Clone returns a deep copy of q.
func (q *Questionnaire) Clone() *Questionnaire {
	c := *q
	c.Groups = make([]Group, len(q.Groups))
	for i, g := range q.Groups {
		c.Groups[i] = Group{ID: g.ID, Words: append([]Word(nil), g.Words...)}
	}
	return &c
}

// Group returns the group with the given id.
func (q *Questionnaire) Group(id string) (Group, bool) {
	for _, g := range q.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return Group{}, false
}

// Word returns the word of g with the given id.
func (g *Group) Word(id string) (Word, bool) {
	for _, w := range g.Words {
		if w.ID == id {
			return w, true
		}
	}
	return Word{}, false
}

// Validate reports the first problem with q as a [*segment.FieldError]
// naming the group (its id, or its position when the id is the problem)
// and the field: no groups or more than [MaxGroups]; a group or word id
// that is empty, longer than [MaxIDBytes], padded with space or repeated;
// a group without exactly one word per style; a word with no text, or text
// longer than [MaxTextBytes] or not UTF-8, or the same text as another word
// of its group.
func (q *Questionnaire) Validate() error {
	bad := func(record, field, value string, err error) error {
		return fmt.Errorf("disc: questionnaire: %w", &segment.FieldError{Record: record, Field: field, Value: value, Err: err})
	}
	switch {
	case len(q.Groups) == 0:
		return bad("", "groups", "", segment.ErrEmpty)
	case len(q.Groups) > MaxGroups:
		return bad("", "groups", strconv.Itoa(len(q.Groups)), fmt.Errorf("%w: %d groups, the limit is %d", segment.ErrRange, len(q.Groups), MaxGroups))
	}
	if err := checkText(q.Title, MaxProseBytes); err != nil {
		return bad("", "title", q.Title.EN+" / "+q.Title.RU, err)
	}
	if err := checkText(q.Instructions, MaxProseBytes); err != nil {
		return bad("", "instructions", q.Instructions.EN+" / "+q.Instructions.RU, err)
	}
	seen := make(map[string]int, len(q.Groups))
	for i, g := range q.Groups {
		if err := checkID(g.ID); err != nil {
			return bad(fmt.Sprintf("groups[%d]", i), "id", g.ID, err)
		}
		if j, dup := seen[g.ID]; dup {
			return bad(fmt.Sprintf("groups[%d]", i), "id", g.ID, fmt.Errorf("repeats the id of groups[%d]", j))
		}
		seen[g.ID] = i
		if err := g.validate(); err != nil {
			var fe *segment.FieldError
			if errors.As(err, &fe) {
				fe.Record = "group " + strconv.Quote(g.ID)
			}
			return fmt.Errorf("disc: questionnaire: %w", err)
		}
	}
	return nil
}

// validate checks one group; the caller fills in the record.
func (g *Group) validate() error {
	if len(g.Words) != wordsPerGroup {
		return &segment.FieldError{Field: "words", Value: strconv.Itoa(len(g.Words)),
			Err: fmt.Errorf("%w: want %d words, one per style (D, I, S, C)", segment.ErrRange, wordsPerGroup)}
	}
	var byFactor [numStyles]int // 1 + index of the word of each style
	for i, w := range g.Words {
		field := func(name string) string { return fmt.Sprintf("words[%d].%s", i, name) }
		if err := checkID(w.ID); err != nil {
			return &segment.FieldError{Field: field("id"), Value: w.ID, Err: err}
		}
		if w.Factor == Unknown || int(w.Factor) >= numStyles {
			return &segment.FieldError{Field: field("factor"), Value: w.Factor.String(), Err: errors.New("want D, I, S or C")}
		}
		if j := byFactor[w.Factor]; j > 0 {
			return &segment.FieldError{Field: field("factor"), Value: w.Factor.Letter(),
				Err: fmt.Errorf("words[%d] already stands for %s; want one word per style", j-1, w.Factor)}
		}
		byFactor[w.Factor] = i + 1
		if strings.TrimSpace(w.EN) == "" && strings.TrimSpace(w.RU) == "" {
			return &segment.FieldError{Field: field("en"), Value: "", Err: fmt.Errorf("%w: a word needs a text in English or Russian", segment.ErrEmpty)}
		}
		if err := checkText(w.Text, MaxTextBytes); err != nil {
			return &segment.FieldError{Field: field("text"), Value: w.EN + " / " + w.RU, Err: err}
		}
		for j := range i {
			o := &g.Words[j]
			switch {
			case o.ID == w.ID:
				return &segment.FieldError{Field: field("id"), Value: w.ID, Err: fmt.Errorf("repeats the id of words[%d]", j)}
			case w.EN != "" && strings.EqualFold(o.EN, w.EN):
				return &segment.FieldError{Field: field("en"), Value: w.EN, Err: fmt.Errorf("repeats the text of words[%d]", j)}
			case w.RU != "" && strings.EqualFold(o.RU, w.RU):
				return &segment.FieldError{Field: field("ru"), Value: w.RU, Err: fmt.Errorf("repeats the text of words[%d]", j)}
			}
		}
	}
	return nil
}

func checkID(id string) error {
	switch {
	case id == "":
		return segment.ErrEmpty
	case len(id) > MaxIDBytes:
		return fmt.Errorf("%w: %d bytes, the limit is %d", segment.ErrRange, len(id), MaxIDBytes)
	case !utf8.ValidString(id):
		return errors.New("not valid UTF-8")
	case strings.TrimSpace(id) != id:
		return errors.New("has surrounding space")
	}
	return nil
}

func checkText(t Text, limit int) error {
	for _, s := range [...]string{t.EN, t.RU} {
		switch {
		case len(s) > limit:
			return fmt.Errorf("%w: %d bytes, the limit is %d", segment.ErrRange, len(s), limit)
		case !utf8.ValidString(s):
			return errors.New("not valid UTF-8")
		}
	}
	return nil
}
