package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kader"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Config says what to scan and where to write. Empty input fields mean
// "not given"; with no input file at all the embedded demo wijk is
// scanned (see Demo).
type Config struct {
	Buildings, Layer      string // buildings file and GeoPackage layer
	VBO, VBOLayer         string // BAG verblijfsobjecten (GeoPackage) and layer
	Addresses             string // address points
	Labels                string // EP-Online export (CSV)
	Streets, StreetsLayer string // street centrelines and GeoPackage layer
	Water, Areas          string // surface water, buurt polygons
	Sources               string // heat sources (CSV or points)
	// Params are the cost parameters (defaults plus overrides); nil means
	// kosten.Defaults(). ParamsFile names the override file, for the
	// outputs.
	Params     *kosten.Params
	ParamsFile string
	// Kentallen names the parameter profile Params was built from
	// (kosten.Profiles; "" the default), for the summary.
	Kentallen string
	// Scenario is a scenario file (see scenario.go); every scenario is run
	// after the main scan and compared in the outputs.
	Scenario string
	Out      string // output directory, created when missing
	Year     int    // evaluation year; 0 means wijkanalyse's default
	GeoJSON  bool   // also write buildings.geojson
	// CSV says how startanalyse.csv is written (decimal comma, BOM).
	CSV report.CSVOptions
	// GeoJSONRD also writes network_rd.geojson (and buildings_rd.geojson
	// with GeoJSON) in EPSG:28992 with a crs member, beside the RFC 7946
	// (WGS84) files.
	GeoJSONRD bool
	// StreetMarginM: streets are cut to the buildings' bounding box grown
	// by this many metres.
	StreetMarginM float64
	Workers       int // goroutines for wijkanalyse; 0 means 1
	// RouteWork bounds the Steiner local search of each routing round
	// (wijkanalyse.Options.RouteWork); 0 takes the solver's default.
	RouteWork int
	// RouteGap is wijkanalyse.Options.RouteGap (a fraction); 0: default.
	RouteGap float64
	// Draws > 0 adds Monte Carlo robustness: that many draws over the
	// parameter bands with stream Seed (wijkanalyse.Prepared.Draws), in
	// summary.json "robustness" and the report.
	Draws int
	Seed  uint64
	// Reroute: each draw expands and routes its own network
	// (wijkanalyse.DrawOptions.Reroute); otherwise draws price the scan's.
	Reroute  bool
	Progress Progress // nil: silent
	// Select limits the scan to CBS areas (scan --buurt/--wijk/--gemeente,
	// one buurt of a batch): inputs are read within its bound (pushed
	// down to GeoPackage R-trees), and a pand is kept when its point on
	// surface lies in one of its polygons. nil: everything read.
	Select *Selection
	// LabelsData, when not nil, are the EP-Online labels already read
	// (a batch reads the national export once); Labels then only names
	// the file in the outputs.
	LabelsData []geodata.EnergyLabel
	// LabelSet, when not nil, is the EP-Online export indexed once
	// (wijkanalyse.NewLabelSet); the scan takes only the registrations its
	// panden, verblijfsobjecten and addresses match (LabelSet.For), so a
	// batch does not index the national export again for every buurt.
	LabelSet *wijkanalyse.LabelSet
	// Files, when not nil, shares the input GeoPackages between scans (a
	// batch opens each national file once for all its buurten,
	// geodata.Sources); nil: every reader opens its file anew.
	Files *geodata.Sources
	// Columns renames columns of the buildings file (GeoPackage or
	// GeoParquet) for the pand reader (--columns); nil: none.
	Columns geodata.ColumnMap
	// Works is a file of planned street works (--works: GeoJSON or
	// GeoPackage lines or polygons with kind and year, geodata.EachWork),
	// WorksLayer its GeoPackage layer; "" none.
	Works, WorksLayer string
	// ExistingNetwork is a file of the pipes of an existing heat network
	// (--existing-network: GeoJSON or GeoPackage lines with dn,
	// geodata.EachExistingPipe), ExistingNetworkLayer its GeoPackage
	// layer; "" none.
	ExistingNetwork, ExistingNetworkLayer string
	// NetworkRules is a network-rules file (--network-rules: CSV or
	// GeoJSON, geodata.ReadNetworkRules); Rules, when set, is that file
	// already read (a batch reads it once). "" and nil: none.
	NetworkRules string
	Rules        *geodata.NetworkRules
	// KaderFile is the file Kader was read from (for the batch's resume
	// key and messages).
	KaderFile string
	// Kader, when set, is applied to the result (summary.json
	// "assessment", the report's Toetsingskader section).
	Kader *kader.Kader
	// Kleinverbruik are the netbeheerders' kleinverbruik files (one per
	// year, the year in the file name): dwellings off gas and measured
	// against modelled gas use, per buurt (summary.json "kleinverbruik",
	// a section of the report). Checked by CheckKleinverbruik before the
	// scan.
	Kleinverbruik []string
}

