// Package dashboard compares several scan output folders of one area made
// at different times (wijkwarmte compare): the indicators over time (labels
// by class, dwellings by best option, national cost and CO2 of the
// preferred strategy, connections to the warmtenet) against the goals of
// the municipality's kader, and the netbeheerders' kleinverbruik figures
// (gas connections per postcode range and year: dwellings already off gas;
// mean gas use beside the modelled use as a calibration check). It writes
// dashboard.html and dashboard.json as one output set (internal/outset).
//
// Dates are days (YYYY-MM-DD, UTC). Costs are EUR per year in the price
// year of each scan's parameters, CO2 in tonnes per year, gas in m3 per
// year.
package dashboard

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kader"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Files of the output set.
const (
	HTMLName = "dashboard.html"
	JSONName = "dashboard.json"
)

// ErrInput is wrapped by every error about the runs or options given.
var ErrInput = errors.New("dashboard")

// ScheduleRule says in Dutch when a goal is on schedule; dashboard.json
// and the page carry it.
const ScheduleRule = "Een doel ligt op schema als de laatste meting minstens op het rechte pad ligt van de eerste meting (de nulmeting: de oudste scan, of voor woningen van het aardgas af het oudste kleinverbruikbestand) naar de doelwaarde op 31 december van het doeljaar: verwacht op datum t is nulmeting + (doel − nulmeting) × (t − datum nulmeting) / (31 december doeljaar − datum nulmeting). Gehaald: de laatste meting is minstens de doelwaarde. Niet gehaald: 31 december van het doeljaar is voorbij en de doelwaarde is niet bereikt. Met één meting (of alleen metingen van één datum) is er alleen een nulmeting en nog geen oordeel. Een percentage is een aandeel van de woningen van de scan van die datum (bij het kleinverbruik: van de nieuwste scan)."

// Options are what compare takes besides the run folders.
type Options struct {
	// Dates, when given, are the runs' dates (YYYY-MM-DD), one per run in
	// the order of the folders; otherwise each run is dated by the day
	// it was made (summary.json generated).
	Dates []string
	// Kader supplies the goals (nil: no goals).
	Kader *kader.Kader
	// Kleinverbruik are netbeheerders' kleinverbruik files, one per year
	// (the year read from the file name).
	Kleinverbruik []string
	// Classes colour the charts (internal/scan's label and option
	// classes); optional.
	LabelClasses, OptionClasses []report.Class
}

// run is one scan output folder, loaded.
type run struct {
	info  report.DashboardRun
	name  string   // the area's name (summary.json wijk)
	codes []string // its buurt codes, sorted
	area  string   // name and codes, for the same-area check
	index *adres.Index
}

// Build loads the run folders and computes the dashboard. Every folder
// must be a complete output set (its manifest verifies) of the same area;
// at least two are needed.
func Build(dirs []string, o Options) (*report.Dashboard, error) {
	if len(dirs) < 2 {
		return nil, fmt.Errorf("%w: compare needs two or more scan output folders, got %d", ErrInput, len(dirs))
	}
	if o.Dates != nil && len(o.Dates) != len(dirs) {
		return nil, fmt.Errorf("%w: --dates gives %d dates for %d folders", ErrInput, len(o.Dates), len(dirs))
	}
	runs := make([]*run, len(dirs))
	for i, dir := range dirs {
		date := ""
		if o.Dates != nil {
			date = o.Dates[i]
		}
		r, err := loadRun(dir, date)
		if err != nil {
			return nil, err
		}
		if i > 0 && !sameArea(r, runs[0]) {
			return nil, fmt.Errorf("%w: %s is a scan of %s, %s of %s; compare takes scans of one area", ErrInput,
				dir, r.area, dirs[0], runs[0].area)
		}
		runs[i] = r
	}
	slices.SortStableFunc(runs, func(a, b *run) int { return strings.Compare(a.info.Date, b.info.Date) })
	d := &report.Dashboard{Format: report.DashboardFormat, Version: report.DashboardVersion,
		Wijk: runs[0].name, Areas: runs[0].codes, ScheduleRule: ScheduleRule, Goals: []report.GoalStatus{}, Notes: []string{},
		LabelClasses: o.LabelClasses, OptionClasses: o.OptionClasses}
	for _, r := range runs {
		d.Runs = append(d.Runs, r.info)
	}
	d.Indicators = runSeries(d.Runs)
	if len(o.Kleinverbruik) > 0 {
		kv, err := Kleinverbruik(o.Kleinverbruik, runs[len(runs)-1].index, nil, nil)
		if err != nil {
			return nil, err
		}
		d.Kleinverbruik = kv
		s := report.Series{Indicator: "dwellings_off_gas", Label: kader.IndicatorLabel("dwellings_off_gas") + " (kleinverbruik)", Unit: "woningen"}
		for i, y := range kv.Years {
			s.Points = append(s.Points, report.SeriesPoint{Date: y.Date, Value: float64(y.OffGas), Source: kv.Files[i].File})
		}
		d.Indicators = append(d.Indicators, s)
	}
	if o.Kader != nil {
		d.Kader = o.Kader.File
		for _, g := range o.Kader.Goals {
			d.Goals = append(d.Goals, assess(d, g))
		}
	}
	d.Notes = notes(d)
	return d, nil
}

