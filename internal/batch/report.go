package batch

import (
	"bufio"
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/internal/report"
)

// strategyColours colour the buurten map by best strategy.
var strategyColours = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99"}

// statusColours colour the buurten without a best strategy.
var statusColours = map[string]string{StatusEmpty: "#dddddd", StatusWater: "#a6cee3", StatusFailed: "#e31a1c"}

type mapBuurt struct {
	Path, Fill, Title string
}

type legend struct{ Colour, Label string }

type page struct {
	S       *Summary
	AreaMap template.HTML // the interactive map of the buurten
	Map     []mapBuurt
	Legend  []legend
	W, H    float64
}

const mapWidth = 900.0

// writeReport writes report.html: one self-contained page (no requests)
// with an interactive map of the buurten (report.AreaMap: a pop-up per
// buurt, search by code or name) and a static one for print, both
// coloured by best strategy, the totals per gemeente and the failed
// buurten with their reasons.
func writeReport(w *bufio.Writer, s *Summary, recs []record) error {
	var b orb.Bound
	for i, r := range recs {
		if i == 0 {
			b = r.Area.Geometry.Bound()
		} else {
			b = b.Union(r.Area.Geometry.Bound())
		}
	}
	dx, dy := math.Max(b.Max[0]-b.Min[0], 1), math.Max(b.Max[1]-b.Min[1], 1)
	scale := mapWidth / dx
	p := page{S: s, W: mapWidth, H: math.Round(dy * scale)}
	colour := map[string]string{}
	for i, st := range s.Strategies {
		colour[st] = strategyColours[i%len(strategyColours)]
	}
	used := map[string]bool{}
	label := map[string]string{} // strategy -> its plain-Dutch label
	for _, r := range recs {
		if r.Summary != nil {
			for _, st := range r.Summary.Strategies {
				if st.Label != "" {
					label[st.Name] = st.Label
				}
			}
		}
	}
	name := func(st string) string {
		if l := label[st]; l != "" {
			return l
		}
		return st
	}
	var areas []report.AreaFeature
	for _, r := range recs {
		areas = append(areas, areaFeature(r, name))
		fill := statusColours[r.Status]
		title := r.Area.Code + " " + r.Area.Name + ": " + statusDutch(r.Status)
		if r.Summary != nil && r.Summary.BestStrategy != "" {
			fill = colour[r.Summary.BestStrategy]
			title += ", goedkoopst: " + name(r.Summary.BestStrategy)
			used[r.Summary.BestStrategy] = true
		} else if r.Status == StatusOK {
			fill = "#ffffff"
		}
		var sb strings.Builder
		for _, poly := range r.Area.Geometry {
			for _, ring := range poly {
				for i, pt := range ring {
					op := "L"
					if i == 0 {
						op = "M"
					}
					fmt.Fprintf(&sb, "%s%.1f %.1f", op, (pt[0]-b.Min[0])*scale, (b.Max[1]-pt[1])*scale)
				}
				sb.WriteString("Z")
			}
		}
		p.Map = append(p.Map, mapBuurt{Path: sb.String(), Fill: fill, Title: title})
	}
	for _, st := range s.Strategies {
		if used[st] {
			p.Legend = append(p.Legend, legend{colour[st], name(st)})
		}
	}
	for _, k := range []string{StatusEmpty, StatusWater, StatusFailed} {
		if s.Status[k] > 0 {
			p.Legend = append(p.Legend, legend{statusColours[k], statusDutch(k)})
		}
	}
	var classes []report.Class
	for _, l := range p.Legend {
		classes = append(classes, report.Class{Key: l.Label, Color: l.Colour})
	}
	classes = append(classes, report.Class{Key: statusDutch(StatusOK) + ", geen strategie haalbaar", Color: "#ffffff"})
	p.AreaMap = report.AreaMap(areas, classes, "Goedkoopste strategie")
	return reportTmpl.Execute(w, p)
}

// areaFeature is a buurt on the interactive map: coloured by the label of
// its best strategy (or its status), with its figures in the pop-up.
func areaFeature(r record, name func(string) string) report.AreaFeature {
	a := report.AreaFeature{Geometry: r.Area.Geometry, Title: strings.TrimSpace(r.Area.Code + " " + r.Area.Name),
		Search: []string{r.Area.Code, r.Area.Name}}
	row := func(k, v string) { a.Rows = append(a.Rows, [2]string{k, v}) }
	if g := strings.TrimSpace(r.Area.GemeenteCode + " " + r.Area.Gemeente); g != "" {
		row("Gemeente", g)
	}
	row("Status", statusDutch(r.Status))
	s := r.Summary
	switch {
	case s != nil && s.BestStrategy != "":
		a.Class = name(s.BestStrategy)
		row("Goedkoopste strategie", name(s.BestStrategy))
		for _, st := range s.Strategies {
			if st.Name == s.BestStrategy {
				row("Nationale kosten", "€\u00a0"+groupThousands(fmt.Sprintf("%.0f", st.NationalCostEURPerYear))+" per jaar")
				if !math.IsNaN(st.EnduserCostEURPerYearPerDwelling) {
					row("Bewoner", "€\u00a0"+groupThousands(fmt.Sprintf("%.0f", st.EnduserCostEURPerYearPerDwelling))+" per woning per jaar")
				}
			}
		}
	case r.Status == StatusOK:
		a.Class = statusDutch(StatusOK) + ", geen strategie haalbaar"
	default:
		a.Class = statusDutch(r.Status)
	}
	if s != nil {
		row("Panden", groupThousands(fmt.Sprint(s.Input.BuildingsUsed)))
		row("Woningen", groupThousands(fmt.Sprint(s.Stock.Dwellings)))
		row("Warmtevraag", groupThousands(fmt.Sprintf("%.0f", s.Stock.HeatDemandGJ))+" GJ per jaar")
		row("Tracé warmtenet", groupThousands(fmt.Sprintf("%.0f", s.Network.TrenchM))+" m, "+groupThousands(fmt.Sprint(s.Network.Connected))+" panden aangesloten")
		if g := s.Network.SteinerGapPct; g != nil {
			row("Tracé gecertificeerd", "hoogstens "+strings.Replace(fmt.Sprintf("%.2f", *g), ".", ",", 1)+" % duurder dan het goedkoopste net over deze straten")
		}
	}
	if r.Reason != "" {
		row("Reden", r.Reason)
	}
	return a
}

