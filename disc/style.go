package disc

import (
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Style is a customer's DISC style: the factor that dominates how they buy
// and want to be served. The zero value is Unknown: not enough evidence to
// tell, never a real style.
type Style uint8

// The DISC styles, in the order of the acronym. The order is also the tie
// order: when two styles score the same, the earlier one is the primary.
const (
	Unknown       Style = iota
	Dominant            // D
	Influential         // I
	Steady              // S
	Conscientious       // C
)

// numStyles sizes arrays indexed by Style, the Unknown slot included.
const numStyles = int(Conscientious) + 1

// Styles is the table of DISC styles. The Russian titles are the source
// article's words: доминантные, влиятельные, устойчивые, аккуратные.
var Styles = segment.NewEnum[Style]("style",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "dominant", EN: "Dominant", RU: "Доминантный"},
	segment.LabelInfo{Name: "influential", EN: "Influential", RU: "Влиятельный"},
	segment.LabelInfo{Name: "steady", EN: "Steady", RU: "Устойчивый"},
	segment.LabelInfo{Name: "conscientious", EN: "Conscientious", RU: "Аккуратный"},
)

// letters are the DISC letters, indexed by Style.
const letters = "?DISC"

// String returns the identifier, e.g. "dominant".
func (s Style) String() string { return Styles.Name(s) }

// Title returns the title in lang, e.g. "Доминантный".
func (s Style) Title(lang segment.Lang) string { return Styles.Title(s, lang) }

// Letter returns the DISC letter ("D", "I", "S" or "C"), or "" for
// Unknown and out-of-range values.
func (s Style) Letter() string {
	if s == Unknown || int(s) >= numStyles {
		return ""
	}
	return letters[s : s+1]
}

// MarshalText implements [encoding.TextMarshaler]: the identifier.
func (s Style) MarshalText() ([]byte, error) { return Styles.MarshalText(s) }

// UnmarshalText implements [encoding.TextUnmarshaler]; see [ParseStyle].
func (s *Style) UnmarshalText(b []byte) error {
	v, err := ParseStyle(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStyle returns the style named by s, ignoring case and surrounding
// space: the identifier ("dominant"), either title ("Доминантный") or,
// because questionnaires and CRM exports write them so, the DISC letter
// ("D"). Errors are [*segment.FieldError]s naming the text.
func ParseStyle(s string) (Style, error) {
	if t := strings.TrimSpace(s); len(t) == 1 {
		if i := strings.IndexByte(letters[1:], t[0]&^0x20); i >= 0 {
			return Style(i + 1), nil
		}
	}
	return Styles.Parse(s)
}
