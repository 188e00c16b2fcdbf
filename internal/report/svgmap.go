package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// mapWidthPx is the width in CSS pixels a map is laid out at; it sets the
// size of text, markers and the scale bar in viewBox units (metres).
const mapWidthPx = 660

// frame projects EPSG:28992 metres onto an SVG viewBox: x from the west
// edge, y flipped so that north is up.
type frame struct {
	b    orb.Bound // padded bound, metres
	mPer float64   // metres per CSS pixel at mapWidthPx
}

func newFrame(b orb.Bound) frame {
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if w <= 0 || h <= 0 || math.IsNaN(w) || math.IsNaN(h) {
		c := b.Center()
		b = orb.Bound{Min: orb.Point{c[0] - 100, c[1] - 100}, Max: orb.Point{c[0] + 100, c[1] + 100}}
		w, h = 200, 200
	}
	pad := 0.03 * max(w, h)
	b.Min[0] -= pad
	b.Min[1] -= pad
	b.Max[0] += pad
	b.Max[1] += pad
	return frame{b: b, mPer: (b.Max[0] - b.Min[0]) / mapWidthPx}
}

func (f frame) width() float64  { return f.b.Max[0] - f.b.Min[0] }
func (f frame) height() float64 { return f.b.Max[1] - f.b.Min[1] }

// xy returns p in viewBox units rounded to decimetres.
func (f frame) xy(p orb.Point) (x, y float64) {
	return math.Round((p[0]-f.b.Min[0])*10) / 10, math.Round((f.b.Max[1]-p[1])*10) / 10
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// ring appends an SVG subpath for r: an absolute move, relative lines and
// a close. Points are rounded before the differences are taken, so the
// outline does not drift.
func (f frame) ring(b *strings.Builder, r []orb.Point) {
	if len(r) < 3 {
		return
	}
	x0, y0 := f.xy(r[0])
	b.WriteString("M")
	b.WriteString(num(x0))
	b.WriteByte(' ')
	b.WriteString(num(y0))
	b.WriteString("l")
	px, py := x0, y0
	n := len(r)
	if r[n-1] == r[0] {
		n--
	}
	for i := 1; i < n; i++ {
		x, y := f.xy(r[i])
		dx, dy := math.Round((x-px)*10)/10, math.Round((y-py)*10)/10
		if dx == 0 && dy == 0 {
			continue
		}
		if i > 1 {
			b.WriteByte(' ')
		}
		b.WriteString(num(dx))
		b.WriteByte(' ')
		b.WriteString(num(dy))
		px, py = x, y
	}
	b.WriteString("z")
}

func (f frame) line(b *strings.Builder, ls orb.LineString) {
	if len(ls) < 2 {
		return
	}
	x0, y0 := f.xy(ls[0])
	fmt.Fprintf(b, "M%s %sl", num(x0), num(y0))
	px, py := x0, y0
	for i, p := range ls[1:] {
		x, y := f.xy(p)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(math.Round((x-px)*10) / 10))
		b.WriteByte(' ')
		b.WriteString(num(math.Round((y-py)*10) / 10))
		px, py = x, y
	}
}

// mapLayers is what every map draws under its theme: streets and water.
type mapLayers struct {
	streets  string // one path
	water    string // one path
	outlines string // area boundaries and their names, drawn on top
}

