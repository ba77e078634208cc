package segment

import (
	"math"
	"math/bits"
)

// A profile's purchase facts come from its customer's lines in one of
// two ways: purchasesByPeriod decides every input, with a loop per
// occasion period and a branch per line on what the line is;
// purchasesByDay, for periods of one day (the default) and amounts that
// sum exactly as integers (all but absurd ones), gives the same facts
// without a branch in its loop that depends on the data. Which line
// closes a day, whether a line is a return and whether a day is an
// occasion vary from line to line, and those branches were most of a
// profile's mispredictions.

// purchasesByPeriod fills p's purchase facts (all but ID, AsOf and
// Signals) from lines (sorted by day, none after asOf), a purchase
// occasion being a period of period days counted back from asOf.
func purchasesByPeriod(lines []gline, asOf Date, period int32, p *Profile) {
	var known, occasions, discounted, newProducts, premium, orders, returns int
	var revenue, returned float64
	var first, latest Date // of the occasions
	for i := 0; i < len(lines); {
		// One period: lines i..j-1. The period is the days counted back
		// from asOf in steps of period; the lines are sorted by day, so
		// those after i in its period are those up to the period's last
		// day, found with one division per period, not one per line.
		last := asOf.n - (asOf.n-lines[i].day())/period*period
		var net int64
		var seen, set Flags
		overflow := int64(0) // negative once a sum overflows
		j := i
		for ; j < len(lines) && lines[j].day() <= last; j++ {
			ln := &lines[j]
			s := net + ln.micro()
			// Signed overflow: both addends of one sign, the sum of the
			// other (no branch: the amounts' signs vary).
			overflow |= (net ^ s) & (ln.micro() ^ s)
			net = s
			seen |= ln.known()
			set |= ln.flags()
			if ln.micro() < 0 || ln.flags()&Return != 0 {
				returns++
				returned -= float64(ln.micro())
			} else {
				orders++
			}
		}
		amount := float64(net)
		if overflow < 0 {
			// Only absurd inputs get here (ten lines of 10^12 on one
			// day); sum them in floating point instead of wrapping.
			amount = 0
			for k := i; k < j; k++ {
				amount += float64(lines[k].micro())
			}
		}
		revenue += amount
		known |= int(seen)
		if amount > 0 {
			if occasions == 0 {
				first = Date{n: lines[i].day()}
			}
			occasions++
			latest = Date{n: lines[j-1].day()}
			if set&Discounted != 0 {
				discounted++
			}
			if set&NewProduct != 0 {
				newProducts++
			}
			if set&Premium != 0 {
				premium++
			}
		}
		i = j
	}
	p.Occasions, p.Orders, p.Returns = occasions, orders, returns
	p.Revenue = revenue / microsPerUnit
	p.Returned = returned / microsPerUnit
	p.First, p.Last = first, latest
	p.Discounted = someIf(Flags(known)&Discounted != 0, discounted)
	p.NewProducts = someIf(Flags(known)&NewProduct != 0, newProducts)
	p.PremiumBuys = someIf(Flags(known)&Premium != 0, premium)
}

// someIf is Some(v) when known, else the unknown Opt.
func someIf(known bool, v int) Opt[int] {
	if known {
		return Some(v)
	}
	return Opt[int]{}
}

// purchasesByDay is purchasesByPeriod for periods of one day, when the
// amounts sum exactly as integers: then the integer sums give what
// purchasesByPeriod's floating-point sums give. It reports false, having
// written nothing, for no lines or amounts too large for that.
func purchasesByDay(lines []gline, p *Profile) bool {
	if len(lines) == 0 {
		return false
	}
	total, negative, net, magnitude, counts, first := sumDays(lines)
	if !exact(magnitude&(1<<60-1), len(lines)) {
		return false
	}
	var last int32 // the last occasion, of which sumDays knows only if it is the last day
	if net > 0 {
		counts++
		last = lines[len(lines)-1].day()
		first = min(first, last)
	}
	occasions, returns := int(counts&math.MaxUint32), int(counts>>32)
	p.Occasions, p.Orders, p.Returns = occasions, len(lines)-returns, returns
	p.Revenue = float64(total) / microsPerUnit
	p.Returned = float64(-negative) / microsPerUnit
	p.First, p.Last = Date{}, Date{}
	if occasions > 0 {
		if last == 0 {
			last = lastOccasion(lines)
		}
		p.First, p.Last = Date{n: first}, Date{n: last}
	}
	known := Flags(magnitude >> 60)
	var flagged [3]int
	if known&(Discounted|NewProduct|Premium) != 0 {
		flagged = countFlags(lines)
	}
	p.Discounted = someIf(known&Discounted != 0, flagged[0])
	p.NewProducts = someIf(known&NewProduct != 0, flagged[1])
	p.PremiumBuys = someIf(known&Premium != 0, flagged[2])
	return true
}

// exact reports whether n amounts sum exactly in a float64, whatever
// their order and grouping, magnitude being the OR of their absolute
// values (less one for the negative ones): n amounts of at most
// 2^(53-len(n)) in absolute value sum to less than 2^53. (It also keeps
// n below 2^flagCountBits, for countFlags.)
func exact(magnitude uint64, n int) bool {
	return n < 1<<flagCountBits && magnitude < 1<<(53-bits.Len(uint(n)))
}

