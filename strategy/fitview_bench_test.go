package strategy_test

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// BenchmarkFitView fits a base of CLIENTELE_FIT_CUSTOMERS customers
// (default 200,000) on every core, from a view whose lines are grouped
// already: the fitting pass alone. Besides ns/op it reports the CPU time
// and the page faults per fit (getrusage): the first touch of fresh
// memory is much of the cost, and run with -benchtime 1x in a new process
// the faults are those the CLI's one fit takes.
func BenchmarkFitView(b *testing.B) {
	n := 200_000
	if s := os.Getenv("CLIENTELE_FIT_CUSTOMERS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("CLIENTELE_FIT_CUSTOMERS=%q: want a positive number", s)
		}
	}
	v := bigLedger(b, n, 1).View(segment.Date{})
	b.ReportAllocs()
	var cpu time.Duration
	var faults int64
	for b.Loop() {
		before, beforeFaults := usage(b)
		if _, err := strategy.FitView(v, nil); err != nil {
			b.Fatal(err)
		}
		after, afterFaults := usage(b)
		cpu += after - before
		faults += afterFaults - beforeFaults
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(faults)/float64(b.N), "faults/op")
}

// usage is the process's CPU time and minor page faults so far.
func usage(b *testing.B) (time.Duration, int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), int64(ru.Minflt)
}
