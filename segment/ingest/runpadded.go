package ingest

import (
	"runtime"
	"unsafe"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The padded run: plainRun's loop (run.lines) in assembly, for the lines
// whose customer id has the ledger's padded numbered form (C0000772: a
// prefix and a number of a fixed width, 8 bytes at most), the ids most
// order logs have. It takes such lines while it can and stops at the
// first other line, which the Go loop then takes or refuses as it would
// have: the assembly decides nothing the Go loop would decide otherwise,
// it only decides it in fewer instructions (a line's field ends from two
// SSE2 compares instead of four words' worth of bit tricks, the
// constants in registers, nothing spilled: about 150 instructions a line
// where the Go loop took about 375, on the 1M-customer file; see
// BENCHMARKS.md, "The twenty-second round"). Where there is no assembly
// (not amd64), haveRunPadded is false and the Go loop takes every line.

// runPadded says whether the run tries the assembly loop; tests turn it
// off to compare the two.
var runPadded = haveRunPadded

// paddedArgs is what the assembly loop (runPaddedLines) reads and
// writes; its layout is read through go_asm.h. Addresses are uintptrs:
// the caller keeps the data and the lines alive, and neither moves.
type paddedArgs struct {
	p     uintptr // in and out: the next line's start
	limit uintptr // the last start with runRoom bytes after it
	o     uintptr // in and out: the next line's place in out
	oEnd  uintptr // the end of out
	prev  uint64  // in and out: the last id's word, ^0 if not of the form
	last  uintptr // out: the start of the last line taken
	// The run's date: its text's length (-1 if none the run compares)
	// and words, and the last 8 bytes of every line it writes (the day,
	// no flags, the id's length in Short: tail | repeat<<48).
	dateLen        int
	dateLo, dateHi uint64
	tail           uint64
	// The form (bulk.PaddedParts), and the mask of an id's N bytes.
	n                    int
	idMask, prefix, mask uint64
	at, up, pad          uint64
}

// paddedForm returns the assembly loop's form for the run's ids, and
// whether it can take them: it can when the form is padded and its
// prefix ASCII (the Go loop leaves a line that starts with a byte of
// 0x80 or over to trimming, which the assembly does not check for).
func paddedForm(pd *bulk.Padded) (paddedArgs, bool) {
	f := pd.Parts()
	if f.N < 1 || f.N > 8 || f.Prefix&0x8080808080808080 != 0 {
		return paddedArgs{}, false
	}
	return paddedArgs{n: f.N, idMask: ^uint64(0) >> (64 - 8*f.N), prefix: f.Prefix, mask: f.Mask,
		at: uint64(f.At), up: uint64(f.Up), pad: f.Pad}, true
}

// paddedLines runs the assembly loop from start on, the next line going
// to out[k], and returns where it stopped: the start of the first line
// it did not take, and the next k. It keeps r's last id up to date, and
// returns in idFrom the start of the last line it took (idFrom itself if
// none).
func (r *run) paddedLines(k, start, idFrom int) (int, int, int) {
	a := &r.pad
	base := uintptr(unsafe.Pointer(unsafe.SliceData(r.data)))
	outBase := uintptr(unsafe.Pointer(unsafe.SliceData(r.out)))
	const lineSize = unsafe.Sizeof(bulk.Line{})
	a.p, a.limit = base+uintptr(start), base+uintptr(len(r.data)-runRoom)
	a.o, a.oEnd = outBase+uintptr(k)*lineSize, outBase+uintptr(len(r.out))*lineSize
	a.prev = ^uint64(0)
	if r.idLen == a.n && r.idHi == 0 {
		a.prev = r.idLo
	}
	a.dateLen, a.dateLo, a.dateHi = r.dateLen, r.dateLo, r.dateHi
	a.tail = uint64(uint32(r.day)) | uint64(a.n)<<56
	runPaddedLines(a)
	runtime.KeepAlive(r.data)
	runtime.KeepAlive(r.out)
	taken := int((a.o-outBase)/lineSize) - k
	if taken > 0 {
		r.idLen, r.idLo, r.idHi = a.n, a.prev, 0
		idFrom = int(a.last - base)
	}
	return k + taken, int(a.p - base), idFrom
}
