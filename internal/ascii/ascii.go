// Package ascii tests the bytes of a word at once, for the CSV reader
// (segment/ingest: where a field ends) and the shop's CSV writer (whether
// a cell needs quotes): the bytes they look for are all below '-'.
package ascii

// highs is each byte's high bit.
const highs = 0x8080808080808080

// BelowDash returns the high bit of each byte of v that is ASCII and
// below '-' (the comma, line ends, spaces, quotes, controls), and no
// other bit. Setting each byte's high bit before the subtraction keeps
// any byte from borrowing from the next.
func BelowDash(v uint64) uint64 {
	t := (v | highs) - 0x2d2d2d2d2d2d2d2d // a byte's high bit: its low 7 bits are '-' or above
	return ^(t | v) & highs
}
