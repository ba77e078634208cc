package batch_test

import (
	"bufio"
	"context"
	"io"
	"runtime"
	"strconv"
	"testing"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// baseOf returns n varied profiles with the signals the decision typology
// reads, built directly (segmenttest.Random sets signals by name, which is
// too slow for 100,000 profiles).
func baseOf(n int) []segment.Profile {
	ps := make([]segment.Profile, n)
	for i := range ps {
		p := buyer("B"+strconv.Itoa(i), 1+i%11, float64(i%37)*41.5, i%400)
		if i%3 != 0 {
			p.Signals.ComparisonsViewed = segment.Some(i % 9)
			p.Signals.LongReads = segment.Some(i % 5)
			p.Signals.ImpulsePurchases = segment.Some(i % 4 % p.Occasions)
			p.Signals.ImageViews = segment.Some(i % 50)
			p.Signals.DaysToPurchase = segment.Some(float64(i % 15))
		}
		ps[i] = p
	}
	return ps
}

// BenchmarkRun puts 100,000 profiles through two typologies (decision
// style and a revenue tier) on every core and counts what emit receives.
// Each op is one whole run; ns/record and allocs/record are per profile.
func BenchmarkRun(b *testing.B) {
	ps := baseOf(100_000)
	stage := twoTypologies(b)
	for _, bc := range []struct {
		name string
		opts batch.Options
	}{
		{"trusted", batch.Options{Trusted: true}},
		{"validated", batch.Options{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			benchRun(b, ps, stage, func(*batch.Record[row]) error { return nil }, &bc.opts)
		})
	}
}

// BenchmarkRunWithSummaries adds what a nightly job does with the results:
// a summary per typology, updated in emit.
func BenchmarkRunWithSummaries(b *testing.B) {
	ps := baseOf(100_000)
	stage := twoTypologies(b)
	tierSum, styleSum := batch.NewSummary(tiers), batch.NewSummary(decision.Styles)
	benchRun(b, ps, stage, func(r *batch.Record[row]) error {
		if r.Err != nil {
			return r.Err
		}
		if err := tierSum.Add(r.Profile, &r.Out.Tier); err != nil {
			return err
		}
		return styleSum.Add(r.Profile, &r.Out.Decision)
	}, &batch.Options{Trusted: true})
}

func benchRun(b *testing.B, ps []segment.Profile, stage batch.Stage[row], emit func(*batch.Record[row]) error, opts *batch.Options) {
	b.Helper()
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		st, err := batch.Run(context.Background(), batch.FromSlice(ps), stage, emit, opts)
		if err != nil || st.Classified != len(ps) {
			b.Fatalf("run: %+v, %v", st, err)
		}
	}
	runtime.ReadMemStats(&after)
	records := float64(b.N) * float64(len(ps))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/records, "ns/record")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/records, "allocs/record")
}

func BenchmarkSummaryAdd(b *testing.B) {
	ps := baseOf(1000)
	rs := make([]segment.Result[tier], len(ps))
	for i := range ps {
		rs[i] = byRevenue.Classify(&ps[i])
	}
	s := batch.NewSummary(tiers)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := s.Add(&ps[i], &rs[i]); err != nil {
			b.Fatal(err)
		}
		i = (i + 1) % len(ps)
	}
}

func BenchmarkGridAdd(b *testing.B) {
	var g batch.Grid
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := g.Add(uint8(1+i%5), uint8(1+i/5%5), uint8(1+i/25%5), float64(i%1000)+0.25); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkWriteView writes a line per customer of a 100,000-customer
// view, with RunView and an emit that writes (the way before WriteView),
// and with WriteView, side by side.
func BenchmarkWriteView(b *testing.B) {
	v := viewLedger(b, 100_000).View(asOf).ByID()
	stage := twoTypologies(b)
	line := func(r *batch.Record[row], buf []byte) []byte {
		buf = append(buf, r.Profile.ID...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(r.Out.Tier.Primary), 10)
		return append(buf, '\n')
	}
	opts := &batch.Options{Trusted: true, Reuse: true}
	run := func(b *testing.B, write func(w *bufio.Writer) (batch.Stats, error)) {
		b.ReportAllocs()
		w := bufio.NewWriterSize(io.Discard, 64<<10)
		for b.Loop() {
			st, err := write(w)
			if err != nil || st.Classified != v.Len() {
				b.Fatalf("run: %+v, %v", st, err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(v.Len()), "ns/customer")
	}
	b.Run("RunView", func(b *testing.B) {
		var buf []byte
		run(b, func(w *bufio.Writer) (batch.Stats, error) {
			return batch.RunView(context.Background(), v, stage, func(r *batch.Record[row]) error {
				buf = line(r, buf[:0])
				_, err := w.Write(buf)
				return err
			}, opts)
		})
	})
	b.Run("WriteView", func(b *testing.B) {
		run(b, func(w *bufio.Writer) (batch.Stats, error) {
			return batch.WriteView(context.Background(), v, stage, func(r *batch.Record[row], buf []byte) ([]byte, error) {
				return line(r, buf), nil
			}, w, opts)
		})
	})
}

// BenchmarkReduceView summarises a 100,000-customer view by two
// typologies, with RunView and an emit that adds to the summaries (the
// way before ReduceView), and with ReduceView, side by side.
func BenchmarkReduceView(b *testing.B) {
	v := viewLedger(b, 100_000).View(asOf)
	stage := twoTypologies(b)
	opts := &batch.Options{Trusted: true, Reuse: true}
	type sums struct {
		tier  *batch.Summary[tier]
		style *batch.Summary[decision.Style]
	}
	newSums := func() *sums { return &sums{batch.NewSummary(tiers), batch.NewSummary(decision.Styles)} }
	add := func(s *sums, r *batch.Record[row]) error {
		if r.Err != nil {
			return r.Err
		}
		if err := s.tier.Add(r.Profile, &r.Out.Tier); err != nil {
			return err
		}
		return s.style.Add(r.Profile, &r.Out.Decision)
	}
	run := func(b *testing.B, summarise func() (*sums, batch.Stats, error)) {
		b.ReportAllocs()
		for b.Loop() {
			s, st, err := summarise()
			if err != nil || st.Classified != v.Len() || s.tier.Count() != v.Len() {
				b.Fatalf("run: %+v, %v", st, err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(v.Len()), "ns/customer")
	}
	b.Run("RunView", func(b *testing.B) {
		run(b, func() (*sums, batch.Stats, error) {
			s := newSums()
			st, err := batch.RunView(context.Background(), v, stage, func(r *batch.Record[row]) error { return add(s, r) }, opts)
			return s, st, err
		})
	})
	b.Run("ReduceView", func(b *testing.B) {
		run(b, func() (*sums, batch.Stats, error) {
			return batch.ReduceView(context.Background(), v, stage, newSums, add, func(into, from *sums) error {
				if err := into.tier.Merge(from.tier); err != nil {
					return err
				}
				return into.style.Merge(from.style)
			}, opts)
		})
	})
}
