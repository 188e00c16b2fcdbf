package scan

import (
	"bufio"
	"context"
	"fmt"
	"github.com/wijkwarmte/wijkwarmte/internal/dashboard"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kader"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Output file names in --out DIR.
const (
	outSummary      = "summary.json"
	outBuildingsPQ  = "buildings.parquet"
	outBuildingsGJ  = "buildings.geojson"
	outBuildingsRD  = "buildings_rd.geojson"
	outNetworkRD    = "network_rd.geojson"
	outNetworkPQ    = "network.parquet"
	outNetworkGJ    = "network.geojson"
	outGeoPackage   = "wijkwarmte.gpkg"
	outStartanalyse = "startanalyse.csv"
	outReport       = "report.html"
	outAnswers      = adres.FileName // the per-pand and per-address answers (wijkwarmte adres)
)

// toolName names the program in outputs.
const toolName = "wijkwarmte scan"

// buildSummary assembles the summary of a run (without its outputs list
// and timings) and keeps it in run.summary.
func buildSummary(c *Config, run *scanRun) *report.Summary {
	s := summaryOf(run.res, run.wijk)
	run.summary = s
	s.Tool = toolName
	s.Input.Files = run.files
	s.Input.WaterAreas = len(run.in.Water)
	if c.Select != nil {
		s.Input.PandenOutsideAreas = &run.outside
	}
	s.Input.Sources = len(run.in.Sources)
	if r := run.res.Network.Rules; r != nil {
		nr := &report.NetworkRules{File: c.NetworkRules, ForbiddenEdges: r.ForbiddenEdges, ForbiddenM: r.ForbiddenM,
			PreferredEdges: r.PreferredEdges, PreferredM: r.PreferredM, StreetRulesUnmatched: append([]string{}, r.StreetsUnmatched...),
			BuildingsRequired: r.Required, BuildingsRequiredConnected: r.RequiredConnected, RequiredNotConnected: []report.RequiredMiss{},
			BuildingsExcluded: r.Excluded, BAGIDsUnknown: len(r.UnknownIDs), UnknownBAGIDs: append([]string{}, r.UnknownIDs...)}
		for _, m := range r.RequiredNotConnected {
			nr.RequiredNotConnected = append(nr.RequiredNotConnected, report.RequiredMiss{ID: m.ID, Reason: m.Reason})
		}
		s.Network.Rules = nr
	}
	if c.Works != "" {
		n := &run.res.Network
		m, yr := n.WorksSharedM, n.WorksSavingEURPerYear
		s.Network.WorksSharedM, s.Network.WorksSavingEURYr = &m, &yr
		s.Network.Works = []report.Work{}
		for _, w := range n.Works {
			s.Network.Works = append(s.Network.Works, report.Work{ID: w.ID, Name: w.Name, Kind: string(w.Kind), Year: w.Year,
				InWindow: w.InWindow, SharedM: w.SharedM, SavingEUR: w.SavingEUR, SavingEURYr: w.SavingEURPerYear})
		}
	}
	if c.ExistingNetwork != "" {
		s.Network.Existing = existingOut(c, run)
	}
	if g := streetGraph(&run.res.Network); g != nil {
		s.Network.StreetGraph = g
		s.Network.StreetNodes, s.Network.StreetEdges, s.Network.Components = g.Nodes, g.Edges, g.Components
	}
	s.Params = report.ParamsInfo{Version: kosten.Version, File: c.ParamsFile, Overrides: run.params.Overridden(), Kentallen: orDefault(c.Kentallen, kosten.ProfileDefault)}
	s.Notes = append(slices.Clone(run.notes), s.Notes...)
	if s.Network.Option != "" {
		// wijkanalyse routes Result.Network at the MT design temperatures
		// (the LT options are priced on a second routing, NetworkLT).
		s.Network.SupplyC, s.Network.ReturnC = paramValue(run.params, "net.design.mt.supply"), paramValue(run.params, "net.design.mt.return")
	}
	assumedMT := wijkanalyse.MTSourceAssumed(run.in.Sources)
	if src := s.Network.Source; src != nil {
		if len(run.in.Sources) == 0 {
			src.Assumed = true
			src.Name = "zwaartepunt van de vraag"
			if assumedMT && run.res.Network.Option == wijkanalyse.OptionWarmtenetMT {
				src.Label = wijkanalyse.AssumedSourceLabel
			}
		} else {
			// The given source nearest to where the network is fed.
			best := -1.0
			for _, g := range run.in.Sources {
				d := math.Hypot(g.Point[0]-src.X, g.Point[1]-src.Y)
				if best < 0 || d < best {
					best, src.Name, src.Kind, src.CapacityKW = d, g.Name, g.Kind, g.CapacityKW
				}
			}
		}
	}
	for _, sc := range run.scenarios {
		s.Scenarios = append(s.Scenarios, report.Scenario{
			Name: sc.name, BestStrategy: sc.best, Overrides: sc.overrides, Strategies: sc.strategies,
		})
	}
	if run.robust != nil {
		s.Robustness = robustSummary(run.robust, s.Strategies)
	}
	s.Assessment = run.assess
	if assumedMT {
		// Say in every table that warmtenet MT is priced with an assumed
		// restwarmte source, not one the user gave.
		markAssumed(s.Strategies)
		for i := range s.Areas {
			markAssumed(s.Areas[i].Strategies)
		}
		for i := range s.Scenarios {
			markAssumed(s.Scenarios[i].Strategies)
		}
	}
	if len(s.Scenarios) > 0 {
		s.Params.Scenario = "basis (zonder scenario)"
		s.Scenarios = append([]report.Scenario{{Name: "basis", BestStrategy: s.BestStrategy, Overrides: []string{}, Strategies: s.Strategies}}, s.Scenarios...)
	}
	return s
}

// writeOutputs writes every output of run into c.Out as one set
// (internal/outset): into a staging folder beside it, switched in by one
// rename when every file is complete, so that a failure, an interrupt or a
// kill leaves the previous complete set as it was. A cancelled ctx stops
// the writing before the commit.
func writeOutputs(ctx context.Context, c *Config, run *scanRun, t0 time.Time, prog Progress) error {
	set, err := outset.Begin(c.Out)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer set.Close()
	s := buildSummary(c, run)
	outs := []string{outSummary, outBuildingsPQ, outNetworkPQ, outGeoPackage, outNetworkGJ, outStartanalyse, outReport, outAnswers}
	if c.GeoJSON {
		outs = append(outs, outBuildingsGJ)
	}
	if c.GeoJSONRD {
		outs = append(outs, outNetworkRD)
		if c.GeoJSON {
			outs = append(outs, outBuildingsRD)
		}
	}
	s.Outputs = append(slices.Clone(outs), outset.ManifestName)

	prog.Start("writing", len(outs), "files")
	defer prog.Finish()
	done := 0
	step := func(name string, t time.Time, err error) error {
		if err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(c.Out, name), err)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w while writing %s; the previous outputs there are unchanged: %w", errInterrupted, c.Out, context.Cause(ctx))
		}
		s.TimingsMS["write "+name] = float64(time.Since(t).Microseconds()) / 1000
		done++
		prog.Set(done, len(outs))
		return nil
	}
	path := set.Path

	t := time.Now()
	if err := step(outBuildingsPQ, t, writeBuildingsParquet(path(outBuildingsPQ), run.res)); err != nil {
		return err
	}
	t = time.Now()
	if err := step(outNetworkPQ, t, writeNetworkParquet(path(outNetworkPQ), run.res)); err != nil {
		return err
	}
	t = time.Now()
	if err := step(outGeoPackage, t, writeGeoPackage(path(outGeoPackage), run.res)); err != nil {
		return err
	}
	t = time.Now()
	if err := step(outNetworkGJ, t, set.WriteFile(outNetworkGJ, func(w *bufio.Writer) error {
		return writeNetworkGeoJSON(w, run.res, false)
	})); err != nil {
		return err
	}
	if c.GeoJSONRD {
		t = time.Now()
		if err := step(outNetworkRD, t, set.WriteFile(outNetworkRD, func(w *bufio.Writer) error {
			return writeNetworkGeoJSON(w, run.res, true)
		})); err != nil {
			return err
		}
	}
	if c.GeoJSON {
		t = time.Now()
		if err := step(outBuildingsGJ, t, set.WriteFile(outBuildingsGJ, func(w *bufio.Writer) error {
			return writeBuildingsGeoJSON(w, run.res, false)
		})); err != nil {
			return err
		}
		if c.GeoJSONRD {
			t = time.Now()
			if err := step(outBuildingsRD, t, set.WriteFile(outBuildingsRD, func(w *bufio.Writer) error {
				return writeBuildingsGeoJSON(w, run.res, true)
			})); err != nil {
				return err
			}
		}
	}
	t = time.Now()
	if err := step(outStartanalyse, t, set.WriteFile(outStartanalyse, func(w *bufio.Writer) error {
		cw := report.NewCSVWriter(w, c.CSV, ';')
		if err := report.WriteStartanalyse(cw, startanalyseBlocks(run, s)); err != nil {
			cw.Close()
			return err
		}
		return cw.Close()
	})); err != nil {
		return err
	}
	t = time.Now()
	answers := adres.FromResultLabels(run.res, run.in.Addresses, run.in.Labels, run.wijk) // answers.json and the report's map
	answers.MarkAssumedSources(slices.Sorted(maps.Keys(kader.AssumedSources(run.in.Sources))))
	if len(c.Kleinverbruik) > 0 {
		areas, areaOf := kleinverbruikAreas(run)
		kv, err := dashboard.Kleinverbruik(c.Kleinverbruik, answers, areas, areaOf)
		if err != nil {
			return err
		}
		s.Kleinverbruik = kv
	}
	if err := step(outAnswers, t, set.WriteFile(outAnswers, func(w *bufio.Writer) error {
		return answers.WriteJSON(w)
	})); err != nil {
		return err
	}
	t = time.Now()
	if err := step(outReport, t, set.WriteFile(outReport, func(w *bufio.Writer) error {
		return report.Render(w, reportPage(run, s, answers))
	})); err != nil {
		return err
	}
	// summary.json last, so that its timings cover the other files.
	for k, v := range run.timings {
		s.TimingsMS[k] = v
	}
	s.TimingsMS["total"] = float64(time.Since(t0).Microseconds()) / 1000
	s.Generated = t0.UTC().Format(time.RFC3339)
	if err := step(outSummary, time.Now(), set.WriteFile(outSummary, func(w *bufio.Writer) error {
		return s.WriteJSON(w)
	})); err != nil {
		return err
	}
	if err := set.Commit(); err != nil {
		return fmt.Errorf("writing %s: %w", c.Out, err)
	}
	return nil
}

