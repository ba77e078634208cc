package batch

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Grid is the RFM grid of a customer base: for each recency score R and
// frequency score F (1..5 each, 5 best), how many customers, their net
// revenue, and their mean monetary score M. It is the heat map marketers
// read RFM from: champions gather at R5 F5, customers slipping away at
// R1-2 with a high F.
//
// Scores come from an RFM model (package segment/rfm, for instance) as
// plain numbers, so the grid works with any scoring. Customers without a
// score (no purchase yet) are counted apart, see [Grid.Unscored].
//
// Grids merge exactly, like a [Summary]. The zero Grid is empty and ready
// to use; a Grid is not safe for concurrent use.
type Grid struct {
	cells    [5][5]gridCell // [r-1][f-1]
	unscored gridCell
	scored   gridCell // the sum of the cells, kept as they change
}

type gridCell struct {
	count   int64
	revenue exactSum
	m       int64 // sum of monetary scores
}

// fits reports whether o merges into c without the count or the
// monetary sum passing the most an int64 holds (both are at least 0) or
// the revenue passing its 128 bits, where each would wrap around.
func (c *gridCell) fits(o *gridCell) bool { return c.countsFit(o) && c.revenue.fits(o.revenue) }

// countsFit is fits without the revenue.
func (c *gridCell) countsFit(o *gridCell) bool {
	return o.count <= math.MaxInt64-c.count && o.m <= math.MaxInt64-c.m
}

func (c *gridCell) merge(o *gridCell) {
	c.count += o.count
	c.revenue.merge(o.revenue)
	c.m += o.m
}

// Add counts one customer with scores r, f, m and net revenue. Scores are
// 1..5; a customer without a score passes 0, 0, 0 and is counted under
// [Grid.Unscored]. Any other score, or revenue not finite or beyond
// ±[MaxAmount], is an error (a [*segment.FieldError] naming the score and
// the value) and nothing is counted; so is a customer whose count or sums
// would pass the most an int64 (or the revenue's 128-bit sum) holds,
// which only a grid read back from a file can be near. It does not
// allocate.
func (g *Grid) Add(r, f, m uint8, revenue float64) error {
	if !inRange(revenue) {
		return &segment.FieldError{Field: "revenue", Value: strconv.FormatFloat(revenue, 'g', -1, 64), Err: errAmount}
	}
	one := gridCell{count: 1, m: int64(m)}
	one.revenue.add(revenue)
	if r == 0 && f == 0 && m == 0 {
		if !g.unscored.fits(&one) {
			return &segment.FieldError{Field: "customers", Value: strconv.FormatInt(g.unscored.count, 10), Err: errGridFull}
		}
		g.unscored.merge(&one)
		return nil
	}
	for _, s := range [3]struct {
		name  string
		value uint8
	}{{"r_score", r}, {"f_score", f}, {"m_score", m}} {
		if s.value < 1 || s.value > 5 {
			return &segment.FieldError{Field: s.name, Value: strconv.Itoa(int(s.value)), Err: errScore}
		}
	}
	// A cell's count and monetary sum are at most the scored total's
	// (all at least 0), so only its revenue, whose terms may have either
	// sign, needs a check of its own.
	c := &g.cells[r-1][f-1]
	if !g.scored.fits(&one) || !c.revenue.fits(one.revenue) {
		return &segment.FieldError{Field: "customers", Value: strconv.FormatInt(g.scored.count, 10), Err: errGridFull}
	}
	c.merge(&one)
	g.scored.merge(&one)
	return nil
}

var (
	errScore    = fmt.Errorf("%w: want 1..5 (or 0, 0, 0 for a customer without a score)", segment.ErrRange)
	errGridFull = fmt.Errorf("%w: the grid's counts or sums would pass 2^63-1, or its revenue 2^127-1 millionths", segment.ErrRange)
)

// Merge adds the customers counted in o to g, all or nothing: if a count
// or sum would pass the most it holds (2^63-1; 2^127-1 millionths of
// revenue), which only grids read back from files can reach, Merge
// returns an error and leaves g unchanged.
func (g *Grid) Merge(o *Grid) error {
	fits := g.unscored.fits(&o.unscored) && g.scored.fits(&o.scored)
	for r := range g.cells {
		for f := range g.cells[r] {
			fits = fits && g.cells[r][f].fits(&o.cells[r][f])
		}
	}
	if !fits {
		return errors.New("batch: cannot merge grids whose counts or sums add up past 2^63-1, or revenue past 2^127-1 millionths")
	}
	for r := range g.cells {
		for f := range g.cells[r] {
			g.cells[r][f].merge(&o.cells[r][f])
		}
	}
	g.unscored.merge(&o.unscored)
	g.scored.merge(&o.scored)
	return nil
}

// Cell is one cell of the grid.
type Cell struct {
	R     uint8   `json:"r"`     // recency score, 1..5
	F     uint8   `json:"f"`     // frequency score, 1..5
	Count int     `json:"count"` // customers
	Share float64 `json:"share"` // of scored customers; 0 when there is none
	// Revenue is the cell's net revenue; RevenueShare its share of the
	// scored customers' net revenue, unknown when that is 0.
	Revenue      float64              `json:"revenue"`
	RevenueShare segment.Opt[float64] `json:"revenue_share"`
	// MeanM is the mean monetary score of the cell's customers; unknown
	// for an empty cell.
	MeanM segment.Opt[float64] `json:"mean_m"`
}

// Cell returns the cell of scores r and f; for scores outside 1..5, a
// Cell with only R and F set.
func (g *Grid) Cell(r, f uint8) Cell {
	out := Cell{R: r, F: f}
	if r < 1 || r > 5 || f < 1 || f > 5 {
		return out
	}
	n, rev := g.scored.count, g.scored.revenue
	c := &g.cells[r-1][f-1]
	out.Count = int(c.count)
	out.Revenue = c.revenue.float()
	if n > 0 {
		out.Share = float64(c.count) / float64(n)
	}
	if rev != (exactSum{}) {
		out.RevenueShare = segment.Some(ratio(c.revenue, rev))
	}
	if c.count > 0 {
		out.MeanM = segment.Some(float64(c.m) / float64(c.count))
	}
	return out
}

// Cells returns the 25 cells, R from 5 (most recent) down to 1 and,
// within each R, F from 1 up to 5: the rows and columns of the usual heat
// map, top left to bottom right.
func (g *Grid) Cells() []Cell {
	out := make([]Cell, 0, 25)
	for r := uint8(5); r >= 1; r-- {
		for f := uint8(1); f <= 5; f++ {
			out = append(out, g.Cell(r, f))
		}
	}
	return out
}

// Scored returns the number of customers with scores.
func (g *Grid) Scored() int { return int(g.scored.count) }

// Unscored returns the number and net revenue of customers counted
// without a score.
func (g *Grid) Unscored() (count int, revenue float64) {
	return int(g.unscored.count), g.unscored.revenue.float()
}
