package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/wijkwarmte/wijkwarmte/internal/dashboard"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/kader"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func init() {
	register("scan", command{
		summary: "analyse one wijk: buildings, heat options, heat network, costs -> report",
		run:     runScan,
	})
}

const scanSynopsis = "scan [--out DIR] [input flags] [--kentallen PROFILE] [--params FILE] [--scenario FILE]"

const scanHelp = `
Scans one wijk: reads the buildings (and, where given, verblijfsobjecten or
address points, EP-Online labels, streets, surface water, buurten, heat
sources), classifies every pand, scores the heat options, routes a heat
network along the streets and prices every strategy. Without --buildings it
scans the embedded demo wijk (Delft, Wippolder; OpenStreetMap, ODbL); --labels,
--water, --areas and --sources may be given with the demo.

Input files are recognised by their first bytes: .gpkg (GeoPackage, e.g. PDOK
BAG), .geojson/.json, .parquet (GeoParquet), .osm.pbf (OpenStreetMap: its
buildings, and its highways, address nodes and surface-water areas unless
--streets, --addresses or --water are given), .csv (EP-Online labels, heat
sources). Coordinates are read in the file's CRS (EPSG:28992 or EPSG:4326)
and written in EPSG:28992.

Outputs in --out DIR (default ./out):
  summary.json         key numbers (stable keys, see README)
  buildings.parquet    GeoParquet 1.1, one row per pand (EPSG:28992)
  network.parquet      GeoParquet 1.1, one row per pipe segment
  wijkwarmte.gpkg      GeoPackage: layers panden and netwerk (for QGIS, GDAL 3.6)
  network.geojson      the segments as RFC 7946 GeoJSON (WGS84, for web maps)
  buildings.geojson    with --geojson, the panden as RFC 7946 GeoJSON
  *_rd.geojson         with --geojson-rd, the GeoJSON files in EPSG:28992
  startanalyse.csv     indicators as rows, strategies as columns (';')
  report.html          maps, charts and tables in one self-contained file
  answers.json         every pand's answer, for 'wijkwarmte adres --out DIR'
  manifest.json        every file of the set with its SHA-256, written last

The files are written as one set: into a staging folder beside --out and
switched in by one rename, so an interrupted run leaves the previous set.

Exit status: 0 ok, 1 bad input (one line naming the file and feature),
2 usage error.

Examples:
  wijkwarmte scan --out out
  wijkwarmte scan --buildings bag.gpkg --layer pand --vbo bag.gpkg \
      --labels ep-online.csv --streets nwb.gpkg --out out
  wijkwarmte scan --buildings wijk.osm.pbf --year 2035 --geojson --out out
  wijkwarmte scan --scenario scenarios.csv --out out
`