// Selection is the area a scan is limited to.
type Selection struct {
	Name     string           // for the report: the buurt's name, or the codes
	Codes    []string         // the CBS codes selected
	Areas    []geodata.Area   // the selected areas (EPSG:28992)
	Bound    orb.Bound        // of their polygons
	Geometry orb.MultiPolygon // their polygons, together
}

// NewSelection selects the given areas.
func NewSelection(areas []geodata.Area) *Selection {
	s := &Selection{Areas: areas}
	for i, a := range areas {
		s.Codes = append(s.Codes, a.Code)
		s.Geometry = append(s.Geometry, a.Geometry...)
		if i == 0 {
			s.Bound = a.Geometry.Bound()
		} else {
			s.Bound = s.Bound.Union(a.Geometry.Bound())
		}
	}
	if len(areas) == 1 {
		s.Name = areas[0].Name
	} else {
		s.Name = strings.Join(s.Codes, ", ")
	}
	return s
}

// Contains reports whether the pand footprint p belongs to the selection:
// its point on surface (geodata.PointOnSurface) lies in one of the
// polygons.
func (s *Selection) Contains(p orb.Polygon) bool {
	pt := geodata.PointOnSurface(p)
	if !s.Bound.Contains(pt) {
		return false
	}
	return planar.MultiPolygonContains(s.Geometry, pt)
}

// grown returns the selection's bound grown by m metres on every side.
func (s *Selection) grown(m float64) *orb.Bound {
	b := orb.Bound{Min: orb.Point{s.Bound.Min[0] - m, s.Bound.Min[1] - m}, Max: orb.Point{s.Bound.Max[0] + m, s.Bound.Max[1] + m}}
	return &b
}

// Demo reports whether c names no buildings, verblijfsobjecten, addresses
// or streets, so that the demo wijk is scanned. Labels, water, areas and
// sources given with the demo are used with it.
func (c *Config) Demo() bool {
	return c.Buildings == "" && c.VBO == "" && c.Addresses == "" && c.Streets == ""
}

// Progress is told how a scan advances, stage by stage ("reading",
// "classifying", "routing", "writing", ...). total <= 0 means unknown.
// Calls come from the scanning goroutine.
type Progress interface {
	Start(stage string, total int, unit string)
	Set(done, total int)
	Finish()
}

type silent struct{}

func (silent) Start(string, int, string) {}
func (silent) Set(int, int)              {}
func (silent) Finish()                   {}

// Outcome is what a scan produced: the summary written to summary.json and
// the files written.
type Outcome struct {
	Summary *report.Summary
	Files   []string // paths of the files written
}

// Run scans one wijk as c says and writes every output into c.Out. It
// reads the inputs (or the demo), runs wijkanalyse.Scan once, and once
// more per scenario, and writes summary.json, buildings.parquet,
// network.parquet, network.geojson, startanalyse.csv, report.html (and
// buildings.geojson with c.GeoJSON). Bad input is an error naming the file
// (and feature where known); nothing is written then.
func Run(ctx context.Context, c Config) (*Outcome, error) {
	if c.Progress == nil {
		c.Progress = silent{}
	}
	if c.Params == nil {
		c.Params = kosten.Defaults()
	}
	run, err := scan(ctx, &c, c.Progress)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, errInterrupted) {
			// Stopped while reading or analysing: say so, and that
			// nothing in c.Out was touched, rather than a bare
			// "context canceled".
			err = fmt.Errorf("%w before writing %s; the previous outputs there are unchanged: %w", errInterrupted, c.Out, context.Cause(ctx))
		}
		return nil, err
	}
	out := &Outcome{Summary: run.summary}
	for _, f := range run.summary.Outputs {
		out.Files = append(out.Files, filepath.Join(c.Out, f))
	}
	return out, nil
}

// errInterrupted starts the error of a run its context stopped.
var errInterrupted = errors.New("interrupted")

