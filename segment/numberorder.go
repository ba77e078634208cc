package segment

import (
	"encoding/binary"
	"sort"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// When the customers of a ledger are found by number (bulk.Dense), the
// order of their ids follows from their numbers, and a walk over the
// numbers lists them in order of id without reading an id: sorting a
// million ids took 30 ms on one core, about a third of grouping's time.
// The walk also writes the ids from the numbers, in the same order (see
// groupIDs): a pass over the customers in order of id then reads them in
// order, where reading each from the index was a cache miss (on the
// 1M-customer file, the write phase took 12% less). A few customers not
// found by number (up to one in maxOthersShare) are sorted, their ids
// read from the index, and merged in (see mergeOthers).

// inNumberOrder reports whether keysByNumber can list the ledger's
// customers in order of id: most customers are found by number (the
// others, in the index's tables, at most one in maxOthersShare), and
// either the form pads its numbers (their ids are in the order of the
// numbers) or the numbers are dense enough that a walk over every number
// up to the largest, in the order of their digits as text, costs little.
func (l *Ledger) inNumberOrder() bool {
	form, ok := l.dense.Form()
	others := l.tableCustomers()
	if !ok || len(l.order) == 0 || others > len(l.order)/maxOthersShare {
		return false
	}
	numbered := len(l.order) - others
	return form.Padded() || l.numbersBelow() <= maxNumbersPerCustomer*numbered+densePage
}

// maxNumbersPerCustomer bounds the numbers the walk of an unpadded form
// visits, for each customer: it visits every number below the largest.
const maxNumbersPerCustomer = 4

// maxOthersShare bounds the customers not found by number that
// keysByNumber merges with those it walks (one in maxOthersShare):
// sorted, and their ids read from the index, they cost what they cost
// the sort.
const maxOthersShare = 16

// keysByNumber returns the keys of the ledger's customers in order of id
// when inNumberOrder, and their ids in the same order (nil if another
// customer's is over maxGatheredID bytes). others are the keys of the
// customers not found by number (see tableKeys).
func (l *Ledger) keysByNumber(others []int32) ([]int32, *groupIDs) {
	w := l.newKeysWalk(len(others))
	for part := range w.parts() {
		w.walk(part)
	}
	return w.done(others)
}

// keysWalk is the walk of keysByNumber, in parts that may run at once
// (grouping runs each on a core, once it has counted its share of the
// lines): a padded form's numbers are walked up from the lowest and down
// from the highest, each part writing its end of the same arrays, until
// they meet. Walked whole beside the counting, on the CLI's 1M-customer
// file the walk ran alone for 5 to 10 ms at the end; in halves, the core
// that counted its share first waited up to 4 ms for the other. So each
// part takes walkPages pages at a time from its end until they meet, and
// the part that starts first walks more. An unpadded form's walk, in the
// order of the numbers' digits as text, is one part.
type keysWalk struct {
	l     *Ledger
	up    *numberWalk
	down  *numberWalk // nil for a walk in one part
	pages []int       // the pages made, in order (see inOrder)
	// taken is how many of pages the walk up (the low 32 bits) and the
	// walk down (the high) have taken from their ends.
	taken atomic.Uint64
}

// walkPages is how many pages a part of a walk takes at a time: some 40
// µs of walking, a hundredth of the wait it saves.
const walkPages = 4

// newKeysWalk returns the walk of keysByNumber when others customers are
// not found by number.
func (l *Ledger) newKeysWalk(others int) *keysWalk {
	form, _ := l.dense.Form()
	numbered := len(l.order) - others
	w := &keysWalk{l: l, up: newNumberWalk(l, form, numbered)}
	if !form.Padded() {
		return w
	}
	w.pages = l.densePages()
	if len(w.pages) > 1 {
		down := *w.up
		down.n, down.step, down.spare = numbered-1, -1, numbered+1
		w.down = &down
	}
	return w
}

// parts returns how many parts the walk has: walk(0) to walk(parts()-1)
// may run at once.
func (w *keysWalk) parts() int {
	if w.down != nil {
		return 2
	}
	return 1
}

// walk walks part part: all of a walk in one part; of two, the pages
// from its end that the other has not taken.
func (w *keysWalk) walk(part int) {
	switch {
	case !w.up.form.Padded():
		w.up.asText(w.l.numbersBelow())
	case w.down == nil:
		w.up.inOrder(w.pages, false)
	default:
		for w.step(part == 1) {
		}
	}
}

// step walks the next pages of the walk up, or down, and reports whether
// there were any left.
func (w *keysWalk) step(down bool) bool {
	for {
		taken := w.taken.Load()
		up, fromEnd := int(uint32(taken)), int(taken>>32)
		n := min(walkPages, len(w.pages)-up-fromEnd)
		if n <= 0 {
			return false
		}
		next := taken + uint64(n)
		if down {
			next = taken + uint64(n)<<32
		}
		if !w.taken.CompareAndSwap(taken, next) {
			continue
		}
		if down {
			w.down.inOrder(w.pages[len(w.pages)-fromEnd-n:len(w.pages)-fromEnd], true)
		} else {
			w.up.inOrder(w.pages[up:up+n], false)
		}
		return true
	}
}

// done returns the keys and ids of a walk whose parts are done, with the
// others merged in (see keysByNumber).
func (w *keysWalk) done(others []int32) ([]int32, *groupIDs) {
	// A walk in one part ends past the last customer, two where they
	// meet.
	end := w.up.numbered - 1
	if w.down != nil {
		end = w.down.n
	}
	if w.up.n != end+1 {
		panic("segment: the customers found by number are not the ledger's")
	}
	keys, ids := w.up.done()
	if len(others) == 0 {
		return keys, ids
	}
	return w.l.mergeOthers(keys, ids, others)
}

// mergeOthers merges the customers a walk listed (keys, with their ids,
// in order of id) with the others (keys of customers not found by
// number), which it sorts, and returns them all in order of id, with
// their ids (nil if one of the others is over maxGatheredID bytes).
func (l *Ledger) mergeOthers(keys []int32, ids *groupIDs, others []int32) ([]int32, *groupIDs) {
	inIDOrder(others, l.id)
	n := len(keys) + len(others)
	stride := ids.stride
	for _, k := range others {
		stride = max(stride, len(l.id(k)))
	}
	var out *groupIDs
	if stride <= maxGatheredID {
		out = &groupIDs{text: makeLarge[byte](stride*n+16, stride*n+16), stride: stride, lens: makeLarge[uint8](n, n)}
	}
	merged := makeLarge[int32](n, n)
	g, i := 0, 0
	// run moves the walk's customers i..to-1 to g on.
	run := func(to int) {
		copy(merged[g:], keys[i:to])
		if out != nil {
			out.copyRun(g, ids, i, to)
		}
		g, i = g+to-i, to
	}
	for _, k := range others {
		// The walk's customers before this one: found by bisection, there
		// being few others.
		other := l.id(k)
		run(i + sort.Search(len(keys)-i, func(j int) bool { return ids.id(int32(i+j)) > other }))
		merged[g] = k
		if out != nil {
			out.lens[g] = uint8(copy(out.text[stride*g:], other))
		}
		g++
	}
	run(len(keys))
	if out != nil {
		out.text = out.text[: stride*n : stride*n]
	}
	return merged, out
}

// copyRun copies the ids of groups from..to-1 of a walk's ids, w (whose
// stride is 8 or 16), to groups g on, a word at a time (room for 16
// bytes past the last id is there).
func (ids *groupIDs) copyRun(g int, w *groupIDs, from, to int) {
	for ; from < to; from, g = from+1, g+1 {
		src, dst := w.text[w.stride*from:], ids.text[ids.stride*g:]
		binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(src))
		if w.stride > 8 {
			binary.LittleEndian.PutUint64(dst[8:], binary.LittleEndian.Uint64(src[8:]))
		}
		size := w.size
		if w.lens != nil {
			size = int(w.lens[from])
		}
		ids.lens[g] = uint8(size)
	}
}

