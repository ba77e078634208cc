package report

import (
	"strconv"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/movement"
)

// Layout of a transition matrix.
const (
	matrixX      = 220 // left of the cells: the earlier labels
	matrixY      = 150 // above the cells: the later labels, slanted
	matrixSpan   = 560 // the most the cells take across
	matrixCell   = 56  // the largest cell
	matrixMinFit = 24  // cells smaller than this carry no number
)

// matrixSection is the movement of one typology between the two dates:
// a heat map from the earlier label (rows) to the later (columns), with a
// row of customers who joined and a column of those who left.
func matrixSection(i int, m *movement.Matrix, lang segment.Lang, t *texts, f number) *section {
	title := m.Typology.EN
	if lang == segment.Russian && m.Typology.RU != "" {
		title = m.Typology.RU
	}
	if title == "" {
		title = m.Typology.Name
	}
	mv := newMatrixView(m, lang, t)
	s := &section{
		ID:    "movement-" + strconv.Itoa(i+1),
		Title: t.Movement + ": " + title,
		Intro: t.MovementDesc,
		Note: f.int(m.Stayed()) + " " + t.Stayed + ", " + f.int(m.Moved()) + " " + t.Moved + ", " +
			f.int(m.TotalJoined()) + " " + t.Joined + ", " + f.int(m.TotalLeft()) + " " + t.Left +
			" (" + f.date(m.Since) + " → " + f.date(m.AsOf) + ").",
		Table: mv.table(f),
	}
	if len(mv.labels) > 0 {
		s.Figure = mv.figure("movement-"+strconv.Itoa(i+1)+"-chart", title, t, f)
	}
	return s
}

// matrixView is a matrix cut down to the labels anyone had.
type matrixView struct {
	m       *movement.Matrix
	t       *texts
	labels  []int    // label values with customers on either date
	titles  []string // their titles
	joined  bool     // a row for customers who joined
	left    bool     // a column for customers who left
	rowHead []string
	colHead []string
}

func newMatrixView(m *movement.Matrix, lang segment.Lang, t *texts) *matrixView {
	mv := &matrixView{m: m, t: t, joined: m.TotalJoined() > 0, left: m.TotalLeft() > 0}
	for l, info := range m.Labels {
		if m.Before(l) == 0 && m.After(l) == 0 {
			continue
		}
		title := info.EN
		if lang == segment.Russian && info.RU != "" {
			title = info.RU
		}
		if title == "" {
			title = info.Name
		}
		mv.labels = append(mv.labels, l)
		mv.titles = append(mv.titles, title)
	}
	mv.rowHead = append([]string(nil), mv.titles...)
	mv.colHead = append([]string(nil), mv.titles...)
	if mv.joined {
		mv.rowHead = append(mv.rowHead, t.JoinedHead)
	}
	if mv.left {
		mv.colHead = append(mv.colHead, t.LeftHead)
	}
	return mv
}

// count is the customers of row i and column j of the view (the joined row
// and the left column included); kind says what the cell means.
func (mv *matrixView) count(i, j int) (n int, kind movement.Kind) {
	last := len(mv.labels) // the index of the joined row and of the left column
	switch {
	case i == last && j == last:
		return 0, movement.None // joined and left: no such customer
	case i == last:
		return at(mv.m.Joined, mv.labels[j]), movement.Joined
	case j == last:
		return at(mv.m.Left, mv.labels[i]), movement.Left
	}
	from, to := mv.labels[i], mv.labels[j]
	if from >= len(mv.m.Counts) {
		return 0, movement.Moved
	}
	c := at(mv.m.Counts[from], to)
	if from == to {
		return c, movement.None
	}
	return c, movement.Moved
}

func at(s []int, i int) int {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}

func (mv *matrixView) figure(id, title string, t *texts, f number) *figure {
	rows, cols := len(mv.rowHead), len(mv.colHead)
	cell := min(matrixCell, float64(matrixSpan)/float64(cols))
	fig := &figure{
		ID:     id,
		Width:  max(barsWidth, matrixX+float64(cols)*cell+120), // room for the last slanted label
		Height: matrixY + float64(rows)*cell + 40,
		Title:  t.Movement + ": " + title,
		Desc:   t.MovementDesc,
	}
	most := map[bool]int{} // by "stayed"
	for i := range rows {
		for j := range cols {
			n, kind := mv.count(i, j)
			most[kind == movement.None] = max(most[kind == movement.None], n)
		}
	}
	size := min(12, cell/3)
	for j, h := range mv.colHead {
		x := matrixX + (float64(j)+0.5)*cell
		fig.Texts = append(fig.Texts, text{X: x, Y: matrixY - 8, Text: shorten(h), Size: 11, Fill: ink, Rotate: -45})
	}
	fig.Texts = append(fig.Texts,
		text{X: matrixX, Y: 14, Text: t.To + " " + f.date(mv.m.AsOf) + " →", Size: 12, Bold: true, Fill: muted},
		text{X: matrixX - 10, Y: matrixY - 8, Text: t.From + " " + f.date(mv.m.Since) + " ↓", Anchor: "end", Size: 12, Bold: true, Fill: muted})
	for i, h := range mv.rowHead {
		y := matrixY + float64(i)*cell
		fig.Texts = append(fig.Texts, text{X: matrixX - 10, Y: y + cell/2 + 4, Text: shorten(h), Anchor: "end", Size: 12, Fill: ink})
		for j := range cols {
			n, kind := mv.count(i, j)
			x := matrixX + float64(j)*cell
			if kind == movement.None && i == len(mv.labels) {
				continue // the corner: nobody both joins and leaves
			}
			heat, fill := 0.0, emptyCell
			if n > 0 {
				heat = 0.1 + 0.9*float64(n)/float64(most[kind == movement.None])
				fill = ramp(orangeLight, orangeDark, heat)
				if kind == movement.None {
					fill = ramp(blueLight, blueDark, heat)
				}
			}
			fig.Rects = append(fig.Rects, rect{X: x + 1, Y: y + 1, W: cell - 2, H: cell - 2, Fill: fill,
				Tip: mv.rowHead[i] + " → " + mv.colHead[j] + ": " + f.int(n)})
			if n > 0 && cell >= matrixMinFit {
				fig.Texts = append(fig.Texts, text{X: x + cell/2, Y: y + cell/2 + size/3, Text: f.int(n), Anchor: "middle", Size: size, Fill: onFill(heat)})
			}
		}
	}
	return fig
}

// table is the whole matrix in figures.
func (mv *matrixView) table(f number) *table {
	tb := &table{Head: append([]string{mv.t.From + " \\ " + mv.t.To}, mv.colHead...)}
	for i, h := range mv.rowHead {
		row := []string{h}
		for j := range mv.colHead {
			n, kind := mv.count(i, j)
			if kind == movement.None && i == len(mv.labels) {
				row = append(row, "")
				continue
			}
			row = append(row, f.int(n))
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}
