package strategy

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/internal/junk"
)

// The planner ranks the raised actions in two short lists and merges
// them (rank, pick); that is the same as sorting every raised action by
// score, catalogue order on ties, and walking the sort as a playbook
// does: stop when it is full, skip the contacting actions past the cap
// and say that one was skipped. Checked on random scores with many ties,
// every plan length and caps from 0 to beyond it.
func TestPickIsSortAndWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20000 {
		n := 1 + rng.IntN(60)
		score := make([]float64, n)
		contact := make([]bool, n)
		for a := range score {
			score[a] = float64(1 + rng.IntN(6)) // few values: ties
			if rng.IntN(3) == 0 {
				score[a] += rng.Float64()
			}
			contact[a] = rng.IntN(2) == 0
		}
		raised := rng.Perm(n)[:rng.IntN(n+1)] // the actions in the running
		slices.Sort(raised)                   // in catalogue order
		max := 1 + rng.IntN(maxPlanLength)
		contactCap := rng.IntN(max + 3)

		quiet := rank{limit: max}
		calls := rank{limit: min(contactCap, max) + 1}
		for _, a := range raised {
			if contact[a] {
				calls.insert(uint8(a), score)
			} else {
				quiet.insert(uint8(a), score)
			}
		}
		out := make([]uint8, max)
		k, capped := pick(&quiet, &calls, score, contactCap, out)

		want, wantCapped := sortAndWalk(raised, score, contact, max, contactCap)
		if !slices.Equal(out[:k], want) || capped != wantCapped {
			t.Fatalf("scores %v contact %v raised %v max %d cap %d:\npick %v capped %v\nwant %v capped %v",
				score, contact, raised, max, contactCap, out[:k], capped, want, wantCapped)
		}
	}
}

// sortAndWalk is the rank as the planner first did it: every raised
// action sorted, then walked.
func sortAndWalk(raised []int, score []float64, contact []bool, max, contactCap int) (plan []uint8, capped bool) {
	order := slices.Clone(raised)
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return 0
	})
	contacts := 0
	for _, a := range order {
		if len(plan) == max {
			break
		}
		if contact[a] {
			if contacts == contactCap {
				capped = true
				continue
			}
			contacts++
		}
		plan = append(plan, uint8(a))
	}
	return plan, capped
}

// PlanInto leaves nothing of the playbook it reuses: every field,
// filled with junk first (whatever fields a Playbook gains), comes out as
// in a fresh playbook.
func TestPlanIntoOverwritesEveryField(t *testing.T) {
	base, cs, e := sampleFitted(t)
	var c Classification
	for i := range len(base) + 1 {
		if i < len(base) {
			cs.Classify(&base[i], &c)
		} else {
			c.Profile = nil // a classification without its profile
		}
		var pb Playbook
		junk.Fill(&pb)
		e.PlanInto(&c, &pb)
		// A reused slice is empty where a fresh one is nil: the same.
		if len(pb.Actions) == 0 {
			pb.Actions = nil
		}
		if len(pb.Avoid) == 0 {
			pb.Avoid = nil
		}
		if want := e.Plan(&c); !reflect.DeepEqual(&pb, want) {
			t.Fatalf("case %d: reused playbook\n%+v\nfresh\n%+v", i, pb, *want)
		}
	}
}
