package batch

import (
	"fmt"
	"runtime"
	"time"
)

// Options tune a run. The zero value (or a nil *Options) means the
// documented defaults.
type Options struct {
	// Workers is the number of goroutines applying the stages. Default
	// (0): runtime.GOMAXPROCS(0), every core the program may use.
	Workers int
	// Chunk is the number of records handed to a worker at a time. Larger
	// chunks cost less coordination, smaller ones hold less in memory and
	// react faster to cancellation. Default (0): 256.
	Chunk int
	// Progress, when set, is called with the counts so far at most once
	// per ProgressInterval while the run goes on, and once more when it
	// ends, on the goroutine that called [Run] or [Map] (the same one as
	// the emit callback, so it needs no locking).
	Progress func(Stats)
	// ProgressInterval is the least time between two Progress calls.
	// Default (0): 200ms.
	ProgressInterval time.Duration
	// Trusted skips [segment.Profile.Validate] in [Run]: set it when the
	// profiles come from a [segment.Ledger], which only builds valid
	// ones. [Map] ignores it.
	Trusted bool
	// Reuse hands each record's stage (fn, for [Map]) the output a
	// record before it left in the same place (for [WriteView] and
	// [ReduceView], the same slot of the worker's group of sixteen),
	// instead of zeroing the output first. Set it when the stage writes every field of the
	// output that it or emit reads: clearing a large output (a
	// classification with its profile, kilobytes) costs more per record
	// than a cheap stage. The output of a rejected record is still zero.
	Reuse bool
}

// Defaults of [Options].
const (
	DefaultChunk            = 256
	DefaultProgressInterval = 200 * time.Millisecond
)

// chunksPerWorker sizes the reorder window: how many chunks may be in
// flight (being read, queued, worked on, or waiting for an earlier chunk
// to be emitted) per worker. Four keeps every worker busy while one slow
// chunk holds up the ones after it.
const chunksPerWorker = 4

// withDefaults returns o with defaults filled in, or an error naming a
// negative setting.
func (o *Options) withDefaults() (Options, error) {
	var out Options
	if o != nil {
		out = *o
	}
	switch {
	case out.Workers < 0:
		return out, fmt.Errorf("batch: options: workers %d: must not be negative", out.Workers)
	case out.Chunk < 0:
		return out, fmt.Errorf("batch: options: chunk %d: must not be negative", out.Chunk)
	case out.ProgressInterval < 0:
		return out, fmt.Errorf("batch: options: progress interval %v: must not be negative", out.ProgressInterval)
	}
	if out.Workers == 0 {
		out.Workers = runtime.GOMAXPROCS(0)
	}
	if out.Chunk == 0 {
		out.Chunk = DefaultChunk
	}
	if out.ProgressInterval == 0 {
		out.ProgressInterval = DefaultProgressInterval
	}
	return out, nil
}

// Stats account for every record of a run. At any time
//
//	Read == Classified + Rejected + Unfinished
//
// and the records delivered to the emit callback (Classified + Rejected)
// are exactly the first ones of the input, in order: a stopped run can be
// resumed by skipping that many records.
type Stats struct {
	Read       int // records taken from the input
	Classified int // delivered with no error
	Rejected   int // delivered with an error (invalid profile, stage error, panic)
	// Unfinished records were read but not delivered, because the run
	// was cancelled or the emit callback returned an error. Zero when a
	// run completes; while it runs, the records in flight.
	Unfinished int
	Elapsed    time.Duration // since the run started
}

// PerRecord returns the elapsed time per delivered record, or 0 when none
// was delivered.
func (s Stats) PerRecord() time.Duration {
	n := s.Classified + s.Rejected
	if n == 0 {
		return 0
	}
	return s.Elapsed / time.Duration(n)
}
