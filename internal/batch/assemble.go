package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kader"
)

// Summary is the batch's summary.json.
type Summary struct {
	Tool   string         `json:"tool"`
	Input  Input          `json:"input"`
	Status map[string]int `json:"status"` // buurten per status
	// Totals over the buurten with status ok.
	Totals     Totals             `json:"totals"`
	Gemeenten  []Gemeente         `json:"gemeenten"`
	Failed     []Failure          `json:"failed"`
	Strategies []string           `json:"strategies"`
	Outputs    []string           `json:"outputs"`
	TimingsMS  map[string]float64 `json:"timings_ms"`
	Generated  string             `json:"generated"`
}

// Input counts what was read. Every pand of the buildings file is in some
// buurt, outside every buurt, or without a footprint (read in no buurt,
// skipped under geodata.SkipNoGeometry before the buurten):
// buildings_read = panden_in_areas + panden_outside_areas +
// panden_without_geometry, and panden_in_areas = buildings_used +
// sum(skipped), the skips in the buurten under their reasons.
type Input struct {
	Files              map[string]string `json:"files"`
	AreasRead          int               `json:"areas_read"`
	Buurten            int               `json:"buurten"`
	BuildingsRead      *int              `json:"buildings_read"` // rows of the pand layer; null when the format cannot tell
	BuildingsUsed      int               `json:"buildings_used"`
	PandenInAreas      int               `json:"panden_in_areas"`
	PandenOutsideAreas *int              `json:"panden_outside_areas"`
	// PandenWithoutGeometry: rows of the pand layer with a NULL or empty
	// footprint; no area's bound holds them (null when BuildingsRead is).
	PandenWithoutGeometry *int           `json:"panden_without_geometry"`
	Skipped               map[string]int `json:"skipped"`
	// CountNote says, when BuildingsRead is null, why: the format has no
	// row count to read without decoding the whole file (GeoJSON, OSM PBF),
	// so only the second half of the account (panden_in_areas =
	// buildings_used + skipped) can be checked.
	CountNote string `json:"count_note,omitempty"`
}

// Totals add up the buurten that were scanned.
type Totals struct {
	Panden       int     `json:"panden"`
	Dwellings    int     `json:"dwellings"`
	HeatDemandGJ float64 `json:"heat_demand_gj"`
	TrenchM      float64 `json:"trench_m"`
	Connected    int     `json:"connected"`
	// ExistingReusedM and ExistingSavingEURYr (with --existing-network
	// only) add up the buurten's network.existing reused_m, m, and
	// saving_eur_yr, EUR per year.
	ExistingReusedM     *float64 `json:"existing_reused_m,omitempty"`
	ExistingSavingEURYr *float64 `json:"existing_saving_eur_yr,omitempty"`
}

// Gemeente totals one gemeente's buurten.
type Gemeente struct {
	Code      string         `json:"gemeentecode"`
	Name      string         `json:"gemeentenaam"`
	Buurten   int            `json:"buurten"`
	Status    map[string]int `json:"status"`
	Totals    Totals         `json:"totals"`
	BestCount map[string]int `json:"best_strategy_buurten"` // strategy -> buurten where it is the cheapest
	// KaderCount (--kader): strategy -> buurten where the kader prefers
	// it; "" counts the buurten where no strategy meets the kader's limits.
	KaderCount map[string]int `json:"kader_preferred_buurten,omitempty"`
}

// Failure is a buurt that failed, with its reason.
type Failure struct {
	Buurtcode string `json:"buurtcode"`
	Buurtnaam string `json:"buurtnaam"`
	Reason    string `json:"reason"`
}

