package segment

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"runtime"
	"sync/atomic"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// The customer index is split into shards by a hash of the id, so that
// AddOrders can look ids up on several cores at once, each core owning some
// shards. A customer's key is its number within its shard, shifted, or'ed
// with the shard.
//
// Four shards are enough for two cores, and few enough that a million
// customers make tables of 8 MB each, which Linux can back with huge
// pages: a look-up then seldom misses the TLB as well as the cache, and a
// new process takes a quarter fewer page faults loading the 1M-customer
// file (BENCHMARKS.md).
const (
	shardBits = 2
	numShards = 1 << shardBits
	// maxPerShard keeps number+1 in its 28 bits of a slot's key (and a
	// key, number<<shardBits | shard, an int32).
	maxPerShard = 1 << 27
)

// idShard is one part of the customer index: a hash table with open
// addressing, smaller and faster to grow than a map[string]int32, and
// free of pointers, so the garbage collector never scans it.
//
// Looking up an id among a million is a random access to memory, and a
// cache miss costs more than everything else a line of an order log
// needs; so a slot holds what a look-up needs (the low 32 bits of the id's
// hash, the customer's number, and the id itself when it has at most 8
// bytes, else where the id is), and a probe costs one miss for a short id,
// two for a long one. Growing never hashes an id again. The table is at
// most half full, which keeps probes short. The hash is seeded per ledger,
// so crafted ids cannot make the probes long.
//
// By customer number, the shard keeps a copy of each customer's slot,
// which gives the id back. That copy, and the bytes of ids too long for a
// slot, are kept in chunks that are never moved or copied, only added
// to: a slice grown by append would copy (and, in a new process, touch
// fresh memory for) everything kept so far at each doubling, about a
// fifth of a CPU-second on a million customers.
type idShard struct {
	slots []slot
	keep  *hugepages.Mapping // keeps slots mapped when they are outside the heap (see hugepages.Map)
	gone  int                // the size of the table dropped (see dropTable), 0 if none
	n     int32              // customers
	byNum [][]slot           // customer c's slot, in the chunk numChunk(c) says
	room  []slot             // room for the next chunks of byNum (see newChunk)
	long  [][]byte           // chunks of the ids over 8 bytes, each after its length as a uvarint
	// Customers with a numbered id of the ledger's form (see bulk.Dense)
	// are not in the table but here, by their number's bits above the
	// shard's (the dense hash's low 32 bits).
	dense   *denseDir
	inTable int32 // customers in the table
	// deferred is set while every customer of the shard has a numbered
	// id and byNum holds none of their slots: a slot follows from the
	// customer's number, and a pass over a view by id never reads one
	// (it writes the ids from the numbers), so a bulk load need not write
	// 16 bytes a customer, 16 MB of fresh memory for a million (2% of the
	// CLI's time on the 1M file). Ledger.keepSlots makes them when first
	// needed: a look-up of an id by number, an id for a view not by id,
	// or a customer that goes in the table.
	// (A word read atomically: concurrent passes read it while one of
	// them makes the slots; an atomic.Bool would make the shard a value
	// go vet forbids copying, which a test of the mapping does.)
	deferred uint32
}

// slotsDeferred reports whether the shard's slots by number are deferred.
func (sh *idShard) slotsDeferred() bool { return atomic.LoadUint32(&sh.deferred) != 0 }

// denseDir keeps a shard's customers by number: number+1, 0 for none,
// in pages of densePage numbers under directories of denseDirSize pages,
// each made as needed. Small, so that a ledger of one customer (a CRM
// builds one a request) takes 2 KiB for them, not a page the size of the
// number; and at most 16 MB for a million pages, whatever the ids (one
// customer a page: 1 KiB a customer, where the table takes 32 bytes).
type denseDir [denseDirSize]*[denseDirSize]*[densePage]int32

const (
	densePageBits = 8
	densePage     = 1 << densePageBits // numbers a page: 1 KiB
	denseDirBits  = 6
	denseDirSize  = 1 << denseDirBits
)

