//go:build !linux

package batch

import "io"

// fileRuns is Linux's only: elsewhere WriteView writes each chunk's text
// whole.
type fileRuns struct{ off int64 }

func newFileRuns(io.Writer) *fileRuns { return nil }

func (*fileRuns) write(a, b []byte) error { panic("batch: fileRuns without Linux") }
func (*fileRuns) release()                {}
