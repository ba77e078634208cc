package strategy

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

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
// nothing but the bytes. The allocations left are those of the ladder
// step's text in a next-rung objective, which package ladder renders
// only as a new string (one in English, two in Russian), and a joined
// string should a title of a typology's label or of a rung hold invalid
// UTF-8 (none does).
//
// As with encoding/json, a retention budget that is NaN or infinite is an
// error (a *json.UnsupportedValueError); dst is then returned as it was.
// (Scores are rounded to cents first, as Render does, which leaves none
// of them NaN or infinite.)
func (pb *Playbook) AppendJSON(dst []byte, lang segment.Lang) ([]byte, error) {
	start := len(dst)
	dst = append(dst, `{"customer_id":`...)
	dst = appendJSONString(dst, pb.Customer)
	dst = append(dst, `,"lang":`...)
	dst = appendJSONString(dst, lang.String())
	dst = append(dst, `,"objective":`...)
	lead, target, sep, step := pb.Objective.parts(lang)
	dst = appendJSONParts(dst, lead, target, sep, step)
	dst = append(dst, `,"objective_kind":`...)
	dst = appendJSONString(dst, pb.Objective.Kind.String())
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
	dst = appendOptionalJSON(dst, `,"tone":`, pb.Tone.Text(lang))
	dst = appendOptionalJSON(dst, `,"format":`, pb.Format.Text(lang))
	dst = appendOptionalJSON(dst, `,"framing":`, pb.Framing.Text(lang))
	dst = appendOptionalJSON(dst, `,"lever":`, pb.Lever.Text(lang))
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
	if dst, err = appendJSONFloat(dst, pb.RetentionBudget); err != nil {
		return dst[:start], err
	}
	return append(dst, '}'), nil
}

// appendActionJSON appends a planned action as Render's RenderedAction.
func (pb *Playbook) appendActionJSON(dst []byte, p *Planned, lang segment.Lang) ([]byte, error) {
	a := p.Action
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, a.ID)
	dst = append(dst, `,"title":`...)
	dst = appendJSONString(dst, a.Title(lang))
	dst = append(dst, `,"description":`...)
	dst = appendJSONString(dst, a.Description(lang))
	dst = append(dst, `,"channel":`...)
	dst = appendJSONString(dst, a.Channel)
	dst = append(dst, `,"format":`...)
	dst = appendJSONString(dst, a.Format)
	dst = append(dst, `,"cost":`...)
	dst = appendJSONString(dst, a.Cost.String())
	dst = append(dst, `,"score":`...)
	dst, err := appendJSONFloat(dst, round2(p.Score))
	if err != nil {
		return dst, err
	}
	dst = append(dst, `,"why":[`...)
	for i, r := range p.why[:p.nWhy] {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = pb.engine.appendReasonJSON(dst, r, lang)
	}
	return append(dst, "]}"...), nil
}

// appendReasonJSON appends what [Engine.reason] returns for r, as JSON.
func (e *Engine) appendReasonJSON(dst []byte, r ref, lang segment.Lang) []byte {
	switch r.kind {
	case refTreatment:
		t := &e.treatments[r.index]
		dst = appendReasonStart(dst, t.id)
		dst = appendMatchesJSON(dst, t.when, lang)
	case refConflict:
		k := &e.conflicts[r.index]
		dst = appendReasonStart(dst, k.id)
		dst = appendMatchesJSON(dst, k.when, lang)
		if len(k.when) > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, k.why.In(lang))
	case refGuard:
		g := &guards[r.index]
		dst = appendReasonStart(dst, g.id)
		dst = appendJSONString(dst, g.why.In(lang))
	default: // the zero Reason: no rule, and a nil list
		return append(dst, `{"rule":"","because":null}`...)
	}
	return append(dst, "]}"...)
}

// appendReasonStart opens a Reason up to the first of its facts.
func appendReasonStart(dst []byte, rule string) []byte {
	dst = append(dst, `{"rule":`...)
	dst = appendJSONString(dst, rule)
	return append(dst, `,"because":[`...)
}

// appendMatchesJSON appends the facts describeAll lists for ms, without
// the brackets.
func appendMatchesJSON(dst []byte, ms []match, lang segment.Lang) []byte {
	for i, m := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		name, sep, title := matchParts(m, lang)
		dst = appendJSONParts(dst, name, sep, title, "")
	}
	return dst
}

// matchParts returns describeMatch's text for m in the three pieces it
// joins: the typology's name, a separator (with the negation) and the
// label's title.
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

// appendAvoidJSON appends an avoided action as Render's RenderedAvoid.
func (pb *Playbook) appendAvoidJSON(dst []byte, a *Avoid, lang segment.Lang) []byte {
	dst = append(dst, '{')
	if a.Action != "" {
		dst = append(dst, `"action":`...)
		dst = appendJSONString(dst, a.Action)
		dst = append(dst, ',')
	}
	if act, ok := pb.engine.Action(a.Action); ok {
		if title := act.Title(lang); title != "" {
			dst = append(dst, `"title":`...)
			dst = appendJSONString(dst, title)
			dst = append(dst, ',')
		}
	}
	dst = append(dst, `"rule":`...)
	dst = appendJSONString(dst, a.Rule)
	dst = append(dst, `,"why":`...)
	dst = appendJSONString(dst, a.Why(lang))
	return append(dst, '}')
}

// appendOptionalJSON appends key and s unless s is empty, as omitempty
// does.
func appendOptionalJSON(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	dst = append(dst, key...)
	return appendJSONString(dst, s)
}