func (f frame) base(p *Page) mapLayers {
	var s, w strings.Builder
	for _, ls := range p.Streets {
		f.line(&s, ls)
	}
	for _, mp := range p.Water {
		for _, poly := range mp {
			for _, r := range poly {
				f.ring(&w, r)
			}
		}
	}
	var o strings.Builder
	if len(p.Outlines) > 0 {
		var d strings.Builder
		for _, a := range p.Outlines {
			for _, poly := range a.Geometry {
				for _, r := range poly {
					f.ring(&d, r)
				}
			}
		}
		fmt.Fprintf(&o, `<path d="%s" fill="none" stroke="#333" stroke-width="1.5" stroke-dasharray="6 4" vector-effect="non-scaling-stroke"/>`, d.String())
		for _, a := range p.Outlines {
			ab := a.Geometry.Bound()
			lo := orb.Point{max(ab.Min[0], f.b.Min[0]), max(ab.Min[1], f.b.Min[1])}
			hi := orb.Point{min(ab.Max[0], f.b.Max[0]), min(ab.Max[1], f.b.Max[1])}
			if lo[0] > hi[0] || lo[1] > hi[1] {
				continue // outside the map
			}
			x, y := f.xy(orb.Point{(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2})
			fmt.Fprintf(&o, `<text x="%s" y="%s" font-size="%s" text-anchor="middle" font-weight="bold" paint-order="stroke" stroke="#fff" stroke-width="3" vector-effect="non-scaling-stroke">%s</text>`,
				num(x), num(y), num(r1(12*f.mPer)), escapeText(a.Name))
		}
	}
	return mapLayers{streets: s.String(), water: w.String(), outlines: o.String()}
}

// svgOpen writes the svg element and the base layers.
func (f frame) svgOpen(b *strings.Builder, title string, base mapLayers) {
	fmt.Fprintf(b, `<svg class="map" viewBox="0 0 %s %s" role="img" aria-label="%s">`,
		num(math.Round(f.width())), num(math.Round(f.height())), escapeAttr(title))
	fmt.Fprintf(b, `<rect width="100%%" height="100%%" fill="#f7f7f4"/>`)
	if base.water != "" {
		fmt.Fprintf(b, `<path d="%s" fill="#cfe3f3" stroke="none" fill-rule="evenodd"/>`, base.water)
	}
	if base.streets != "" {
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="#d3d0c8" stroke-width="1.2" vector-effect="non-scaling-stroke" stroke-linejoin="round"/>`, base.streets)
	}
}

// svgClose draws the area outlines, the scale bar and the north arrow and
// closes the svg.
func (f frame) svgClose(b *strings.Builder, base mapLayers) {
	b.WriteString(base.outlines)
	k := f.mPer
	barM := niceStep(f.width()/4, 1)
	x0 := 12 * k
	y0 := f.height() - 14*k
	fs := 11 * k
	fmt.Fprintf(b, `<g class="scale"><rect x="%s" y="%s" width="%s" height="%s" fill="#fff" fill-opacity=".8"/>`,
		num(r1(x0-6*k)), num(r1(y0-18*k)), num(r1(barM+60*k)), num(r1(26*k)))
	fmt.Fprintf(b, `<path d="M%s %sv%sh%sv%s" fill="none" stroke="#222" stroke-width="1.5" vector-effect="non-scaling-stroke"/>`,
		num(r1(x0)), num(r1(y0-4*k)), num(r1(4*k)), num(r1(barM)), num(r1(-4*k)))
	label := nl(barM, 0) + " m"
	if barM >= 1000 {
		label = nlTrim(barM/1000) + " km"
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s">%s</text></g>`,
		num(r1(x0+barM+5*k)), num(r1(y0)), num(r1(fs)), label)
	nx, ny := f.width()-20*k, 14*k
	fmt.Fprintf(b, `<g class="north"><path d="M%s %sl%s %sl%s %sz" fill="#222"/><text x="%s" y="%s" font-size="%s" text-anchor="middle">N</text></g>`,
		num(r1(nx)), num(r1(ny)), num(r1(5*k)), num(r1(14*k)), num(r1(-10*k)), "0",
		num(r1(nx)), num(r1(ny+26*k)), num(r1(fs)))
	b.WriteString(`</svg>`)
}

func r1(x float64) float64 { return math.Round(x*10) / 10 }

// themeMap draws the buildings coloured by key(i) with the legend classes.
// Buildings of one class share one path, so a map of thousands of
// buildings stays small. Keys not among the classes are drawn grey.
func (f frame) themeMap(p *Page, base mapLayers, title string, classes []Class, key func(Building) string) string {
	idx := make(map[string]int, len(classes))
	for i, c := range classes {
		idx[c.Key] = i
	}
	paths := make([]strings.Builder, len(classes)+1)
	for _, bd := range p.Buildings {
		i, ok := idx[key(bd)]
		if !ok {
			i = len(classes)
		}
		for _, r := range bd.Footprint {
			f.ring(&paths[i], r)
		}
	}
	var b strings.Builder
	f.svgOpen(&b, title, base)
	for i := range paths {
		if paths[i].Len() == 0 {
			continue
		}
		color := "#bdbdbd"
		if i < len(classes) {
			color = classes[i].Color
		}
		fmt.Fprintf(&b, `<path d="%s" fill="%s" stroke="#555" stroke-width=".25" vector-effect="non-scaling-stroke" fill-rule="evenodd"/>`, paths[i].String(), color)
	}
	f.svgClose(&b, base)
	return b.String()
}

// networkMap draws the buildings (connected ones darker), the pipes with
// stroke width and colour by DN class, and the sources.
func (f frame) networkMap(p *Page, base mapLayers, dns []dnClass) string {
	var on, off strings.Builder
	for _, bd := range p.Buildings {
		dst := &off
		if bd.Connected {
			dst = &on
		}
		for _, r := range bd.Footprint {
			f.ring(dst, r)
		}
	}
	var b strings.Builder
	f.svgOpen(&b, "Warmtenet naar diameter (DN)", base)
	if off.Len() > 0 {
		fmt.Fprintf(&b, `<path d="%s" fill="#e4e1da" stroke="#aaa" stroke-width=".25" vector-effect="non-scaling-stroke" fill-rule="evenodd"/>`, off.String())
	}
	if on.Len() > 0 {
		fmt.Fprintf(&b, `<path d="%s" fill="#c9c3b6" stroke="#888" stroke-width=".25" vector-effect="non-scaling-stroke" fill-rule="evenodd"/>`, on.String())
	}
	// Service pipes first, thin; then mains from small to large DN, so
	// the trunk lies on top.
	for _, c := range dns {
		var d strings.Builder
		for _, pp := range p.Pipes {
			if c.contains(pp) {
				f.line(&d, pp.Line)
			}
		}
		if d.Len() == 0 {
			continue
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="%s" vector-effect="non-scaling-stroke" stroke-linecap="round" stroke-linejoin="round"/>`,
			d.String(), c.color, num(c.width))
	}
	// Pipes in a trench shared with planned works, on top.
	var wd strings.Builder
	for _, pp := range p.Pipes {
		if pp.Works {
			f.line(&wd, pp.Line)
		}
	}
	if wd.Len() > 0 {
		fmt.Fprintf(&b, `<path class="works" d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-opacity=".85" vector-effect="non-scaling-stroke" stroke-linecap="round" stroke-linejoin="round"/>`,
			wd.String(), worksColor, num(worksWidth))
	}
	// Pipes along an existing heat network's pipe, on top: reused, and
	// too small for the load (dashed).
	for _, x := range []struct {
		pick  func(Pipe) bool
		class string
		color string
		dash  string
	}{
		{func(pp Pipe) bool { return pp.Existing }, "existing", existingColor, ""},
		{func(pp Pipe) bool { return pp.ExistingTooSmall }, "existing-too-small", existingTooSmallColor, ` stroke-dasharray="6 4"`},
	} {
		var ed strings.Builder
		for _, pp := range p.Pipes {
			if x.pick(pp) {
				f.line(&ed, pp.Line)
			}
		}
		if ed.Len() > 0 {
			fmt.Fprintf(&b, `<path class="%s" d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-opacity=".85"%s vector-effect="non-scaling-stroke" stroke-linecap="round" stroke-linejoin="round"/>`,
				x.class, ed.String(), x.color, num(existingWidth), x.dash)
		}
	}
	k := f.mPer
	for _, s := range p.Sources {
		x, y := f.xy(s.Point)
		fmt.Fprintf(&b, `<g class="source"><circle cx="%s" cy="%s" r="%s" fill="#d7191c" stroke="#fff" stroke-width="2" vector-effect="non-scaling-stroke"/>`,
			num(x), num(y), num(r1(7*k)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" font-weight="bold" paint-order="stroke" stroke="#fff" stroke-width="3" vector-effect="non-scaling-stroke">%s</text></g>`,
			num(r1(x+10*k)), num(r1(y+4*k)), num(r1(12*k)), escapeText(s.Name))
	}
	f.svgClose(&b, base)
	return b.String()
}

// worksColor and worksWidth draw the pipes that share a trench with
// planned works on the network map.
const (
	worksColor = "#f28e2b"
	worksWidth = 4.5
)

// existingColor, existingTooSmallColor and existingWidth draw the pipes
// along an existing heat network on the network map: reused, and too
// small for the load.
const (
	existingColor         = "#1a9850"
	existingTooSmallColor = "#d73027"
	existingWidth         = 4.5
)

// dnClass is a band of nominal diameters drawn alike.
type dnClass struct {
	label   string
	lo, hi  int // DN range, inclusive
	service bool
	color   string
	width   float64 // CSS px
}

func (c dnClass) contains(p Pipe) bool {
	if c.service != p.Service {
		return false
	}
	return c.service || (p.DN >= c.lo && p.DN <= c.hi)
}

// dnClasses returns the DN bands present in pipes, from service pipes and
// the smallest mains to the largest.
func dnClasses(pipes []Pipe) []dnClass {
	all := []dnClass{
		{label: "aansluitleiding", service: true, color: "#9ecae1", width: 0.8},
		{label: "DN ≤ 40", lo: 0, hi: 40, color: "#6baed6", width: 1.4},
		{label: "DN 50–65", lo: 41, hi: 65, color: "#4292c6", width: 2},
		{label: "DN 80–100", lo: 66, hi: 100, color: "#2171b5", width: 2.8},
		{label: "DN 125–150", lo: 101, hi: 150, color: "#08519c", width: 3.8},
		{label: "DN 200–250", lo: 151, hi: 250, color: "#08306b", width: 5},
		{label: "DN ≥ 300", lo: 251, hi: math.MaxInt32, color: "#041a3a", width: 6.5},
	}
	var out []dnClass
	for _, c := range all {
		for _, p := range pipes {
			if c.contains(p) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func escapeText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

func escapeAttr(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}
