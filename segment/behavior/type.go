package behavior

import "github.com/clientele-go/clientele/segment"

// Type is a behavioural segment, or one of the three risk flags. A
// customer usually carries several (see [segment.Result.Tags]); one is
// primary. The zero value is Unknown: no type's rule holds, or the inputs
// to decide are missing.
type Type uint8

// The behavioural types, in the order of the source article's table, then
// the risk flags ("customers better not to work with").
const (
	Unknown       Type = iota
	Potential          // interested, has not bought yet
	HotInquirer        // asked a question recently and has not bought since
	ColdInquirer       // asked a question a while ago and has not bought since
	Newcomer           // first purchase, recent
	OneTime            // bought once, long ago
	Rare               // buys seldom
	Regular            // buys again and again
	Gold               // most profitable, long-standing, active
	SuperConsumer      // very active and big spending
	Status             // buys the expensive end
	Fan                // a regular who recommends loudly
	Pioneer            // first to buy new things
	LeadUser           // a large account that is a business or sways others
	DetailSeeker       // studies every detail before buying
	Sleeping           // went quiet, may still need the product
	Lost               // left
	Dissatisfied       // complained or reviewed badly, recently
	UnderClient        // bought 1-3 times, then vanished
	Problem            // risk flag: complains a lot or returns a lot
	Impossible         // risk flag: excessive demands on support
	BargainOnly        // risk flag: buys only at a discount

	numTypes = iota
)

// Types is the table of behavioural types: names for JSON, CSV and rules,
// English titles, and Russian titles as the source article names the
// groups.
var Types = segment.NewEnum[Type]("type",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "potential", EN: "Potential customers", RU: "Потенциальные"},
	segment.LabelInfo{Name: "inquirer_hot", EN: "Hot inquirers", RU: "Горячие обращенцы"},
	segment.LabelInfo{Name: "inquirer_cold", EN: "Cold inquirers", RU: "Холодные обращенцы"},
	segment.LabelInfo{Name: "new", EN: "New customers", RU: "Первые"},
	segment.LabelInfo{Name: "one_time", EN: "One-time buyers", RU: "Разовые"},
	segment.LabelInfo{Name: "rare", EN: "Rare buyers", RU: "Редкие"},
	segment.LabelInfo{Name: "regular", EN: "Regular customers", RU: "Постоянные"},
	segment.LabelInfo{Name: "gold", EN: "Gold customers", RU: "Золотые"},
	segment.LabelInfo{Name: "super_consumer", EN: "Super-consumers", RU: "Суперпотребители"},
	segment.LabelInfo{Name: "status", EN: "Status buyers", RU: "Статусные"},
	segment.LabelInfo{Name: "fan", EN: "Fans", RU: "Фанаты"},
	segment.LabelInfo{Name: "pioneer", EN: "Pioneers", RU: "Пионеры"},
	segment.LabelInfo{Name: "lead_user", EN: "Lead users", RU: "Ведущие пользователи"},
	segment.LabelInfo{Name: "detail_seeker", EN: "Detail seekers", RU: "Мелочь (внимание к деталям)"},
	segment.LabelInfo{Name: "sleeping", EN: "Sleeping", RU: "Спящие"},
	segment.LabelInfo{Name: "lost", EN: "Lost", RU: "Потерянные"},
	segment.LabelInfo{Name: "dissatisfied", EN: "Dissatisfied", RU: "Недовольные"},
	segment.LabelInfo{Name: "under_client", EN: "Under-clients", RU: "Недоклиенты"},
	segment.LabelInfo{Name: "problem", EN: "Problem customers", RU: "Проблемные"},
	segment.LabelInfo{Name: "impossible", EN: "Impossible customers", RU: "Невозможные"},
	segment.LabelInfo{Name: "bargain_only", EN: "Bargain-only buyers", RU: "Мелкие"},
)

// String returns the identifier, e.g. "one_time".
func (t Type) String() string { return Types.Name(t) }

// Title returns the title in lang.
func (t Type) Title(lang segment.Lang) string { return Types.Title(t, lang) }

// MarshalText implements [encoding.TextMarshaler].
func (t Type) MarshalText() ([]byte, error) { return Types.MarshalText(t) }

// UnmarshalText implements [encoding.TextUnmarshaler], case-insensitive;
// it accepts the identifier or either title.
func (t *Type) UnmarshalText(b []byte) error { return Types.UnmarshalText(t, b) }

// RiskFlags is the set of the three risk flags: [Problem], [Impossible]
// and [BargainOnly], the article's "customers better not to work with".
const RiskFlags segment.Set[Type] = 1<<Problem | 1<<Impossible | 1<<BargainOnly

// IsRisk reports whether t is a risk flag.
func (t Type) IsRisk() bool { return RiskFlags.Has(t) }

// Risks returns the risk flags among r's tags, so the strategy layer can
// limit investment and set boundaries whatever the primary type is.
func Risks(r segment.Result[Type]) segment.Set[Type] { return r.Tags & RiskFlags }
