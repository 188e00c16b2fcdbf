package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

//go:embed report.html.tmpl
var pageTemplate string

//go:embed report.css
var pageCSS string

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"nl":    nl,
	"nla":   nlAuto,
	"eur":   func(x float64) string { return "€\u00a0" + nl(x, 0) },
	"int":   func(x int) string { return nl(float64(x), 0) },
	"pct":   func(a, b int) string { return pct(float64(a), float64(b)) },
	"band":  band,
	"isnan": math.IsNaN,
	"neg":   func(x float64) float64 { return -x },
	"x100":  func(x float64) float64 { return 100 * x },
	"zin":   sentence,
	"deref": func(x *float64) float64 {
		if x == nil {
			return 0
		}
		return *x
	},
	"workKind":   workKindLabel,
	"infeasible": infeasibleNL,
	"crs":        crsNL.Replace,
	"unit":       unitNL,
}).Parse(pageTemplate))

// crsNL puts summary.json's input.crs (geodata.DescribeCRS: "EPSG:4326
// (OpenStreetMap PBF), transformed to EPSG:28992") into Dutch for the
// report.
var crsNL = strings.NewReplacer(
	", transformed to ", ", omgerekend naar ",
	"GeoPackage layer ", "GeoPackage-laag ",
	"crs member of the GeoJSON", "crs-lid van de GeoJSON",
	"OGC:CRS84 in the GeoParquet geo metadata", "OGC:CRS84 in de geo-metadata van de GeoParquet",
	"GeoParquet geo metadata", "geo-metadata van de GeoParquet",
)

// infeasibleNL says in Dutch why a strategy is not feasible, from its
// note in summary.json (wijkanalyse.Strategy.Reason: English, except for
// the first building's own reason after "no building can take it: ").
func infeasibleNL(note string) string {
	const noBuilding = "no building can take it: "
	switch {
	case note == "no heated buildings":
		return "er zijn geen verwarmde panden"
	case strings.HasPrefix(note, noBuilding):
		return "voor geen enkel pand haalbaar; reden bij het eerste pand: " + strings.TrimPrefix(note, noBuilding)
	}
	return note
}

// workKindLabel names a kind of planned works (geodata.WorkKind) in Dutch.
func workKindLabel(k string) string {
	switch k {
	case "riolering":
		return "riolering"
	case "herinrichting":
		return "herinrichting"
	case "kabels_en_leidingen":
		return "kabels en leidingen"
	}
	return k
}

// sentence starts s with a capital, as a note in the report reads.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// legendEntry is a legend row with its count.
type legendEntry struct {
	Label, Color string
	Count        int
	Width        float64 // line width in px for network legends; 0 for areas
}

type mapView struct {
	Title, Caption string
	SVG            template.HTML
	Legend         []legendEntry
}

type view struct {
	*Page
	CSS           template.CSS
	Maps          []mapView
	WebMap        template.HTML // the interactive map's styles, scripts and data
	StockChart    template.HTML
	CostCharts    []template.HTML
	Breakdown     template.HTML // national cost by component
	EnduserParts  template.HTML // end-user cost per dwelling by component
	GroupChart    template.HTML // national cost by building group
	PartTable     *partTable
	Best          *Strategy
	Skipped       []kv
	LabelsSkipped []kv
	Repaired      []kv
	LabelRows     []legendEntry
	DNRows        []kv
	Files         []kvs
	ScenarioTable *scenarioTable
	Robust        *robustView
	Kader         *kaderView
	Kleinverbruik *kvView
	Overridden    []Param
	LabelSources  []kv
	Areas         []areaRow
	Counts        *countsView
}

type areaRow struct {
	AreaResult
	BestLabel string
}

func translate(kvs []kv, words map[string]string) []kv {
	for i := range kvs {
		if w, ok := words[kvs[i].Key]; ok {
			kvs[i].Key = w
		}
	}
	return kvs
}

type kv struct {
	Key   string
	Value float64
}

type kvs struct{ Key, Value string }

type scenarioTable struct {
	Names   []string
	Changed []string // parameters each scenario overrides
	Rows    []scenarioRow
	Best    []string
}