// tableKeys returns the keys of the customers in the index's tables (not
// found by number), and false when there are some but a table is dropped
// (see dropTables).
func (l *Ledger) tableKeys() ([]int32, bool) {
	if l.tableCustomers() == 0 { // usual: then no table need be read
		return nil, true
	}
	var keys []int32
	for s := range l.shards {
		sh := &l.shards[s]
		if sh.gone != 0 {
			return nil, false
		}
		for i := range sh.slots {
			if v := &sh.slots[i]; v.key != 0 {
				keys = append(keys, v.number()<<shardBits|int32(s))
			}
		}
	}
	return keys, true
}

// numberWalk collects the customers a walk over the numbers meets, in
// its order, and their ids (see groupIDs). A walk down the numbers
// writes from the end of the arrays (see keysWalk).
type numberWalk struct {
	l        *Ledger
	form     bulk.Form
	keys     []int32
	ids      *groupIDs
	n        int // where the next customer goes
	step     int // 1, or -1 for a walk down
	spare    int // where this walk writes a number without a customer
	numbered int // the customers found by number
}

// newNumberWalk returns a walk up that will meet numbered customers.
func newNumberWalk(l *Ledger, form bulk.Form, numbered int) *numberWalk {
	// Two more than the customers found by number: a number without one
	// is written to the spare of its walk's direction (and visit writes
	// it where the next goes), and there are no more numbers with
	// customers than such customers.
	n := numbered + 2
	ids := &groupIDs{stride: 8, size: form.Len()}
	if form.Long() {
		ids.stride = 16
	}
	ids.text = makeLarge[byte](ids.stride*n, ids.stride*n)
	if !form.Padded() {
		ids.lens = makeLarge[uint8](n, n)
	}
	return &numberWalk{l: l, form: form, keys: makeLarge[int32](n, n), ids: ids, step: 1, spare: numbered, numbered: numbered}
}