// appendJSONFloat formats f as encoding/json's float64 encoder does: like
// strconv's shortest 'f', but 'e' below 1e-6 and from 1e21 on (ES6's
// number to string), with a one-digit negative exponent unpadded ("1e-7",
// not "1e-07"). NaN and the infinities are errors there and here.
func appendJSONFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

// appendJSONParts appends the four pieces joined as one JSON string,
// without joining them first. Escaping goes rune by rune, so the escaped
// pieces side by side are the escaped whole when every piece is valid
// UTF-8. Invalid UTF-8 at the end of one piece and the start of the next
// could form a valid rune together: when a piece is invalid, what was
// written is dropped and the pieces are joined (and allocated) first.
func appendJSONParts(dst []byte, a, b, c, d string) []byte {
	start := len(dst)
	dst = append(dst, '"')
	dst, validA := appendEscaped(dst, a)
	dst, validB := appendEscaped(dst, b)
	dst, validC := appendEscaped(dst, c)
	dst, validD := appendEscaped(dst, d)
	if !validA || !validB || !validC || !validD {
		return appendJSONString(dst[:start], strings.Join([]string{a, b, c, d}, ""))
	}
	return append(dst, '"')
}

// appendJSONString appends s quoted and escaped as encoding/json does
// with HTML escaping off.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst, _ = appendEscaped(dst, s)
	return append(dst, '"')
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are when it
// does not escape HTML (its safeSet): everything printable but the quote
// and the backslash.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		safe[b] = b != '"' && b != '\\'
	}
	return safe
}()

const hexDigits = "0123456789abcdef"

// appendEscaped appends s as the inside of a JSON string, escaped as
// encoding/json's appendString does with escapeHTML false: \" \\ \b \f
// \n \r \t, other control characters as \u00XX, U+2028 and U+2029 as
// \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd. It reports
// whether s was valid UTF-8. The runs of bytes that need nothing, found
// by plainPrefix, are copied at once.
func appendEscaped(dst []byte, s string) (_ []byte, valid bool) {
	valid = true
	for {
		n := plainPrefix(s)
		dst = append(dst, s[:n]...)
		if n == len(s) {
			return dst, valid
		}
		s = s[n:]
		if b := s[0]; b < utf8.RuneSelf {
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			s = s[1:]
			continue
		}
		c, size := utf8.DecodeRuneInString(s)
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, `\ufffd`...)
			valid = false
		} else { // U+2028 or U+2029
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		}
		s = s[size:]
	}
}

// plainPrefix returns the length of the longest prefix of s that JSON
// writes as it is: safe ASCII (jsonSafe) and valid UTF-8 other than
// U+2028 and U+2029. It keeps the scan tight and apart from the
// appending: ASCII goes eight bytes at a time where it can, and two-byte
// runes, most of the Russian texts, without decoding.
func plainPrefix(s string) int {
	i := 0
	for i < len(s) {
		b := s[i]
		switch {
		case b < utf8.RuneSelf:
			if !jsonSafe[b] {
				return i
			}
			i++
			// Not even trying a word that starts with a byte that is not
			// ASCII, as after the space between two Russian words.
			for i+8 <= len(s) && s[i] < utf8.RuneSelf && plainASCII(word(s[i:i+8])) {
				i += 8
			}
			// Fewer than eight left: the last eight bytes of s, which
			// overlap bytes already seen, may all be plain.
			if i+8 > len(s) && i < len(s) && len(s) >= 8 && plainASCII(word(s[len(s)-8:])) {
				return len(s)
			}
		case b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// A lead byte C2-DF and one continuation byte is always a
			// valid two-byte rune, and never U+2028 or U+2029; so are
			// four of them in a word.
			i += 2
			for i+8 <= len(s) && twoByteRunes(word(s[i:i+8])) {
				i += 8
			}
		default:
			c, size := utf8.DecodeRuneInString(s[i:])
			if c == utf8.RuneError && size == 1 || c == '\u2028' || c == '\u2029' {
				return i
			}
			i += size
		}
	}
	return i
}

// Every byte of a word set to 0x01, and to 0x80.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// twoByteRunes reports whether the eight bytes of w are four two-byte
// runes, each a lead byte C2-DF and a continuation byte 80-BF (Cyrillic
// is D0-D1 and a continuation). Leads sit in the low byte of each 16-bit
// lane: the mask checks their top three bits (110) and the continuations'
// top two (10); then the lead's bits 1-4, which are zero only for the
// overlong leads C0 and C1, plus 0x7F set its bit 7 exactly when they are
// not zero, with no carry out of the byte.
func twoByteRunes(w uint64) bool {
	const leads = 0x001E001E001E001E
	return w&0xC0E0C0E0C0E0C0E0 == 0x80C080C080C080C0 &&
		((w&leads)+0x007F007F007F007F)&0x0080008000800080 == 0x0080008000800080
}

// word returns the eight bytes of b as one little-endian word; the
// compiler merges the loads into one.
func word(b string) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// plainASCII reports whether the eight bytes of w are all safe ASCII
// (jsonSafe), testing them at once: a byte needs attention when its high
// bit is set (not ASCII), when it is under 0x20 (a control character) or
// when it equals '"' or '\\'. The tests are the classic "has a byte less
// than n" and "has a zero byte" ones, (x - n·lowBits) &^ x & highBits,
// which are exact about whether such a byte exists, the only thing asked
// here (a byte with its high bit set fails the word anyway).
func plainASCII(w uint64) bool {
	control := (w - 0x20*lowBits) &^ w
	quote := w ^ '"'*lowBits
	quote = (quote - lowBits) &^ quote
	backslash := w ^ '\\'*lowBits
	backslash = (backslash - lowBits) &^ backslash
	return (w|control|quote|backslash)&highBits == 0
}
