package bulk

import "sync/atomic"

// Dense is how a ledger recognises numbered customer ids, the most common
// kind (C0000772, 100234: a prefix, then a number), so that its index can
// find them by their number, in an array, rather than by a hash, in a
// table: a look-up then reads 4 bytes a customer instead of a slot of 16
// in a table twice as large, and the tables were about a fifth of the
// CLI's CPU time on the 1M-customer file.
//
// The form is fixed by the first candidate id hashed with the ledger's key
// (whichever goroutine hashes it) and never changes: a prefix, then a
// number of up to 8 digits, padded to a fixed width when the first id's
// number has a leading zero (C0000772: "C" and 7 digits), else written
// without leading zeros (100234, C772: any length). An id of up to 8
// bytes fixes a short form (a prefix of up to 7 bytes), which only ids of
// up to 8 bytes can have; one of 9 to 16 bytes a long form (see
// dense_long.go: CU-0000772, CUSTOMER-000123), which only those can. A key
// fixes the form before it hashes a candidate, so an id always gets the
// same hash: its dense hash when it has the ledger's form and a number
// below DenseLimit, else the keyed hash, which never has DenseMark. Within
// a form, ids and numbers are one to one. Which candidate comes first can
// differ from run to run (the loader hashes blocks on every core), and
// with it which ids are found by number (a log of C0000772 whose first
// hashed id is C1234567 gets the unpadded form, which C0000772 does not
// have): that changes the speed, never a result. The zero Dense has no
// form yet.
type Dense struct {
	form atomic.Uint64 // 0 until fixed; packed as the constants below say
	// The long form, once an id of 9 to 16 bytes has fixed one (form is
	// then formLong); set before form, never changed after.
	long atomic.Pointer[longForm]
}

const (
	// DenseMark is set in a dense hash and in no other.
	DenseMark = 1 << 32
	// DenseLimit bounds the numbers of dense ids, so that an index's
	// arrays for them stay small whatever the ids (16 MB at most, for
	// int32s); larger numbers are hashed.
	DenseLimit     = 1 << denseLimitBits
	denseLimitBits = 22
	// DenseShardBits is how many of a number's low bits a dense hash puts
	// at its top, where an index of 1<<DenseShardBits shards reads the
	// shard: consecutive numbers go to different shards, and each shard's
	// array is indexed by the number's other bits.
	DenseShardBits = 2
)

// The form, packed in a word: the prefix's bytes in the low 56 bits,
// little-endian, then its length (3 bits), then the width of the number
// (4 bits, 0 when unpadded), then a bit that says it is fixed.
const (
	formPrefixLen = 56
	formWidth     = 59
	formFixed     = 1 << 63
	// formLong says the form is long (Dense.long): a prefix of 7 bytes
	// and a width of 15, which no short form has (at most 8 bytes in
	// all) and no id of up to 8 bytes matches.
	formLong = formFixed | 7<<formPrefixLen | 15<<formWidth
)

// byteMask has the low n bytes of a word set (n from 0 to 8).
func byteMask(n int) uint64 {
	if n >= 8 {
		return ^uint64(0)
	}
	return 1<<(8*n) - 1
}

// HashWord returns the dense hash of the id whose n bytes (1 to 8) x
// holds, little-endian (the bytes above them zero), and whether it has
// one; the first candidate fixes the form. The loader calls it for each
// short id, so it is written for few instructions and no branch that a
// log of numbered ids mispredicts.
func (d *Dense) HashWord(x uint64, n int) (uint64, bool) {
	f := d.form.Load()
	if f == 0 {
		if f = d.fix(x, n); f == 0 {
			return 0, false
		}
	}
	p, width := uint(f>>formPrefixLen&7), uint(f>>formWidth&15)
	k := uint(n) - p // the digits; huge if n <= p
	prefix := uint64(1)<<(8*p) - 1
	if k-1 >= 8 || width != 0 && k != width || (x^f)&prefix != 0 {
		return 0, false
	}
	return numberHash(x>>(8*p), k, width)
}

