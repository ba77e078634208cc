package report

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Layout of a bar chart, in SVG user units.
const (
	barsWidth  = 900
	barsLabelX = 240 // labels end here
	barsX      = 252 // bars start here
	barsMax    = 470 // the longest bar
	barsTop    = 34  // below the legend
	barsRow    = 36
	countH     = 16
	moneyH     = 8
	labelChars = 34 // longer titles are shortened in the chart (the table has them whole)
)

// bars draws a typology as a horizontal bar per label with customers: the
// share of customers, and under it the share of net revenue, on one scale
// so the two compare at a glance.
func bars(ty *typology, t *texts, f number) *figure {
	fig := &figure{
		ID:    ty.ID + "-chart",
		Width: barsWidth,
		Title: ty.Title,
		Desc:  t.BarsDesc,
	}
	legend(fig, t)
	var rows []labelRow
	scale := 0.0
	for _, r := range ty.Rows {
		if r.Count == 0 {
			continue
		}
		rows = append(rows, r)
		scale = math.Max(scale, r.Share)
		if s, ok := r.RevenueShare.Get(); ok {
			scale = math.Max(scale, math.Abs(s))
		}
	}
	for i, r := range rows {
		y := float64(barsTop + i*barsRow)
		fig.Texts = append(fig.Texts, text{X: barsLabelX, Y: y + 12.5, Text: shorten(r.Title), Anchor: "end", Size: 13, Fill: ink})
		w := barWidth(r.Share, scale)
		fig.Rects = append(fig.Rects, rect{X: barsX, Y: y, W: w, H: countH, Fill: countFill,
			Tip: r.Title + ": " + f.int(r.Count) + " " + t.Customers + " (" + f.percent(r.Share) + ")"})
		fig.Texts = append(fig.Texts, text{X: barsX + w + 6, Y: y + 12.5, Text: f.int(r.Count) + " · " + f.percent(r.Share), Size: 12, Fill: ink})
		s, ok := r.RevenueShare.Get()
		if !ok {
			continue
		}
		fill := moneyFill
		if s < 0 {
			fill = lossFill
		}
		mw := barWidth(math.Abs(s), scale)
		if s != 0 {
			fig.Rects = append(fig.Rects, rect{X: barsX, Y: y + countH + 2, W: mw, H: moneyH, Fill: fill,
				Tip: r.Title + ": " + f.percent(s) + " " + t.OfRevenue})
		}
		fig.Texts = append(fig.Texts, text{X: barsX + mw + 6, Y: y + countH + 9.5, Text: f.percent(s) + " " + t.OfRevenue, Size: 10.5, Fill: muted})
	}
	fig.Height = float64(barsTop+len(rows)*barsRow) + 4
	fig.Desc += leaders(rows, t, f)
	return fig
}

// legend puts the key of the two bars above a bar chart.
func legend(fig *figure, t *texts) {
	fig.Rects = append(fig.Rects,
		rect{X: barsX, Y: 6, W: 14, H: 12, Fill: countFill},
		rect{X: barsX + 250, Y: 8, W: 14, H: 8, Fill: moneyFill})
	fig.Texts = append(fig.Texts,
		text{X: barsX + 20, Y: 16, Text: t.CustomersBar, Size: 12, Fill: muted},
		text{X: barsX + 270, Y: 16, Text: t.RevenueBar, Size: 12, Fill: muted})
}

// barWidth scales a share to a bar; a share that is not zero gets at least
// a sliver, so no label with customers looks empty.
func barWidth(share, scale float64) float64 {
	if share <= 0 || scale <= 0 {
		return 0
	}
	return math.Max(2, share/scale*barsMax)
}

// shorten cuts a title to labelChars characters for a chart.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= labelChars {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:labelChars-1])) + "…"
}

// leaders says in words what the chart shows first: the label with the
// most customers and the one with the largest share of revenue, for the
// chart's description (what a screen reader reads).
func leaders(rows []labelRow, t *texts, f number) string {
	if len(rows) == 0 {
		return ""
	}
	most, rich := rows[0], rows[0]
	for _, r := range rows[1:] {
		if r.Count > most.Count {
			most = r
		}
		if r.RevenueShare.Or(math.Inf(-1)) > rich.RevenueShare.Or(math.Inf(-1)) {
			rich = r
		}
	}
	s := " " + t.MostCustomers + ": " + most.Title + ", " + f.int(most.Count) + " (" + f.percent(most.Share) + ")."
	if share, ok := rich.RevenueShare.Get(); ok {
		s += " " + t.MostRevenue + ": " + rich.Title + ", " + f.percent(share) + "."
	}
	return s
}
