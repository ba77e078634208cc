package segment

import (
	"hash/maphash"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// LedgerOptions configure how a [Ledger] turns order lines into purchase
// occasions. The zero value means the documented defaults.
type LedgerOptions struct {
	// OccasionDays is the length in days of the period within which all
	// orders are one purchase occasion: 1 (the default; also used for 0)
	// makes each calendar day one occasion. Periods are counted back from
	// the as-of date, so the as-of day always closes a full period.
	OccasionDays int

	// Customers is how many customers the log is expected to hold, a size
	// hint: the customer index is made that large at once, instead of
	// growing as customers arrive (each growth moves every customer seen
	// so far; on a million customers growing costs about a third of a
	// CPU-second). 0 means unknown. A wrong hint never changes an answer:
	// too low, the index grows from there; too high, it costs memory. A
	// hint above MaxCustomersHint counts as MaxCustomersHint.
	Customers int
}

// MaxCustomersHint bounds [LedgerOptions.Customers], so that a mistyped
// hint cannot ask for terabytes.
const MaxCustomersHint = 1 << 26

// Ledger holds an order log grouped by customer and turns it into
// [Profile]s and BTYD [Summary] rows as of any date. Build it once with
// [Ledger.Add] (or [Ledger.AddOrders], which uses every core) and ask it for
// as many as-of dates as needed: the same ledger gives yesterday's and
// today's snapshot.
//
// The zero Ledger is ready to use with default options. A Ledger is not
// safe for concurrent use, and must not be copied once used (go vet
// reports copies): it unmaps the large arrays it has done with as soon as
// it is done with them, which a copy could still read.
type Ledger struct {
	_       noCopy
	opts    LedgerOptions
	shards  [numShards]idShard       // customer ids, split by a hash of the id
	seed    maphash.Seed             // of the hash; set with the first customer
	key     bulk.Key                 // the hash's key, made from seed (see hashKey)
	dense   bulk.Dense               // the form of numbered ids, which key shares (see bulk.Dense)
	pages   densePages               // the shards' pages of places by number
	order   []int32                  // customer keys in order of first appearance
	lines   []gline                  // grouped by customer once sorted (more has the lines added since)
	clines  []cline                  // instead of lines, when grouped narrow (see cline)
	wide    atomic.Pointer[[]gline]  // clines widened, once asked for (see widened)
	more    []lineBlock              // lines added since: blocks, so that growing never copies
	pending int                      // lines in more
	spare   []line                   // the chunk bulk blocks of more are carved from (see bulkBlock)
	chunks  []lineChunk              // the chunks spare was carved from, kept mapped (see hugepages.Map)
	loan    atomic.Pointer[roomLoan] // the last grouping's chunks kept for a fit's room (see roomLoan)
	scratch bulkScratch              // addLines' lists, kept from block to block
	latest  Date
	signals map[int32]Signals // by customer key; sparse: most customers of an order export have none

	// indexGone is set while grouping has dropped the index's tables (see
	// dropTables); needIndex makes them again, under groupMu.
	indexGone atomic.Bool

	// After grouping (sort): the lines of the customer with key k are
	// lines[offsets[g]:offsets[g+1]] (or clines', see cline), g =
	// groups()[k]; keys[g] is k again.
	// Groups follow the order of first appearance, or of id (byID).
	// The id of group g is id(keys[g]), and, grouped by id for a view,
	// words has it too, in group order (see groupIDs), for a pass that
	// reads the ids in that order. (Grouped otherwise, such an array was
	// 16 MB of strings for a million customers, to fill with a random
	// read each and for the collector to scan, and a pass reading them
	// jumped to each one's bytes all the same.)
	sorted   bool
	byID     bool
	group    atomic.Pointer[[]int32] // made on first use (see groups), nil until then
	groupMu  sync.Mutex              // held while groups makes group, or needIndex the tables
	slotsMu  sync.Mutex              // held while keepSlots makes a shard's slots by number
	keySpace int                     // every customer key of the grouping is below
	keys     []int32
	offsets  []int32
	words    *groupIDs // the ids of the groups, when the grouping wrote or copied them (see groupIDs); nil if not
}

// id returns the id of the customer with key k.
func (l *Ledger) id(k int32) string {
	s := k & (numShards - 1)
	l.keepSlots(int(s))
	return l.shards[s].id(k >> shardBits)
}

// lookup returns the key of the customer id.
func (l *Ledger) lookup(id string) (int32, bool) {
	if len(l.order) == 0 {
		return 0, false
	}
	l.needIndex()
	h := l.hash(id)
	s := shardOf(h)
	p := probeOf(id, h)
	c, _, ok := l.shards[s].find(&p, h)
	return c<<shardBits | int32(s), ok
}

// line is one order line as added, kept compact (16 bytes, and 12 once
// grouped, see gline: grouping moves every line once to a random place,
// so its size is most of that cost): amounts in millionths of the
// currency unit so that purchases and returns net exactly (10.10 + 5.20 -
// 15.30 is exactly zero, not 1.8e-15), and the day and the flags in one
// word.
type line struct {
	cust int32
	lineBits
	micro int64
}

// lineBits is a line's day and flags in one word: Date.n in the low 24
// bits (valid dates need 22), then the set flags, then the known ones.
type lineBits uint32

// newLine packs a line. day is the n of a valid order's date.
func newLine(cust, day int32, micro int64, flags, known Flags) line {
	return line{cust: cust, lineBits: lineBits(uint32(day) | uint32(flags&0xf)<<24 | uint32(known&0xf)<<28), micro: micro}
}

func (b lineBits) day() int32   { return int32(b & (1<<24 - 1)) }
func (b lineBits) flags() Flags { return Flags(b>>24) & 0xf }
func (b lineBits) known() Flags { return Flags(b >> 28) }

// gline is a line once grouped: its customer is its group's, so it is
// not kept, and a line takes 12 bytes instead of 16 (the million
// customers' 4.4 million lines of the CLI's file: 53 MB instead of 70,
// which grouping writes at random and every pass over a view reads).
type gline struct {
	lineBits
	lo, hi uint32 // micro's low and high words
}

// grouped returns ln once grouped.
func (ln *line) grouped() gline { return glineOf(ln.lineBits, ln.micro) }

// glineOf returns the grouped line of bits and amount micro.
func glineOf(b lineBits, micro int64) gline {
	return gline{lineBits: b, lo: uint32(micro), hi: uint32(uint64(micro) >> 32)}
}

// A narrow line's unit is the cent (see lineBlock and cline):
// microsPerCent micros, 625 << centShift.
const (
	microsPerCent = 10_000
	centShift     = 4
)

var _ [microsPerCent*100 - microsPerUnit]struct{}
var _ [microsPerUnit - microsPerCent*100]struct{}
var _ [microsPerCent - 625<<centShift]struct{}
var _ [625<<centShift - microsPerCent]struct{}

// narrowable reports whether an amount of micro micros is a whole number
// of cents that a narrow line keeps: any int32 (bulkLine negates a return's
// amount after the test, but only a positive one, whose negation fits).
func narrowable(micro int64) bool { return partsNarrow(narrowParts(micro)) }

// narrowParts returns what narrowable tests of an amount of micro micros,
// as two words that or together over many amounts (dealing tests a
// block's lines so, once, rather than each): the amount's bits, of which
// those below a cent's must be 0, and its cents moved by narrowOffset,
// which must be below 2^32.
func narrowParts(micro int64) (low, cents uint64) {
	return uint64(micro), uint64(centsOf(micro) + narrowOffset)
}

// partsNarrow reports whether the amounts whose narrowParts or'ed to low
// and cents are all narrowable.
func partsNarrow(low, cents uint64) bool { return low&(1<<centShift-1)|cents>>32 == 0 }

// narrowOffset moves the cents a narrow line keeps to [0, 2^32).
const narrowOffset = 1 << 31

// centsOf returns micro / microsPerCent when micro is a multiple of
// microsPerCent (10^4 = 2^4 * 625), without a division: a shift, then a
// product by the inverse of 625 modulo 2^64, which is the exact quotient
// of a multiple of 625 (Hacker's Delight, 10-16). Of a multiple of 16
// that is not one of 10^4 it is a number of no use, but never one
// within ±2^63/625 (10-17), and so never one narrowable takes; of a
// number that is not a multiple of 16 it can be anything (centsOf(10001)
// is 1), which narrowable's test of the low bits rules out. Dividing by
// the constant took a dozen instructions, for every line, twice.
func centsOf(micro int64) int64 {
	const inv625 = 0xd288ce703afb7e91 // 625 * inv625 is 1 modulo 2^64
	return int64(uint64(micro>>centShift) * inv625)
}

// narrow returns ln narrow, without its customer: its amount must be
// narrowable.
func (ln *line) narrow() cline {
	return cline{lineBits: ln.lineBits, cents: int32(centsOf(ln.micro))}
}

// grouped returns ln once grouped wide.
func (ln *cline) grouped() gline { return glineOf(ln.lineBits, ln.micro()) }

// lineBlock is the room of a block of lines added since the last
// grouping, which grouping reads twice (to count them, then to move
// them) and which a new process must first fault in: 70 MB for the
// 4.4 million lines of the CLI's 1M-customer file. A block whose every
// amount is a whole number of cents within 31 bits, as nearly every
// order log's are, keeps its lines narrow, in 12 bytes instead of 16 (53
// MB), in two columns: the customers (custs), which grouping's count
// reads alone (a third of the memory it read when they were rows: 7
// ms instead of 13 to count 2.2 million lines in a micro-benchmark), and
// the rest as grouped lines (narrow, see cline), which the move copies
// whole. Another block keeps its lines wide. At most one of the two is
// set (neither in an empty block).
type lineBlock struct {
	wide   []line
	custs  []int32
	narrow []cline
}

// len returns the number of lines in b.
func (b lineBlock) len() int { return len(b.wide) + len(b.narrow) }

// cust returns the key of the customer of b's line i.
func (b lineBlock) cust(i int) int32 {
	if b.narrow != nil {
		return b.custs[i]
	}
	return b.wide[i].cust
}

// slice returns b's lines lo to hi-1.
func (b lineBlock) slice(lo, hi int) lineBlock {
	if b.narrow != nil {
		return lineBlock{custs: b.custs[lo:hi], narrow: b.narrow[lo:hi]}
	}
	return lineBlock{wide: b.wide[lo:hi]}
}

// line returns b's line i, wide.
func (b lineBlock) line(i int) line {
	if b.narrow != nil {
		return line{cust: b.custs[i], lineBits: b.narrow[i].lineBits, micro: b.narrow[i].micro()}
	}
	return b.wide[i]
}

func (ln *gline) micro() int64 { return int64(uint64(ln.hi)<<32 | uint64(ln.lo)) }

// microsPerUnit is the fixed-point scale of amounts inside a Ledger, which
// the CSV reader's bulk lines carry too.
const microsPerUnit = bulk.MicrosPerUnit

// NewLedger returns an empty ledger with the given options (nil means
// defaults).
func NewLedger(opts *LedgerOptions) *Ledger {
	l := &Ledger{}
	if opts != nil {
		l.opts = *opts
	}
	if n := min(l.opts.Customers, MaxCustomersHint); n > 0 {
		l.order = make([]int32, 0, n)
		for s := range l.shards {
			l.shards[s].reserve(n/numShards + 1)
		}
	}
	return l
}

// Add validates o (see [Order.Validate]) and records it. An invalid order is
// not recorded and the error names it and the field. Amounts are kept to
// six decimal places; finer digits are rounded.
func (l *Ledger) Add(o Order) error {
	if err := o.Validate(); err != nil {
		return err
	}
	l.appendLine(lineOf(&o, l.customer(o.Customer)))
	l.latest = later(l.latest, o.Date)
	l.sorted = false
	return nil
}

// SetSignals records the CRM signals of a customer, replacing earlier
// ones. A customer known only by signals (an inquirer who never bought)
// gets a profile with no purchases. Invalid signals (negative or not
// finite) are rejected with a [*FieldError] naming the customer.
func (l *Ledger) SetSignals(customer string, s Signals) error {
	if customer == "" {
		return &FieldError{Record: `customer ""`, Field: "customer", Err: ErrEmpty}
	}
	if !s.valid() {
		return s.validate("customer " + strconv.Quote(customer))
	}
	c := l.customer(customer)
	if l.signals == nil {
		l.signals = make(map[int32]Signals)
	}
	l.signals[c] = s
	l.sorted = false
	return nil
}

// customer returns the key of id, adding the customer if new.
func (l *Ledger) customer(id string) int32 {
	l.needIndex()
	h := l.hash(id)
	return l.addCustomer(probeOf(id, h), h)
}

// addCustomer returns the key of the customer whose id has probe p and
// hash h, adding the customer if new.
func (l *Ledger) addCustomer(p idProbe, h uint64) int32 {
	s := shardOf(h)
	l.slotsBeforeTable(h)
	k, added := l.shards[s].add(&p, h, s, &l.pages)
	if added {
		l.order = append(l.order, k)
	}
	return k
}

// Len returns the number of order lines recorded.
func (l *Ledger) Len() int { return len(l.lines) + len(l.clines) + l.pending }

// appendLine adds ln to the last block of l.more, or to a new one twice as
// large as the last (up to 64k lines). Its blocks are wide; a narrow block
// (whose wide is nil, with no room) is a whole block of the CSV reader's,
// and so is a wide one of the bulk paths (blockRoom makes it full).
func (l *Ledger) appendLine(ln line) {
	if n := len(l.more); n == 0 || len(l.more[n-1].wide) == cap(l.more[n-1].wide) {
		l.more = append(l.more, lineBlock{wide: make([]line, 0, min(max(256, l.pending), 64<<10))})
	}
	last := &l.more[len(l.more)-1].wide
	*last = append(*last, ln)
	l.pending++
}

// Customers returns the number of distinct customers recorded.
func (l *Ledger) Customers() int { return len(l.order) }

// Latest returns the date of the latest order recorded (the default as-of
// date), or the zero Date for an empty ledger.
func (l *Ledger) Latest() Date { return l.latest }

// Stats account for every order line and customer of one as-of run, so
// that nothing is lost silently.
type Stats struct {
	Lines     int // order lines in the ledger
	AfterAsOf int // lines dated after the as-of date, ignored
	Customers int // customers in the ledger
	Profiles  int // customers with a line up to the as-of date, or with signals
	NotYet    int // customers without signals whose every line is after the as-of date: no profile
}

// Profiles returns the profile of every customer with at least one order
// line on or before asOf or with signals, in order of first appearance in the ledger, and
// the accounting of lines and customers left out. A zero asOf means
// [Ledger.Latest].
//
// Lines on one day (or one period, see [LedgerOptions.OccasionDays]) are one
// purchase occasion when their net amount is positive; returns are netted
// against purchases, and a day with only returns is not an occasion but its
// amount still reduces revenue.
func (l *Ledger) Profiles(asOf Date) ([]Profile, Stats) {
	out := make([]Profile, 0, len(l.order))
	st := l.Each(asOf, func(p *Profile) bool {
		out = append(out, *p)
		return true
	})
	return out, st
}

// Each calls fn with the profile of every customer that [Ledger.Profiles]
// would return, in the same order, without materialising them all: fn gets
// a pointer to one Profile that is reused for the next customer, so copy
// it (*p) to keep it. Returning false from fn stops early; the Stats then
// cover the customers visited. A zero asOf means [Ledger.Latest].
func (l *Ledger) Each(asOf Date, fn func(p *Profile) bool) Stats {
	if asOf.IsZero() {
		asOf = l.latest
	}
	l.sort(false, false)
	st := Stats{Lines: l.Len(), Customers: len(l.order)}
	var p Profile
	for _, k := range l.order {
		lines := l.linesOf(k)
		after := l.profile(k, l.id(k), lines, asOf, &p)
		st.AfterAsOf += after
		if !l.hasProfile(k, len(lines), after) {
			st.NotYet++
			continue
		}
		st.Profiles++
		if !fn(&p) {
			break
		}
	}
	return st
}

// Profile returns the profile of one customer as of asOf (zero means
// [Ledger.Latest]), and false when the ledger does not know the customer or
// knows only orders after asOf.
func (l *Ledger) Profile(id string, asOf Date) (Profile, bool) {
	k, ok := l.lookup(id)
	if !ok {
		return Profile{}, false
	}
	if asOf.IsZero() {
		asOf = l.latest
	}
	l.sort(false, false)
	var p Profile
	lines := l.linesOf(k)
	after := l.profile(k, l.id(k), lines, asOf, &p)
	if !l.hasProfile(k, len(lines), after) {
		return Profile{}, false
	}
	return p, true
}

// profile fills p for the customer with key k, id and lines (sorted by
// day) as of asOf and returns how many of the lines are after asOf.
func (l *Ledger) profile(k int32, id string, lines []gline, asOf Date, p *Profile) (after int) {
	// Each field is written once, in place: assigning a whole Profile
	// literal made a zeroed copy of its 640 bytes and copied it over.
	if len(l.signals) > 0 { // most order exports come without: no look-up, no copy
		p.Signals = l.signals[k]
	} else {
		p.Signals = Signals{}
	}
	p.ID, p.AsOf = id, asOf
	lines, after = upTo(lines, asOf)
	if l.opts.OccasionDays > 1 || !purchasesByDay(lines, p) {
		purchasesByPeriod(lines, asOf, int32(max(l.opts.OccasionDays, 1)), p)
	}
	return after
}

// upTo cuts lines (sorted by day) after asOf and returns how many it cut.
func upTo(lines []gline, asOf Date) ([]gline, int) {
	n := len(lines)
	if n == 0 || lines[n-1].day() <= asOf.n { // usually: as of the latest day
		return lines, 0
	}
	for n > 0 && lines[n-1].day() > asOf.n {
		n--
	}
	return lines[:n], len(lines) - n
}

// noCopy makes go vet's copylocks check report copies of what holds it.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}
