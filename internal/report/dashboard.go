package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// DashboardFormat and DashboardVersion identify dashboard.json.
const (
	DashboardFormat  = "wijkwarmte-dashboard"
	DashboardVersion = 1
)

// Dashboard is dashboard.json and what dashboard.html shows: the
// indicators of several scans of one area over time, the kader's goals
// with whether the area is on schedule, and the netbeheerders'
// kleinverbruik figures. Made by internal/dashboard (wijkwarmte compare).
type Dashboard struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Wijk    string `json:"wijk"`
	// Areas are the buurt codes of the runs' areas ("" for a scan
	// without --areas).
	Areas []string `json:"areas"`
	// Runs in date order (ties in the order given).
	Runs []DashboardRun `json:"runs"`
	// Indicators over time: one series per indicator, points in date
	// order.
	Indicators []Series `json:"indicators"`
	// Kader is the kader file the goals come from ("" without --kader).
	Kader string `json:"kader"`
	// ScheduleRule says in Dutch when a goal is on schedule.
	ScheduleRule string       `json:"schedule_rule"`
	Goals        []GoalStatus `json:"goals"`
	// Kleinverbruik holds the netbeheerders' figures (--kleinverbruik),
	// nil without them.
	Kleinverbruik *Kleinverbruik `json:"kleinverbruik,omitempty"`
	Notes         []string       `json:"notes"`

	// Colours and labels for the page (not in the JSON).
	LabelClasses  []Class `json:"-"`
	OptionClasses []Class `json:"-"`
}

// DashboardRun is one scan output folder.
type DashboardRun struct {
	// Dir is the folder as given on the command line.
	Dir string `json:"dir"`
	// Date is the run's date (YYYY-MM-DD): from --dates, else the day the
	// scan was made (summary.json generated); DateSource says which.
	Date       string `json:"date"`
	DateSource string `json:"date_source"`
	Generated  string `json:"generated"`
	Tool       string `json:"tool"`
	Panden     int    `json:"panden"`
	Dwellings  int    `json:"dwellings"`
	// ByLabel counts dwellings per energy label; LabelSource panden by
	// where the label came from (ep-online, default, mixed); LabelsRead
	// the EP-Online registrations read.
	ByLabel     map[string]int `json:"dwellings_by_label"`
	LabelSource map[string]int `json:"label_source"`
	LabelsRead  int            `json:"labels_read"`
	// LabelBOrBetter counts the dwellings with label B or better
	// (A++++ ... B).
	LabelBOrBetter int `json:"dwellings_label_b_or_better"`
	// ByBestOption counts dwellings per best heat option of their pand.
	ByBestOption map[string]int `json:"dwellings_by_best_option"`
	// Strategy is the preferred strategy: the kader's
	// (assessment.preferred, StrategyBasis "kader") when the scan had
	// one and a strategy passed, else the lowest national cost
	// (best_strategy, "national").
	Strategy      string `json:"strategy"`
	StrategyLabel string `json:"strategy_label"`
	StrategyBasis string `json:"strategy_basis"`
	// National cost (EUR per year, price year of the scan's parameters)
	// and CO2 avoided (t per year) of Strategy.
	NationalCostEURPerYear float64 `json:"national_cost_eur_per_year"`
	CO2AvoidedTPerYear     float64 `json:"co2_avoided_t_per_year"`
	// WarmtenetConnections are the connections of the routed network:
	// connected dwellings, one per connected pand without dwellings (as
	// network.cost_eur_per_connection counts them); NetworkOption the
	// option it was routed for.
	WarmtenetConnections int    `json:"warmtenet_connections"`
	NetworkOption        string `json:"network_option"`
}

// Series is one indicator over time.
type Series struct {
	Indicator string        `json:"indicator"`
	Label     string        `json:"label"` // Dutch
	Unit      string        `json:"unit"`
	Points    []SeriesPoint `json:"points"`
}

// SeriesPoint is an indicator's value on a date, with where it came from
// (a run's folder or a kleinverbruik file).
type SeriesPoint struct {
	Date   string  `json:"date"`
	Value  float64 `json:"value"`
	Source string  `json:"source"`
}

