package benchmarks

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// wijkanalyseDemo reads the Delft Wippolder OSM extract once: 3,448 valid
// panden with a BAG id, 8,932 address nodes, 3,841 highways.
var wijkanalyseDemo = sync.OnceValues(func() (wijkanalyse.Input, error) {
	const path = "../testdata/delft-wippolder/tudelft.osm.pbf"
	f, err := os.Open(path)
	if err != nil {
		return wijkanalyse.Input{}, err
	}
	defer f.Close()
	ex, err := geodata.ReadOSMPBF(context.Background(), f, path)
	if err != nil {
		return wijkanalyse.Input{}, err
	}
	panden, _ := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	return wijkanalyse.Input{Panden: panden, Addresses: ex.Addresses, Streets: ex.Streets}, nil
})

// BenchmarkWijkanalyse times the library on the Delft demo: Classify alone
// (era, use, dwellings, party walls with the grid index and GEOS,
// woningtype), and Scan with streets (classification, labels, demand,
// kosten pricing, warmtenet routing and economic expansion, aggregation)
// and without streets (network estimated from the footprints). One worker;
// run with GOMAXPROCS=1 for the one-core figure. cpu-ms/op is the process
// CPU time per operation (includes the GC).
func BenchmarkWijkanalyse(b *testing.B) {
	in, err := wijkanalyseDemo()
	if err != nil {
		b.Skipf("demo not readable: %v", err)
	}
	noStreets := in
	noStreets.Streets = nil
	b.Run("classify", func(b *testing.B) {
		b.ReportAllocs()
		c0 := cpuTime()
		for b.Loop() {
			if _, _, err := wijkanalyse.Classify(context.Background(), in, wijkanalyse.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	for _, bc := range []struct {
		name string
		in   wijkanalyse.Input
		opt  wijkanalyse.Options
	}{
		{"scan/streets", in, wijkanalyse.Options{}},
		// A bounded Steiner local search, as a national batch might run.
		{"scan/streets/route-work=400000", in, wijkanalyse.Options{RouteWork: 400_000}},
		{"scan/no-streets", noStreets, wijkanalyse.Options{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			c0 := cpuTime()
			var cost float64
			for b.Loop() {
				res, err := wijkanalyse.Scan(context.Background(), bc.in, bc.opt)
				if err != nil {
					b.Fatal(err)
				}
				cost = res.Network.CostEUR.Value
				if len(res.Buildings) != len(bc.in.Panden) {
					b.Fatalf("%d buildings out of %d", len(res.Buildings), len(bc.in.Panden))
				}
			}
			// Process CPU time per scan: on a loaded shared machine the
			// wall-clock ns/op overstates the work.
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(cost, "network-eur")
		})
	}
}