func scanFlags(stderr io.Writer) (*flag.FlagSet, *scan.Config, *bool, *int64) {
	c := &scan.Config{}
	quiet := new(bool)
	seed := new(int64)
	fs := newFlagSet("scan", scanSynopsis, stderr)
	fs.StringVar(&c.Buildings, "buildings", "", "buildings `FILE`: BAG pand GeoPackage, GeoParquet, GeoJSON or OSM .osm.pbf")
	fs.StringVar(&c.Layer, "layer", "", "GeoPackage `LAYER` of the buildings (default: the pand layer)")
	fs.Func("columns", "read the buildings file's columns under other names: `COLUMN=FIELD,...` with FIELD one of "+strings.Join(geodata.PandFields, ", ")+" (GeoPackage and GeoParquet)", func(v string) error {
		m, err := geodata.ParseColumnMap(v)
		c.Columns = m
		return err
	})
	fs.StringVar(&c.VBO, "vbo", "", "BAG verblijfsobjecten `FILE` (GeoPackage verblijfsobject layer): dwellings, floor area, use")
	fs.StringVar(&c.VBOLayer, "vbo-layer", "", "GeoPackage `LAYER` of the verblijfsobjecten (default: the verblijfsobject layer)")
	fs.StringVar(&c.Addresses, "addresses", "", "address points `FILE` (GeoJSON, GeoPackage or .osm.pbf), to count dwellings when there are no verblijfsobjecten")
	fs.StringVar(&c.Labels, "labels", "", "EP-Online energy label export `FILE` (CSV)")
	fs.StringVar(&c.Streets, "streets", "", "street centrelines `FILE` (NWB, BGT, OSM; GeoPackage, GeoJSON or .osm.pbf)")
	fs.StringVar(&c.StreetsLayer, "streets-layer", "", "GeoPackage `LAYER` of the streets")
	fs.StringVar(&c.Water, "water", "", "surface water polygons `FILE` (GeoJSON or GeoPackage), for aquathermie (default: the water areas of an OSM extract, the demo's included)")
	fs.StringVar(&c.Areas, "areas", "", "buurt polygons `FILE` (CBS wijk- en buurtkaart; GeoJSON or GeoPackage) to report per buurt")
	fs.StringVar(&c.Sources, "sources", "", "heat sources `FILE`: CSV name,kind,x,y[,capacity_kw][,temperature_c] in EPSG:28992, or points")
	fs.StringVar(&c.Works, "works", "", "planned street works `FILE` (GeoJSON or GeoPackage lines or polygons with properties kind: riolering, herinrichting or kabels_en_leidingen, and year): the network's trench along works within net.works.window years of the base year is net.works.trench_share cheaper, and the routing sees it (see testdata/works-voorbeeld.geojson)")
	fs.StringVar(&c.WorksLayer, "works-layer", "", "GeoPackage `LAYER` of the planned works")
	fs.StringVar(&c.ExistingNetwork, "existing-network", "", "existing heat network `FILE` (GeoJSON or GeoPackage lines with property dn: 150 or DN150; optional id, year, owner, kind, temperature): streets along an existing pipe (within net.existing.buffer, 8 m, of the centreline and net.existing.max_angle, 30 degrees, of its direction; change them with --params) are reused before new pipe is laid, no trench and no new pipe, unless the pipe is too small for the load; pipe farther than that from every street (a park, a courtyard) joins the streets where it comes within net.existing.buffer of them; reused pipe loses heat at its own DN (see testdata/bestaand-net-voorbeeld.geojson)")
	fs.StringVar(&c.ExistingNetworkLayer, "existing-network-layer", "", "GeoPackage `LAYER` of the existing heat network")
	fs.StringVar(&c.NetworkRules, "network-rules", "", "network rules `FILE` (CSV rule,street,bag_id,factor,reason or GeoJSON with those properties): streets forbidden (verboden) or preferred (voorkeur, with a weight factor), panden required (verplicht) or excluded (uitgesloten) by BAG id (see testdata/netwerkregels-voorbeeld.csv)")
	fs.StringVar(&c.Kentallen, "kentallen", "", kentallenUsage)
	fs.StringVar(&c.ParamsFile, "params", "", "parameter overrides `FILE` (CSV name,value[,min,max],unit; see 'wijkwarmte params')")
	fs.StringVar(&c.Scenario, "scenario", "", "scenarios `FILE` (CSV scenario,name,value[,min,max],unit): every scenario is run and compared")
	fs.StringVar(&c.KaderFile, "kader", "", "the municipality's kader `FILE` (CSV: criterion/criterium, exclude/uitsluiten, require/vereist, goal/doel rows; see testdata/kader-voorbeeld.csv): scores every strategy and names the preferred one (summary.json assessment, the report's Toetsingskader section)")
	fs.StringVar(&c.Out, "out", "out", "output `DIR` (created if needed; existing outputs are replaced)")
	fs.IntVar(&c.Year, "year", 0, "base `YEAR` of the cost evaluation (parameter eval.base_year; default from the parameters)")
	fs.BoolVar(&c.GeoJSON, "geojson", false, "also write buildings.geojson")
	fs.BoolVar(&c.GeoJSONRD, "geojson-rd", false, "also write network_rd.geojson (and buildings_rd.geojson with --geojson) in EPSG:28992 with a crs member, for tools that honour it; the .geojson files are RFC 7946 (WGS84)")
	fs.BoolVar(quiet, "quiet", false, "no progress bars on stderr")
	floatFlag(fs, &c.StreetMarginM, "street-margin", 250, "keep streets within this many `METRES` of the buildings' bounding box")
	fs.IntVar(&c.Workers, "workers", runtime.GOMAXPROCS(0), "`N` goroutines for the per-building stages")
	floatFlag(fs, &c.RouteGap, "route-gap", 0, "stop each routing round's search once its tree is certified within `PCT` % of the lower bound (0: the solver's 0.2 %; 0.5 halves a batch's routing time)")
	fs.IntVar(&c.RouteWork, "route-work", 0, "bound the Steiner local search of each routing round to `N` steps (0: the solver's default; 400000 on the demo trades 2.6 % network cost for a 3x faster scan)")
	fs.IntVar(&c.Draws, "draws", 0, "Monte Carlo robustness: `N` draws over the parameter bands (summary.json robustness, a section in the report); at least 1 (default: no draws)")
	fs.BoolVar(&c.Reroute, "reroute", false, "with --draws: every draw runs the economic expansion with its own prices and routes its own network (about one scan's routing per draw) instead of pricing the scan's network")
	fs.Int64Var(seed, "seed", 1, "`SEED` of the draws' random stream (0 or more): the same seed gives the same draws")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: wijkwarmte %s\n%s\nflags:\n", scanSynopsis, scanHelp)
		fs.PrintDefaults()
	}
	return fs, c, quiet, seed
}