type scenarioRow struct {
	Strategy string
	Cells    []string
}

// Render writes report.html for p: one self-contained file with embedded
// CSS, inline SVG maps for print and an interactive map (Leaflet and the
// map's data embedded, see webmap.go), no external resources.
func Render(w io.Writer, p *Page) error {
	if p.Summary == nil {
		return fmt.Errorf("report: page without a summary")
	}
	v := view{Page: p, CSS: template.CSS(pageCSS)}
	s := p.Summary

	var bound orb.Bound
	first := true
	for _, b := range p.Buildings {
		if len(b.Footprint) == 0 || len(b.Footprint[0]) == 0 {
			continue
		}
		if first {
			bound = b.Footprint.Bound()
			first = false
		} else {
			bound = bound.Union(b.Footprint.Bound())
		}
	}
	for _, s := range p.Sources {
		if first {
			bound = orb.Bound{Min: s.Point, Max: s.Point}
			first = false
		} else {
			bound = bound.Extend(s.Point)
		}
	}
	f := newFrame(bound)
	base := f.base(p)
	v.WebMap = webmap(p, bound)

	era := func(b Building) string { return b.Era }
	label := func(b Building) string { return b.Label }
	best := func(b Building) string { return b.Best }
	v.Maps = append(v.Maps,
		mapView{Title: "Bouwperiode", Caption: "Oorspronkelijk bouwjaar (BAG) per pand, in de bouwperiodes van Vesta MAIS.",
			SVG: template.HTML(f.themeMap(p, base, "Panden naar bouwperiode", p.EraClasses, era)), Legend: legendFor(p.Buildings, p.EraClasses, era)},
		mapView{Title: "Energielabel", Caption: "Energielabel per pand: geregistreerd (EP-Online) of, zonder registratie, het standaardlabel bij type en bouwperiode.",
			SVG: template.HTML(f.themeMap(p, base, "Panden naar energielabel", p.LabelClasses, label)), Legend: legendFor(p.Buildings, p.LabelClasses, label)},
		mapView{Title: "Beste optie per pand", Caption: "Panden aan het warmtenet: de optie van het net (het net is uitgebreid zolang aansluiten goedkoper is dan de beste individuele optie); de andere panden: hun goedkoopste individuele optie (nationale kosten).",
			SVG: template.HTML(f.themeMap(p, base, "Panden naar goedkoopste warmteoptie", p.OptionClasses, best)), Legend: legendFor(p.Buildings, p.OptionClasses, best)},
	)
	dns := dnClasses(p.Pipes)
	nm := mapView{Title: "Warmtenet", Caption: "Tracé van het warmtenet langs de straten; lijndikte naar buisdiameter (DN). Rode stip: de warmtebron.",
		SVG: template.HTML(f.networkMap(p, base, dns))}
	if p.NetworkCaption != "" {
		nm.Caption = p.NetworkCaption
	}
	for _, c := range dns {
		n := 0
		for _, pp := range p.Pipes {
			if c.contains(pp) {
				n++
			}
		}
		nm.Legend = append(nm.Legend, legendEntry{Label: c.label, Color: c.color, Count: n, Width: c.width})
	}
	if n := worksPipes(p.Pipes); n > 0 {
		nm.Legend = append(nm.Legend, legendEntry{Label: "sleuf gedeeld met geplande werken", Color: worksColor, Count: n, Width: worksWidth})
		nm.Caption += " Oranje: leidingen in een sleuf die gedeeld wordt met geplande werkzaamheden (koppelkansen)."
	}
	if n := countPipes(p.Pipes, func(pp Pipe) bool { return pp.Existing }); n > 0 {
		nm.Legend = append(nm.Legend, legendEntry{Label: "bestaande leiding hergebruikt", Color: existingColor, Count: n, Width: existingWidth})
		nm.Caption += " Groen: leidingen die een bestaand warmtenet hergebruiken."
	}
	if n := countPipes(p.Pipes, func(pp Pipe) bool { return pp.ExistingTooSmall }); n > 0 {
		nm.Legend = append(nm.Legend, legendEntry{Label: "bestaande leiding te klein, nieuw gerekend", Color: existingTooSmallColor, Count: n, Width: existingWidth})
		nm.Caption += " Rood gestreept: langs een bestaande leiding die te klein is voor de last; daar is een nieuwe leiding gerekend."
	}
	v.Maps = append(v.Maps, nm)

	v.StockChart = template.HTML(stockChart(p))
	v.CostCharts, v.Best = costCharts(s)
	v.Breakdown = template.HTML(partsChart(s, "Nationale kosten per jaar, naar kostensoort", p.CostParts, 228,
		func(st *Strategy) map[string]float64 { return st.Breakdown }))
	v.EnduserParts = template.HTML(partsChart(s, "Kosten eindgebruiker per woning per jaar, naar kostensoort", p.CostParts, 228,
		func(st *Strategy) map[string]float64 { return st.EnduserBreakdown }))
	v.GroupChart = template.HTML(partsChart(s, "Nationale kosten per jaar, naar soort gebouw", p.CostGroups, 228,
		func(st *Strategy) map[string]float64 { return st.ByBuildingGroup }))
	v.PartTable = partsTable(s, p.CostParts)
	v.Skipped = translate(sortedKV(s.Input.Skipped), p.Words)
	v.Repaired = translate(sortedKV(s.Input.Repaired), p.Words)
	v.LabelsSkipped = translate(sortedKV(s.Input.LabelsSkipped), p.Words)
	v.LabelSources = translate(sortedKV(s.Stock.LabelSource), p.Words)
	v.LabelRows = legendFor(p.Buildings, p.LabelClasses, label)
	for _, k := range slices.Sorted(maps.Keys(s.Network.TrenchMByDN)) {
		v.DNRows = append(v.DNRows, kv{k, s.Network.TrenchMByDN[k]})
	}
	slices.SortFunc(v.DNRows, func(a, b kv) int { return dnNum(a.Key) - dnNum(b.Key) })
	for _, k := range slices.Sorted(maps.Keys(s.Input.Files)) {
		v.Files = append(v.Files, kvs{orDefault(p.Words[k], k), s.Input.Files[k]})
	}
	v.ScenarioTable = scenarios(s)
	v.Robust = robustness(s)
	v.Kader = kaderSection(s)
	v.Kleinverbruik = kleinverbruikSection(s)
	v.Counts = counts(s)
	labels := map[string]string{}
	for _, st := range s.Strategies {
		labels[st.Name] = orDefault(st.Label, st.Name)
	}
	for _, a := range s.Areas {
		v.Areas = append(v.Areas, areaRow{a, orDefault(labels[a.BestStrategy], orDefault(a.BestStrategy, "geen"))})
	}
	for _, q := range p.Params {
		if q.Overridden {
			v.Overridden = append(v.Overridden, q)
		}
	}
	return tmpl.Execute(w, v)
}

