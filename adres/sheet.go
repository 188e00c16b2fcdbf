package adres

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// sheetRadiusM is half the width of the sheet's map around the pand, m.
const sheetRadiusM = 60.0

// WriteSheet writes the answer as a one-page printable sheet (A4, Dutch,
// self-contained HTML without network requests) that a gemeente can hand
// out: the pand on a small map among its neighbours, its figures, the
// best option with the plain explanation, what must be done, the other
// options and the network.
func (ix *Index) WriteSheet(w io.Writer, a Answer) error {
	title := "Pand " + a.PandID
	if a.Address != nil {
		title = a.Address.String()
		if a.Address.Street != "" {
			title = fmt.Sprintf("%s %d%s, %s", a.Address.Street, a.Address.Huisnummer, suffix(a.Address.Toevoeging), a.Address.Postcode)
			if a.Address.City != "" {
				title += " " + a.Address.City
			}
		}
	}
	d := sheetData{Title: title, A: &a, Facts: a.facts(), Map: template.HTML(ix.sheetMap(a)), Wijk: ix.Wijk, Year: ix.Year}
	if best := a.option(a.Best); best != nil && best.EndUserEURPerYear.Applies() {
		d.Cost = euro(best.EndUserEURPerYear.Value)
		d.Band = bandText(best.EndUserEURPerYear)
		if gas := a.option("gas_boiler"); gas != nil && gas.Kind != best.Kind && gas.EndUserEURPerYear.Applies() {
			d.Gas = euro(gas.EndUserEURPerYear.Value)
			d.Diff = signedEuro(best.VersusGasEURPerYear.Value)
		}
	}
	for _, o := range a.Options {
		r := sheetRow{Name: o.Name, Best: o.Best, Feasible: o.Feasible, Reason: o.Reason, Assumed: o.SourceAssumed && o.Feasible}
		if o.Best && o.SourceAssumed {
			d.BestAssumed = true
		}
		if o.Feasible {
			r.Cost, r.Band, r.Diff = euro(o.EndUserEURPerYear.Value), euro(o.EndUserEURPerYear.Min)+" – "+euro(o.EndUserEURPerYear.Max), signedEuro(o.VersusGasEURPerYear.Value)
			r.National = euro(o.NationalEURPerYear.Value)
		}
		d.Rows = append(d.Rows, r)
	}
	return sheetTemplate.Execute(w, d)
}

func suffix(t string) string {
	if t == "" {
		return ""
	}
	return "-" + t
}

type sheetData struct {
	Title                 string
	A                     *Answer
	Facts                 [][2]string
	Map                   template.HTML
	Cost, Band, Gas, Diff string
	Rows                  []sheetRow
	BestAssumed           bool // the best option's heat source is assumed
	Wijk                  string
	Year                  int
}

type sheetRow struct {
	Name, Reason               string
	Best, Feasible, Assumed    bool
	Cost, Band, Diff, National string
}

