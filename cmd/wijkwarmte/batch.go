package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/batch"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func init() {
	register("batch", command{
		summary: "scan every buurt of a CBS areas file (or of some gemeenten, wijken, buurten) from the national files",
		run:     runBatch,
	})
}

const batchSynopsis = "batch --areas FILE --buildings FILE [--gemeente CODES | --wijk CODES | --buurt CODES] [input flags] [--out DIR] [--workers N] [--restart]"

const batchHelp = `
Scans every buurt of the CBS wijk- en buurtkaart (--areas; a GeoPackage
with a "buurten" layer, or GeoJSON) as its own wijkanalyse: each buurt reads
its panden, verblijfsobjecten and streets within its own bound (through the
GeoPackage R-trees of the national PDOK and NWB files), routes its own
network and is priced on its own. A pand belongs to the buurt that holds a
point on its footprint's surface. Buurten with CBS water = JA and buurten
without panden get a row that says so; a buurt that fails gets status
failed and its reason, and the others go on (exit status 1 at the end).

The batch commits every buurt as it finishes: killed at any moment and
started again with the same command, it continues where it stopped and
ends with the outputs an uninterrupted run writes. If an input file changed
in between it says so; --restart begins anew.

The collector runs with GOGC=400 under a soft memory limit of 3 GiB (or
half the machine's memory when that is less); GOGC and GOMEMLIMIT in the
environment override them.

Outputs in --out DIR: buurten.parquet and buurten.gpkg (one row per buurt),
buildings/gemeentecode=GM..../part-0.parquet (per pand, as scan's
buildings.parquet), startanalyse/GM....csv, summary.json, report.html,
manifest.json.

With --draws N --seed S every buurt's scan also runs N Monte Carlo draws
over the parameter bands (as scan --draws), and buurten.parquet and
buurten.gpkg get per strategy _win_share, _national_eur_yr_p5/p50/p95 and
_enduser_eur_yr_per_dwelling_p50. For sweeps beyond one machine see the
Beam pipeline in sweep/ (README).

Example:
  wijkwarmte batch --areas wijkenbuurten.gpkg --gemeente GM0503 \
      --buildings bag.gpkg --vbo bag.gpkg --streets nwb.gpkg --labels ep-online.csv --out delft
`

// batchRefused are the flags of scan that batch refuses (a usage error
// in runBatch): its -h leaves them out.
var batchRefused = []string{"scenario", "geojson", "geojson-rd"}

// printDefaultsExcept is fs.PrintDefaults without the flags named in
// skip.
func printDefaultsExcept(fs *flag.FlagSet, w io.Writer, skip ...string) {
	shown := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	shown.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		if slices.Contains(skip, f.Name) {
			return
		}
		shown.Var(f.Value, f.Name, f.Usage)
		shown.Lookup(f.Name).DefValue = f.DefValue
	})
	shown.PrintDefaults()
}

// exampleCode is a code of each selection, for messages.
var exampleCode = map[scan.SelectBy]string{scan.ByBuurt: "BU05030901", scan.ByWijk: "WK050309", scan.ByGemeente: "GM0503"}

