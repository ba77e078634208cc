package strategy_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

func sampleProfiles(t testing.TB) []segment.Profile {
	t.Helper()
	ps, err := sample.Profiles()
	require.NoError(t, err)
	return ps
}

// sampleSetUp returns the sample's profiles, the typologies fitted to
// them and the default playbook engine.
func sampleSetUp(t testing.TB) ([]segment.Profile, *strategy.Classifiers, *strategy.Engine) {
	t.Helper()
	base := sampleProfiles(t)
	cs, err := strategy.Fit(base, nil)
	require.NoError(t, err)
	e, err := strategy.New(nil)
	require.NoError(t, err)
	return base, cs, e
}

// The bundle gives, field by field, what each typology's own classifier
// gives, fitted to the same base.
func TestClassifiersMatchTheTypologies(t *testing.T) {
	base := sampleProfiles(t)
	cs, err := strategy.Fit(base, nil)
	require.NoError(t, err)

	model, _, err := rfm.Fit(base, nil)
	require.NoError(t, err)
	r, err := rfm.New(model, nil)
	require.NoError(t, err)
	b, err := behavior.New(nil)
	require.NoError(t, err)
	b = b.Fit(base)
	l, err := ladder.New(nil)
	require.NoError(t, err)
	d, err := disc.New(nil)
	require.NoError(t, err)

	var c strategy.Classification
	c.Value = segment.Some(123.0)
	for i := range base {
		p := &base[i]
		cs.Classify(p, &c)
		require.Same(t, p, c.Profile)
		require.Equal(t, r.Classify(p), c.RFM, p.ID)
		require.Equal(t, r.Code(p), c.RFMCode, p.ID)
		require.Equal(t, b.Classify(p), c.Segment, p.ID)
		require.Equal(t, l.Classify(p), c.Rung, p.ID)
		require.Equal(t, l.Next(p), c.Next, p.ID)
		require.Equal(t, d.Classify(p), c.DISC, p.ID)
		require.Equal(t, segment.Some(123.0), c.Value, "Classify keeps the value")
	}
	require.Equal(t, b.Cuts(), cs.Behavior.Cuts())
	require.Equal(t, model, cs.RFM.Model())
}

// A base read one profile at a time (the ledger's Each reuses one
// profile) fits the same classifiers as the slice.
func TestFitterStreamsTheLedger(t *testing.T) {
	l, err := sample.Ledger()
	require.NoError(t, err)
	f, err := strategy.NewFitter(nil)
	require.NoError(t, err)
	var addErr error
	l.Each(sample.AsOf, func(p *segment.Profile) bool {
		addErr = f.Add(p)
		return addErr == nil
	})
	require.NoError(t, addErr)
	streamed, err := f.Fit()
	require.NoError(t, err)
	whole, err := strategy.Fit(sampleProfiles(t), nil)
	require.NoError(t, err)
	require.Equal(t, whole.Behavior.Cuts(), streamed.Behavior.Cuts())
	require.Equal(t, whole.RFM.Model(), streamed.RFM.Model())
}

// The zero Classifiers classifies nothing, and nil fields leave their
// typology Unknown.
func TestZeroClassifiers(t *testing.T) {
	base := sampleProfiles(t)
	var c strategy.Classification
	(&strategy.Classifiers{}).Classify(&base[0], &c)
	require.Equal(t, strategy.Classification{Profile: &base[0]}, c)

	cs, err := strategy.Fit(base, nil)
	require.NoError(t, err)
	cs.DISC = nil
	cs.Classify(&base[0], &c)
	require.Zero(t, c.DISC)
	require.NotZero(t, c.RFM.Primary)
}

func TestFitErrors(t *testing.T) {
	_, err := strategy.NewFitter(&strategy.Settings{Ladder: &ladder.Config{RegularOccasions: -1}})
	require.Error(t, err)
	require.True(t, strings.HasPrefix(err.Error(), "rung settings: "), err.Error())
	var fe *segment.FieldError
	require.True(t, errors.As(err, &fe), "%T", err)

	_, err = strategy.Fit(nil, nil)
	require.ErrorContains(t, err, "empty")

	bad := sampleProfiles(t)[:3]
	bad[1].Revenue = math.Inf(1)
	_, err = strategy.Fit(bad, nil)
	require.ErrorContains(t, err, bad[1].ID)
}

