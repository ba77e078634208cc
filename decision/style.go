package decision

import "github.com/clientele-go/clientele/segment"

// Style is a customer's way of deciding. The zero value is Unknown: not
// enough evidence to tell.
type Style uint8

// The decision styles.
const (
	Unknown Style = iota
	Rational
	Emotional
	Combined
)

// Styles is the table of decision styles.
var Styles = segment.NewEnum[Style]("style",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "rational", EN: "Rational", RU: "Рациональный"},
	segment.LabelInfo{Name: "emotional", EN: "Emotional", RU: "Эмоциональный"},
	segment.LabelInfo{Name: "combined", EN: "Combined", RU: "Комбинированный"},
)

// String returns the identifier, e.g. "rational".
func (s Style) String() string { return Styles.Name(s) }

// Title returns the title in lang.
func (s Style) Title(lang segment.Lang) string { return Styles.Title(s, lang) }

// MarshalText implements [encoding.TextMarshaler].
func (s Style) MarshalText() ([]byte, error) { return Styles.MarshalText(s) }

// UnmarshalText implements [encoding.TextUnmarshaler], case-insensitive.
func (s *Style) UnmarshalText(b []byte) error { return Styles.UnmarshalText(s, b) }
