package main

import (
	"bufio"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// config is what a run generates.
type config struct {
	Customers int       // number of customers, each with at least one order
	Seed      uint64    // the random seed
	Start     time.Time // the first day of the log
	Days      int       // the number of days in the log
}

func defaultConfig() config {
	return config{
		Customers: 1_000_000,
		Seed:      1,
		Start:     time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC),
		Days:      1096, // 2022-01-01 .. 2024-12-31
	}
}

// maxCustomers keeps ids at most 8 digits and line indexes in an int32.
const maxCustomers = 99_999_999

func (c *config) validate() error {
	switch {
	case c.Customers < 1 || c.Customers > maxCustomers:
		return fmt.Errorf("-customers %d: want 1..%d", c.Customers, maxCustomers)
	case c.Days < 1 || c.Days > 100*366:
		return fmt.Errorf("-days %d: want 1..%d", c.Days, 100*366)
	case c.Start.Year() < 1900 || c.Start.AddDate(0, 0, c.Days-1).Year() > 9999:
		return fmt.Errorf("-start %s: the log must lie within 1900..9999", c.Start.Format(time.DateOnly))
	}
	return nil
}

// The shape of the customer base. The numbers are chosen so that the
// default 1,000,000 customers give about 4.4 million lines, half of them
// one-time buyers, and a heavy tail of frequent buyers.
const (
	oneTimeShare = 0.52  // customers with exactly one order
	repeatShape  = 1.45  // Lomax shape of extra orders of repeat buyers: the tail
	repeatScale  = 3.0   // Lomax scale of extra orders of repeat buyers
	maxOrders    = 1000  // cap on one customer's orders
	lifespanMean = 540.0 // mean days a customer stays active after the first order
	growth       = 1.0   // new customers per day grow linearly to 1+growth times the first day's
	returnRate   = 0.05  // share of orders followed by a return of one item
	returnDelay  = 0.15  // geometric parameter of the days from order to return (mean ~6)
	moreItems    = 0.45  // chance an order has one more item (geometric item count)
	maxItems     = 8     // cap on items per order
	pricierTier  = 0.75  // geometric parameter of a customer's price tier
	pricierItem  = 0.5   // geometric parameter of an item above the customer's tier
)

// prices are the shop's price points in cents. Order totals are sums of
// them, so many customers share the same revenue, as in a real shop.
var prices = [...]int32{
	199, 299, 349, 499, 599, 799, 899, 999, 1290, 1490, 1990, 2490,
	2990, 3490, 3990, 4990, 5990, 7990, 9990, 12990, 14990, 19990, 24990, 29990,
}

// line is one order line; cents is negative for a return.
type line struct {
	day   int32
	cust  int32
	cents int32
}

// stats describes a generated log.
type stats struct {
	Customers   int
	Lines       int
	Returns     int
	OneTime     int // customers with one order
	NoOccasion  int // customers whose every day nets to zero or less
	MaxOrders   int
	First, Last time.Time
}

func (s stats) String() string {
	return fmt.Sprintf("gen: %d lines (%d returns) for %d customers, %s..%s; "+
		"%.1f%% buy once, %d have no purchase occasion (returned everything), the heaviest has %d orders",
		s.Lines, s.Returns, s.Customers, s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly),
		100*float64(s.OneTime)/float64(s.Customers), s.NoOccasion, s.MaxOrders)
}

// generate writes the log to w and returns what it wrote. Write errors
// are left in w (a bufio.Writer keeps the first one for Flush).
func generate(w *bufio.Writer, cfg *config) stats {
	lines, st := customers(cfg)
	lines = byDay(lines, cfg.Days)
	writeCSV(w, lines, cfg)
	st.Lines = len(lines)
	st.First = cfg.Start.AddDate(0, 0, int(lines[0].day))
	st.Last = cfg.Start.AddDate(0, 0, int(lines[len(lines)-1].day))
	return st
}

