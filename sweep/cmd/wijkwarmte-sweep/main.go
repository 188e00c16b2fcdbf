// Command wijkwarmte-sweep runs a Monte Carlo robustness sweep over the
// buurten of an areas file as an Apache Beam pipeline (package sweep) and
// writes one Parquet file with a row per buurt and strategy.
//
//	wijkwarmte-sweep --buildings bag.gpkg --vbo bag.gpkg --streets nwb.gpkg \
//	    --areas wijkenbuurten.gpkg --draws 100 --seed 1 --out sweep.parquet
//	wijkwarmte-sweep --buildings gs://b/bag.gpkg --streets gs://b/nwb.gpkg \
//	    --areas gs://b/buurten.gpkg --draws 100 --out gs://b/sweep.parquet \
//	    --runner dataflow --project P --region europe-west4 \
//	    --temp_location gs://b/tmp --staging_location gs://b/staging
//	wijkwarmte-sweep ... --runner universal --endpoint localhost:8099   # Flink/Spark job server
//
// Every buurt is read and scanned as `wijkwarmte batch` does. Beam's own flags (--runner, default prism;
// --endpoint (the job service), --environment_type, the Dataflow flags)
// are accepted as by any Beam Go pipeline. Exit status: 0 ok, 1 a failed
// run (one line on stderr), 2 a usage error.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/wijkwarmte/wijkwarmte/sweep"
)

// defineFlags adds the sweep's flags to fs (flag.CommandLine in main,
// beside the flags Beam's packages register there).
func defineFlags(fs *flag.FlagSet) (*sweep.Config, *int64, *string) {
	var c sweep.Config
	seed := new(int64)
	fs.StringVar(&c.Buildings, "buildings", "", "buildings `FILE` (as wijkwarmte scan; local, gs:// or s3://)")
	fs.StringVar(&c.Layer, "layer", "", "GeoPackage `LAYER` of the buildings")
	fs.StringVar(&c.VBO, "vbo", "", "BAG verblijfsobjecten `FILE`")
	fs.StringVar(&c.VBOLayer, "vbo-layer", "", "GeoPackage `LAYER` of the verblijfsobjecten")
	fs.StringVar(&c.Addresses, "addresses", "", "address points `FILE`")
	fs.StringVar(&c.Labels, "ep-online", "", "EP-Online export `FILE` (scan's --labels; Beam's Dataflow runner owns --labels)")
	fs.StringVar(&c.Streets, "streets", "", "street centrelines `FILE`")
	fs.StringVar(&c.StreetsLayer, "streets-layer", "", "GeoPackage `LAYER` of the streets")
	fs.StringVar(&c.Water, "water", "", "surface water `FILE`")
	fs.StringVar(&c.Areas, "areas", "", "buurt polygons `FILE` (required): the elements of the sweep")
	fs.StringVar(&c.Sources, "sources", "", "heat sources `FILE`")
	fs.StringVar(&c.Kentallen, "kentallen", "", "parameter `PROFILE` (as wijkwarmte scan; default the standard set)")
	fs.Float64Var(&c.StreetMarginM, "street-margin", 250, "read streets within this many `METRES` of a buurt's bound")
	fs.StringVar(&c.ParamsFile, "params", "", "parameter overrides `FILE` (read by every worker: give a path the workers reach)")
	fs.IntVar(&c.Year, "year", 0, "base `YEAR` of the cost evaluation")
	fs.IntVar(&c.RouteWork, "route-work", 0, "Steiner local-search bound per routing round (0: the solver's default)")
	fs.IntVar(&c.Draws, "draws", 100, "`N` draws per buurt (at least 1)")
	fs.Int64Var(seed, "seed", 1, "`SEED` of the draws (0 or more); draw i is the same parameter set in every buurt")
	fs.BoolVar(&c.Reroute, "reroute", false, "every draw expands and routes its own network (about one scan's routing per draw)")
	fs.IntVar(&c.DrawsPerTask, "draws-per-task", 0, "split each buurt's draws into tasks of at most `N` (0: one task per buurt)")
	out := fs.String("out", "", "output Parquet `PATH` (local, gs:// or s3://; required)")
	return &c, seed, out
}

func main() {
	c, seedp, out := defineFlags(flag.CommandLine)
	seed := *seedp
	flag.Parse()
	beam.Init()
	usage := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, "wijkwarmte-sweep: "+format+"\n", a...)
		os.Exit(2)
	}
	switch {
	case flag.NArg() > 0:
		usage("unexpected argument %q", flag.Arg(0))
	case c.Areas == "":
		usage("--areas FILE is required")
	case c.Buildings == "":
		usage("--buildings FILE is required (BAG panden as GeoPackage, GeoParquet or GeoJSON)")
	case *out == "":
		usage("--out PATH is required")
	case c.Draws < 1:
		usage("--draws %d: want at least 1", c.Draws)
	case seed < 0:
		usage("--seed %d: want 0 or more", seed)
	case c.DrawsPerTask < 0:
		usage("--draws-per-task must not be negative")
	}
	c.Seed = uint64(seed)
	p, s := beam.NewPipelineWithRoot()
	if err := sweep.Build(s, *c, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wijkwarmte-sweep:", err)
		os.Exit(1)
	}
	// Beam's loopback mode (Prism, the default runner) leaves an empty
	// file beamloopbackworker-* in the temporary folder on every run
	// (runnerlib.Execute, apache/beam#27569): the run gets a temporary
	// folder of its own, removed when it ends.
	tmp, err := os.MkdirTemp("", "wijkwarmte-sweep-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "wijkwarmte-sweep:", err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", tmp)
	err = beamx.Run(context.Background(), p)
	os.RemoveAll(tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wijkwarmte-sweep:", err)
		os.Exit(1)
	}
}
