package strategy

import (
	"math"
	"math/bits"
	"slices"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/internal/jsonw"
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

// The guards that block an action, as bits, in the order they are
// tested: a discount unless the customer is a budget buyer or leaving;
// a cost above the risk cap for a risky customer; developing, retaining,
// winning back, repairing or a discount when the need is gone.
const (
	guardsDiscount uint8 = 1 << iota
	guardsRiskCost
	guardsNeedGone
)

// guardByBit is the guard (for its reason) of each of the bits.
var guardByBit = [...]int{guardDiscount, guardRiskCost, guardNeedGone}

// guardBits returns the guards that would block act.
func guardBits(act *Action, riskMaxCost Cost) uint8 {
	var g uint8
	if act.Discount {
		g |= guardsDiscount
	}
	if act.Cost > riskMaxCost {
		g |= guardsRiskCost
	}
	if act.Kind == Retain || act.Kind == WinBack || act.Kind == Develop || act.Kind == Repair || act.Discount {
		g |= guardsNeedGone
	}
	return g
}

// An action index must fit rank.order.
const _ = uint8(MaxActions - 1)

// Weights the guards add: the repair actions go to the top whatever the
// treatments say.
const (
	repairBoost     = 1000
	boundariesBoost = 50
)

// smallCatalogue is the catalogue size up to which planning keeps its
// per-action scores in a small array: the default catalogue's 47 actions
// need not pay for zeroing the largest (MaxActions).
const smallCatalogue = 64

// smallestCatalogue is a smaller size still, which the default catalogue
// fits: PlanInto, which zeroes the scratch, took 213 instructions a plan
// with room for 64 actions, 166 with room for 48.
const smallestCatalogue = 48

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
	n := len(e.actions)
	switch {
	case n <= smallestCatalogue:
		var score [smallestCatalogue]float64
		var why [smallestCatalogue]reasons
		e.plan(c, pb, scratch{score[:n], why[:n]})
		return
	case n <= smallCatalogue:
		var score [smallCatalogue]float64
		var why [smallCatalogue]reasons
		e.plan(c, pb, scratch{score[:n], why[:n]})
		return
	}
	var score [MaxActions]float64
	var why [MaxActions]reasons
	e.plan(c, pb, scratch{score[:n], why[:n]})
}

// scratch is the memory of one plan with an entry per action of the
// catalogue, all zero at the start; it lives on the caller's stack.
type scratch struct {
	score []float64 // per action
	// why has per action the first maxWhy rules that raised it, in the
	// order they fired: the reasons, should it be planned.
	why []reasons
}

// planner is the scratch of one plan. It stays on the stack: its methods
// keep no reference to it.
type planner struct {
	e     *Engine
	pb    *Playbook
	score []float64 // per action of the catalogue, zero at the start
	why   []reasons // per action, see scratch
	// touched has the actions whose score was raised; blocked those
	// suppressed or guarded against. Every later pass walks touched
	// &^ blocked, in catalogue order, instead of the whole catalogue.
	touched, blocked [MaxActions / 64]uint64
	slots            [numTypologies]slot
}

func (p *planner) isBlocked(a int) bool { return p.blocked[a/64]&(1<<(a%64)) != 0 }
func (p *planner) block(a int)          { p.blocked[a/64] |= 1 << (a % 64) }

// raise adds d to action a's score because of rule r.
func (p *planner) raise(a int, d float64, r ref) {
	p.score[a] += d
	p.touched[a/64] |= 1 << (a % 64)
	if w := &p.why[a]; w.nWhy < maxWhy {
		w.why[w.nWhy] = r
		w.nWhy++
	}
}

// apply fires treatment i if all its matches hold.
func (p *planner) apply(i uint16) {
	t := &p.e.treatments[i]
	if !allHold(t.when, &p.slots) {
		return
	}
	conf := float32(1)
	for _, m := range t.when {
		if !m.not {
			conf = min(conf, p.slots[m.t].confidence)
		}
	}
	p.raise(t.action, t.weight*(0.5+0.5*float64(segment.Clamp01(float64(conf)))), ref{refTreatment, i})
}

