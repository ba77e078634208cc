package ladder_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// ClassifyNext, one evaluation, gives exactly what Classify and Next give
// with two: on generated and extreme profiles and the sample shop, under
// the default and a strict configuration.
func TestClassifyNextIsClassifyAndNext(t *testing.T) {
	ps, err := sample.Profiles()
	require.NoError(t, err)
	profiles := append(append(segmenttest.Random(3000, 31), segmenttest.Extremes()...), ps...)
	strict := ladder.Defaults()
	strict.AdvocateReferrals, strict.RegularOccasions, strict.LapsedDays = 3, 5, 30
	rungs := map[ladder.Rung]int{}
	for _, cfg := range []*ladder.Config{nil, &strict} {
		c := mustNew(t, cfg)
		for i := range profiles {
			p := &profiles[i]
			r, st := c.ClassifyNext(p)
			require.Equal(t, c.Classify(p), r, p.ID)
			require.Equal(t, c.Next(p), st, p.ID)
			rungs[r.Primary]++
		}
	}
	// Every rung, and so every kind of step, was checked.
	for _, r := range ladder.Rungs.Values() {
		require.NotZero(t, rungs[r], "no profile on rung %s", r)
	}
}

func TestClassifyNextDoesNotAllocate(t *testing.T) {
	c := mustNew(t, nil)
	for name, p := range recipes {
		if n := testing.AllocsPerRun(100, func() { _, _ = c.ClassifyNext(&p) }); n != 0 {
			t.Errorf("ClassifyNext(%s) allocates %v times", name, n)
		}
	}
}

// BenchmarkClassifyNext is the rung and the next step together, as the
// playbook needs them.
func BenchmarkClassifyNext(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(2, 100, 20, nil)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.ClassifyNext(&p)
	}
}