// kleinverbruikAreas are the scan's buurten (with --areas) for the
// kleinverbruik per buurt, and each pand's buurt by the rule the per-area
// summaries use (wijkanalyse.AreaMembers).
func kleinverbruikAreas(run *scanRun) ([]dashboard.Area, dashboard.AreaOf) {
	if len(run.in.Areas) == 0 {
		return nil, nil
	}
	var areas []dashboard.Area
	of := map[string]int{}
	for k, members := range wijkanalyse.AreaMembers(run.res.Buildings, run.in.Areas) {
		a := run.in.Areas[k]
		if members == nil {
			continue // no polygon: not aggregated either
		}
		for _, i := range members {
			if _, ok := of[run.res.Buildings[i].ID]; !ok {
				of[run.res.Buildings[i].ID] = len(areas)
			}
		}
		areas = append(areas, dashboard.Area{Code: a.Code, Name: a.Name})
	}
	return areas, func(id string) int {
		if k, ok := of[id]; ok {
			return k
		}
		return -1
	}
}

// markAssumed marks the warmtenet MT strategy (and "mixed" when its
// network is MT) as priced with an assumed restwarmte source: source_label
// in summary.json, and the MT label in the report and CSV (short enough
// for the chart labels).
func markAssumed(sts []report.Strategy) {
	for i := range sts {
		st := &sts[i]
		if st.Name == string(wijkanalyse.OptionWarmtenetMT) || st.NetworkOption == string(wijkanalyse.OptionWarmtenetMT) {
			st.SourceLabel = wijkanalyse.AssumedSourceLabel
		}
		if st.Name == string(wijkanalyse.OptionWarmtenetMT) {
			st.Label = "S2a Warmtenet MT (aangen. bron)"
		}
	}
}