// avoid adds action a (none when a < 0) to the playbook's Avoid list,
// once per action and rule.
func (p *planner) avoid(a int, rule string, t Text2) {
	id := ""
	if a >= 0 {
		id = p.e.actions[a].ID
	}
	for _, v := range p.pb.Avoid {
		if v.Action == id && v.Rule == rule {
			return
		}
	}
	p.pb.Avoid = append(p.pb.Avoid, Avoid{Action: id, Rule: rule, why: t})
}

func (p *planner) avoidGuard(a, g int) { p.avoid(a, guards[g].id, guards[g].why) }

// avoidGuarded adds action a, which guard g blocks, to Avoid in the pass
// over the candidates. It visits each action once, and a candidate is
// already on the list only if a conflict suppressed it, which leaves it
// out of the candidates unless it is a repair action the dissatisfied
// guard put back: only those need the search for a duplicate.
func (p *planner) avoidGuarded(a, g int) {
	if a == p.e.ask || a == p.e.fix {
		p.avoidGuard(a, g)
		return
	}
	p.pb.Avoid = append(p.pb.Avoid, Avoid{Action: p.e.actions[a].ID, Rule: guards[g].id, why: guards[g].why})
}

// resolve applies conflict rule i, which holds: its actions are
// suppressed (to Avoid, if they were raised) and its boosts raised.
func (p *planner) resolve(i int) {
	k := &p.e.conflicts[i]
	for _, a := range k.suppress {
		if p.score[a] > 0 && !p.isBlocked(a) {
			p.avoid(a, k.id, k.why)
		}
		p.block(a)
	}
	for _, b := range k.boost {
		p.raise(b.action, b.weight, ref{refConflict, uint16(i)})
	}
}

// candidates returns word w of the actions still in the running: raised
// and not blocked.
func (p *planner) candidates(w int) uint64 { return p.touched[w] &^ p.blocked[w] }

