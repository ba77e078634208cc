package ingest

import (
	"bytes"
	"encoding/binary"
	"math/bits"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The block reader's fast path. Most lines of a large order log are
// plain: as many fields as the header, an id with nothing to trim, the
// date of the line before, an amount of at most 15 digits. For such a line
// the fields' ends are found from a mask of its commas, the amount is
// read as one word, and the values are read without the general path's
// record, trimming and checks, which cost about three times as much; no
// branch there depends on where the commas or the dot fall. Any other line, and every line of a layout
// with flag columns, takes the general path (parser.generalLine), which decides
// what the line means or what is wrong with it, so the fast path never
// has to report anything.

// maxFastColumns bounds the header's columns for the fast path. It is a
// power of two: fieldBounds' indexes are masked with it less one, which
// spares their bounds checks.
const maxFastColumns = 8

// fast reports whether the parser's layout can take the fast path.
func (p *parser) fast() bool {
	c := &p.cols
	return len(p.names) <= maxFastColumns && c.ret < 0 && c.disc < 0 && c.newProd < 0 && c.premium < 0
}

// fastLine adds the line raw (without its line end), which starts at
// start in b's data, to b's orders if it is plain, and reports whether it
// was. raw's capacity may run past its end into the rest of the block,
// which lets short lines be read a whole word at a time.
func (p *parser) fastLine(b *block, s *lineScratch, raw []byte, start int) bool {
	var bounds fieldBounds
	if !bounds.split(raw, len(p.names)) {
		return false
	}
	c := &p.cols
	id := bounds.field(raw, c.id)
	if !untrimmed(id) {
		return false
	}
	if date := bounds.field(raw, c.date); !p.sameDate(date) {
		d, err := segment.ParseDateBytes(date)
		if err != nil {
			return false
		}
		p.setDate(d, date)
	}
	micros, ok := fastMicros(bounds.field(raw, c.amount))
	if !ok {
		return false
	}
	b.rows++
	// The difference of the capacities of raw and id is where id starts in raw.
	p.add(b, s, bulk.Line{Micros: micros, Day: int32(p.date.Sub(segment.Date{}))}, id, start+cap(raw)-cap(id))
	return true
}

// sameDate reports whether date is the text of the last date parsed. A
// date of ten bytes (as 2024-01-31) is compared in two loads rather than
// by a call to bytes.Equal.
func (p *parser) sameDate(date []byte) bool {
	if len(date) == 10 && len(p.dateText) == 10 {
		return p.dateSet && binary.LittleEndian.Uint64(date) == binary.LittleEndian.Uint64(p.dateText) &&
			binary.LittleEndian.Uint16(date[8:]) == binary.LittleEndian.Uint16(p.dateText[8:])
	}
	return p.dateSet && bytes.Equal(date, p.dateText)
}

// setDate makes d, whose text is date, the last date parsed.
func (p *parser) setDate(d segment.Date, date []byte) {
	p.date, p.dateText, p.dateSet = d, append(p.dateText[:0], date...), true
}

// fieldBounds holds where each field of a line ends: field f is
// line[at[f]+1 : at[f+1]], at[0] being -1. (Its length, twice the
// columns, lets field index it without a bounds check.)
type fieldBounds struct{ at [2 * maxFastColumns]int }

// field returns field col (less than maxFastColumns) of line.
func (b *fieldBounds) field(line []byte, col int) []byte {
	col &= maxFastColumns - 1
	return line[b.at[col]+1 : b.at[col+1]]
}

// split finds the ends of line's fields, and reports whether it has n
// (1 to maxFastColumns). A line of up to 64 bytes with room to read 32
// or 64 bytes from its start takes a mask of its commas, a bit a byte,
// and the ends are its set bits in turn: the loop runs once per comma,
// as many times on every line of a file, so its branch is always
// predicted. Other lines are scanned a word at a time.
func (b *fieldBounds) split(line []byte, n int) bool {
	var mask uint64
	switch {
	case len(line) <= 32 && cap(line) >= 32:
		mask = commaMask32(line[:32])
	case len(line) <= 64 && cap(line) >= 64:
		mask = commaMask32(line[:32]) | commaMask32(line[32:64])<<32
	default:
		b.at[0] = -1
		return splitCommas(line, b.at[1:n+1]) == n
	}
	mask &= 1<<len(line) - 1 // the bytes past the line's end are not its
	b.at[0] = -1
	for f := 1; f < n; f++ {
		// Past the last comma, TrailingZeros64 gives 64, after any
		// end a line of up to 64 bytes can have.
		b.at[f&(maxFastColumns-1)] = bits.TrailingZeros64(mask)
		mask &= mask - 1
	}
	b.at[n&(2*maxFastColumns-1)] = len(line)
	return mask == 0 && b.at[(n-1)&(maxFastColumns-1)] < len(line)
}

// commaMask32 returns the mask of the commas of w's 32 bytes.
func commaMask32(w []byte) uint64 {
	_ = w[31]
	return byteMask(zeroBytes(binary.LittleEndian.Uint64(w[0:])^commas)) |
		byteMask(zeroBytes(binary.LittleEndian.Uint64(w[8:])^commas))<<8 |
		byteMask(zeroBytes(binary.LittleEndian.Uint64(w[16:])^commas))<<16 |
		byteMask(zeroBytes(binary.LittleEndian.Uint64(w[24:])^commas))<<24
}

// byteMask gathers the high bits of a word's 8 bytes (as zeroBytes sets
// them) into its low 8 bits, byte i's into bit i: the multiplication puts
// each in its own bit of the top byte, and no two of its terms overlap,
// so nothing carries.
func byteMask(high uint64) uint64 {
	return (high >> 7) * 0x0102040810204080 >> 56
}

// splitCommas writes where each comma-separated field of line ends into
// ends, and returns the number of fields; more fields than len(ends)
// return len(ends)+1.
func splitCommas(line []byte, ends []int) int {
	n := 0
	i := 0
	for ; i+8 <= len(line); i += 8 {
		for m := zeroBytes(binary.LittleEndian.Uint64(line[i:]) ^ commas); m != 0; m &= m - 1 {
			if n == len(ends) {
				return n + 1
			}
			ends[n] = i + bits.TrailingZeros64(m)/8
			n++
		}
	}
	for ; i < len(line); i++ {
		if line[i] == ',' {
			if n == len(ends) {
				return n + 1
			}
			ends[n] = i
			n++
		}
	}
	if n == len(ends) {
		return n + 1
	}
	ends[n] = len(line)
	return n + 1
}

// Words of one byte repeated.
const (
	commas = 0x2c2c2c2c2c2c2c2c // ','
	dots   = 0x2e2e2e2e2e2e2e2e // '.'
	zeros  = 0x3030303030303030 // '0'
	highs  = 0x8080808080808080 // each byte's high bit
)

// zeroBytes returns the high bit of each byte of v that is zero, and no
// other bit: exact, unlike the shorter test for whether any byte is zero,
// since no byte's sum carries into the next.
func zeroBytes(v uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	t := (v & low7) + low7 // a byte's high bit: its low 7 bits are not all 0
	return ^(t | v | low7)
}

// fastMicros parses [-]digits[.digits] with 1 to 15 digits and at most
// segment.MaxAmount, as parseAmount does, into the ledger's micros
// (bulk.Micros of the amount); ok is false for anything else, which
// parseAmount then decides. Up to 8 bytes after the sign, with room to
// read 8, are parsed as one word (amountWord), without a loop whose
// length changes from line to line, and turned into micros without a
// float (bulk.DecimalMicros).
func fastMicros(b []byte) (m int64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) > 0 && len(b) <= 8 && cap(b) >= 8 {
		// At most 8 digits: far below segment.MaxAmount.
		mant, frac, ok := amountWord(binary.LittleEndian.Uint64(b[:8]), len(b))
		if frac > 6 {
			return bulk.SeventhMicros(mant, neg), ok
		}
		return bulk.DecimalMicros(mant, frac, bit(neg)), ok
	}
	v, ok := fastAmountDigits(neg, b)
	return bulk.Micros(v), ok
}

