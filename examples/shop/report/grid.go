package report

import (
	"strconv"

	"github.com/clientele-go/clientele/segment/batch"
)

// Layout of the RFM grid.
const (
	gridX    = 110 // left of the cells: the R scores and the axis title
	gridY    = 56  // above the cells: the F scores and the axis title
	gridCell = 118
	gridRow  = 62
	gridKeyX = gridX + 5*gridCell + 30 // the colour key
)

// gridSection is the RFM grid as a heat map, with its table.
func gridSection(g *batch.Grid, t *texts, f number) *section {
	s := &section{ID: "rfm-grid", Title: t.Grid, Intro: t.GridDesc, Table: gridTable(g, t, f)}
	if n, revenue := g.Unscored(); n > 0 {
		s.Note = f.int(n) + " " + t.Customers + " " + t.Unscored + " (" + t.Revenue + " " + f.fixed(revenue, 2) + ")."
	}
	if g.Scored() == 0 {
		s.Note = t.NoCustomersIn + " " + s.Note
		return s
	}
	s.Figure = grid(g, t, f)
	return s
}

// grid draws the 25 cells, recency 5 at the top and frequency 5 on the
// right, coloured by customers, with the count and mean M in each.
func grid(g *batch.Grid, t *texts, f number) *figure {
	fig := &figure{ID: "rfm-grid-chart", Width: barsWidth, Height: gridY + 5*gridRow + 12, Title: t.Grid, Desc: t.GridDesc}
	most := 0
	for _, c := range g.Cells() {
		most = max(most, c.Count)
	}
	fig.Texts = append(fig.Texts,
		text{X: gridX + 2.5*gridCell, Y: 16, Text: t.FreqAxis + " →", Anchor: "middle", Size: 13, Bold: true, Fill: ink},
		text{X: 24, Y: gridY + 2.5*gridRow, Text: t.RecencyAxis + " →", Anchor: "middle", Size: 13, Bold: true, Fill: ink, Rotate: -90})
	for i := range 5 {
		score := strconv.Itoa(i + 1)
		fig.Texts = append(fig.Texts,
			text{X: gridX + (float64(i)+0.5)*gridCell, Y: gridY - 10, Text: "F" + score, Anchor: "middle", Size: 12, Fill: muted},
			text{X: gridX - 12, Y: gridY + (4.5-float64(i))*gridRow + 4, Text: "R" + score, Anchor: "end", Size: 12, Fill: muted})
	}
	for _, c := range g.Cells() {
		x := gridX + float64(c.F-1)*gridCell
		y := gridY + float64(5-c.R)*gridRow
		heat := 0.0
		fill := emptyCell
		if c.Count > 0 {
			heat = 0.08 + 0.92*float64(c.Count)/float64(most)
			fill = ramp(blueLight, blueDark, heat)
		}
		name := "R" + strconv.Itoa(int(c.R)) + " F" + strconv.Itoa(int(c.F))
		tip := name + ": " + f.int(c.Count) + " " + t.Customers
		if m, ok := c.MeanM.Get(); ok {
			tip += ", " + t.MeanM + " " + f.fixed(m, 1)
		}
		if s, ok := c.RevenueShare.Get(); ok {
			tip += ", " + f.percent(s) + " " + t.OfRevenue
		}
		fig.Rects = append(fig.Rects, rect{X: x + 1, Y: y + 1, W: gridCell - 2, H: gridRow - 2, Fill: fill, Tip: tip})
		fig.Texts = append(fig.Texts, text{X: x + gridCell/2, Y: y + 28, Text: f.int(c.Count), Anchor: "middle", Size: 16, Bold: true, Fill: onFill(heat)})
		if m, ok := c.MeanM.Get(); ok {
			fig.Texts = append(fig.Texts, text{X: x + gridCell/2, Y: y + 47, Text: t.MeanM + " " + f.fixed(m, 1), Anchor: "middle", Size: 11, Fill: onFill(heat)})
		}
	}
	// The key: five steps of the scale, the most customers at the top.
	for i := range 5 {
		heat := 0.08 + 0.92*float64(4-i)/4
		fig.Rects = append(fig.Rects, rect{X: gridKeyX, Y: gridY + float64(i)*24, W: 20, H: 22, Fill: ramp(blueLight, blueDark, heat)})
	}
	fig.Texts = append(fig.Texts,
		text{X: gridKeyX + 28, Y: gridY + 15, Text: f.int(most), Size: 11, Fill: muted},
		text{X: gridKeyX + 28, Y: gridY + 4*24 + 15, Text: f.int(min(1, most)), Size: 11, Fill: muted},
		text{X: gridKeyX, Y: gridY - 10, Text: t.Customers, Size: 11, Fill: muted})
	return fig
}

// gridTable lists the 25 cells in the order of the heat map.
func gridTable(g *batch.Grid, t *texts, f number) *table {
	tb := &table{Head: []string{t.Cell, t.Customers, t.Share, t.Revenue, t.RevenueShare, t.MeanM}}
	for _, c := range g.Cells() {
		tb.Rows = append(tb.Rows, []string{
			"R" + strconv.Itoa(int(c.R)) + " F" + strconv.Itoa(int(c.F)),
			f.int(c.Count), f.percent(c.Share), f.fixed(c.Revenue, 2), f.optPercent(c.RevenueShare), f.opt(c.MeanM, 2),
		})
	}
	return tb
}
