package perception

import "github.com/clientele-go/clientele/segment"

// Channel is the way a customer prefers to take in information. The zero
// value is Unknown: too little engagement to tell, or no channel leads.
type Channel uint8

// The perception channels.
const (
	Unknown     Channel = iota
	Visual              // sight: photos, video, presentations, design
	Auditory            // hearing: audio, podcasts, calls, webinars
	Kinesthetic         // touch and taste: trying, tastings, test drives
)

// Channels is the table of perception channels. The Russian titles are the
// names a Russian marketer uses for the types (визуал, аудиал, кинестетик).
var Channels = segment.NewEnum[Channel]("channel",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "visual", EN: "Visual", RU: "Визуал"},
	segment.LabelInfo{Name: "auditory", EN: "Auditory", RU: "Аудиал"},
	segment.LabelInfo{Name: "kinesthetic", EN: "Kinesthetic", RU: "Кинестетик"},
)

// String returns the identifier, e.g. "visual".
func (c Channel) String() string { return Channels.Name(c) }

// Title returns the title in lang, e.g. "Visual" or "Визуал".
func (c Channel) Title(lang segment.Lang) string { return Channels.Title(c, lang) }

// MarshalText implements [encoding.TextMarshaler].
func (c Channel) MarshalText() ([]byte, error) { return Channels.MarshalText(c) }

// UnmarshalText implements [encoding.TextUnmarshaler], case-insensitive; it
// accepts the identifier or either title.
func (c *Channel) UnmarshalText(b []byte) error { return Channels.UnmarshalText(c, b) }
