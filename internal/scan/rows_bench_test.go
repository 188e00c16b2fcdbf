package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWriteBuildingsParquet writes the demo's buildings.parquet, the
// per-pand GeoParquet that a batch writes once per buurt: with 500 panden
// (about a buurt of the synthetic and the real country) and with all
// 3,448.
func BenchmarkWriteBuildingsParquet(b *testing.B) {
	a, err := Analyse(context.Background(), Config{Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	all := a.run.res.Buildings
	for _, n := range []int{500, len(all)} {
		b.Run(fmt.Sprintf("panden=%d", n), func(b *testing.B) {
			res := *a.run.res
			res.Buildings = all[:n]
			path := filepath.Join(b.TempDir(), "buildings.parquet")
			b.ReportAllocs()
			for b.Loop() {
				if err := writeBuildingsParquet(path, &res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "panden/s")
			if fi, err := os.Stat(path); err == nil {
				b.ReportMetric(float64(fi.Size())/float64(n), "B/pand")
			}
		})
	}
}