// All typologies and the playbook together, per customer, allocate
// nothing.
func TestClassifyAndPlanDoNotAllocate(t *testing.T) {
	base, cs, e := sampleSetUp(t)
	var c strategy.Classification
	var pb strategy.Playbook
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		cs.Classify(&base[i%len(base)], &c)
		e.PlanInto(&c, &pb)
		i++
	})
	require.Zero(t, allocs)
}

// BenchmarkClassifyAndPlan is the DESIGN target "all typologies plus the
// playbook under 1 microsecond", over the sample's customers.
func BenchmarkClassifyAndPlan(b *testing.B) {
	base, cs, e := sampleSetUp(b)
	var c strategy.Classification
	var pb strategy.Playbook
	b.ReportAllocs()
	i := 0
	report := strategy.CPUPerOp(b)
	for b.Loop() {
		cs.Classify(&base[i%len(base)], &c)
		e.PlanInto(&c, &pb)
		i++
	}
	report()
}

// BenchmarkClassifyAndPlanGrouped is BenchmarkClassifyAndPlan as
// segment/batch's workers run a stage that classifies and a take that
// plans (WriteView, ReduceView): sixteen customers classified, then their
// sixteen playbooks planned, so that each part's code and tables stay
// warm in the core. ns/op is still per customer.
func BenchmarkClassifyAndPlanGrouped(b *testing.B) {
	base, cs, e := sampleSetUp(b)
	const group = 16 // segment/batch's
	var cls [group]strategy.Classification
	var pb strategy.Playbook
	b.ReportAllocs()
	i := 0
	report := strategy.CPUPerOp(b)
	for b.Loop() {
		j := i % group
		if j == 0 {
			for k := range cls {
				cs.Classify(&base[(i+k)%len(base)], &cls[k])
			}
		}
		e.PlanInto(&cls[j], &pb)
		i++
	}
	report()
}

// BenchmarkClassifyAll is every typology without the playbook.
func BenchmarkClassifyAll(b *testing.B) { classifyAll(b, sampleProfiles(b)) }

// classifyAll runs every typology over base, fitted to it.
func classifyAll(b *testing.B, base []segment.Profile) {
	cs, err := strategy.Fit(base, nil)
	require.NoError(b, err)
	var c strategy.Classification
	b.ReportAllocs()
	i := 0
	report := strategy.CPUPerOp(b)
	for b.Loop() {
		cs.Classify(&base[i%len(base)], &c)
		i++
	}
	report()
}

// BenchmarkClassifyEach is each typology alone over the sample's varied
// customers (the typologies' own benchmarks use one profile each), so the
// share of each in BenchmarkClassifyAll shows.
func BenchmarkClassifyEach(b *testing.B) { classifyEach(b, sampleProfiles(b)) }

// classifyEach runs each typology alone over base, a sub-benchmark each.
func classifyEach(b *testing.B, base []segment.Profile) {
	cs, err := strategy.Fit(base, nil)
	require.NoError(b, err)
	run := func(name string, classify func(p *segment.Profile)) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			report := strategy.CPUPerOp(b)
			for b.Loop() {
				classify(&base[i%len(base)])
				i++
			}
			report()
		})
	}
	run("behavior", func(p *segment.Profile) { _ = cs.Behavior.Classify(p) })
	run("rfm", func(p *segment.Profile) { _ = cs.RFM.Classify(p) })
	run("ladder", func(p *segment.Profile) { _, _ = cs.Ladder.ClassifyNext(p) })
	run("disc", func(p *segment.Profile) { _ = cs.DISC.Classify(p) })
	run("sabone", func(p *segment.Profile) { _ = cs.SABONE.Classify(p) })
	run("perception", func(p *segment.Profile) { _ = cs.Perception.Classify(p) })
	run("decision", func(p *segment.Profile) { _ = cs.Decision.Classify(p) })
	run("loyalty", func(p *segment.Profile) { _ = cs.Loyalty.Classify(p) })
}

// BenchmarkPlanSample is the playbook alone over the sample's customers,
// classified beforehand: BenchmarkPlan plans one rich classification
// again and again, which the branch predictor learns by heart.
func BenchmarkPlanSample(b *testing.B) {
	base, cs, e := sampleSetUp(b)
	cls := make([]strategy.Classification, len(base))
	for i := range base {
		cs.Classify(&base[i], &cls[i])
	}
	var pb strategy.Playbook
	b.ReportAllocs()
	i := 0
	report := strategy.CPUPerOp(b)
	for b.Loop() {
		e.PlanInto(&cls[i%len(cls)], &pb)
		i++
	}
	report()
}
