package main

import (
	"io"
	"os"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSegmentsPhases is BenchmarkSegments timed phase by phase, as
// the CLI runs them in one process: load (CSV into the ledger), group
// (the view in order of id), fit (the cut points) and write (every
// typology of every customer, as CSV, to io.Discard). It reports each
// phase's wall time, CPU time (user plus system, from getrusage), system
// time and page faults per run, as load-s/op, load-cpu-s/op,
// load-sys-s/op, load-faults/op and so on: a phase's CPU time over its
// wall time says how busy it keeps the cores, its system time and faults
// what its fresh memory costs (BENCHMARKS.md, "What is left"); and the
// process's peak RSS, peak-MiB. CLIENTELE_SHOP_ORDERS names
// an order log to run on (bench/gen makes the 1M-customer one); without
// it, the embedded sample shop:
//
//	go run ./bench/gen -customers 1000000 -seed 1 -o /tmp/orders.csv
//	CLIENTELE_SHOP_ORDERS=/tmp/orders.csv go test -run '^$' -bench SegmentsPhases -count 6 ./examples/shop
func BenchmarkSegmentsPhases(b *testing.B) {
	args := []string{"-out", "segments"}
	if file := os.Getenv("CLIENTELE_SHOP_ORDERS"); file != "" {
		args = append(args, "-orders", file)
	}
	opts, err := parseFlags(args, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := loadConfig(opts, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	names := [...]string{"load", "group", "fit", "write"}
	var wall, cpu, sys [len(names)]time.Duration
	var faults [len(names)]int64
	b.ReportAllocs()
	for b.Loop() {
		w0, u0 := time.Now(), usageNow(b)
		phase := 0
		mark := func() {
			w, u := time.Now(), usageNow(b)
			wall[phase] += w.Sub(w0)
			cpu[phase] += u.cpu - u0.cpu
			sys[phase] += u.sys - u0.sys
			faults[phase] += u.faults - u0.faults
			w0, u0, phase = w, u, phase+1
		}
		d, err := load(opts, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		mark()
		d.ledger.ViewByID(d.asOf) // what fit(..., true) and the pass then read
		mark()
		base, err := fit(d, cfg, true)
		if err != nil {
			b.Fatal(err)
		}
		mark()
		if err := writeSegments(io.Discard, io.Discard, opts, d, base); err != nil {
			b.Fatal(err)
		}
		mark()
	}
	for i, name := range names {
		b.ReportMetric(wall[i].Seconds()/float64(b.N), name+"-s/op")
		b.ReportMetric(cpu[i].Seconds()/float64(b.N), name+"-cpu-s/op")
		b.ReportMetric(sys[i].Seconds()/float64(b.N), name+"-sys-s/op")
		b.ReportMetric(float64(faults[i])/float64(b.N), name+"-faults/op")
	}
	b.ReportMetric(float64(usageNow(b).peakKiB)/1024, "peak-MiB")
}

// usage is what getrusage says of the process so far.
type usage struct {
	cpu, sys time.Duration // user plus system; system
	faults   int64         // minor page faults
	peakKiB  int64         // peak resident set size (Linux says it in KiB)
}

// usageNow is the process's usage so far.
func usageNow(b *testing.B) usage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return usage{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), sys: time.Duration(ru.Stime.Nano()),
		faults: int64(ru.Minflt), peakKiB: int64(ru.Maxrss)}
}
