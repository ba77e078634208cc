package ingest

import (
	"math/bits"
	"runtime"
	"unsafe"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The numbered run: plainRun's loop (run.lines) in assembly, for the
// lines whose customer id has the ledger's numbered form (a prefix, then
// a number: C0000772, 100234, C772, CU-0000772; 16 bytes at most), the
// ids most order logs have. It takes such lines while it can and stops
// at the first other line, which the Go loop then takes or refuses as it
// would have: the assembly decides nothing the Go loop would decide
// otherwise, it only decides it in fewer instructions (a line's field
// ends from two SSE2 compares instead of four words' worth of bit
// tricks, the constants and the loop's state in registers, nothing
// spilled; see BENCHMARKS.md, "The twenty-second round"). Where there is
// no assembly (not amd64), haveRunNumbered is false and the Go loop
// takes every line.

// runNumbered says whether the run tries the assembly loop; tests turn
// it off to compare the two.
var runNumbered = haveRunNumbered

// numberedArgs is what the assembly loop (runNumberedLines) reads and
// writes; its layout is read through go_asm.h. Addresses are uintptrs:
// the caller keeps the data and the lines alive, and neither moves.
type numberedArgs struct {
	p     uintptr // in and out: the next line's start
	limit uintptr // the last start with runRoom bytes after it
	o     uintptr // in and out: the next line's place in out
	oEnd  uintptr // the end of out
	// prev is the last id's word (bulk.WordOf), in and out: an id the
	// loop takes has no byte below '-', so that its word alone tells it
	// from another; ^0 when the last id is not one the loop could take.
	// In a long form, prev, prevB and prevLen are the last id's words (as
	// bulk.Words reads them) and length, and curA, curB and curLen the
	// line's, made the last id's once it is taken.
	prev    uint64
	prevB   uint64
	prevLen int
	//lint:ignore U1000 the assembly's scratch
	curA, curB uint64
	//lint:ignore U1000 the assembly's scratch
	curLen int
	last   uintptr // out: the start of the last line taken
	// The run's date: its text's length (-1 if none the run compares)
	// and words, and its day as a line's last 8 bytes have it.
	dateLen        int
	dateLo, dateHi uint64
	day            uint64
	// The form (bulk.ShortForm, or bulk.LongForm if long is 1): n is the
	// ids' length if padded, else 0, and maxLen their most; at is 8
	// times the prefix's length; prefix and mask are the prefix's bytes
	// and their mask (a long form's head), tail a long form's tail.
	long, n, maxLen, plen int
	at                    uint64
	prefix, mask, tail    uint64
	zeros                 uint64  // '0' in every byte
	base                  uintptr // the data's start, for a long id's place
	// twoOnly, if 1, shuts the general amount path: the loop then takes
	// only the amounts of two decimals and no sign, so that a test sees
	// that their path takes them.
	twoOnly int
}

// numberedForm returns the assembly loop's form of the ids d numbers,
// and whether it can take them: when the form is fixed and its prefix
// ASCII (the Go loop leaves a line that starts with a byte of
// 0x80 or over to trimming, which the assembly does not check for).
func numberedForm(d *bulk.Dense) (numberedArgs, bool) {
	const high = 0x8080808080808080
	a := numberedArgs{zeros: 0x3030303030303030}
	var width int
	if f, ok := d.ShortForm(); ok {
		if f.Prefix&high != 0 || f.PrefixLen+f.Width > 8 {
			return numberedArgs{}, false
		}
		a.maxLen, a.plen, a.at, a.prefix, a.mask = 8, f.PrefixLen, 8*uint64(f.PrefixLen), f.Prefix, f.Mask
		width = f.Width
	} else if f, ok := d.LongForm(); ok {
		if (f.Head|f.Tail)&high != 0 || f.PrefixLen+f.Width > 16 {
			return numberedArgs{}, false
		}
		a.long, a.maxLen, a.plen, a.prefix, a.mask, a.tail = 1, 16, f.PrefixLen, f.Head, f.HeadMask, f.Tail
		width = f.Width
	} else {
		return numberedArgs{}, false
	}
	if width != 0 {
		a.n = a.plen + width
	}
	return a, true
}

// numberedLines runs the assembly loop from start on, the next line
// going to out[k], and returns where it stopped: the next k and the
// start of the first line it did not take. It keeps r's last id up to
// date, and returns in idFrom the start of the last line it took
// (idFrom itself if none).
func (r *run) numberedLines(k, start, idFrom int) (int, int, int) {
	a := &r.num
	base := uintptr(unsafe.Pointer(unsafe.SliceData(r.data)))
	outBase := uintptr(unsafe.Pointer(unsafe.SliceData(r.out)))
	const lineSize = unsafe.Sizeof(bulk.Line{})
	a.p, a.limit = base+uintptr(start), base+uintptr(len(r.data)-runRoom)
	a.o, a.oEnd = outBase+uintptr(k)*lineSize, outBase+uintptr(len(r.out))*lineSize
	a.base = base
	a.prev = ^uint64(0)
	switch {
	case a.long != 0: // compared as the Go loop compares them
		a.prev, a.prevB, a.prevLen = r.idLo, r.idHi, r.idLen
	case r.idHi == 0 && r.idLen >= 1 && r.idLen <= 8 && wordLen(r.idLo) == r.idLen:
		a.prev = r.idLo // (an id that ends in a 0 byte would read as a shorter one)
	}
	a.dateLen, a.dateLo, a.dateHi = r.dateLen, r.dateLo, r.dateHi
	a.day = uint64(uint32(r.day))
	runNumberedLines(a)
	runtime.KeepAlive(r.data)
	runtime.KeepAlive(r.out)
	taken := int((a.o-outBase)/lineSize) - k
	if taken > 0 {
		if a.long != 0 {
			r.idLen, r.idLo, r.idHi = a.prevLen, a.prev, a.prevB
		} else {
			r.idLen, r.idLo, r.idHi = wordLen(a.prev), a.prev, 0
		}
		idFrom = int(a.last - base)
	}
	return k + taken, int(a.p - base), idFrom
}

// wordLen is the length of the id whose word is w, if it has no 0 byte.
func wordLen(w uint64) int { return (bits.Len64(w) + 7) / 8 }