// amountWord parses the first n bytes (1 to 8) of w, little-endian, as
// digits with at most one dot, the way fastAmountDigits does: it returns
// the digits as a number and how many follow the dot, or ok false. Its
// steps are small enough to be inlined in plainRun's loop.
func amountWord(w uint64, n int) (mant uint64, frac int, ok bool) {
	field := fieldBytes(n)
	dot := zeroBytes(w^dots) & field
	d, ok := amountDigits(w, dot, field)
	return amountValue(d, dot, n), fracDigits(dot, n), ok
}

// fieldBytes returns the mask of a word's first n bytes (1 to 8).
func fieldBytes(n int) uint64 {
	return ^uint64(0) >> ((64 - 8*n) & 63)
}

// amountDigits returns the value of each byte of w as a digit, the
// dot's reading 0 (and the bytes past the field, garbage), and whether
// the bytes of field (a mask of whole bytes) are digits and at most one
// dot, at least one a digit; dot is the dot's byte, its high bit set, or
// 0.
func amountDigits(w, dot, field uint64) (d uint64, ok bool) {
	// The dot read as '0': then every byte must be a digit, which is
	// the case when none is above '9' (+0x46 sets the high bit), below
	// '0' (-0x30 sets it) or has the high bit set. Below the first byte
	// that is not a digit no byte carries or borrows, so that byte sets
	// its high bit; above the field carries do not matter.
	x := w ^ dot>>7*('.'^'0')
	bad := ((x + 0x4646464646464646) | (x - zeros) | x) & highs & field
	// At least one digit: the field is more than the dot.
	ok = bad|dot&(dot-1) == 0 && field != dot>>7*0xff
	return x - zeros, ok
}

