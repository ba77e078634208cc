package main

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/strategy"
)

// segmentsHeader is the CSV header of -out segments; bench/report reads
// customer_id and rfm_segment (and the scores) from it.
const segmentsHeader = "customer_id,r,f,m,rfm_segment,segment,tags,rung,next_step,disc,sabone,perception,decision,loyalty\n"

// writeSegments writes every customer's labels, sorted by id.
func writeSegments(stdout, stderr io.Writer, o *options, d *dataset, b *base) error {
	src, err := b.inIDOrder(d, o.id)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	format := b.segmentCSV(o.lang)
	if o.format == "json" {
		format = b.segmentJSON(o.lang)
	} else {
		w.WriteString(segmentsHeader)
	}
	err = b.pass(stderr, src, len(b.ids), format, func(_ *strategy.Classification, text []byte) error {
		_, err := w.Write(text)
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// segmentCSV formats one CSV row. Every text cell goes through csvCell:
// customer ids come from the data, and segment names from the user's map.
func (b *base) segmentCSV(lang segment.Lang) func(c *strategy.Classification, buf []byte) ([]byte, error) {
	return func(c *strategy.Classification, buf []byte) ([]byte, error) {
		p := c.Profile
		buf = append(buf, csvCell(p.ID)...)
		code := b.cs.RFM.Code(p)
		for _, s := range [3]uint8{code.R, code.F, code.M} {
			buf = append(buf, ',')
			if s != 0 {
				buf = strconv.AppendUint(buf, uint64(s), 10)
			}
		}
		cell := func(s string) {
			buf = append(buf, ',')
			buf = append(buf, csvCell(s)...)
		}
		cell(b.rfmMap.Name(c.RFM.Primary))
		cell(behavior.Types.Name(c.Segment.Primary))
		buf = append(buf, ',')
		for i, t := range c.Segment.Tags.Labels() {
			if i > 0 {
				buf = append(buf, ';')
			}
			buf = append(buf, behavior.Types.Name(t)...)
		}
		cell(ladder.Rungs.Name(c.Rung.Primary))
		cell(nextStep(c, lang))
		cell(disc.Styles.Name(c.DISC.Primary))
		cell(sabone.Categories.Name(c.SABONE.Primary))
		cell(perception.Channels.Name(c.Perception.Primary))
		cell(decision.Styles.Name(c.Decision.Primary))
		cell(loyalty.Kinds.Name(c.Loyalty.Primary))
		return append(buf, '\n'), nil
	}
}

// nextStep is the ladder's next step in lang, or "" when the ladder has no
// answer for the customer.
func nextStep(c *strategy.Classification, lang segment.Lang) string {
	if c.Next == (ladder.Step{}) {
		return ""
	}
	return c.Next.Text(lang)
}

// segmentRow is a line of -out segments -format json.
type segmentRow struct {
	ID         string            `json:"customer_id"`
	R          segment.Opt[int]  `json:"r"`
	F          segment.Opt[int]  `json:"f"`
	M          segment.Opt[int]  `json:"m"`
	RFMSegment string            `json:"rfm_segment"`
	Segment    string            `json:"segment"`
	Tags       []string          `json:"tags"`
	Rung       string            `json:"rung"`
	NextStep   string            `json:"next_step"`
	DISC       string            `json:"disc"`
	SABONE     string            `json:"sabone"`
	Perception string            `json:"perception"`
	Decision   string            `json:"decision"`
	Loyalty    string            `json:"loyalty"`
	Confidence segmentConfidence `json:"confidence"`
}

// segmentConfidence is each typology's confidence in its primary label.
type segmentConfidence struct {
	RFMSegment float32 `json:"rfm_segment"`
	Segment    float32 `json:"segment"`
	Rung       float32 `json:"rung"`
	DISC       float32 `json:"disc"`
	SABONE     float32 `json:"sabone"`
	Perception float32 `json:"perception"`
	Decision   float32 `json:"decision"`
	Loyalty    float32 `json:"loyalty"`
}

// segmentJSON formats one JSON line.
func (b *base) segmentJSON(lang segment.Lang) func(c *strategy.Classification, buf []byte) ([]byte, error) {
	return func(c *strategy.Classification, buf []byte) ([]byte, error) {
		p := c.Profile
		row := segmentRow{
			ID:         p.ID,
			RFMSegment: b.rfmMap.Name(c.RFM.Primary),
			Segment:    behavior.Types.Name(c.Segment.Primary),
			Tags:       []string{},
			Rung:       ladder.Rungs.Name(c.Rung.Primary),
			NextStep:   nextStep(c, lang),
			DISC:       disc.Styles.Name(c.DISC.Primary),
			SABONE:     sabone.Categories.Name(c.SABONE.Primary),
			Perception: perception.Channels.Name(c.Perception.Primary),
			Decision:   decision.Styles.Name(c.Decision.Primary),
			Loyalty:    loyalty.Kinds.Name(c.Loyalty.Primary),
			Confidence: segmentConfidence{
				RFMSegment: c.RFM.Confidence,
				Segment:    c.Segment.Confidence,
				Rung:       c.Rung.Confidence,
				DISC:       c.DISC.Confidence,
				SABONE:     c.SABONE.Confidence,
				Perception: c.Perception.Confidence,
				Decision:   c.Decision.Confidence,
				Loyalty:    c.Loyalty.Confidence,
			},
		}
		if code := b.cs.RFM.Code(p); code.Valid() {
			row.R, row.F, row.M = segment.Some(int(code.R)), segment.Some(int(code.F)), segment.Some(int(code.M))
		}
		for _, t := range c.Segment.Tags.Labels() {
			row.Tags = append(row.Tags, behavior.Types.Name(t))
		}
		return appendJSONLine(buf, row)
	}
}

// appendJSONLine appends v as one line of JSON Lines.
func appendJSONLine(buf []byte, v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return buf, err
	}
	return append(buf, sb.String()...), nil
}
