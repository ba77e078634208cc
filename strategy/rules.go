package strategy

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// On says which part of a typology's result a [Match] looks at.
type On uint8

// The parts of a result.
const (
	OnDefault   On = iota // Tag for multi-label typologies, else Primary
	OnPrimary             // the primary label
	OnSecondary           // the secondary label
	OnTag                 // any label in the tags (multi-label typologies)
	OnAny                 // primary, secondary or a tag
)

var onNames = [...]string{"", "primary", "secondary", "tag", "any"}

// String returns the JSON name.
func (o On) String() string {
	if int(o) < len(onNames) {
		return onNames[o]
	}
	return fmt.Sprintf("On(%d)", uint8(o))
}

// MarshalText writes the JSON name.
func (o On) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads a JSON name ("" means the default).
func (o *On) UnmarshalText(b []byte) error {
	s := strings.ToLower(strings.TrimSpace(string(b)))
	for i, n := range onNames {
		if s == n {
			*o = On(i)
			return nil
		}
	}
	return fmt.Errorf("unknown %q; want primary, secondary, tag or any", s)
}

// Match is one test on a typology's result: "rung is regular", "segment
// has the tag dissatisfied". Not inverts it.
type Match struct {
	Typology string `json:"typology"`
	Label    string `json:"label"`
	On       On     `json:"on,omitzero"`
	Not      bool   `json:"not,omitempty"`
}

// Treatment is a rule from a typology result to a candidate action: when
// every match holds, the action gains Weight (scaled by how confident the
// typologies are, see [Engine]).
type Treatment struct {
	ID     string  `json:"id"`
	When   []Match `json:"when"`
	Action string  `json:"action"`
	Weight float64 `json:"weight"`
}

// Conflict resolves recommendations that pull in different directions (a
// budget buyer who is also gold; a fan who just complained): when every
// match holds, the listed actions are suppressed (and reported as what to
// avoid, with Why) and others boosted.
type Conflict struct {
	ID       string             `json:"id"`
	When     []Match            `json:"when"`
	Suppress []string           `json:"suppress,omitempty"`
	Boost    map[string]float64 `json:"boost,omitempty"`
	Why      Text2              `json:"why"`
}

// Text2 is a sentence in English and Russian.
type Text2 struct {
	EN string `json:"en"`
	RU string `json:"ru"`
}

// In returns the text in lang.
func (t Text2) In(lang segment.Lang) string {
	if lang == segment.Russian && t.RU != "" {
		return t.RU
	}
	return t.EN
}

// Bounds on rule sets, so a stored configuration cannot make planning
// slow or take the process down.
const (
	MaxActions    = 256 // actions in a catalogue
	MaxRules      = 1024
	MaxMatches    = 8 // matches in one rule
	MaxWeight     = 100
	maxWhy        = 4 // reasons kept per planned action
	maxContacts   = 60
	maxPlanLength = 20
)

// match is a compiled Match.
type match struct {
	t     Typology
	label uint8
	on    On
	not   bool
}

func (m match) holds(slots *[numTypologies]slot) bool {
	s := &slots[m.t]
	var ok bool
	switch m.on {
	case OnPrimary:
		ok = s.primary == m.label
	case OnSecondary:
		ok = s.secondary == m.label
	case OnTag:
		ok = s.tags&(1<<m.label) != 0
	case OnAny:
		ok = s.primary == m.label || s.secondary == m.label || s.tags&(1<<m.label) != 0
	}
	return ok != m.not
}

// Where a label sits in a result, as a bit set.
const (
	atPrimary uint8 = 1 << iota
	atSecondary
	atTag
)

// positions says where a label must sit for a match on it to hold.
var positions = [...]uint8{OnPrimary: atPrimary, OnSecondary: atSecondary, OnTag: atTag, OnAny: atPrimary | atSecondary | atTag}

func compileMatches(rec string, ms []Match) ([]match, error) {
	if len(ms) == 0 {
		return nil, &segment.FieldError{Record: rec, Field: "when", Err: segment.ErrEmpty}
	}
	if len(ms) > MaxMatches {
		return nil, &segment.FieldError{Record: rec, Field: "when", Value: fmt.Sprint(len(ms)),
			Err: fmt.Errorf("%w: at most %d matches", segment.ErrRange, MaxMatches)}
	}
	out := make([]match, len(ms))
	for i, m := range ms {
		field := fmt.Sprintf("when[%d]", i)
		t, err := ParseTypology(m.Typology)
		if err != nil {
			return nil, &segment.FieldError{Record: rec, Field: field + ".typology", Value: m.Typology, Err: errors.New(strings.TrimPrefix(err.Error(), "unknown typology "))}
		}
		l, err := typologies[t].parse(m.Label)
		if err != nil || l == 0 {
			if err == nil {
				err = errors.New("the unknown label cannot be matched")
			}
			var fe *segment.FieldError
			if errors.As(err, &fe) {
				err = fe.Err
			}
			return nil, &segment.FieldError{Record: rec, Field: field + ".label", Value: m.Label, Err: err}
		}
		on := m.On
		if on == OnDefault {
			on = OnPrimary
			if typologies[t].multi {
				on = OnTag
			}
		}
		if on == OnTag && !typologies[t].multi {
			return nil, &segment.FieldError{Record: rec, Field: field + ".on", Value: "tag",
				Err: fmt.Errorf("typology %s has no tags", t)}
		}
		out[i] = match{t: t, label: l, on: on, not: m.Not}
	}
	return out, nil
}

func allHold(ms []match, slots *[numTypologies]slot) bool {
	for _, m := range ms {
		if !m.holds(slots) {
			return false
		}
	}
	return true
}

// describeMatch renders a match for people: "rung: Regular".
func describeMatch(m match, lang segment.Lang) string {
	name, sep, title := matchParts(m, lang)
	return name + sep + title
}

// matchParts returns describeMatch's text for m in the three pieces it
// joins: the typology's name, a separator (with the negation) and the
// label's title, so that the JSON writer can escape them without joining
// them first.
func matchParts(m match, lang segment.Lang) (name, sep, title string) {
	t := typologies[m.t]
	title = t.title(m.label, lang)
	name = typologyTitle(m.t, lang)
	switch {
	case m.not && lang == segment.Russian:
		sep = ": не "
	case m.not:
		sep = ": not "
	default:
		sep = ": "
	}
	return name, sep, title
}

var typologyTitles = [numTypologies][2]string{
	Behavior:   {"segment", "сегмент"},
	RFM:        {"RFM segment", "RFM-сегмент"},
	Ladder:     {"loyalty ladder", "лестница лояльности"},
	DISC:       {"DISC", "DISC"},
	SABONE:     {"SABONE", "SABONE"},
	Perception: {"perception", "восприятие"},
	Decision:   {"decision style", "способ решения"},
	Loyalty:    {"loyalty kind", "вид лояльности"},
}

func typologyTitle(t Typology, lang segment.Lang) string {
	if t >= numTypologies {
		return t.String()
	}
	if lang == segment.Russian {
		return typologyTitles[t][1]
	}
	return typologyTitles[t][0]
}

func checkWeight(rec, field string, w float64) error {
	if math.IsNaN(w) || math.IsInf(w, 0) || w <= 0 || w > MaxWeight {
		return &segment.FieldError{Record: rec, Field: field, Value: fmt.Sprint(w),
			Err: fmt.Errorf("%w: want a weight in (0, %d]", segment.ErrRange, MaxWeight)}
	}
	return nil
}
