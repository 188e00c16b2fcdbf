package benchmarks

import (
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/batch"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

// TestBatchCountry runs the batch of benchmarks/README.md ("batch: a
// synthetic country") in the test process on the synthnl country in
// WIJKWARMTE_BATCH_COUNTRY, 2 workers, under the collector settings of
// `wijkwarmte batch` (GOGC 400, 3 GiB soft limit: cmd/wijkwarmte/gc.go),
// so that go test's -cpuprofile and -memprofile see what the command
// spends; outputs in WIJKWARMTE_BATCH_OUT or a temporary folder. It
// checks that no pand is lost. Skipped without the variable:
//
//	go test -c -o /tmp/b.test ./benchmarks
//	cd benchmarks && WIJKWARMTE_BATCH_COUNTRY=/tmp/nl100000 /tmp/b.test -test.run TestBatchCountry -test.cpuprofile /tmp/cpu.prof
func TestBatchCountry(t *testing.T) {
	nl := os.Getenv("WIJKWARMTE_BATCH_COUNTRY")
	if nl == "" {
		t.Skip("set WIJKWARMTE_BATCH_COUNTRY to a synthnl country")
	}
	out := os.Getenv("WIJKWARMTE_BATCH_OUT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "out")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(3 << 30))
	bag := filepath.Join(nl, "bag.gpkg")
	cfg := batch.Config{
		Scan: scan.Config{Buildings: bag, Layer: "pand", VBO: bag, VBOLayer: "verblijfsobject",
			Streets: filepath.Join(nl, "wegvakken.gpkg"), Labels: filepath.Join(nl, "ep-online.csv"), StreetMarginM: 250},
		Areas: filepath.Join(nl, "wijkenbuurten.gpkg"), Workers: 2, Out: out, Restart: true,
	}
	sum, err := batch.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	in := sum.Input
	if in.BuildingsRead == nil || in.PandenOutsideAreas == nil || in.PandenWithoutGeometry == nil {
		t.Fatalf("a GeoPackage country gives every count: %+v", in)
	}
	skipped := 0
	for _, n := range in.Skipped {
		skipped += n
	}
	if *in.BuildingsRead != in.PandenInAreas+*in.PandenOutsideAreas+*in.PandenWithoutGeometry || in.PandenInAreas != in.BuildingsUsed+skipped {
		t.Fatalf("panden lost: read %d, in buurten %d, outside %d, without geometry %d, used %d, skipped %d",
			*in.BuildingsRead, in.PandenInAreas, *in.PandenOutsideAreas, *in.PandenWithoutGeometry, in.BuildingsUsed, skipped)
	}
	t.Logf("%d panden read, %d used in %d buurten", *in.BuildingsRead, in.BuildingsUsed, in.Buurten)
}