func (e *Engine) plan(c *Classification, pb *Playbook, s scratch) {
	score := s.score
	// Every field is set once on the way, none left from pb's last
	// playbook (a test fills one with junk first): zeroing the whole
	// playbook first would write most of it twice.
	pb.Actions, pb.Avoid, pb.engine, pb.Customer = pb.Actions[:0], pb.Avoid[:0], e, ""
	if c.Profile != nil {
		pb.Customer = c.Profile.ID
	}
	// The need_gone signal sits on a line of the profile no typology
	// reads: load it first, so that its cache miss overlaps the rules
	// instead of stalling the guards.
	needGone := c.Profile != nil && c.Profile.Signals.NeedGone.Or(false)
	p := planner{e: e, pb: pb, score: score, why: s.why}
	c.slots(&p.slots)
	// Only treatments that can fire are looked at, through the label
	// index; the order is fixed (typology, label, configuration order), so
	// the result is deterministic.
	var visit [MaxRules / 64]uint64
	var scale [numTypologies]float64
	for t := Behavior; t < numTypologies; t++ {
		s := &p.slots[t]
		// The scale of a treatment with a single match: the confidence of
		// its one typology (see apply).
		scale[t] = 0.5 + 0.5*float64(segment.Clamp01(float64(s.confidence)))
	}
	facts := e.visitLabels(&visit, &p.slots)
	for w, set := range visit[:e.words] {
		for ; set != 0; set &= set - 1 {
			i := w*64 + bits.TrailingZeros64(set)
			x := &e.labelled[i]
			if x.at == 0 {
				p.apply(x.treatment)
				continue
			}
			p.raise(int(x.action), x.weight*scale[x.typology], ref{refTreatment, x.treatment})
		}
	}
	for _, i := range e.unindexed {
		p.apply(i)
	}
	// A loop per kind of engine: the test of the facts inlines.
	if e.factAt == nil {
		for i := range e.conflicts {
			if e.conflicts[i].holdApart(&p.slots) {
				p.resolve(i)
			}
		}
	} else {
		for i := range e.conflicts {
			if e.conflicts[i].facts.all(facts) {
				p.resolve(i)
			}
		}
	}

	unhappy, risky, discountOK := e.unhappyFacts.any(facts), e.riskyFacts.any(facts), e.discountFacts.any(facts)
	if e.factAt == nil {
		unhappy, risky = anyHolds(e.unhappy, &p.slots), anyHolds(e.risky, &p.slots)
		discountOK = anyHolds(e.discount, &p.slots) || anyHolds(e.leaving, &p.slots)
	}
	if unhappy && !needGone {
		for j, a := range [...]int{e.ask, e.fix} {
			if a >= 0 {
				p.blocked[a/64] &^= 1 << (a % 64)
				p.raise(a, repairBoost-float64(j), ref{refGuard, guardDissatisfied})
			}
		}
	}
	if risky && e.boundaries >= 0 {
		p.raise(e.boundaries, boundariesBoost, ref{refGuard, guardRisk})
	}
	// The guards that apply to this customer, as a set of guardBits: an
	// action is guarded against when its own guard bits (see
	// Engine.guardOf) meet them.
	active := uint8(0)
	if !discountOK {
		active |= guardsDiscount
	}
	if risky {
		active |= guardsRiskCost
	}
	if needGone {
		active |= guardsNeedGone
	}

	// An action scores above 0 exactly when it was raised (weights and
	// boosts are positive), so the guards and the rank look at the raised
	// actions only, in catalogue order as a walk of the whole catalogue
	// would. One pass does both: an action a guard blocks goes to Avoid,
	// the others into the rank. A playbook takes at most MaxActions of
	// them, and at most the contact cap of those that contact the
	// customer, so the rank keeps two short lists, best first, catalogue
	// order on ties (stable and deterministic): the best MaxActions
	// actions that do not contact the customer, and the best contacting
	// ones up to the cap and one more, which is enough to tell whether
	// the cap cut one. Inserting into a short list is a few comparisons
	// where sorting every raised action (twenty or thirty) cost a
	// thousand instructions, mispredicted a dozen times.
	pb.ContactsPerMonth = e.contactCap(facts, &p.slots)
	quiet := rank{limit: e.cfg.MaxActions}
	calls := rank{limit: min(pb.ContactsPerMonth, e.cfg.MaxActions) + 1}
	for w := range (len(score) + 63) / 64 {
		for set := p.candidates(w); set != 0; set &= set - 1 {
			a := w*64 + bits.TrailingZeros64(set)
			if !(score[a] > 0) {
				continue
			}
			if g := e.guardOf[a] & active; g != 0 {
				// The first that applies, in the order of guardBits.
				p.block(a)
				p.avoidGuarded(a, guardByBit[bits.TrailingZeros8(g)])
				continue
			}
			if e.contacts[w]&(1<<(a%64)) != 0 {
				calls.insert(uint8(a), score)
			} else {
				quiet.insert(uint8(a), score)
			}
		}
	}
	var chosen [maxPlanLength]uint8
	n, capped := pick(&quiet, &calls, score, pb.ContactsPerMonth, chosen[:e.cfg.MaxActions])
	if capped {
		p.avoidGuard(-1, guardContactCap)
	}
	// Grown once and written in place: an append per action tested the
	// capacity each time.
	pb.Actions = slices.Grow(pb.Actions, n)[:n]
	for i, a := range chosen[:n] {
		pl := &pb.Actions[i]
		pl.Action, pl.Score, pl.reasons = &e.actions[a], score[a], p.why[a]
	}

	pb.Tone, pb.Format, pb.Framing, pb.Lever = tone(c), format(c), framing(c), lever(c)
	if ch := c.Perception.Primary; ch != 0 && int(ch) < len(perceptionAvoid) && perceptionAvoid[ch].why.EN != "" {
		pb.Avoid = append(pb.Avoid, perceptionAvoid[ch])
	}

	switch {
	case needGone:
		pb.Objective = Objective{Kind: PartWell}
		p.avoidGuard(-1, guardNeedGone)
	case unhappy:
		pb.Objective = Objective{Kind: Resolve}
	default:
		pb.Objective = Objective{Kind: NextRung, Step: c.Next}
	}
	pb.RetentionBudget = e.budget(c, risky, needGone)
}

