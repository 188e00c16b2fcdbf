package scan

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
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

// BenchmarkConcatBuildingsParquet joins eight buildings parts of 400
// panden each (the demo's, as a batch writes one per buurt) into one
// file through a 256 kB bufio.Writer, as a batch's assemble writes a
// gemeente's part (geodata.ConcatGeoParquet into outset's writer).
func BenchmarkConcatBuildingsParquet(b *testing.B) {
	a, err := Analyse(context.Background(), Config{Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var parts []string
	for i := range 8 {
		res := *a.run.res
		res.Buildings = a.run.res.Buildings[i*400 : (i+1)*400]
		p := filepath.Join(dir, fmt.Sprintf("part-%d.parquet", i))
		if err := writeBuildingsParquet(p, &res); err != nil {
			b.Fatal(err)
		}
		parts = append(parts, p)
	}
	out := filepath.Join(dir, "all.parquet")
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 256<<10)
		if err := geodata.ConcatGeoParquet(w, parts); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
