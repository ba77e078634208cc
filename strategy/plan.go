package strategy

import (
	"math"
	"math/bits"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
)

// guard describes one built-in guard, for reasons and avoid lists.
type guard struct {
	id  string
	why Text2
}

const (
	guardDiscount = iota
	guardNeedGone
	guardRiskCost
	guardRisk
	guardDissatisfied
	guardContactCap
)

var guards = [...]guard{
	guardDiscount: {"guard.discount", Text2{
		EN: "discounts train customers to wait for discounts; compete on service, assortment, quality and a personal approach — discounts only for budget buyers or at the moment a customer is leaving",
		RU: "скидки приучают ждать скидок; конкурируйте сервисом, ассортиментом, качеством и персональным подходом — скидки только бюджетным покупателям или в момент ухода клиента"}},
	guardNeedGone: {"guard.need_gone", Text2{
		EN: "the need itself is gone: do not spend on retention",
		RU: "исчезла сама потребность: не тратьте на удержание"}},
	guardRiskCost: {"guard.risk_cost", Text2{
		EN: "a customer better not to work with: limit investment",
		RU: "с таким клиентом лучше не работать: ограничьте вложения"}},
	guardRisk: {"guard.risk", Text2{
		EN: "a customer better not to work with: set clear terms and boundaries",
		RU: "с таким клиентом лучше не работать: задайте чёткие условия и границы"}},
	guardDissatisfied: {"guard.dissatisfied", Text2{
		EN: "an unhappy customer is first asked what went wrong, gets a sincere apology and a fix",
		RU: "недовольного клиента сначала спрашивают, что пошло не так, искренне извиняются и решают проблему"}},
	guardContactCap: {"guard.contact_cap", Text2{
		EN: "do not be pushy: no more contacts this month than the cap",
		RU: "не навязывайтесь: не больше контактов в месяц, чем позволяет лимит"}},
}

// firing is one rule raising one action's score.
type firing struct {
	action uint16
	r      ref
}

// maxFired bounds the rule firings kept for reasons in one plan.
const maxFired = 128

// Weights the guards add: the repair actions go to the top whatever the
// treatments say.
const (
	repairBoost     = 1000
	boundariesBoost = 50
)

// Plan returns the playbook for c. See [Engine.PlanInto] for the rules.
func (e *Engine) Plan(c *Classification) *Playbook {
	pb := &Playbook{}
	e.PlanInto(c, pb)
	return pb
}

