package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"math"
	"regexp"
	"strings"

	"github.com/paulmach/orb"
)

// The interactive map: Leaflet (vendored, see vendor/leaflet/README.md)
// with L.CRS.Simple over EPSG:28992 metres, so the page draws the same
// coordinates as the SVG maps and the GeoPackage, without a projection
// and without tiles. Geometry goes into the page as integers in
// decimetres relative to a whole-metre origin, each ring or line as its
// first point followed by differences: the demo's 3,447 footprints and
// its network take a few hundred kilobytes that way.

//go:embed vendor/leaflet/leaflet.js
var leafletJS string

//go:embed vendor/leaflet/leaflet.css
var leafletCSS string

//go:embed vendor/leaflet/LICENSE
var leafletLicense string

//go:embed webmap.js
var webmapJS string

// PandInfo is what the interactive map's pop-up says of one pand: the
// per-dwelling answer (see package adres) in short.
type PandInfo struct {
	ID        string // 16-digit BAG pand id
	Bouwjaar  int    // as recorded; 0 when unknown
	Type      string // woningtype or use, in Dutch
	Dwellings int
	// Unit is what the costs are for: "woning" (one dwelling's share of
	// the pand) or "pand" (the whole pand).
	Unit string
	// LabelNote says in Dutch where the label came from.
	LabelNote string
	// BestEUR (with its band BestMinEUR-BestMaxEUR) and GasEUR are the
	// end-user cost of the best option and of staying on gas (HR boiler),
	// euro per year per Unit incl. taxes; NaN when not known.
	BestEUR, BestMinEUR, BestMaxEUR, GasEUR float64
	// Works says in Dutch what the best option asks of the home.
	Works []string
	// Note is one line in Dutch on the pand and the heat network; "" for
	// none.
	Note      string
	Addresses []Address
}

// Address is one address of a pand, for the map's search.
type Address struct {
	Postcode   string // "2628RC"
	Huisnummer string // number and toevoeging: "33", "33-A"
	Street     string
}

// webmapData is the JSON the map's script reads. Columnar slices, one
// entry per pand or pipe, keep the keys out of the per-feature data.
type webmapData struct {
	Origin  [2]float64    `json:"origin"` // metres EPSG:28992 of coordinate (0, 0)
	Themes  []webmapTheme `json:"themes"`
	Panden  webmapPanden  `json:"panden"`
	DN      []webmapDN    `json:"dn"`
	Pipes   webmapPipes   `json:"pipes"`
	Streets [][]int64     `json:"streets"`
	Water   [][][]int64   `json:"water"`
	Sources []webmapMark  `json:"sources"`
	// Outlines are the area boundaries (buurten) with their names.
	Outlines []webmapOutline `json:"outlines"`
	// Strings holds the texts panden share (types, label sources, notes,
	// street names); Panden and AddressList refer to them by index.
	Strings []string `json:"strings"`
	// Addresses is per pand its addresses as [street, huisnummer,
	// postcode], street and postcode indexes into Strings; the script
	// builds the search index from them (postcode without space, one
	// space, huisnummer with toevoeging in capitals: "2628RC 33A"; where
	// two panden share an address, the first).
	Addresses [][][3]any `json:"addresses"`
}

type webmapTheme struct {
	Key     string        `json:"key"`
	Title   string        `json:"title"`
	Classes []webmapClass `json:"classes"`
}

type webmapClass struct {
	Key   string `json:"key"` // Class.Key; "" for "overig / onbekend" too
	Label string `json:"label"`
	Color string `json:"color"`
	Count int    `json:"count"`
}

type webmapPanden struct {
	ID         []string    `json:"id"`
	Bouwjaar   []int       `json:"bouwjaar"`
	Type       []int       `json:"type"` // index into Strings
	Dwellings  []int       `json:"dwellings"`
	Unit       []int       `json:"unit"`       // index into Strings
	LabelNote  []int       `json:"label_note"` // index into Strings
	Class      [][]int     `json:"class"`      // per theme: class index per pand
	Connected  []int       `json:"connected"`
	BestEUR    []*int64    `json:"best_eur"`
	BestMinEUR []*int64    `json:"best_min_eur"`
	BestMaxEUR []*int64    `json:"best_max_eur"`
	GasEUR     []*int64    `json:"gas_eur"`
	Works      [][]int     `json:"works"`    // indexes into Strings
	Note       []int       `json:"note"`     // index into Strings
	Geometry   [][][]int64 `json:"geometry"` // rings
}

type webmapDN struct {
	Label string  `json:"label"`
	Color string  `json:"color"`
	Width float64 `json:"width"`
	Count int     `json:"count"`
}

type webmapPipes struct {
	DN       []int     `json:"dn"`    // nominal diameter
	Class    []int     `json:"class"` // index into DN
	Geometry [][]int64 `json:"geometry"`
}

