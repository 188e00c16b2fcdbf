package benchmarks

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

// adresDir is the folder demoOutputs scanned into; TestMain removes it.
var adresDir string

// demoOutputs scans the demo once into a temporary folder for the adres
// benchmarks.
var demoOutputs = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "wijkwarmte-adres-bench-")
	if err != nil {
		return "", err
	}
	adresDir = dir
	_, err = scan.Run(context.Background(), scan.Config{Out: dir, StreetMarginM: 250})
	return dir, err
})

func removeAdresOutputs() {
	if adresDir != "" {
		os.RemoveAll(adresDir)
	}
}

func adresOutputs(b *testing.B) string {
	b.Helper()
	dir, err := demoOutputs()
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkAdresLoad reads a finished demo scan's answers.json into a
// look-up index (adres.Load): 3,447 panden, 8,906 addresses. Target:
// under 1 s.
func BenchmarkAdresLoad(b *testing.B) {
	dir := adresOutputs(b)
	b.ReportAllocs()
	for b.Loop() {
		ix, err := adres.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if ix.Len() < 3000 {
			b.Fatalf("%d panden", ix.Len())
		}
	}
}

// BenchmarkAdresLookup answers every address of the demo in turn, after
// loading: by postcode + huisnummer + toevoeging (ByAddress), by free text
// (Find, which parses the query first) and by point (ByPoint, the
// footprint index). Target: under 50 µs per address.
func BenchmarkAdresLookup(b *testing.B) {
	ix, err := adres.Load(adresOutputs(b))
	if err != nil {
		b.Fatal(err)
	}
	addrs := ix.Addresses()
	queries := make([]string, len(addrs))
	for i, a := range addrs {
		queries[i] = a.String()
	}
	b.Run("by=address", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			a := addrs[i%len(addrs)]
			ix.ByAddress(a.Postcode, a.Huisnummer, a.Toevoeging)
			i++
		}
	})
	b.Run("by=text", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ix.Find(queries[i%len(queries)])
			i++
		}
	})
	b.Run("by=point", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			a := addrs[i%len(addrs)]
			ix.ByPoint([2]float64(a.PointRD))
			i++
		}
	})
}
