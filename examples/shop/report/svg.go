package report

import (
	"fmt"
	"math"
)

// figure is one chart, laid out in Go and drawn by the template as an SVG:
// the template only places what is here, so the geometry is testable and
// every piece of text goes through html/template's escaping.
type figure struct {
	ID          string // unique in the page; the title's and desc's ids derive from it
	Width       float64
	Height      float64
	Title, Desc string
	Rects       []rect
	Texts       []text
	Lines       []line
}

// rect is a bar or a cell. Tip, when set, is its <title>: what a mouse over
// it shows.
type rect struct {
	X, Y, W, H float64
	Fill       string
	Stroke     string
	Tip        string
}

// text is a label. Anchor is "start", "middle" or "end"; Rotate, in
// degrees, turns it around its anchor point.
type text struct {
	X, Y   float64
	Text   string
	Anchor string
	Size   float64
	Bold   bool
	Fill   string
	Rotate float64
}

type line struct {
	X1, Y1, X2, Y2 float64
	Stroke         string
	Dash           bool
}

// coord formats a coordinate for an SVG attribute: one decimal at most, so
// the output is short and does not depend on float noise.
func coord(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	v = math.Round(v*10) / 10
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// ramp returns the colour at t (0..1) on the scale from light to dark,
// interpolated in RGB.
func ramp(light, dark [3]uint8, t float64) string {
	t = math.Max(0, math.Min(1, t))
	var c [3]uint8
	for i := range c {
		c[i] = uint8(math.Round(float64(light[i]) + t*(float64(dark[i])-float64(light[i]))))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// onFill is the text colour readable on a ramp colour at t.
func onFill(t float64) string {
	if t > 0.5 {
		return "#ffffff"
	}
	return ink
}

// The palette.
const (
	ink       = "#1f2937" // text
	muted     = "#6b7280" // secondary text
	rule      = "#d1d5db" // axes and dividers
	countFill = "#2563eb" // customers
	moneyFill = "#f59e0b" // revenue
	lossFill  = "#dc2626" // negative revenue
	lapsed    = "#9ca3af"
	emptyCell = "#f3f4f6"
)

var (
	blueLight   = [3]uint8{0xdb, 0xea, 0xfe}
	blueDark    = [3]uint8{0x1e, 0x3a, 0x8a}
	orangeLight = [3]uint8{0xff, 0xed, 0xd5}
	orangeDark  = [3]uint8{0xc2, 0x41, 0x0c}
	tealLight   = [3]uint8{0x99, 0xf6, 0xe4}
	tealDark    = [3]uint8{0x0f, 0x76, 0x6e}
)
