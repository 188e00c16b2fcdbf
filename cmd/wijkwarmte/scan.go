package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

func init() {
	register("scan", command{
		summary: "analyse one wijk: buildings, heat options, heat network, costs -> report",
		run:     runScan,
	})
}

const scanSynopsis = "scan --out DIR [input flags] [--params FILE] [--scenario FILE]"

const scanHelp = `
Scans one wijk: reads the buildings (and, where given, verblijfsobjecten or
address points, EP-Online labels, streets, surface water, buurten, heat
sources), classifies every pand, scores the heat options, routes a heat
network along the streets and prices every strategy. With no input flags it
scans the embedded demo wijk (Delft, Wippolder; OpenStreetMap, ODbL).

Input files are recognised by their extension: .gpkg (GeoPackage, e.g. PDOK
BAG), .geojson/.json, .parquet (GeoParquet), .osm.pbf (OpenStreetMap: its
buildings, and its highways and address nodes unless --streets or
--addresses are given), .csv (EP-Online labels, heat sources). Coordinates
are read in the file's CRS (EPSG:28992 or EPSG:4326) and written in
EPSG:28992.

Outputs in --out DIR:
  summary.json         key numbers (stable keys, see README)
  buildings.parquet    GeoParquet 1.1, one row per pand (EPSG:28992)
  network.parquet      GeoParquet 1.1, one row per pipe segment
  network.geojson      the same segments as GeoJSON (EPSG:28992)
  buildings.geojson    with --geojson
  startanalyse.csv     indicators as rows, strategies as columns (';')
  report.html          maps, charts and tables in one self-contained file

Exit status: 0 ok, 1 bad input (one line naming the file and feature),
2 usage error.

Examples:
  wijkwarmte scan --out out
  wijkwarmte scan --buildings bag.gpkg --layer pand --vbo bag.gpkg \
      --labels ep-online.csv --streets nwb.gpkg --out out
  wijkwarmte scan --buildings wijk.osm.pbf --year 2035 --geojson --out out
  wijkwarmte scan --scenario scenarios.csv --out out
`

// scanConfig holds the flags of scan.
type scanConfig struct {
	buildings, layer     string
	vbo, vboLayer        string
	addresses            string
	labels               string
	streets, streetLayer string
	water, areas         string
	sources              string
	params, scenario     string
	out                  string
	year                 int
	geojson, quiet       bool
	streetMarginM        float64
	workers              int
}

func (c *scanConfig) anyInput() bool {
	return c.buildings != "" || c.vbo != "" || c.addresses != "" || c.labels != "" || c.streets != "" ||
		c.water != "" || c.areas != "" || c.sources != ""
}

func scanFlags(stderr io.Writer) (*flag.FlagSet, *scanConfig) {
	c := &scanConfig{}
	fs := newFlagSet("scan", scanSynopsis, stderr)
	fs.StringVar(&c.buildings, "buildings", "", "buildings `FILE`: BAG pand GeoPackage, GeoParquet, GeoJSON or OSM .osm.pbf")
	fs.StringVar(&c.layer, "layer", "", "GeoPackage `LAYER` of the buildings (default: the pand layer)")
	fs.StringVar(&c.vbo, "vbo", "", "BAG verblijfsobjecten `FILE` (GeoPackage, GeoParquet, GeoJSON): dwellings, floor area, use")
	fs.StringVar(&c.vboLayer, "vbo-layer", "", "GeoPackage `LAYER` of the verblijfsobjecten (default: the verblijfsobject layer)")
	fs.StringVar(&c.addresses, "addresses", "", "address points `FILE`, to count dwellings when there are no verblijfsobjecten")
	fs.StringVar(&c.labels, "labels", "", "EP-Online energy label export `FILE` (CSV)")
	fs.StringVar(&c.streets, "streets", "", "street centrelines `FILE` (NWB, BGT, OSM; GeoPackage, GeoJSON, GeoParquet, .osm.pbf)")
	fs.StringVar(&c.streetLayer, "streets-layer", "", "GeoPackage `LAYER` of the streets")
	fs.StringVar(&c.water, "water", "", "surface water polygons `FILE`, for aquathermie")
	fs.StringVar(&c.areas, "areas", "", "buurt polygons `FILE` (CBS wijk- en buurtkaart) to report per buurt")
	fs.StringVar(&c.sources, "sources", "", "heat sources `FILE`: CSV name,kind,x,y[,capacity_kw][,temperature_c] in EPSG:28992, or points")
	fs.StringVar(&c.params, "params", "", "parameter overrides `FILE` (CSV name,value[,min,max],unit; see 'wijkwarmte params')")
	fs.StringVar(&c.scenario, "scenario", "", "scenarios `FILE` (CSV scenario,name,value[,min,max],unit): every scenario is run and compared")
	fs.StringVar(&c.out, "out", "", "output `DIR` (created if needed; existing outputs are replaced)")
	fs.IntVar(&c.year, "year", 0, "`YEAR` the costs are evaluated for (default 2030)")
	fs.BoolVar(&c.geojson, "geojson", false, "also write buildings.geojson")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress bars on stderr")
	fs.Float64Var(&c.streetMarginM, "street-margin", 250, "keep streets within this many `METRES` of the buildings' bounding box")
	fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "`N` goroutines for the per-building stages")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: wijkwarmte %s\n%s\nflags:\n", scanSynopsis, scanHelp)
		fs.PrintDefaults()
	}
	return fs, c
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs, c := scanFlags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q (input files are given with flags, see -h)", fs.Arg(0))
	case c.out == "":
		return usagef("--out DIR is required")
	case c.year != 0 && (c.year < 2020 || c.year > 2100):
		return usagef("--year %d: want a year between 2020 and 2100", c.year)
	case c.streetMarginM < 0:
		return usagef("--street-margin must not be negative")
	case c.workers < 1:
		return usagef("--workers must be at least 1")
	case c.buildings == "" && c.anyInput():
		return usagef("--buildings is required when other input flags are given (no flags at all: the demo wijk)")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	prog := newProgress(stderr, c.quiet)
	run, err := scan(ctx, c, prog)
	if err != nil {
		return err
	}
	if !c.quiet {
		fmt.Fprintf(stdout, "%s: %d panden, %d on the network, best strategy %s; outputs in %s\n",
			run.summary.Wijk, run.summary.Input.BuildingsUsed, run.summary.Network.Connected,
			orDefault(run.summary.BestStrategy, "(none feasible)"), c.out)
	}
	return nil
}