// Goal status values.
const (
	GoalReached      = "reached"       // the goal's value is reached
	GoalOnSchedule   = "on_schedule"   // at or above the linear path
	GoalBehind       = "behind"        // below the linear path
	GoalMissed       = "missed"        // the goal's year is past, not reached
	GoalBaselineOnly = "baseline_only" // one measurement: the baseline
	GoalNoData       = "no_data"       // the indicator is not measured
)

// GoalStatus is one goal of the kader against the indicator's series.
type GoalStatus struct {
	Indicator string  `json:"indicator"`
	Label     string  `json:"label"`
	Year      int     `json:"year"`
	Value     float64 `json:"value"`
	Percent   bool    `json:"percent"`
	Line      int     `json:"line"` // in the kader file
	// Deadline is the day the goal must be met (31 December of Year).
	Deadline string `json:"deadline"`
	// Unit of Baseline, Latest and Expected: "woningen" (a count) or
	// "%" of the dwellings for a percentage goal.
	Unit string `json:"unit"`
	// Points is the indicator's series in Unit.
	Points   []SeriesPoint `json:"points"`
	Baseline *SeriesPoint  `json:"baseline"`
	Latest   *SeriesPoint  `json:"latest"`
	// Expected is the value on the linear path from the baseline to the
	// goal at the latest point's date; null without two points.
	Expected *float64 `json:"expected"`
	Status   string   `json:"status"`
	// StatusLabel and Sentence say it in Dutch.
	StatusLabel string `json:"status_label"`
	Sentence    string `json:"sentence"`
}

// Kleinverbruik is what the netbeheerders' files say about the area.
type Kleinverbruik struct {
	// Method says in Dutch how the files were matched and counted.
	Method string              `json:"method"`
	Files  []KleinverbruikFile `json:"files"`
	Years  []KleinverbruikYear `json:"years"`
	// Calibration compares, for the latest year, the measured mean gas
	// use per connection with the modelled gas use per dwelling, per
	// postcode range with dwellings of the area.
	Calibration      []CalibrationRange `json:"calibration"`
	CalibrationTotal *CalibrationRange  `json:"calibration_total"`
}

// KleinverbruikFile is one file read.
type KleinverbruikFile struct {
	File      string         `json:"file"`
	Year      int            `json:"year"`
	Separator string         `json:"separator"`
	Variant   string         `json:"variant"`
	RowsRead  int            `json:"rows_read"`
	RowsUsed  int            `json:"rows_used"`
	RowsArea  int            `json:"rows_in_area"` // rows with an address of the area
	Skipped   map[string]int `json:"skipped"`
}

// KleinverbruikYear counts, for one year's file, the area's dwelling
// addresses by what the file says about their postcode.
type KleinverbruikYear struct {
	Year int    `json:"year"`
	Date string `json:"date"` // peildatum, 1 January
	// Addresses: dwelling addresses of the newest run; InGasRange those
	// in a postcode range with a GAS row; ElectricOnly those in a range
	// with an ELK row but no GAS row; NotCovered those in no range of the
	// file (another netbeheerder, or too few connections to publish).
	Addresses    int `json:"addresses"`
	InGasRange   int `json:"in_gas_range"`
	ElectricOnly int `json:"electric_only"`
	NotCovered   int `json:"not_covered"`
	// GasConnections sums the active gas connections (AANSLUITINGEN_AANTAL
	// × FYSIEKE_STATUS_PERC) of the ranges with area addresses.
	GasConnections float64 `json:"gas_connections"`
	// OffGas: per gas range the dwellings above its gas connections,
	// plus the electric-only addresses.
	OffGas int `json:"dwellings_off_gas"`
	// Areas break the year down per buurt (or wijk) of the scan, in the
	// order of the scan's areas; empty without areas.
	Areas []KleinverbruikArea `json:"areas,omitempty"`
}

// KleinverbruikArea is one year of the kleinverbruik for the dwelling
// addresses of one buurt: the counts of KleinverbruikYear, the buurt's
// share of the dwellings off gas (a range's dwellings above its gas
// connections are shared over the buurten by their dwellings in the
// range), and the measured mean gas use beside the modelled one.
type KleinverbruikArea struct {
	Code         string  `json:"code"`
	Name         string  `json:"name"`
	Addresses    int     `json:"addresses"`
	InGasRange   int     `json:"in_gas_range"`
	ElectricOnly int     `json:"electric_only"`
	NotCovered   int     `json:"not_covered"`
	OffGas       float64 `json:"dwellings_off_gas"`
	// MeasuredM3: the SJV_GEMIDDELD of the gas range of each of the
	// buurt's addresses in one, averaged over those addresses (m3 per
	// connection per year); ModelledM3 the mean modelled gas use of the
	// same addresses' dwellings (m3 per dwelling per year); Ratio
	// modelled / measured. 0 when no address is in a gas range.
	MeasuredM3 float64 `json:"measured_m3_per_connection"`
	ModelledM3 float64 `json:"modelled_m3_per_dwelling"`
	Ratio      float64 `json:"ratio"`
}

