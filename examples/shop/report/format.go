package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// number formats numbers the way a reader of lang expects: "12,345.6" in
// English, "12 345,6" in Russian (with no-break spaces).
type number segment.Lang

const nbsp = "\u00a0"

// int formats n with thousands separators.
func (f number) int(n int) string {
	return f.fixed(float64(n), 0)
}

// fixed formats v with prec decimals and thousands separators.
func (f number) fixed(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', prec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	group, point := ",", "."
	if segment.Lang(f) == segment.Russian {
		group, point = nbsp, ","
	}
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(point)
		b.WriteString(frac)
	}
	return b.String()
}

// percent formats a share (0.123) as a percentage ("12.3%").
func (f number) percent(share float64) string {
	s := f.fixed(100*share, 1)
	if segment.Lang(f) == segment.Russian {
		return s + nbsp + "%"
	}
	return s + "%"
}

// opt formats an optional value with prec decimals, or a dash when unknown.
func (f number) opt(v segment.Opt[float64], prec int) string {
	if x, ok := v.Get(); ok {
		return f.fixed(x, prec)
	}
	return "—"
}

// optPercent formats an optional share, or a dash when unknown.
func (f number) optPercent(v segment.Opt[float64]) string {
	if x, ok := v.Get(); ok {
		return f.percent(x)
	}
	return "—"
}

// date formats d as the reader of lang writes it: 2025-06-30 or 30.06.2025.
func (f number) date(d segment.Date) string {
	if d.IsZero() {
		return "—"
	}
	if segment.Lang(f) == segment.Russian {
		y, m, day := d.YMD()
		return pad2(day) + "." + pad2(int(m)) + "." + strconv.Itoa(y)
	}
	return d.String()
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
