package main

import (
	"math"
	"math/bits"
)

// source is a small deterministic random source: a 64-bit linear
// congruential step with an xorshift-multiply output (PCG's DXSM output
// function). It is written out here so that the generated file depends on
// nothing but the seed and the machine's floating point: math/rand's
// derived methods (IntN, Float64) are not promised to stay the same across
// Go releases. (math.Log and math.Pow, used for the skewed draws, may
// round differently on another architecture, so the bytes are promised per
// architecture; TestGolden pins them on amd64.)
type source struct{ state uint64 }

func newSource(seed uint64) *source {
	s := &source{state: seed ^ 0x9e3779b97f4a7c15}
	s.next()
	return s
}

// next returns 64 random bits.
func (s *source) next() uint64 {
	const mul = 0xda942042e4dd58b5
	s.state = s.state*mul + 1442695040888963407
	h := s.state
	h ^= h >> 32
	h *= mul
	h ^= h >> 48
	return h
}

// float returns a uniform float64 in [0, 1).
func (s *source) float() float64 {
	return float64(s.next()>>11) * (1.0 / (1 << 53))
}

// intn returns a uniform int in [0, n) for n > 0 (multiply-shift; the bias
// of at most n/2^64 does not matter here).
func (s *source) intn(n int) int {
	hi, _ := bits.Mul64(s.next(), uint64(n))
	return int(hi)
}

// chance reports true with probability p.
func (s *source) chance(p float64) bool { return s.float() < p }

// geometric returns the number of failures before the first success in
// trials that succeed with probability p (0 < p <= 1): 0, 1, 2, ...
func (s *source) geometric(p float64) int {
	if p >= 1 {
		return 0
	}
	return int(math.Log(1-s.float()) / math.Log(1-p))
}

// lomax returns a Pareto type II variate with shape alpha and scale lambda:
// mean lambda/(alpha-1) for alpha > 1, with a power-law tail.
func (s *source) lomax(alpha, lambda float64) float64 {
	return lambda * (math.Pow(1-s.float(), -1/alpha) - 1)
}

// exponential returns an exponential variate with the given mean.
func (s *source) exponential(mean float64) float64 {
	return -mean * math.Log(1-s.float())
}
