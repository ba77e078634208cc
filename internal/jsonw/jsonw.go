// Package jsonw writes JSON values byte for byte as encoding/json does
// with HTML escaping off (a json.Encoder after SetEscapeHTML(false)),
// straight into a caller's buffer: no reflection and no allocation, for
// the writers that emit a JSON line per customer of a large base (the
// shop's segments and strategy's playbooks), where encoding/json cost more
// than everything else. The tests hold every function to encoding/json's
// output, fuzzed.
package jsonw

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AppendString appends s quoted and escaped as encoding/json does with
// HTML escaping off.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst, _ = AppendEscaped(dst, s)
	return append(dst, '"')
}

// AppendJoined appends the pieces joined as one JSON string, without
// joining them first (a text assembled from parts, such as "rung: not
// Regular", need not become a new string). Escaping goes rune by rune, so
// the escaped pieces side by side are the escaped whole when every piece
// is valid UTF-8. Invalid UTF-8 at the end of one piece and the start of
// the next could form a valid rune together: when a piece is invalid,
// what was written is dropped and the pieces are joined (and allocated)
// first.
func AppendJoined(dst []byte, pieces ...string) []byte {
	start := len(dst)
	dst = append(dst, '"')
	valid := true
	for _, p := range pieces {
		var ok bool
		dst, ok = AppendEscaped(dst, p)
		valid = valid && ok
	}
	if !valid {
		return AppendString(dst[:start], strings.Join(pieces, ""))
	}
	return append(dst, '"')
}

// AppendFloat formats f, a float64 (bits 64) or a float32 widened to
// float64 (bits 32), as encoding/json's float encoder does: strconv's
// shortest 'f', but 'e' below 1e-6 and from 1e21 on (ES6's number to
// string), with a one-digit negative exponent unpadded ("1e-7", not
// "1e-07"). NaN and the infinities are errors there and here (the same
// *json.UnsupportedValueError); dst is then returned as it was.
func AppendFloat(dst []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, bits)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

// safe marks the ASCII bytes encoding/json writes as they are when it
// does not escape HTML (its safeSet): everything printable but the quote
// and the backslash.
var safe = func() (safe [utf8.RuneSelf]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		safe[b] = b != '"' && b != '\\'
	}
	return safe
}()

const hexDigits = "0123456789abcdef"

// AppendEscaped appends s as the inside of a JSON string, escaped as
// encoding/json's appendString does with escapeHTML false: \" \\ \b \f
// \n \r \t, other control characters as \u00XX, U+2028 and U+2029 as
// \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd. It reports
// whether s was valid UTF-8. The runs of bytes that need nothing, found
// by plainPrefix, are copied at once.
func AppendEscaped(dst []byte, s string) (_ []byte, valid bool) {
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
// writes as it is: safe ASCII and valid UTF-8 other than
// U+2028 and U+2029. It keeps the scan tight and apart from the
// appending: ASCII goes eight bytes at a time where it can, and two-byte
// runes, most of the Russian texts, without decoding.
func plainPrefix(s string) int {
	i := 0
	for i < len(s) {
		b := s[i]
		switch {
		case b < utf8.RuneSelf:
			if !safe[b] {
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
// (safe), testing them at once: a byte needs attention when its high
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