// Every number below bulk.DenseLimit has its place (else this does not
// compile).
var _ [1<<(densePageBits+2*denseDirBits+bulk.DenseShardBits) - bulk.DenseLimit]struct{}

// The dense hash puts a number's low bits at its top, where shardOf reads
// the shard.
var _ [shardBits - bulk.DenseShardBits]struct{}
var _ [bulk.DenseShardBits - shardBits]struct{}

// Chunk sizes. Those of idShard.byNum double as a shard grows, as an
// appended slice's array would, so that a ledger of one customer (a CRM
// classifying one customer builds one per request) stays small: chunk 0
// holds customers 0 to firstChunk-1, chunk k > 0 the firstChunk<<(k-1)
// customers from firstChunk<<(k-1) on. Those of idShard.long double from
// firstLongChunk bytes up to longChunk.
const (
	firstChunkBits = 4
	firstChunk     = 1 << firstChunkBits
	firstLongChunk = 256
	longChunk      = 256 << 10
)

// numChunk returns the chunk of idShard.byNum that holds customer number
// c, and c's place in it.
func numChunk(c int32) (k, i int) {
	if c < firstChunk {
		return 0, int(c)
	}
	k = bits.Len32(uint32(c) >> firstChunkBits)
	return k, int(c) - firstChunk<<(k-1)
}

// chunkSize is the number of customers chunk k of idShard.byNum holds.
func chunkSize(k int) int {
	if k == 0 {
		return firstChunk
	}
	return firstChunk << (k - 1)
}

// slot is one entry of the table. key is hash<<32 | (number+1)<<4 | n,
// where hash is the low 32 bits of the id's hash and n its length if at
// most 8 (then id holds its bytes, little-endian), else 0 (then id is
// where the id is: chunk<<32 | offset in idShard.long). A zero key is an
// empty slot.
type slot struct{ key, id uint64 }

// number returns the number of the customer a full slot holds.
func (v *slot) number() int32 { return int32(v.key>>4&(1<<28-1)) - 1 }

// keyMatch selects the bits of a key that a probe compares before the id:
// the hash and the inline length.
const keyMatch = 0xffffffff_0000000f

// hash returns the hash of id, seeding the ledger's hash on first use.
func (l *Ledger) hash(id string) uint64 {
	return bulk.HashString(l.hashKey(), id)
}

// hashKey returns the key of the ledger's hash of ids (see [bulk.Key]),
// seeding it on first use. The key is made from the seed once: making it
// again for every id would cost a third of the hash.
func (l *Ledger) hashKey() *bulk.Key {
	if l.seed == (maphash.Seed{}) {
		l.seed = maphash.MakeSeed()
		l.key = bulk.NewKey(l.seed, &l.dense)
	}
	return &l.key
}

// shardOf is the shard of an id with hash h: its top bits, while the slot
// in the shard comes from the low bits.
func shardOf(h uint64) uint8 { return uint8(h >> (64 - shardBits)) }

// idProbe is an id, with hash h, as a slot of the index holds it: want is
// the key bits the slot must match (h's low 32 bits, and the id's length
// if at most 8), and inline the id word such a short id's slot holds
// (bulk.WordOf); a longer id is long, compared with the bytes the shard
// keeps apart.
type idProbe struct {
	want, inline uint64
	long         string
}

// probeOf returns the idProbe of id, with hash h.
func probeOf(id string, h uint64) idProbe {
	if len(id) > 8 {
		return idProbe{want: h << 32, long: id}
	}
	return wordProbe(bulk.WordOf(id), len(id), h)
}

// wordProbe returns the idProbe of an id of n <= 8 bytes whose word
// (bulk.WordOf) is word, with hash h.
func wordProbe(word uint64, n int, h uint64) idProbe {
	return idProbe{want: h<<32 | uint64(n), inline: word}
}