func (s *Summary) writeJSON(w *bufio.Writer) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// assemble writes what is left of the gemeenten's files (g.writeRest:
// those not written while the buurten were scanned) and then the tables
// and the report. The gemeenten read every buurt's record back from the
// staging (the same path for a fresh and a resumed run, so that both
// write the same bytes).
func assemble(ctx context.Context, c Config, set *outset.Set, areas []geodata.Area, areaRep geodata.Report, count *pandCounter, g *gemeenten) (*Summary, error) {
	// What is held per buurt until the end is a row's worth (slim): each
	// gemeente's files are written from the full records, which are then
	// kept slim in g.recs.
	if err := g.writeRest(ctx); err != nil {
		return nil, err
	}
	recs, gmOrder := g.recs, g.order
	var names []string
	for k, code := range gmOrder {
		if g.startanalyse[k] {
			names = append(names, "startanalyse/"+orUnknown(code)+".csv")
		}
	}
	sum := &Summary{Tool: "wijkwarmte batch", Status: map[string]int{}, Failed: []Failure{}}
	sum.Input.Files = map[string]string{"areas": c.Areas}
	for k, v := range map[string]string{"buildings": c.Scan.Buildings, "verblijfsobjecten": c.Scan.VBO, "addresses": c.Scan.Addresses,
		"labels": c.Scan.Labels, "streets": c.Scan.Streets, "water": c.Scan.Water, "sources": c.Scan.Sources} {
		if v != "" {
			sum.Input.Files[k] = v
		}
	}
	sum.Input.AreasRead, sum.Input.Buurten = areaRep.Read, len(areas)
	sum.Input.Skipped = map[string]int{}
	gms := map[string]*Gemeente{}
	for _, r := range recs {
		sum.Status[r.Status]++
		a := r.Area
		g := gms[a.GemeenteCode]
		if g == nil {
			g = &Gemeente{Code: a.GemeenteCode, Name: a.Gemeente, Status: map[string]int{}, BestCount: map[string]int{}}
			gms[a.GemeenteCode] = g
		}
		g.Buurten++
		g.Status[r.Status]++
		if r.Status == StatusFailed {
			sum.Failed = append(sum.Failed, Failure{a.Code, a.Name, r.Reason})
		}
		s := r.Summary
		if s == nil {
			continue
		}
		sum.Input.BuildingsUsed += s.Input.BuildingsUsed
		sum.Input.PandenInAreas += s.Input.BuildingsRead
		for k, v := range s.Input.Skipped {
			sum.Input.Skipped[k] += v
		}
		t := Totals{Panden: s.Input.BuildingsUsed, Dwellings: s.Stock.Dwellings, HeatDemandGJ: s.Stock.HeatDemandGJ,
			TrenchM: s.Network.TrenchM, Connected: s.Network.Connected}
		if e := s.Network.Existing; e != nil {
			t.ExistingReusedM, t.ExistingSavingEURYr = &e.ReusedM, &e.SavingEURYr
		}
		sum.Totals.add(t)
		g.Totals.add(t)
		if s.BestStrategy != "" {
			g.BestCount[s.BestStrategy]++
		}
		if s.Assessment != nil {
			if g.KaderCount == nil {
				g.KaderCount = map[string]int{}
			}
			g.KaderCount[s.Assessment.Preferred]++
		}
		for _, st := range s.Strategies {
			if !slices.Contains(sum.Strategies, st.Name) {
				sum.Strategies = append(sum.Strategies, st.Name)
			}
		}
	}
	if sum.Strategies == nil {
		sum.Strategies = []string{}
	}
	for _, code := range gmOrder {
		sum.Gemeenten = append(sum.Gemeenten, *gms[code])
	}
	if pc, ok := count.result(); ok {
		n, nogeom := pc.Rows, pc.WithoutGeometry
		out := n - nogeom - sum.Input.PandenInAreas
		sum.Input.BuildingsRead, sum.Input.PandenOutsideAreas, sum.Input.PandenWithoutGeometry = &n, &out, &nogeom
	} else if c.Scan.Buildings != "" {
		sum.Input.CountNote = unknownCountNote
	}

	if err := writeBuurtenParquet(set, recs, sum.Strategies); err != nil {
		return nil, fmt.Errorf("batch: buurten.parquet: %w", err)
	}
	if err := writeBuurtenGPKG(set, recs, sum.Strategies); err != nil {
		return nil, fmt.Errorf("batch: buurten.gpkg: %w", err)
	}
	outs := append([]string{"buurten.parquet", "buurten.gpkg"}, names...)
	if err := set.WriteFile("report.html", func(w *bufio.Writer) error { return writeReport(w, sum, recs) }); err != nil {
		return nil, fmt.Errorf("batch: report.html: %w", err)
	}
	sum.Outputs = append(outs, "report.html", "summary.json", "buildings/", outset.ManifestName)
	return sum, nil
}