// scanRun is everything one scan produced.
type scanRun struct {
	wijk      string
	files     map[string]string
	in        wijkanalyse.Input
	params    *kosten.Params
	res       *wijkanalyse.Result
	scenarios []scenarioResult
	summary   *report.Summary
	streets   []orb.LineString
	water     []orb.MultiPolygon
	timings   map[string]float64
	notes     []string
}

type scenarioResult struct {
	name      string
	overrides []string
	res       *wijkanalyse.Result
}

// scan reads the inputs, runs the analysis (once per scenario) and writes
// the outputs.
func scan(ctx context.Context, c *scanConfig, prog *progress) (*scanRun, error) {
	run := &scanRun{files: map[string]string{}, timings: map[string]float64{}}
	t0 := time.Now()
	lap := func(name string, since time.Time) {
		run.timings[name] = float64(time.Since(since).Microseconds()) / 1000
	}

	params, err := loadParams(c.params)
	if err != nil {
		return nil, err
	}
	run.params = params
	var scens []scenarioDef
	if c.scenario != "" {
		if scens, err = readScenarios(c.scenario); err != nil {
			return nil, err
		}
	}

	t := time.Now()
	if err := readInputs(ctx, c, run, prog); err != nil {
		return nil, err
	}
	lap("read", t)

	opts := wijkanalyse.Options{Year: c.year, Workers: c.workers, Params: params}
	opts.Progress = func(stage string, done, total int) {
		if prog.stage != stageName(stage) {
			prog.start(stageName(stage), total, stageUnit(stage))
		}
		prog.set(done, total)
	}
	t = time.Now()
	res, err := wijkanalyse.Scan(ctx, run.in, opts)
	prog.finish()
	if err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	run.res = &res
	lap("analyse", t)

	for _, sc := range scens {
		t = time.Now()
		p, err := sc.apply(params)
		if err != nil {
			return nil, err
		}
		opts.Progress = nil
		opts.Params = p
		prog.start("scenario "+sc.name, 0, "")
		r, err := wijkanalyse.Scan(ctx, run.in, opts)
		prog.finish()
		if err != nil {
			return nil, fmt.Errorf("scenario %q: analysis: %w", sc.name, err)
		}
		run.scenarios = append(run.scenarios, scenarioResult{name: sc.name, overrides: sc.names(), res: &r})
		lap("scenario "+sc.name, t)
	}

	t = time.Now()
	if err := writeOutputs(c, run, t0, prog); err != nil {
		return nil, err
	}
	lap("write", t)
	return run, nil
}

func stageName(s string) string {
	switch s {
	case "classify", "demand", "options":
		return "classifying"
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
	}
	return "panden"
}

