package bulk

// Long forms: numbered ids of 9 to 16 bytes (CU-0000772, CUSTOMER-000123),
// whose bytes come as the two words Words reads: a, the first 8, and b,
// the last 8 (overlapping below 16 bytes). The number, at most 8 digits,
// is always in b; the prefix in a and, past its 8th byte, at the bottom of
// b.

// longForm is a long form, fixed once.
type longForm struct {
	head, headMask uint64 // the prefix's first bytes (up to 8) and their mask
	tail           uint64 // its last 8 bytes, when it has more than 8
	p, width       uint   // its length; the number's width, 0 if unpadded
}

// never is a long form no id has: the first id of 9 to 16 bytes had more
// than 8 digits at its end, which do not fit in a word.
var never = &longForm{p: 16}

// HashWords is HashWord for an id of 9 to 16 bytes whose words (as Words
// returns them) are a and b.
func (d *Dense) HashWords(a, b uint64, n int) (uint64, bool) {
	f := d.form.Load()
	if f == 0 {
		f = d.fixLong(a, b, n)
	}
	if f != formLong {
		return 0, false // not fixed, or fixed short
	}
	lf := d.long.Load()
	k := uint(n) - lf.p // the digits; huge if n <= p
	if k-1 >= 8 || lf.width != 0 && k != lf.width || (a^lf.head)&lf.headMask != 0 {
		return 0, false
	}
	// Past the prefix's 8th byte, its last 8-k bytes sit below the
	// digits in b (n = p+k ≤ 16 keeps k below 8 there).
	if lf.p > 8 && (b^lf.tail>>(8*k))&(uint64(1)<<(8*(8-k))-1) != 0 {
		return 0, false
	}
	return numberHash(b>>(8*(8-k)&63), k, lf.width)
}

// fixLong fixes a long form from the id of n bytes (9 to 16) whose words
// are a and b if no form is fixed yet and the id ends with a digit, and
// returns the form then (0 if still not fixed).
func (d *Dense) fixLong(a, b uint64, n int) uint64 {
	run := 0 // the digits at the end
	for run < n && longByte(a, b, n, n-1-run)-'0' <= 9 {
		run++
	}
	if run == 0 {
		return d.form.Load()
	}
	lf := never
	if run <= 8 {
		p := n - run
		lf = &longForm{p: uint(p), head: a & byteMask(p), headMask: byteMask(p)}
		if run > 1 && longByte(a, b, n, p) == '0' {
			lf.width = uint(run)
		}
		if p > 8 {
			for i := p - 1; i >= p-8; i-- {
				lf.tail = lf.tail<<8 | longByte(a, b, n, i)
			}
		}
	}
	// The long form is published before form says there is one: whoever
	// sees formLong sees it, and only the first long candidate's is kept.
	d.long.CompareAndSwap(nil, lf)
	if d.form.CompareAndSwap(0, formLong) {
		return formLong
	}
	return d.form.Load()
}

// longByte returns byte i of an id of n bytes (9 to 16) whose words are a
// and b.
func longByte(a, b uint64, n, i int) uint64 {
	if i < 8 {
		return byteAt(a, i)
	}
	return byteAt(b, i-(n-8))
}
