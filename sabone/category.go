package sabone

import "github.com/clientele-go/clientele/segment"

// Category is a customer's SABONE category. The zero value is Unknown: no
// category's evidence is met, or nothing is known; it is never a guess.
type Category uint8

// The SABONE categories, in the order of the acronym. The order is also the
// last tie-break between equally strong categories.
const (
	Unknown       Category = iota
	Neighbourhood          // lives or works nearby
	Active                 // follows novelties and trends
	Budget                 // watches prices and discounts
	Education              // values knowledge and learning
	Newcomer               // just starting out in the field
	Expert                 // experienced, pays for quality
)

// Categories is the table of SABONE categories. Titles are the category
// names of the source article, as a marketer names a segment.
var Categories = segment.NewEnum[Category]("category",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определена"},
	segment.LabelInfo{Name: "neighbourhood", EN: "Neighbourhood", RU: "Соседство"},
	segment.LabelInfo{Name: "active", EN: "Active consumers", RU: "Активные потребители"},
	segment.LabelInfo{Name: "budget", EN: "Budget buyers", RU: "Бюджетные покупатели"},
	segment.LabelInfo{Name: "education", EN: "Education", RU: "Образование"},
	segment.LabelInfo{Name: "newcomer", EN: "Newcomers", RU: "Новички"},
	segment.LabelInfo{Name: "expert", EN: "Experts", RU: "Эксперты"},
)

// String returns the identifier, e.g. "budget".
func (c Category) String() string { return Categories.Name(c) }

// Title returns the title in lang, e.g. "Budget buyers" or "Бюджетные
// покупатели".
func (c Category) Title(lang segment.Lang) string { return Categories.Title(c, lang) }

// MarshalText implements [encoding.TextMarshaler].
func (c Category) MarshalText() ([]byte, error) { return Categories.MarshalText(c) }

// UnmarshalText implements [encoding.TextUnmarshaler], case-insensitive; it
// accepts the identifier or either title.
func (c *Category) UnmarshalText(b []byte) error { return Categories.UnmarshalText(c, b) }