// Write writes dashboard.json and dashboard.html into out as one output
// set: a reader sees the previous set or the new one, never a mix.
func Write(out string, d *report.Dashboard) error {
	set, err := outset.Begin(out)
	if err != nil {
		return err
	}
	defer set.Close()
	if err := set.WriteFile(JSONName, func(w *bufio.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(d)
	}); err != nil {
		return fmt.Errorf("%s: %w", JSONName, err)
	}
	if err := set.WriteFile(HTMLName, func(w *bufio.Writer) error { return report.RenderDashboard(w, d) }); err != nil {
		return fmt.Errorf("%s: %w", HTMLName, err)
	}
	return set.Commit()
}

// loadRun reads one output folder: it must verify against its manifest
// and hold summary.json and answers.json.
func loadRun(dir, date string) (*run, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%w: %s: not a folder (want a scan output folder, wijkwarmte scan --out DIR)", ErrInput, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, outset.ManifestName)); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s: no %s: not a finished scan's output folder", ErrInput, dir, outset.ManifestName)
	}
	if err := outset.Verify(dir); err != nil {
		return nil, fmt.Errorf("%w: %s: not a complete output set: %v", ErrInput, dir, err)
	}
	path := filepath.Join(dir, "summary.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: no summary.json: not a scan's output folder", ErrInput, dir)
	}
	var head struct {
		Tool string `json:"tool"`
	}
	if err := json.Unmarshal(b, &head); err == nil && head.Tool == "wijkwarmte batch" {
		return nil, fmt.Errorf("%w: %s: the output of wijkwarmte batch, not of a scan; compare reads the --out folders of wijkwarmte scan", ErrInput, dir)
	}
	var s report.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInput, path, err)
	}
	ix, err := adres.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	r := &run{index: ix}
	ri := &r.info
	ri.Dir, ri.Generated, ri.Tool = dir, s.Generated, s.Tool
	ri.Date, ri.DateSource = date, "dates"
	if date != "" {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			return nil, fmt.Errorf("%w: --dates: %q (for %s) is not a date YYYY-MM-DD", ErrInput, date, dir)
		}
	} else {
		t, err := time.Parse(time.RFC3339, s.Generated)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: generated %q is not an RFC 3339 time; give the run's date with --dates", ErrInput, path, s.Generated)
		}
		ri.Date, ri.DateSource = t.UTC().Format(time.DateOnly), "generated"
	}
	ri.Panden, ri.Dwellings = s.Input.BuildingsUsed, s.Stock.Dwellings
	ri.ByLabel = nonNil(s.Stock.ByLabel)
	ri.LabelSource = nonNil(s.Stock.LabelSource)
	ri.LabelsRead = s.Input.LabelsRead
	for l, n := range ri.ByLabel {
		if bOrBetter(l) {
			ri.LabelBOrBetter += n
		}
	}
	ri.ByBestOption = map[string]int{}
	for i := range ix.Len() {
		a := &ix.Pand(i).Answer
		if a.Dwellings > 0 {
			ri.ByBestOption[a.Best] += a.Dwellings
		}
		if a.Network.Connected {
			ri.WarmtenetConnections += max(a.Dwellings, 1)
		}
	}
	ri.NetworkOption = s.Network.Option
	ri.Strategy, ri.StrategyBasis = s.BestStrategy, "national"
	if s.Assessment != nil && s.Assessment.Preferred != "" {
		ri.Strategy, ri.StrategyBasis = s.Assessment.Preferred, "kader"
	}
	ri.StrategyLabel = ri.Strategy
	if l, ok := wijkanalyse.DisplayNames()[ri.Strategy]; ok {
		ri.StrategyLabel = l
	}
	for _, st := range s.Strategies {
		if st.Name == ri.Strategy {
			ri.NationalCostEURPerYear, ri.CO2AvoidedTPerYear = st.NationalCostEURPerYear, st.CO2AvoidedTPerYear
			if st.Label != "" {
				ri.StrategyLabel = st.Label
			}
		}
	}
	r.name, r.codes = areaOfSummary(&s)
	r.area = fmt.Sprintf("%q", r.name)
	if len(r.codes) > 0 {
		r.area += " (buurten " + strings.Join(r.codes, ", ") + ")"
	}
	return r, nil
}