// sumDays is purchasesByDay's loop over lines (at least one): the sum of
// the amounts, of the negative amounts and of the last day's; the
// amounts' bits (a bound of their absolute values, below 2^60,
// MaxAmount being 10^18 millionths) with the known flags at bit 60; the
// days before the last that are occasions in the low 32 bits of counts,
// the returns in the high; the first of those occasions (math.MaxInt32
// if none). It is a function of its own so that the caller's variables do
// not hold registers the loop needs.
func sumDays(lines []gline) (total, negative, net int64, magnitude, counts uint64, first int32) {
	day := lines[0].day()
	first = math.MaxInt32
	for i := range lines {
		ln := &lines[i]
		bits, micro := ln.lineBits, ln.micro()
		d := bits.day()
		// A new day closes the one before: an occasion when its net
		// amount is positive.
		closes := d != day
		bought := b2u(closes) & b2u(net > 0)
		if bought != 0 {
			first = min(first, day)
		}
		if closes {
			net = 0
		}
		day = d
		net += micro
		total += micro
		// Returns are the negative lines and those flagged (which are
		// never positive: see Order.Net).
		negative += micro & (micro >> 63)
		isReturn := uint64(micro)>>63 | uint64(bits>>24)&uint64(Return)
		counts += bought | isReturn<<32
		magnitude |= uint64(micro^micro>>63) | uint64(bits>>28)<<60
	}
	return total, negative, net, magnitude, counts, first
}

// countFlags counts the occasions (days, lines sorted by day, their sums
// exact) with each of Discounted, NewProduct and Premium, as sumDays
// counts occasions.
func countFlags(lines []gline) [3]int {
	var net int64
	var flagged, counts uint64 // the flags set on the day so far; see spreadFlags
	day := lines[0].day()
	for i := range lines {
		ln := &lines[i]
		d := ln.day()
		closes := d != day
		counts += spreadFlags(flagged) & -(b2u(closes) & b2u(net > 0))
		if closes {
			net, flagged = 0, 0
		}
		day = d
		net += ln.micro()
		flagged |= uint64(ln.lineBits)
	}
	counts += spreadFlags(flagged) & -b2u(net > 0)
	return [3]int{int(counts & flagCountMask), int(counts >> flagCountBits & flagCountMask), int(counts >> (2 * flagCountBits) & flagCountMask)}
}

// spreadFlags moves the Discounted, NewProduct and Premium bits of a
// line's bits to bits 0, flagCountBits and 2*flagCountBits, so that one
// addition counts the occasions with each.
func spreadFlags(bits uint64) uint64 {
	x := bits >> 25 & 7 // Discounted, NewProduct, Premium at bits 0, 1, 2
	return x * (1 | 1<<(flagCountBits-1) | 1<<(2*flagCountBits-2)) & (1 | 1<<flagCountBits | 1<<(2*flagCountBits))
}

// flagCountBits is the width of each count spreadFlags' sums hold: there
// are no more occasions than lines, fewer than 2^flagCountBits (exact).
const (
	flagCountBits = 21
	flagCountMask = 1<<flagCountBits - 1
)

// lastOccasion returns the last day whose lines (sorted by day, with at
// least one such day) net a positive amount.
func lastOccasion(lines []gline) int32 {
	last := len(lines) - 1
	day, net := lines[last].day(), int64(0)
	for i := last; i >= 0; i-- {
		if d := lines[i].day(); d != day {
			if net > 0 {
				return day
			}
			day, net = d, 0
		}
		net += lines[i].micro()
	}
	return day
}

// b2u is 1 for true and 0 for false, without a branch.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// occasionsByDay is purchasesByDay, of the lines on or before asOf, for
// the facts a fit reads (see View.fitProfile): p's Occasions, Revenue and
// Last, and nothing else.
func occasionsByDay(lines []gline, asOf Date, p *Profile) bool {
	lines, _ = upTo(lines, asOf)
	if len(lines) == 0 {
		return false
	}
	total, net, magnitude, occasions, last := sumOccasions(lines)
	if !exact(magnitude, len(lines)) {
		return false
	}
	if net > 0 { // the last day
		occasions++
		last = lines[len(lines)-1].day()
	}
	p.Occasions, p.Revenue, p.Last = occasions, float64(total)/microsPerUnit, Date{n: last}
	return true
}

// sumOccasions is sumDays without the returns and the flags, and with
// the last day that is an occasion, before the last day of lines (0 if
// none).
func sumOccasions(lines []gline) (total, net int64, magnitude uint64, occasions int, last int32) {
	day := lines[0].day()
	for i := range lines {
		ln := &lines[i]
		d, micro := ln.day(), ln.micro()
		closes := d != day
		bought := b2u(closes) & b2u(net > 0)
		occasions += int(bought)
		if bought != 0 {
			last = day
		}
		if closes {
			net = 0
		}
		day = d
		net += micro
		total += micro
		magnitude |= uint64(micro ^ micro>>63)
	}
	return total, net, magnitude, occasions, last
}
