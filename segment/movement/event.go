package movement

import (
	"github.com/clientele-go/clientele/segment"
)

// Kind is what happened to a customer in one typology between two
// snapshots. The zero value, None, is no change; events are only made for
// the other kinds.
type Kind uint8

// The kinds of events.
const (
	None   Kind = iota // the same label in both snapshots
	Moved              // a different label
	Joined             // only in the later snapshot
	Left               // only in the earlier snapshot
)

// Kinds is the table of event kinds.
var Kinds = segment.NewEnum[Kind]("kind",
	segment.LabelInfo{Name: "none", EN: "No change", RU: "Без изменений"},
	segment.LabelInfo{Name: "moved", EN: "Moved", RU: "Переход"},
	segment.LabelInfo{Name: "joined", EN: "Joined", RU: "Появился"},
	segment.LabelInfo{Name: "left", EN: "Left", RU: "Выбыл"},
)

// String returns the identifier, e.g. "moved".
func (k Kind) String() string { return Kinds.Name(k) }

// Title returns the title in lang.
func (k Kind) Title(lang segment.Lang) string { return Kinds.Title(k, lang) }

// MarshalText implements [encoding.TextMarshaler].
func (k Kind) MarshalText() ([]byte, error) { return Kinds.MarshalText(k) }

// UnmarshalText implements [encoding.TextUnmarshaler], case-insensitive.
func (k *Kind) UnmarshalText(b []byte) error { return Kinds.UnmarshalText(k, b) }

// Event is one customer's change in one typology between two snapshots,
// with the reasons on both sides: why the customer had the old label on
// the earlier date, and why they have the new one on the later date.
type Event struct {
	Customer string            `json:"customer"`
	Kind     Kind              `json:"kind"`
	Typology segment.LabelInfo `json:"typology"` // name and titles
	// From is the label on the earlier date, zero for Joined; To the
	// label on the later date, zero for Left.
	From  segment.LabelInfo `json:"from"`
	To    segment.LabelInfo `json:"to"`
	Since segment.Date      `json:"since"` // the earlier date
	AsOf  segment.Date      `json:"as_of"` // the later date
	// Before are the reasons behind From, After those behind To: from
	// Explain on the customer's two profiles ([Between]), or as kept in
	// the snapshots ([Compare]); nil when not known.
	Before []segment.Reason `json:"before,omitempty"`
	After  []segment.Reason `json:"after,omitempty"`
}

// Change pairs a rule's reason on the earlier date with the same rule's
// reason on the later date, for a rule whose test turned out differently.
// Either side is nil when the rule was not evaluated on that date.
type Change struct {
	Before, After *segment.Reason
}

// Changes returns the rules whose outcome differs between Before and
// After: a test that held and no longer does, or the reverse, or a rule
// that holds on one date and was not evaluated on the other. These say
// what moved the customer ("days since last purchase = 189 > 180 — yes").
// Reasons are paired by rule, label, field and setting, in order.
func (e *Event) Changes() []Change {
	var out []Change
	used := make([]bool, len(e.Before))
	for i := range e.After {
		a := &e.After[i]
		var b *segment.Reason
		for j := range e.Before {
			if !used[j] && sameRule(&e.Before[j], a) {
				used[j], b = true, &e.Before[j]
				break
			}
		}
		switch {
		case b == nil && a.Held:
			out = append(out, Change{After: a})
		case b != nil && b.Held != a.Held:
			out = append(out, Change{Before: b, After: a})
		}
	}
	for j := range e.Before {
		if !used[j] && e.Before[j].Held {
			out = append(out, Change{Before: &e.Before[j]})
		}
	}
	return out
}

func sameRule(a, b *segment.Reason) bool {
	return a.Rule == b.Rule && a.Label == b.Label && a.Field == b.Field && a.Setting == b.Setting
}