// sameArea reports whether two runs scanned one area: the same buurten
// when both were scanned with areas (their names come from the buildings
// file's name, and a newer BAG file has another), else the same name.
func sameArea(a, b *run) bool {
	if len(a.codes) > 0 && len(b.codes) > 0 {
		return slices.Equal(a.codes, b.codes)
	}
	return a.area == b.area
}

// areaOfSummary is the area's name and its sorted buurt codes.
func areaOfSummary(s *report.Summary) (string, []string) {
	var codes []string
	for _, a := range s.Areas {
		if a.Code != "" && !a.Outside {
			codes = append(codes, a.Code)
		}
	}
	slices.Sort(codes)
	if codes == nil {
		codes = []string{}
	}
	return s.Wijk, codes
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// bOrBetter reports whether an energy label is B or better.
func bOrBetter(l string) bool {
	return l == "B" || strings.HasPrefix(l, "A")
}

// runSeries are the indicators the runs measure, in a fixed order.
func runSeries(runs []report.DashboardRun) []report.Series {
	defs := []struct {
		ind, label, unit string
		get              func(*report.DashboardRun) float64
	}{
		{"dwellings", "woningen", "woningen", func(r *report.DashboardRun) float64 { return float64(r.Dwellings) }},
		{"dwellings_label_b_or_better", kader.IndicatorLabel("dwellings_label_b_or_better"), "woningen", func(r *report.DashboardRun) float64 { return float64(r.LabelBOrBetter) }},
		{"warmtenet_connections", kader.IndicatorLabel("warmtenet_connections") + " (gemodelleerd)", "aansluitingen", func(r *report.DashboardRun) float64 { return float64(r.WarmtenetConnections) }},
		{"national_cost_eur_per_year", "nationale kosten van de voorkeursstrategie", "€ per jaar", func(r *report.DashboardRun) float64 { return r.NationalCostEURPerYear }},
		{"co2_avoided_t_per_year", "vermeden CO₂ van de voorkeursstrategie", "ton per jaar", func(r *report.DashboardRun) float64 { return r.CO2AvoidedTPerYear }},
	}
	var out []report.Series
	for _, def := range defs {
		s := report.Series{Indicator: def.ind, Label: def.label, Unit: def.unit}
		for i := range runs {
			s.Points = append(s.Points, report.SeriesPoint{Date: runs[i].Date, Value: def.get(&runs[i]), Source: runs[i].Dir})
		}
		out = append(out, s)
	}
	return out
}

// assess judges one goal against its indicator's series (ScheduleRule).
func assess(d *report.Dashboard, g kader.Goal) report.GoalStatus {
	gs := report.GoalStatus{Indicator: g.Indicator, Label: kader.IndicatorLabel(g.Indicator), Year: g.Year, Value: g.Value,
		Percent: g.Percent, Line: g.Line, Deadline: fmt.Sprintf("%04d-12-31", g.Year), Unit: "woningen", Points: []report.SeriesPoint{}}
	if g.Indicator == "warmtenet_connections" {
		gs.Unit = "aansluitingen"
	}
	if g.Percent {
		gs.Unit = "%"
	}
	for _, s := range d.Indicators {
		if s.Indicator == g.Indicator {
			gs.Points = append(gs.Points, s.Points...)
		}
	}
	if g.Percent {
		for i, p := range gs.Points {
			base := d.Runs[len(d.Runs)-1].Dwellings
			for _, r := range d.Runs {
				if r.Date == p.Date {
					base = r.Dwellings
				}
			}
			if base > 0 {
				gs.Points[i].Value = 100 * p.Value / float64(base)
			}
		}
	}
	unit := func(x float64) string {
		if g.Percent {
			return nl(x, 1) + " %"
		}
		return nl(x, 0)
	}
	goal := fmt.Sprintf("Doel %d: %s %s (regel %d van het kader)", g.Year, unit(g.Value), gs.Label, g.Line)
	if g.Indicator == "warmtenet_connections" {
		// The scans give the modelled network, not what is built.
		goal += ", gemeten aan het doorgerekende net van elke scan (geen gerealiseerde aansluitingen)"
	}
	if len(gs.Points) == 0 {
		gs.Status, gs.StatusLabel = report.GoalNoData, "niet gemeten"
		why := "de scans meten deze indicator niet"
		if g.Indicator == "dwellings_off_gas" {
			why = "geef de kleinverbruikbestanden van de netbeheerder mee met --kleinverbruik"
		}
		gs.Sentence = goal + ": niet te beoordelen; " + why + "."
		return gs
	}
	first, last := gs.Points[0], gs.Points[len(gs.Points)-1]
	gs.Baseline, gs.Latest = &first, &last
	t0, _ := time.Parse(time.DateOnly, first.Date)
	t, _ := time.Parse(time.DateOnly, last.Date)
	deadline, _ := time.Parse(time.DateOnly, gs.Deadline)
	stand := fmt.Sprintf("nulmeting %s: %s; laatste meting %s: %s", first.Date, unit(first.Value), last.Date, unit(last.Value))
	if t.After(t0) && deadline.After(t0) && !t.After(deadline) {
		e := first.Value + (g.Value-first.Value)*t.Sub(t0).Hours()/deadline.Sub(t0).Hours()
		e = math.Round(e*100) / 100
		gs.Expected = &e
	}
	switch {
	case last.Value >= g.Value:
		gs.Status, gs.StatusLabel = report.GoalReached, "gehaald"
		gs.Sentence = fmt.Sprintf("%s: gehaald (%s).", goal, stand)
	case t.After(deadline):
		gs.Status, gs.StatusLabel = report.GoalMissed, "niet gehaald"
		gs.Sentence = fmt.Sprintf("%s: niet gehaald; het doeljaar is voorbij (%s).", goal, stand)
	case len(gs.Points) == 1 || gs.Expected == nil:
		gs.Status, gs.StatusLabel = report.GoalBaselineOnly, "alleen nulmeting"
		gs.Sentence = fmt.Sprintf("%s: alleen een nulmeting (%s); een volgende meting laat zien of de wijk op schema ligt.", goal, stand)
	case last.Value >= *gs.Expected:
		gs.Status, gs.StatusLabel = report.GoalOnSchedule, "op schema"
		gs.Sentence = fmt.Sprintf("%s: op schema (%s; volgens het rechte pad naar het doel %s).", goal, stand, unit(*gs.Expected))
	default:
		gs.Status, gs.StatusLabel = report.GoalBehind, "achter op schema"
		short := unit(*gs.Expected - last.Value)
		if g.Percent {
			short = nl(*gs.Expected-last.Value, 1) + " procentpunt"
		}
		gs.Sentence = fmt.Sprintf("%s: achter op schema (%s; volgens het rechte pad naar het doel %s, dus %s te weinig).", goal, stand, unit(*gs.Expected), short)
	}
	return gs
}

// notes are the caveats a reader needs.
func notes(d *report.Dashboard) []string {
	var out []string
	dates := map[string]int{}
	generated := false
	for _, r := range d.Runs {
		dates[r.Date]++
		generated = generated || r.DateSource == "generated"
		if r.LabelSource["ep-online"] == 0 {
			out = append(out, fmt.Sprintf("De scan %s (%s) heeft geen EP-Online-labels: alle labels zijn standaardlabels naar bouwjaar en woningtype, geen gemeten stand.", r.Dir, r.Date))
		}
	}
	if generated {
		out = append(out, "Scans zonder --dates zijn gedateerd op de dag dat ze zijn gemaakt; geef met --dates de datum van de gegevens (bijvoorbeeld van de EP-Online-export) als die anders is.")
	}
	for _, r := range d.Runs {
		if n := dates[r.Date]; n > 1 {
			out = append(out, fmt.Sprintf("%d scans hebben dezelfde datum %s: over de tijd zegt hun verschil niets; geef hun datums met --dates.", n, r.Date))
			dates[r.Date] = 0
		}
	}
	out = append(out, "Aansluitingen op het warmtenet zijn de aansluitingen van het gemodelleerde net van elke scan (aangesloten woningen, een per pand zonder woningen), geen gerealiseerde aansluitingen.")
	return out
}

func nl(x float64, dec int) string { return report.NL(x, dec) }