// startanalyseBlocks are the areas of startanalyse.csv: one per buurt
// when --areas was given, else the whole wijk.
func startanalyseBlocks(run *scanRun, s *report.Summary) []report.AreaStrategies {
	if len(run.in.Areas) == 0 {
		return []report.AreaStrategies{{Area: report.Area{Name: run.wijk}, Strategies: s.Strategies}}
	}
	gemeente := map[string]string{} // area code -> CBS gemeentenaam of the areas file
	for _, a := range run.in.Areas {
		if a.Gemeente != "" {
			gemeente[a.Code] = a.Gemeente
		}
	}
	var out []report.AreaStrategies
	for _, a := range s.Areas {
		out = append(out, report.AreaStrategies{Area: report.Area{Code: a.Code, Name: a.Name, Gemeente: gemeente[a.Code]}, Strategies: a.Strategies})
	}
	return out
}

// reportPage builds the report page of a run.
func reportPage(run *scanRun, s *report.Summary, answers *adres.Index) *report.Page {
	p := pageOf(run.res, s, run.streets, run.water)
	pandInfos(answers, p.Buildings)
	p.Title = "Wijkanalyse " + run.wijk
	year := s.Year
	p.Subtitle = fmt.Sprintf("Warmte-opties en kosten voor %s panden, doorgerekend met basisjaar %d.", nlInt(s.Input.BuildingsUsed), year)
	p.Attribution = "Bronnen: " + strings.Join(sortedFiles(run.files), "; ") + "."
	if run.files["buildings"] == demo.FileName {
		p.Attribution += " " + demo.Attribution + "."
	}
	p.Attribution += " Kostenkentallen: PBL Vesta MAIS en andere open modellen, zie de parametertabel."
	p.Params, p.ParamNotes = paramRows(run.params, year, run.files["existing_network"] != "")
	for _, a := range run.in.Areas {
		p.Outlines = append(p.Outlines, report.Outline{Name: a.Name, Geometry: a.Geometry})
	}
	if len(run.in.Sources) > 0 { // the given sources, by name, instead of the bare feed point
		p.Sources = p.Sources[:0]
		for _, src := range run.in.Sources {
			p.Sources = append(p.Sources, report.Marker{Point: src.Point, Name: src.Name})
		}
	}
	return p
}

