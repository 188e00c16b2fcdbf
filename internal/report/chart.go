package report

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// barItem is one bar of a bar chart with an optional min-max band.
type barItem struct {
	label     string
	value     float64
	min, max  float64 // band ends; both NaN when there is no band
	highlight bool
	note      string // shown right of the bar instead of the value, when set
}

// axis returns the data range [lo, hi] padded to round ticks, including 0.
func axis(lo, hi float64, nTicks int) (a, b, step float64) {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi == lo {
		hi = lo + 1
	}
	step = niceStep(hi-lo, nTicks)
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

// hbarChart draws horizontal bars with min-max whiskers. format formats
// values on the axis and at the bar ends.
func hbarChart(title string, items []barItem, format func(float64) string) string {
	const (
		w       = 620.0
		left    = 228.0
		right   = 78.0
		top     = 26.0
		rowH    = 30.0
		barH    = 16.0
		bottomH = 26.0
	)
	lo, hi := 0.0, 0.0
	for _, it := range items {
		for _, v := range []float64{it.value, it.min, it.max} {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	a, bnd, step := axis(lo, hi, 5)
	h := top + rowH*float64(len(items)) + bottomH
	plotW := w - left - right
	x := func(v float64) float64 { return left + (v-a)/(bnd-a)*plotW }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %s %s" role="img" aria-label="%s">`, num(w), num(h), escapeAttr(title))
	fmt.Fprintf(&b, `<text x="0" y="14" class="ct">%s</text>`, escapeText(title))
	for t := a; t <= bnd+step/2; t += step {
		xt := r1(x(t))
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(xt), num(xt), num(top-4), num(h-bottomH+2),
			map[bool]string{true: "#666", false: "#e2e2e2"}[math.Abs(t) < step/1e6])
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="tick" text-anchor="middle">%s</text>`, num(xt), num(h-8), escapeText(format(t)))
	}
	for i, it := range items {
		y := top + rowH*float64(i)
		cy := y + rowH/2
		writeLabel(&b, left-8, cy, it.label, it.highlight, left-12)
		if math.IsNaN(it.value) || math.IsInf(it.value, 0) {
			fmt.Fprintf(&b, `<text x="%s" y="%s" class="val">%s</text>`, num(left+4), num(r1(cy+4)), escapeText(orDefault(it.note, "niet haalbaar (zie tabel)")))
			continue
		}
		x0, x1 := x(0), x(it.value)
		color := "#8fb3d9"
		if it.highlight {
			color = "#2b6cb0"
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`,
			num(r1(math.Min(x0, x1))), num(r1(cy-barH/2)), num(r1(math.Abs(x1-x0))), num(barH), color)
		end := x1
		if !math.IsNaN(it.min) && !math.IsNaN(it.max) && !(it.min == it.value && it.max == it.value) {
			xa, xb := r1(x(it.min)), r1(x(it.max))
			fmt.Fprintf(&b, `<path d="M%s %sH%sM%s %sv%sM%s %sv%s" stroke="#222" stroke-width="1.5" fill="none"/>`,
				num(xa), num(cy), num(xb), num(xa), num(cy-6), num(12.0), num(xb), num(cy-6), num(12.0))
			end = math.Max(end, math.Max(xa, xb))
		}
		txt := format(it.value)
		if it.note != "" {
			txt = it.note
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="val">%s</text>`, num(r1(math.Max(end, x0)+6)), num(r1(cy+4)), escapeText(txt))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// stackSeries is one coloured part of every stacked bar.
type stackSeries struct {
	name   string
	color  string
	values []float64 // one per bar
}

// stackedChart draws horizontal stacked bars, one per category (labelled
// in a column labelW wide), and a legend of the series. Negative parts
// stack leftwards from zero.
func stackedChart(title string, categories []string, series []stackSeries, labelW float64, format func(float64) string) string {
	const (
		w     = 620.0
		right = 78.0
		top   = 26.0
		rowH  = 30.0
		barH  = 18.0
	)
	lo, hi := 0.0, 0.0
	for i := range categories {
		pos, neg := 0.0, 0.0
		for _, s := range series {
			if v := s.values[i]; v > 0 {
				pos += v
			} else if v < 0 {
				neg += v
			}
		}
		lo, hi = math.Min(lo, neg), math.Max(hi, pos)
	}
	a, bnd, step := axis(lo, hi, 5)
	var b strings.Builder
	cols := legendColumns(series)
	legendRows := (len(series) + cols - 1) / cols
	left := labelW
	plotW := w - left - right
	axisY := top + rowH*float64(len(categories))
	h := axisY + 22 + 18*float64(legendRows) + 10
	x := func(v float64) float64 { return left + (v-a)/(bnd-a)*plotW }
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %s %s" role="img" aria-label="%s">`, num(w), num(h), escapeAttr(title))
	fmt.Fprintf(&b, `<text x="0" y="14" class="ct">%s</text>`, escapeText(title))
	for t := a; t <= bnd+step/2; t += step {
		xt := r1(x(t))
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(xt), num(xt), num(top-4), num(axisY+2),
			map[bool]string{true: "#666", false: "#e2e2e2"}[math.Abs(t) < step/1e6])
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="tick" text-anchor="middle">%s</text>`, num(xt), num(axisY+16), escapeText(format(t)))
	}
	for i, c := range categories {
		cy := top + rowH*(float64(i)+0.5)
		writeLabel(&b, left-8, cy, c, false, left-12)
		pos, neg := 0.0, 0.0
		for _, s := range series {
			v := s.values[i]
			if v == 0 {
				continue
			}
			var x0, x1 float64
			if v > 0 {
				x0, x1 = x(pos), x(pos+v)
				pos += v
			} else {
				x0, x1 = x(neg+v), x(neg)
				neg += v
			}
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s: %s</title></rect>`,
				num(r1(x0)), num(r1(cy-barH/2)), num(r1(x1-x0)), num(barH), s.color, escapeText(c+", "+s.name), escapeText(format(v)))
		}
		if pos > 0 {
			fmt.Fprintf(&b, `<text x="%s" y="%s" class="val">%s</text>`, num(r1(x(pos)+5)), num(r1(cy+4)), escapeText(format(pos)))
		}
	}
	legend(&b, series, axisY+38, 10, cols)
	b.WriteString(`</svg>`)
	return b.String()
}

// legendColumns is how many legend entries fit side by side in a chart
// 620 wide: three of up to 28 characters, two of up to 46, else one (the
// tick font is about 6.2 px per character).
func legendColumns(series []stackSeries) int {
	longest := 0
	for _, s := range series {
		longest = max(longest, utf8.RuneCountInString(s.name))
	}
	switch {
	case longest <= 28:
		return 3
	case longest <= 46:
		return 2
	}
	return 1
}

func legend(b *strings.Builder, series []stackSeries, y, x0 float64, cols int) {
	colW := 600.0 / float64(cols)
	for i, s := range series {
		lx := x0 + colW*float64(i%cols)
		ly := y + 18*float64(i/cols)
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="11" height="11" fill="%s"/><text x="%s" y="%s" class="tick">%s</text>`,
			num(lx), num(ly-9), s.color, num(lx+15), num(ly), escapeText(s.name))
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
