package main

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// sampleProfiles loads the sample files as one process does.
func sampleProfiles(t *testing.T) []segment.Profile {
	t.Helper()
	l := loadSample(t)
	base, _ := l.Profiles(segment.Date{})
	return base
}

// fitFn, driven as a runner drives a CombineFn (profiles and accumulators
// encoded with the pipeline's coders between steps, the shards merged in
// any order), extracts the model one process fits. The prism run of the
// whole pipeline puts every profile in one bundle, so this is where the
// merging is tested end to end.
func TestFitFnMergesLikeARunner(t *testing.T) {
	base := sampleProfiles(t)
	whole, err := strategy.Fit(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	fn := &fitFn{}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, k := range []int{1, 3, 7} {
		shards := make([]*strategy.Accumulator, k)
		for i := range shards {
			shards[i] = fn.CreateAccumulator()
		}
		for i := range base {
			data, err := encodeProfile(base[i])
			if err != nil {
				t.Fatal(err)
			}
			p, err := decodeProfile(data)
			if err != nil {
				t.Fatal(err)
			}
			j := rng.IntN(k)
			if shards[j], err = fn.AddInput(shards[j], p); err != nil {
				t.Fatal(err)
			}
		}
		for name, order := range map[string]func(i int) int{
			"forward": func(i int) int { return i },
			"reverse": func(i int) int { return k - 1 - i },
		} {
			merged := fn.CreateAccumulator()
			for i := range k {
				data, err := encodeAccumulator(shards[order(i)])
				if err != nil {
					t.Fatal(err)
				}
				a, err := decodeAccumulator(data)
				if err != nil {
					t.Fatal(err)
				}
				if merged, err = fn.MergeAccumulators(merged, a); err != nil {
					t.Fatal(err)
				}
			}
			m, err := fn.ExtractOutput(merged)
			if err != nil {
				t.Fatal(err)
			}
			data, err := encodeModel(m)
			if err != nil {
				t.Fatal(err)
			}
			if m, err = decodeModel(data); err != nil {
				t.Fatal(err)
			}
			if m.RFM != whole.RFM.Model() || m.Behavior != whole.Behavior.Cuts() {
				t.Errorf("k=%d %s: model\n%+v\nwant RFM %+v\nbehaviour %+v", k, name, m, whole.RFM.Model(), whole.Behavior.Cuts())
			}
		}
	}
}