// PlanInto fills pb with the playbook for c, reusing pb's slices, so that
// planning for a whole base allocates nothing per customer.
//
// The order of the rules:
//  1. every treatment whose matches all hold adds its weight to its action,
//     scaled by the confidence of the least confident typology it reads
//     (weight × (0.5 + 0.5 × confidence): a guess counts half);
//  2. every conflict rule that holds suppresses its actions (they go to
//     Avoid with the rule's reason) and boosts others;
//  3. the guards: a dissatisfied customer's repair actions go first; a
//     discount is avoided unless the customer is a budget buyer or
//     leaving; a risky customer's actions cost at most the risk cap and
//     clear terms are added; when the need is gone (signal need_gone)
//     nothing is spent on developing, retaining or winning back;
//  4. the rest is ranked by score (catalogue order on ties) and cut to
//     MaxActions, with contacts limited to the contact cap.
func (e *Engine) PlanInto(c *Classification, pb *Playbook) {
	*pb = Playbook{Actions: pb.Actions[:0], Avoid: pb.Avoid[:0], engine: e}
	if c.Profile != nil {
		pb.Customer = c.Profile.ID
	}
	n := len(e.actions)
	var score [MaxActions]float64
	var blocked [MaxActions / 64]uint64
	isBlocked := func(a int) bool { return blocked[a/64]&(1<<(a%64)) != 0 }
	block := func(a int) { blocked[a/64] |= 1 << (a % 64) }
	// fired records which rule raised which action, for the reasons; the
	// first maxFired are kept, in the order the rules fired.
	var fired [maxFired]firing
	nFired := 0
	note := func(a int, r ref) {
		if nFired < maxFired {
			fired[nFired] = firing{action: uint16(a), r: r}
			nFired++
		}
	}
	avoid := func(a int, rule string, t Text2) {
		id := ""
		if a >= 0 {
			id = e.actions[a].ID
		}
		for _, v := range pb.Avoid {
			if v.Action == id && v.Rule == rule {
				return
			}
		}
		pb.Avoid = append(pb.Avoid, Avoid{Action: id, Rule: rule, why: t})
	}

	var slots [numTypologies]slot
	c.slots(&slots)
	apply := func(i uint16) {
		t := &e.treatments[i]
		if !allHold(t.when, &slots) {
			return
		}
		conf := float32(1)
		for _, m := range t.when {
			if !m.not {
				conf = min(conf, slots[m.t].confidence)
			}
		}
		score[t.action] += t.weight * (0.5 + 0.5*float64(segment.Clamp01(float64(conf))))
		note(t.action, ref{refTreatment, i})
	}
	// Only treatments that can fire are looked at, through the label
	// index; the order is fixed (typology, label, configuration order), so
	// the result is deterministic.
	for t := Behavior; t < numTypologies; t++ {
		for set := slots[t].present(); set != 0; set &= set - 1 {
			for _, i := range e.byLabel[int(t)*segment.MaxLabels+bits.TrailingZeros32(set)] {
				apply(i)
			}
		}
	}
	for _, i := range e.unindexed {
		apply(i)
	}
	for i := range e.conflicts {
		k := &e.conflicts[i]
		if !allHold(k.when, &slots) {
			continue
		}
		for _, a := range k.suppress {
			if score[a] > 0 && !isBlocked(a) {
				avoid(a, k.id, k.why)
			}
			block(a)
		}
		for _, b := range k.boost {
			score[b.action] += b.weight
			note(b.action, ref{refConflict, uint16(i)})
		}
	}

	needGone := c.Profile != nil && c.Profile.Signals.NeedGone.Or(false)
	unhappy := anyHolds(e.unhappy, &slots)
	risky := anyHolds(e.risky, &slots)
	discountOK := anyHolds(e.discount, &slots) || anyHolds(e.leaving, &slots)
	if unhappy && !needGone {
		for j, a := range [...]int{e.ask, e.fix} {
			if a >= 0 {
				score[a] += repairBoost - float64(j)
				blocked[a/64] &^= 1 << (a % 64)
				note(a, ref{refGuard, guardDissatisfied})
			}
		}
	}
	if risky && e.boundaries >= 0 {
		score[e.boundaries] += boundariesBoost
		note(e.boundaries, ref{refGuard, guardRisk})
	}
	for a := 0; a < n; a++ {
		if score[a] <= 0 || isBlocked(a) {
			continue
		}
		act := &e.actions[a]
		switch {
		case act.Discount && !discountOK:
			block(a)
			avoid(a, guards[guardDiscount].id, guards[guardDiscount].why)
		case risky && act.Cost > e.cfg.Guards.RiskMaxCost:
			block(a)
			avoid(a, guards[guardRiskCost].id, guards[guardRiskCost].why)
		case needGone && (act.Kind == Retain || act.Kind == WinBack || act.Kind == Develop || act.Kind == Repair || act.Discount):
			block(a)
			avoid(a, guards[guardNeedGone].id, guards[guardNeedGone].why)
		}
	}

	// Rank: insertion sort of the candidates, best first, catalogue order on
	// ties (stable and deterministic).
	var order [MaxActions]uint16
	k := 0
	for a := 0; a < n; a++ {
		if score[a] > 0 && !isBlocked(a) {
			j := k
			for j > 0 && score[order[j-1]] < score[a] {
				order[j] = order[j-1]
				j--
			}
			order[j] = uint16(a)
			k++
		}
	}
	pb.ContactsPerMonth = e.contactCap(&slots)
	contacts := 0
	capped := false
	// planned[a] is 1 + the index in pb.Actions of action a, 0 when a is
	// not planned: one pass over the firings then gives every planned
	// action its reasons, in firing order.
	var planned [MaxActions]uint16
	for _, a := range order[:k] {
		if len(pb.Actions) == e.cfg.MaxActions {
			break
		}
		act := &e.actions[a]
		if act.Contact() {
			if contacts == pb.ContactsPerMonth {
				if !capped { // once is enough: avoid drops repeats
					avoid(-1, guards[guardContactCap].id, guards[guardContactCap].why)
					capped = true
				}
				continue
			}
			contacts++
		}
		pb.Actions = append(pb.Actions, Planned{Action: act, Score: score[a]})
		planned[a] = uint16(len(pb.Actions))
	}
	for _, f := range fired[:nFired] {
		if i := planned[f.action]; i > 0 {
			if p := &pb.Actions[i-1]; p.nWhy < maxWhy {
				p.why[p.nWhy] = f.r
				p.nWhy++
			}
		}
	}

	pb.Tone, pb.Format, pb.Framing, pb.Lever = tone(c), format(c), framing(c), lever(c)
	if ch := c.Perception.Primary; ch != 0 && int(ch) < len(perceptionAvoid) && perceptionAvoid[ch].why.EN != "" {
		pb.Avoid = append(pb.Avoid, perceptionAvoid[ch])
	}

	switch {
	case needGone:
		pb.Objective = Objective{Kind: PartWell}
		avoid(-1, guards[guardNeedGone].id, guards[guardNeedGone].why)
	case unhappy:
		pb.Objective = Objective{Kind: Resolve}
	default:
		pb.Objective = Objective{Kind: NextRung, Step: c.Next}
	}
	pb.RetentionBudget = e.budget(c, risky, needGone)
}

func anyHolds(ms []match, slots *[numTypologies]slot) bool {
	for _, m := range ms {
		if m.holds(slots) {
			return true
		}
	}
	return false
}

