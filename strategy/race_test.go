//go:build race

package strategy_test

// raceDetector says the tests run under the race detector, which makes the
// golden digests many times slower: they then check a sample of them.
const raceDetector = true
