package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/ingest"
	"github.com/clientele-go/clientele/strategy"
)

// The end-to-end benchmarks run the whole library path of issue 7 on the
// order log bench/run.sh generates: the CSV bytes (in memory) into a
// ledger, the base fitted (RFM quintiles, behavioural cuts), and every
// customer classified by every typology on every core. They do not write
// anything: the CLI's output is what bench/run.sh times.
//
// CLIENTELE_E2E_CUSTOMERS sets the number of customers (default
// 1,000,000, about 4.4 million lines). Besides ns/op, each reports cpu-s/op,
// the CPU time the process spent (user and system, every goroutine the
// garbage collector's included): on a machine shared with other work, wall
// time says little, and CPU time divided by the cores is the wall time the
// same work would take on an idle machine, if it kept every core busy.

func e2eCustomers(b *testing.B) int {
	n := 1_000_000
	if s := os.Getenv("CLIENTELE_E2E_CUSTOMERS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("CLIENTELE_E2E_CUSTOMERS=%q: want a positive number", s)
		}
	}
	return n
}

var e2eData = map[int][]byte{}

// e2eCSV is the generated log with n customers, seed 1, made once per run.
func e2eCSV(b *testing.B, n int) []byte {
	if data, ok := e2eData[n]; ok {
		return data
	}
	cfg := defaultConfig()
	cfg.Customers = n
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	generate(w, &cfg)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	e2eData[n] = buf.Bytes()
	return buf.Bytes()
}

// cpuTime is the process's CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measured runs the benchmark loop and reports CPU seconds per op, of
// body only: setup, if not nil, runs first each time, with the timer
// stopped.
func measured(b *testing.B, bytes int, setup, body func()) {
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		if setup != nil {
			b.StopTimer()
			setup()
			b.StartTimer()
		}
		start := cpuTime(b)
		body()
		cpu += cpuTime(b) - start
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func loadLedger(b *testing.B, data []byte) *segment.Ledger {
	l := segment.NewLedger(nil)
	if _, err := ingest.LoadOrders(bytes.NewReader(data), l, nil, false); err != nil {
		b.Fatal(err)
	}
	return l
}

// fitBase fits the base on every core (strategy.FitView), grouping the
// ledger's lines first when that is not done yet.
func fitBase(b *testing.B, l *segment.Ledger) *strategy.Classifiers {
	cs, err := strategy.FitView(l.View(segment.Date{}), nil)
	if err != nil {
		b.Fatal(err)
	}
	return cs
}

func classifyAll(b *testing.B, l *segment.Ledger, cs *strategy.Classifiers) int {
	stage := func(p *segment.Profile, out *strategy.Classification) error {
		cs.Classify(p, out)
		return nil
	}
	n := 0
	_, err := batch.RunView(context.Background(), l.View(segment.Date{}), stage,
		func(r *batch.Record[strategy.Classification]) error {
			n += int(r.Out.RFM.Primary)
			return nil
		}, &batch.Options{Trusted: true, Chunk: 1024})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkEndToEnd: CSV bytes -> ledger -> fit -> every typology for
// every customer.
func BenchmarkEndToEnd(b *testing.B) {
	data := e2eCSV(b, e2eCustomers(b))
	measured(b, len(data), nil, func() {
		l := loadLedger(b, data)
		classifyAll(b, l, fitBase(b, l))
	})
}

// BenchmarkEndToEndIngest is the first step alone: CSV bytes into a ledger.
func BenchmarkEndToEndIngest(b *testing.B) {
	data := e2eCSV(b, e2eCustomers(b))
	measured(b, len(data), nil, func() { loadLedger(b, data) })
}

// BenchmarkEndToEndFit is the second: grouping the ledger's lines by
// customer, and the fitting pass over every profile.
func BenchmarkEndToEndFit(b *testing.B) {
	data := e2eCSV(b, e2eCustomers(b))
	var l *segment.Ledger
	measured(b, len(data), func() { l = loadLedger(b, data) }, func() { fitBase(b, l) })
}

// BenchmarkEndToEndClassify is the third: every typology for every
// customer, with the profiles made from the ledger again on the way.
func BenchmarkEndToEndClassify(b *testing.B) {
	data := e2eCSV(b, e2eCustomers(b))
	l := loadLedger(b, data)
	cs := fitBase(b, l)
	measured(b, len(data), nil, func() { classifyAll(b, l, cs) })
}
