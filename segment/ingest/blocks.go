package ingest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"runtime"
	"slices"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// blockBytes is the size of a block: large enough that the cost of
// handing it to another goroutine vanishes, small enough to keep every core
// busy on a file of a few megabytes. A block and its parsed lines (about
// 1.3 times its size) stay in a core's cache on their way from the parser
// to the ledger: on the 1M-customer file, blocks of 512 KiB loaded in 3-9%
// less time than blocks of 1 MiB, with 1,600 fewer page faults; 2 and 4
// MiB took 10% and 40% more.
var blockBytes = 512 << 10

// block is a run of whole lines and, once parsed, its orders.
type block struct {
	data    []byte
	before  int   // lines read before this block
	rest    bool  // read the data and the rest of the input record by record
	readErr error // reading stopped with this error after data
	ends    int   // line ends in data, counted by split (0: not counted)

	done   chan struct{} // closed when parsed
	orders []bulk.Line   // the valid records, for the ledger
	bad    []badRecord
	lines  int // lines in data
	blank  int // blank lines
	rows   int // records
}

// badRecord is a record that gave an error, and what came before it in
// its block.
type badRecord struct {
	orders, blank, rows int
	line                int // its line in the input
	err                 error
}

// loadBlocks is LoadOrders after the header. It reads the input in blocks
// of whole lines, parses the blocks on every core, and adds their orders to
// the ledger in input order. The outcome is exactly that of reading record
// by record (loadRecords): the same orders, errors, lines and stats. From
// the first block with a double quote (a quoted field may span lines) or a
// line over the limit, it goes on record by record, since only the record
// reader handles those.
func (r *OrderReader) loadBlocks(l *segment.Ledger, skipInvalid bool) (Stats, error) {
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *block)
	// The reading may run two blocks ahead of the parsers, no more: a
	// parsed block then waits less for the ledger, still in the cache, and
	// fewer blocks' buffers are faulted in. On the 1M-customer file with
	// 2*workers+2 (six on two cores) the load took 312 ms (medians of
	// eight runs each, alternating), 5,700 faults; with workers+2, 299 ms
	// and 5,300; with workers+1, 305 ms and 5,000.
	ordered := make(chan *block, workers+2)
	stop, splitDone := make(chan struct{}), make(chan struct{})
	key := bulk.KeyOf(l)
	// Blocks in flight: queued, the one being added, and those the
	// ledger's stream holds while it adds them (bulk.SinkBlocks and one).
	spare := newSpares(cap(ordered) + 1 + bulk.SinkBlocks + 1)
	defer spare.release()
	sink := bulk.Stream(l)
	defer sink.Close()
	// The reading goroutine is stopped and waited for, first: a load that
	// ends early (an invalid record) must not leave it reading the
	// caller's reader, or using the spares, after LoadOrders returns (the
	// race detector once caught it reading the block size a test then
	// set back).
	defer func() {
		close(stop)
		<-splitDone
	}()
	go func() {
		defer close(splitDone)
		r.split(work, ordered, stop, spare)
	}()
	for range workers {
		go func() {
			p := parser{names: r.names, cols: r.cols, key: key}
			for b := range work {
				p.parse(b)
				close(b.done)
			}
		}()
	}

	var st Stats
	lines := r.line
	for b := range ordered {
		if b.rest {
			sink.Close()
			return r.loadRecords(l, skipInvalid, st, b)
		}
		<-b.done
		orders := b.orders
		var stopAt *badRecord
		if !skipInvalid && len(b.bad) > 0 {
			stopAt = &b.bad[0]
			orders = orders[:stopAt.orders]
		}
		sink.Add(b.data, orders, func() { spare.recycle(b) })
		st.Loaded += len(orders)
		if stopAt != nil {
			st.Rows += stopAt.rows + 1
			st.Lines, st.Blank = stopAt.line, st.Blank+stopAt.blank
			return st, stopAt.err
		}
		st.Rows += b.rows
		st.Blank += b.blank
		st.Skipped += len(b.bad)
		for _, e := range b.bad {
			if len(st.Errors) < MaxReported {
				st.Errors = append(st.Errors, e.err)
			}
		}
		if b.readErr != nil {
			// As the record reader: an error of the input ends reading,
			// and the lines are not accounted for.
			st.Lines, st.Blank = 0, 0
			return st, b.readErr
		}
		lines = b.before + b.lines
	}
	st.Lines = lines
	return st, nil
}

