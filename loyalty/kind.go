package loyalty

import "github.com/clientele-go/clientele/segment"

// Kind is what holds a customer to the company, after the three kinds of
// loyalty of the source article. The zero value is Unknown: no evidence
// either way. None is a finding, not a gap: what is known shows no
// loyalty.
//
// Behavioural, Emotional and Personal are declared from the shallowest to
// the deepest bond; the deeper kind wins a tie (see the package
// documentation).
type Kind uint8

// The kinds of loyalty.
const (
	Unknown     Kind = iota
	None             // the known evidence shows no loyalty
	Behavioural      // kept by repeat purchases and programme rewards
	Emotional        // kept by special status and personal recognition
	Personal         // identifies with the brand, stays through its failures
)

// Kinds is the table of loyalty kinds: names, titles, parsing.
var Kinds = segment.NewEnum[Kind]("kind",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определена"},
	segment.LabelInfo{Name: "none", EN: "No loyalty", RU: "Нет лояльности"},
	segment.LabelInfo{Name: "behavioural", EN: "Behavioural loyalty", RU: "Поведенческая лояльность"},
	segment.LabelInfo{Name: "emotional", EN: "Emotional loyalty", RU: "Эмоциональная лояльность"},
	segment.LabelInfo{Name: "personal", EN: "Personal loyalty", RU: "Личная лояльность"},
)

// String returns the identifier, e.g. "behavioural".
func (k Kind) String() string { return Kinds.Name(k) }

// Title returns the title in lang, e.g. "Личная лояльность".
func (k Kind) Title(lang segment.Lang) string { return Kinds.Title(k, lang) }

// MarshalText implements [encoding.TextMarshaler]; out-of-range values are
// an error.
func (k Kind) MarshalText() ([]byte, error) { return Kinds.MarshalText(k) }

// UnmarshalText implements [encoding.TextUnmarshaler]: the name or either
// title, case-insensitive.
func (k *Kind) UnmarshalText(b []byte) error { return Kinds.UnmarshalText(k, b) }
