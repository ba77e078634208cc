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
// phase's wall time and CPU time (user plus system, from getrusage) per
// run, as load-s/op, load-cpu-s/op and so on: a phase's CPU time over its
// wall time says how busy it keeps the cores. CLIENTELE_SHOP_ORDERS names
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
	var wall, cpu [len(names)]time.Duration
	b.ReportAllocs()
	for b.Loop() {
		w0, c0 := time.Now(), cpuNow(b)
		phase := 0
		mark := func() {
			w, c := time.Now(), cpuNow(b)
			wall[phase] += w.Sub(w0)
			cpu[phase] += c - c0
			w0, c0, phase = w, c, phase+1
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
	}
}

// cpuNow is the process's CPU time so far, user plus system.
func cpuNow(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