type webmapOutline struct {
	Name  string    `json:"name"`
	Rings [][]int64 `json:"rings"`
}

type webmapMark struct {
	Name string   `json:"name"`
	At   [2]int64 `json:"at"`
}

// webmapFrame holds the origin coordinates are taken from and the units
// per metre they are written in (10: decimetres).
type webmapFrame struct{ x0, y0, per float64 }

func (f webmapFrame) dm(p orb.Point) (int64, int64) {
	return int64(math.Round((p[0] - f.x0) * f.per)), int64(math.Round((p[1] - f.y0) * f.per))
}

// line encodes ps as x0, y0, dx1, dy1, ... in units of 1/per metre;
// repeated points (after rounding) are dropped, a closing point of a
// ring too.
func (f webmapFrame) line(ps []orb.Point, ring bool) []int64 {
	n := len(ps)
	if ring && n > 1 && ps[n-1] == ps[0] {
		n--
	}
	out := make([]int64, 0, 2*n)
	var px, py int64
	for i := 0; i < n; i++ {
		x, y := f.dm(ps[i])
		if i == 0 {
			out = append(out, x, y)
		} else if x != px || y != py {
			out = append(out, x-px, y-py)
		}
		px, py = x, y
	}
	return out
}

func eurPtr(x float64) *int64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	v := int64(math.Round(x))
	return &v
}

// webmap returns the interactive map's HTML: the Leaflet CSS and script,
// the data and the page's own script. It is empty when p has no
// buildings.
func webmap(p *Page, bound orb.Bound) template.HTML {
	if len(p.Buildings) == 0 {
		return ""
	}
	f := webmapFrame{math.Floor(bound.Min[0]), math.Floor(bound.Min[1]), 10}
	// Every list the page's script walks is present, if empty: a scan
	// without water, streets or a network must not hand it a null.
	d := webmapData{Origin: [2]float64{f.x0, f.y0}, DN: []webmapDN{},
		Pipes:   webmapPipes{DN: []int{}, Class: []int{}, Geometry: [][]int64{}},
		Streets: [][]int64{}, Water: [][][]int64{}, Sources: []webmapMark{}, Outlines: []webmapOutline{}}
	themes := []struct {
		key, title string
		classes    []Class
		get        func(Building) string
	}{
		{"bouwperiode", "Bouwperiode", p.EraClasses, func(b Building) string { return b.Era }},
		{"label", "Energielabel", p.LabelClasses, func(b Building) string { return b.Label }},
		{"optie", "Beste optie", p.OptionClasses, func(b Building) string { return b.Best }},
	}
	n := len(p.Buildings)
	pd := &d.Panden
	pd.Class = make([][]int, len(themes)+1)
	for ti, th := range themes {
		idx := make(map[string]int, len(th.classes))
		wt := webmapTheme{Key: th.key, Title: th.title}
		for _, c := range th.classes {
			idx[c.Key] = len(wt.Classes)
			wt.Classes = append(wt.Classes, webmapClass{Key: c.Key, Label: orDefault(c.Label, c.Key), Color: c.Color})
		}
		other := -1
		col := make([]int, n)
		for i, b := range p.Buildings {
			k, ok := idx[th.get(b)]
			if !ok {
				if other < 0 {
					other = len(wt.Classes)
					wt.Classes = append(wt.Classes, webmapClass{Label: "overig / onbekend", Color: "#bdbdbd"})
				}
				k = other
			}
			col[i] = k
			wt.Classes[k].Count++
		}
		pd.Class[ti] = col
		d.Themes = append(d.Themes, wt)
	}
	// The network theme: on the network or not.
	net := webmapTheme{Key: "netwerk", Title: "Warmtenet", Classes: []webmapClass{
		{Label: "niet aangesloten", Color: "#e4e1da"}, {Label: "aangesloten op het warmtenet", Color: "#b8a98f"}}}
	col := make([]int, n)
	for i, b := range p.Buildings {
		if b.Connected {
			col[i] = 1
		}
		net.Classes[col[i]].Count++
	}
	pd.Class[len(themes)] = col
	d.Themes = append(d.Themes, net)

	dict := map[string]int{}
	str := func(s string) int {
		i, ok := dict[s]
		if !ok {
			i = len(d.Strings)
			dict[s] = i
			d.Strings = append(d.Strings, s)
		}
		return i
	}
	str("")
	for i, b := range p.Buildings {
		info := b.Info
		if info == nil {
			info = &PandInfo{BestEUR: math.NaN(), BestMinEUR: math.NaN(), BestMaxEUR: math.NaN(), GasEUR: math.NaN()}
		}
		pd.ID = append(pd.ID, info.ID)
		pd.Bouwjaar = append(pd.Bouwjaar, info.Bouwjaar)
		pd.Type = append(pd.Type, str(info.Type))
		pd.Dwellings = append(pd.Dwellings, info.Dwellings)
		pd.Unit = append(pd.Unit, str(info.Unit))
		pd.LabelNote = append(pd.LabelNote, str(info.LabelNote))
		pd.Connected = append(pd.Connected, pd.Class[len(themes)][i])
		pd.BestEUR = append(pd.BestEUR, eurPtr(info.BestEUR))
		pd.BestMinEUR = append(pd.BestMinEUR, eurPtr(info.BestMinEUR))
		pd.BestMaxEUR = append(pd.BestMaxEUR, eurPtr(info.BestMaxEUR))
		pd.GasEUR = append(pd.GasEUR, eurPtr(info.GasEUR))
		pd.Note = append(pd.Note, str(info.Note))
		works := []int{}
		for _, w := range info.Works {
			works = append(works, str(w))
		}
		pd.Works = append(pd.Works, works)
		rings := make([][]int64, 0, len(b.Footprint))
		for _, r := range b.Footprint {
			if len(r) >= 3 {
				rings = append(rings, f.line(r, true))
			}
		}
		pd.Geometry = append(pd.Geometry, rings)
		var list [][3]any
		for _, a := range info.Addresses {
			list = append(list, [3]any{str(a.Street), a.Huisnummer, str(a.Postcode)})
		}
		d.Addresses = append(d.Addresses, list)
	}

	dns := dnClasses(p.Pipes)
	for _, c := range dns {
		d.DN = append(d.DN, webmapDN{Label: c.label, Color: c.color, Width: c.width})
	}
	// Service pipes first, then mains from small to large DN, so that the
	// trunk is drawn on top (as on the SVG map).
	for ci, c := range dns {
		for _, pp := range p.Pipes {
			if c.contains(pp) && len(pp.Line) >= 2 {
				d.Pipes.DN = append(d.Pipes.DN, pp.DN)
				d.Pipes.Class = append(d.Pipes.Class, ci)
				d.Pipes.Geometry = append(d.Pipes.Geometry, f.line(pp.Line, false))
				d.DN[ci].Count++
			}
		}
	}
	for _, ls := range p.Streets {
		if len(ls) >= 2 {
			d.Streets = append(d.Streets, f.line(ls, false))
		}
	}
	for _, mp := range p.Water {
		for _, poly := range mp {
			var rings [][]int64
			for _, r := range poly {
				if len(r) >= 3 {
					rings = append(rings, f.line(r, true))
				}
			}
			if len(rings) > 0 {
				d.Water = append(d.Water, rings)
			}
		}
	}
	for _, s := range p.Sources {
		x, y := f.dm(s.Point)
		d.Sources = append(d.Sources, webmapMark{Name: s.Name, At: [2]int64{x, y}})
	}
	for _, o := range p.Outlines {
		wo := webmapOutline{Name: o.Name, Rings: [][]int64{}}
		for _, poly := range o.Geometry {
			for _, r := range poly {
				if len(r) >= 3 {
					wo.Rings = append(wo.Rings, f.line(r, true))
				}
			}
		}
		d.Outlines = append(d.Outlines, wo)
	}

	return leafletPage("webmap-data", d, webmapJS)
}

