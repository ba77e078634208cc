package strategy

import (
	"strconv"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
)

// Playbook is what to do next for one customer, how, and why. It points
// into the engine's catalogue and rules instead of copying their texts, so
// a playbook for every customer of a large base stays small; render it
// with [Playbook.Text] or [Playbook.Render].
type Playbook struct {
	Customer  string
	Objective Objective
	Actions   []Planned // ranked, best first
	Tone      Advice    // from DISC: how to speak
	Format    Advice    // from the perception channel: in what form
	Framing   Advice    // from the decision style: what to lead with
	Lever     Advice    // from the loyalty kind: what holds them
	Avoid     []Avoid   // what not to do, and why
	// ContactsPerMonth is the most contacts a month ("do not be pushy").
	ContactsPerMonth int
	// RetentionBudget is what keeping this customer may cost, in the
	// shop's currency: a share of their value, 0 when the need is gone.
	RetentionBudget float64

	engine *Engine
}

// ObjectiveKind is the kind of objective a playbook pursues.
type ObjectiveKind uint8

// The objectives.
const (
	NextRung ObjectiveKind = iota // climb the loyalty ladder: Objective.Step says how
	Resolve                       // put right what made the customer unhappy
	PartWell                      // the need is gone: part on good terms, spend nothing
)

var objectiveNames = [...]string{"next_rung", "resolve", "part_well"}

// String returns the identifier, e.g. "next_rung".
func (k ObjectiveKind) String() string {
	if int(k) < len(objectiveNames) {
		return objectiveNames[k]
	}
	return "ObjectiveKind(" + strconv.Itoa(int(k)) + ")"
}

// Objective is the goal of a playbook: normally the next rung of the
// loyalty ladder in concrete terms (which fact, how much, within what
// time).
type Objective struct {
	Kind ObjectiveKind
	Step ladder.Step // for NextRung
}

// Text renders the objective in lang.
func (o Objective) Text(lang segment.Lang) string {
	lead, target, sep, step := o.parts(lang)
	if !step {
		return lead
	}
	return lead + target + sep + o.Step.Text(lang)
}

// parts returns the objective's text in lang as the pieces Text joins: a
// fixed lead, and for an objective with a step, the target rung's title,
// a fixed separator and (step true) the step's text, which the caller
// renders. [Playbook.AppendJSON] writes the pieces one after the other
// instead of joining them into a new string.
func (o Objective) parts(lang segment.Lang) (lead, target, sep string, step bool) {
	ru := lang == segment.Russian
	switch o.Kind {
	case Resolve:
		if ru {
			return "Решить проблему клиента и вернуть доверие", "", "", false
		}
		return "Resolve the customer's problem and win back their trust", "", "", false
	case PartWell:
		if ru {
			return "Потребность исчезла: расстаться по-хорошему, не тратясь на удержание", "", "", false
		}
		return "The need is gone: part on good terms, with no retention spend", "", "", false
	}
	target = o.Step.To.Title(lang)
	switch {
	case o.Step.From == o.Step.To && ru:
		return "Удержать уровень «", target, "»: ", true
	case o.Step.From == o.Step.To:
		return "Stay ", target, ": ", true
	case ru:
		return "Перейти на уровень «", target, "»: ", true
	}
	return "Reach ", target, ": ", true
}

// Planned is one ranked action.
type Planned struct {
	Action *Action
	Score  float64
	reasons
}

// reasons are the first maxWhy rules that raised an action's score, in
// the order they fired.
type reasons struct {
	why  [maxWhy]ref
	nWhy uint8
}

// ref points to the rule behind a score: a treatment, a conflict or a
// guard.
type ref struct {
	kind  refKind
	index uint16
}

type refKind uint8

const (
	refTreatment refKind = iota + 1
	refConflict
	refGuard
)

// Advice is a piece of how-to taken from one typology's result.
type Advice struct {
	Typology Typology
	Label    string // the label it comes from; empty when unknown
	text     Text2
	json     *[2][]byte // the text in English and Russian as JSON strings, escaped once (AppendJSON)
}

// Text returns the advice in lang ("" when the typology had no answer).
func (a Advice) Text(lang segment.Lang) string { return a.text.In(lang) }

// Avoid is something not to do for this customer, and the rule that says
// so.
type Avoid struct {
	Action string // the action avoided; empty for a general practice
	Rule   string // the guard or conflict rule
	why    Text2
}

// Why returns the reason in lang.
func (a Avoid) Why(lang segment.Lang) string { return a.why.In(lang) }

// Reason is one rule behind a planned action, rendered: its id and the
// facts it matched.
type Reason struct {
	Rule    string   `json:"rule"`
	Because []string `json:"because"`
}

// Reasons returns the rules behind a planned action, rendered in lang.
func (pb *Playbook) Reasons(p *Planned, lang segment.Lang) []Reason {
	out := make([]Reason, 0, p.nWhy)
	for _, r := range p.why[:p.nWhy] {
		out = append(out, pb.engine.reason(r, lang))
	}
	return out
}