// Padded hashes the ids of a fixed short padded form (C0000772: a prefix
// and a number of a fixed width, 8 bytes at most in all) as HashWord
// does, with the form's shifts and masks worked out once, in one call
// without a branch: HashWord reads and decodes the form, then calls
// numberHash, about a hundred instructions an id on the 1M-customer
// file. The zero Padded hashes no id.
type Padded struct {
	prefix, mask uint64 // the prefix's bytes in an id's word, and their mask
	n            int    // the ids' length, 0 for the zero Padded
	at, up       uint   // the digits' place in the word, and how far up digits moves them
	pad          uint64 // '0's below the digits once moved up
}

// Padded returns the hash of the form's ids when the form is fixed,
// short and padded, and false otherwise.
func (d *Dense) Padded() (Padded, bool) {
	f, ok := d.ShortForm()
	if !ok || f.Width == 0 {
		return Padded{}, false
	}
	up := uint(64-8*f.Width) & 63
	return Padded{prefix: f.Prefix, mask: f.Mask, n: f.PrefixLen + f.Width,
		at: 8 * uint(f.PrefixLen), up: up, pad: zeros & (uint64(1)<<up - 1)}, true
}

// Hash is HashWord(x, n) for the form that returned h: the dense hash of
// the id of n bytes (1 to 8) whose bytes x holds, little-endian, and
// whether it has one.
func (h *Padded) Hash(x uint64, n int) (uint64, bool) {
	z := x>>(h.at&63)<<(h.up&63) | h.pad
	num := digitsValue(z)
	// Without a branch: any bit of off says the id is not of the form
	// (or its number past DenseLimit), and the hash is of no use.
	off := notDigits(z) | x&h.mask ^ h.prefix | uint64(n^h.n) | num>>denseLimitBits
	return hashOfNumber(num), off == 0
}

// ShortForm is a fixed short form worked out, for a loop that hashes
// ids itself (segment/ingest's assembly run): an id whose word is x
// (WordOf) has the form when its first PrefixLen bytes are the prefix,
// x&Mask == Prefix, and the rest are 1 to 8 digits: Width of them when
// Width is not 0 (padded), else without a leading zero (unless the
// number is 0 alone); its number is then below DenseLimit, or it is
// hashed with the key like any other id.
type ShortForm struct {
	Prefix, Mask uint64
	PrefixLen    int
	Width        int
}

// ShortForm returns the form when it is fixed and short, and false
// otherwise (not fixed yet, or long).
func (d *Dense) ShortForm() (ShortForm, bool) {
	f := d.form.Load()
	if f == 0 || f == formLong {
		return ShortForm{}, false
	}
	p := int(f >> formPrefixLen & 7)
	return ShortForm{Prefix: f & byteMask(p), Mask: byteMask(p), PrefixLen: p, Width: int(f >> formWidth & 15)}, true
}

// LongForm is a fixed long form worked out (see dense_long.go), for a
// loop that hashes ids itself: an id of 9 to 16 bytes whose words (as
// Words returns them) are a and b has the form when a&HeadMask is Head,
// the PrefixLen-8 bytes below the digits in b are the last of Tail when
// the prefix is longer than 8, and the rest are 1 to 8 digits, as for
// ShortForm.
type LongForm struct {
	Head, HeadMask, Tail uint64
	PrefixLen, Width     int
}

// LongForm returns the form when it is fixed and long (and some id can
// have it), and false otherwise.
func (d *Dense) LongForm() (LongForm, bool) {
	if d.form.Load() != formLong {
		return LongForm{}, false
	}
	lf := d.long.Load()
	if lf == never {
		return LongForm{}, false
	}
	return LongForm{Head: lf.head, HeadMask: lf.headMask, Tail: lf.tail, PrefixLen: int(lf.p), Width: int(lf.width)}, true
}

// numberHash returns the dense hash of the number that the k bytes (1 to
// 8) at the bottom of y write, a form's width being width (0: unpadded),
// and whether they write one of the form below DenseLimit: the end that
// HashWord and HashWords share.
func numberHash(y uint64, k, width uint) (uint64, bool) {
	num, ok := digits(y, k)
	if !ok || width == 0 && k > 1 && byte(y) == '0' { // unpadded: a leading zero would name another id's number
		return 0, false
	}
	if num >= DenseLimit {
		return 0, false
	}
	return hashOfNumber(num), true
}