// rank is a list of the best actions so far, at most limit long, best
// first: actions inserted in catalogue order keep it on ties.
type rank struct {
	order    [maxPlanLength + 1]uint8
	n, limit int
}

// insert puts action a into the list by its score, if it makes the cut.
func (r *rank) insert(a uint8, score []float64) {
	s := score[a]
	j := r.n
	if j == r.limit {
		if !(score[r.order[j-1]] < s) {
			return
		}
		j-- // the last drops out
	} else {
		r.n++
	}
	for j > 0 && score[r.order[j-1]] < s {
		r.order[j] = r.order[j-1]
		j--
	}
	r.order[j] = a
}

// pick merges the two ranks of a plan, the actions that do not contact
// the customer and those that do, into out, best first, taking at most
// contactCap contacting ones; capped reports whether the cap left one out
// before out was full.
func pick(quiet, calls *rank, score []float64, contactCap int, out []uint8) (n int, capped bool) {
	contacts := 0
	for q, c := 0, 0; n < len(out) && (q < quiet.n || c < calls.n); {
		if q < quiet.n && (c == calls.n || before(quiet.order[q], calls.order[c], score)) {
			out[n] = quiet.order[q]
			q++
			n++
			continue
		}
		if contacts == contactCap {
			// Every later contacting one is left out too.
			capped = true
			c = calls.n
			continue
		}
		out[n] = calls.order[c]
		c++
		n++
		contacts++
	}
	return n, capped
}

// before reports whether action a ranks before action b: a higher score,
// or on a tie the earlier in the catalogue.
func before(a, b uint8, score []float64) bool {
	return score[a] > score[b] || score[a] == score[b] && a < b
}

// visitLabels sets in visit the entries of the label index that the
// labels in slots lead to (see Engine.visits), and returns the facts that
// hold (see facts.go; 0 when the engine has no factAt).
func (e *Engine) visitLabels(visit *[MaxRules / 64]uint64, slots *[numTypologies]slot) (facts uint64) {
	if e.visits4 != nil { // the usual index, of at most 256 entries
		return visitLabels4(e.visits4, visit, slots)
	}
	or := func(k int) {
		if e.factAt != nil {
			facts |= e.factAt[k]
		}
		from := k * e.words
		for w, v := range e.visits[from : from+e.words] {
			visit[w] |= v
		}
	}
	for t := Behavior; t < numTypologies; t++ {
		s := &slots[t]
		k := int(t) * segment.MaxLabels
		if s.primary < segment.MaxLabels {
			or((k+int(s.primary))*3 + 0)
		}
		if s.secondary < segment.MaxLabels {
			or((k+int(s.secondary))*3 + 1)
		}
		for tags := s.tags &^ 1; tags != 0; tags &= tags - 1 { // the unknown label never matches
			or((k+bits.TrailingZeros32(tags))*3 + 2)
		}
	}
	return facts
}

// visitLabels4 is visitLabels for an index with visits4: the same walk,
// without testing for each label which kind of index the engine has.
func visitLabels4(visits4 [][5]uint64, visit *[MaxRules / 64]uint64, slots *[numTypologies]slot) (facts uint64) {
	or := func(k int) {
		v := &visits4[k]
		visit[0] |= v[0]
		visit[1] |= v[1]
		visit[2] |= v[2]
		visit[3] |= v[3]
		facts |= v[4]
	}
	for t := Behavior; t < numTypologies; t++ {
		s := &slots[t]
		k := int(t) * segment.MaxLabels
		if s.primary < segment.MaxLabels {
			or((k+int(s.primary))*3 + 0)
		}
		if s.secondary < segment.MaxLabels {
			or((k+int(s.secondary))*3 + 1)
		}
		for tags := s.tags &^ 1; tags != 0; tags &= tags - 1 { // the unknown label never matches
			or((k+bits.TrailingZeros32(tags))*3 + 2)
		}
	}
	return facts
}

