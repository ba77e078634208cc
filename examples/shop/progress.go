package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/clientele-go/clientele/segment/batch"
)

// progressMin is the smallest base that gets a progress bar: smaller ones
// are done before a bar would be worth reading.
const progressMin = 100_000

// progress draws a bar on a terminal's stderr while a pass runs. The nil
// *progress draws nothing, which is what every other stderr gets: a bar in
// a log file or a test buffer is noise.
type progress struct {
	w     io.Writer
	total int
	drawn bool
}

// newProgress returns a bar for a pass over total customers, or nil when
// stderr is not a terminal or the base is small.
func newProgress(stderr io.Writer, total int) *progress {
	if total < progressMin || !isTerminal(stderr) {
		return nil
	}
	return &progress{w: stderr, total: total}
}

// isTerminal reports whether w is a character device (a terminal), without
// any dependency: redirected output and buffers are not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update is the batch.Options.Progress callback; nil for the nil bar.
func (p *progress) callback() func(batch.Stats) {
	if p == nil {
		return nil
	}
	return p.update
}

func (p *progress) update(s batch.Stats) {
	done := s.Classified + s.Rejected
	frac := min(float64(done)/float64(p.total), 1)
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %d/%d customers", strings.Repeat("#", n), strings.Repeat(".", width-n), 100*frac, done, p.total)
	p.drawn = true
}

// done ends the bar's line.
func (p *progress) done() {
	if p != nil && p.drawn {
		fmt.Fprintln(p.w)
	}
}

// batchOptions are the options of a pass over ledger profiles.
func batchOptions(bar *progress) batch.Options {
	return batch.Options{Trusted: true, Progress: bar.callback()}
}