// find returns the number of the id with probe p and hash h in the shard,
// or the slot where it would go.
func (sh *idShard) find(p *idProbe, h uint64) (c int32, at int, ok bool) {
	if h&bulk.DenseMark != 0 {
		c, ok = sh.findDense(uint32(h))
		return c, -1, ok
	}
	if len(sh.slots) == 0 {
		sh.mustHaveTable()
		return 0, -1, false
	}
	want := p.want
	mask := len(sh.slots) - 1
	for i := int(uint32(h)) & mask; ; i = (i + 1) & mask {
		s := &sh.slots[i]
		if s.key == 0 {
			return 0, i, false
		}
		if s.key&keyMatch != want {
			continue
		}
		if want&0xf != 0 && s.id == p.inline || want&0xf == 0 && string(sh.stored(s.id)) == p.long {
			return s.number(), i, true
		}
	}
}

// add returns the key of the id with probe p and hash h in shard s, and
// whether it was new: then a copy of the id is added, so the caller's
// string (maybe part of a large buffer) is not kept.
func (sh *idShard) add(p *idProbe, h uint64, s uint8, pages *densePages) (int32, bool) {
	if h&bulk.DenseMark != 0 {
		return sh.addDense(p, h, s, pages)
	}
	c, at, ok := sh.find(p, h)
	if ok {
		return c<<shardBits | int32(s), false
	}
	if sh.slotsDeferred() {
		// The callers make the slots first (Ledger.keepSlots): byNum
		// must hold every customer before this one's.
		panic("segment: a customer added to the table of a shard whose slots are deferred")
	}
	c = sh.next()
	if 2*(int(sh.inTable)+1) > len(sh.slots) {
		sh.grow()
		_, at, _ = sh.find(p, h)
	}
	v := sh.newSlot(p, c)
	sh.slots[at] = v
	sh.inTable++
	sh.keepSlot(c, v)
	return c<<shardBits | int32(s), true
}

// newSlot returns the slot of a new customer c whose id has probe p: its
// bytes inline, or kept apart when over 8 (a copy either way, so the
// caller's string is not kept).
func (sh *idShard) newSlot(p *idProbe, c int32) slot {
	v := slot{key: p.want | uint64(c+1)<<4, id: p.inline}
	if p.want&0xf == 0 {
		v.id = sh.keepLong(p.long)
	}
	return v
}

// next returns the number of the shard's next customer.
func (sh *idShard) next() int32 {
	if sh.n >= maxPerShard {
		panic("segment: more than 2^29 customers in one ledger")
	}
	return sh.n
}

// keepSlot keeps a copy of the slot of customer c, the shard's next, by
// number.
func (sh *idShard) keepSlot(c int32, v slot) {
	sh.appendSlot(c, v)
	sh.n++
}

// appendSlot appends v, the slot of customer c, to byNum, which holds
// those of the customers before c.
func (sh *idShard) appendSlot(c int32, v slot) {
	if k, _ := numChunk(c); k == len(sh.byNum) {
		sh.byNum = append(sh.byNum, sh.newChunk(chunkSize(k)))
	}
	last := &sh.byNum[len(sh.byNum)-1]
	*last = append(*last, v)
}

// findDense returns the number of the customer whose dense hash has i in
// its low 32 bits.
func (sh *idShard) findDense(i uint32) (int32, bool) {
	if e := sh.denseEntry(i); e != nil && *e != 0 {
		return *e - 1, true
	}
	return 0, false
}

// denseEntry returns where the shard keeps the number (plus one) of the
// customer whose dense hash has i in its low 32 bits, nil while its page
// is not made.
func (sh *idShard) denseEntry(i uint32) *int32 {
	if d := sh.dense; d != nil {
		if dir := d[i>>(densePageBits+denseDirBits)%denseDirSize]; dir != nil {
			if page := dir[i>>densePageBits%denseDirSize]; page != nil {
				return &page[i%densePage]
			}
		}
	}
	return nil
}

