package strategy

import (
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

// Classifiers runs every typology on a profile and fills a
// [Classification], the input of [Engine.Plan]. Each field is one
// typology's classifier; a nil field leaves that typology's result zero
// (Unknown), which treatments simply do not match, so the zero
// Classifiers is valid and classifies nothing. The single-label
// typologies are interfaces so a user can put in their own classifier (a
// [segment.Func], a DISC classifier that knows questionnaire answers via
// disc.Classifier.WithTallies); the ladder is concrete because the
// playbook needs its next step.
//
// Classifiers are immutable once built and safe for concurrent use, as
// long as the classifiers in it are (the library's all are).
type Classifiers struct {
	Behavior   *behavior.Classifier
	RFM        *rfm.Classifier
	Ladder     *ladder.Classifier
	DISC       segment.Classifier[disc.Style]
	SABONE     segment.Classifier[sabone.Category]
	Perception segment.Classifier[perception.Channel]
	Decision   segment.Classifier[decision.Style]
	Loyalty    segment.Classifier[loyalty.Kind]
}

// Classify classifies p with every classifier present into out, which it
// overwrites except for out.Value (the customer's value comes from
// elsewhere, such as segment/clv). out.Profile is set to p; p must stay
// unchanged while out is in use. Classify does not allocate.
func (cs *Classifiers) Classify(p *segment.Profile, out *Classification) {
	// Every field but Value is set once, each result written where it
	// lives: zeroing the whole classification first would write its
	// kilobyte twice per customer.
	out.Profile = p
	out.Segment = segment.Result[behavior.Type]{}
	if cs.Behavior != nil {
		out.Segment = cs.Behavior.Classify(p)
	}
	out.RFM = segment.Result[rfm.Segment]{}
	if cs.RFM != nil {
		out.RFM = cs.RFM.Classify(p)
	}
	out.Rung, out.Next = segment.Result[ladder.Rung]{}, ladder.Step{}
	if cs.Ladder != nil {
		out.Rung, out.Next = cs.Ladder.ClassifyNext(p) // one evaluation for both
	}
	out.DISC = segment.Result[disc.Style]{}
	if cs.DISC != nil {
		out.DISC = cs.DISC.Classify(p)
	}
	out.SABONE = segment.Result[sabone.Category]{}
	if cs.SABONE != nil {
		out.SABONE = cs.SABONE.Classify(p)
	}
	out.Perception = segment.Result[perception.Channel]{}
	if cs.Perception != nil {
		out.Perception = cs.Perception.Classify(p)
	}
	out.Decision = segment.Result[decision.Style]{}
	if cs.Decision != nil {
		out.Decision = cs.Decision.Classify(p)
	}
	out.Loyalty = segment.Result[loyalty.Kind]{}
	if cs.Loyalty != nil {
		out.Loyalty = cs.Loyalty.Classify(p)
	}
}