// holdApart tests the matches of c one by one, for an engine without
// facts.
func (c *condition) holdApart(slots *[numTypologies]slot) bool { return allHold(c.when, slots) }

func anyHolds(ms []match, slots *[numTypologies]slot) bool {
	for _, m := range ms {
		if m.holds(slots) {
			return true
		}
	}
	return false
}

// contactCap is the guard's cap, lowered by the first matching cap rules.
func (e *Engine) contactCap(facts uint64, slots *[numTypologies]slot) int {
	limit := e.cfg.Guards.ContactsPerMonth
	if e.factAt == nil {
		for i := range e.caps {
			if cr := &e.caps[i]; cr.holdApart(slots) && cr.perMonth < limit {
				limit = cr.perMonth
			}
		}
		return limit
	}
	for i := range e.caps {
		if cr := &e.caps[i]; cr.facts.all(facts) && cr.perMonth < limit {
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
	tones           = adviceTexts(disc.Styles, func(s disc.Style) Text2 { a := s.Traits().Approach; return Text2{EN: a.EN, RU: a.RU} })
	formats         = adviceTexts(perception.Channels, func(ch perception.Channel) Text2 { a := ch.Advice(); return Text2{EN: a.EN, RU: a.RU} })
	perceptionAvoid = func() []Avoid {
		out := make([]Avoid, perception.Channels.Len())
		for _, ch := range perception.Channels.Values() {
			a := ch.Advice()
			out[ch] = Avoid{Rule: "perception." + ch.String(), why: Text2{EN: a.AvoidEN, RU: a.AvoidRU}}
		}
		return out
	}()
)

func adviceTexts[L ~uint8](e *segment.Enum[L], text func(L) Text2) []Text2 {
	out := make([]Text2, e.Len())
	for _, l := range e.Values() {
		out[l] = text(l)
	}
	return out
}

// The advice a playbook gets per label, built once: index 0 (unknown) is
// the typology's empty advice.
var (
	toneAdvice    = adviceTable(DISC, tones, disc.Style.String)
	formatAdvice  = adviceTable(Perception, formats, perception.Channel.String)
	framingAdvice = adviceTable(Decision, framings[:], decision.Style.String)
	leverAdvice   = adviceTable(Loyalty, levers[:], loyalty.Kind.String)
)

func adviceTable[L ~uint8](t Typology, texts []Text2, name func(L) string) []Advice {
	out := make([]Advice, len(texts))
	out[0] = Advice{Typology: t}
	for l := 1; l < len(texts); l++ {
		out[l] = Advice{Typology: t, Label: name(L(l)), text: texts[l], json: &[2][]byte{
			jsonw.AppendString(nil, texts[l].In(segment.English)),
			jsonw.AppendString(nil, texts[l].In(segment.Russian)),
		}}
	}
	return out
}

// adviceOf returns the advice for label l from its table.
func adviceOf[L ~uint8](t Typology, table []Advice, l L) Advice {
	if int(l) < len(table) {
		return table[l]
	}
	return Advice{Typology: t}
}

// tone comes from the DISC style's approach.
func tone(c *Classification) Advice { return adviceOf(DISC, toneAdvice, c.DISC.Primary) }

// format comes from the perception channel's advice.
func format(c *Classification) Advice {
	return adviceOf(Perception, formatAdvice, c.Perception.Primary)
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
func framing(c *Classification) Advice { return adviceOf(Decision, framingAdvice, c.Decision.Primary) }

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
func lever(c *Classification) Advice { return adviceOf(Loyalty, leverAdvice, c.Loyalty.Primary) }