// visit adds the customer of number num, if any, to a walk up: e is its
// entry (see denseDir), of shard s. Without a branch: a number without a
// customer is written, then written over.
func (w *numberWalk) visit(num uint64, e int32, s int) {
	w.keys[w.n] = (e-1)<<shardBits | int32(s)
	lo, hi, size := w.form.ID(num)
	text := w.ids.text[w.ids.stride*w.n:]
	binary.LittleEndian.PutUint64(text, lo)
	if w.ids.stride > 8 {
		binary.LittleEndian.PutUint64(text[8:], hi)
	}
	if w.ids.lens != nil {
		w.ids.lens[w.n] = uint8(size)
	}
	w.n += int(b2u(e != 0))
}

// done returns the keys and ids collected by a walk up, and by any walk
// down that met it.
func (w *numberWalk) done() ([]int32, *groupIDs) {
	n := w.numbered
	w.ids.text = w.ids.text[: w.ids.stride*n : w.ids.stride*n]
	if w.ids.lens != nil {
		w.ids.lens = w.ids.lens[:n:n]
	}
	return w.keys[:n:n], w.ids
}

// densePages returns the pages of the shards' numbers (see denseDir)
// that some shard has made, as dir<<denseDirBits|page, in order.
func (l *Ledger) densePages() []int {
	var made []int
	for p := range denseDirSize * denseDirSize {
		for s := range l.shards {
			if l.shards[s].densePage(p) != nil {
				made = append(made, p)
				break
			}
		}
	}
	return made
}

