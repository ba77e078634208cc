package strategy

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/clientele-go/clientele/segment"
)

// Engine turns a [Classification] into a [Playbook]. It is compiled once
// from a [Config], is immutable, and is safe for concurrent use.
type Engine struct {
	cfg        Config
	actions    []Action
	byID       map[string]int
	treatments []treatment
	conflicts  []conflict
	caps       []capRule
	discount   []match // any holds: a budget buyer
	leaving    []match
	risky      []match
	unhappy    []match
	ask, fix   int // catalogue indices of the repair actions (-1 if removed)
	boundaries int // index of set_boundaries (-1 if removed)

	// byLabel indexes treatments by the label of their first positive
	// match, so planning looks only at treatments that can fire: entry k
	// (typology × MaxLabels + label) is labelled[byLabel[k]:byLabel[k+1]],
	// in configuration order, one flat array the planner walks in order;
	// unindexed are those with negated matches only.
	byLabel   [int(numTypologies)*segment.MaxLabels + 1]uint16
	labelled  []indexed
	unindexed []uint16
	// visits says which entries of labelled a label leads to, by where
	// it sits: for label l of typology t at position pos (0 primary, 1
	// secondary, 2 a tag), the set of entry indices is the words
	// visits[((t×MaxLabels+l)×3+pos)×words:][:words]. An entry is in it
	// when its single match holds at pos, and, with more matches (tested
	// in full), at every pos. A customer's entries to visit are then the
	// union of a few sets, walked in index order, which is the order of
	// labelled, with no loop per label whose length varies from customer
	// to customer.
	visits []uint64
	words  int
	// visits4 is visits for a label index of at most 256 entries (the
	// default has 145), one fixed-size set per label and position, which
	// the planner ors without a loop, and in a fifth word factAt's facts
	// for the label and position (0 without factAt), read in the same
	// load.
	visits4 [][5]uint64

	// factAt, unhappyFacts, riskyFacts, discountFacts and the facts of
	// conflicts and caps are the rules' matches as bit sets (see
	// facts.go); factAt is nil when they do not fit.
	factAt                                  []uint64
	unhappyFacts, riskyFacts, discountFacts factSet

	// json holds the playbooks' JSON pieces per language (see jsonParts),
	// behind a pointer so that the engine stays a plain value.
	json *[2]jsonParts

	guardOf  []uint8                 // per action, the guards that would block it (guardBits)
	contacts [MaxActions / 64]uint64 // the actions that contact the customer (Action.Contact)
}

// indexed is a treatment in the label index, with what the planner needs
// to fire one that has a single match without looking at its rule.
type indexed struct {
	weight    float64
	treatment uint16
	action    uint8
	typology  Typology // of the match it is indexed by
	// at is where the label must sit in the result for the treatment's
	// only match to hold (atPrimary, atSecondary, atTag, or any of them);
	// 0 when the treatment has more matches, which are tested in full.
	at uint8
}

type treatment struct {
	id     string
	when   []match
	action int
	weight float64
}

type conflict struct {
	id string
	condition
	suppress []int
	boost    []boost
	why      Text2
}

type boost struct {
	action int
	weight float64
}

type capRule struct {
	condition
	perMonth int
}

// condition is the matches of a conflict or cap rule, all of which must
// hold, also as facts (see facts.go).
type condition struct {
	when  []match
	facts factSet
}