// Text renders the event in lang: a headline, then the reasons that
// changed, one per line ("was:" and "now:"). When no rule's outcome
// changed (or reasons are not known on one side, as for customers who
// joined or left), each side lists the reasons that held, or, when none
// did, the reasons about its label.
//
//	C42 moved from Regular customer to Lapsed customer on 2025-09-30 (Loyalty ladder; previous snapshot 2025-03-31)
//	  was: lapsed: days since last purchase = 6 > 180 (lapsed_days) — no
//	  now: lapsed: days since last purchase = 189 > 180 (lapsed_days) — yes
func (e *Event) Text(lang segment.Lang) string { return string(e.AppendText(nil, lang)) }

// AppendText appends e.Text(lang) to dst: for writing the events of a
// whole base without a string for each.
func (e *Event) AppendText(dst []byte, lang segment.Lang) []byte {
	dst = append(dst, e.headline(lang)...)
	dst = append(dst, '\n')
	was, now := "  was: ", "  now: "
	if lang == segment.Russian {
		was, now = "  было: ", "  стало: "
	}
	line := func(prefix string, r *segment.Reason) {
		dst = append(dst, prefix...)
		dst = r.AppendText(dst, lang)
		dst = append(dst, '\n')
	}
	changes := e.Changes()
	if len(changes) > 0 && len(e.Before) > 0 && len(e.After) > 0 {
		for _, c := range changes {
			if c.Before != nil {
				line(was, c.Before)
			}
			if c.After != nil {
				line(now, c.After)
			}
		}
		return dst
	}
	for _, r := range supporting(e.Before, e.From.Name) {
		line(was, r)
	}
	for _, r := range supporting(e.After, e.To.Name) {
		line(now, r)
	}
	return dst
}

// supporting returns the reasons that held or, when none did, those
// about label: what there is to say for a label on one date.
func supporting(rs []segment.Reason, label string) []*segment.Reason {
	var out []*segment.Reason
	for i := range rs {
		if rs[i].Held {
			out = append(out, &rs[i])
		}
	}
	if len(out) > 0 || label == "" {
		return out
	}
	for i := range rs {
		if rs[i].Label == label {
			out = append(out, &rs[i])
		}
	}
	return out
}

// headline is the first line of Text.
func (e *Event) headline(lang segment.Lang) string {
	from, to := quoteTitle(e.From, lang), quoteTitle(e.To, lang)
	typ := title(e.Typology, lang)
	since, asOf := dateIn(e.Since, lang), dateIn(e.AsOf, lang)
	if lang == segment.Russian {
		who := "клиент " + e.Customer
		switch e.Kind {
		case Moved:
			return who + " перешёл из " + from + " в " + to + " на " + asOf + " (" + typ + "; прошлый срез " + since + ")"
		case Joined:
			return who + " появился с меткой " + to + " на " + asOf + " (" + typ + "; в срезе " + since + " его не было)"
		case Left:
			return who + " выбыл на " + asOf + "; на " + since + " был в сегменте " + from + " (" + typ + ")"
		}
		return who + ": без изменений, " + to + " на " + asOf + " (" + typ + ")"
	}
	switch e.Kind {
	case Moved:
		return e.Customer + " moved from " + from + " to " + to + " on " + asOf + " (" + typ + "; previous snapshot " + since + ")"
	case Joined:
		return e.Customer + " joined as " + to + " on " + asOf + " (" + typ + "; not in the snapshot of " + since + ")"
	case Left:
		return e.Customer + " left by " + asOf + ", last seen as " + from + " on " + since + " (" + typ + ")"
	}
	return e.Customer + " stayed " + to + " on " + asOf + " (" + typ + ")"
}

// quoteTitle returns a label's title: as is in English, in «» in Russian.
func quoteTitle(l segment.LabelInfo, lang segment.Lang) string {
	t := title(l, lang)
	if lang == segment.Russian {
		return "«" + t + "»"
	}
	return t
}

// dateIn formats d as YYYY-MM-DD in English and DD.MM.YYYY in Russian.
func dateIn(d segment.Date, lang segment.Lang) string {
	s := d.String()
	if lang == segment.Russian && len(s) == 10 {
		return s[8:10] + "." + s[5:7] + "." + s[0:4]
	}
	return s
}