// addDense is add for an id with a dense hash h: by its number, never in
// the table; a new page of places comes from pages.
func (sh *idShard) addDense(p *idProbe, h uint64, s uint8, pages *densePages) (int32, bool) {
	i := uint32(h)
	if sh.dense == nil {
		sh.dense = new(denseDir)
	}
	dir := &sh.dense[i>>(densePageBits+denseDirBits)%denseDirSize]
	if *dir == nil {
		*dir = new([denseDirSize]*[densePage]int32)
	}
	page := &(*dir)[i>>densePageBits%denseDirSize]
	if *page == nil {
		// A new page holds no customer, and is not read first: its memory
		// is fresh in a large load, and a read maps the zero page, which
		// the write after has to copy, flushing the other cores' TLBs
		// (an interrupt to each): 3% of the CLI's CPU on the 1M file.
		*page = pages.page()
		return sh.newDense(&(*page)[i%densePage], p, s), true
	}
	e := &(*page)[i%densePage]
	if c := *e; c != 0 {
		return (c-1)<<shardBits | int32(s), false
	}
	return sh.newDense(e, p, s), true
}

// newDense adds the customer whose id has probe p, and whose place by
// number is e (holding 0), to shard s, and returns its key. The slot by
// number is deferred when every customer before is (see deferred).
func (sh *idShard) newDense(e *int32, p *idProbe, s uint8) int32 {
	c := sh.next()
	*e = c + 1
	if c == 0 && deferSlots {
		atomic.StoreUint32(&sh.deferred, 1)
	}
	if sh.slotsDeferred() {
		sh.n++
	} else {
		sh.keepSlot(c, sh.newSlot(p, c))
	}
	return c<<shardBits | int32(s)
}

// deferSlots is whether a shard whose first customer has a numbered id
// defers its slots by number (see idShard.deferred); tests turn it off to
// compare with the slots kept as customers come.
var deferSlots = true

// keepSlots makes the slots by number of shard s, if deferred: each
// customer's from its number, the ledger's form of numbered ids giving
// the id, as when the customer was added. It is safe to call from several
// goroutines at once, as the passes over a view, which only read the
// ledger, may.
func (l *Ledger) keepSlots(s int) {
	sh := &l.shards[s]
	if !sh.slotsDeferred() {
		return
	}
	l.slotsMu.Lock()
	defer l.slotsMu.Unlock()
	if !sh.slotsDeferred() {
		return
	}
	form, ok := l.dense.Form()
	if !ok {
		panic("segment: customers kept by number without a form of numbered ids")
	}
	// The place by number of each customer, in the order they came (the
	// order of byNum): the dense directory gives each place's customer.
	at := make([]uint32, sh.n)
	for p := range denseDirSize * denseDirSize {
		page := sh.densePage(p)
		if page == nil {
			continue
		}
		for j, e := range page {
			if e != 0 {
				at[e-1] = uint32(p<<densePageBits | j)
			}
		}
	}
	var b [16]byte
	for c, i := range at {
		// The place's bits are the dense hash's low 32, the number's bits
		// above the shard's (see bulk.DenseNumber).
		num := uint64(i)<<bulk.DenseShardBits | uint64(s)
		lo, hi, n := form.ID(num)
		binary.LittleEndian.PutUint64(b[:8], lo)
		binary.LittleEndian.PutUint64(b[8:], hi)
		p := probeOf(unsafe.String(&b[0], n), bulk.DenseHash(num))
		sh.appendSlot(int32(c), sh.newSlot(&p, int32(c)))
	}
	atomic.StoreUint32(&sh.deferred, 0)
}

// slotsBeforeTable makes the deferred slots of the shard of a customer
// with hash h about to be added, if h is not a dense hash: a customer in
// the table comes after every slot by number (byNum holds them in the
// order the customers came). A dense one may be added to deferred slots.
func (l *Ledger) slotsBeforeTable(h uint64) {
	if h&bulk.DenseMark == 0 {
		l.keepSlots(int(shardOf(h)))
	}
}

// keepAllSlots makes every shard's deferred slots (see keepSlots).
func (l *Ledger) keepAllSlots() {
	for s := range l.shards {
		l.keepSlots(s)
	}
}

// isDense reports whether customer c of the shard, whose slot is v, is
// kept by number (addDense) rather than in the table.
func (sh *idShard) isDense(c int32, v slot) bool {
	d, ok := sh.findDense(uint32(v.key >> 32))
	return ok && d == c
}