func (e *Engine) reason(r ref, lang segment.Lang) Reason {
	rs, ok := e.reasonOf(r, lang)
	if !ok {
		return Reason{}
	}
	because := describeAll(rs.when, lang)
	if rs.hasWhy {
		because = append(because, rs.why)
	}
	return Reason{Rule: rs.rule, Because: because}
}

// reasonSource is what a reason says, before it is written out: the rule,
// the matches it tested (their facts first) and, for a conflict or a
// guard, the rule's own reason last. Reasons, AppendJSON and AppendText
// all write it.
type reasonSource struct {
	rule   string
	when   []match
	why    string
	hasWhy bool
}

// reasonOf returns what the reason r says in lang; false for the zero
// ref.
func (e *Engine) reasonOf(r ref, lang segment.Lang) (reasonSource, bool) {
	switch r.kind {
	case refTreatment:
		t := &e.treatments[r.index]
		return reasonSource{rule: t.id, when: t.when}, true
	case refConflict:
		k := &e.conflicts[r.index]
		return reasonSource{rule: k.id, when: k.when, why: k.why.In(lang), hasWhy: true}, true
	case refGuard:
		g := &guards[r.index]
		return reasonSource{rule: g.id, why: g.why.In(lang), hasWhy: true}, true
	}
	return reasonSource{}, false
}

func describeAll(ms []match, lang segment.Lang) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = describeMatch(m, lang)
	}
	return out
}

// Rendered is a playbook with every text resolved in one language: the form
// for JSON output and templates.
type Rendered struct {
	Customer         string           `json:"customer_id"`
	Lang             string           `json:"lang"`
	Objective        string           `json:"objective"`
	ObjectiveKind    string           `json:"objective_kind"`
	Actions          []RenderedAction `json:"actions"`
	Tone             string           `json:"tone,omitempty"`
	Format           string           `json:"format,omitempty"`
	Framing          string           `json:"framing,omitempty"`
	Lever            string           `json:"lever,omitempty"`
	Avoid            []RenderedAvoid  `json:"avoid,omitempty"`
	ContactsPerMonth int              `json:"contacts_per_month"`
	RetentionBudget  float64          `json:"retention_budget"`
}

// RenderedAction is a planned action with its texts and reasons.
type RenderedAction struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Channel     string   `json:"channel"`
	Format      string   `json:"format"`
	Cost        string   `json:"cost"`
	Score       float64  `json:"score"`
	Why         []Reason `json:"why"`
}

// RenderedAvoid is an avoided action or practice with its reason.
type RenderedAvoid struct {
	Action string `json:"action,omitempty"`
	Title  string `json:"title,omitempty"`
	Rule   string `json:"rule"`
	Why    string `json:"why"`
}

// Render resolves every text of the playbook in lang.
func (pb *Playbook) Render(lang segment.Lang) Rendered {
	out := Rendered{
		Customer: pb.Customer, Lang: lang.String(),
		Objective: pb.Objective.Text(lang), ObjectiveKind: pb.Objective.Kind.String(),
		Tone: pb.Tone.Text(lang), Format: pb.Format.Text(lang), Framing: pb.Framing.Text(lang), Lever: pb.Lever.Text(lang),
		ContactsPerMonth: pb.ContactsPerMonth, RetentionBudget: pb.RetentionBudget,
		Actions: make([]RenderedAction, 0, len(pb.Actions)),
	}
	for i := range pb.Actions {
		p := &pb.Actions[i]
		out.Actions = append(out.Actions, RenderedAction{
			ID: p.Action.ID, Title: p.Action.Title(lang), Description: p.Action.Description(lang),
			Channel: p.Action.Channel, Format: p.Action.Format, Cost: p.Action.Cost.String(),
			Score: round2(p.Score), Why: pb.Reasons(p, lang),
		})
	}
	for _, a := range pb.Avoid {
		r := RenderedAvoid{Action: a.Action, Rule: a.Rule, Why: a.Why(lang)}
		if act, ok := pb.engine.Action(a.Action); ok {
			r.Title = act.Title(lang)
		}
		out.Avoid = append(out.Avoid, r)
	}
	return out
}

// Text renders the playbook for a person to read.
func (pb *Playbook) Text(lang segment.Lang) string {
	return string(pb.AppendText(nil, lang))
}

// channelTitles are the channels as a reader says them; JSON keeps the ids.
var channelTitles = map[string]Text2{
	"email":    {EN: "email", RU: "e-mail"},
	"phone":    {EN: "phone", RU: "телефон"},
	"manager":  {EN: "personal manager", RU: "личный менеджер"},
	"social":   {EN: "social media", RU: "соцсети"},
	"site":     {EN: "website", RU: "сайт"},
	"app":      {EN: "app", RU: "приложение"},
	"store":    {EN: "in store", RU: "в магазине"},
	"event":    {EN: "event", RU: "мероприятие"},
	"internal": {EN: "inside the company", RU: "внутри компании"},
}

func channelTitle(id string, lang segment.Lang) string {
	if t, ok := channelTitles[id]; ok {
		return t.In(lang)
	}
	return id
}

func costTitle(name string, lang segment.Lang) string {
	c, err := costs.Parse(name)
	if err != nil {
		return name
	}
	return c.Title(lang)
}

func round2(x float64) float64 {
	return float64(int64(x*100+0.5)) / 100
}
