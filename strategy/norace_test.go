//go:build !race

package strategy_test

const raceDetector = false