// gemeenten writes every gemeente's buildings part (the concatenation of
// its buurten's staged parts) and its startanalyse file from the records
// of its buurten, and keeps each record slim in recs, its polygon the
// area's. A gemeente is written as soon as the last of its buurten still
// to do in this run is committed (done), on the worker that committed it,
// so that the files are written while the other worker goes on scanning
// instead of all at the end: on the whole country that was 93 s at the
// end of the batch (benchmarks/README.md, "The third session of 7 Dec").
// Those whose buurten were all committed by an earlier run are written
// by writeRest. Each file is its gemeente's alone and is made from the
// records in the staging, so the bytes do not depend on when or in which
// order the gemeenten are written, and a gemeente's full records are held
// only while its files are written.
type gemeenten struct {
	c     Config
	set   *outset.Set
	areas []geodata.Area
	order []string // the gemeentecodes, sorted
	of    []int    // areas index -> index in order
	byGM  [][]int  // per gemeente its buurten's indices in areas, in areas order
	// pending counts per gemeente its buurten not yet committed in this run.
	pending []atomic.Int32
	recs    []record
	// written and startanalyse are set by the goroutine that writes the
	// gemeente and read after the workers are done.
	written, startanalyse []bool
}

// newGemeenten groups areas by gemeente; todo are the buurten this run
// scans (indices in areas).
func newGemeenten(c Config, set *outset.Set, areas []geodata.Area, todo []int) *gemeenten {
	g := &gemeenten{c: c, set: set, areas: areas, of: make([]int, len(areas)), recs: make([]record, len(areas))}
	at := map[string]int{}
	for _, a := range areas {
		if _, ok := at[a.GemeenteCode]; !ok {
			at[a.GemeenteCode] = 0
			g.order = append(g.order, a.GemeenteCode)
		}
	}
	slices.Sort(g.order)
	for k, code := range g.order {
		at[code] = k
	}
	g.byGM = make([][]int, len(g.order))
	for i, a := range areas {
		k := at[a.GemeenteCode]
		g.of[i] = k
		g.byGM[k] = append(g.byGM[k], i)
	}
	g.pending = make([]atomic.Int32, len(g.order))
	for _, i := range todo {
		g.pending[g.of[i]].Add(1)
	}
	g.written, g.startanalyse = make([]bool, len(g.order)), make([]bool, len(g.order))
	return g
}

// done is told that buurt i (an index in areas) is committed; when it is
// the last of its gemeente in this run, it writes the gemeente's files.
func (g *gemeenten) done(ctx context.Context, i int) error {
	k := g.of[i]
	if g.pending[k].Add(-1) != 0 || ctx.Err() != nil {
		return nil
	}
	return g.write(k)
}