func statusDutch(s string) string {
	switch s {
	case StatusOK:
		return "doorgerekend"
	case StatusEmpty:
		return "geen panden"
	case StatusWater:
		return "water"
	case StatusFailed:
		return "mislukt"
	}
	return s
}

var reportTmpl = template.Must(template.New("batch").Funcs(template.FuncMap{
	"status": statusDutch,
	"int":    func(n int) string { return groupThousands(fmt.Sprintf("%d", n)) },
	"num":    func(x float64) string { return groupThousands(fmt.Sprintf("%.0f", x)) },
}).Parse(`<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Wijkanalyse per buurt</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1000px;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:first-child,th:first-child,td.t{text-align:left}
.legend span{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle;border:1px solid #888}
svg path{stroke:#555;stroke-width:.5}@media print{.noprint{display:none}}</style></head><body>
<h1>Wijkanalyse per buurt</h1>
<p>{{int .S.Input.Buurten}} buurten, elk met {{.S.Tool}} als eigen wijkanalyse (eigen warmtenet langs de straten, eigen kosten): {{int (index .S.Status "ok")}} doorgerekend, {{int (index .S.Status "empty")}} zonder panden, {{int (index .S.Status "water")}} water, {{int (index .S.Status "failed")}} mislukt.
Datum en rekentijd staan in summary.json.</p>
<h2>Goedkoopste strategie per buurt</h2>
{{.AreaMap}}<p class="noprint">Klik op een buurt voor haar cijfers; zoek een buurt op code of naam. Dezelfde kaart, vast en om af te drukken:</p>
<svg xmlns="http://www.w3.org/2000/svg" width="{{.W}}" height="{{.H}}" viewBox="0 0 {{.W}} {{.H}}">{{range .Map}}<path d="{{.Path}}" fill="{{.Fill}}" fill-rule="evenodd"><title>{{.Title}}</title></path>{{end}}</svg>
<p class="legend">{{range .Legend}}<span style="background:{{.Colour}}"></span>{{.Label}}{{end}}</p>
<h2>Per gemeente</h2>
<table><tr><th>gemeente</th><th>buurten</th><th>doorgerekend</th><th>panden</th><th>woningen</th><th>warmtevraag (GJ/jaar)</th><th>tracé warmtenet (m)</th><th>aangesloten panden</th></tr>
{{range .S.Gemeenten}}<tr><td>{{.Code}} {{.Name}}</td><td>{{int .Buurten}}</td><td>{{int (index .Status "ok")}}</td><td>{{int .Totals.Panden}}</td><td>{{int .Totals.Dwellings}}</td><td>{{num .Totals.HeatDemandGJ}}</td><td>{{num .Totals.TrenchM}}</td><td>{{int .Totals.Connected}}</td></tr>
{{end}}<tr><th>totaal</th><th>{{int .S.Input.Buurten}}</th><th>{{int (index .S.Status "ok")}}</th><th>{{int .S.Totals.Panden}}</th><th>{{int .S.Totals.Dwellings}}</th><th>{{num .S.Totals.HeatDemandGJ}}</th><th>{{num .S.Totals.TrenchM}}</th><th>{{int .S.Totals.Connected}}</th></tr></table>
<h2>Mislukte buurten</h2>
{{if .S.Failed}}<table><tr><th>buurt</th><th>reden</th></tr>{{range .S.Failed}}<tr><td>{{.Buurtcode}} {{.Buurtnaam}}</td><td class="t">{{.Reason}}</td></tr>{{end}}</table>
{{else}}<p>Geen: elke buurt is doorgerekend, heeft geen panden of is water.</p>{{end}}
<p>De cijfers per buurt staan in buurten.parquet en buurten.gpkg, per pand in buildings/, de Startanalyse-tabellen per gemeente in startanalyse/.</p>
</body></html>
`))

// groupThousands puts a dot between groups of three digits, as Dutch
// writes 12.345.
func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
