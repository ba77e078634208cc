// Package leaktest checks that a test leaves no goroutine running: the
// batch engine, the CSV loader and the ledger's stream start goroutines
// that must all stop. It is imported by tests only.
package leaktest

import (
	"runtime"
	"testing"
	"time"
)

// Check fails t when goroutines started during the test (or subtest) are
// still running ten seconds after it ends: every one started must stop.
// The wait is generous so that a loaded machine cannot fail it.
func Check(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(10 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			t.Errorf("%d goroutines still running after the test, %d before", n, before)
		}
	})
}
