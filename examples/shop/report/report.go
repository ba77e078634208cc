package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/clientele-go/clientele/segment/batch"
)

//go:embed report.html.tmpl
var pageSource string

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"coord": coord,
}).Parse(pageSource))

// Write writes the report of d to w as one HTML document. A nil d is the
// zero Data: a report that says there is no data. The output depends only
// on d, so the same data gives the same bytes.
func Write(w io.Writer, d *Data) error {
	if d == nil {
		d = &Data{}
	}
	bw := bufio.NewWriter(w)
	if err := pageTemplate.Execute(bw, build(d)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// page is what the template shows, every number already formatted.
type page struct {
	Lang     string
	T        *texts
	Title    string
	Source   string
	Cards    []card
	Accounts string // classified and rejected, when known
	Empty    bool
	Sections []*section
}

// card is one figure of the headline.
type card struct {
	Value, Label string
}

// section is one chart with its numbers.
type section struct {
	ID, Title, Intro string
	Figure           *figure
	Note             string // under the chart
	Table            *table
}

// table holds formatted cells; the first column heads the rows.
type table struct {
	Head []string
	Rows [][]string
}

func build(d *Data) *page {
	t := textsFor(d.Lang)
	f := number(d.Lang)
	p := &page{Lang: d.Lang.String(), T: t, Title: d.Title, Source: d.Source}
	if p.Title == "" {
		p.Title = t.Title
	}
	tys := d.typologies(t)
	total := headline(tys, d.Grid)
	p.Empty = total.Count == 0
	p.Cards = cards(total, d, t, f)
	if d.Stats.Read > 0 {
		p.Accounts = f.int(d.Stats.Classified) + " " + t.Classified + ", " + f.int(d.Stats.Rejected) + " " + t.Rejected
	}
	if p.Empty {
		return p
	}
	for i, ty := range tys {
		if ty == nil {
			continue
		}
		if i == tRungs {
			p.Sections = append(p.Sections, funnelSection(ty, t, f))
			continue
		}
		p.Sections = append(p.Sections, barSection(ty, t, f))
		if i == tRFM && d.Grid != nil {
			p.Sections = append(p.Sections, gridSection(d.Grid, t, f))
		}
	}
	if d.Grid != nil && tys[tRFM] == nil {
		p.Sections = append(p.Sections, gridSection(d.Grid, t, f))
	}
	for i, m := range d.Movement {
		if m != nil {
			p.Sections = append(p.Sections, matrixSection(i, m, d.Lang, t, f))
		}
	}
	return p
}

// typologies erases d's summaries, in the order of the report (nil where
// d has none).
func (d *Data) typologies(t *texts) [nTypologies]*typology {
	l := d.Lang
	return [nTypologies]*typology{
		tSegments:   erase("segments", t.Typologies[tSegments], d.Segments, l),
		tRFM:        erase("rfm", t.Typologies[tRFM], d.RFM, l),
		tRungs:      erase("ladder", t.Typologies[tRungs], d.Rungs, l),
		tDISC:       erase("disc", t.Typologies[tDISC], d.DISC, l),
		tSABONE:     erase("sabone", t.Typologies[tSABONE], d.SABONE, l),
		tPerception: erase("perception", t.Typologies[tPerception], d.Perception, l),
		tDecision:   erase("decision", t.Typologies[tDecision], d.Decision, l),
		tLoyalty:    erase("loyalty", t.Typologies[tLoyalty], d.Loyalty, l),
	}
}

// headline returns the metrics of the whole base: those of the first
// summary that counted anyone (every summary of one run counts the same
// customers), or else what the grid knows; zero when nobody is counted.
func headline(tys [nTypologies]*typology, g *batch.Grid) batch.Metrics {
	for _, ty := range tys {
		if ty != nil && ty.Total.Count > 0 {
			return ty.Total
		}
	}
	if g == nil {
		return batch.Metrics{}
	}
	n, revenue := g.Unscored()
	for _, c := range g.Cells() {
		n += c.Count
		revenue += c.Revenue
	}
	return batch.Metrics{Count: n, Revenue: revenue}
}

func cards(m batch.Metrics, d *Data, t *texts, f number) []card {
	cs := []card{{f.int(m.Count), t.Customers}}
	if m.Buyers > 0 {
		cs = append(cs, card{f.int(m.Buyers), t.Buyers})
	}
	cs = append(cs, card{f.fixed(m.Revenue, 0), t.Revenue})
	if aov, ok := m.AverageOrderValue.Get(); ok {
		cs = append(cs, card{f.fixed(aov, 2), t.AOV})
	}
	if !d.AsOf.IsZero() {
		c := card{f.date(d.AsOf), t.AsOf}
		if !d.PreviousAsOf.IsZero() {
			c.Label += "; " + t.Compared + " " + f.date(d.PreviousAsOf)
		}
		cs = append(cs, c)
	}
	return cs
}

// barSection is a typology's bar chart and table.
func barSection(ty *typology, t *texts, f number) *section {
	s := &section{ID: ty.ID, Title: ty.Title, Table: metricsTable(ty, t, f)}
	if ty.Total.Count == 0 {
		s.Note = t.NoCustomersIn
		return s
	}
	s.Figure = bars(ty, t, f)
	s.Note = emptyLabels(ty, t)
	return s
}

// emptyLabels names the labels without customers, which the chart leaves
// out.
func emptyLabels(ty *typology, t *texts) string {
	var note string
	for _, r := range ty.Rows {
		if r.Count == 0 {
			if note != "" {
				note += ", "
			}
			note += r.Title
		}
	}
	if note == "" {
		return ""
	}
	return t.EmptyLabels + ": " + note + "."
}

// metricsTable is every number of a typology, one row per label and a
// total.
func metricsTable(ty *typology, t *texts, f number) *table {
	tagged := ty.tagged()
	tb := &table{Head: []string{t.Label, t.Customers, t.Share}}
	if tagged {
		tb.Head = append(tb.Head, t.Tagged)
	}
	tb.Head = append(tb.Head, t.Revenue, t.RevenueShare, t.MeanRevenue, t.AOV, t.Occasions, t.Recency, t.Confidence)
	row := func(title string, m batch.Metrics) []string {
		r := []string{title, f.int(m.Count), f.percent(m.Share)}
		if tagged {
			r = append(r, f.int(m.Tagged))
		}
		return append(r, f.fixed(m.Revenue, 2), f.optPercent(m.RevenueShare), f.opt(m.MeanRevenue, 2),
			f.opt(m.AverageOrderValue, 2), f.opt(m.Occasions, 1), f.opt(m.RecencyDays, 0), f.opt(m.Confidence, 2))
	}
	for _, r := range ty.Rows {
		tb.Rows = append(tb.Rows, row(r.Title, r.Metrics))
	}
	tb.Rows = append(tb.Rows, row(t.Total, ty.Total))
	return tb
}