// densePage returns page p (dir<<denseDirBits|page) of the shard's
// numbers, nil if not made. (denseEntry walks the directories itself:
// through densePage, findDense was too costly to be inlined into the
// look-up of every line.)
func (sh *idShard) densePage(p int) *[densePage]int32 {
	if d := sh.dense; d != nil && d[p>>denseDirBits] != nil {
		return d[p>>denseDirBits][p%denseDirSize]
	}
	return nil
}

// inOrder visits the numbers of pages (see densePages), in order, or in
// reverse order when down. Number n is entry n>>shardBits of shard
// n%numShards, so it reads the shards' pages side by side. It is visit
// by hand, with the id of a short form written inline (PaddedIDs.Short):
// calling visit, which called Form.ID, took 9 ms on one core for the
// CLI's 1M-customer file, and this 5.8 (both with the arrays faulted in
// first).
func (w *numberWalk) inOrder(pages []int, down bool) {
	ids := w.form.PaddedIDs()
	keys, text, stride := w.keys, w.ids.text, w.ids.stride
	at, step, spare := w.n, w.step, w.spare
	// visit writes the customer of number num, if any (e is its entry, of
	// shard s), where the walk's next goes, else to its spare.
	visit := func(num uint64, e int32, s int) {
		j := spare
		if e != 0 {
			j = at
		}
		keys[j] = (e-1)<<shardBits | int32(s)
		if stride > 8 {
			lo, hi := ids.ID(num)
			binary.LittleEndian.PutUint64(text[stride*j:], lo)
			binary.LittleEndian.PutUint64(text[stride*j+8:], hi)
		} else {
			binary.LittleEndian.PutUint64(text[stride*j:], ids.Short(num))
		}
		at += step & -int(b2u(e != 0))
	}
	for k := range pages {
		p := pages[k]
		if down {
			p = pages[len(pages)-1-k]
		}
		var pgs [numShards]*[densePage]int32
		for s := range pgs {
			pgs[s] = w.l.shards[s].densePage(p)
		}
		// The number of entry 0 of the shards' pages.
		base := p << (densePageBits + shardBits)
		if down {
			for i := densePage - 1; i >= 0; i-- {
				for s := numShards - 1; s >= 0; s-- {
					if pg := pgs[s]; pg != nil {
						visit(uint64(base|i<<shardBits|s), pg[i], s)
					}
				}
			}
			continue
		}
		for i := range densePage {
			for s, pg := range pgs {
				if pg != nil {
					visit(uint64(base|i<<shardBits|s), pg[i], s)
				}
			}
		}
	}
	w.n = at
}

// asText visits the numbers below limit in the order of their digits as
// text (0, 1, 10, 100, 101, ..., 11, 110, ...), the order of the ids of
// an unpadded form: a walk down the tree of decimal prefixes.
func (w *numberWalk) asText(limit int) {
	if limit == 0 {
		return
	}
	w.visitNumber(0)
	num := 1
	for range limit - 1 {
		w.visitNumber(num)
		if num*10 < limit {
			num *= 10
			continue
		}
		for num%10 == 9 || num+1 >= limit {
			num /= 10
		}
		num++
	}
}

// visitNumber visits number num.
func (w *numberWalk) visitNumber(num int) {
	s := num % numShards
	var e int32
	if p := w.l.shards[s].denseEntry(uint32(num >> shardBits)); p != nil {
		e = *p
	}
	w.visit(uint64(num), e, s)
}

// numbersBelow returns one more than the largest number with a customer
// (0 for none).
func (l *Ledger) numbersBelow() int {
	top := -1
	for s := range l.shards {
		for p := denseDirSize*denseDirSize - 1; p >= 0; p-- {
			pg := l.shards[s].densePage(p)
			if pg == nil {
				continue
			}
			for i := densePage - 1; i >= 0; i-- {
				if pg[i] != 0 {
					top = max(top, (p<<densePageBits|i)<<shardBits|s)
					break
				}
			}
			break // the largest of the shard's pages made
		}
	}
	return top + 1
}
