package report

import (
	"fmt"
	"strings"
)

// labFontPx is the font size of a chart's category labels (svg.chart .lab
// in report.css), in the chart's viewBox units.
const labFontPx = 12.5

// dejaVuAdvance holds advance widths of DejaVu Sans Book, in units of
// 1/2048 em, for the characters the report's labels use. DejaVu Sans is
// the first font of report.css and the widest of its list, so a label
// that fits in it fits in the others.
var dejaVuAdvance = map[rune]int{
	'a': 1255, 'b': 1300, 'c': 1126, 'd': 1300, 'e': 1260, 'f': 721, 'g': 1300, 'h': 1298, 'i': 569,
	'j': 569, 'k': 1186, 'l': 569, 'm': 1995, 'n': 1298, 'o': 1253, 'p': 1300, 'q': 1300, 'r': 842,
	's': 1067, 't': 803, 'u': 1298, 'v': 1212, 'w': 1675, 'x': 1212, 'y': 1212, 'z': 1075,
	'A': 1401, 'B': 1405, 'C': 1430, 'D': 1577, 'E': 1294, 'F': 1178, 'G': 1587, 'H': 1540, 'I': 604,
	'J': 604, 'K': 1343, 'L': 1141, 'M': 1767, 'N': 1532, 'O': 1612, 'P': 1235, 'Q': 1612, 'R': 1423,
	'S': 1300, 'T': 1251, 'U': 1499, 'V': 1401, 'W': 2025, 'X': 1403, 'Y': 1251, 'Z': 1403,
	' ': 651, '(': 799, ')': 799, ',': 651, '.': 651, '-': 739, ':': 690, ';': 690, '+': 1716,
	'/': 690, '\'': 563, '%': 1946, '&': 1597, '°': 1024, '–': 1024, '—': 2048, '€': 1303, '²': 842, '₂': 842,
}

// labelWidth estimates the width of s set in DejaVu Sans at labFontPx,
// bold when bold (DejaVu Sans Bold runs about 14 % wider). Characters not
// in the table count as a digit (0.64 em).
func labelWidth(s string, bold bool) float64 {
	units := 0
	for _, r := range s {
		w, ok := dejaVuAdvance[r]
		if !ok {
			w = 1303
		}
		units += w
	}
	px := float64(units) / 2048 * labFontPx
	if bold {
		px *= 1.14
	}
	return px
}

// splitLabel breaks s into lines that fit avail: one line when it fits,
// else two, broken at the space that makes the longer line shortest.
func splitLabel(s string, bold bool, avail float64) []string {
	if labelWidth(s, bold) <= avail || !strings.Contains(s, " ") {
		return []string{s}
	}
	best, bestW := []string{s}, labelWidth(s, bold)
	for i, r := range s {
		if r != ' ' {
			continue
		}
		a, b := s[:i], s[i+1:]
		if w := max(labelWidth(a, bold), labelWidth(b, bold)); w < bestW {
			best, bestW = []string{a, b}, w
		}
	}
	return best
}

// writeLabel writes a category label right-aligned at x, centred on cy in
// a row of 30 units: on two lines when it is too long for avail, and a
// line still too long is squeezed to avail (textLength), so that no label
// runs out of the chart on the left.
func writeLabel(b *strings.Builder, x, cy float64, s string, bold bool, avail float64) {
	weight := ""
	if bold {
		weight = ` font-weight="bold"`
	}
	lines := splitLabel(s, bold, avail)
	y0 := cy + 4 // the baseline of one line of 12.5 px, centred on cy
	if len(lines) == 2 {
		y0 = cy - 2.5
	}
	for k, ln := range lines {
		squeeze := ""
		if labelWidth(ln, bold) > avail {
			squeeze = fmt.Sprintf(` textLength="%s" lengthAdjust="spacingAndGlyphs"`, num(avail))
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" class="lab" text-anchor="end"%s%s>%s</text>`,
			num(x), num(r1(y0+13*float64(k))), weight, squeeze, escapeText(ln))
	}
}
