package strategy

import (
	"fmt"
	"strings"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
)

// Classification is everything the strategy reads about one customer: the
// profile, every typology's result, the ladder's next step and, when
// known, the customer's value (CLV over the planning horizon) for the
// retention budget. Zero results (Unknown) are fine: rules on them simply
// do not match.
type Classification struct {
	Profile *segment.Profile
	Segment segment.Result[behavior.Type]
	RFM     segment.Result[rfm.Segment]
	// RFMCode is the customer's R, F and M scores behind RFM, the zero
	// Code when RFM could not score them (see rfm.Classifier.Code).
	RFMCode    rfm.Code
	Rung       segment.Result[ladder.Rung]
	Next       ladder.Step
	DISC       segment.Result[disc.Style]
	SABONE     segment.Result[sabone.Category]
	Perception segment.Result[perception.Channel]
	Decision   segment.Result[decision.Style]
	Loyalty    segment.Result[loyalty.Kind]
	// Value is what the customer is worth over the planning horizon
	// (for example CLV from segment/clv). Unknown: the budget falls back
	// to net revenue per year of tenure.
	Value segment.Opt[float64]
}

// Typology names a typology whose labels rules refer to.
type Typology uint8

// The typologies, named in JSON as the shop example's CSV columns.
const (
	NoTypology Typology = iota
	Behavior            // "segment": behavioural segments and risk flags
	RFM                 // "rfm_segment"
	Ladder              // "rung"
	DISC                // "disc"
	SABONE              // "sabone"
	Perception          // "perception"
	Decision            // "decision"
	Loyalty             // "loyalty"
	numTypologies
)

// typology describes one typology to the rule compiler and renderer.
type typology struct {
	name  string
	multi bool // results carry tags worth matching
	parse func(string) (uint8, error)
	title func(uint8, segment.Lang) string
}

func describe[L ~uint8](name string, e *segment.Enum[L], multi bool) typology {
	return typology{
		name:  name,
		multi: multi,
		parse: func(s string) (uint8, error) {
			l, err := e.Parse(s)
			return uint8(l), err
		},
		title: func(l uint8, lang segment.Lang) string { return e.Title(L(l), lang) },
	}
}

var typologies = [numTypologies]typology{
	NoTypology: {name: ""},
	Behavior:   describe("segment", behavior.Types, true),
	RFM:        describe("rfm_segment", rfm.Segments, false),
	Ladder:     describe("rung", ladder.Rungs, false),
	DISC:       describe("disc", disc.Styles, false),
	SABONE:     describe("sabone", sabone.Categories, true),
	Perception: describe("perception", perception.Channels, false),
	Decision:   describe("decision", decision.Styles, false),
	Loyalty:    describe("loyalty", loyalty.Kinds, false),
}

// String returns the JSON name, e.g. "rung".
func (t Typology) String() string {
	if t < numTypologies {
		return typologies[t].name
	}
	return fmt.Sprintf("Typology(%d)", uint8(t))
}

// ParseTypology parses a JSON name.
func ParseTypology(s string) (Typology, error) {
	for t := Behavior; t < numTypologies; t++ {
		if strings.EqualFold(typologies[t].name, strings.TrimSpace(s)) {
			return t, nil
		}
	}
	names := make([]string, 0, numTypologies)
	for t := Behavior; t < numTypologies; t++ {
		names = append(names, typologies[t].name)
	}
	return NoTypology, fmt.Errorf("unknown typology %q; want one of %s", s, strings.Join(names, ", "))
}

// slot is a typology's result reduced to label numbers, which is all the
// compiled rules need.
type slot struct {
	primary, secondary uint8
	tags               uint32
	confidence         float32
}

func slotOf[L segment.Label](r *segment.Result[L]) slot {
	return slot{uint8(r.Primary), uint8(r.Secondary), uint32(r.Tags), r.Confidence}
}

// slots reduces every result of c (straight-line: this runs for every
// customer planned).
func (c *Classification) slots(out *[numTypologies]slot) {
	out[NoTypology] = slot{}
	out[Behavior] = slotOf(&c.Segment)
	out[RFM] = slotOf(&c.RFM)
	out[Ladder] = slotOf(&c.Rung)
	out[DISC] = slotOf(&c.DISC)
	out[SABONE] = slotOf(&c.SABONE)
	out[Perception] = slotOf(&c.Perception)
	out[Decision] = slotOf(&c.Decision)
	out[Loyalty] = slotOf(&c.Loyalty)
}
