//go:build race

package ingest

// raceDetector says the tests run under the race detector, whose
// sync.Pool drops some of what it is given at random.
const raceDetector = true
