//go:build race

package segment_test

// raceDetector says the tests run under the race detector, which makes
// the largest property tests many times slower: they then keep the cases
// that exercise shared state and skip the rest.
const raceDetector = true