// newChunk returns an empty chunk of byNum with room for size slots.
// A large shard's chunks (one whose table is a huge page or more, as a
// bulk load makes it) are carved from rooms of a huge page at least,
// several small chunks from one: made one by one, they cost the CLI 0.05
// CPU-seconds more on the 1M-customer file. The rooms are filled in
// order, in the pages cheaper to touch first (makeLarge, which places a
// room at a huge page boundary where it takes huge pages). They
// are on the heap, never mapped outside it: the ids the ledger hands out
// (Profile.ID) point into these slots, and must keep them alive after the
// ledger is gone (mapped, they were unmapped under such ids, a reviewer
// found). A small shard's chunks are plain.
func (sh *idShard) newChunk(size int) []slot {
	if len(sh.slots) < hugeTableSlots {
		return make([]slot, 0, size)
	}
	if len(sh.room) < size {
		n := max(size, hugeTableSlots)
		sh.room = makeLarge[slot](n, n)
	}
	chunk := sh.room[:0:size]
	sh.room = sh.room[size:]
	return chunk
}

// keepLong stores a copy of an id over 8 bytes and returns where it is.
func (sh *idShard) keepLong(id string) uint64 {
	need := binary.MaxVarintLen64 + len(id)
	if n := len(sh.long); n == 0 || cap(sh.long[n-1])-len(sh.long[n-1]) < need {
		size := firstLongChunk
		if n > 0 {
			size = min(2*cap(sh.long[n-1]), longChunk)
		}
		sh.long = append(sh.long, make([]byte, 0, max(size, need)))
	}
	last := &sh.long[len(sh.long)-1]
	at := uint64(len(sh.long)-1)<<32 | uint64(len(*last))
	*last = binary.AppendUvarint(*last, uint64(len(id)))
	*last = append(*last, id...)
	return at
}

// reserve sizes an empty shard's table for n customers, to hold them at
// most half full.
func (sh *idShard) reserve(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	sh.slots, sh.keep = hugepages.Map[slot](size)
}

// tableCustomers returns the number of customers in the index's tables
// (the others are kept by number).
func (l *Ledger) tableCustomers() int {
	n := 0
	for s := range l.shards {
		n += int(l.shards[s].inTable)
	}
	return n
}

// stored returns the id over 8 bytes stored at at (see keepLong).
func (sh *idShard) stored(at uint64) []byte {
	chunk := sh.long[at>>32]
	off := uint32(at)
	n, k := binary.Uvarint(chunk[off:])
	from := uint64(off) + uint64(k)
	return chunk[from : from+n : from+n]
}

// id returns the id of customer number c.
func (sh *idShard) id(c int32) string { return sh.slotID(sh.byNumber(c)) }

// slotID returns the id a slot of the shard (one it keeps by number, or
// of its table) holds or says where it is.
func (sh *idShard) slotID(s *slot) string {
	// The bytes of an id are never written again once stored (chunks
	// are only appended to, within their capacity, and never moved), so
	// a string may share them. Ids are never empty, so the first byte
	// exists.
	if n := s.key & 0xf; n != 0 {
		// Inline: the bytes of the slot's id word, little-endian, which
		// is the order of the bytes in memory only on a little-endian
		// machine; elsewhere, a copy.
		if littleEndian {
			return unsafe.String((*byte)(unsafe.Pointer(&s.id)), n)
		}
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], s.id)
		return string(b[:n])
	}
	b := sh.stored(s.id)
	return unsafe.String(&b[0], len(b))
}

// byNumber returns customer number c's slot by number. The slots must
// not be deferred (see Ledger.keepSlots).
func (sh *idShard) byNumber(c int32) *slot {
	if sh.slotsDeferred() {
		panic("segment: a slot by number read while deferred")
	}
	k, i := numChunk(c)
	return &sh.byNum[k][i]
}

// littleEndian is whether this machine keeps the low byte of a word first.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// start returns where a look-up of an id with hash h starts, for the
// inserters to ask for ahead (see prefetch): a dense hash's place by
// number (nil if its page is not made yet), else the id's first slot in
// the table (nil if there is no table yet).
func (sh *idShard) start(h uint64) unsafe.Pointer {
	if h&bulk.DenseMark != 0 {
		return unsafe.Pointer(sh.denseEntry(uint32(h)))
	}
	if len(sh.slots) == 0 {
		sh.mustHaveTable()
		return nil
	}
	return unsafe.Pointer(&sh.slots[int(uint32(h))&(len(sh.slots)-1)])
}

