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
	// kilobyte twice per customer, and a result returned by value would
	// be copied into place. The library's own classifiers write straight
	// into the classification (ClassifyInto); others return their result.
	out.Profile = p
	if cs.Behavior != nil {
		cs.Behavior.ClassifyInto(p, &out.Segment)
	} else {
		out.Segment = segment.Result[behavior.Type]{}
	}
	if cs.RFM != nil {
		cs.RFM.ClassifyCodeInto(p, &out.RFM, &out.RFMCode)
	} else {
		out.RFM, out.RFMCode = segment.Result[rfm.Segment]{}, rfm.Code{}
	}
	if cs.Ladder != nil {
		cs.Ladder.ClassifyNextInto(p, &out.Rung, &out.Next) // one evaluation for both
	} else {
		out.Rung, out.Next = segment.Result[ladder.Rung]{}, ladder.Step{}
	}
	if c, ok := cs.DISC.(*disc.Classifier); ok {
		c.ClassifyInto(p, &out.DISC)
	} else {
		classify(cs.DISC, p, &out.DISC)
	}
	if c, ok := cs.SABONE.(*sabone.Classifier); ok {
		c.ClassifyInto(p, &out.SABONE)
	} else {
		classify(cs.SABONE, p, &out.SABONE)
	}
	if c, ok := cs.Perception.(*perception.Classifier); ok {
		c.ClassifyInto(p, &out.Perception)
	} else {
		classify(cs.Perception, p, &out.Perception)
	}
	if c, ok := cs.Decision.(*decision.Classifier); ok {
		c.ClassifyInto(p, &out.Decision)
	} else {
		classify(cs.Decision, p, &out.Decision)
	}
	if c, ok := cs.Loyalty.(*loyalty.Classifier); ok {
		c.ClassifyInto(p, &out.Loyalty)
	} else {
		classify(cs.Loyalty, p, &out.Loyalty)
	}
}

// classify stores c's result for p in *out, or the zero result when c is
// nil.
func classify[L segment.Label](c segment.Classifier[L], p *segment.Profile, out *segment.Result[L]) {
	if c == nil {
		*out = segment.Result[L]{}
		return
	}
	*out = c.Classify(p)
}