// writeRest writes the gemeenten not yet written, c.Workers at a time.
func (g *gemeenten) writeRest(ctx context.Context) error {
	var rest []int
	for k := range g.order {
		if !g.written[k] {
			rest = append(rest, k)
		}
	}
	workers := max(1, g.c.Workers)
	errs := make([]error, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j := int(next.Add(1) - 1)
				if j >= len(rest) {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				if err := g.write(rest[j]); err != nil {
					errs[w] = err
					next.Store(int64(len(rest))) // the others stop after their gemeente
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// write writes gemeente k's files.
func (g *gemeenten) write(k int) error {
	c, set, areas := g.c, g.set, g.areas
	code := g.order[k]
	var parts []string
	var blocks []report.AreaStrategies
	for _, i := range g.byGM[k] {
		a := areas[i]
		r, err := readRecord(set, a.Code)
		if err != nil {
			return fmt.Errorf("batch: the record of buurt %s: %w", a.Code, err)
		}
		if r.Area.Code != a.Code || r.Area.GemeenteCode != a.GemeenteCode {
			return fmt.Errorf("batch: the record of buurt %s is of buurt %s in gemeente %q, not of gemeente %q", a.Code, r.Area.Code, r.Area.GemeenteCode, a.GemeenteCode)
		}
		if r.HasPanden {
			parts = append(parts, set.Path(partName(r.Area)))
		}
		if r.Summary != nil && len(r.Summary.Strategies) > 0 {
			blocks = append(blocks, report.AreaStrategies{Area: report.Area{Code: r.Area.Code, Name: r.Area.Name, Gemeente: r.Area.Gemeente},
				Strategies: r.Summary.Strategies})
		}
		r.Summary = slim(r.Summary)
		r.Area.Geometry = a.Geometry // the same polygon, held once
		g.recs[i] = r
	}
	if len(parts) > 0 {
		name := gemeentePart(code)
		if err := set.WriteFile(name, func(w *bufio.Writer) error { return geodata.ConcatGeoParquet(w, parts) }); err != nil {
			return fmt.Errorf("batch: %s: %w", name, err)
		}
	}
	if len(blocks) > 0 {
		name := "startanalyse/" + orUnknown(code) + ".csv"
		if err := set.WriteFile(name, func(w *bufio.Writer) error {
			cw := report.NewCSVWriter(w, c.Scan.CSV, ';')
			if err := report.WriteStartanalyse(cw, blocks); err != nil {
				cw.Close()
				return err
			}
			return cw.Close()
		}); err != nil {
			return fmt.Errorf("batch: %s: %w", name, err)
		}
		g.startanalyse[k] = true
	}
	g.written[k] = true
	return nil
}

// slim keeps of a buurt's summary what summary.json, buurten.parquet,
// buurten.gpkg and report.html take from it (see assemble, rowsOf,
// areaFeature): counts, totals, the network's certified gap, the best
// strategy, per strategy its name,
// label, feasibility, the figures of strategyColumns and the national
// cost's band, and the kader's and the draws' per-strategy figures. The
// rest (the strategies' breakdowns, the per-area results, notes,
// parameters) is some 40 kB a buurt that would otherwise be held for
// every buurt of the country at once.
func slim(s *report.Summary) *report.Summary {
	if s == nil {
		return nil
	}
	t := &report.Summary{BestStrategy: s.BestStrategy, Assessment: s.Assessment}
	t.Input.BuildingsUsed, t.Input.BuildingsRead, t.Input.Skipped = s.Input.BuildingsUsed, s.Input.BuildingsRead, s.Input.Skipped
	t.Stock.Dwellings, t.Stock.HeatDemandGJ = s.Stock.Dwellings, s.Stock.HeatDemandGJ
	t.Network.TrenchM, t.Network.Connected, t.Network.SteinerGapPct = s.Network.TrenchM, s.Network.Connected, s.Network.SteinerGapPct
	if e := s.Network.Existing; e != nil {
		t.Network.Existing = &report.ExistingNetwork{MatchedM: e.MatchedM, ReusedM: e.ReusedM, TooSmallM: e.TooSmallM, SavingEURYr: e.SavingEURYr,
			OffStreetReusedM: e.OffStreetReusedM, HeatLossExtraGJ: e.HeatLossExtraGJ}
	}
	if s.Robustness != nil {
		t.Robustness = &report.Robustness{Strategies: s.Robustness.Strategies}
	}
	band := func(m map[string]float64) map[string]float64 {
		const k = "national_cost_eur_per_year"
		if v, ok := m[k]; ok {
			return map[string]float64{k: v}
		}
		return nil
	}
	t.Strategies = make([]report.Strategy, len(s.Strategies))
	for i, st := range s.Strategies {
		t.Strategies[i] = report.Strategy{Name: st.Name, Label: st.Label, Feasible: st.Feasible,
			NationalCostEURPerYear: st.NationalCostEURPerYear, EnduserCostEURPerYearPerDwelling: st.EnduserCostEURPerYearPerDwelling,
			CO2AvoidedTPerYear: st.CO2AvoidedTPerYear, EURPerTCO2: st.EURPerTCO2, Min: band(st.Min), Max: band(st.Max)}
	}
	return t
}

func (t *Totals) add(o Totals) {
	t.Panden += o.Panden
	t.Dwellings += o.Dwellings
	t.HeatDemandGJ += o.HeatDemandGJ
	t.TrenchM += o.TrenchM
	t.Connected += o.Connected
	addTo := func(dst **float64, v *float64) {
		if v == nil {
			return
		}
		if *dst == nil {
			*dst = new(float64)
		}
		**dst += *v
	}
	addTo(&t.ExistingReusedM, o.ExistingReusedM)
	addTo(&t.ExistingSavingEURYr, o.ExistingSavingEURYr)
}

func orUnknown(s string) string {
	if s == "" {
		return "onbekend"
	}
	return s
}

// pandCounter counts the pand rows of the buildings file on a goroutine
// of its own (countPanden), from the start of a batch: the count is one
// pass over the whole pand table (about 1 s per million panden), which
// when it ran after the last buurt was a serial step with the other core
// idle; now it runs beside the reading of the EP-Online export, itself
// serial.
type pandCounter struct {
	wg sync.WaitGroup
	pc geodata.PandCount
	ok bool
}

// startCount starts counting the pand rows of c's buildings file.
func startCount(c Config) *pandCounter {
	p := &pandCounter{}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.pc, p.ok = countPanden(c.Scan.Buildings, c.Scan.Layer)
	}()
	return p
}

// result waits for the count.
func (p *pandCounter) result() (geodata.PandCount, bool) {
	p.wg.Wait()
	return p.pc, p.ok
}

// unknownCountNote is Input.CountNote.
const unknownCountNote = "buildings_read, panden_outside_areas en panden_without_geometry zijn onbekend (null): " +
	"alleen een GeoPackage-pandlaag en een GeoParquet-pandbestand geven hun aantal rijen zonder het hele bestand te lezen; " +
	"van een GeoJSON- of OSM-bestand zijn alleen de panden in de buurten geteld (panden_in_areas = buildings_used + skipped)"

// countPanden counts the pand rows of the buildings file (a GeoPackage
// pand layer, a GeoParquet pand file): every pand the national file
// holds, in a buurt or not.
func countPanden(path, layer string) (geodata.PandCount, bool) {
	if path == "" {
		return geodata.PandCount{}, false
	}
	s, err := geodata.Open(path)
	if err != nil {
		return geodata.PandCount{}, false
	}
	defer s.Close()
	return s.CountPanden(layer)
}

// strategyColumns are the per-strategy columns of buurten.parquet and
// buurten.gpkg, as suffixes of the strategy name, with how each value is
// taken from a report.Strategy.
var strategyColumns = []struct {
	suffix string
	get    func(st *report.Strategy) float64
}{
	{"_national_eur_yr", func(st *report.Strategy) float64 { return st.NationalCostEURPerYear }},
	{"_national_eur_yr_min", func(st *report.Strategy) float64 { return bandOf(st.Min, "national_cost_eur_per_year") }},
	{"_national_eur_yr_max", func(st *report.Strategy) float64 { return bandOf(st.Max, "national_cost_eur_per_year") }},
	{"_enduser_eur_yr_per_dwelling", func(st *report.Strategy) float64 { return st.EnduserCostEURPerYearPerDwelling }},
	{"_co2_avoided_t_yr", func(st *report.Strategy) float64 { return st.CO2AvoidedTPerYear }},
	{"_eur_per_t_co2", func(st *report.Strategy) float64 { return st.EURPerTCO2 }},
}

// robustColumns are added per strategy, after strategyColumns, when the
// batch ran with --draws: the share of the buurt's draws in which the
// strategy is the cheapest, and the 5th, 50th and 95th percentiles of its
// national cost per year and the median end-user cost per dwelling over
// the draws (the buurt scan's summary.json "robustness").
var robustColumns = []struct {
	suffix string
	get    func(st *report.RobustStrategy) float64
}{
	{"_win_share", func(st *report.RobustStrategy) float64 { return st.WinShare }},
	{"_national_eur_yr_p5", func(st *report.RobustStrategy) float64 { return st.NationalCostEURPerYear.P5 }},
	{"_national_eur_yr_p50", func(st *report.RobustStrategy) float64 { return st.NationalCostEURPerYear.P50 }},
	{"_national_eur_yr_p95", func(st *report.RobustStrategy) float64 { return st.NationalCostEURPerYear.P95 }},
	{"_enduser_eur_yr_per_dwelling_p50", func(st *report.RobustStrategy) float64 { return st.EnduserCostEURPerYearPerDwelling.P50 }},
}

// kaderColumns are added per strategy, after the others, when the batch
// ran with --kader: the strategy's weighted total under the kader (0-100;
// empty when infeasible or excluded) and whether it meets every limit of
// the kader (1 or 0; summary.json "assessment" of the buurt's scan).
var kaderColumns = []struct {
	suffix string
	get    func(st *kader.StrategyAssessment) float64
}{
	{"_kader_total", func(st *kader.StrategyAssessment) float64 {
		if st.Total == nil {
			return math.NaN()
		}
		return *st.Total
	}},
	{"_kader_passes", func(st *kader.StrategyAssessment) float64 {
		if !st.Feasible {
			return math.NaN()
		}
		if st.PassesLimits {
			return 1
		}
		return 0
	}},
}

// withKader reports whether some buurt of recs has a kader assessment.
func withKader(recs []record) bool {
	for _, r := range recs {
		if r.Summary != nil && r.Summary.Assessment != nil {
			return true
		}
	}
	return false
}

// withExisting reports whether some buurt of recs has an existing
// network's figures (--existing-network).
func withExisting(recs []record) bool {
	for _, r := range recs {
		if r.Summary != nil && r.Summary.Network.Existing != nil {
			return true
		}
	}
	return false
}

// existingColumns are the buurten columns of an existing heat network
// (--existing-network only), after the strategies' columns: the routed
// network's street length along existing pipe, the length reused, the
// length along a pipe too small for the load (priced as new), m, the
// saving as national cost, EUR per year, the length reused of existing
// pipe away from the streets (within existing_reused_m), m, and what the
// reused pipe loses at its own DN beyond the sized DN, GJ per year; NaN
// for a buurt not scanned.
var existingColumns = []struct {
	name string
	get  func(*report.ExistingNetwork) float64
}{
	{"existing_matched_m", func(e *report.ExistingNetwork) float64 { return e.MatchedM }},
	{"existing_reused_m", func(e *report.ExistingNetwork) float64 { return e.ReusedM }},
	{"existing_too_small_m", func(e *report.ExistingNetwork) float64 { return e.TooSmallM }},
	{"existing_saving_eur_yr", func(e *report.ExistingNetwork) float64 { return e.SavingEURYr }},
	{"existing_offstreet_reused_m", func(e *report.ExistingNetwork) float64 { return e.OffStreetReusedM }},
	{"existing_heat_loss_extra_gj", func(e *report.ExistingNetwork) float64 { return e.HeatLossExtraGJ }},
}

// withDraws reports whether some buurt of recs has robustness figures.
func withDraws(recs []record) bool {
	for _, r := range recs {
		if r.Summary != nil && r.Summary.Robustness != nil {
			return true
		}
	}
	return false
}

func bandOf(m map[string]float64, k string) float64 {
	if v, ok := m[k]; ok {
		return v
	}
	return math.NaN()
}

// buurtRow is one row of buurten.parquet and buurten.gpkg: the fixed
// columns, then per strategy the strategyColumns (NaN for none).
type buurtRow struct {
	fixed []any // buurtcode ... connected, see fixedColumns
	vals  []float64
	geom  orb.MultiPolygon
}

var fixedColumns = []geodata.GPKGColumn{
	{Name: "buurtcode", Type: geodata.GPKGText}, {Name: "buurtnaam", Type: geodata.GPKGText},
	{Name: "wijkcode", Type: geodata.GPKGText}, {Name: "gemeentecode", Type: geodata.GPKGText},
	{Name: "gemeentenaam", Type: geodata.GPKGText}, {Name: "status", Type: geodata.GPKGText},
	{Name: "reason", Type: geodata.GPKGText}, {Name: "panden", Type: geodata.GPKGInteger},
	{Name: "dwellings", Type: geodata.GPKGInteger}, {Name: "heat_demand_gj", Type: geodata.GPKGReal},
	{Name: "best_strategy", Type: geodata.GPKGText}, {Name: "trench_m", Type: geodata.GPKGReal},
	{Name: "connected", Type: geodata.GPKGInteger},
	// steiner_gap_pct: the routed network is within this many percent
	// of the cheapest tree over the buurt's streets (the scan's
	// network.steiner_gap_pct, Wong's dual-ascent bound); null when no
	// network was routed.
	{Name: "steiner_gap_pct", Type: geodata.GPKGReal},
	// kader_preferred: the strategy the kader (--kader) prefers for the
	// buurt; empty without a kader or when none meets its limits.
	{Name: "kader_preferred", Type: geodata.GPKGText},
}

func rowsOf(recs []record, strategies []string) []buurtRow {
	draws, kad, exist := withDraws(recs), withKader(recs), withExisting(recs)
	out := make([]buurtRow, len(recs))
	for i, r := range recs {
		a := r.Area
		row := buurtRow{geom: a.Geometry}
		var panden, dwellings, connected int
		heat, trench, gap := math.NaN(), math.NaN(), math.NaN()
		best, preferred := "", ""
		if s := r.Summary; s != nil {
			panden, dwellings, connected = s.Input.BuildingsUsed, s.Stock.Dwellings, s.Network.Connected
			heat, trench, best = s.Stock.HeatDemandGJ, s.Network.TrenchM, s.BestStrategy
			if g := s.Network.SteinerGapPct; g != nil {
				gap = *g
			}
			if s.Assessment != nil {
				preferred = s.Assessment.Preferred
			}
		}
		row.fixed = []any{a.Code, a.Name, a.WijkCode, a.GemeenteCode, a.Gemeente, r.Status, r.Reason, panden, dwellings, heat, best, trench, connected, gap, preferred}
		for _, name := range strategies {
			var st *report.Strategy
			if r.Summary != nil {
				for j := range r.Summary.Strategies {
					if r.Summary.Strategies[j].Name == name {
						st = &r.Summary.Strategies[j]
					}
				}
			}
			for _, col := range strategyColumns {
				v := math.NaN()
				if st != nil && st.Feasible {
					v = col.get(st)
				}
				row.vals = append(row.vals, v)
			}
			if kad {
				var ka *kader.StrategyAssessment
				if r.Summary != nil && r.Summary.Assessment != nil {
					for j := range r.Summary.Assessment.Strategies {
						if r.Summary.Assessment.Strategies[j].Name == name {
							ka = &r.Summary.Assessment.Strategies[j]
						}
					}
				}
				for _, col := range kaderColumns {
					v := math.NaN()
					if ka != nil {
						v = col.get(ka)
					}
					row.vals = append(row.vals, v)
				}
			}
			if !draws {
				continue
			}
			var rs *report.RobustStrategy
			if r.Summary != nil && r.Summary.Robustness != nil {
				for j := range r.Summary.Robustness.Strategies {
					if r.Summary.Robustness.Strategies[j].Name == name {
						rs = &r.Summary.Robustness.Strategies[j]
					}
				}
			}
			for _, col := range robustColumns {
				v := math.NaN()
				if rs != nil {
					v = col.get(rs)
				}
				row.vals = append(row.vals, v)
			}
		}
		if exist {
			for _, col := range existingColumns {
				v := math.NaN()
				if r.Summary != nil && r.Summary.Network.Existing != nil {
					v = col.get(r.Summary.Network.Existing)
				}
				row.vals = append(row.vals, v)
			}
		}
		out[i] = row
	}
	return out
}

func columnNames(strategies []string, draws, kad, exist bool) []string {
	var names []string
	for _, s := range strategies {
		for _, col := range strategyColumns {
			names = append(names, s+col.suffix)
		}
		if kad {
			for _, col := range kaderColumns {
				names = append(names, s+col.suffix)
			}
		}
		if draws {
			for _, col := range robustColumns {
				names = append(names, s+col.suffix)
			}
		}
	}
	if exist {
		for _, col := range existingColumns {
			names = append(names, col.name)
		}
	}
	return names
}

// writeBuurtenGPKG writes buurten.gpkg, layer "buurten".
func writeBuurtenGPKG(set *outset.Set, recs []record, strategies []string) error {
	path := set.Path("buurten.gpkg")
	os.Remove(path) // a resumed run may find one half-written
	w, err := geodata.CreateGeoPackage(path)
	if err != nil {
		return err
	}
	cols := slices.Clone(fixedColumns)
	for _, n := range columnNames(strategies, withDraws(recs), withKader(recs), withExisting(recs)) {
		cols = append(cols, geodata.GPKGColumn{Name: n, Type: geodata.GPKGReal})
	}
	l, err := w.AddLayer("buurten", "MULTIPOLYGON", cols)
	if err != nil {
		w.Abort()
		return err
	}
	for _, r := range rowsOf(recs, strategies) {
		vals := slices.Clone(r.fixed)
		for _, v := range r.vals {
			vals = append(vals, v)
		}
		if err := l.Write(r.geom, vals...); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Close()
}

// writeBuurtenParquet writes buurten.parquet (GeoParquet 1.1): its
// schema is built at run time, one optional DOUBLE column per strategy
// figure.
func writeBuurtenParquet(set *outset.Set, recs []record, strategies []string) error {
	var fields []reflect.StructField
	goName := func(i int) string { return fmt.Sprintf("F%03d", i) }
	for i, c := range fixedColumns {
		var t reflect.Type
		switch c.Type {
		case geodata.GPKGText:
			t = reflect.TypeFor[string]()
		case geodata.GPKGInteger:
			t = reflect.TypeFor[int64]()
		default:
			t = reflect.TypeFor[*float64]()
		}
		tag := fmt.Sprintf(`parquet:"%s"`, c.Name)
		if t.Kind() == reflect.Pointer {
			tag = fmt.Sprintf(`parquet:"%s,optional"`, c.Name)
		}
		fields = append(fields, reflect.StructField{Name: goName(i), Type: t, Tag: reflect.StructTag(tag)})
	}
	names := columnNames(strategies, withDraws(recs), withKader(recs), withExisting(recs))
	for j, n := range names {
		fields = append(fields, reflect.StructField{Name: goName(len(fixedColumns) + j), Type: reflect.TypeFor[*float64](),
			Tag: reflect.StructTag(fmt.Sprintf(`parquet:"%s,optional"`, n))})
	}
	fields = append(fields, reflect.StructField{Name: "Geometry", Type: reflect.TypeFor[[]byte](), Tag: `parquet:"geometry"`})
	typ := reflect.StructOf(fields)
	schema := parquet.SchemaOf(reflect.New(typ).Interface())

	return set.WriteFile("buurten.parquet", func(bw *bufio.Writer) error {
		pw := parquet.NewWriter(bw, schema, parquet.Compression(&parquet.Zstd))
		var b orb.Bound
		for i, r := range rowsOf(recs, strategies) {
			v := reflect.New(typ).Elem()
			for k, x := range r.fixed {
				f := v.Field(k)
				switch x := x.(type) {
				case string:
					f.SetString(x)
				case int:
					f.SetInt(int64(x))
				case float64:
					if !math.IsNaN(x) {
						f.Set(reflect.ValueOf(&x))
					}
				}
			}
			for j, x := range r.vals {
				if !math.IsNaN(x) && !math.IsInf(x, 0) {
					x := x
					v.Field(len(fixedColumns) + j).Set(reflect.ValueOf(&x))
				}
			}
			v.Field(len(fields) - 1).SetBytes(geodata.AppendWKB(nil, r.geom))
			if i == 0 {
				b = r.geom.Bound()
			} else {
				b = b.Union(r.geom.Bound())
			}
			if err := pw.Write(v.Addr().Interface()); err != nil {
				return err
			}
		}
		meta, err := geodata.GeoMetadataRD("geometry", []string{"MultiPolygon"}, b)
		if err != nil {
			return err
		}
		pw.SetKeyValueMetadata("geo", meta)
		return pw.Close()
	})
}