// grow doubles the table, placing every id again by its kept hash.
func (sh *idShard) grow() { sh.growTo(max(64, 2*len(sh.slots))) }

// growTo moves the table into one of size slots (a power of two, larger
// than the table), placing every id again by its kept hash.
func (sh *idShard) growTo(size int) {
	old, oldKeep := sh.slots, sh.keep
	sh.slots, sh.keep = hugepages.Map[slot](size)
	// The old table, if mapped outside the heap, is unmapped once read:
	// the memory is then cheap for the next large array (see
	// hugepages.Mapping.Release), where a collection would free it late.
	// Nothing else holds it: a Ledger is not copied.
	defer oldKeep.Release()
	for _, v := range old {
		if v.key != 0 {
			sh.place(v)
		}
	}
}

// place puts v, a slot of a customer not in the table, in the first empty
// slot from where its kept hash says.
func (sh *idShard) place(v slot) {
	mask := len(sh.slots) - 1
	i := int(uint32(v.key>>32)) & mask
	for sh.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	sh.slots[i] = v
}

// dropTables drops the tables of a large index (see dropTable) while
// the ledger is grouped for a view. A pass over a view reads ids only by
// number, and while the tables stand, the largest arrays of a grouping
// are fresh memory: on the 1M-customer file the tables are 32 MB of the
// CLI's 255 MiB peak, and a new process's first touch of a MiB costs it
// 0.3 to 2.4 ms on this project's VM (BENCHMARKS.md), the memory of an
// array just unmapped a twentieth of that. Dropped first, they are what
// the grouping's arrays take. A look-up or an added customer afterwards
// makes them again (needIndex): about 11 ns a customer on two cores
// (BenchmarkIndexRebuild), more in fresh memory, once per grouping for a
// view; a batch run over the view never needs them.
func (l *Ledger) dropTables() {
	gone := false
	for s := range l.shards {
		gone = l.shards[s].dropTable() || gone
	}
	if gone {
		l.indexGone.Store(true)
	}
}

// needIndex makes the index's tables again if grouping dropped them. It
// is safe to call from several goroutines at once, as Profile, which only
// reads a grouped ledger, may be.
func (l *Ledger) needIndex() {
	if !l.indexGone.Load() {
		return
	}
	l.groupMu.Lock()
	defer l.groupMu.Unlock()
	if !l.indexGone.Load() {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), numShards)
	parallel(workers, func(w int) {
		for s := w; s < numShards; s += workers {
			l.shards[s].rebuildTable()
		}
	})
	l.indexGone.Store(false)
}

// dropTable unmaps the shard's table if it is mapped outside the heap (a
// large one), keeping its size for rebuildTable. Grouping a large ledger
// drops the tables (see Ledger.dropTables).
func (sh *idShard) dropTable() bool {
	if sh.keep == nil {
		return false
	}
	sh.gone = len(sh.slots)
	sh.keep.Release()
	sh.slots, sh.keep = nil, nil
	return true
}

// rebuildTable makes a dropped table again, as large as it was, from the
// copy of each customer's slot by number: the slots keep the hashes, so
// no id is hashed again.
func (sh *idShard) rebuildTable() {
	if sh.gone == 0 {
		return
	}
	sh.slots, sh.keep = hugepages.Map[slot](sh.gone)
	sh.gone = 0
	c := int32(0)
	for _, chunk := range sh.byNum {
		for _, v := range chunk {
			if !sh.isDense(c, v) {
				sh.place(v)
			}
			c++
		}
	}
}

// mustHaveTable panics if the shard's table was dropped: every way into
// the index makes the tables again first (see Ledger.needIndex), and a
// look-up in a dropped table would find nothing.
func (sh *idShard) mustHaveTable() {
	if sh.gone != 0 {
		panic("segment: the customer index was used while dropped")
	}
}