func dnNum(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n = 10*n + int(c-'0')
		}
	}
	return n
}

func sortedKV(m map[string]int) []kv {
	var out []kv
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, kv{k, float64(m[k])})
	}
	return out
}

func legendFor(bs []Building, classes []Class, key func(Building) string) []legendEntry {
	counts := map[string]int{}
	for _, b := range bs {
		counts[key(b)]++
	}
	var out []legendEntry
	known := 0
	for _, c := range classes {
		n := counts[c.Key]
		known += n
		if n == 0 {
			continue
		}
		out = append(out, legendEntry{Label: orDefault(c.Label, c.Key), Color: c.Color, Count: n})
	}
	if rest := len(bs) - known; rest > 0 {
		out = append(out, legendEntry{Label: "overig / onbekend", Color: "#bdbdbd", Count: rest})
	}
	return out
}

func stockChart(p *Page) string {
	var cats []string
	eraIdx := map[string]int{}
	for _, c := range p.EraClasses {
		eraIdx[c.Key] = len(cats)
		cats = append(cats, orDefault(c.Label, c.Key))
	}
	series := make([]stackSeries, len(p.TypeClasses))
	typeIdx := map[string]int{}
	for i, c := range p.TypeClasses {
		typeIdx[c.Key] = i
		series[i] = stackSeries{name: orDefault(c.Label, c.Key), color: c.Color, values: make([]float64, len(cats))}
	}
	for _, b := range p.Buildings {
		e, ok1 := eraIdx[b.Era]
		t, ok2 := typeIdx[b.Type]
		if ok1 && ok2 {
			series[t].values[e]++
		}
	}
	// Drop empty eras and types so the chart shows what is there.
	keepCat := make([]bool, len(cats))
	for _, s := range series {
		for i, v := range s.values {
			if v != 0 {
				keepCat[i] = true
			}
		}
	}
	var cats2 []string
	for i, c := range cats {
		if keepCat[i] {
			cats2 = append(cats2, c)
		}
	}
	var series2 []stackSeries
	for _, s := range series {
		var vals []float64
		any := false
		for i, v := range s.values {
			if keepCat[i] {
				vals = append(vals, v)
				any = any || v != 0
			}
		}
		if any {
			s.values = vals
			series2 = append(series2, s)
		}
	}
	if len(cats2) == 0 {
		return ""
	}
	return stackedChart("Panden per bouwperiode en type", cats2, series2, 130, func(x float64) string { return nl(x, 0) })
}

