package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/clientele-go/clientele/examples/shop/report"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/movement"
	"github.com/clientele-go/clientele/strategy"
)

// overview is what the summary says about a base, gathered in one pass,
// a part of the base on each core (batch.ReduceView), the parts merged.
type overview struct {
	revenue, returned batch.Sum // exact: the workers' overviews merge to the same totals in any order
	buyers, prospects int
	freq              [4]int // occasions: 1, 2-3, 4-9, 10+
	recency           [3]int // days: <= 90, 91-365, > 365

	// tables are the summary per typology and the RFM grid, kept in the
	// report's own form so that -report draws exactly what is printed.
	tables *report.Data

	matrices []*movement.Matrix // with -previous-asof
	stats    batch.Stats        // the accounting of the pass
}

// summarise classifies the base in one pass (ledger order: a summary needs
// no sorting) and adds every customer to the tables, on every core: each
// worker gathers its customers into an overview of its own, and the
// overviews are merged (batch.ReduceView). A customer the batch rejects
// (a panic) stops the pass with the error, which names the customer.
func summarise(stderr io.Writer, o *options, d *dataset, b *base) (*overview, error) {
	bar := newProgress(stderr, b.view.Len())
	s, st, err := batch.ReduceView(context.Background(), b.view, b.classify,
		func() *overview { return &overview{tables: report.NewData(b.cs)} },
		func(s *overview, r *batch.Record[strategy.Classification]) error {
			if r.Err != nil {
				return r.Err
			}
			return s.add(b, r.Out)
		}, (*overview).merge, b.options(bar))
	bar.done()
	if err != nil {
		return nil, err
	}
	s.stats = st
	if !o.previous.IsZero() {
		// Only the matrices: events would explain every move on both
		// dates, which costs several times the whole summary.
		if s.matrices, err = moves(stderr, o, d, b, nil); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *overview) add(b *base, c *strategy.Classification) error {
	p := c.Profile
	if err := s.revenue.Add(p.Revenue); err != nil {
		return fmt.Errorf("customer %q: revenue: %w", p.ID, err)
	}
	if err := s.returned.Add(p.Returned); err != nil {
		return fmt.Errorf("customer %q: returned: %w", p.ID, err)
	}
	if p.Occasions == 0 {
		s.prospects++
	} else {
		s.buyers++
		switch {
		case p.Occasions == 1:
			s.freq[0]++
		case p.Occasions <= 3:
			s.freq[1]++
		case p.Occasions <= 9:
			s.freq[2]++
		default:
			s.freq[3]++
		}
		switch r := p.Recency().Or(0); {
		case r <= 90:
			s.recency[0]++
		case r <= 365:
			s.recency[1]++
		default:
			s.recency[2]++
		}
	}
	return s.tables.Add(c, c.RFMCode)
}

// merge adds the customers of o to s.
func (s *overview) merge(o *overview) error {
	s.revenue.Merge(o.revenue)
	s.returned.Merge(o.returned)
	s.buyers += o.buyers
	s.prospects += o.prospects
	for i := range s.freq {
		s.freq[i] += o.freq[i]
	}
	for i := range s.recency {
		s.recency[i] += o.recency[i]
	}
	return s.tables.Merge(o.tables)
}

// writeSummary prints a readable overview of the customer base, and
// returns it for the report.
func writeSummary(stdout, stderr io.Writer, o *options, d *dataset, b *base) (*overview, error) {
	s, err := summarise(stderr, o, d, b)
	if err != nil {
		return nil, err
	}
	return s, printSummary(stdout, o, d, b, s)
}

func printSummary(stdout io.Writer, o *options, d *dataset, b *base, s *overview) error {
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "clientele: %s, as of %s\n\n", d.source, d.asOf)
	fmt.Fprintf(tw, "order lines\t%d\t(%d skipped as invalid, %d after the as-of date)\n", d.orders.Loaded, d.orders.Skipped, b.stats.AfterAsOf)
	fmt.Fprintf(tw, "customers\t%d\t(%d buyers, %d without a purchase yet; %d only after the as-of date)\n", b.customers, s.buyers, s.prospects, b.stats.NotYet)
	fmt.Fprintf(tw, "net revenue\t%.2f\t(returns %.2f)\n", s.revenue.Float(), s.returned.Float())
	fmt.Fprintf(tw, "\npurchase occasions per buyer\n")
	for i, label := range []string{"1", "2-3", "4-9", "10+"} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", label, s.freq[i], share(s.freq[i], s.buyers))
	}
	fmt.Fprintf(tw, "\ndays since last purchase\n")
	for i, label := range []string{"0-90", "91-365", "over 365"} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", label, s.recency[i], share(s.recency[i], s.buyers))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	lang, t := o.lang, s.tables
	writeTable(stdout, title(typologies[0], lang), t.Segments, lang, true)
	writeTable(stdout, title(typologies[1], lang), t.RFM, lang, false)
	writeGrid(stdout, t.Grid)
	writeTable(stdout, title(typologies[2], lang), t.Rungs, lang, false)
	writeTable(stdout, title(typologies[3], lang), t.DISC, lang, false)
	writeTable(stdout, title(typologies[4], lang), t.SABONE, lang, false)
	writeTable(stdout, title(typologies[5], lang), t.Perception, lang, false)
	writeTable(stdout, title(typologies[6], lang), t.Decision, lang, false)
	writeTable(stdout, title(typologies[7], lang), t.Loyalty, lang, false)
	if s.matrices != nil {
		fmt.Fprintf(stdout, "\nmovers since %s (customers whose label changed):", o.previous)
		for i, m := range s.matrices {
			sep := ","
			if i == 0 {
				sep = ""
			}
			fmt.Fprintf(stdout, "%s %s %d", sep, m.Typology.Name, m.Moved())
		}
		fmt.Fprintln(stdout)
		writeMatrices(stdout, s.matrices, lang)
	}
	return nil
}