// leafletPage returns Leaflet's CSS and script with its licence, the
// data as JSON in a script element with the given id, and the page's
// script.
func leafletPage(id string, data any, script string) template.HTML {
	var b bytes.Buffer
	b.WriteString(`<style>`)
	b.WriteString(embeddedLeafletCSS())
	b.WriteString("</style>\n<script>/*\n")
	b.WriteString(strings.ReplaceAll(leafletLicense, "*/", "* /"))
	b.WriteString("*/\n")
	b.WriteString(embeddedLeafletJS())
	b.WriteString("</script>\n<script type=\"application/json\" id=\"" + id + "\">")
	enc := json.NewEncoder(&b) // escapes <, > and &, so the data cannot end the script
	if err := enc.Encode(data); err != nil {
		panic("report: map data does not encode: " + err.Error()) // plain data only: a programming mistake
	}
	b.WriteString("</script>\n<script>")
	b.WriteString(script)
	b.WriteString("</script>\n")
	return template.HTML(b.String())
}

var (
	cssURL     = regexp.MustCompile(`url\(images/[^)]*\)`)
	cssComment = regexp.MustCompile(`/\*[\s\S]*?\*/\n?`)
)

// embeddedLeafletCSS is leaflet.css without its comments and its image
// backgrounds (the layers-control icon and the default marker, neither
// used), so the page never asks for a file it does not carry.
func embeddedLeafletCSS() string {
	return cssURL.ReplaceAllString(cssComment.ReplaceAllString(leafletCSS, ""), "none")
}

// embeddedLeafletJS is leaflet.js without its sourceMappingURL comment.
func embeddedLeafletJS() string {
	s := leafletJS
	if i := strings.LastIndex(s, "//# sourceMappingURL="); i >= 0 {
		s = s[:i]
	}
	return s
}