// New compiles cfg (nil means [Defaults]) into an engine, or returns every
// problem found, each naming the rule and the field: unknown actions,
// typologies or labels, duplicate ids, weights out of range, oversized
// rule sets.
func New(cfg *Config) (*Engine, error) {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	fill(&c)
	if err := applyPatch(&c); err != nil {
		return nil, fmt.Errorf("strategy: %w", err)
	}
	if err := segment.CheckRanges("strategy config", &c); err != nil {
		return nil, fmt.Errorf("strategy: %w", err)
	}
	e := &Engine{cfg: c, actions: c.Actions, json: new([2]jsonParts)}
	var errs []error
	if len(c.Actions) > MaxActions {
		errs = append(errs, fmt.Errorf("%d actions, the limit is %d", len(c.Actions), MaxActions))
	}
	if len(c.Treatments)+len(c.Conflicts) > MaxRules {
		errs = append(errs, fmt.Errorf("%d rules, the limit is %d", len(c.Treatments)+len(c.Conflicts), MaxRules))
	}
	if err := validateActions(c.Actions); err != nil {
		errs = append(errs, err)
	}
	e.byID = make(map[string]int, len(c.Actions))
	for i, a := range c.Actions {
		e.byID[a.ID] = i
	}
	action := func(rec, field, id string) int {
		i, ok := e.byID[id]
		if !ok {
			errs = append(errs, &segment.FieldError{Record: rec, Field: field, Value: id, Err: errors.New("no such action in the catalogue")})
			return -1
		}
		return i
	}
	ids := map[string]string{}
	uniqueID := func(rec, id string) {
		if !idPattern.MatchString(id) {
			errs = append(errs, &segment.FieldError{Record: rec, Field: "id", Value: id, Err: errors.New("want lower case letters, digits, _ and dots")})
		}
		if prev, dup := ids[id]; dup {
			errs = append(errs, &segment.FieldError{Record: rec, Field: "id", Value: id, Err: fmt.Errorf("also the id of %s", prev)})
		}
		ids[id] = rec
	}
	for i, t := range c.Treatments {
		rec := fmt.Sprintf("treatments[%d]", i)
		uniqueID(rec, t.ID)
		when, err := compileMatches(rec, t.When)
		if err != nil {
			errs = append(errs, err)
		}
		if err := checkWeight(rec, "weight", t.Weight); err != nil {
			errs = append(errs, err)
		}
		e.treatments = append(e.treatments, treatment{id: t.ID, when: when, action: action(rec, "action", t.Action), weight: t.Weight})
	}
	for i, k := range c.Conflicts {
		rec := fmt.Sprintf("conflicts[%d]", i)
		uniqueID(rec, k.ID)
		when, err := compileMatches(rec, k.When)
		if err != nil {
			errs = append(errs, err)
		}
		if k.Why.EN == "" || k.Why.RU == "" {
			errs = append(errs, &segment.FieldError{Record: rec, Field: "why", Err: errors.New("needs an English and a Russian reason")})
		}
		if len(k.Suppress) == 0 && len(k.Boost) == 0 {
			errs = append(errs, &segment.FieldError{Record: rec, Field: "suppress", Err: errors.New("a conflict rule must suppress or boost something")})
		}
		cf := conflict{id: k.ID, condition: condition{when: when}, why: k.Why}
		for j, id := range k.Suppress {
			cf.suppress = append(cf.suppress, action(rec, fmt.Sprintf("suppress[%d]", j), id))
		}
		for _, id := range slices.Sorted(maps.Keys(k.Boost)) {
			w := k.Boost[id]
			if err := checkWeight(rec, "boost."+id, w); err != nil {
				errs = append(errs, err)
			}
			cf.boost = append(cf.boost, boost{action: action(rec, "boost."+id, id), weight: w})
		}
		e.conflicts = append(e.conflicts, cf)
	}
	g := &c.Guards
	for i, cr := range g.Caps {
		rec := fmt.Sprintf("guards.caps[%d]", i)
		when, err := compileMatches(rec, cr.When)
		if err != nil {
			errs = append(errs, err)
		}
		if cr.PerMonth < 0 || cr.PerMonth > maxContacts {
			errs = append(errs, &segment.FieldError{Record: rec, Field: "per_month", Value: fmt.Sprint(cr.PerMonth), Err: segment.ErrRange})
		}
		e.caps = append(e.caps, capRule{condition: condition{when: when}, perMonth: cr.PerMonth})
	}
	for _, list := range []struct {
		name string
		in   []Match
		out  *[]match
	}{
		{"guards.discount_for", g.DiscountFor, &e.discount},
		{"guards.leaving", g.Leaving, &e.leaving},
		{"guards.risky", g.Risky, &e.risky},
		{"guards.dissatisfied", g.Dissatisfied, &e.unhappy},
	} {
		if len(list.in) == 0 {
			continue // an empty list turns the guard off
		}
		// Each entry is an alternative: compile them one by one.
		for j, m := range list.in {
			ms, err := compileMatches(fmt.Sprintf("%s[%d]", list.name, j), []Match{m})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			*list.out = append(*list.out, ms[0])
		}
	}
	if !costs.Valid(g.RiskMaxCost) || g.RiskMaxCost == CostUnknown {
		errs = append(errs, &segment.FieldError{Record: "guards", Field: "risk_max_cost", Value: g.RiskMaxCost.String(), Err: segment.ErrRange})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("strategy: %w", err)
	}
	e.ask, e.fix, e.boundaries = e.actionIndex("ask_what_went_wrong"), e.actionIndex("apology_and_fix"), e.actionIndex("set_boundaries")
	e.index()
	e.indexFacts()
	e.guardOf = make([]uint8, len(e.actions))
	for i := range e.actions {
		e.guardOf[i] = guardBits(&e.actions[i], c.Guards.RiskMaxCost)
		if e.actions[i].Contact() {
			e.contacts[i/64] |= 1 << (i % 64)
		}
	}
	return e, nil
}