// writeTable prints one typology's summary: a row per label, the unknown
// label last; with tags, how many carry each label among their tags.
func writeTable[L segment.Label](w io.Writer, title string, s *batch.Summary[L], lang segment.Lang, tags bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "\n%s\n", title)
	head := "\tcustomers\tshare\trevenue share\toccasions\taverage order\t"
	if tags {
		head += "tagged\t"
	}
	fmt.Fprintln(tw, head)
	rows := s.Rows()
	var titles []string
	for _, r := range rows {
		titles = append(titles, s.Labels().Title(r.Label, lang))
	}
	titles = leftAlign(titles)
	for i, r := range rows {
		if r.Count == 0 && r.Tagged == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f%%\t%s\t%s\t%s\t", titles[i], r.Count, 100*r.Share,
			percent(r.RevenueShare), number(r.Occasions, 1), number(r.AverageOrderValue, 2))
		if tags {
			fmt.Fprintf(tw, "%d\t", r.Tagged)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// writeGrid prints the RFM grid: customers per recency (rows, R5 on top)
// and frequency (columns) score, with their share of the scored base.
func writeGrid(w io.Writer, g *batch.Grid) {
	fmt.Fprintf(w, "\nRFM grid: customers by recency (R) and frequency (F) score\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tF1\tF2\tF3\tF4\tF5\t")
	cells := g.Cells()
	for i, c := range cells {
		if i%5 == 0 {
			fmt.Fprintf(tw, "R%d\t", c.R)
		}
		fmt.Fprintf(tw, "%d (%.1f%%)\t", c.Count, 100*c.Share)
		if i%5 == 4 {
			fmt.Fprintln(tw)
		}
	}
	tw.Flush()
	n, _ := g.Unscored()
	fmt.Fprintf(w, "%d customers scored; %d without a purchase have no score\n", g.Scored(), n)
}

// leftAlign pads labels to one width, so that they read left-aligned in a
// table whose numbers are aligned right.
func leftAlign(labels []string) []string {
	width := 0
	for _, l := range labels {
		width = max(width, utf8.RuneCountInString(l))
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l + strings.Repeat(" ", width-utf8.RuneCountInString(l))
	}
	return out
}

func percent(o segment.Opt[float64]) string {
	v, ok := o.Get()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

func number(o segment.Opt[float64], digits int) string {
	v, ok := o.Get()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.*f", digits, v)
}

func share(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}