// CalibrationRange sets a postcode range's measured gas use beside the
// model's.
type CalibrationRange struct {
	Street      string  `json:"street"`
	PostcodeVan string  `json:"postcode_van"`
	PostcodeTot string  `json:"postcode_tot"`
	Connections float64 `json:"gas_connections"`
	Dwellings   int     `json:"dwellings"`
	// MeasuredM3 is SJV_GEMIDDELD (m3 per connection per year);
	// ModelledM3 the mean modelled gas use of the range's dwellings (m3
	// per dwelling per year, the reference gas boiler); Ratio
	// modelled / measured.
	MeasuredM3 float64 `json:"measured_m3_per_connection"`
	ModelledM3 float64 `json:"modelled_m3_per_dwelling"`
	Ratio      float64 `json:"ratio"`
}

// NL formats x in Dutch notation with dec decimals ("1.234,5"), as the
// report does.
func NL(x float64, dec int) string { return nl(x, dec) }

//go:embed dashboard.html.tmpl
var dashboardTemplate string

var dashTmpl = template.Must(template.New("dashboard").Funcs(template.FuncMap{
	"nl": nl,
	// goal formats a goal's value or measurement: a percentage with one
	// decimal, as the sentences do; a count (woningen, aansluitingen)
	// whole.
	"goal": func(percent bool, x float64) string {
		if percent {
			return nl(x, 1)
		}
		return nl(x, 0)
	},
	"eur": func(x float64) string { return "€\u00a0" + nl(x, 0) },
	"int": func(x int) string { return nl(float64(x), 0) },
	"pct": func(a, b int) string { return pct(float64(a), float64(b)) },
	"opt": func(p *float64, dec int) string {
		if p == nil {
			return "–"
		}
		return nl(*p, dec)
	},
}).Parse(dashboardTemplate))

type dashView struct {
	*Dashboard
	CSS        template.CSS
	Latest     *DashboardRun
	GoalCharts []template.HTML
	LabelChart template.HTML
	BestChart  template.HTML
	CostChart  template.HTML
	CO2Chart   template.HTML
	OffGas     template.HTML
	Table      []dashRow
	// Calibration: the ranges shown (those that deviate most, at most
	// maxCalibrationRows), and how many are left out of the page.
	Calibration    []CalibrationRange
	CalibrationCut int
	Dates          []string
	Counts         map[string]int
}

// maxCalibrationRows bounds the calibration table on the page; all
// ranges are in dashboard.json.
const maxCalibrationRows = 40

type dashRow struct {
	Label string
	Cells []string
}

