package report

import (
	"math"

	"github.com/clientele-go/clientele/ladder"
)

// Layout of the funnel.
const (
	funnelCX    = 300 // the funnel's axis
	funnelMax   = 560 // the widest bar
	funnelRow   = 50
	funnelBar   = 38
	funnelTextX = 600 // the titles and numbers, right of the funnel
	funnelTop   = 8
	funnelGap   = 56 // between the ladder and the customers off it
)

// funnelSection is the loyalty ladder: its rungs as a funnel, lapsed (and
// unknown) customers apart, and the table.
func funnelSection(ty *typology, t *texts, f number) *section {
	s := &section{ID: ty.ID, Title: ty.Title, Intro: t.FunnelDesc, Table: metricsTable(ty, t, f)}
	if ty.Total.Count == 0 {
		s.Note = t.NoCustomersIn
		return s
	}
	s.Figure = funnel(ty, t, f)
	return s
}

// funnel draws the rungs from Potential down to Partner as centred bars,
// the width of each its number of customers, darker the higher the rung;
// below a divider, lapsed and unknown customers on the same scale in grey.
func funnel(ty *typology, t *texts, f number) *figure {
	fig := &figure{ID: ty.ID + "-chart", Width: barsWidth, Title: ty.Title, Desc: t.FunnelDesc}
	byValue := map[int]labelRow{}
	scale := 0
	for _, r := range ty.Rows {
		byValue[r.Value] = r
		scale = max(scale, r.Count)
	}
	width := func(n int) float64 {
		if n == 0 {
			return 0
		}
		return math.Max(2, float64(n)/float64(scale)*funnelMax)
	}
	steps := []ladder.Rung{ladder.Potential, ladder.NewCustomer, ladder.Regular, ladder.Advocate, ladder.Partner}
	y := float64(funnelTop)
	for i, rung := range steps {
		r := byValue[int(rung)]
		w := width(r.Count)
		fill := ramp(tealLight, tealDark, 0.25+0.75*float64(i)/float64(len(steps)-1))
		funnelRow1(fig, r, y, w, fill, t, f)
		y += funnelRow
	}
	off := []labelRow{byValue[int(ladder.Lapsed)], byValue[int(ladder.Unknown)]}
	if off[0].Count+off[1].Count > 0 {
		y += funnelGap - (funnelRow - funnelBar)
		fig.Lines = append(fig.Lines, line{X1: 20, Y1: y - funnelGap/2, X2: barsWidth - 20, Y2: y - funnelGap/2, Stroke: rule, Dash: true})
		fig.Texts = append(fig.Texts, text{X: 20, Y: y - funnelGap/2 - 6, Text: t.Lapsed, Size: 12, Fill: muted})
		for _, r := range off {
			if r.Count == 0 {
				continue
			}
			funnelRow1(fig, r, y, width(r.Count), lapsed, t, f)
			y += funnelRow
		}
	}
	fig.Height = y - (funnelRow - funnelBar) + funnelTop
	return fig
}

// funnelRow1 draws one rung: the centred bar and, to its right, the title
// and the numbers.
func funnelRow1(fig *figure, r labelRow, y, w float64, fill string, t *texts, f number) {
	numbers := f.int(r.Count) + " · " + f.percent(r.Share)
	if s, ok := r.RevenueShare.Get(); ok {
		numbers += " · " + f.percent(s) + " " + t.OfRevenue
	}
	if w > 0 {
		fig.Rects = append(fig.Rects, rect{X: funnelCX - w/2, Y: y, W: w, H: funnelBar, Fill: fill,
			Tip: r.Title + ": " + numbers})
	}
	fig.Texts = append(fig.Texts,
		text{X: funnelTextX, Y: y + 16, Text: shorten(r.Title), Size: 14, Bold: true, Fill: ink},
		text{X: funnelTextX, Y: y + 33, Text: numbers, Size: 12, Fill: muted})
}
