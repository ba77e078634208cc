// Package bulk is the private way from segment/ingest into a
// segment.Ledger: the CSV reader parses its blocks into Lines, which the
// ledger adds without a segment.Order being made of each, and without the
// customer id becoming a string (the ledger takes an id of up to 8 bytes
// from its line, Line.ID, and a longer one from the block's bytes, which
// it copies for a new customer and only compares for the others).
//
// Its only code is the hash of customer ids (hash.go), which both sides
// make: package segment sets the functions when it is initialised, since
// this package cannot import segment (segment imports it for Line).
package bulk

import (
	"math"
)

// Line is one valid order line of a block of input.
type Line struct {
	Hash   uint64 // of the customer id: HashBytes(&key, id), key = KeyOf(l); not read for a Repeat
	Micros int64  // segment.Order.Amount in millionths, as the ledger rounds it (Micros)
	// ID is the customer id (set by SetID; not read for a Repeat): an id
	// of at most 8 bytes as its bytes (WordOf), which is the form in
	// which the ledger's index keeps and compares such an id, and Short
	// its length; a longer one as where it is in the block's data (Span),
	// and Short 0. Taken from the line, a short id need not be read in
	// data, which by then has left the core's cache: on the 1M-customer
	// file, a miss for each new customer. In one word with the span, the
	// line stays 32 bytes.
	ID     uint64
	Day    int32 // the date d as d.Sub(segment.Date{})
	Flags  uint8 // as segment.Order.Flags
	Known  uint8 // as segment.Order.Known
	Repeat bool  // the customer of the line before it; never the first line
	Short  uint8 // the length of a short id (see ID), 0 for a longer one
}

// SetID sets the line's id to id, which starts at from in the block's
// data. Ids are never empty, and a block's data is under 4 GiB (a longer
// id's place is two 32-bit offsets; segment/ingest reads lines over 1
// GiB, which need such blocks, record by record).
func (ln *Line) SetID(id []byte, from int) {
	var word uint64
	if len(id) <= 8 {
		word = WordOf(id)
	}
	ln.SetIDWord(word, len(id), from)
}

// SetIDWord is SetID for an id of n bytes from from, whose word (WordOf)
// the caller has at hand: word is read only when n is at most 8.
func (ln *Line) SetIDWord(word uint64, n, from int) {
	if n <= 8 {
		ln.ID, ln.Short = word, uint8(n)
		return
	}
	ln.ID, ln.Short = uint64(from)|uint64(from+n)<<32, 0
}

// Span returns where a long id (Short 0) is in the block's data:
// data[from:to].
func (ln *Line) Span() (from, to int) { return int(uint32(ln.ID)), int(ln.ID >> 32) }

// WordOf returns an id of at most 8 bytes as a word: its bytes,
// little-endian, the rest zero. The index keeps such an id in its slot so
// (Line.ID).
func WordOf[ID ~string | ~[]byte](id ID) uint64 {
	if len(id) == 8 {
		// One load, not eight (the compiler combines them).
		return uint64(id[0]) | uint64(id[1])<<8 | uint64(id[2])<<16 | uint64(id[3])<<24 |
			uint64(id[4])<<32 | uint64(id[5])<<40 | uint64(id[6])<<48 | uint64(id[7])<<56
	}
	w := uint64(0)
	for i := len(id) - 1; i >= 0; i-- {
		w = w<<8 | uint64(id[i])
	}
	return w
}

var (
	// KeyOf returns the key with which ledger (a *segment.Ledger) hashes
	// customer ids, choosing its seed if not yet chosen; copies share the
	// ledger's form of numbered ids (see Dense).
	KeyOf func(ledger any) Key

	// Stream returns a Sink that adds blocks of lines to ledger (a
	// *segment.Ledger), in the order given, as adding their orders one by
	// one with Ledger.Add would, on goroutines of its own.
	Stream func(ledger any) Sink
)

// Sink takes the blocks of a load. Add takes lines, whose ids are in data
// (every line valid as Order.Validate checks), and may return before they
// are in the ledger: it calls release, on the goroutine that calls Add or
// Close, once the ledger is done with data and lines, which it keeps
// until then. It holds at most SinkBlocks blocks between calls. Close
// waits for every block; nothing else may use the ledger before it
// returns.
type Sink interface {
	Add(data []byte, lines []Line, release func())
	Close()
}

// SinkBlocks is the most blocks a Sink holds, not yet released, when Add
// returns: the slack between its workers (see segment's blockStream).
const SinkBlocks = 2

// MicrosPerUnit is the fixed-point scale of amounts inside a ledger.
const MicrosPerUnit = 1e6

// Micros is an amount in millionths, as a ledger keeps it: rounded half
// away from zero.
func Micros(amount float64) int64 { return int64(math.Round(amount * MicrosPerUnit)) }

// DecimalMicros is Micros of the amount mant / 10^frac, frac from 0 to 6
// (a millionth or coarser) and mant below 10^8 (a decimal of at most 8
// bytes), with neg its sign: exact, and without a float or a division.
// It equals Micros of that amount parsed as a float64, which is within
// 2^-53 of it relatively, and so is its times 10^6 of the integer
// mant*10^(6-frac) (below 10^14): that rounds back to it. neg is 1 for a
// negative amount, else 0.
//
// Not inlined: inlined into the CSV reader's loop (plainRun), it left the
// compiler reading one of the loop's words byte by byte, 21 instructions
// a line more than the call costs.
//
//go:noinline
func DecimalMicros(mant uint64, frac int, neg uint64) int64 {
	m := int64(mant) * microsPer[frac&7]
	n := -int64(neg & 1) // 0, or all ones to negate m
	return m ^ n - n
}

// SeventhMicros is DecimalMicros for 7 decimals, which rounds.
func SeventhMicros(mant uint64, neg bool) int64 {
	m := Micros(float64(mant) / 1e7)
	if neg {
		return -m
	}
	return m
}

// microsPer[f] is the micros of a unit of the f-th decimal, 10^(6-f);
// 7 has none (see SeventhMicros).
var microsPer = [8]int64{1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1, 0}
