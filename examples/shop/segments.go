package main

import (
	"encoding/json"
	"io"
	"math/bits"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/internal/jsonw"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// segmentsHeader is the CSV header of -out segments; bench/report reads
// customer_id and rfm_segment (and the scores) from it.
const segmentsHeader = "customer_id,r,f,m,rfm_segment,segment,tags,rung,next_step,disc,sabone,perception,decision,loyalty\n"

// writeSegments writes every customer's labels, sorted by id.
func writeSegments(stdout, stderr io.Writer, o *options, d *dataset, b *base) error {
	if o.format == "json" {
		return b.write(stderr, d, o.id, "", b.segmentJSON(o.lang), stdout)
	}
	return b.write(stderr, d, o.id, segmentsHeader, b.segmentCSV(o.lang), stdout)
}

// segmentCSV formats one CSV row. The cells that can hold anything go
// through csvCell: customer ids come from the data, segment names from the
// user's map, and the next step has commas. The other labels are the
// library's fixed identifiers. Everything after the id depends on a few
// labels only, so it is cached, in two pieces: the RFM scores and
// segment (rfmKey: some hundred different ones on the 1M file), and the
// rest (rowKey: some three thousand). As one piece, some nine thousand
// rows of 240 bytes each (2.2 MB) missed the cache twice a customer, the
// slot and the entry, 4.7% of the CLI's CPU samples.
func (b *base) segmentCSV(lang segment.Lang) func(c *strategy.Classification, buf []byte) ([]byte, error) {
	steps := b.stepTexts(lang)
	// The RFM segments' names as CSV cells, made safe once: a user's map
	// names its own segments.
	rfmCells := make([]string, b.rfmMap.Labels().Len())
	for l := range rfmCells {
		rfmCells[l] = csvCell(b.rfmMap.Name(rfm.Segment(l)))
	}
	rfmText := func(c *strategy.Classification) string {
		var buf []byte
		code := c.RFMCode
		for _, s := range [3]uint8{code.R, code.F, code.M} {
			buf = append(buf, ',')
			if s != 0 {
				buf = append(buf, '0'+s)
			}
		}
		buf = append(buf, ',')
		if l := int(c.RFM.Primary); l < len(rfmCells) {
			buf = append(buf, rfmCells[l]...)
		} else {
			buf = append(buf, csvCell(b.rfmMap.Name(c.RFM.Primary))...)
		}
		return string(buf)
	}
	row := func(c *strategy.Classification) string {
		var buf []byte
		buf = append(buf, ',')
		buf = append(buf, behavior.Types.Name(c.Segment.Primary)...)
		buf = append(buf, ',')
		// The tags in ascending order, as Set.Labels lists them.
		for tags := uint32(c.Segment.Tags); tags != 0; tags &= tags - 1 {
			buf = append(buf, behavior.Types.Name(behavior.Type(bits.TrailingZeros32(tags)))...)
			if tags&(tags-1) != 0 {
				buf = append(buf, ';')
			}
		}
		buf = append(buf, ',')
		buf = append(buf, ladder.Rungs.Name(c.Rung.Primary)...)
		buf = append(buf, ',')
		buf = append(buf, steps(c).csv...)
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
		return string(append(buf, '\n'))
	}
	rfms := newTextCache[rfmKey, string]()
	rows := newTextCache[rowKey, string]()
	return func(c *strategy.Classification, buf []byte) ([]byte, error) {
		buf = append(buf, csvCell(c.Profile.ID)...)
		var rk rfmKey
		rk.set(c)
		h := rk.hash()
		if e := rfms.at(h); e != nil && e.key == rk {
			buf = append(buf, e.text...)
		} else {
			buf = append(buf, putString(rfms, h, &rk, rfmText(c))...)
		}
		var key rowKey
		key.set(c)
		h = key.hash()
		if e := rows.at(h); e != nil && e.key.equal(&key) {
			return append(buf, e.text...), nil
		}
		return append(buf, putString(rows, h, &key, row(c))...), nil
	}
}

// rfmKey is what a customer's RFM cells depend on: the scores and the
// segment, packed.
type rfmKey uint64

// set makes k the key of c's RFM cells.
func (k *rfmKey) set(c *strategy.Classification) {
	code := c.RFMCode
	*k = rfmKey(uint64(code.R) | uint64(code.F)<<8 | uint64(code.M)<<16 | uint64(c.RFM.Primary)<<24)
}

// hash mixes the key for textCache.
func (k *rfmKey) hash() uint64 {
	hi, lo := bits.Mul64(uint64(*k)^0xa0761d6478bd642f, 0xe7037ed1a0b428db)
	return hi ^ lo
}

// rowKey is everything a customer's CSV row after the RFM cells depends
// on: every other typology's labels, packed, and the next step's key.
type rowKey struct {
	labels [2]uint64
	step   stepKey
}

// set makes k the key of c's row.
func (k *rowKey) set(c *strategy.Classification) {
	k.labels[0] = uint64(c.Segment.Primary) | uint64(c.Rung.Primary)<<8 |
		uint64(c.DISC.Primary)<<16 | uint64(c.SABONE.Primary)<<24
	k.labels[1] = uint64(uint32(c.Segment.Tags)) | uint64(c.Perception.Primary)<<32 |
		uint64(c.Decision.Primary)<<40 | uint64(c.Loyalty.Primary)<<48
	k.step.set(&c.Next)
}

// hash mixes the key's words for textCache.
func (k *rowKey) hash() uint64 {
	hi, lo := bits.Mul64(k.labels[0]^0xa0761d6478bd642f, k.labels[1]^k.step.hash())
	return hi ^ lo
}

func (k *rowKey) equal(o *rowKey) bool {
	return k.labels[0] == o.labels[0] && k.labels[1] == o.labels[1] && k.step.equal(&o.step)
}

// stepKey is what the text of a customer's next step depends on: the
// step, with Have only up to 1, all Text reads of it.
type stepKey struct {
	rungs              uint64 // From, To, and whether Within is known
	have, need, within int
	field, setting     string
}

// set makes k the key of step s.
func (k *stepKey) set(s *ladder.Step) {
	within, known := s.Within.Get()
	k.rungs = uint64(s.From) | uint64(s.To)<<8
	if known {
		k.rungs |= 1 << 16
	}
	k.have, k.need, k.within = min(s.Have, 1), s.Need, within
	k.field, k.setting = s.Field, s.Setting
}

// hash mixes the key's fields for textCache; the field's name is told by
// its length and first byte, which tell segment.Fields' apart.
func (k *stepKey) hash() uint64 {
	h := k.rungs | uint64(len(k.field))<<24 | uint64(uint32(k.need))<<32
	if k.field != "" {
		h ^= uint64(k.field[0]) << 17
	}
	hi, lo := bits.Mul64(h^0xe7037ed1a0b428db, uint64(k.have)^uint64(k.within)<<32^0x8ebc6af09c88c6e3)
	return hi ^ lo
}

func (k *stepKey) equal(o *stepKey) bool {
	return k.rungs == o.rungs && k.have == o.have && k.need == o.need && k.within == o.within &&
		k.field == o.field && k.setting == o.setting
}

// stepText is a next step as text, as it is and as a CSV cell.
type stepText struct{ plain, csv string }

// stepTexts returns the customer's next step in lang ("" when the ladder
// has no answer), rendered once per different step: a base of a million
// customers has a few thousand, and rendering one costs more than
// classifying the customer.
func (b *base) stepTexts(lang segment.Lang) func(c *strategy.Classification) stepText {
	texts := newTextCache[stepKey, stepText]()
	render := func(c *strategy.Classification) stepText {
		t := stepText{plain: nextStep(c, lang)}
		t.csv = csvCell(t.plain)
		return t
	}
	return func(c *strategy.Classification) stepText {
		var key stepKey
		key.set(&c.Next)
		h := key.hash()
		if e := texts.at(h); e != nil && e.key.equal(&key) {
			return e.text
		}
		return texts.put(h, &key, render(c))
	}
}

// segmentJSON formats one JSON line: an object with customer_id, r, f
// and m (null when RFM cannot score the customer), rfm_segment, segment,
// tags (the behavioural segments, a list), rung, next_step, disc, sabone,
// perception, decision, loyalty, and confidence (an object of each
// typology's confidence in its primary label, by the same names). It is
// written straight into buf as encoding/json would write that object
// (tests compare the two), since encoding/json took more time than
// classifying.
func (b *base) segmentJSON(lang segment.Lang) func(c *strategy.Classification, buf []byte) ([]byte, error) {
	steps := b.stepTexts(lang)
	return func(c *strategy.Classification, buf []byte) ([]byte, error) {
		start := len(buf)
		p := c.Profile
		buf = append(buf, `{"customer_id":`...)
		buf = jsonw.AppendString(buf, p.ID)
		if code := c.RFMCode; code.Valid() {
			buf = append(buf, `,"r":`...)
			buf = strconv.AppendInt(buf, int64(code.R), 10)
			buf = append(buf, `,"f":`...)
			buf = strconv.AppendInt(buf, int64(code.F), 10)
			buf = append(buf, `,"m":`...)
			buf = strconv.AppendInt(buf, int64(code.M), 10)
		} else {
			buf = append(buf, `,"r":null,"f":null,"m":null`...)
		}
		buf = appendJSONField(buf, `,"rfm_segment":`, b.rfmMap.Name(c.RFM.Primary))
		buf = appendJSONField(buf, `,"segment":`, behavior.Types.Name(c.Segment.Primary))
		buf = append(buf, `,"tags":[`...)
		// The tags in ascending order, as Set.Labels lists them, without
		// the slice it makes.
		for tags := uint32(c.Segment.Tags); tags != 0; tags &= tags - 1 {
			buf = jsonw.AppendString(buf, behavior.Types.Name(behavior.Type(bits.TrailingZeros32(tags))))
			if tags&(tags-1) != 0 {
				buf = append(buf, ',')
			}
		}
		buf = append(buf, ']')
		buf = appendJSONField(buf, `,"rung":`, ladder.Rungs.Name(c.Rung.Primary))
		buf = appendJSONField(buf, `,"next_step":`, steps(c).plain)
		buf = appendJSONField(buf, `,"disc":`, disc.Styles.Name(c.DISC.Primary))
		buf = appendJSONField(buf, `,"sabone":`, sabone.Categories.Name(c.SABONE.Primary))
		buf = appendJSONField(buf, `,"perception":`, perception.Channels.Name(c.Perception.Primary))
		buf = appendJSONField(buf, `,"decision":`, decision.Styles.Name(c.Decision.Primary))
		buf = appendJSONField(buf, `,"loyalty":`, loyalty.Kinds.Name(c.Loyalty.Primary))
		var err error
		for _, f := range [...]struct {
			key        string
			confidence float32
		}{
			{`,"confidence":{"rfm_segment":`, c.RFM.Confidence},
			{`,"segment":`, c.Segment.Confidence},
			{`,"rung":`, c.Rung.Confidence},
			{`,"disc":`, c.DISC.Confidence},
			{`,"sabone":`, c.SABONE.Confidence},
			{`,"perception":`, c.Perception.Confidence},
			{`,"decision":`, c.Decision.Confidence},
			{`,"loyalty":`, c.Loyalty.Confidence},
		} {
			buf = append(buf, f.key...)
			if buf, err = jsonw.AppendFloat(buf, float64(f.confidence), 32); err != nil {
				return buf[:start], err
			}
		}
		return append(buf, "}}\n"...), nil
	}
}

// appendJSONField appends a key (with the comma before it) and a string
// value.
func appendJSONField(buf []byte, key, value string) []byte {
	return jsonw.AppendString(append(buf, key...), value)
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
