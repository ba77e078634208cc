package strategy

import (
	"strconv"
	"sync"
	"unsafe"

	"github.com/clientele-go/clientele/internal/jsonw"
	"github.com/clientele-go/clientele/segment"
)

// AppendJSON appends the playbook rendered in lang as one JSON object and
// returns the extended buffer. The bytes are exactly those a json.Encoder
// with SetEscapeHTML(false) writes for pb.Render(lang), without the
// newline Encode adds: the same fields in the same order, numbers and
// strings formatted and escaped as encoding/json does. HTML is not
// escaped (<, > and & are written as they are): the output is JSON Lines
// for files and pipes, not for embedding in a web page, which would need
// json.Marshal or html/template instead.
//
// Unlike Render and encoding/json, it builds no Rendered value and no
// intermediate strings, so a caller that reuses its buffer pays for
// nothing but the bytes: it allocates nothing (tested over the sample in
// both languages), unless a title of a typology's label or of a rung held
// invalid UTF-8 (none does), whose pieces are then joined first.
//
// As with encoding/json, a retention budget that is NaN or infinite is an
// error (a *json.UnsupportedValueError); dst is then returned as it was.
// (Scores are rounded to cents first, as Render does, which leaves none
// of them NaN or infinite.)
func (pb *Playbook) AppendJSON(dst []byte, lang segment.Lang) ([]byte, error) {
	start := len(dst)
	dst = append(dst, `{"customer_id":`...)
	dst = jsonw.AppendString(dst, pb.Customer)
	dst = append(dst, `,"lang":`...)
	dst = jsonw.AppendString(dst, lang.String())
	dst = append(dst, `,"objective":`...)
	lead, target, sep, hasStep := pb.Objective.parts(lang)
	// The step's text goes through a buffer on the stack: a string of it
	// would be the one allocation left per playbook.
	var stepBuf [256]byte
	var step []byte
	if hasStep {
		step = pb.Objective.Step.AppendText(stepBuf[:0], lang)
	}
	// A view of the buffer as a string, read by the escaper while the
	// buffer is neither written nor kept.
	dst = jsonw.AppendJoined(dst, lead, target, sep, unsafe.String(unsafe.SliceData(step), len(step)))
	dst = append(dst, `,"objective_kind":`...)
	dst = jsonw.AppendString(dst, pb.Objective.Kind.String())
	dst = append(dst, `,"actions":[`...)
	var err error
	for i := range pb.Actions {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = pb.appendActionJSON(dst, &pb.Actions[i], lang); err != nil {
			return dst[:start], err
		}
	}
	dst = append(dst, ']')
	dst = appendAdviceJSON(dst, `,"tone":`, &pb.Tone, lang)
	dst = appendAdviceJSON(dst, `,"format":`, &pb.Format, lang)
	dst = appendAdviceJSON(dst, `,"framing":`, &pb.Framing, lang)
	dst = appendAdviceJSON(dst, `,"lever":`, &pb.Lever, lang)
	if len(pb.Avoid) > 0 {
		dst = append(dst, `,"avoid":[`...)
		for i := range pb.Avoid {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = pb.appendAvoidJSON(dst, &pb.Avoid[i], lang)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"contacts_per_month":`...)
	dst = strconv.AppendInt(dst, int64(pb.ContactsPerMonth), 10)
	dst = append(dst, `,"retention_budget":`...)
	if dst, err = jsonw.AppendFloat(dst, pb.RetentionBudget, 64); err != nil {
		return dst[:start], err
	}
	return append(dst, '}'), nil
}

// appendActionJSON appends a planned action as Render's RenderedAction.
func (pb *Playbook) appendActionJSON(dst []byte, p *Planned, lang segment.Lang) ([]byte, error) {
	parts := pb.engine.jsonParts(lang)
	if i, ok := pb.engine.catalogueIndex(p.Action); ok && parts != nil {
		dst = append(dst, parts.action[i]...)
	} else {
		dst = appendActionHead(dst, p.Action, lang)
	}
	dst, err := jsonw.AppendFloat(dst, round2(p.Score), 64)
	if err != nil {
		return dst, err
	}
	dst = append(dst, `,"why":[`...)
	for i, r := range p.why[:p.nWhy] {
		if i > 0 {
			dst = append(dst, ',')
		}
		if parts != nil {
			dst = append(dst, parts.reason(r)...)
		} else {
			dst = pb.engine.appendReasonJSON(dst, r, lang)
		}
	}
	return append(dst, "]}"...), nil
}

// appendActionHead appends the start of a RenderedAction, every field of
// the catalogue's entry a, up to the score's value.
func appendActionHead(dst []byte, a *Action, lang segment.Lang) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonw.AppendString(dst, a.ID)
	dst = append(dst, `,"title":`...)
	dst = jsonw.AppendString(dst, a.Title(lang))
	dst = append(dst, `,"description":`...)
	dst = jsonw.AppendString(dst, a.Description(lang))
	dst = append(dst, `,"channel":`...)
	dst = jsonw.AppendString(dst, a.Channel)
	dst = append(dst, `,"format":`...)
	dst = jsonw.AppendString(dst, a.Format)
	dst = append(dst, `,"cost":`...)
	dst = jsonw.AppendString(dst, a.Cost.String())
	return append(dst, `,"score":`...)
}

// appendReasonJSON appends what [Engine.reason] returns for r, as JSON.
func (e *Engine) appendReasonJSON(dst []byte, r ref, lang segment.Lang) []byte {
	rs, ok := e.reasonOf(r, lang)
	if !ok { // the zero Reason: no rule, and a nil list
		return append(dst, zeroReasonJSON...)
	}
	dst = append(dst, `{"rule":`...)
	dst = jsonw.AppendString(dst, rs.rule)
	dst = append(dst, `,"because":[`...)
	dst = appendMatchesJSON(dst, rs.when, lang)
	if rs.hasWhy {
		if len(rs.when) > 0 {
			dst = append(dst, ',')
		}
		dst = jsonw.AppendString(dst, rs.why)
	}
	return append(dst, "]}"...)
}

// zeroReasonJSON is the zero Reason as JSON.
const zeroReasonJSON = `{"rule":"","because":null}`

// appendMatchesJSON appends the facts describeAll lists for ms, without
// the brackets.
func appendMatchesJSON(dst []byte, ms []match, lang segment.Lang) []byte {
	for i, m := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		name, sep, title := matchParts(m, lang)
		dst = jsonw.AppendJoined(dst, name, sep, title)
	}
	return dst
}

// appendAvoidJSON appends an avoided action as Render's RenderedAvoid.
func (pb *Playbook) appendAvoidJSON(dst []byte, a *Avoid, lang segment.Lang) []byte {
	dst = append(dst, '{')
	if a.Action != "" {
		dst = append(dst, `"action":`...)
		dst = jsonw.AppendString(dst, a.Action)
		dst = append(dst, ',')
	}
	if act, ok := pb.engine.Action(a.Action); ok {
		if title := act.Title(lang); title != "" {
			dst = append(dst, `"title":`...)
			dst = jsonw.AppendString(dst, title)
			dst = append(dst, ',')
		}
	}
	dst = append(dst, `"rule":`...)
	dst = jsonw.AppendString(dst, a.Rule)
	dst = append(dst, `,"why":`...)
	dst = jsonw.AppendString(dst, a.Why(lang))
	return append(dst, '}')
}

// appendAdviceJSON appends key and a's text unless it is empty, as
// omitempty does: the text as escaped once, where the advice tables did.
func appendAdviceJSON(dst []byte, key string, a *Advice, lang segment.Lang) []byte {
	s := a.Text(lang)
	if s == "" {
		return dst
	}
	dst = append(dst, key...)
	if a.json != nil {
		return append(dst, a.json[textSet(lang)]...)
	}
	return jsonw.AppendString(dst, s)
}

// jsonParts are the pieces of a playbook's JSON that depend only on the
// engine and the language: each action's fields from the catalogue and
// each rule's reason, escaped once per engine and language. They are most
// of a playbook's bytes, and escaping them anew for every customer cost
// more than planning.
type jsonParts struct {
	once                        sync.Once
	action                      [][]byte // per action: appendActionHead's bytes
	treatment, conflict, guards [][]byte // per rule: appendReasonJSON's bytes
}

// jsonParts returns the engine's parts in lang, made on first use; nil for
// a playbook without an engine. The texts tell Russian from every other
// language, which reads English (see Text2.In), so two sets serve all.
func (e *Engine) jsonParts(lang segment.Lang) *jsonParts {
	if e == nil || e.json == nil {
		return nil
	}
	j := &e.json[textSet(lang)]
	j.once.Do(func() {
		j.action = make([][]byte, len(e.actions))
		for i := range e.actions {
			j.action[i] = appendActionHead(nil, &e.actions[i], lang)
		}
		reasons := func(kind refKind, n int) [][]byte {
			out := make([][]byte, n)
			for i := range out {
				out[i] = e.appendReasonJSON(nil, ref{kind, uint16(i)}, lang)
			}
			return out
		}
		j.treatment = reasons(refTreatment, len(e.treatments))
		j.conflict = reasons(refConflict, len(e.conflicts))
		j.guards = reasons(refGuard, len(guards))
	})
	return j
}

// reason returns r's bytes (see Engine.appendReasonJSON).
func (j *jsonParts) reason(r ref) []byte {
	switch r.kind {
	case refTreatment:
		return j.treatment[r.index]
	case refConflict:
		return j.conflict[r.index]
	case refGuard:
		return j.guards[r.index]
	}
	return []byte(zeroReasonJSON)
}

// catalogueIndex returns the index of a in e's catalogue, if a points into it.
func (e *Engine) catalogueIndex(a *Action) (int, bool) {
	if e == nil || len(e.actions) == 0 || a == nil {
		return 0, false
	}
	off := uintptr(unsafe.Pointer(a)) - uintptr(unsafe.Pointer(&e.actions[0]))
	i := int(off / unsafe.Sizeof(Action{}))
	if off%unsafe.Sizeof(Action{}) != 0 || i >= len(e.actions) || &e.actions[i] != a {
		return 0, false
	}
	return i, true
}
