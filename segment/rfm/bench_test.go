package rfm_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
)

// bigBase is a million customers shaped like a shop's: recency spread
// over three years, occasions skewed (about half buy once), revenue
// log-normal, one in ten a prospect. Built once per test binary.
var bigBase = sync.OnceValue(func() []segment.Profile {
	rng := rand.New(rand.NewPCG(42, 42))
	out := make([]segment.Profile, 1_000_000)
	for i := range out {
		id := "C" + strconv.Itoa(i)
		if rng.IntN(10) == 0 {
			out[i] = prospect(id)
			continue
		}
		occ := 1
		for occ < 200 && rng.IntN(100) < 55 {
			occ++
		}
		revenue := math.Round(float64(occ)*math.Exp(3.5+rng.NormFloat64())*100) / 100
		out[i] = customer(id, rng.IntN(1100), occ, revenue)
	}
	return out
})

func BenchmarkClassify(b *testing.B) {
	model, _, err := rfm.Fit(bigBase()[:10000], nil)
	if err != nil {
		b.Fatal(err)
	}
	c := mustClassifier(b, model, nil)
	p := customer("c", 45, 3, 120)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}

func BenchmarkCode(b *testing.B) {
	c := mustClassifier(b, handModel, nil)
	p := customer("c", 45, 3, 120)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Code(&p)
	}
}

// BenchmarkClassify1M classifies the million customers, one op per
// million.
func BenchmarkClassify1M(b *testing.B) {
	base := bigBase()
	model, _, err := rfm.Fit(base, nil)
	if err != nil {
		b.Fatal(err)
	}
	c := mustClassifier(b, model, nil)
	b.ReportAllocs()
	for b.Loop() {
		for i := range base {
			_ = c.Classify(&base[i])
		}
	}
}

func BenchmarkExplain(b *testing.B) {
	c := mustClassifier(b, handModel, nil)
	p := customer("c", 45, 3, 120)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Explain(&p)
	}
}

// BenchmarkFit1M fits the million customers: one op per million.
func BenchmarkFit1M(b *testing.B) {
	base := bigBase()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := rfm.Fit(base, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDistribution1M builds the exact, mergeable distribution of the
// million customers and fits from it (the sharded path).
func BenchmarkDistribution1M(b *testing.B) {
	base := bigBase()
	f, err := rfm.NewFitter(nil, len(base))
	if err != nil {
		b.Fatal(err)
	}
	for i := range base {
		if err := f.Add(&base[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := f.Distribution().Fit(nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileRules(b *testing.B) {
	rules, err := rfm.ParseRules([]byte(rPackageRules))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Compile(); err != nil {
			b.Fatal(err)
		}
	}
}
