// Package jsonw writes JSON values byte for byte as encoding/json does
// with HTML escaping off (a json.Encoder after SetEscapeHTML(false)),
// straight into a caller's buffer: no reflection and no allocation, for
// the writers that emit a JSON line per customer of a large base, where
// encoding/json costs more than everything else.
package jsonw

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// AppendString appends s quoted and escaped as encoding/json does with
// HTML escaping off.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = AppendEscaped(dst, s)
	return append(dst, '"')
}

// AppendFloat formats f, a float64 (bits 64) or a float32 widened to
// float64 (bits 32), as encoding/json's float encoder does: strconv's
// shortest 'f', but 'e' below 1e-6 and from 1e21 on (ES6's number to
// string), with a one-digit negative exponent unpadded ("1e-7", not
// "1e-07"). NaN and the infinities are errors there and here; dst is then
// returned as it was.
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
// \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd. Runs of
// bytes that need nothing are copied at once. Escaping goes rune by
// rune, so pieces escaped side by side are the escaped whole as long as
// each piece is valid UTF-8.
func AppendEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
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
			i++
			start = i
			continue
		}
		// A lead byte C2-DF and one continuation byte is always a valid
		// two-byte rune, and never U+2028 or U+2029: most of the Russian
		// texts, skipped without decoding.
		if b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			start = i + size
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			start = i + size
		}
		i += size
	}
	return append(dst, s[start:]...)
}