// costCharts draws the three headline indicators per strategy with their
// min-max bands and returns the best strategy.
func costCharts(s *Summary) ([]template.HTML, *Strategy) {
	var best *Strategy
	for i := range s.Strategies {
		if s.Strategies[i].Name == s.BestStrategy {
			best = &s.Strategies[i]
		}
	}
	mk := func(title, key string, get func(*Strategy) float64, format func(float64) string) template.HTML {
		var items []barItem
		for i := range s.Strategies {
			st := &s.Strategies[i]
			it := barItem{label: orDefault(st.Label, st.Name), value: get(st), min: math.NaN(), max: math.NaN(), highlight: st.Name == s.BestStrategy}
			if mn, ok := st.Min[key]; ok {
				it.min = mn
			}
			if mx, ok := st.Max[key]; ok {
				it.max = mx
			}
			switch {
			case !st.Feasible:
				it.value = math.NaN()
			case key == "eur_per_t_co2" && st.CO2AvoidedTPerYear == 0:
				it.value = math.NaN()
				it.note = "– (vermijdt geen CO₂)"
			}
			items = append(items, it)
		}
		return template.HTML(hbarChart(title, items, format))
	}
	return []template.HTML{
		mk("Nationale kosten per jaar (met min–max)", "national_cost_eur_per_year",
			func(st *Strategy) float64 { return st.NationalCostEURPerYear }, euroShort),
		mk("Kosten eindgebruiker per woning per jaar", "enduser_cost_eur_per_year_per_dwelling",
			func(st *Strategy) float64 { return st.EnduserCostEURPerYearPerDwelling }, euroShort),
		mk("Nationale kosten per ton vermeden CO₂", "eur_per_t_co2",
			func(st *Strategy) float64 { return st.EURPerTCO2 }, euroShort),
	}, best
}

// partsChart draws one stacked bar per feasible strategy, split into the
// parts get returns, stacked in the order of classes; parts not in
// classes follow in grey shades in name order, parts that are zero in
// every strategy are left out of the legend.
func partsChart(s *Summary, title string, classes []Class, labelW float64, get func(*Strategy) map[string]float64) string {
	var cats []string
	var series []stackSeries
	idx := map[string]int{}
	for _, c := range classes {
		idx[c.Key] = len(series)
		series = append(series, stackSeries{name: orDefault(c.Label, c.Key), color: c.Color})
	}
	var extra []string
	for i := range s.Strategies {
		for k := range get(&s.Strategies[i]) {
			if _, ok := idx[k]; !ok && !slices.Contains(extra, k) {
				extra = append(extra, k)
			}
		}
	}
	slices.Sort(extra)
	for i, k := range extra {
		idx[k] = len(series)
		g := 150 + (i*30)%90
		series = append(series, stackSeries{name: k, color: fmt.Sprintf("rgb(%d,%d,%d)", g, g, g)})
	}
	for i := range series {
		series[i].values = make([]float64, 0, len(s.Strategies))
	}
	for i := range s.Strategies {
		st := &s.Strategies[i]
		parts := get(st)
		if len(parts) == 0 || !st.Feasible {
			continue
		}
		cats = append(cats, orDefault(st.Label, st.Name))
		for i := range series {
			series[i].values = append(series[i].values, 0)
		}
		for k, v := range parts {
			series[idx[k]].values[len(cats)-1] = v
		}
	}
	var used []stackSeries
	for _, se := range series {
		for _, v := range se.values {
			if v != 0 {
				used = append(used, se)
				break
			}
		}
	}
	if len(cats) == 0 || len(used) == 0 {
		return ""
	}
	return stackedChart(title, cats, used, labelW, euroShort)
}

