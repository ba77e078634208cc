package main

import (
	"bufio"
	"encoding/json"
	"hash/maphash"
	"io"
	"strings"
	"sync/atomic"

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
	w := bufio.NewWriterSize(stdout, 64<<10)
	format := b.segmentCSV(o.lang)
	if o.format == "json" {
		format = b.segmentJSON(o.lang)
	} else {
		w.WriteString(segmentsHeader)
	}
	err := b.byID(stderr, d, o.id, format, func(_ *strategy.Classification, text []byte) error {
		_, err := w.Write(text)
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// segmentCSV formats one CSV row. The cells that can hold anything go
// through csvCell: customer ids come from the data, segment names from the
// user's map, and the next step has commas. The other labels are the
// library's fixed identifiers.
func (b *base) segmentCSV(lang segment.Lang) func(c *strategy.Classification, buf []byte) ([]byte, error) {
	steps := newStepTexts(lang)
	return func(c *strategy.Classification, buf []byte) ([]byte, error) {
		p := c.Profile
		buf = append(buf, csvCell(p.ID)...)
		code := b.cs.RFM.Code(p)
		for _, s := range [3]uint8{code.R, code.F, code.M} {
			buf = append(buf, ',')
			if s != 0 {
				buf = append(buf, '0'+s)
			}
		}
		buf = append(buf, ',')
		buf = append(buf, csvCell(b.rfmMap.Name(c.RFM.Primary))...)
		buf = append(buf, ',')
		buf = append(buf, behavior.Types.Name(c.Segment.Primary)...)
		buf = append(buf, ',')
		first := true
		for t := range behavior.Type(behavior.Types.Len()) {
			if c.Segment.Tags.Has(t) {
				if !first {
					buf = append(buf, ';')
				}
				buf = append(buf, behavior.Types.Name(t)...)
				first = false
			}
		}
		buf = append(buf, ',')
		buf = append(buf, ladder.Rungs.Name(c.Rung.Primary)...)
		buf = append(buf, ',')
		buf = append(buf, steps.of(c).csv...)
		for _, name := range [...]string{
			disc.Styles.Name(c.DISC.Primary),
			sabone.Categories.Name(c.SABONE.Primary),
			perception.Channels.Name(c.Perception.Primary),
			decision.Styles.Name(c.Decision.Primary),
			loyalty.Kinds.Name(c.Loyalty.Primary),
		} {
			buf = append(buf, ',')
			buf = append(buf, name...)
		}
		return append(buf, '\n'), nil
	}
}

// stepTexts caches the ladder's next steps as text in one language, as
// they are and as CSV cells: a base of a million customers has a few
// thousand different steps, and rendering one costs more than classifying
// the customer. Safe for concurrent use without locks: a slot is found by
// a hash of the step and read with one atomic load, so the workers never
// write to shared memory once the steps are known (a lock's counter, on
// every read, bounced between the cores). Two steps that share a slot
// take turns in it, each rendered again when it comes back.
type stepTexts struct {
	lang  segment.Lang
	seed  maphash.Seed
	slots [1 << 14]atomic.Pointer[stepEntry]
}

type stepEntry struct {
	key  ladder.Step // Have only as 0 or 1: all Text reads of it
	text stepText
}

type stepText struct{ plain, csv string }

func newStepTexts(lang segment.Lang) *stepTexts {
	return &stepTexts{lang: lang, seed: maphash.MakeSeed()}
}

// of is the customer's next step ("" when the ladder has no answer).
func (s *stepTexts) of(c *strategy.Classification) stepText {
	key := c.Next
	key.Have = min(key.Have, 1)
	slot := &s.slots[maphash.Comparable(s.seed, key)%uint64(len(s.slots))]
	if e := slot.Load(); e != nil && e.key == key {
		return e.text
	}
	t := stepText{plain: nextStep(c, s.lang)}
	t.csv = csvCell(t.plain)
	slot.Store(&stepEntry{key: key, text: t})
	return t
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
	steps := newStepTexts(lang)
	return func(c *strategy.Classification, buf []byte) ([]byte, error) {
		p := c.Profile
		row := segmentRow{
			ID:         p.ID,
			RFMSegment: b.rfmMap.Name(c.RFM.Primary),
			Segment:    behavior.Types.Name(c.Segment.Primary),
			Tags:       []string{},
			Rung:       ladder.Rungs.Name(c.Rung.Primary),
			NextStep:   steps.of(c).plain,
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

// nextStep is the ladder's next step in lang, or "" when the ladder has no
// answer for the customer.
func nextStep(c *strategy.Classification, lang segment.Lang) string {
	if c.Next == (ladder.Step{}) {
		return ""
	}
	return c.Next.Text(lang)
}
