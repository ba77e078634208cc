package strategy

import (
	"syscall"
	"testing"
)

// CPUPerOp starts counting the process's CPU time (user plus system, as
// getrusage reports it) and returns the function that reports it per
// operation as cpu-ns/op; call it right before the benchmark loop and the
// returned function right after. On a machine shared with other work, wall
// time per operation stretches with the load (the process waits for a
// core); CPU time does far less, so before/after comparisons read it. It
// is exported for the external tests of this package only (a _test file).
func CPUPerOp(b *testing.B) (report func()) {
	start := cpuNanos(b)
	return func() { b.ReportMetric(float64(cpuNanos(b)-start)/float64(b.N), "cpu-ns/op") }
}

func cpuNanos(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
