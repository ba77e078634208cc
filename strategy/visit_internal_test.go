package strategy

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// The planner finds the treatments a customer's labels lead to through
// fixed-size sets when the label index has at most 256 entries, and
// through sets of any size otherwise. Both give the same playbook, every
// field and reason, for the sample's customers and for random labels in
// every position (labels out of range, as a user's classifier might
// return, lead nowhere).
func TestVisitLargeIsVisitSmall(t *testing.T) {
	small, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if small.visits4 == nil {
		t.Fatalf("the default index (%d entries) should take the fixed-size sets", len(small.labelled))
	}
	large := *small
	large.visits4 = nil

	requireSamePlans(t, small, &large)
}

// requireSamePlans plans for the sample's customers, then for them with
// random labels in every position (labels out of range too, as a user's
// classifier might return, and random confidences), with engines a and
// b, and fails unless every playbook is the same, every field and reason.
func requireSamePlans(t *testing.T, a, b *Engine) {
	t.Helper()
	base, cs, _ := sampleFitted(t)
	r := rand.New(rand.NewPCG(3, 4))
	label := func() uint8 {
		if r.IntN(20) == 0 {
			return uint8(32 + r.IntN(224)) // out of range
		}
		if r.IntN(2) == 0 {
			return uint8(r.IntN(8))
		}
		return uint8(r.IntN(32))
	}
	set := func() uint32 { a, b := r.Uint32(), r.Uint32(); return a & b } // sparse: a quarter of the bits
	var c Classification
	var pa, pb Playbook
	for i := range 4 * len(base) {
		p := &base[i%len(base)]
		cs.Classify(p, &c)
		if i >= len(base) {
			c.Segment.Primary = typeOf(c.Segment.Primary, label())
			c.Segment.Secondary = typeOf(c.Segment.Secondary, label())
			c.Segment.Tags = typeOf(c.Segment.Tags, set())
			c.RFM.Primary = typeOf(c.RFM.Primary, label())
			c.Rung.Primary = typeOf(c.Rung.Primary, label())
			c.DISC.Primary, c.DISC.Secondary = typeOf(c.DISC.Primary, label()), typeOf(c.DISC.Secondary, label())
			c.SABONE.Primary = typeOf(c.SABONE.Primary, label())
			c.SABONE.Tags = typeOf(c.SABONE.Tags, set())
			c.Perception.Primary = typeOf(c.Perception.Primary, label())
			c.Decision.Primary = typeOf(c.Decision.Primary, label())
			c.Loyalty.Primary, c.Loyalty.Secondary = typeOf(c.Loyalty.Primary, label()), typeOf(c.Loyalty.Secondary, label())
			if i%3 == 0 { // tags where the library's classifiers set none
				c.RFM.Tags, c.Rung.Tags = typeOf(c.RFM.Tags, set()), typeOf(c.Rung.Tags, set())
				c.DISC.Tags, c.Perception.Tags = typeOf(c.DISC.Tags, set()), typeOf(c.Perception.Tags, set())
				c.Decision.Tags, c.Loyalty.Tags = typeOf(c.Decision.Tags, set()), typeOf(c.Loyalty.Tags, set())
			}
			c.DISC.Confidence = r.Float32()
		}
		a.PlanInto(&c, &pa)
		b.PlanInto(&c, &pb)
		pa.engine, pb.engine = nil, nil
		if !reflect.DeepEqual(pa, pb) {
			t.Fatalf("customer %s, case %d: the playbooks differ:\n%+v\n%+v", p.ID, i, pa, pb)
		}
		if i == 0 && len(pa.Actions) == 0 {
			t.Fatal("no actions planned: the comparison would prove nothing")
		}
	}
}

// typeOf converts v to the type of its first argument, for filling the
// results of every typology from the same random numbers.
func typeOf[L ~uint8 | ~uint32, V uint8 | uint32](_ L, v V) L { return L(v) }
