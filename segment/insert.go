package segment

import (
	"slices"
	"sync"
	"unsafe"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// Each worker of addLines owns some shards of the customer index and adds
// the lines whose customer is in them. Had every worker walked every line
// and skipped the others' (as addLines once did), each line would cost
// every worker a division (the shard's owner) and a branch that
// mispredicts about every other line, since owners fall at random. So the
// lines are first dealt out: one pass on every core, each over a
// contiguous range, writes the index of each line into a list of its
// owner without a branch; then each worker walks its own lists, range
// after range, which keeps its lines in input order. A repeat line goes
// to the owner of the line before it, in a list of its own: written once
// the line before is, it needs no look-up, and the walk no branch.

// dealt is the lines of one range that one worker adds.
type dealt struct {
	lookups []int32 // ascending: the lines that are not repeats
	repeats []int32 // descending: the repeat lines
}

// dealLines returns the lines of ls dealt to their owners: lists[r*workers+w]
// holds the lines of range r (share(r, workers, len(ls))) that worker w
// adds. Worker w owns the shards s with s%workers == w, and a repeat line
// goes with the line before it. The lists are carved from scratch, which
// needs room for workers*len(ls) indexes. wide is whether an amount is
// not narrowable (see lineBlock).
func dealLines(workers int, ls []bulk.Line, scratch []int32) (lists []dealt, wide bool) {
	n := len(ls)
	lists = make([]dealt, workers*workers)
	owner := ownersOf(workers)
	var wides [numShards]bool
	parallel(workers, func(r int) {
		from, to := share(r, workers, n)
		wides[r] = dealRange(&owner, ls, from, to, scratch[from*workers:to*workers], lists[r*workers:(r+1)*workers])
	})
	return lists, slices.Contains(wides[:], true)
}

// ownersOf returns the owner of each shard among workers owners: shard s
// is owner s%workers's.
func ownersOf(workers int) (owner [numShards]uint8) {
	for s := range owner {
		owner[s] = uint8(s % workers)
	}
	return owner
}

// dealRange deals the lines ls[from:to] to their owners (owner[s] owns
// shard s): lists[w] gets those owner w adds, carved from room, which
// needs len(lists)*(to-from) indexes. Owner w's part of room is [w*span,
// (w+1)*span), span = to-from: it can take all the lines of the range,
// its lookups from its start up and its repeats from its end down. It
// reports whether the amount of a line of the range is not narrowable
// (see lineBlock): dealing reads every line anyway.
func dealRange(owner *[numShards]uint8, ls []bulk.Line, from, to int, room []int32, lists []dealt) (wide bool) {
	span := to - from
	var next [2 * numShards]int // where the next index of each list goes
	for w := range numShards {
		next[2*w], next[2*w+1] = w*span, (w+1)*span-1
	}
	if span > 0 {
		w := owner[shardOf(ls[lastLookup(ls, from)].Hash)]
		var low, cents uint64 // narrowable's parts of every amount, or'ed
		for i := from; i < to; i++ {
			b := &ls[i]
			// Without a branch: a repeat's hash is not set, and its owner
			// is that of the line before.
			rep := bit(b.Repeat)
			keep := -rep // all ones for a repeat
			w = w&keep | owner[shardOf(b.Hash)]&^keep
			c := (2*w + rep) % (2 * numShards)
			room[next[c]] = int32(i)
			next[c] += 1 - 2*int(rep)
			bl, bc := narrowParts(b.Micros)
			low, cents = low|bl, cents|bc
		}
		wide = !partsNarrow(low, cents)
	}
	for w := range lists {
		lists[w] = dealt{
			lookups: room[w*span : next[2*w] : next[2*w]],
			repeats: room[next[2*w+1]+1 : (w+1)*span : (w+1)*span],
		}
	}
	return wide
}

// lastLookup returns the index of the last line at or before i that is
// not a repeat: the one whose customer line i has.
func lastLookup(ls []bulk.Line, i int) int {
	for i > 0 && ls[i].Repeat {
		i--
	}
	return i
}

// inserter is a worker of addLines: it adds the lines of its lists.
type inserter struct {
	l      *Ledger
	ls     []bulk.Line
	wide   []line             // where line i goes, if the block is wide
	custs  []int32            // else where its customer goes
	narrow []cline            // and the rest
	ids    lineIDs            // the customer ids of the lines
	last   int32              // the latest day of the lines so far
	fresh  []int32            // the lines with a new customer
	keys   [lookUpBatch]int32 // the customers of the lines lookUp looked up
}

// addDealt adds the lines of d.
func (in *inserter) addDealt(d dealt) {
	in.addLookups(d.lookups)
	in.addRepeats(d.repeats)
}

// addLookups adds the lines of list, ascending, in batches: it looks up
// and writes the lines of a batch once it has asked the processor for the
// places where the next batch's look-ups start (see prefetch), which are
// cache misses nearly all (a million customers' places take 4 MB): the
// processor fetches those together while it works on this batch. Reading
// them (a batch's, before looking that batch up) instead stalled the
// processor on every miss, a fifteenth of the CLI's CPU samples on the
// 1M-customer file.
func (in *inserter) addLookups(list []int32) {
	now := list[:min(lookUpBatch, len(list))]
	list = list[len(now):]
	in.askAhead(now)
	for len(now) > 0 {
		next := list[:min(lookUpBatch, len(list))]
		list = list[len(next):]
		in.askAhead(next)
		in.lookUp(now)
		in.write(now)
		now = next
	}
}

// lookUpBatch is how many lines addLookups asks ahead for. On the Intel
// host of the first measurements 16, 32 and 64 did as well; on the AMD
// one since, a batch of 32 left a third of addLookups' samples waiting
// for a place asked for (more misses at once than the processor keeps in
// flight), and 16 loaded the 1M-customer file in 4% less CPU, 8% with the
// places in huge pages (densePages), where 8 did 5-6%.
const lookUpBatch = 16

// askAhead asks for the places where the look-ups of the lines of batch
// start (see idShard.start).
func (in *inserter) askAhead(batch []int32) {
	ls, shards := in.ls, &in.l.shards
	var at [lookUpBatch]unsafe.Pointer
	n := 0
	for _, i := range batch {
		h := ls[i].Hash
		p := shards[shardOf(h)].start(h)
		at[n] = p
		n += int(b2u(p != nil))
	}
	prefetch(&at, n)
}

// lookUp looks up the customers of the lines of batch, adding the new
// ones, into keys.
func (in *inserter) lookUp(batch []int32) {
	ls, shards := in.ls, &in.l.shards
	last := in.last
	for j, i := range batch {
		b := &ls[i]
		s := shardOf(b.Hash)
		// A numbered customer is found here, inline: most lines are of
		// those, and add's two calls cost more than it; and a new one on
		// a page made is added at its place, which add would find again.
		var k int32
		var e *int32
		if b.Hash&bulk.DenseMark != 0 {
			e = shards[s].denseEntry(uint32(b.Hash))
		}
		switch {
		case e != nil && *e != 0:
			k = (*e-1)<<shardBits | int32(s)
		case e != nil:
			p := in.ids.probe(int(i), b)
			k = shards[s].newDense(e, &p, s)
			in.fresh = append(in.fresh, i)
		default:
			var added bool
			in.l.slotsBeforeTable(b.Hash) // (a dense hash here: a number whose page add makes)
			p := in.ids.probe(int(i), b)
			if k, added = shards[s].add(&p, b.Hash, s, &in.l.pages); added {
				in.fresh = append(in.fresh, i)
			}
		}
		in.keys[j] = k
		last = max(last, b.Day)
	}
	in.last = last
}

// write writes the lines of batch, of the customers lookUp found: in a
// loop of their own for each width (see lineBlock), where a test of the
// width for each line, in a call, cost more than the narrow lines save.
func (in *inserter) write(batch []int32) {
	ls, keys := in.ls, &in.keys
	if lines := in.narrow; lines != nil {
		custs := in.custs
		for j, i := range batch {
			ln := bulkLine(&ls[i], keys[j])
			custs[i], lines[i] = keys[j], ln.narrow()
		}
		return
	}
	lines := in.wide
	for j, i := range batch {
		lines[i] = bulkLine(&ls[i], keys[j])
	}
}

// addRepeats writes the repeat lines of list (which holds them
// descending) in input order, once the lines before them are written:
// each has the customer of the line before it. (A loop for each width,
// as write has.)
func (in *inserter) addRepeats(list []int32) {
	ls := in.ls
	last := in.last
	if lines := in.narrow; lines != nil {
		custs := in.custs
		for j := len(list) - 1; j >= 0; j-- {
			i := list[j]
			k := custs[i-1]
			ln := bulkLine(&ls[i], k)
			custs[i], lines[i] = k, ln.narrow()
			last = max(last, ls[i].Day)
		}
	} else {
		lines := in.wide
		for j := len(list) - 1; j >= 0; j-- {
			i := list[j]
			lines[i] = bulkLine(&ls[i], lines[i-1].cust)
			last = max(last, ls[i].Day)
		}
	}
	in.last = last
}

// bit is 1 if b, else 0.
func bit(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// dealPool holds the scratch of dealLines, which addLines does not keep:
// a block's lists are as large as its lines' indexes times the workers.
var dealPool = sync.Pool{New: func() any { return new([]int32) }}
