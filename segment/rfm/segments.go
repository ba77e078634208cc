package rfm

import "github.com/clientele-go/clientele/segment"

// Segment is an RFM segment. The zero value is Unknown: the customer has no
// RFM code (no purchase occasion, see [Classifier.Code]), or the map in use
// assigns the customer's code to no segment.
//
// The constants are the eleven segments of the default map. A user map
// ([Rules], [Partition]) may name further segments; they get the values
// after Lost, in the order the map first names them, and only that map's
// [Map.Name] knows what they are called. [Segment.String] reads the default
// table and prints such values as "Segment(12)".
type Segment uint8

// The default segments, from the most to the least valuable; the order is
// also the tie order wherever two segments score the same.
const (
	Unknown Segment = iota
	Champions
	Loyal
	PotentialLoyalist
	NewCustomers
	Promising
	NeedAttention
	AboutToSleep
	AtRisk
	CantLoseThem
	Hibernating
	Lost
)

// defaultLabels describes the default segments; every [Map]'s label table
// starts with them, so a default segment has the same value in every map.
var defaultLabels = []segment.LabelInfo{
	{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	{Name: "champions", EN: "Champions", RU: "Чемпионы"},
	{Name: "loyal", EN: "Loyal Customers", RU: "Лояльные"},
	{Name: "potential_loyalist", EN: "Potential Loyalist", RU: "Потенциально лояльные"},
	{Name: "new_customers", EN: "New Customers", RU: "Новые клиенты"},
	{Name: "promising", EN: "Promising", RU: "Перспективные"},
	{Name: "need_attention", EN: "Need Attention", RU: "Требуют внимания"},
	{Name: "about_to_sleep", EN: "About To Sleep", RU: "Засыпающие"},
	{Name: "at_risk", EN: "At Risk", RU: "В зоне риска"},
	{Name: "cant_lose_them", EN: "Can't Lose Them", RU: "Нельзя потерять"},
	{Name: "hibernating", EN: "Hibernating", RU: "Спящие"},
	{Name: "lost", EN: "Lost", RU: "Потерянные"},
}

// Segments is the table of the default segments. Names, English and
// Russian titles all parse, ignoring case: "loyal", "Loyal Customers" and
// "лояльные" are all [Loyal].
var Segments = segment.NewEnum[Segment]("segment", defaultLabels...)

// String returns the identifier, e.g. "cant_lose_them", or "Segment(n)"
// beyond the default table (use [Map.Name] for segments of a user map).
func (s Segment) String() string { return Segments.Name(s) }

// Title returns the title of a default segment in lang.
func (s Segment) Title(lang segment.Lang) string { return Segments.Title(s, lang) }

// MarshalText implements [encoding.TextMarshaler] for the default segments;
// values beyond the default table are an error.
func (s Segment) MarshalText() ([]byte, error) { return Segments.MarshalText(s) }

// UnmarshalText implements [encoding.TextUnmarshaler], case-insensitive,
// for the default segments.
func (s *Segment) UnmarshalText(b []byte) error { return Segments.UnmarshalText(s, b) }
