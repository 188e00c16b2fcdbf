package benchmarks

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/batch"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
)

// BenchmarkBatch runs the whole "wijkwarmte batch" job on a small
// synthetic country (internal/synthnl, 10,000 panden in three gemeenten):
// every buurt read through the GeoPackage R-trees, scanned, routed and
// priced on its own, then the outputs assembled. It reports panden/s; the
// scale runs on larger countries are commands in benchmarks/README.md.
func BenchmarkBatch(b *testing.B) {
	dir := b.TempDir()
	nl := filepath.Join(dir, "nl")
	st, err := synthnl.Write(context.Background(), nl, synthnl.Options{Panden: 10000})
	if err != nil {
		b.Fatal(err)
	}
	bag := filepath.Join(nl, synthnl.BAGFile)
	cfg := batch.Config{
		Scan: scan.Config{Buildings: bag, Layer: "pand", VBO: bag, VBOLayer: "verblijfsobject",
			Streets: filepath.Join(nl, synthnl.StreetsFile), Labels: filepath.Join(nl, synthnl.LabelsFile), StreetMarginM: 250},
		Areas: filepath.Join(nl, synthnl.AreasFile), Workers: 1,
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		cfg.Out = filepath.Join(dir, "out")
		cfg.Restart = true
		sum, err := batch.Run(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Input.PandenInAreas != st.Panden {
			b.Fatalf("%d panden in buurten, wrote %d", sum.Input.PandenInAreas, st.Panden)
		}
		n++
	}
	b.ReportMetric(float64(n*st.Panden)/b.Elapsed().Seconds(), "panden/s")
}