// hashOfNumber returns the dense hash of number num (below DenseLimit): the
// number's low DenseShardBits at the top, where the index reads the
// shard, DenseMark, and its other bits at the bottom (DenseNumber reads
// it back).
func hashOfNumber(num uint64) uint64 {
	return num<<(64-DenseShardBits) | DenseMark | num>>DenseShardBits
}

// DenseHash returns the dense hash of number num (below DenseLimit), as
// the hashes of its ids are.
func DenseHash(num uint64) uint64 { return hashOfNumber(num) }

// DenseNumber returns the number of a dense hash h.
func DenseNumber(h uint64) uint64 {
	return h>>(64-DenseShardBits) | uint64(uint32(h))<<DenseShardBits
}

// SWAR constants: a byte's worth of each, in every byte of a word.
const (
	zeros  = 0x3030303030303030 // '0'
	sixes  = 0x0606060606060606
	highs  = 0xf0f0f0f0f0f0f0f0
	threes = 0x3333333333333333
)

// digits returns the number that the k bytes (1 to 8) at the bottom of y
// write in decimal, first digit lowest, and whether they are all digits.
// It reads them all at once, as simdjson does, rather than a byte at a
// time: a loop cost the loader about 220 instructions and a mispredicted
// exit a line.
func digits(y uint64, k uint) (uint64, bool) {
	// The digits at the top (the last one, the units, in the top byte),
	// '0's below them; the bytes above the id fall off. (The shifts are
	// below 64 for k from 1 to 8; &63 tells the compiler so.)
	z := y<<((64-8*k)&63) | zeros&(uint64(1)<<((64-8*k)&63)-1)
	if notDigits(z) != 0 {
		return 0, false
	}
	return digitsValue(z), true
}

// notDigits is 0 when every byte of z is a digit: a byte is one when its
// high half is 3 and adding 6 keeps it so.
func notDigits(z uint64) uint64 { return (z&highs | (z+sixes)&highs>>4) ^ threes }

// digitsValue returns the number that the 8 digits of z write in decimal,
// the units in the top byte.
func digitsValue(z uint64) uint64 {
	v := z - zeros
	v = v*10 + v>>8 // pairs of digits, in the even bytes
	return (v&0x000000ff000000ff*(100+1000000<<32) + v>>16&0x000000ff000000ff*(1+10000<<32)) >> 32
}

// fix fixes the form from the id in x (n bytes) if the form is not fixed
// yet and the id ends with a digit, and returns the form then (0 if still
// not fixed).
func (d *Dense) fix(x uint64, n int) uint64 {
	digits := 0
	for digits < n && byteAt(x, n-1-digits)-'0' <= 9 {
		digits++
	}
	if digits == 0 {
		return d.form.Load()
	}
	p := n - digits
	width := 0
	if digits > 1 && byteAt(x, p) == '0' {
		width = digits
	}
	f := x&byteMask(p) | uint64(p)<<formPrefixLen | uint64(width)<<formWidth | formFixed
	if d.form.CompareAndSwap(0, f) {
		return f
	}
	return d.form.Load()
}

// byteAt returns byte i of x, read little-endian.
func byteAt(x uint64, i int) uint64 { return x >> (8 * i) & 0xff }

// idWord returns the bytes of an id of n bytes (1 to 8), little-endian,
// from its words as Words returns them.
func idWord(a, b uint64, n int) uint64 {
	switch {
	case n >= 8:
		return a
	case n >= 4:
		return a | b<<(8*(n-4))
	}
	return (a>>16&0xff | a>>8&0xff<<8 | a&0xff<<(8*(n-1))) & byteMask(n)
}

// Form is the fixed form of a ledger's numbered ids (see Dense), which
// writes the id of a number without reading it: a prefix of up to 15
// bytes, then the number in width digits, or without leading zeros when
// width is 0.
type Form struct {
	lo, hi   uint64 // the prefix's bytes, little-endian: its first 8, and the rest
	p, width uint
	long     bool // a long form's ids have 9 to 16 bytes, a short one's up to 8
}

// Form returns the form once it is fixed, and false before, or when it
// is the long form no id has.
func (d *Dense) Form() (Form, bool) {
	if f, ok := d.ShortForm(); ok {
		return Form{lo: f.Prefix, p: uint(f.PrefixLen), width: uint(f.Width)}, true
	}
	lf, ok := d.LongForm()
	if !ok {
		return Form{}, false
	}
	p := uint(lf.PrefixLen)
	form := Form{lo: lf.Head, p: p, width: uint(lf.Width), long: true}
	if p > 8 { // the prefix's bytes past its 8th end its last 8, Tail
		form.hi = lf.Tail >> (8 * (16 - p))
	}
	return form, true
}