// amountValue returns the number the digits d of a field of n bytes make
// without the dot, dot being the dot's byte (see amountDigits).
func amountValue(d, dot uint64, n int) uint64 {
	return digitsValue(withoutDot(d, dot, n-hasDot(dot)))
}

// fracDigits returns how many of a field's n bytes follow the dot, dot
// being the dot's byte (see amountDigits), 0 if there is none.
func fracDigits(dot uint64, n int) int {
	// The top bit, beyond any dot's, spares the count its test of zero.
	return (n - 1 - bits.TrailingZeros64(dot|1<<63)>>3) & -hasDot(dot)
}

// hasDot is 1 if dot is not 0, else 0.
func hasDot(dot uint64) int {
	return int((dot | -dot) >> 63)
}

// withoutDot returns the digits d without the dot's byte (see
// amountDigits), those above it moved down a byte over its 0, the first
// digit in the lowest byte; then moved up so that the bytes left empty
// are leading zeros and those past the field's digits go.
func withoutDot(d, dot uint64, digits int) uint64 {
	below := dot>>7 - 1 // all ones if there is no dot
	d = d&below | d&^below>>8
	return d << ((64 - 8*digits) & 63)
}

// digitsValue returns the number the 8 digits of d make, the first in
// the lowest byte: pairs of digits, then fours, then eights (the usual
// multiply and shift steps).
func digitsValue(d uint64) uint64 {
	d = d * 2561 >> 8
	d = (d & 0x00ff00ff00ff00ff) * 6553601 >> 16
	return (d & 0x0000ffff0000ffff) * 42949672960001 >> 32
}

// bit is 1 if b, else 0.
func bit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// fastAmountDigits is fastAmount for the bytes after the sign, a byte at a
// time.
func fastAmountDigits(neg bool, b []byte) (v float64, ok bool) {
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	var mant uint64
	dot := -1
	for i, c := range b {
		if d := c - '0'; d < 10 {
			mant = mant*10 + uint64(d)
		} else if c == '.' && dot < 0 {
			dot = i
		} else {
			return 0, false
		}
	}
	digits, frac := len(b), 0
	if dot >= 0 {
		digits, frac = digits-1, len(b)-1-dot
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v = float64(mant) / pow10[frac]
	if v > segment.MaxAmount {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}