// scanRun is everything one scan produced.
type scanRun struct {
	outside   int // panden in the selection's bound that belong elsewhere
	wijk      string
	files     map[string]string
	in        wijkanalyse.Input
	params    *kosten.Params
	res       *wijkanalyse.Result
	scenarios []scenarioResult
	robust    *wijkanalyse.Robustness
	assess    *kader.Assessment
	summary   *report.Summary
	streets   []orb.LineString
	water     []orb.MultiPolygon
	timings   map[string]float64
	notes     []string
	// existingRep is the report of reading --existing-network.
	existingRep geodata.Report
}

// scenarioResult keeps of a scenario's scan only what the outputs show
// (its strategies), not the whole Result: a run of many scenarios then
// holds one Result at a time.
type scenarioResult struct {
	name       string
	overrides  []string
	best       string
	strategies []report.Strategy
}

// scan reads the inputs, runs the analysis (once per scenario) and writes
// the outputs.
func scan(ctx context.Context, c *Config, prog Progress) (*scanRun, error) {
	t0 := time.Now()
	run, err := analyse(ctx, c, prog)
	if err != nil {
		return nil, err
	}
	t := time.Now()
	if err := writeOutputs(ctx, c, run, t0, prog); err != nil {
		return nil, err
	}
	run.timings["write"] = float64(time.Since(t).Microseconds()) / 1000
	return run, nil
}

// ErrNoPanden is returned (wrapped) when the inputs hold no usable pand:
// a batch reports such a buurt as empty.
var ErrNoPanden = errors.New("no usable buildings")

// Analysis is a scan without its output files: what a batch keeps of one
// buurt.
type Analysis struct{ run *scanRun }

// Summary is the scan's summary.json content.
func (a *Analysis) Summary() *report.Summary { return a.run.summary }

// WriteBuildingsParquet writes the per-pand GeoParquet of the scan to path.
func (a *Analysis) WriteBuildingsParquet(path string) error {
	return writeBuildingsParquet(path, a.run.res)
}

// Analyse reads the inputs and runs the analysis as Run does, but writes
// nothing: c.Out is not used.
func Analyse(ctx context.Context, c Config) (*Analysis, error) {
	if c.Progress == nil {
		c.Progress = silent{}
	}
	if c.Params == nil {
		c.Params = kosten.Defaults()
	}
	run, err := analyse(ctx, &c, c.Progress)
	if err != nil {
		return nil, err
	}
	run.summary = buildSummary(&c, run)
	return &Analysis{run}, nil
}

// analyse reads the inputs and runs the analysis (once per scenario).
func analyse(ctx context.Context, c *Config, prog Progress) (*scanRun, error) {
	run := &scanRun{files: map[string]string{}, timings: map[string]float64{}}
	lap := func(name string, since time.Time) {
		run.timings[name] = float64(time.Since(since).Microseconds()) / 1000
	}

	params := c.Params
	run.params = params
	var err error
	var scens []scenarioDef
	if c.Scenario != "" {
		if scens, err = readScenarios(c.Scenario); err != nil {
			return nil, err
		}
	}

	t := time.Now()
	if err := readInputs(ctx, c, run, prog); err != nil {
		return nil, err
	}
	lap("read", t)
	opts := wijkanalyse.Options{Year: c.Year, Workers: c.Workers, Params: params, RouteWork: c.RouteWork, RouteGap: c.RouteGap, StreetMarginM: c.StreetMarginM}
	current := ""
	opts.Progress = func(stage string, done, total int) {
		if current != stageName(stage) {
			current = stageName(stage)
			prog.Start(current, total, stageUnit(stage))
		}
		prog.Set(done, total)
	}
	t = time.Now()
	pp, err := wijkanalyse.Prepare(ctx, run.in, opts)
	var res wijkanalyse.Result
	if err == nil {
		res, err = pp.Scan(ctx, nil)
	}
	prog.Finish()
	if err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	run.res = &res
	lap("analyse", t)
	if c.Draws > 0 {
		t = time.Now()
		prog.Start("draws", 0, "")
		r, err := pp.Draws(ctx, wijkanalyse.DrawOptions{N: c.Draws, Seed: c.Seed, Workers: max(1, c.Workers), Reroute: c.Reroute})
		prog.Finish()
		if err != nil {
			return nil, fmt.Errorf("robustness: %w", err)
		}
		run.robust = &r
		lap("draws", t)
	}
	if c.Kader != nil {
		areas := run.in.Areas
		if c.Select != nil {
			areas = c.Select.Areas
		}
		a, err := c.Kader.Assess(run.res, kader.Context{Params: params, Robustness: run.robust,
			IncomeKEUR: incomes(run.res, areas), Sources: run.in.Sources, Labels: wijkanalyse.DisplayNames()})
		if err != nil {
			return nil, fmt.Errorf("kader %s: %w", c.Kader.File, err)
		}
		run.assess = a
	}

	for _, sc := range scens {
		t = time.Now()
		p, err := sc.apply(params)
		if err != nil {
			return nil, err
		}
		opts.Progress = nil
		opts.Params = p
		prog.Start("scenario "+sc.name, 0, "")
		r, err := wijkanalyse.Scan(ctx, run.in, opts)
		prog.Finish()
		if err != nil {
			return nil, fmt.Errorf("scenario %q: analysis: %w", sc.name, err)
		}
		run.scenarios = append(run.scenarios, scenarioResult{name: sc.name, overrides: sc.names(), best: r.BestStrategy, strategies: strategies(&r)})
		lap("scenario "+sc.name, t)
	}
	return run, nil
}