// sheetMap draws the pand (orange) among the footprints within
// sheetRadiusM of its centroid (grey), or, for a pand larger than that
// box, within a box fitted to its outline with a margin; with the address
// point, a scale bar and north up, as an inline SVG of 62 × 62 mm.
func (ix *Index) sheetMap(a Answer) string {
	c := orb.Point{a.CentroidRD[0], a.CentroidRD[1]}
	half := sheetRadiusM
	box := orb.Bound{Min: orb.Point{c[0] - half, c[1] - half}, Max: orb.Point{c[0] + half, c[1] + half}}
	// A pand the box would clip gets a box fitted to its outline, with a
	// tenth of its size as margin on each side (0503100000032956 of the
	// demo was clipped).
	if i, ok := ix.byID[a.PandID]; ok && len(ix.panden[i].Footprint) > 0 {
		fb := ix.panden[i].Footprint.Bound()
		if fb.Min[0] < box.Min[0] || fb.Min[1] < box.Min[1] || fb.Max[0] > box.Max[0] || fb.Max[1] > box.Max[1] {
			half, c = max(sheetRadiusM, 0.6*max(fb.Max[0]-fb.Min[0], fb.Max[1]-fb.Min[1])), fb.Center()
			box = orb.Bound{Min: orb.Point{c[0] - half, c[1] - half}, Max: orb.Point{c[0] + half, c[1] + half}}
		}
	}
	const size = 300.0 // SVG user units across
	s := size / (2 * half)
	xy := func(p orb.Point) (float64, float64) {
		return (p[0] - box.Min[0]) * s, (box.Max[1] - p[1]) * s
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="62mm" height="62mm" role="img" aria-label="Kaart: het pand en de panden eromheen">`, size, size)
	b.WriteString(`<rect width="100%" height="100%" fill="#f7f7f2"/>`)
	path := func(p orb.Polygon, style string) {
		b.WriteString(`<path d="`)
		for _, r := range p {
			for k, q := range r {
				x, y := xy(q)
				if k == 0 {
					b.WriteString("M")
				} else {
					b.WriteString("L")
				}
				b.WriteString(strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64))
				b.WriteByte(' ')
				b.WriteString(strconv.FormatFloat(math.Round(y*10)/10, 'f', -1, 64))
			}
			b.WriteString("Z")
		}
		fmt.Fprintf(&b, `" fill-rule="evenodd" %s/>`, style)
	}
	self := -1
	for i := range ix.panden {
		p := &ix.panden[i]
		if p.ID == a.PandID {
			self = i
			continue
		}
		if len(p.Footprint) == 0 || !p.Footprint.Bound().Intersects(box) {
			continue
		}
		fill := "#d0d0c8"
		if p.Answer.Network.Connected {
			fill = "#c9d9ea"
		}
		path(p.Footprint, `fill="`+fill+`" stroke="#888" stroke-width="0.5"`)
	}
	if self >= 0 {
		path(ix.panden[self].Footprint, `fill="#f08a24" stroke="#7a3b00" stroke-width="1.5"`)
	}
	if a.Address != nil {
		x, y := xy(orb.Point{a.Address.PointRD[0], a.Address.PointRD[1]})
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="#fff" stroke="#000" stroke-width="1.5"/>`, x, y)
	}
	// a scale bar of 25 m (50, 100, ... on a larger box) and a north arrow
	barM := 25.0
	for barM*s < 40 {
		barM *= 2
	}
	fmt.Fprintf(&b, `<g font-family="sans-serif" font-size="11"><rect x="10" y="%g" width="%.1f" height="4" fill="#000"/><text x="10" y="%g">%g m</text>`, size-14, barM*s, size-18, barM)
	fmt.Fprintf(&b, `<path d="M%g 12 L%g 28 L%g 28 Z" fill="#000"/><text x="%g" y="40" text-anchor="middle">N</text></g>`, size-16, size-21, size-11, size-16)
	b.WriteString(`</svg>`)
	return b.String()
}

var sheetTemplate = template.Must(template.New("sheet").Parse(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Warmte-opties voor {{.Title}}</title>
<style>
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.4pt; line-height: 1.28; color: #111; margin: 0; }
@media screen { body { width: 210mm; min-height: 297mm; padding: 12mm; margin: 0 auto; } }
h1 { font-size: 14pt; margin: 0 0 1mm 0; }
h2 { font-size: 10pt; margin: 3mm 0 1mm 0; border-bottom: 0.4mm solid #f08a24; padding-bottom: 0.3mm; }
.sub { color: #555; margin: 0 0 2mm 0; }
.top { display: flex; gap: 5mm; align-items: flex-start; }
.top .facts { flex: 1; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 0.5mm 1.2mm; vertical-align: top; text-align: left; }
.facts td:first-child { color: #555; width: 30mm; }
.best { background: #fdf0e2; border: 0.4mm solid #f08a24; padding: 2mm 3mm; margin-top: 2mm; }
.best .name { font-size: 11pt; font-weight: bold; }
.best .cost { font-size: 13pt; font-weight: bold; }
ul { margin: 0; padding-left: 4.5mm; }
li { margin-bottom: 0.5mm; }
.opts th { border-bottom: 0.3mm solid #999; font-size: 7.8pt; }
.opts td { border-bottom: 0.2mm solid #ddd; font-size: 7.8pt; }
.opts td.num, .opts th.num { text-align: right; white-space: nowrap; }
.opts td.name { white-space: nowrap; }
.opts tr.isbest td { font-weight: bold; background: #fdf0e2; }
.opts .no { color: #777; }
.foot { color: #555; font-size: 7pt; margin-top: 2mm; border-top: 0.2mm solid #bbb; padding-top: 1mm; }
.legend { font-size: 7.5pt; }
.legend span { display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 2mm; vertical-align: middle; border: 0.2mm solid #888; }
</style>
</head>
<body>
<h1>Warmte-opties voor {{.Title}}</h1>
<p class="sub">BAG-pandnummer {{.A.PandID}} · {{.A.Match}}{{if .Wijk}} · wijk {{.Wijk}}{{end}}</p>
<div class="top">
<div>{{.Map}}
<div class="legend"><span style="background:#f08a24"></span>dit pand<span style="background:#c9d9ea"></span>aan het warmtenet<span style="background:#d0d0c8"></span>overig</div></div>
<div class="facts">
<table>{{range .Facts}}<tr><td>{{index . 0}}</td><td>{{index . 1}}</td></tr>{{end}}</table>
{{if .A.BestName}}<div class="best"><div>Beste optie</div><div class="name">{{.A.BestName}}</div>{{if .BestAssumed}}<div><small>uitgaande van een aangenomen warmtebron</small></div>{{end}}
{{if .Cost}}<div>Kosten voor u: <span class="cost">{{.Cost}}</span> per jaar per {{.A.Unit}} ({{.Band}})</div>{{end}}
{{if .Gas}}<div>Blijven op aardgas: {{.Gas}} per jaar; verschil {{.Diff}} per jaar</div>{{end}}</div>{{end}}
</div>
</div>
<h2>Waarom deze optie?</h2>
<ul>{{range .A.Why}}<li>{{.}}</li>{{end}}</ul>
{{if .A.Works}}<h2>Wat moet er in {{if eq .A.Use "woning"}}de woning{{else}}het pand{{end}} gebeuren?</h2>
<ul>{{range .A.Works}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Rows}}<h2>Alle opties</h2>
<table class="opts"><tr><th>Optie</th><th class="num">Voor u per jaar (bandbreedte)</th><th class="num">t.o.v. aardgas</th><th class="num">Samenleving per jaar</th></tr>
{{range .Rows}}<tr{{if .Best}} class="isbest"{{end}}><td class="name">{{.Name}}{{if .Assumed}} <small>(aangenomen bron)</small>{{end}}</td>{{if .Feasible}}<td class="num">{{.Cost}} <small>({{.Band}})</small></td><td class="num">{{.Diff}}</td><td class="num">{{.National}}</td>{{else}}<td class="no" colspan="3">niet haalbaar: {{.Reason}}</td>{{end}}</tr>
{{end}}</table>{{end}}
<p><strong>Warmtenet:</strong> {{.A.Network.Reason}}</p>
<p class="foot">Berekend met wijkwarmte{{if .Year}}, basisjaar {{.Year}}{{end}}. Bedragen in euro per jaar, per {{.A.Unit}}: voor u inclusief belastingen, energie, onderhoud, vaste lasten en de eigen investering over de jaren verdeeld; voor de samenleving zonder belastingen (nationale kosten). Het is een indicatie op basis van landelijke kengetallen (PBL Vesta MAIS) en de gegevens van het pand, geen offerte. Kaart: panden uit de invoer van de wijkanalyse, noorden boven.</p>
</body>
</html>
`))
