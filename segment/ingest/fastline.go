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
// the fields' ends are found a word (8 bytes) at a time and the values
// read without the general path's record, trimming and checks, which cost
// about three times as much. Any other line, and every line of a layout
// with flag columns, takes the general path (parser.generalLine), which decides
// what the line means or what is wrong with it, so the fast path never
// has to report anything.

// maxFastColumns bounds the header's columns for the fast path.
const maxFastColumns = 8

// fast reports whether the parser's layout can take the fast path.
func (p *parser) fast() bool {
	c := &p.cols
	return len(p.names) <= maxFastColumns && c.ret < 0 && c.disc < 0 && c.newProd < 0 && c.premium < 0
}

// fastLine returns the ledger's line for a plain raw line (without its
// line end) and its customer id, or ok false when the line is not plain.
func (p *parser) fastLine(raw []byte) (ln bulk.Line, id []byte, ok bool) {
	var ends [maxFastColumns]int
	if splitCommas(raw, ends[:len(p.names)]) != len(p.names) {
		return bulk.Line{}, nil, false
	}
	c := &p.cols
	id = field(raw, &ends, c.id)
	if !untrimmed(id) {
		return bulk.Line{}, nil, false
	}
	if date := field(raw, &ends, c.date); !p.dateSet || !bytes.Equal(date, p.dateText) {
		d, err := segment.ParseDateBytes(date)
		if err != nil {
			return bulk.Line{}, nil, false
		}
		p.date, p.dateText, p.dateSet = d, append(p.dateText[:0], date...), true
	}
	amount, ok := fastAmount(field(raw, &ends, c.amount))
	if !ok {
		return bulk.Line{}, nil, false
	}
	return bulk.Line{Amount: amount, Day: int32(p.date.Sub(segment.Date{}))}, id, true
}

// field returns field col of line, whose fields end at ends.
func field(line []byte, ends *[maxFastColumns]int, col int) []byte {
	from := 0
	if col > 0 {
		from = ends[col-1] + 1
	}
	return line[from:ends[col]]
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

// commas is a word of ',' bytes.
const commas = 0x2c2c2c2c2c2c2c2c

// zeroBytes returns the high bit of each byte of v that is zero, and no
// other bit: exact, unlike the shorter test for whether any byte is zero,
// since no byte's sum carries into the next.
func zeroBytes(v uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	t := (v & low7) + low7 // a byte's high bit: its low 7 bits are not all 0
	return ^(t | v | low7)
}

// fastAmount parses [-]digits[.digits] with 1 to 15 digits and at most
// segment.MaxAmount, as parseAmount does; ok is false for anything else,
// which parseAmount then decides.
func fastAmount(b []byte) (v float64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
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