// streetGraph reports the street graph the router built for the network
// (its counts and components), or nil when the network was not routed
// over streets.
func streetGraph(n *wijkanalyse.NetworkSummary) *report.StreetGraph {
	if !n.Routed {
		return nil
	}
	st := n.Streets
	g := &report.StreetGraph{
		Pieces: st.Streets, Nodes: st.Nodes, Edges: st.Edges, Components: len(n.Components),
		LengthM: st.TotalLengthM, Crossings: st.Crossings, DuplicatesRemoved: st.Duplicates,
		ZeroLengthRemoved: st.ZeroLength, CollapsedRemoved: st.Collapsed, SnappedEnds: st.SnappedEnds,
		MaxSnapGapM: st.MaxSnapGapM, SnapToleranceM: warmtenet.DefaultSnapToleranceM,
	}
	for _, c := range n.Components {
		g.LargestComponentM = max(g.LargestComponentM, c.LengthM)
	}
	return g
}

func stageName(s string) string {
	switch s {
	case "classify", "demand":
		return "classifying"
	case "options":
		return "pricing"
	case "route", "expand":
		return "routing"
	case "aggregate":
		return "aggregating"
	}
	return s
}

func stageUnit(s string) string {
	switch s {
	case "route", "expand":
		return "steps"
	case "aggregate":
		return ""
	}
	return "panden"
}

// readInputs reads every input file (or the demo) into run.in.
func readInputs(ctx context.Context, c *Config, run *scanRun, prog Progress) error {
	in := &run.in
	if c.Demo() {
		run.wijk = demo.Name
		run.files["buildings"] = demo.FileName
		run.files["streets"] = demo.FileName
		run.files["addresses"] = demo.FileName
		wantWater := c.Water == ""
		if wantWater {
			run.files["water"] = demo.FileName
		}
		note, err := readOSM(ctx, demo.FileName, in, osmWant{true, true, true, wantWater}, prog, nil, 0, nil)
		if err != nil {
			return err
		}
		run.notes = append(run.notes, "Demo: OpenStreetMap-extract van Delft (TU-campus, Wippolder, Voorhof-Noord). "+demo.Attribution+".")
		if note != "" {
			run.notes = append(run.notes, note)
		}
		if err := readOthers(ctx, c, run, prog); err != nil {
			return err
		}
	} else {
		run.wijk = wijkName(c.Buildings)
		if c.Select != nil {
			run.wijk = c.Select.Name
		}
		run.files["buildings"] = c.Buildings
		fm, err := detect(c.Buildings)
		if err != nil {
			return err
		}
		if fm == geodata.FormatOSMPBF {
			wantStreets, wantAddr, wantWater := c.Streets == "", c.Addresses == "" && c.VBO == "", c.Water == ""
			if wantStreets {
				run.files["streets"] = c.Buildings
			}
			if wantAddr {
				run.files["addresses"] = c.Buildings
			}
			if wantWater {
				run.files["water"] = c.Buildings
			}
			note, err := readOSM(ctx, c.Buildings, in, osmWant{true, wantStreets, wantAddr, wantWater}, prog, c.Select, osmReach(c, wantStreets, wantWater), &run.outside)
			if err != nil {
				return err
			}
			if note != "" {
				run.notes = append(run.notes, note)
			}
		} else if err := readBuildings(ctx, c, in, &run.outside, prog); err != nil {
			return err
		} else if c.Select != nil {
			if note := pushdownNote(c.Files, c.Buildings, c.Layer, c.Select.Bound); note != "" {
				run.notes = append(run.notes, note)
			}
		}
		if err := readOthers(ctx, c, run, prog); err != nil {
			return err
		}
	}
	if len(in.Panden) == 0 {
		return &geodata.FeatureError{File: run.files["buildings"], Feature: -1,
			Err: fmt.Errorf("%w (%d read; %s)", ErrNoPanden, in.BuildingsReport.Read, skippedCounts(in.BuildingsReport.Skipped))}
	}
	// Keep the streets near the buildings: an extract's roads may run far
	// outside the wijk, and the routing need not see them.
	if len(in.Streets) > 0 {
		// The library cuts them the same way (wijkanalyse.Options.StreetMarginM);
		// cut here too so the report's map draws what is routed.
		m := c.StreetMarginM
		before := len(in.Streets)
		in.Streets = geodata.ClipStreets(in.Streets, geodata.StreetBound(in.Panden, m))
		run.notes = append(run.notes, fmt.Sprintf("Straten beperkt tot de omhullende rechthoek van de panden plus %.0f m: %d van %d straatdelen gebruikt (langere wegen afgeknipt).",
			m, len(in.Streets), before))
	}
	for _, s := range in.Streets {
		run.streets = append(run.streets, s.Line)
	}
	for _, w := range in.Water {
		run.water = append(run.water, w.Geometry)
	}
	return nil
}

