package batch

import (
	"context"
	"errors"
	"io"

	"github.com/clientele-go/clientele/segment"
)

// WriteView is [RunView] for output written to w, a text per customer (a
// CSV row, a JSON line): it runs stage on every customer of v on all
// cores, and format after it, on the same worker (a group of sixteen
// customers' stages, then their formats: see recordWorker), which appends
// the record's text to its chunk's; the calling goroutine only writes
// whole chunks to w, in v's order. With RunView and an emit that writes,
// that goroutine took every record in turn, a few hundred instructions
// each and a copy of its text, for little else (on the shop example's
// million customers, 7% of the CPU time of the whole run).
//
// format gets every record, rejected ones too (Record.Err says why, and
// Out is the zero T), and returns buf with the record's text appended; it
// may append nothing. The Record and what it points to are valid only
// during the call, and format must be safe for concurrent use. An error
// from format stops the run: WriteView returns it (as format returned
// it: wrap it to name the customer), having written the text of every
// record before that one. A panic in format stops it too, with a
// [*StageError] naming the customer around a [*PanicError]; a panic in
// stage rejects the customer, as in RunView.
//
// The Stats are RunView's: a record is delivered once its text is
// written, so Classified + Rejected records, the first of v, are in w.
// An error from w stops the run; the records of the chunks it was writing
// count as Unfinished, though w may hold some of their text. Memory is
// bounded as in RunView, with a chunk's text instead of its records'
// outputs.
//
// When w is a regular file (an *os.File, on Linux, not in append mode),
// the texts go out in writes that end at multiples of 128 KiB from the
// file's start, each chunk's last part with the next chunk's first, and
// the last part once the run ends or stops: Linux then fills the file's
// page cache in whole large pages, and the kernel's part of writing the
// shop example's 127 MB took 15% less CPU than in writes of the chunks as
// they were (see chunkWriter). On ext4, when w's offset is at the file's
// end, the file's blocks are allocated ahead of the writes (a few
// megabytes at a time, the file's size unchanged) and those past its end
// given back when the run ends, a truncation to its size: the kernel's
// part of writing those 127 MB took a quarter less CPU again (see
// fileRuns). Anything else written to the same open file while WriteView
// runs (through another descriptor of it, such as a program's standard
// error sent to the same file) may then land inside a record rather than
// between two chunks, or, lengthening the file just as the run ends, be
// cut by that truncation.
func WriteView[T any](ctx context.Context, v *segment.View, stage Stage[T], format func(r *Record[T], buf []byte) ([]byte, error), w io.Writer, opts *Options) (Stats, error) {
	if err := viewArgs(v, stage); err != nil {
		return Stats{}, err
	}
	switch {
	case format == nil:
		return Stats{}, errors.New("batch: nil format")
	case w == nil:
		return Stats{}, errors.New("batch: nil writer")
	}
	deliver, finish := writeChunks(w)
	return overNumbers(ctx, v.Len(), func(r *pipeline[int32, struct{}]) func(c *chunk[int32, struct{}]) {
		return newRecordWorker(r, v, stage, opts, func(c *chunk[int32, struct{}], rec *Record[T]) error {
			text, err := format(rec, c.text)
			if err == nil {
				c.text = text
			}
			return err
		}).chunk
	}, deliver, finish, opts)
}

// writeChunks returns WriteView's delivery of a chunk's text to w, and
// what to do when the run ends: a chunkWriter's when w is a regular file
// (see fileRuns), else each text written whole, and nothing at the end.
func writeChunks(w io.Writer) (deliver func(c *chunk[int32, struct{}], st *Stats) error, finish func(st *Stats) error) {
	if fr := newFileRuns(w); fr != nil {
		cw := &chunkWriter{file: fr}
		return cw.deliver, cw.finish
	}
	return func(c *chunk[int32, struct{}], st *Stats) error {
		if len(c.text) > 0 {
			if _, err := w.Write(c.text); err != nil {
				return err
			}
		}
		delivered(c, st)
		return c.failed
	}, nil
}

// runBytes is the alignment of a chunkWriter's writes. Writing 127 MB of
// CSV to a new file on ext4 (Linux 6.18) took 40.8 ms of CPU in writes of
// 130,241 bytes, 41.7 ms in writes of 126,976 (4 KiB pages, but not
// aligned to larger ones), 35.1 ms in writes of 128 KiB, 33.7 ms of 256
// KiB; two writes making up 128 KiB, the first unaligned, 41.1 ms (eight
// runs each, medians). 128 KiB is about a chunk of the shop example's
// text (1,024 customers), so that nearly every chunk ends a run.
var runBytes int64 = 128 << 10

// chunkWriter writes the chunks' texts to a file in runs that end at
// multiples of runBytes: of each chunk's text, the part up to the last
// such multiple, after the part of the chunk before that it held back,
// in one write (writev), and it holds back the rest, keeping the chunk's
// buffer and giving the chunk the one it held before. A chunk whose text
// cannot reach a multiple is written whole, as is a failed chunk's (the
// run stops after it) and, at the end, the part held back. A chunk is
// delivered once the last of its text is written.
type chunkWriter struct {
	file    *fileRuns
	held    []byte // the end of the last chunk's text, not written yet (never empty when held)
	heldBuf []byte // the buffer held is in, the last chunk's
	pending Stats  // that chunk's records (Classified and Rejected), delivered once held is written
	broken  bool   // a write failed: nothing more is written
}

// deliver writes c's text as chunkWriter says, and returns c.failed.
func (cw *chunkWriter) deliver(c *chunk[int32, struct{}], st *Stats) error {
	text := c.text
	n := len(text)
	if c.failed == nil {
		end := cw.file.off + int64(len(cw.held)+len(text))
		if k := end - end%runBytes - cw.file.off - int64(len(cw.held)); k >= 0 {
			n = int(k)
		}
	}
	if err := cw.file.write(cw.held, text[:n]); err != nil {
		cw.broken = true
		return err
	}
	cw.deliverHeld(st)
	if n == len(text) {
		delivered(c, st)
		return c.failed
	}
	cw.pending = Stats{}
	delivered(c, &cw.pending)
	buf := cw.heldBuf
	cw.heldBuf, cw.held = text, text[n:]
	c.text = buf[:0]
	return nil
}

// deliverHeld counts the records of the chunk whose text was held back,
// now written, into st.
func (cw *chunkWriter) deliverHeld(st *Stats) {
	if len(cw.held) > 0 {
		st.Classified += cw.pending.Classified
		st.Rejected += cw.pending.Rejected
	}
	cw.held = nil
}

// finish writes the text held back, unless a write failed, then gives
// back the file's blocks allocated past its end (see fileRuns), whether
// or not a write failed.
func (cw *chunkWriter) finish(st *Stats) error {
	defer cw.file.release()
	if cw.broken || len(cw.held) == 0 {
		return nil
	}
	if err := cw.file.write(cw.held, nil); err != nil {
		cw.broken = true
		return err
	}
	cw.deliverHeld(st)
	return nil
}

// delivered counts the records of c that its worker handed on (all but
// when it failed) into st.
func delivered(c *chunk[int32, struct{}], st *Stats) {
	st.Classified += c.taken - c.rejected
	st.Rejected += c.rejected
}