// readInputs reads every input file (or the demo) into run.in.
func readInputs(ctx context.Context, c *scanConfig, run *scanRun, prog *progress) error {
	in := &run.in
	if !c.anyInput() {
		run.wijk = demo.Name
		run.files["buildings"] = demo.FileName
		run.files["streets"] = demo.FileName
		run.files["addresses"] = demo.FileName
		if err := readOSM(ctx, demo.FileName, in, osmWant{true, true, true}, prog); err != nil {
			return err
		}
		run.notes = append(run.notes, "Demo: OpenStreetMap-extract van Delft (TU-campus, Wippolder, Voorhof-Noord). "+demo.Attribution+".")
	} else {
		run.wijk = wijkName(c.buildings)
		run.files["buildings"] = c.buildings
		fm, err := detect(c.buildings)
		if err != nil {
			return err
		}
		if fm == geodata.FormatOSMPBF {
			wantStreets, wantAddr := c.streets == "", c.addresses == "" && c.vbo == ""
			if wantStreets {
				run.files["streets"] = c.buildings
			}
			if wantAddr {
				run.files["addresses"] = c.buildings
			}
			if err := readOSM(ctx, c.buildings, in, osmWant{true, wantStreets, wantAddr}, prog); err != nil {
				return err
			}
		} else if err := readBuildings(ctx, c, in, prog); err != nil {
			return err
		}
		if err := readOthers(ctx, c, run, prog); err != nil {
			return err
		}
	}
	if len(in.Panden) == 0 {
		return &geodata.FeatureError{File: run.files["buildings"], Feature: -1,
			Err: fmt.Errorf("no usable buildings (%d read; skipped: %v)", in.BuildingsReport.Read, in.BuildingsReport.Skipped)}
	}
	// Keep the streets near the buildings: an extract's roads may run far
	// outside the wijk, and the routing need not see them.
	if len(in.Streets) > 0 {
		b := in.Panden[0].Footprint.Bound()
		for i := range in.Panden {
			b = b.Union(in.Panden[i].Footprint.Bound())
		}
		m := c.streetMarginM
		b = orb.Bound{Min: orb.Point{b.Min[0] - m, b.Min[1] - m}, Max: orb.Point{b.Max[0] + m, b.Max[1] + m}}
		before := len(in.Streets)
		in.Streets = clipStreets(in.Streets, b)
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
		if len(base) > len(ext) && equalFold(base[len(base)-len(ext):], ext) {
			return base[:len(base)-len(ext)]
		}
	}
	return base
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// readBuildings streams, validates and de-duplicates the panden.
func readBuildings(ctx context.Context, c *scanConfig, in *wijkanalyse.Input, prog *progress) error {
	var rep geodata.Report
	r, err := openPanden(c.buildings, c.layer, &rep)
	if err != nil {
		return err
	}
	defer r.Close()
	prog.start("reading", 0, "panden")
	defer prog.finish()
	v := geodata.NewValidator()
	dd := geodata.NewDedup(&v.Report)
	buf := make([]geodata.Pand, 512)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := r.Read(buf)
		for i := range buf[:n] {
			if v.Pand(&buf[i]) {
				dd.Add(buf[i])
			}
		}
		prog.set(rep.Read, 0)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	in.Panden = dd.Panden()
	in.BuildingsReport = mergeReports(rep, v.Report)
	in.CRS = "EPSG:28992"
	return nil
}

// mergeReports joins the reader's report (every record seen) and the
// validator's (the records the reader handed on): Read is the reader's,
// Used the validator's, Skipped and Repaired the union.
func mergeReports(reader, valid geodata.Report) geodata.Report {
	out := geodata.Report{Read: reader.Read, Used: valid.Used}
	for _, r := range []geodata.Report{reader, valid} {
		for k, n := range r.Skipped {
			for range n {
				out.Skip(k)
			}
		}
		for k, n := range r.Repaired {
			for range n {
				out.Repair(k)
			}
		}
	}
	if reader.Read == 0 { // a reader that does not count
		out.Read = valid.Read
	}
	return out
}

// readOthers reads the optional inputs.
func readOthers(ctx context.Context, c *scanConfig, run *scanRun, prog *progress) error {
	in := &run.in
	if c.vbo != "" {
		run.files["verblijfsobjecten"] = c.vbo
		vbos, err := readVBOs(c.vbo, c.vboLayer)
		if err != nil {
			return err
		}
		in.Verblijfsobjecten = vbos
	}
	if c.addresses != "" {
		run.files["addresses"] = c.addresses
		var rep geodata.Report
		var err error
		if fm, _ := detect(c.addresses); fm == geodata.FormatOSMPBF {
			err = readOSM(ctx, c.addresses, in, osmWant{addresses: true}, prog)
		} else {
			in.Addresses, err = readAddresses(c.addresses, "", &rep)
		}
		if err != nil {
			return err
		}
	}
	if c.labels != "" {
		run.files["labels"] = c.labels
		labels, _, err := readLabels(c.labels)
		if err != nil {
			return err
		}
		in.Labels = labels
	}
	if c.streets != "" {
		run.files["streets"] = c.streets
		var rep geodata.Report
		var err error
		if fm, _ := detect(c.streets); fm == geodata.FormatOSMPBF {
			err = readOSM(ctx, c.streets, in, osmWant{streets: true}, prog)
		} else {
			in.Streets, err = readStreets(c.streets, c.streetLayer, &rep)
			in.StreetsReport = rep
		}
		if err != nil {
			return err
		}
	}
	if c.water != "" {
		run.files["water"] = c.water
		var rep geodata.Report
		w, err := readAreas(c.water, "", geodata.AreaWater, &rep)
		if err != nil {
			return err
		}
		in.Water = w
	}
	if c.areas != "" {
		run.files["areas"] = c.areas
		var rep geodata.Report
		a, err := readAreas(c.areas, "", geodata.AreaBuurt, &rep)
		if err != nil {
			return err
		}
		in.Areas = a
	}
	if c.sources != "" {
		run.files["sources"] = c.sources
		s, err := readSources(c.sources)
		if err != nil {
			return err
		}
		in.Sources = s
	}
	return nil
}