// wijkName derives a name for the report from the buildings file.
func wijkName(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".osm.pbf", ".pbf", ".gpkg", ".geojson", ".json", ".parquet", ".geoparquet"} {
		if len(base) > len(ext) && strings.EqualFold(base[len(base)-len(ext):], ext) {
			return base[:len(base)-len(ext)]
		}
	}
	return base
}

// readBuildings streams, validates and de-duplicates the panden.
func readBuildings(ctx context.Context, c *Config, in *wijkanalyse.Input, outside *int, prog Progress) error {
	var rep geodata.Report
	var bound *orb.Bound
	if c.Select != nil {
		bound = &c.Select.Bound
	}
	r, crs, err := openPanden(c.Files, c.Buildings, c.Layer, c.Columns, &rep, bound)
	if err != nil {
		return err
	}
	defer r.Close()
	prog.Start("reading", 0, "panden")
	defer prog.Finish()
	v := geodata.NewValidator()
	dd := geodata.NewDedup(&v.Report)
	buf := make([]geodata.Pand, 512)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := r.Read(buf)
		for i := range buf[:n] {
			if c.Select != nil && !c.Select.Contains(buf[i].Footprint) {
				// In the bound, but it belongs to a neighbouring area:
				// not read for this one.
				rep.Read--
				rep.Used--
				*outside++
				continue
			}
			if v.Pand(&buf[i]) {
				dd.Add(buf[i])
			}
		}
		prog.Set(rep.Read, 0)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	in.Panden = dd.Panden()
	in.BuildingsReport = geodata.MergeReports(rep, v.Report)
	in.CRS = crs
	return nil
}

// pushdownNote says (Dutch, for the summary and report) how the panden
// of a selection were read: through the file's spatial index, or by a
// full scan of a file that has none.
func pushdownNote(ss *geodata.Sources, path, layer string, b orb.Bound) string {
	s, err := ss.Open(path)
	if err != nil {
		return ""
	}
	defer s.Close()
	if s.Within(b).Indexed(layer) {
		return fmt.Sprintf("Panden van de selectie gelezen via de ruimtelijke index van %s (GeoPackage R-tree of GeoParquet bbox-statistieken): alleen wat binnen de omhullende rechthoek valt.", filepath.Base(path))
	}
	return fmt.Sprintf("%s heeft geen ruimtelijke index (GeoPackage R-tree of GeoParquet bbox-covering): het hele bestand is doorzocht om de panden van de selectie te vinden.", filepath.Base(path))
}

// osmReach is how far beyond a selection an OSM extract that gives the
// buildings is read: as far as the streets or the water it also gives
// reach.
func osmReach(c *Config, streets, water bool) float64 {
	m := 0.0
	if streets {
		m = c.StreetMarginM
	}
	if water {
		m = max(m, waterReachM)
	}
	return m
}