// split reads r's input in blocks of whole lines, sending each to work to
// be parsed and to ordered to be added in input order. A block that only
// the record reader can handle goes to ordered alone, marked rest, and
// ends the reading here.
func (r *OrderReader) split(work, ordered chan<- *block, stop <-chan struct{}, spare *spares) {
	defer close(ordered)
	defer close(work)
	defer spare.ended.Store(true)
	line := r.line
	var carry []byte // the start of a line cut by the end of the last read
	first := true
	for {
		buf := spare.buffer(max(blockBytes, 2*len(carry)))
		buf = append(buf, carry...)
		n, err := io.ReadFull(r.br, buf[len(carry):cap(buf)])
		buf = buf[:len(carry)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if eof {
			err = nil
		}
		// The line ends of the block to be: the carry cut off below holds
		// none.
		ends := bytes.Count(buf, []byte{'\n'})
		if first && !eof && err == nil {
			// A block filled (the input goes on, but for one of exactly
			// a block): the next blocks' buffers and line slices, made
			// ready while this one is parsed, the slices with room for a
			// quarter more lines than this block has (the parser grows a
			// slice too small).
			lines := ends + 1
			spare.startReady(cap(spare.bufs)-1, cap(buf), lines+lines/4)
		}
		first = false
		b := &block{before: line, readErr: err, done: make(chan struct{}), orders: spare.lineSlice()}
		cut := len(buf)
		if !eof {
			// Keep the unfinished last line for the next block (on a
			// read error it is lost, as with the record reader).
			cut = bytes.LastIndexByte(buf, '\n') + 1
		}
		// The carry is copied out: buf is recycled once added.
		b.data, carry = buf[:cut], append(carry[:0], buf[cut:]...)
		if err == nil && !eof && cut == 0 || !simple(b.data, r.max) {
			// A line longer than a block, quotes, or a line over the
			// limit: the record reader takes over, from this block on.
			b.rest, b.data = true, buf
			select {
			case ordered <- b:
			case <-stop:
			}
			return
		}
		if len(b.data) > 0 {
			// Set before sending: b belongs to the consumer after.
			b.ends = ends
			line += b.ends
			if b.data[len(b.data)-1] != '\n' {
				line++
			}
			select {
			case ordered <- b:
			case <-stop:
				return
			}
			select {
			case work <- b:
			case <-stop:
				return
			}
		} else if b.readErr != nil {
			b.done = closed
			select {
			case ordered <- b:
			case <-stop:
			}
		}
		if eof || err != nil {
			return
		}
	}
}

// closed is a closed channel, for blocks with nothing to parse.
var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// simple reports whether data has no double quote and no line over max
// bytes (its line end excluded), so that it can be split at line ends and
// commas.
func simple(data []byte, max int) bool {
	if bytes.IndexByte(data, '"') >= 0 {
		return false
	}
	// A line of at most max bytes ends within the max+1 bytes from its
	// start, and so do the lines before the last line end there: the
	// lines are checked a window at a time, from the window's end back to
	// its last line end (a line's length), not each from its start.
	for len(data) > max {
		i := bytes.LastIndexByte(data[:max+1], '\n')
		if i < 0 {
			return false
		}
		data = data[i+1:]
	}
	return true
}

// parse splits b's lines into records and records into lines for the
// ledger, as the record reader would into orders: plain lines of the
// usual layout in runs (see plainrun.go), other plain lines on the fast
// path (see fastline.go), the others through generalLine.
func (p *parser) parse(b *block) {
	ends := b.ends
	if ends == 0 { // not counted (a block a test made), or no line end in the block at all
		ends = bytes.Count(b.data, []byte{'\n'})
	}
	b.orders = slices.Grow(b.orders[:0], ends+1)
	fast, run := p.fast(), p.runLayout()
	var s lineScratch
	data := b.data
	// When the run takes no line, it is tried again after wait lines,
	// twice as many each time it takes none again (up to maxRunWait):
	// on a log whose lines it cannot take, a try costs about a third of
	// a line.
	wait, backoff := 0, 1
	for start := 0; start < len(data); {
		if run && wait == 0 {
			lines := b.lines
			if start = p.plainRun(b, &s, start); start == len(data) {
				break
			}
			if b.lines == lines {
				wait, backoff = backoff, min(2*backoff, maxRunWait)
			} else {
				backoff = 1
			}
		} else if wait > 0 {
			wait--
		}
		end := bytes.IndexByte(data[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(data)-start, len(data)
		}
		raw := data[start : start+end]
		if n := len(raw); n > 0 && raw[n-1] == '\r' {
			raw = raw[:n-1] // as bytes.TrimSuffix, without its call to memequal
		}
		b.lines++
		if fast && p.fastLine(b, &s, raw, start) {
			start = next
			continue
		}
		p.generalLine(b, &s, raw, start)
		start = next
	}
}

// lineScratch is what parse keeps from line to line.
type lineScratch struct {
	rec    [][]byte
	starts []int  // where each field of rec starts in data
	prev   []byte // the customer id of the last line in b.orders
}

// generalLine parses one line, raw, that starts at start in b's data, through a
// record as the record reader would.
func (p *parser) generalLine(b *block, s *lineScratch, raw []byte, start int) {
	rec, starts := s.rec[:0], s.starts[:0]
	for from := 0; ; {
		i := bytes.IndexByte(raw[from:], ',')
		starts = append(starts, start+from)
		if i < 0 {
			rec = append(rec, raw[from:len(raw):len(raw)])
			break
		}
		rec = append(rec, raw[from:from+i:from+i])
		from += i + 1
	}
	s.rec, s.starts = rec, starts
	if blank(rec) {
		b.blank++
		return
	}
	ln, id, err := p.ledgerLine(rec, b.before+b.lines)
	if err != nil {
		b.bad = append(b.bad, badRecord{orders: len(b.orders), blank: b.blank, rows: b.rows,
			line: b.before + b.lines, err: err})
		b.rows++
		return
	}
	b.rows++
	// id is the field rec[c] trimmed: the difference of their
	// capacities is what the trimming cut off its start.
	c := p.cols.id
	p.add(b, s, ln, id, starts[c]+cap(rec[c])-cap(id))
}

// add appends the line ln of the customer id, which starts at from in b's
// data, to b's orders.
func (p *parser) add(b *block, s *lineScratch, ln bulk.Line, id []byte, from int) {
	if len(b.orders) > 0 && sameID(id, s.prev) {
		ln.Repeat = true
	} else {
		ln.SetID(id, from)
		ln.Hash = hashID(&p.key, id)
	}
	s.prev = id
	b.orders = append(b.orders, ln)
}

// hashID returns the ledger's hash of id with key k (Hash8 for an id of
// 8 bytes, the most common length, which skips finding its words).
func hashID(k *bulk.Key, id []byte) uint64 {
	if len(id) == 8 {
		return bulk.Hash8(k, binary.LittleEndian.Uint64(id))
	}
	return bulk.HashBytes(k, id)
}

// sameID reports whether a and b are the same id. Ids of 8 bytes (as
// C0000772), the most common in order logs, are compared in one load
// each instead of by a call to bytes.Equal.
func sameID(a, b []byte) bool {
	if len(a) == 8 && len(b) == 8 {
		return binary.LittleEndian.Uint64(a) == binary.LittleEndian.Uint64(b)
	}
	return bytes.Equal(a, b)
}

// ledgerLine is [parser.order] for the block reader: the ledger's line of the
// record rec, and its customer id.
func (p *parser) ledgerLine(rec [][]byte, line int) (bulk.Line, []byte, error) {
	if err := p.fieldCount(rec, line); err != nil {
		return bulk.Line{}, nil, err
	}
	id := trimSpace(rec[p.cols.id])
	if len(id) == 0 {
		return bulk.Line{}, nil, p.bad(rec, line, p.cols.id, segment.ErrEmpty)
	}
	// The customer is only checked for being set, and the order id
	// only names the order in an error that values replaces: neither
	// needs to become a string here.
	o := segment.Order{Customer: "?"}
	if err := p.values(rec, line, &o, false); err != nil {
		return bulk.Line{}, nil, err
	}
	return bulk.Line{Micros: bulk.Micros(o.Amount), Day: int32(o.Date.Sub(segment.Date{})),
		Flags: uint8(o.Flags), Known: uint8(o.Known)}, id, nil
}

// loadRecords goes on reading record by record from b's data and then the
// rest of the input, with st so far.
func (r *OrderReader) loadRecords(l *segment.Ledger, skipInvalid bool, st Stats, b *block) (Stats, error) {
	rest := io.Reader(r.br)
	if b.readErr != nil {
		rest = errReader{b.readErr}
	}
	r.records.br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(b.data), rest), r.max+1)
	r.line, r.blank = b.before, st.Blank
	return loadRecords(r, l, skipInvalid, st)
}

// errReader fails with the error the input failed with.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