// index builds byLabel, labelled and unindexed.
func (e *Engine) index() {
	var lists [int(numTypologies) * segment.MaxLabels][]indexed
	for i, t := range e.treatments {
		j := slices.IndexFunc(t.when, func(m match) bool { return !m.not })
		if j < 0 {
			e.unindexed = append(e.unindexed, uint16(i))
			continue
		}
		m := t.when[j]
		x := indexed{weight: t.weight, treatment: uint16(i), action: uint8(t.action), typology: m.t}
		if len(t.when) == 1 {
			x.at = positions[m.on]
		}
		k := int(m.t)*segment.MaxLabels + int(m.label)
		lists[k] = append(lists[k], x)
	}
	for k, l := range lists {
		e.byLabel[k] = uint16(len(e.labelled))
		e.labelled = append(e.labelled, l...)
	}
	e.byLabel[len(lists)] = uint16(len(e.labelled))
	e.words = (len(e.labelled) + 63) / 64
	e.visits = make([]uint64, len(lists)*3*e.words)
	for k := range lists {
		for i := int(e.byLabel[k]); i < int(e.byLabel[k+1]); i++ {
			for pos, at := range [3]uint8{atPrimary, atSecondary, atTag} {
				if x := e.labelled[i].at; x == 0 || x&at != 0 {
					e.visits[(k*3+pos)*e.words+i/64] |= 1 << (i % 64)
				}
			}
		}
	}
	if e.words <= 4 {
		e.visits4 = make([][5]uint64, len(lists)*3)
		for j := range e.visits4 {
			copy(e.visits4[j][:], e.visits[j*e.words:(j+1)*e.words])
		}
	}
}

func (e *Engine) actionIndex(id string) int {
	if i, ok := e.byID[id]; ok {
		return i
	}
	return -1
}

// Config returns the configuration in use, defaults filled in and the patch
// applied (the returned Patch is empty).
func (e *Engine) Config() Config { return e.cfg }

// Actions returns the catalogue in use.
func (e *Engine) Actions() []Action { return slices.Clone(e.actions) }

// Action returns the catalogue entry with the id.
func (e *Engine) Action(id string) (*Action, bool) {
	i, ok := e.byID[id]
	if !ok {
		return nil, false
	}
	return &e.actions[i], true
}

// applyPatch applies c.Patch to the lists of c and clears it.
func applyPatch(c *Config) error {
	p := c.Patch
	if p.IsZero() {
		return nil
	}
	var errs []error
	remove := func(list string, ids []string, has func(string) bool) map[string]bool {
		out := make(map[string]bool, len(ids))
		for i, id := range ids {
			if !has(id) {
				errs = append(errs, &segment.FieldError{Record: "patch", Field: fmt.Sprintf("%s[%d]", list, i), Value: id, Err: errors.New("no such id")})
			}
			out[id] = true
		}
		return out
	}
	rmA := remove("remove_actions", p.RemoveActions, func(id string) bool {
		return slices.ContainsFunc(c.Actions, func(a Action) bool { return a.ID == id })
	})
	rmT := remove("remove_treatments", p.RemoveTreatments, func(id string) bool {
		return slices.ContainsFunc(c.Treatments, func(t Treatment) bool { return t.ID == id })
	})
	rmC := remove("remove_conflicts", p.RemoveConflicts, func(id string) bool {
		return slices.ContainsFunc(c.Conflicts, func(k Conflict) bool { return k.ID == id })
	})
	actions := slices.DeleteFunc(slices.Clone(c.Actions), func(a Action) bool { return rmA[a.ID] })
	c.Actions = append(actions, p.AddActions...)
	var treatments []Treatment
	for _, t := range c.Treatments {
		// Treatments of a removed action go with it.
		if rmT[t.ID] || rmA[t.Action] {
			continue
		}
		if w, ok := p.Reweight[t.ID]; ok {
			t.Weight = w
		}
		treatments = append(treatments, t)
	}
	for _, id := range slices.Sorted(maps.Keys(p.Reweight)) {
		if !slices.ContainsFunc(c.Treatments, func(t Treatment) bool { return t.ID == id }) {
			errs = append(errs, &segment.FieldError{Record: "patch", Field: "reweight." + id, Value: fmt.Sprint(p.Reweight[id]), Err: errors.New("no such treatment")})
		}
	}
	c.Treatments = append(treatments, p.AddTreatments...)
	var conflicts []Conflict
	for _, k := range c.Conflicts {
		if rmC[k.ID] {
			continue
		}
		k.Suppress = slices.DeleteFunc(slices.Clone(k.Suppress), func(id string) bool { return rmA[id] })
		if k.Boost != nil {
			b := maps.Clone(k.Boost)
			for id := range rmA {
				delete(b, id)
			}
			k.Boost = b
		}
		conflicts = append(conflicts, k)
	}
	c.Conflicts = append(conflicts, p.AddConflicts...)
	c.Patch = Patch{}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}
