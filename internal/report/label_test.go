package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestLabelWidth: the estimate agrees with the widths Chromium measured
// (getComputedTextLength) for these labels in DejaVu Sans at 12.5 px.
func TestLabelWidth(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    string
		bold bool
		px   float64
	}{
		{"S2a Warmtenet MT (aangen. bron)", false, 216.2},
		{"S2a Warmtenet MT (aangen. bron)", true, 244.2},
		{"S1a All-electric, lucht-water-warmtepomp", false, 259.8},
		{"S3b Warmtenet LT, aquathermie TEO (50 °C)", false, 279.9},
		{"Mix: warmtenet + individueel (eigen variant, geen PBL-strategie)", false, 407.7},
		{"Mix: warmtenet + individueel (eigen variant, geen PBL-strategie)", true, 462.1},
		{"Referentie: aardgas, HR-ketel", false, 183.5},
		{"iiiiiiiiii", false, 34.7},
		{"WWWWWWWWWW", false, 123.6},
		{"0123456789", false, 79.5},
	} {
		if got := labelWidth(c.s, c.bold); math.Abs(got-c.px) > 0.03*c.px {
			t.Errorf("labelWidth(%q, bold %v) = %.1f, Chromium measured %.1f", c.s, c.bold, got, c.px)
		}
	}
}

// TestChartLabelsFit: the strategy names of a scan fit in the label
// column of the cost charts (they ran out of the chart on the left, "l-electric,
// lucht-water-warmtepomp"): a long name goes on two lines, and a line
// still too long is squeezed to the column with textLength.
func TestChartLabelsFit(t *testing.T) {
	t.Parallel()
	labels := []string{
		"Referentie: aardgas, HR-ketel", "S1a All-electric, lucht-water-warmtepomp", "S2a Warmtenet MT (aangen. bron)",
		"S3b Warmtenet LT, aquathermie TEO (50 °C)", "S2b Warmtenet MT, geothermie (70 °C)",
		"Mix: warmtenet + individueel (eigen variant, geen PBL-strategie)", "S5a Waterstof, hybride warmtepomp",
	}
	var items []barItem
	for i, l := range labels {
		items = append(items, barItem{label: l, value: float64(i + 1), min: math.NaN(), max: math.NaN(), highlight: i == 5})
	}
	series := []stackSeries{{name: "energie", color: "#000", values: make([]float64, len(labels))}}
	const left = 228.0 // the label column of both charts: text ends at left-8 and may start at 4
	lab := regexp.MustCompile(`<text x="([0-9.]+)" y="([0-9.]+)" class="lab" text-anchor="end"( font-weight="bold")?( textLength="([0-9.]+)" lengthAdjust="spacingAndGlyphs")?>([^<]*)</text>`)
	for name, svg := range map[string]string{
		"hbar":    hbarChart("t", items, func(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }),
		"stacked": stackedChart("t", labels, series, left, func(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }),
	} {
		ms := lab.FindAllStringSubmatch(svg, -1)
		if n := strings.Count(svg, `class="lab"`); n != len(ms) || n < len(labels) {
			t.Fatalf("%s: %d label elements, %d understood, %d labels", name, n, len(ms), len(labels))
		}
		var text []string
		for _, m := range ms {
			x, _ := strconv.ParseFloat(m[1], 64)
			w := labelWidth(unescape(m[6]), m[3] != "")
			if m[5] != "" {
				w, _ = strconv.ParseFloat(m[5], 64)
			}
			if x-w < 3.9 {
				t.Errorf("%s: label line %q starts at %.1f, left of the chart", name, m[6], x-w)
			}
			text = append(text, unescape(m[6]))
		}
		if got := strings.Join(text, " "); got != strings.Join(labels, " ") {
			t.Errorf("%s: labels read %q, want every word of every label", name, got)
		}
	}
	// A label that fits stays one line, as before.
	if lines := splitLabel("S4b Groengas, HR-ketel", false, left-12); len(lines) != 1 {
		t.Errorf("short label split into %q", lines)
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(s)
}
