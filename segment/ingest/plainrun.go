package ingest

import (
	"encoding/binary"
	"math/bits"

	"github.com/clientele-go/clientele/internal/ascii"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The run: the fast path for the layout most order logs have, exactly the
// columns id, date and amount in that order. Consecutive plain lines of
// it are parsed in one loop that keeps what lines share (the last date,
// the last id, the orders) in locals and calls nothing, and finds a
// line's end and its commas together, from one mask of the bytes of its
// first 32 that may end a field: the ASCII bytes below '-', which take in
// the comma, the line end and the carriage return, and also spaces,
// quotes and other controls. A plain line has three of them, a comma, a
// comma and its end. The loop stops at a new date, which plainRun parses
// before going on, and at any other line: longer, with an id of over 16
// bytes, an amount of over 8 bytes after the sign, or anything the
// one-line paths (fastLine, generalLine) have to decide.
//
// On amd64 the loop hands the lines whose ids have the ledger's
// numbered form (C0000772, 100234, CU-0000772) to the same loop written
// in assembly (runnumbered.go), which takes them in fewer instructions
// and stops at any other line for this one to take or refuse.

// runRoom is what the run reads from a line's start: the 32 bytes of the
// mask and the line end after a carriage return in the 33rd, and a word
// of the amount, which starts at most 30 bytes in.
const runRoom = 38

// maxRunWait is the most lines parse waits before trying the run again
// after it took none.
const maxRunWait = 64

// runLayout reports whether the parser's layout can take the run.
func (p *parser) runLayout() bool {
	c := &p.cols
	return p.fast() && len(p.names) == 3 && c.id == 0 && c.date == 1 && c.amount == 2
}

// run is what plainRun's loop keeps from line to line.
type run struct {
	data  []byte
	out   []bulk.Line // the room after b's orders
	taken int         // lines added to out
	start int         // where the next line starts in data
	key   *bulk.Key
	// numbered is key.Numbered(): unless nil, ids of up to 16 bytes (all
	// the run takes) may be numbered ones (bulk.Dense); the others are
	// hashed inline (bulk.Short).
	numbered *bulk.Dense
	// padded hashes the ids of numbered's form, when it is short and
	// padded, for HashWord (see bulk.Padded); hasPadded says it does.
	padded    bulk.Padded
	hasPadded bool
	// num is the assembly loop's form of numbered's ids, and useNum says
	// the run tries that loop (see runnumbered.go); numWait is how many
	// lines the Go loop takes before it tries again, after it took none,
	// and numBackoff how many the next time.
	num                 numberedArgs
	useNum              bool
	numWait, numBackoff int

	// The last date: its day, and its text's length and words (as
	// bulk.Words reads an id); a length of -1 before any date.
	day            int32
	dateLen        int
	dateLo, dateHi uint64
	// The text of a line's new date is data[dateFrom:dateTo].
	dateFrom, dateTo int

	// The last id: where it starts in data (once the run has taken a
	// line), its length and its words (see idWords).
	idFrom, idLen int
	idLo, idHi    uint64
}

// idWords returns the words that tell an id of up to 16 bytes from
// another of its length, word being its bytes' as bulk.WordOf reads an id
// of up to 8: that word alone for such an id, which the run has at hand
// (bulk.Words, which it needs only to hash an id that is not numbered,
// cost a tenth of the parse's instructions), else bulk.Words.
func idWords(id []byte, word uint64) (lo, hi uint64) {
	if len(id) <= 8 {
		return word, 0
	}
	return longWords(id)
}

// longWords is bulk.Words, in a call of its own so that idWords, with
// it inlined, is inlined into the run's loop: a call a line there cost
// the loop the registers it keeps across the call.
//
//go:noinline
func longWords(id []byte) (lo, hi uint64) { return bulk.Words(id) }

// plainRun adds the plain lines of b's data from start on to b's orders,
// and returns where the first line it did not take starts.
func (p *parser) plainRun(b *block, s *lineScratch, start int) int {
	r := run{data: b.data, out: b.orders[len(b.orders):cap(b.orders)], start: start, key: &p.key,
		numbered: p.key.Numbered(), idLen: len(s.prev), dateLen: -1}
	if len(s.prev) <= 16 {
		// (Before the first line, an empty id: no id is empty.)
		var word uint64
		if len(s.prev) <= 8 {
			word = bulk.WordOf(s.prev)
		}
		r.idLo, r.idHi = idWords(s.prev, word)
	}
	if r.numbered != nil {
		r.padded, r.hasPadded = r.numbered.Padded()
		if runNumbered {
			r.num, r.useNum = numberedForm(r.numbered)
			r.numBackoff = 1
		}
	}
	if p.dateSet {
		r.setDate(p.date, p.dateText)
	}
	for r.lines() && r.newDate(p) {
	}
	if r.taken > 0 {
		s.prev = b.data[r.idFrom : r.idFrom+r.idLen]
	}
	b.orders = b.orders[:len(b.orders)+r.taken]
	b.lines += r.taken
	b.rows += r.taken
	return r.start
}

// setDate makes d, whose text is text, the run's date.
func (r *run) setDate(d segment.Date, text []byte) {
	r.day, r.dateLen = int32(d.Sub(segment.Date{})), -1
	if n := len(text); n >= 8 && n <= 16 {
		r.dateLen = n
		r.dateLo, r.dateHi = bulk.Words(text)
	}
}

// newDate parses the date of the line at r.start, which differs from the
// run's, and makes it the run's, and the parser's; it reports whether the
// date is valid and one the run can compare (8 to 16 bytes), so that the
// run can take its line.
func (r *run) newDate(p *parser) bool {
	date := r.data[r.dateFrom:r.dateTo]
	d, err := segment.ParseDateBytes(date)
	if err != nil {
		return false
	}
	p.setDate(d, date)
	r.setDate(d, date)
	return r.dateLen >= 0
}

// lines adds plain lines from r.start on, while their date is the run's,
// and reports whether it stopped at a plain line but for its date. What
// changes from line to line is in locals, what changes seldom in r.
func (r *run) lines() (newDate bool) {
	data, out, k, start := r.data, r.out, r.taken, r.start
	idFrom := r.idFrom
	// The run reads whole windows of data: the last runRoom bytes are
	// left to the one-line paths, so the bytes it reads are the data's.
	for start <= len(data)-runRoom && k < len(out) {
		if r.useNum {
			if r.numWait > 0 {
				r.numWait--
			} else {
				was := k
				if k, start, idFrom = r.numberedLines(k, start, idFrom); k == was {
					r.numWait, r.numBackoff = r.numBackoff, min(2*r.numBackoff, maxRunWait)
				} else {
					r.numBackoff = 1
				}
				if start > len(data)-runRoom || k == len(out) {
					break
				}
			}
		}
		w := data[start : start+runRoom]
		w0 := binary.LittleEndian.Uint64(w)
		// Three bits past the window's 32 stand for ends it lacks (and
		// setting the last again tells the compiler that no count is of
		// a zero word).
		ends := pairEnds(w) | pairEnds(w[16:])<<16 | 7<<32
		idEnd := bits.TrailingZeros64(ends)
		ends &= ends - 1
		dateEnd := bits.TrailingZeros64(ends | 4<<32)
		ends &= ends - 1
		lineEnd := bits.TrailingZeros64(ends | 4<<32) // 32 or more if the line is longer
		if lineEnd >= 32 || uint(idEnd-1) >= 16 || w[idEnd] != ',' || w[dateEnd] != ',' {
			break // idEnd-1 >= 16: the id is empty or too long for bulk.Words
		}
		next := start + lineEnd + 1
		if c := w[lineEnd]; c != '\n' {
			if c != '\r' || w[lineEnd+1] != '\n' {
				break
			}
			next++
		}
		id := w[:idEnd]
		if (byte(w0) | id[idEnd-1]) >= 0x80 {
			break // it may end with a multi-byte space, which trimming cuts
		}
		// A date of other than 8 to 16 bytes differs in length from the
		// run's, whose length is one of those (or -1).
		date := w[idEnd+1 : dateEnd]
		if lo, hi := bulk.Words(date); len(date) != r.dateLen || lo != r.dateLo || hi != r.dateHi {
			r.dateFrom, r.dateTo, newDate = start+idEnd+1, start+dateEnd, true
			break
		}
		// The amount: a sign, then up to 8 bytes read as a word (as
		// fastMicros reads it, by amountWord's steps).
		from := dateEnd + 1
		neg := bit(w[from&31] == '-')
		from += int(neg)
		n := lineEnd - from
		if uint(n-1) >= 8 {
			break
		}
		word := binary.LittleEndian.Uint64(w[from:])
		field := fieldBytes(n)
		dot := zeroBytes(word^dots) & field
		digits, ok := amountDigits(word, dot, field)
		if !ok {
			break
		}
		frac := fracDigits(dot, n)
		if frac > 6 {
			break // seven decimals round: fastLine's
		}
		micros := bulk.DecimalMicros(amountValue(digits, dot, n), frac, neg)
		// The id's bytes as the window's first word has them, those past
		// the id cleared (1<<64 is 0 in Go: an id of 8 or more keeps all
		// 8): bulk.WordOf of an id of up to 8 bytes, for the line and the
		// hash.
		idWord := w0 & (uint64(1)<<(8*idEnd) - 1)
		lo, hi := idWords(id, idWord)
		// One comparison, not three: repeats come and go at random.
		repeat := uint64(idEnd^r.idLen)|(lo^r.idLo)|(hi^r.idHi) == 0
		r.idLen, r.idLo, r.idHi = idEnd, lo, hi
		// A repeat's hash and id are set too: the ledger does not read
		// them, and setting them takes no branch on the repeat.
		o := &out[k]
		h, numbered := uint64(0), false
		if r.numbered != nil {
			switch {
			case r.hasPadded:
				h, numbered = r.padded.Hash(idWord, idEnd) // an id over 8 bytes is not of the form
			case uint(idEnd-1) < 8:
				h, numbered = r.numbered.HashWord(idWord, idEnd)
			default:
				h, numbered = r.numbered.HashWords(lo, hi, idEnd) // 9 to 16 bytes: lo, hi are bulk.Words
			}
		}
		if !numbered {
			a, b := bulk.Words(id)
			h = bulk.Short(r.key, a, b, idEnd)
		}
		o.Hash = h
		o.Micros = micros
		o.SetIDWord(idWord, idEnd, start)
		o.Day = r.day
		o.Flags, o.Known, o.Repeat = 0, 0, repeat
		idFrom = start
		k++
		start = next
	}
	r.idFrom = idFrom
	r.taken, r.start = k, start
	return newDate
}

// pairEnds returns the mask of the bytes of w's first 16 that may end a
// field, a bit a byte (the bytes below '-', see ascii.BelowDash).
func pairEnds(w []byte) uint64 {
	return wordEnds(w) | wordEnds(w[8:])<<8
}

// wordEnds returns the mask of the bytes of w's first 8 that may end a
// field.
func wordEnds(w []byte) uint64 {
	return byteMask7(ascii.BelowDash(binary.LittleEndian.Uint64(w)))
}

// byteMask7 is byteMask without its shift: the constant is shifted
// instead, which moves every term by the same amount.
func byteMask7(high uint64) uint64 {
	return high * (0x0102040810204080 >> 7) >> 56
}
