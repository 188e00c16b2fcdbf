package warmtenet

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// SVGOptions control WriteSVG.
type SVGOptions struct {
	WidthPx float64 // picture width, px; 0: 1200
	Title   string  // drawn at the top left; empty: none
}

// svgDNColours colours pipes by size class (upper DN bound, colour).
var svgDNColours = []struct {
	maxDN  int
	colour string
}{
	{32, "#fdae61"}, {50, "#f46d43"}, {80, "#d73027"}, {125, "#a50026"}, {200, "#67001f"}, {math.MaxInt, "#2d004b"},
}

func dnColour(dn int) string {
	for _, c := range svgDNColours {
		if dn <= c.maxDN {
			return c.colour
		}
	}
	return "#000"
}

// WriteSVG draws a map of a routed network: the streets in grey, the
// pipes coloured and thickened by DN (service pipes thin, ending in a dot
// at the building), the sources as black squares, and the points in
// unreachable (e.g. the buildings Route could not connect) as blue
// rings. The picture is north-up in EPSG:28992, with a DN legend and a
// 100 m scale bar. It writes only to w.
func WriteSVG(w io.Writer, streets []geodata.Street, net *Network, unreachable []orb.Point, opt SVGOptions) error {
	var b orb.Bound
	first := true
	grow := func(p orb.Point) {
		if first {
			b, first = orb.Bound{Min: p, Max: p}, false
			return
		}
		b = b.Extend(p)
	}
	for _, s := range streets {
		for _, p := range s.Line {
			grow(p)
		}
	}
	for _, s := range net.Segments {
		for _, p := range s.Line {
			grow(p)
		}
	}
	if first {
		return fmt.Errorf("%w: nothing to draw", ErrOptions)
	}
	width := opt.WidthPx
	if width <= 0 {
		width = 1200
	}
	margin := 20.0
	dx, dy := math.Max(b.Max[0]-b.Min[0], 1), math.Max(b.Max[1]-b.Min[1], 1)
	scale := (width - 2*margin) / dx
	height := dy*scale + 2*margin + 40
	xy := func(p orb.Point) (float64, float64) {
		return margin + (p[0]-b.Min[0])*scale, margin + 40 + (b.Max[1]-p[1])*scale
	}
	bw := bufio.NewWriter(w)
	path := func(ls orb.LineString) {
		for i, p := range ls {
			x, y := xy(p)
			if i == 0 {
				fmt.Fprintf(bw, "M%.0f %.0f", x, y)
			} else {
				fmt.Fprintf(bw, "L%.0f %.0f", x, y)
			}
		}
	}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`+"\n", width, height, width, height)
	fmt.Fprintf(bw, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(bw, `<path fill="none" stroke="#c8c8c8" stroke-width="1" d="`)
	for _, s := range streets {
		path(s.Line)
	}
	fmt.Fprintf(bw, "\"/>\n")
	// Pipes: one path per DN and kind, thin first so trunks stay on top.
	type class struct {
		dn      int
		service bool
	}
	groups := map[class][]int{}
	var keys []class
	for i, s := range net.Segments {
		k := class{s.DN, s.Service}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	slices.SortFunc(keys, func(a, b class) int {
		if a.service != b.service {
			if a.service {
				return -1
			}
			return 1
		}
		return a.dn - b.dn
	})
	for _, k := range keys {
		sw := 0.6
		if !k.service {
			sw = 1 + 3*math.Sqrt(float64(k.dn)/100)
		}
		fmt.Fprintf(bw, `<path fill="none" stroke="%s" stroke-width="%.1f" stroke-linecap="round" stroke-linejoin="round" d="`, dnColour(k.dn), sw)
		for _, i := range groups[k] {
			path(net.Segments[i].Line)
		}
		fmt.Fprintf(bw, "\"/>\n")
	}
	fmt.Fprintf(bw, `<path fill="none" stroke="#333" stroke-width="2.6" stroke-linecap="round" d="`)
	for _, s := range net.Segments {
		if s.Service {
			x, y := xy(s.Line[len(s.Line)-1])
			fmt.Fprintf(bw, "M%.0f %.0fh0", x, y)
		}
	}
	fmt.Fprintf(bw, "\"/>\n")
	for _, p := range unreachable {
		x, y := xy(p)
		fmt.Fprintf(bw, `<circle cx="%.1f" cy="%.1f" r="3" fill="none" stroke="#2166ac" stroke-width="1.5"/>`+"\n", x, y)
	}
	for _, s := range net.Sources {
		x, y := xy(s.Point)
		fmt.Fprintf(bw, `<rect x="%.1f" y="%.1f" width="12" height="12" fill="black"/>`+"\n", x-6, y-6)
	}
	// Title, legend and scale bar.
	if opt.Title != "" {
		fmt.Fprintf(bw, `<text x="%.0f" y="24" font-family="sans-serif" font-size="16">%s</text>`+"\n", margin, xmlEscape(opt.Title))
	}
	lx := width - margin - 6*70
	prev := 0
	for i, c := range svgDNColours {
		label := fmt.Sprintf("DN%d-%d", prev+1, c.maxDN)
		if i == 0 {
			label = fmt.Sprintf("&#8804; DN%d", c.maxDN)
		}
		if c.maxDN == math.MaxInt {
			label = fmt.Sprintf("&gt; DN%d", prev)
		}
		x := lx + float64(i)*70
		fmt.Fprintf(bw, `<rect x="%.0f" y="10" width="14" height="8" fill="%s"/><text x="%.0f" y="18" font-family="sans-serif" font-size="10">%s</text>`+"\n", x, c.colour, x+17, label)
		prev = c.maxDN
	}
	sx, sy := margin, height-margin/2
	fmt.Fprintf(bw, `<path stroke="black" stroke-width="2" d="M%.1f %.1fh%.1f"/><text x="%.1f" y="%.1f" font-family="sans-serif" font-size="10">100 m</text>`+"\n", sx, sy, 100*scale, sx+100*scale+4, sy+3)
	fmt.Fprintf(bw, "</svg>\n")
	return bw.Flush()
}

func xmlEscape(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch r {
		case '<':
			out = append(out, []rune("&lt;")...)
		case '>':
			out = append(out, []rune("&gt;")...)
		case '&':
			out = append(out, []rune("&amp;")...)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