// selectFlags are --buurt, --wijk and --gemeente: CBS codes, comma
// separated, that limit a scan to those areas of the --areas file.
type selectFlags struct{ buurt, wijk, gemeente string }

func addSelectFlags(fs *flag.FlagSet) *selectFlags {
	s := &selectFlags{}
	fs.StringVar(&s.buurt, "buurt", "", "scan only these buurten of --areas: `CODES` such as BU05030901 (comma-separated); inputs are read within them through the files' spatial indexes")
	fs.StringVar(&s.wijk, "wijk", "", "scan only the buurten of these wijken of --areas: `CODES` such as WK050309")
	fs.StringVar(&s.gemeente, "gemeente", "", "scan only the buurten of these gemeenten of --areas: `CODES` such as GM0503")
	return s
}

// given returns the selection flag given on the command line (even as
// "", an empty shell variable), its value, and how many of the three were
// given.
func (s *selectFlags) given(fs *flag.FlagSet) (by scan.SelectBy, codes string, n int) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, f := range []struct {
		v  string
		by scan.SelectBy
	}{{s.buurt, scan.ByBuurt}, {s.wijk, scan.ByWijk}, {s.gemeente, scan.ByGemeente}} {
		if set[string(f.by)] {
			by, codes = f.by, f.v
			n++
		}
	}
	return by, codes, n
}

// splitCodes splits comma-separated codes, dropping empty ones.
func splitCodes(codes string) []string {
	var list []string
	for _, c := range strings.Split(codes, ",") {
		if c = strings.TrimSpace(c); c != "" {
			list = append(list, c)
		}
	}
	return list
}

// resolve reads the selected buurten from the areas file; nil when no
// selection flag was given. A flag given with no codes (--gemeente "", an
// empty shell variable) is a usage error, as in batch, not the whole file.
func (s *selectFlags) resolve(fs *flag.FlagSet, areas string) (*scan.Selection, error) {
	by, codes, n := s.given(fs)
	switch {
	case n == 0:
		return nil, nil
	case n > 1:
		return nil, usagef("give one of --buurt, --wijk and --gemeente")
	case areas == "":
		return nil, usagef("--%s needs --areas FILE (the CBS wijk- en buurtkaart) to find the codes in", by)
	}
	list := splitCodes(codes)
	if len(list) == 0 {
		return nil, usagef("--%s %q gives no codes (such as %s); leave the flag out to scan the whole file", by, codes, exampleCode[by])
	}
	sel, err := scan.SelectAreas(areas, by, list)
	if err != nil {
		return nil, err
	}
	return scan.NewSelection(sel), nil
}

