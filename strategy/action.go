package strategy

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/clientele-go/clientele/segment"
)

// Text is a title and a description in one language.
type Text struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Action is one thing a marketer can do for a customer, with a stable id,
// texts in English and Russian written in our own words after the source
// articles, and the facts the guards need: how much it costs, what kind of
// move it is, and whether it is a discount.
type Action struct {
	ID       string `json:"id"`
	Source   string `json:"source"`  // where in the source articles it comes from
	Channel  string `json:"channel"` // email, phone, manager, social, site, app, store, event, internal
	Format   string `json:"format"`  // the content format it naturally takes
	Cost     Cost   `json:"cost"`
	Kind     Kind   `json:"kind"`
	Discount bool   `json:"discount,omitempty"` // a price concession: guarded
	EN       Text   `json:"en"`
	RU       Text   `json:"ru"`
}

// Title returns the action's title in lang.
func (a *Action) Title(lang segment.Lang) string {
	if lang == segment.Russian {
		return a.RU.Title
	}
	return a.EN.Title
}

// Description returns the action's description in lang.
func (a *Action) Description(lang segment.Lang) string {
	if lang == segment.Russian {
		return a.RU.Text
	}
	return a.EN.Text
}

// Cost is an action's cost class. The guard for customers better not to
// work with keeps their actions at or below Config.RiskMaxCost.
type Cost uint8

// The cost classes.
const (
	CostUnknown Cost = iota
	Low
	Medium
	High
)

var costs = segment.NewEnum[Cost]("cost",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "low", EN: "Low", RU: "Низкая"},
	segment.LabelInfo{Name: "medium", EN: "Medium", RU: "Средняя"},
	segment.LabelInfo{Name: "high", EN: "High", RU: "Высокая"},
)

// String returns the JSON name, e.g. "low".
func (c Cost) String() string { return costs.Name(c) }

// MarshalText writes the JSON name.
func (c Cost) MarshalText() ([]byte, error) { return costs.MarshalText(c) }

// UnmarshalText reads a name, ignoring case.
func (c *Cost) UnmarshalText(b []byte) error { return costs.UnmarshalText(c, b) }

// Title returns the title in lang.
func (c Cost) Title(lang segment.Lang) string { return costs.Title(c, lang) }

// Kind is what an action is for. Guards act on kinds: when the need itself
// is gone, no retention or win-back is planned.
type Kind uint8

// The kinds of action.
const (
	KindUnknown Kind = iota
	Attract          // turn interest into a first purchase
	Develop          // move the customer up the ladder
	Retain           // keep a customer who buys
	WinBack          // bring back one who stopped
	Repair           // put right what went wrong
	Protect          // limit exposure to a risky customer
	Internal         // work inside the company, not a contact
)

var kinds = segment.NewEnum[Kind]("kind",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "attract", EN: "Attract", RU: "Привлечь"},
	segment.LabelInfo{Name: "develop", EN: "Develop", RU: "Развить"},
	segment.LabelInfo{Name: "retain", EN: "Retain", RU: "Удержать"},
	segment.LabelInfo{Name: "win_back", EN: "Win back", RU: "Вернуть"},
	segment.LabelInfo{Name: "repair", EN: "Repair", RU: "Исправить"},
	segment.LabelInfo{Name: "protect", EN: "Protect", RU: "Оградить"},
	segment.LabelInfo{Name: "internal", EN: "Internal", RU: "Внутреннее"},
)

// String returns the JSON name, e.g. "retain".
func (k Kind) String() string { return kinds.Name(k) }

// MarshalText writes the JSON name.
func (k Kind) MarshalText() ([]byte, error) { return kinds.MarshalText(k) }

// UnmarshalText reads a name, ignoring case.
func (k *Kind) UnmarshalText(b []byte) error { return kinds.UnmarshalText(k, b) }

// Title returns the title in lang.
func (k Kind) Title(lang segment.Lang) string { return kinds.Title(k, lang) }

// Contact reports whether the action reaches out to the customer (and so
// counts against the contact cap).
func (a *Action) Contact() bool { return a.Kind != Internal && a.Kind != Protect }

//go:embed catalogue.json
var catalogueJSON []byte

// DefaultCatalogue returns the catalogue of actions distilled from the
// source articles. The slice is a fresh copy the caller may change.
func DefaultCatalogue() []Action {
	var c struct {
		Actions []Action `json:"actions"`
	}
	if err := json.Unmarshal(catalogueJSON, &c); err != nil {
		panic("strategy: embedded catalogue: " + err.Error())
	}
	return c.Actions
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_.]{0,63}$`)

// validateActions checks ids, texts and classes of a catalogue.
func validateActions(actions []Action) error {
	seen := make(map[string]int, len(actions))
	var errs []error
	for i := range actions {
		a := &actions[i]
		rec := fmt.Sprintf("actions[%d]", i)
		bad := func(field, value string, err error) {
			errs = append(errs, &segment.FieldError{Record: rec, Field: field, Value: value, Err: err})
		}
		switch j, dup := seen[a.ID]; {
		case !idPattern.MatchString(a.ID):
			bad("id", a.ID, errors.New("want lower case letters, digits and _ (at most 64)"))
		case dup:
			bad("id", a.ID, fmt.Errorf("also the id of actions[%d]", j))
		}
		seen[a.ID] = i
		for _, t := range []struct{ field, v string }{
			{"en.title", a.EN.Title}, {"en.text", a.EN.Text}, {"ru.title", a.RU.Title}, {"ru.text", a.RU.Text},
		} {
			if t.v == "" {
				bad(t.field, "", segment.ErrEmpty)
			}
		}
		if a.Cost == CostUnknown || !costs.Valid(a.Cost) {
			bad("cost", a.Cost.String(), errors.New("want low, medium or high"))
		}
		if a.Kind == KindUnknown || !kinds.Valid(a.Kind) {
			bad("kind", a.Kind.String(), fmt.Errorf("want one of %v", kinds.Values()))
		}
		if !slices.Contains(channels, a.Channel) {
			bad("channel", a.Channel, fmt.Errorf("want one of %v", channels))
		}
		if a.Format == "" {
			bad("format", "", segment.ErrEmpty)
		}
	}
	return errors.Join(errs...)
}

var channels = []string{"email", "phone", "manager", "social", "site", "app", "store", "event", "internal"}
