package benchmarks

import (
	"context"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

// BenchmarkScanDemo runs the whole "wijkwarmte scan" job on the embedded
// demo wijk (Delft, Wippolder; 3,448 panden, 3,841 OSM highways, 8,932
// address nodes): read the OSM extract, validate, classify, route and
// expand the network, price every option, and write every output file
// (summary.json, two GeoParquet files, GeoJSON, CSV, report.html) into a
// temporary directory. The target is under 2 s per scan on one core
// (GOMAXPROCS=1, Workers=1); see benchmarks/README.md.
func BenchmarkScanDemo(b *testing.B) {
	for _, bc := range []struct {
		name    string
		geojson bool
	}{
		{"outputs=default", false},
		{"outputs=with-buildings-geojson", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			dir := b.TempDir()
			for b.Loop() {
				out, err := scan.Run(context.Background(), scan.Config{Out: dir, GeoJSON: bc.geojson, Workers: 1, StreetMarginM: 250})
				if err != nil {
					b.Fatal(err)
				}
				if out.Summary.Input.BuildingsUsed < 3000 {
					b.Fatalf("demo scan used %d panden", out.Summary.Input.BuildingsUsed)
				}
			}
		})
	}
}