// contactCap is the guard's cap, lowered by the first matching cap rules.
func (e *Engine) contactCap(slots *[numTypologies]slot) int {
	limit := e.cfg.Guards.ContactsPerMonth
	for _, cr := range e.caps {
		if allHold(cr.when, slots) && cr.perMonth < limit {
			limit = cr.perMonth
		}
	}
	return limit
}

// budget is the retention budget: a share of the customer's value (CLV
// when known), lower for a risky customer, at most the cap; see Guards.
func (e *Engine) budget(c *Classification, risky, needGone bool) float64 {
	if needGone || c.Profile == nil {
		return 0
	}
	value, ok := c.Value.Get()
	if !ok {
		p := c.Profile
		years := 1.0
		if t, ok := p.Tenure().Get(); ok && t > 365 {
			years = float64(t) / 365
		}
		value = p.Revenue / years
	}
	if !(value > 0) || math.IsInf(value, 0) {
		return 0
	}
	b := value * e.cfg.Guards.BudgetShare
	if risky {
		b *= e.cfg.Guards.RiskBudgetFactor
	}
	if limit := e.cfg.Guards.BudgetCap; limit > 0 && b > limit {
		b = limit
	}
	return math.Round(b*100) / 100
}

// The advice of the typology packages, read once: their accessors return
// fresh copies, which the planning path must not pay for per customer.
var (
	tones           = adviceTable(disc.Styles, func(s disc.Style) Text2 { a := s.Traits().Approach; return Text2{EN: a.EN, RU: a.RU} })
	formats         = adviceTable(perception.Channels, func(ch perception.Channel) Text2 { a := ch.Advice(); return Text2{EN: a.EN, RU: a.RU} })
	perceptionAvoid = func() []Avoid {
		out := make([]Avoid, perception.Channels.Len())
		for _, ch := range perception.Channels.Values() {
			a := ch.Advice()
			out[ch] = Avoid{Rule: "perception." + ch.String(), why: Text2{EN: a.AvoidEN, RU: a.AvoidRU}}
		}
		return out
	}()
)

func adviceTable[L ~uint8](e *segment.Enum[L], text func(L) Text2) []Text2 {
	out := make([]Text2, e.Len())
	for _, l := range e.Values() {
		out[l] = text(l)
	}
	return out
}

// tone comes from the DISC style's approach.
func tone(c *Classification) Advice {
	s := c.DISC.Primary
	if s == 0 || int(s) >= len(tones) {
		return Advice{Typology: DISC}
	}
	return Advice{Typology: DISC, Label: s.String(), text: tones[s]}
}

// format comes from the perception channel's advice.
func format(c *Classification) Advice {
	ch := c.Perception.Primary
	if ch == 0 || int(ch) >= len(formats) {
		return Advice{Typology: Perception}
	}
	return Advice{Typology: Perception, Label: ch.String(), text: formats[ch]}
}

var framings = [...]Text2{
	decision.Rational: {
		EN: "Lead with facts: comparisons, numbers, specifications and guarantees; give time to decide.",
		RU: "Начинайте с фактов: сравнения, цифры, характеристики и гарантии; дайте время на решение."},
	decision.Emotional: {
		EN: "Lead with the experience: beautiful images, stories and reviews of people like them.",
		RU: "Начинайте с впечатления: красивые изображения, истории и отзывы таких же людей."},
	decision.Combined: {
		EN: "Put the facts inside a story: the numbers and how it feels to own it.",
		RU: "Упакуйте факты в историю: цифры и то, каково этим пользоваться."},
}

// framing comes from the decision style.
func framing(c *Classification) Advice {
	s := c.Decision.Primary
	if s == 0 || int(s) >= len(framings) {
		return Advice{Typology: Decision}
	}
	return Advice{Typology: Decision, Label: s.String(), text: framings[s]}
}

var levers = [...]Text2{
	loyalty.None: {
		EN: "Nothing holds them yet: earn a first reason to come back with a good experience, not a discount.",
		RU: "Их пока ничто не держит: дайте первую причину вернуться — хороший опыт, а не скидку."},
	loyalty.Behavioural: {
		EN: "Habit and rewards hold them: keep the programme's benefit obvious and never punish (no silently expiring points).",
		RU: "Их держат привычка и бонусы: выгода программы должна быть очевидной, без наказаний (никаких тихо сгорающих баллов)."},
	loyalty.Emotional: {
		EN: "Recognition holds them: special status, personal attention, 'the usual?'.",
		RU: "Их держит внимание: особый статус, личное обращение, «вам как обычно?»."},
	loyalty.Personal: {
		EN: "They identify with the brand: involve them and let them speak for it; they stay through its failures, do not abuse that.",
		RU: "Они отождествляют себя с брендом: вовлекайте их и дайте говорить от его имени; они остаются и в неудачах — не злоупотребляйте этим."},
}

// lever comes from the loyalty kind.
func lever(c *Classification) Advice {
	k := c.Loyalty.Primary
	if k == 0 || int(k) >= len(levers) {
		return Advice{Typology: Loyalty}
	}
	return Advice{Typology: Loyalty, Label: k.String(), text: levers[k]}
}
