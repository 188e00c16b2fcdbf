package benchmarks

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

const delftDir = "../testdata/delft-wippolder"

// BenchmarkReadGeoJSON streams the Delft buildings (3,472 features) from
// memory, in RD New as is and in WGS 84 through PROJ, and a synthetic
// 100,000-building RD file, mapping each feature onto a Pand.
func BenchmarkReadGeoJSON(b *testing.B) {
	files := []struct{ name, path string }{
		{"delft-rd", filepath.Join(delftDir, "buildings_rd_approx.geojson")},
		{"delft-wgs84", filepath.Join(delftDir, "buildings_wgs84.geojson")},
	}
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.name+"/n=3472", func(b *testing.B) { benchGeoJSON(b, data, 3472) })
	}
	data := synthGeoJSON(b)
	b.Run("synthetic-rd/n=100000", func(b *testing.B) { benchGeoJSON(b, data, 100_000) })
}

func benchGeoJSON(b *testing.B, data []byte, want int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	buf := make([]geodata.Pand, 256)
	for b.Loop() {
		g, err := geodata.NewGeoJSONReader(bytes.NewReader(data), "bench.geojson")
		if err != nil {
			b.Fatal(err)
		}
		var rep geodata.Report
		r := geodata.GeoJSONPanden(g, &rep)
		n := 0
		for {
			k, err := r.Read(buf)
			n += k
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		r.Close()
		if n != want {
			b.Fatalf("%d panden, want %d", n, want)
		}
	}
}

var synthGeoJSONOnce = sync.OnceValues(func() ([]byte, error) {
	var buf bytes.Buffer
	w, err := geodata.NewGeoJSONWriter(&buf, geodata.GeoJSONOptions{})
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 100_000 {
		x, y := 80_000+rng.Float64()*10_000, 440_000+rng.Float64()*10_000
		s := 5 + rng.Float64()*10
		poly := orb.Polygon{{{x, y}, {x + s, y}, {x + s, y + s}, {x + s/2, y + 1.5*s}, {x, y + s}, {x, y}}}
		p := geodata.Pand{ID: fmt.Sprintf("0503100000%06d", i), Bouwjaar: 1900 + rng.IntN(125),
			Status: "Pand in gebruik", Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1 + rng.IntN(4)}
		if err := w.Write(poly, geodata.PandProperties(p)); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
})

func synthGeoJSON(b *testing.B) []byte {
	data, err := synthGeoJSONOnce()
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkReadOSMPBF reads buildings, highways and address nodes of the
// Delft extract (1 MB PBF, three passes).
func BenchmarkReadOSMPBF(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(delftDir, "tudelft.osm.pbf"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("delft", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			ex, err := geodata.ReadOSMPBF(context.Background(), bytes.NewReader(data), "tudelft.osm.pbf")
			if err != nil {
				b.Fatal(err)
			}
			if len(ex.Streets) != 3841 {
				b.Fatalf("%d streets", len(ex.Streets))
			}
		}
	})
}

// BenchmarkReadEPOnline reads a synthetic EP-Online export of n rows (10%
// superseded registrations) and keeps the newest label per id.
func BenchmarkReadEPOnline(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		var sb strings.Builder
		sb.WriteString("PublicatieDatum;20251101\r\nPand_opnamedatum;Pand_energieklasse;Pand_postcode;Pand_huisnummer;Pand_bagverblijfsobjectid;Pand_bagpandid;Pand_gebouwtype;Pand_gebruiksoppervlakte\r\n")
		klassen := []string{"A++", "A", "B", "C", "D", "E", "F", "G"}
		for i := range n {
			id := i - i%10*(i%10/9) // every tenth row repeats the previous id
			fmt.Fprintf(&sb, "20%02d%02d%02d;%s;2628CD;%d;0503010000%06d;0503100000%06d;Tussenwoning;%d\r\n",
				15+i%9, 1+i%12, 1+i%28, klassen[i%len(klassen)], i%500, id, id/3, 50+i%90)
		}
		data := []byte(sb.String())
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var rep geodata.Report
				labels, err := geodata.ReadEPOnline(bytes.NewReader(data), "bench.csv", &rep)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Read != n || labels.Len() == 0 {
					b.Fatalf("report %+v", rep)
				}
			}
		})
	}
}

// BenchmarkCountDwellings assigns the 8,932 Delft address points to the
// 3,472 building footprints (grid index build + point in polygon).
func BenchmarkCountDwellings(b *testing.B) {
	var panden []geodata.Pand
	{
		fh, err := os.Open(filepath.Join(delftDir, "buildings_rd_approx.geojson"))
		if err != nil {
			b.Fatal(err)
		}
		g, err := geodata.NewGeoJSONReader(fh, fh.Name())
		if err != nil {
			b.Fatal(err)
		}
		r := geodata.GeoJSONPanden(g, &geodata.Report{})
		buf := make([]geodata.Pand, 512)
		for {
			n, err := r.Read(buf)
			panden = append(panden, buf[:n]...)
			if err != nil {
				break
			}
		}
		fh.Close()
	}
	var pts []orb.Point
	{
		fh, err := os.Open(filepath.Join(delftDir, "addresses_rd_approx.geojson"))
		if err != nil {
			b.Fatal(err)
		}
		g, err := geodata.NewGeoJSONReader(fh, fh.Name())
		if err != nil {
			b.Fatal(err)
		}
		for {
			f, err := g.Next()
			if err != nil {
				break
			}
			a, _ := geodata.AddressFromFeature(f)
			pts = append(pts, a.Point)
		}
		fh.Close()
	}
	b.Run(fmt.Sprintf("panden=%d/points=%d", len(panden), len(pts)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			geodata.CountDwellings(panden, pts)
		}
	})
}