func runBatch(args []string, stdout, stderr io.Writer) error {
	fs, c, quiet, seed := scanFlags(stderr)
	sel := addSelectFlags(fs)
	// a batch scans --workers buurten at once, each on one goroutine
	fs.Lookup("workers").Usage = "`N` buurten scanned at once (each on one goroutine)"
	restart := fs.Bool("restart", false, "throw away an unfinished batch in --out instead of resuming it")
	csvf := addCSVFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: wijkwarmte %s\n%s\nflags:\n", batchSynopsis, batchHelp)
		printDefaultsExcept(fs, stderr, batchRefused...)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := drawFlags(fs, &c.Draws, *seed, &c.Seed); err != nil {
		return err
	}
	var err error
	if c.CSV, err = csvf.options(); err != nil {
		return err
	}
	bc := batch.Config{Scan: *c, Areas: c.Areas, Out: c.Out, Workers: c.Workers, Restart: *restart}
	by, codes, n := sel.given(fs)
	if n == 1 {
		bc.By, bc.Codes = by, splitCodes(codes)
		if len(bc.Codes) == 0 {
			// an empty shell variable must not start a batch of every buurt
			return usagef("--%s %q gives no codes (such as %s); leave the flag out to scan every buurt", by, codes, exampleCode[by])
		}
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q (input files are given with flags, see -h)", fs.Arg(0))
	case c.Areas == "":
		return usagef("--areas FILE is required: the CBS wijk- en buurtkaart whose buurten are scanned")
	case c.Buildings == "":
		return usagef("--buildings FILE is required (a BAG pand GeoPackage, GeoParquet or GeoJSON, or an OpenStreetMap .osm.pbf)")
	case n > 1:
		return usagef("give one of --buurt, --wijk and --gemeente")
	case c.Out == "":
		return usagef("--out DIR must not be empty")
	case c.Scenario != "":
		return usagef("--scenario is not supported by batch; run scan per buurt to compare scenarios")
	case c.GeoJSON || c.GeoJSONRD:
		return usagef("--geojson and --geojson-rd are not supported by batch, which writes no GeoJSON (buurten.gpkg and buildings/ open in QGIS); run scan --buurt CODE for a buurt's GeoJSON")
	case c.Year != 0 && (c.Year < 2020 || c.Year > kosten.LastPriceYear):
		return usagef("--year %d: want a year between 2020 and %d", c.Year, kosten.LastPriceYear)
	case c.StreetMarginM < 0:
		return usagef("--street-margin must not be negative")
	case c.Workers < 1:
		return usagef("--workers must be at least 1")
	case c.RouteGap < 0 || c.RouteGap >= 100:
		return usagef("--route-gap %g: want a percentage from 0 up to 100 (0: the solver's default)", c.RouteGap)
	case c.RouteWork < 0:
		return usagef("--route-work must not be negative (0: the solver's default)")
	}
	bc.Scan.RouteGap = c.RouteGap / 100 // the flag is in percent, the library takes a fraction
	if err := checkKentallen(c.Kentallen); err != nil {
		return err
	}
	params, err := loadParams(c.Kentallen, c.ParamsFile)
	if err != nil {
		return err
	}
	if err := loadKader(&bc.Scan); err != nil {
		return err
	}
	if err := loadRules(&bc.Scan); err != nil {
		return err
	}
	bc.Scan.Params = params
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if p := newProgress(stderr, *quiet); p.w != nil {
		bc.Progress = func(pr batch.Progress) {
			rate := float64(pr.Panden) / pr.Elapsed.Seconds()
			left := ""
			if n := pr.Done - pr.Resumed; n > 0 {
				per := pr.Elapsed / time.Duration(n)
				left = fmt.Sprintf(", nog %s", (per * time.Duration(pr.Total-pr.Done)).Round(time.Second))
			}
			p.Line(fmt.Sprintf("batch: %d/%d buurten, %.0f panden/s%s", pr.Done, pr.Total, rate, left), pr.Done == pr.Total)
		}
	}
	sum, err := batch.Run(ctx, bc)
	if err != nil && !errors.Is(err, batch.ErrFailed) {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%d buurten: %d ok, %d zonder panden, %d water, %d mislukt; %d panden; outputs in %s\n",
			sum.Input.Buurten, sum.Status[batch.StatusOK], sum.Status[batch.StatusEmpty], sum.Status[batch.StatusWater],
			sum.Status[batch.StatusFailed], sum.Input.BuildingsUsed, c.Out)
	}
	if err != nil {
		return fmt.Errorf("%d buurten failed (reasons in %s/summary.json and report.html)", sum.Status[batch.StatusFailed], c.Out)
	}
	return nil
}