// RenderDashboard writes dashboard.html for d: one self-contained file
// (CSS and inline SVG charts, no scripts, no external resources).
func RenderDashboard(w io.Writer, d *Dashboard) error {
	if len(d.Runs) == 0 {
		return fmt.Errorf("report: dashboard without runs")
	}
	v := dashView{Dashboard: d, CSS: template.CSS(pageCSS), Latest: &d.Runs[len(d.Runs)-1], Counts: map[string]int{}}
	for _, g := range d.Goals {
		v.Counts[g.Status]++
		v.GoalCharts = append(v.GoalCharts, template.HTML(goalChart(g)))
	}
	cats := make([]string, len(d.Runs))
	for i, r := range d.Runs {
		cats[i] = r.Date
		v.Dates = append(v.Dates, r.Date)
	}
	v.LabelChart = template.HTML(stackedChart("Woningen naar energielabel", cats,
		runSeries(d.Runs, d.LabelClasses, func(r *DashboardRun) map[string]int { return r.ByLabel }), 96, func(x float64) string { return nl(x, 0) }))
	v.BestChart = template.HTML(stackedChart("Woningen naar beste optie", cats,
		runSeries(d.Runs, d.OptionClasses, func(r *DashboardRun) map[string]int { return r.ByBestOption }), 96, func(x float64) string { return nl(x, 0) }))
	cost := Series{Label: "Nationale kosten van de voorkeursstrategie", Unit: "€ per jaar"}
	co2 := Series{Label: "Vermeden CO₂ van de voorkeursstrategie", Unit: "ton per jaar"}
	for _, r := range d.Runs {
		cost.Points = append(cost.Points, SeriesPoint{Date: r.Date, Value: r.NationalCostEURPerYear})
		co2.Points = append(co2.Points, SeriesPoint{Date: r.Date, Value: r.CO2AvoidedTPerYear})
	}
	v.CostChart = template.HTML(lineChart(cost.Label+" (€ per jaar)", cost.Points, nil, nil, euroShort))
	v.CO2Chart = template.HTML(lineChart(co2.Label+" (ton per jaar)", co2.Points, nil, nil, func(x float64) string { return nl(x, 0) }))
	for _, s := range d.Indicators {
		if s.Indicator == "dwellings_off_gas" && len(s.Points) > 0 {
			v.OffGas = template.HTML(lineChart("Woningen van het aardgas af (kleinverbruik)", s.Points, nil, nil, func(x float64) string { return nl(x, 0) }))
		}
	}
	for _, s := range d.Indicators {
		row := dashRow{Label: s.Label + " (" + s.Unit + ")"}
		for _, date := range v.Dates {
			cell := "–"
			for _, p := range s.Points {
				if p.Date == date {
					cell = nlAuto(p.Value)
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		if s.Indicator != "dwellings_off_gas" {
			v.Table = append(v.Table, row)
		}
	}
	if k := d.Kleinverbruik; k != nil {
		v.Calibration = slices.Clone(k.Calibration)
		if len(v.Calibration) > maxCalibrationRows {
			dev := func(c CalibrationRange) float64 { return math.Abs(math.Log(math.Max(c.Ratio, 1e-9))) }
			slices.SortStableFunc(v.Calibration, func(a, b CalibrationRange) int { return cmp.Compare(dev(b), dev(a)) })
			v.CalibrationCut = len(v.Calibration) - maxCalibrationRows
			v.Calibration = v.Calibration[:maxCalibrationRows]
		}
	}
	return dashTmpl.Execute(w, v)
}

// runSeries makes one stacked series per class (in the classes' order,
// then any other key) from a count map per run.
func runSeries(runs []DashboardRun, classes []Class, get func(*DashboardRun) map[string]int) []stackSeries {
	var out []stackSeries
	seen := map[string]bool{}
	add := func(key, label, color string) {
		s := stackSeries{name: label, color: color, values: make([]float64, len(runs))}
		has := false
		for i := range runs {
			if n := get(&runs[i])[key]; n != 0 {
				s.values[i] = float64(n)
				has = true
			}
		}
		if has {
			out = append(out, s)
		}
	}
	for _, c := range classes {
		seen[c.Key] = true
		add(c.Key, orDefault(c.Label, c.Key), c.Color)
	}
	var rest []string
	for i := range runs {
		for k := range get(&runs[i]) {
			if !seen[k] {
				seen[k] = true
				rest = append(rest, k)
			}
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		add(k, orDefault(k, "onbekend"), "#bdbdbd")
	}
	return out
}

// goalChart draws a goal's series with the linear path from the
// baseline to the goal.
func goalChart(g GoalStatus) string {
	pts := g.Points
	goal := &SeriesPoint{Date: g.Deadline, Value: g.Value}
	var path *[2]SeriesPoint
	if g.Baseline != nil {
		path = &[2]SeriesPoint{*g.Baseline, *goal}
	}
	unit := " (woningen)"
	if g.Percent {
		unit = " (% van de woningen)"
	}
	return lineChart(fmt.Sprintf("Doel %d: %s%s", g.Year, g.Label, unit), pts, path, goal, func(x float64) string { return nl(x, 0) })
}

// lineChart draws points over time (dates YYYY-MM-DD), optionally a
// dashed path and a goal marker. format formats the y axis.
func lineChart(title string, pts []SeriesPoint, path *[2]SeriesPoint, goal *SeriesPoint, format func(float64) string) string {
	const (
		w      = 620.0
		h      = 250.0
		left   = 70.0
		right  = 24.0
		top    = 30.0
		bottom = 40.0
	)
	day := func(s string) float64 {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return math.NaN()
		}
		return float64(t.Unix()) / 86400
	}
	var xs, ys []float64
	for _, p := range pts {
		xs, ys = append(xs, day(p.Date)), append(ys, p.Value)
	}
	if path != nil {
		xs, ys = append(xs, day(path[0].Date), day(path[1].Date)), append(ys, path[0].Value, path[1].Value)
	}
	if goal != nil {
		xs, ys = append(xs, day(goal.Date)), append(ys, goal.Value)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %s %s" role="img" aria-label="%s">`, num(w), num(h), escapeAttr(title))
	fmt.Fprintf(&b, `<text x="0" y="14" class="ct">%s</text>`, escapeText(title))
	if len(xs) == 0 {
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="lab">geen gegevens</text></svg>`, num(left), num(h/2))
		return b.String()
	}
	x0, x1, y1 := math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range xs {
		if !math.IsNaN(xs[i]) {
			x0, x1 = math.Min(x0, xs[i]), math.Max(x1, xs[i])
		}
		if !math.IsNaN(ys[i]) && !math.IsInf(ys[i], 0) {
			y1 = math.Max(y1, ys[i])
		}
	}
	// Whole years on the time axis.
	ya := time.Unix(int64(x0*86400), 0).UTC().Year()
	yb := time.Unix(int64(x1*86400), 0).UTC().Year() + 1
	x0 = float64(time.Date(ya, 1, 1, 0, 0, 0, 0, time.UTC).Unix()) / 86400
	x1 = float64(time.Date(yb, 1, 1, 0, 0, 0, 0, time.UTC).Unix()) / 86400
	a, bnd, step := axis(0, math.Max(y1, 0), 4)
	px := func(x float64) float64 { return r1(left + (x-x0)/(x1-x0)*(w-left-right)) }
	py := func(y float64) float64 { return r1(h - bottom - (y-a)/(bnd-a)*(h-bottom-top)) }
	for t := a; t <= bnd+step/2; t += step {
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="#e2e2e2"/>`, num(left), num(w-right), num(py(t)), num(py(t)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="tick" text-anchor="end">%s</text>`, num(left-6), num(py(t)+4), escapeText(format(t)))
	}
	every := 1 + (yb-ya)/10
	for y := ya; y <= yb; y += every {
		xt := px(float64(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix()) / 86400)
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="#bbb"/>`, num(xt), num(xt), num(h-bottom), num(h-bottom+4))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="tick" text-anchor="middle">%d</text>`, num(xt), num(h-bottom+17), y)
	}
	fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="#666"/>`, num(left), num(w-right), num(py(a)), num(py(a)))
	if path != nil {
		fmt.Fprintf(&b, `<path d="M%s %sL%s %s" stroke="#888" stroke-width="1.5" stroke-dasharray="6 4" fill="none"><title>lineair pad naar het doel</title></path>`,
			num(px(day(path[0].Date))), num(py(path[0].Value)), num(px(day(path[1].Date))), num(py(path[1].Value)))
	}
	if goal != nil {
		gx, gy := px(day(goal.Date)), py(goal.Value)
		fmt.Fprintf(&b, `<path d="M%s %sl7 7l-7 7l-7 -7z" fill="#d7191c"><title>doel: %s op %s</title></path>`, num(gx), num(gy-7), escapeText(format(goal.Value)), goal.Date)
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="val" text-anchor="end">doel %s</text>`, num(gx-10), num(gy-8), escapeText(format(goal.Value)))
	}
	var line strings.Builder
	for i, p := range pts {
		if math.IsNaN(day(p.Date)) {
			continue
		}
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&line, "%s%s %s", cmd, num(px(day(p.Date))), num(py(p.Value)))
	}
	if line.Len() > 0 {
		fmt.Fprintf(&b, `<path d="%s" stroke="#2b6cb0" stroke-width="2.5" fill="none"/>`, line.String())
	}
	for _, p := range pts {
		cx, cy := px(day(p.Date)), py(p.Value)
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="4.5" fill="#2b6cb0"><title>%s: %s</title></circle>`, num(cx), num(cy), p.Date, escapeText(format(p.Value)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="val" text-anchor="middle">%s</text>`, num(cx), num(cy-9), escapeText(format(p.Value)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