// customers draws every customer's order lines, customer by customer.
func customers(cfg *config) ([]line, stats) {
	rng := newSource(cfg.Seed)
	st := stats{Customers: cfg.Customers}
	lines := make([]line, 0, cfg.Customers*9/2)
	var own []line
	for c := range cfg.Customers {
		own = customer(rng, int32(c), cfg.Days, own[:0])
		orders := 0
		for _, l := range own {
			if l.cents < 0 {
				st.Returns++
			} else {
				orders++
			}
		}
		if orders == 1 {
			st.OneTime++
		}
		st.MaxOrders = max(st.MaxOrders, orders)
		if occasions(own) == 0 {
			st.NoOccasion++
		}
		lines = append(lines, own...)
	}
	return lines, st
}

// customer appends the lines of customer c to dst.
func customer(rng *source, c int32, days int, dst []line) []line {
	first := acquisition(rng, days)
	orders := 1
	if !rng.chance(oneTimeShare) {
		orders = 2 + int(min(rng.lomax(repeatShape, repeatScale), maxOrders-2))
	}
	active := min(days-1, first+int(rng.exponential(lifespanMean)))
	tier := min(rng.geometric(pricierTier), len(prices)-1)
	for o := range orders {
		day := first
		if o > 0 {
			day += rng.intn(active - first + 1)
		}
		items := 1 + min(rng.geometric(1-moreItems), maxItems-1)
		var total, item int32
		for range items {
			item = prices[min(tier+rng.geometric(pricierItem), len(prices)-1)]
			total += item
		}
		dst = append(dst, line{day: int32(day), cust: c, cents: total})
		if rng.chance(returnRate) {
			back := min(days-1, day+rng.geometric(returnDelay))
			dst = append(dst, line{day: int32(back), cust: c, cents: -item})
		}
	}
	return dst
}

// acquisition draws the day of a customer's first order from a density
// that grows linearly from 1 to 1+growth over the log (inverse CDF of
// f(t) = 1 + growth*t on [0, 1)).
func acquisition(rng *source, days int) int {
	u := rng.float()
	t := (math.Sqrt(1+growth*(2+growth)*u) - 1) / growth
	return min(int(t*float64(days)), days-1)
}

// occasions counts the days on which a customer's lines net to more than
// zero: the purchase occasions of the RFM definitions in bench/README.md.
// It sorts own by day.
func occasions(own []line) int {
	slices.SortFunc(own, func(a, b line) int { return int(a.day - b.day) })
	n := 0
	for i := 0; i < len(own); {
		var net int64
		j := i
		for ; j < len(own) && own[j].day == own[i].day; j++ {
			net += int64(own[j].cents)
		}
		if net > 0 {
			n++
		}
		i = j
	}
	return n
}

// byDay sorts lines by day with a stable counting sort, so that customers
// within a day keep a fixed order: the log reads like an export.
func byDay(lines []line, days int) []line {
	start := make([]int, days+1)
	for _, l := range lines {
		start[l.day+1]++
	}
	for d := 1; d <= days; d++ {
		start[d] += start[d-1]
	}
	out := make([]line, len(lines))
	for _, l := range lines {
		out[start[l.day]] = l
		start[l.day]++
	}
	return out
}

// writeCSV writes the header and one row per line.
func writeCSV(w *bufio.Writer, lines []line, cfg *config) {
	width := max(7, len(strconv.Itoa(cfg.Customers)))
	dates := make([][]byte, cfg.Days)
	for d := range dates {
		dates[d] = []byte(cfg.Start.AddDate(0, 0, d).Format(time.DateOnly))
	}
	w.WriteString("customer_id,date,amount\n")
	buf := make([]byte, 0, 64)
	for _, l := range lines {
		buf = append(buf[:0], 'C')
		buf = appendPadded(buf, int(l.cust)+1, width)
		buf = append(buf, ',')
		buf = append(buf, dates[l.day]...)
		buf = append(buf, ',')
		buf = appendCents(buf, l.cents)
		buf = append(buf, '\n')
		w.Write(buf)
	}
}

// appendPadded appends n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	i := len(digits)
	for n > 0 || i == len(digits) {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	for range width - (len(digits) - i) {
		b = append(b, '0')
	}
	return append(b, digits[i:]...)
}

// appendCents appends cents as a decimal amount with two places: 1290 is
// "12.90", -199 is "-1.99".
func appendCents(b []byte, cents int32) []byte {
	c := int64(cents)
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	b = strconv.AppendInt(b, c/100, 10)
	return append(b, '.', byte('0'+c/10%10), byte('0'+c%10))
}