// sortedFiles lists the input files for the report's sources line, each
// after its role in Dutch ("gebouwen (panden): bag.gpkg").
func sortedFiles(files map[string]string) []string {
	var out []string
	for k, v := range files {
		out = append(out, orDefault(words[k], k)+": "+v)
	}
	slices.Sort(out)
	return out
}

// maxParamGroup is the largest group of parameters (by the first part of
// their name) the report lists row by row; larger source tables are named
// in a note instead.
const maxParamGroup = 200

// paramRows lists the cost parameters for the report: year series only
// for the year of the scan, large source tables (such as Vesta's dwelling
// table) as a note. The tolerance of an existing network (net.existing.*)
// is listed only when one was given (existing), as it is used only then.
// Overridden parameters are always listed.
func paramRows(p *kosten.Params, year int, existing bool) ([]report.Param, []string) {
	over := map[string]bool{}
	for _, n := range p.Overridden() {
		over[n] = true
	}
	all := p.All()
	groups := map[string][]kosten.Param{}
	var order []string
	skippedYears := 0
	for _, q := range all {
		if y, ok := yearOf(q.Name); ok && y != year && !over[q.Name] {
			skippedYears++
			continue
		}
		if !existing && strings.HasPrefix(q.Name, "net.existing.") && !over[q.Name] {
			continue
		}
		g, _, _ := strings.Cut(q.Name, ".")
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], q)
	}
	var out []report.Param
	var notes []string
	for _, g := range order {
		qs := groups[g]
		if len(qs) > maxParamGroup {
			srcs := map[string]bool{}
			for _, q := range qs {
				if over[q.Name] {
					out = append(out, paramRow(q, true))
				}
				src, _, _ := strings.Cut(q.Source, " column ")
				srcs[src] = true
			}
			notes = append(notes, fmt.Sprintf("De tabel %s.* (%d kentallen per type en bouwperiode; bron: %s) staat niet regel voor regel in dit rapport; 'wijkwarmte params' toont alle waarden.",
				g, len(qs), strings.Join(slices.Sorted(maps.Keys(srcs)), "; ")))
			continue
		}
		for _, q := range qs {
			out = append(out, paramRow(q, over[q.Name]))
		}
	}
	if skippedYears > 0 {
		notes = append(notes, fmt.Sprintf("Jaarreeksen (energieprijzen, CO2-factoren) staan hier alleen voor %d; de andere %d jaarwaarden staan in 'wijkwarmte params'.", year, skippedYears))
	}
	return out, notes
}

func paramRow(q kosten.Param, overridden bool) report.Param {
	r := report.Param{
		Name: q.Name, Value: q.Value, Min: q.Min, Max: q.Max, Unit: string(q.Unit),
		PriceYear: q.PriceYear, Source: q.Source, Overridden: overridden,
	}
	if q.Min == q.Value && q.Max == q.Value {
		r.Min, r.Max = nan(), nan()
	}
	return r
}

// yearOf returns the calendar year in a parameter name such as
// "co2.electricity.2030" or "price.gas.KG.2030.commodity".
func yearOf(name string) (int, bool) {
	for _, part := range strings.Split(name, ".") {
		if len(part) == 4 {
			if y, err := strconv.Atoi(part); err == nil && y >= 2000 && y <= 2100 {
				return y, true
			}
		}
	}
	return 0, false
}

// paramValue is the value of the named parameter; NaN (null in
// summary.json) when the set lacks it.
func paramValue(p *kosten.Params, name string) float64 {
	v, err := p.Get(name)
	if err != nil {
		return math.NaN()
	}
	return v.Value
}