// Padded reports whether the form pads its numbers to a fixed width
// (C0000772, CU-0000772): then every id of the form has the same prefix
// and as many digits, and the order of the ids (byte-wise, as Go
// compares strings) is the order of their numbers. An unpadded form's
// ids are in the order of their numbers' digits as text ("C10" comes
// before "C9").
func (f Form) Padded() bool { return f.width != 0 }

// Len returns the length of a padded form's ids, and 0 for an unpadded
// form, whose ids' lengths vary.
func (f Form) Len() int {
	if f.width == 0 {
		return 0
	}
	return int(f.p + f.width)
}

// Long reports whether the form is long: its ids have 9 to 16 bytes, a
// short form's up to 8.
func (f Form) Long() bool { return f.long }

// ID returns the bytes of the id of number num (below DenseLimit),
// little-endian, the first 8 in lo (as a slot of the index keeps an id
// of up to 8 bytes) and the rest in hi, and its length.
func (f Form) ID(num uint64) (lo, hi uint64, n int) {
	k := f.width
	if k == 0 {
		k = decimalLen(num)
	}
	ids := f.idsOfWidth(k)
	lo, hi = ids.ID(num)
	return lo, hi, int(f.p + k)
}

// PaddedIDs writes the ids of a padded form's numbers as ID does,
// without their length (Len), in few enough instructions to be inlined
// into a walk over a million numbers, where ID was a call a number.
type PaddedIDs struct {
	lo, hi         uint64 // the prefix's bytes
	drop, at, r, l uint   // shifts of the digits: past the width, then into lo and hi (64 and more: none)
}

// PaddedIDs returns the writer of the ids of a padded form (Padded).
func (f Form) PaddedIDs() PaddedIDs { return f.idsOfWidth(f.width) }

// idsOfWidth returns the writer of the form's ids whose numbers have k
// digits (1 to 8).
func (f Form) idsOfWidth(k uint) PaddedIDs {
	p := PaddedIDs{lo: f.lo, hi: f.hi, drop: 8 * (8 - k), at: 8 * f.p, r: 64, l: 64}
	if p.at < 64 {
		p.r = 64 - p.at
	} else {
		p.l = p.at - 64
	}
	return p
}

// Short returns the bytes of the id of number num of a short form (of
// up to 8 bytes), as Form.ID does: ID's lo, inlined.
func (p *PaddedIDs) Short(num uint64) uint64 {
	return p.lo | decimal8(num)>>p.drop<<p.at
}

// ID returns the bytes of the id of number num, as Form.ID does.
func (p *PaddedIDs) ID(num uint64) (lo, hi uint64) {
	d := decimal8(num) >> p.drop
	return p.lo | d<<p.at, p.hi | d>>p.r | d<<p.l
}

// decimalLen returns the number of decimal digits of n (below 10^8)
// without leading zeros: 1 for 0.
func decimalLen(n uint64) uint {
	return 1 + uint(b2u(n >= 10)+b2u(n >= 100)+b2u(n >= 1000)+b2u(n >= 10000)+
		b2u(n >= 100000)+b2u(n >= 1000000)+b2u(n >= 10000000))
}

// b2u is 1 for true and 0 for false, without a branch.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// decimal8 returns the 8 decimal digits of n (below 10^8), zero-padded,
// as bytes of a word, the first digit lowest: the reverse of digits,
// two halves of 4 digits split into pairs and the pairs into digits in
// every lane at once.
func decimal8(n uint64) uint64 {
	v := n/10000 | n%10000<<32               // 4 digits a 32-bit lane, the first 4 lowest
	q := v * 5243 >> 19 & 0x0000007f0000007f // v/100 in each lane (exact below 43,699)
	v = q | (v-q*100)<<16                    // 2 digits a 16-bit lane
	q = v * 103 >> 10 & 0x000f000f000f000f   // v/10 in each lane (exact below 179)
	v = q | (v-q*10)<<8                      // a digit a byte
	return v + zeros
}