// partTable is the national cost by component per feasible strategy.
type partTable struct {
	Parts []Class
	Rows  []partRow
}

type partRow struct {
	Strategy string
	Best     bool
	Cells    []float64 // per part, then the total
}

func partsTable(s *Summary, classes []Class) *partTable {
	t := &partTable{}
	for _, c := range classes {
		for i := range s.Strategies {
			if v := s.Strategies[i].Breakdown[c.Key]; v != 0 && s.Strategies[i].Feasible {
				t.Parts = append(t.Parts, Class{Key: c.Key, Label: orDefault(c.Label, c.Key), Color: c.Color})
				break
			}
		}
	}
	for i := range s.Strategies {
		st := &s.Strategies[i]
		if !st.Feasible || len(st.Breakdown) == 0 {
			continue
		}
		r := partRow{Strategy: orDefault(st.Label, st.Name), Best: st.Name == s.BestStrategy}
		for _, c := range t.Parts {
			r.Cells = append(r.Cells, st.Breakdown[c.Key])
		}
		r.Cells = append(r.Cells, st.NationalCostEURPerYear)
		t.Rows = append(t.Rows, r)
	}
	if len(t.Rows) == 0 || len(t.Parts) == 0 {
		return nil
	}
	return t
}

func scenarios(s *Summary) *scenarioTable {
	if len(s.Scenarios) == 0 {
		return nil
	}
	t := &scenarioTable{}
	var order []string
	labels := map[string]string{}
	for _, sc := range s.Scenarios {
		t.Names = append(t.Names, sc.Name)
		t.Changed = append(t.Changed, strings.Join(sc.Overrides, ", "))
		for _, st := range sc.Strategies {
			if !slices.Contains(order, st.Name) {
				order = append(order, st.Name)
				labels[st.Name] = orDefault(st.Label, st.Name)
			}
		}
	}
	for _, sc := range s.Scenarios {
		t.Best = append(t.Best, orDefault(labels[sc.BestStrategy], "geen"))
	}
	for _, name := range order {
		row := scenarioRow{Strategy: labels[name]}
		for _, sc := range s.Scenarios {
			cell := "–"
			for _, st := range sc.Strategies {
				if st.Name == name {
					if st.Feasible {
						cell = "€\u00a0" + nl(st.NationalCostEURPerYear, 0)
					} else {
						cell = "niet haalbaar"
					}
					if st.Name == sc.BestStrategy {
						cell += " ★"
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func pct(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return nl(100*a/b, 0) + "%"
}

// band formats "min – max" or "" when there is no band.
func band(m map[string]float64, n map[string]float64, key string, unit string) string {
	a, ok1 := m[key]
	b, ok2 := n[key]
	if !ok1 || !ok2 {
		return ""
	}
	f := func(x float64) string { return nl(x, 0) }
	if unit == "€" {
		return "€\u00a0" + f(a) + " – " + f(b)
	}
	return strings.TrimSpace(f(a) + " – " + f(b) + " " + unit)
}

// countPipes counts the pipes for which pick holds.
func countPipes(ps []Pipe, pick func(Pipe) bool) int {
	n := 0
	for _, p := range ps {
		if pick(p) {
			n++
		}
	}
	return n
}

// worksPipes counts the pipes in a trench shared with planned works.
func worksPipes(ps []Pipe) int {
	n := 0
	for _, p := range ps {
		if p.Works {
			n++
		}
	}
	return n
}
