package report

import (
	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/movement"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// Data is everything the report shows. Every part is optional: a nil
// summary or grid leaves its chart out, and the zero Data renders a report
// that says there is no data.
type Data struct {
	// Title heads the report; empty means "Customer base" in Lang.
	Title string
	// Source says where the data came from, e.g. the order file's name.
	Source string
	// AsOf is the date the summaries describe.
	AsOf segment.Date
	// PreviousAsOf is the earlier date of Movement; zero when there is no
	// movement.
	PreviousAsOf segment.Date
	// Lang is the language of the titles and captions.
	Lang segment.Lang
	// Stats, when Read is not zero, adds the accounting of the run to the
	// headline (classified and rejected customers).
	Stats batch.Stats

	// One summary per typology (see batch.Summary).
	Segments   *batch.Summary[behavior.Type]
	RFM        *batch.Summary[rfm.Segment]
	Rungs      *batch.Summary[ladder.Rung]
	DISC       *batch.Summary[disc.Style]
	SABONE     *batch.Summary[sabone.Category]
	Perception *batch.Summary[perception.Channel]
	Decision   *batch.Summary[decision.Style]
	Loyalty    *batch.Summary[loyalty.Kind]
	// Grid is the RFM grid of recency and frequency scores.
	Grid *batch.Grid

	// Movement holds a transition matrix per typology between PreviousAsOf
	// and AsOf (from movement.Between or movement.Compare); nil when there
	// is none.
	Movement []*movement.Matrix
}

// NewData returns Data with an empty summary for every typology and an
// empty RFM grid, ready for Add. The RFM summary uses the label table of
// cs.RFM's map, so segments a user's map adds keep their names; with a nil
// cs or cs.RFM, the default segments.
func NewData(cs *strategy.Classifiers) *Data {
	rfmLabels := rfm.Segments
	if cs != nil && cs.RFM != nil {
		rfmLabels = cs.RFM.Map().Labels()
	}
	return &Data{
		Segments:   batch.NewSummary(behavior.Types),
		RFM:        batch.NewSummary(rfmLabels),
		Rungs:      batch.NewSummary(ladder.Rungs),
		DISC:       batch.NewSummary(disc.Styles),
		SABONE:     batch.NewSummary(sabone.Categories),
		Perception: batch.NewSummary(perception.Channels),
		Decision:   batch.NewSummary(decision.Styles),
		Loyalty:    batch.NewSummary(loyalty.Kinds),
		Grid:       &batch.Grid{},
	}
}

// Add counts one classified customer (c.Profile must be set) in every
// summary of d that is not nil, and in the grid with RFM code code (the
// zero Code for a customer without one; see rfm.Classifier.Code). The first
// error, which names the customer, stops the counting: the customer may
// then be counted in some summaries and not in others, so treat it as fatal.
func (d *Data) Add(c *strategy.Classification, code rfm.Code) error {
	p := c.Profile
	if err := addTo(d.Segments, p, &c.Segment); err != nil {
		return err
	}
	if err := addTo(d.RFM, p, &c.RFM); err != nil {
		return err
	}
	if err := addTo(d.Rungs, p, &c.Rung); err != nil {
		return err
	}
	if err := addTo(d.DISC, p, &c.DISC); err != nil {
		return err
	}
	if err := addTo(d.SABONE, p, &c.SABONE); err != nil {
		return err
	}
	if err := addTo(d.Perception, p, &c.Perception); err != nil {
		return err
	}
	if err := addTo(d.Decision, p, &c.Decision); err != nil {
		return err
	}
	if err := addTo(d.Loyalty, p, &c.Loyalty); err != nil {
		return err
	}
	if d.Grid == nil {
		return nil
	}
	return d.Grid.Add(code.R, code.F, code.M, p.Revenue)
}

// Merge adds the customers of o, made by NewData with the same
// classifiers, to d: d then holds what adding every customer of both to
// one Data would, the summaries and the grid keeping exact sums. Title,
// Source, the dates, Stats and Movement are d's.
func (d *Data) Merge(o *Data) error {
	for _, err := range []error{
		mergeInto(d.Segments, o.Segments), mergeInto(d.RFM, o.RFM), mergeInto(d.Rungs, o.Rungs),
		mergeInto(d.DISC, o.DISC), mergeInto(d.SABONE, o.SABONE), mergeInto(d.Perception, o.Perception),
		mergeInto(d.Decision, o.Decision), mergeInto(d.Loyalty, o.Loyalty),
	} {
		if err != nil {
			return err
		}
	}
	if d.Grid != nil && o.Grid != nil {
		return d.Grid.Merge(o.Grid)
	}
	return nil
}

func mergeInto[L segment.Label](s, o *batch.Summary[L]) error {
	if s == nil || o == nil {
		return nil
	}
	return s.Merge(o)
}

func addTo[L segment.Label](s *batch.Summary[L], p *segment.Profile, r *segment.Result[L]) error {
	if s == nil {
		return nil
	}
	return s.Add(p, r)
}