// loadRules reads --network-rules into c.Rules before anything is
// scanned, so that a bad file is named at once (and a batch reads it once).
func loadRules(c *scan.Config) error {
	if c.NetworkRules == "" {
		return nil
	}
	r, err := geodata.ReadNetworkRules(c.NetworkRules)
	if err != nil {
		return fmt.Errorf("--network-rules: %w", err)
	}
	c.Rules = r
	return nil
}

// loadKader reads --kader into c.Kader before anything is scanned or
// written.
func loadKader(c *scan.Config) error {
	if c.KaderFile == "" {
		return nil
	}
	k, err := kader.Load(c.KaderFile)
	if err != nil {
		return fmt.Errorf("--kader: %w", err)
	}
	c.Kader = k
	return nil
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs, c, quiet, seed := scanFlags(stderr)
	selFlags := addSelectFlags(fs)
	csvf := addCSVFlags(fs)
	fs.Func("kleinverbruik", "a netbeheerder's kleinverbruik `FILE` (CSV; Stedin, Liander, Enexis layouts; the year in its name); repeat for more years: dwellings off gas and measured against modelled gas use per buurt (summary.json kleinverbruik, a section of the report)", func(s string) error {
		c.Kleinverbruik = append(c.Kleinverbruik, s)
		return nil
	})
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var err error
	if c.CSV, err = csvf.options(); err != nil {
		return err
	}
	if err := drawFlags(fs, &c.Draws, *seed, &c.Seed); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q (input files are given with flags, see -h)", fs.Arg(0))
	case c.Out == "":
		return usagef("--out DIR must not be empty")
	case c.Year != 0 && (c.Year < 2020 || c.Year > kosten.LastPriceYear):
		return usagef("--year %d: want a year between 2020 and %d (the KEV 2019 energy price paths end in %d)", c.Year, kosten.LastPriceYear, kosten.LastPriceYear)
	case c.StreetMarginM < 0:
		return usagef("--street-margin must not be negative")
	case c.Workers < 1:
		return usagef("--workers must be at least 1")
	case c.RouteGap < 0 || c.RouteGap >= 100:
		return usagef("--route-gap %g: want a percentage from 0 up to 100 (0: the solver's default)", c.RouteGap)
	case c.RouteWork < 0:
		return usagef("--route-work must not be negative (0: the solver's default)")
	case c.Buildings == "" && !c.Demo():
		return usagef("--buildings is required with --vbo, --addresses or --streets (without them: the demo wijk)")
	}
	c.RouteGap /= 100 // the flag is in percent, the library takes a fraction
	if err := checkKentallen(c.Kentallen); err != nil {
		return err
	}
	sel, err := selFlags.resolve(fs, c.Areas)
	if err != nil {
		return err
	}
	c.Select = sel
	if sel != nil && c.Demo() {
		return usagef("--buurt, --wijk and --gemeente need --buildings (a BAG GeoPackage, GeoParquet, GeoJSON or OSM PBF)")
	}
	params, err := loadParams(c.Kentallen, c.ParamsFile)
	if err != nil {
		return err
	}
	if err := loadKader(c); err != nil {
		return err
	}
	if err := loadRules(c); err != nil {
		return err
	}
	if err := dashboard.CheckKleinverbruik(c.Kleinverbruik); err != nil {
		return err
	}
	c.Params = params
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if p := newProgress(stderr, *quiet); p.w != nil {
		c.Progress = p
	}
	out, err := scan.Run(ctx, *c)
	if err != nil {
		return err
	}
	if !*quiet {
		s := out.Summary
		best := s.BestStrategy
		if best == "" {
			best = "(none feasible)"
		}
		fmt.Fprintf(stdout, "%s: %d panden, %d on the network, best strategy %s; outputs in %s\n",
			s.Wijk, s.Input.BuildingsUsed, s.Network.Connected, best, c.Out)
	}
	return nil
}
