package strategy

import (
	"slices"
	"testing"
)

// The pass over the candidates adds a guarded action to Avoid without
// looking for it there first, but for the repair actions (see
// avoidGuarded); the search it skips would only ever drop a duplicate.
// So no playbook may list an action under a rule twice: checked for the
// default rules and for rules that put a repair action on the list twice
// if nothing stops it (a conflict named like the discount guard
// suppresses a raised repair action that is a discount, which the
// dissatisfied guard then puts back and the discount guard blocks).
func TestAvoidListsNoActionTwice(t *testing.T) {
	base, cs, def := sampleFitted(t)
	cfg := Defaults()
	i := slices.IndexFunc(cfg.Actions, func(a Action) bool { return a.ID == "ask_what_went_wrong" })
	cfg.Actions = slices.Clone(cfg.Actions)
	cfg.Actions[i].Discount = true
	always := []Match{{Typology: "sabone", Label: "budget", Not: true}}
	cfg.Guards.Dissatisfied = append(cfg.Guards.Dissatisfied, always...)
	cfg.Guards.DiscountFor = nil
	cfg.Guards.Leaving = nil
	cfg.Patch.AddTreatments = []Treatment{{ID: "test.ask", When: always, Action: "ask_what_went_wrong", Weight: 1}}
	cfg.Patch.AddConflicts = []Conflict{{
		ID: guards[guardDiscount].id, When: always, Suppress: []string{"ask_what_went_wrong"},
		Why: Text2{EN: "a test", RU: "тест"},
	}}
	twice, err := New(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*Engine{"default": def, "repair guarded twice": twice} {
		t.Run(name, func(t *testing.T) {
			var c Classification
			var pb Playbook
			guardedAsk := 0
			for i := range base {
				cs.Classify(&base[i], &c)
				e.PlanInto(&c, &pb)
				seen := map[Avoid]bool{}
				for _, v := range pb.Avoid {
					key := Avoid{Action: v.Action, Rule: v.Rule}
					if seen[key] {
						t.Fatalf("customer %d: %s under %s twice in %+v", i, v.Action, v.Rule, pb.Avoid)
					}
					seen[key] = true
				}
				if seen[Avoid{Action: "ask_what_went_wrong", Rule: guards[guardDiscount].id}] {
					guardedAsk++
				}
			}
			if e == twice && guardedAsk == 0 {
				t.Fatal("no customer had the repair action suppressed and guarded: the test tests nothing")
			}
		})
	}
}