// waterReachM is how far beyond a selection surface water is read: more
// than the farthest aquathermie reach of the parameters (scan.water_reach).
const waterReachM = 1000

// selBound is the selection's bound grown by m metres, or nil without a
// selection.
func selBound(c *Config, m float64) *orb.Bound {
	if c.Select == nil {
		return nil
	}
	return c.Select.grown(m)
}

// readOthers reads the optional inputs.
func readOthers(ctx context.Context, c *Config, run *scanRun, prog Progress) error {
	in := &run.in
	if c.VBO != "" {
		run.files["verblijfsobjecten"] = c.VBO
		vbos, err := readVBOs(c.Files, c.VBO, c.VBOLayer, selBound(c, 0))
		if err != nil {
			return err
		}
		in.Verblijfsobjecten = vbos
	}
	if c.Addresses != "" {
		run.files["addresses"] = c.Addresses
		var rep geodata.Report
		var err error
		if fm, _ := detect(c.Addresses); fm == geodata.FormatOSMPBF {
			_, err = readOSM(ctx, c.Addresses, in, osmWant{addresses: true}, prog, c.Select, 0, nil)
		} else {
			in.Addresses, err = readAddresses(c.Files, c.Addresses, "", &rep, selBound(c, 0))
			if err == nil && len(in.Addresses) == 0 && (rep.Read > 0 || c.Select == nil) {
				// A file of other features (lines, polygons), or none,
				// would silently count no dwellings from addresses (a
				// selected buurt may hold none of the file's points).
				err = &geodata.FeatureError{File: c.Addresses, Feature: -1,
					Err: fmt.Errorf("no address points (%d read; %s)", rep.Read, skippedCounts(rep.Skipped))}
			}
		}
		if err != nil {
			return err
		}
	}
	if c.Labels != "" {
		run.files["labels"] = c.Labels
		if c.LabelSet != nil {
			in.Labels = c.LabelSet.For(*in)
		} else if c.LabelsData != nil {
			in.Labels = c.LabelsData
		} else {
			labels, rep, err := readLabels(c.Labels)
			if err != nil {
				return err
			}
			if len(labels) == 0 {
				// Every pand would silently get its default label, as
				// without --labels.
				return &geodata.FeatureError{File: c.Labels, Feature: -1,
					Err: fmt.Errorf("no energy labels (%d rows read; %s)", rep.Read, skippedCounts(rep.Skipped))}
			}
			in.Labels = labels
			in.LabelsReport = *rep
		}
	}
	if c.Streets != "" {
		run.files["streets"] = c.Streets
		var rep geodata.Report
		var err error
		if fm, _ := detect(c.Streets); fm == geodata.FormatOSMPBF {
			_, err = readOSM(ctx, c.Streets, in, osmWant{streets: true}, prog, c.Select, c.StreetMarginM, nil)
		} else {
			in.Streets, err = readStreets(c.Files, c.Streets, c.StreetsLayer, &rep, selBound(c, c.StreetMarginM))
			in.StreetsReport = rep
			if err == nil && len(in.Streets) == 0 && (rep.Read > 0 || c.Select == nil) {
				// Features but no lines (a buildings file given as
				// streets), or no features: the network would silently
				// be estimated from the panden as if no streets were
				// given (a selected buurt may hold none of the file's
				// streets).
				err = &geodata.FeatureError{File: c.Streets, Feature: -1,
					Err: fmt.Errorf("no street lines (%d read; %s)", rep.Read, skippedCounts(rep.Skipped))}
			}
		}
		if err != nil {
			return err
		}
	}
	if c.Works != "" {
		run.files["works"] = c.Works
		ws, err := readWorks(c.Files, c.Works, c.WorksLayer, selBound(c, c.StreetMarginM))
		if err != nil {
			return err
		}
		in.Works = ws
	}
	if c.ExistingNetwork != "" {
		run.files["existing_network"] = c.ExistingNetwork
		ps, rep, err := readExisting(c.Files, c.ExistingNetwork, c.ExistingNetworkLayer, selBound(c, c.StreetMarginM))
		if err != nil {
			return err
		}
		in.Existing, run.existingRep = ps, rep
	}
	if c.NetworkRules != "" {
		run.files["network_rules"] = c.NetworkRules
		if c.Rules == nil {
			r, err := geodata.ReadNetworkRules(c.NetworkRules)
			if err != nil {
				return err
			}
			c.Rules = r
		}
		in.Rules = c.Rules
	}
	if c.Water != "" {
		run.files["water"] = c.Water
		var rep geodata.Report
		w, err := readAreas(c.Files, c.Water, "", geodata.AreaWater, &rep, selBound(c, waterReachM))
		if err != nil {
			return err
		}
		if len(w) == 0 {
			// Water was asked for; without a polygon aquathermie would be
			// judged on no water at all, silently.
			return &geodata.FeatureError{File: c.Water, Feature: -1,
				Err: fmt.Errorf("no polygon water areas (%d read; %s)", rep.Read, skippedCounts(rep.Skipped))}
		}
		in.Water = w
	}
	if c.Areas != "" && c.Select != nil {
		// The selected buurten are the areas reported on.
		run.files["areas"] = c.Areas
		in.Areas = c.Select.Areas
		in.AreasReport = geodata.Report{Read: len(c.Select.Areas), Used: len(c.Select.Areas)}
	} else if c.Areas != "" {
		run.files["areas"] = c.Areas
		var rep geodata.Report
		a, err := readAreas(c.Files, c.Areas, "", geodata.AreaBuurt, &rep, selBound(c, 0))
		if err != nil {
			return err
		}
		if len(a) == 0 {
			// Areas were asked for; a scan without them would silently
			// report the whole scan area instead.
			return &geodata.FeatureError{File: c.Areas, Feature: -1,
				Err: fmt.Errorf("no polygon areas (%d read; %s)", rep.Read, skippedCounts(rep.Skipped))}
		}
		in.Areas = a
		in.AreasReport = rep
	}
	if c.Sources != "" {
		run.files["sources"] = c.Sources
		s, err := readSources(c.Sources)
		if err != nil {
			return err
		}
		if len(s) == 0 {
			// Without a source the network would silently be fed from
			// an assumed one, as when --sources is not given.
			return &geodata.FeatureError{File: c.Sources, Feature: -1, Err: errors.New("no heat sources in the file")}
		}
		in.Sources = s
	}
	return nil
}

