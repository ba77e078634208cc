// Package bulk is the private way from segment/ingest into a
// segment.Ledger: the CSV reader parses its blocks into Lines, which the
// ledger adds without a segment.Order being made of each, and without the
// customer id becoming a string (the ledger copies the bytes of a new id
// and only compares the others).
//
// Its only code is the hash of customer ids (hash.go), which both sides
// make: package segment sets the functions when it is initialised, since
// this package cannot import segment (segment imports it for Line).
package bulk

import "hash/maphash"

// Line is one valid order line of a block of input.
type Line struct {
	Hash     uint64  // of the customer id: HashBytes(&key, id), key = NewKey(Seed(l)); not read for a Repeat
	Amount   float64 // as segment.Order.Amount
	From, To uint32  // the customer id is data[From:To] of the block; not read for a Repeat
	Day      int32   // the date d as d.Sub(segment.Date{})
	Flags    uint8   // as segment.Order.Flags
	Known    uint8   // as segment.Order.Known
	Repeat   bool    // the customer of the line before it; never the first line
}

var (
	// Seed returns the seed with which ledger (a *segment.Ledger) hashes
	// customer ids, choosing it if not yet chosen.
	Seed func(ledger any) maphash.Seed

	// Add adds lines, whose ids are in data, to ledger (a *segment.Ledger)
	// as adding their orders one by one with Ledger.Add would. Every line
	// must be valid as Order.Validate checks. Add keeps neither data nor
	// lines.
	Add func(ledger any, data []byte, lines []Line)
)
