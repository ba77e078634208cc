package segment

import (
	"fmt"
	"strings"
)

// Lang selects the language of titles and explanations. The zero value is
// English, the language of identifiers and logs.
type Lang uint8

// The supported languages.
const (
	English Lang = iota
	Russian
)

// String returns the ISO 639-1 code: "en" or "ru".
func (l Lang) String() string {
	switch l {
	case English:
		return "en"
	case Russian:
		return "ru"
	}
	return fmt.Sprintf("Lang(%d)", uint8(l))
}

// ParseLang parses "en" or "ru" (case-insensitive; "english", "russian" and
// region forms such as "ru-RU" are accepted too).
func ParseLang(s string) (Lang, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(t, "-_"); i > 0 {
		t = t[:i]
	}
	switch t {
	case "en", "english", "":
		return English, nil
	case "ru", "russian", "русский":
		return Russian, nil
	}
	return English, &FieldError{Field: "lang", Value: s, Err: fmt.Errorf(`want "en" or "ru"`)}
}

// MarshalText implements [encoding.TextMarshaler].
func (l Lang) MarshalText() ([]byte, error) {
	if l > Russian {
		return nil, fmt.Errorf("segment: invalid language %d", uint8(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (l *Lang) UnmarshalText(b []byte) error {
	v, err := ParseLang(string(b))
	if err != nil {
		return fmt.Errorf("segment: %w", err)
	}
	*l = v
	return nil
}