// skippedCounts writes a reader's skip counts for an error message:
// "skipped: not_a_polygon 3841, no_bag_id 2", reasons sorted; "nothing
// skipped" when there are none.
func skippedCounts(skipped map[string]int) string {
	if len(skipped) == 0 {
		return "nothing skipped"
	}
	parts := make([]string, 0, len(skipped))
	for _, k := range slices.Sorted(maps.Keys(skipped)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, skipped[k]))
	}
	return "skipped: " + strings.Join(parts, ", ")
}

// ReadInputs reads the inputs c names (or the embedded demo) exactly as
// Run does, streets cut to the buildings' box plus c.StreetMarginM, and
// returns them without scanning or writing anything. The sweep pipeline
// (module sweep/) reads a country this way and scans it buurt by buurt.
func ReadInputs(ctx context.Context, c Config) (wijkanalyse.Input, error) {
	run := &scanRun{files: map[string]string{}, timings: map[string]float64{}}
	if err := readInputs(ctx, &c, run, silent{}); err != nil {
		return wijkanalyse.Input{}, err
	}
	return run.in, nil
}

// ReadAreas reads a buurt polygons file (CBS wijk- en buurtkaart; GeoJSON
// or GeoPackage) as --areas does.
func ReadAreas(path string) ([]geodata.Area, geodata.Report, error) {
	var rep geodata.Report
	as, err := readAreas(nil, path, "", geodata.AreaBuurt, &rep, nil)
	return as, rep, err
}

// incomes gives each building of res the CBS income of the area that
// holds its centroid (0 when none does or the area has no figure).
func incomes(res *wijkanalyse.Result, areas []geodata.Area) []float64 {
	known := false
	for _, a := range areas {
		known = known || a.IncomeKEUR > 0
	}
	if !known {
		return nil
	}
	out := make([]float64, len(res.Buildings))
	for i := range res.Buildings {
		c := res.Buildings[i].Centroid
		for _, a := range areas {
			if a.IncomeKEUR > 0 && a.Geometry.Bound().Contains(c) && planar.MultiPolygonContains(a.Geometry, c) {
				out[i] = a.IncomeKEUR
				break
			}
		}
	}
	return out
}
