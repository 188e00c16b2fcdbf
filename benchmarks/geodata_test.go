package benchmarks

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/gpkgfixture"
)

// pandSizes are the synthetic pand sets of the geodata benchmarks.
var pandSizes = []int{100_000, 1_000_000}

// synthPanden returns pand number i of a deterministic synthetic BAG: a
// star-shaped footprint of 4-11 distinct vertices (5-12 points with the
// closing one) with radii of 4-12 m around a centre in the RD box, a
// 16-digit id (every tenth without its leading zero, every twentieth with
// the NL.IMBAG.Pand. prefix), a bouwjaar 1600-2025 (1% the 9999
// placeholder), a status mix of about 95% standing and 5% not standing, and
// one bow-tie footprint in a thousand for MakeValid.
func synthPand(rng *rand.Rand, i int) geodata.Pand {
	cx := 13_000 + rng.Float64()*265_000
	cy := 306_000 + rng.Float64()*313_000
	k := 4 + rng.IntN(8)
	ring := make(orb.Ring, 0, k+1)
	a0 := rng.Float64() * 2 * math.Pi
	for j := range k {
		a := a0 + 2*math.Pi*(float64(j)+0.2+0.6*rng.Float64())/float64(k)
		r := 4 + 8*rng.Float64()
		ring = append(ring, orb.Point{math.Round((cx+r*math.Cos(a))*1000) / 1000, math.Round((cy+r*math.Sin(a))*1000) / 1000})
	}
	if i%1000 == 999 { // a bow-tie
		cx, cy = math.Round(cx), math.Round(cy)
		ring = append(ring[:0], orb.Point{cx - 5, cy - 4}, orb.Point{cx + 5, cy + 4}, orb.Point{cx + 5, cy - 4}, orb.Point{cx - 5, cy + 4})
	}
	ring = append(ring, ring[0])
	id := fmt.Sprintf("%04d10%010d", 3+i%1990, i)
	switch {
	case i%20 == 7:
		id = "NL.IMBAG.Pand." + id
	case i%10 == 3 && id[0] == '0':
		id = id[1:]
	}
	p := geodata.Pand{ID: id, Footprint: orb.Polygon{ring}, Bouwjaar: 1600 + rng.IntN(426)}
	if rng.IntN(100) == 0 {
		p.Bouwjaar = 9999
	}
	switch s := rng.IntN(1000); {
	case s < 900:
		p.Status = "Pand in gebruik"
	case s < 930:
		p.Status = "Pand in gebruik (niet ingemeten)"
	case s < 950:
		p.Status = "Verbouwing pand"
	case s < 965:
		p.Status = "Pand gesloopt"
	case s < 980:
		p.Status = "Bouwvergunning verleend"
	case s < 990:
		p.Status = "Niet gerealiseerd pand"
	default:
		p.Status = "Bouw gestart"
	}
	switch u := rng.IntN(10); {
	case u < 7:
		p.Gebruiksdoel = []string{"woonfunctie"}
		p.Verblijfsobjecten = 1 + rng.IntN(3)
	case u < 8:
		p.Gebruiksdoel = []string{"kantoorfunctie", "woonfunctie"}
		p.Verblijfsobjecten = 2 + rng.IntN(10)
	case u < 9:
		p.Gebruiksdoel = []string{"winkelfunctie"}
		p.Verblijfsobjecten = 1
	}
	p.OppervlakteM2 = float64(p.Verblijfsobjecten) * (40 + float64(rng.IntN(120)))
	return p
}

// pandFixture holds the files of one size, generated once per process.
type pandFixture struct {
	once    sync.Once
	parquet string
	gpkg    string
	err     error
}

var (
	pandFixtures   = map[int]*pandFixture{}
	pandFixturesMu sync.Mutex
	pandFixtureDir string
)

// pandFiles returns the GeoParquet and GeoPackage files of n synthetic
// panden, writing them (streaming, 10,000 at a time) on first use.
func pandFiles(b *testing.B, n int) (parquetPath, gpkgPath string) {
	b.Helper()
	pandFixturesMu.Lock()
	if pandFixtureDir == "" {
		dir, err := os.MkdirTemp("", "wijkwarmte-geodata-bench-")
		if err != nil {
			pandFixturesMu.Unlock()
			b.Fatal(err)
		}
		pandFixtureDir = dir
	}
	f := pandFixtures[n]
	if f == nil {
		f = &pandFixture{}
		pandFixtures[n] = f
	}
	dir := pandFixtureDir
	pandFixturesMu.Unlock()
	f.once.Do(func() {
		start := time.Now()
		f.parquet = filepath.Join(dir, "panden-"+strconv.Itoa(n)+".parquet")
		f.gpkg = filepath.Join(dir, "panden-"+strconv.Itoa(n)+".gpkg")
		f.err = writePandFixture(n, f.parquet, f.gpkg)
		b.Logf("fixture of %d panden written in %v", n, time.Since(start).Round(time.Millisecond))
	})
	if f.err != nil {
		b.Fatal(f.err)
	}
	return f.parquet, f.gpkg
}

// removeGeodataFixtures deletes the fixture directory (called by TestMain).
func removeGeodataFixtures() {
	pandFixturesMu.Lock()
	defer pandFixturesMu.Unlock()
	if pandFixtureDir != "" {
		os.RemoveAll(pandFixtureDir)
		pandFixtureDir = ""
	}
}

func writePandFixture(n int, parquetPath, gpkgPath string) error {
	out, err := os.Create(parquetPath)
	if err != nil {
		return err
	}
	defer out.Close()
	pw := geodata.NewPandWriter(out)
	gw, err := gpkgfixture.Create(gpkgPath, "pand", geodata.EPSGRDNew)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	chunk := make([]geodata.Pand, 0, 10_000)
	for i := range n {
		chunk = append(chunk, synthPand(rng, i))
		if len(chunk) == cap(chunk) || i == n-1 {
			if err := pw.Write(chunk); err != nil {
				return err
			}
			for _, p := range chunk {
				if err := gw.Add(p); err != nil {
					return err
				}
			}
			chunk = chunk[:0]
		}
	}
	if err := gw.Close(); err != nil {
		return err
	}
	if err := pw.Close(); err != nil {
		return err
	}
	return out.Close()
}

// heapPeak samples the heap every millisecond while running: objects
// (live and not yet swept) and the live heap as the last GC marked it.
// stop returns the highest of each, in MB. The first depends on when the
// GC runs; the second is what the reader really keeps.
func heapPeak() (stop func() (objects, live float64)) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	res := make(chan [2]uint64)
	go func() {
		var peak [2]uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak[0] = max(peak[0], s[0].Value.Uint64())
			peak[1] = max(peak[1], s[1].Value.Uint64())
			select {
			case <-done:
				res <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() (float64, float64) {
		close(done)
		p := <-res
		return float64(p[0]) / 1e6, float64(p[1]) / 1e6
	}
}

// cpuTime returns the user+system CPU time of the process so far. On a
// shared machine wall-clock rates depend on the other jobs; with -cpu 1
// the CPU time of the process is the honest single-core cost (it includes
// the garbage collector's work).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// readValidate streams every pand of r through a Validator (no Dedup: that
// is the one step whose memory grows with distinct ids) and returns the
// report.
func readValidate(b *testing.B, r geodata.PandReader, buf []geodata.Pand) geodata.Report {
	v := geodata.NewValidator()
	for {
		n, err := r.Read(buf)
		for i := range n {
			v.Pand(&buf[i])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		b.Fatal(err)
	}
	return v.Report
}

func benchReadValidate(b *testing.B, open func(n int) geodata.PandReader) {
	for _, n := range pandSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			open(n).Close() // build the fixture outside the timing
			buf := make([]geodata.Pand, 1024)
			runtime.GC() // the fixture's garbage (and, with the second GC, the
			runtime.GC() // sync.Pool victim caches of its writers) out of the heap figure
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			stop := heapPeak()
			iters := 0
			var rep geodata.Report
			for b.Loop() {
				rep = readValidate(b, open(n), buf)
				iters++
			}
			peak, live := stop()
			cpu := cpuTime() - cpu0
			if rep.Read != n || rep.Read != rep.Used+rep.SkippedTotal() {
				b.Fatalf("report %+v does not account for %d panden", rep, n)
			}
			b.ReportMetric(float64(n*iters)/b.Elapsed().Seconds(), "panden/s")
			b.ReportMetric(float64(n*iters)/cpu.Seconds(), "panden/cpu-s")
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(live, "peak-live-MB")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkReadValidateGeoParquet streams n synthetic panden from a pand
// GeoParquet file through the Validator.
func BenchmarkReadValidateGeoParquet(b *testing.B) {
	benchReadValidate(b, func(n int) geodata.PandReader {
		pq, _ := pandFiles(b, n)
		r, err := geodata.ReadGeoParquetPanden(pq, nil)
		if err != nil {
			b.Fatal(err)
		}
		return r
	})
}

// BenchmarkReadValidateGeoPackage streams n synthetic panden from a
// GeoPackage in the PDOK pand layout through the Validator.
func BenchmarkReadValidateGeoPackage(b *testing.B) {
	benchReadValidate(b, func(n int) geodata.PandReader {
		_, gp := pandFiles(b, n)
		g, err := geodata.OpenGeoPackage(gp)
		if err != nil {
			b.Fatal(err)
		}
		r, err := g.Panden("pand", nil)
		if err != nil {
			b.Fatal(err)
		}
		return closeBoth{r, g}
	})
}

// closeBoth closes the reader, then its GeoPackage.
type closeBoth struct {
	geodata.PandReader
	g *geodata.GeoPackage
}

func (c closeBoth) Close() error {
	err := c.PandReader.Close()
	if gerr := c.g.Close(); err == nil {
		err = gerr
	}
	return err
}

// TestSynthPandenValid is the quick check of the generator that runs with
// go test: footprints are 5-12 point rings and the validator accepts the
// standing ones.
func TestSynthPandenValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1))
	v := geodata.NewValidator()
	for i := range 2000 {
		p := synthPand(rng, i)
		if n := len(p.Footprint[0]); n < 5 || n > 12 {
			t.Fatalf("pand %d: %d points", i, n)
		}
		v.Pand(&p)
	}
	r := v.Report
	if r.Read != 2000 || r.Used < 1800 || r.Skipped[geodata.SkipNotStanding] == 0 || r.Repaired["made_valid"] == 0 ||
		r.Read != r.Used+r.SkippedTotal() {
		t.Fatalf("report %+v", r)
	}
}

// BenchmarkReadLiveHeap reads the 1M-pand files once per iteration
// through the Validator and, after forced GCs, measures the live heap
// when 100,000 and when all 1,000,000 panden have been read: equal figures
// show that a streaming read keeps nothing per pand.
func BenchmarkReadLiveHeap(b *testing.B) {
	const n = 1_000_000
	formats := []struct {
		name string
		open func() geodata.PandReader
	}{
		{"geoparquet", func() geodata.PandReader {
			pq, _ := pandFiles(b, n)
			r, err := geodata.ReadGeoParquetPanden(pq, nil)
			if err != nil {
				b.Fatal(err)
			}
			return r
		}},
		{"geopackage", func() geodata.PandReader {
			_, gp := pandFiles(b, n)
			g, err := geodata.OpenGeoPackage(gp)
			if err != nil {
				b.Fatal(err)
			}
			r, err := g.Panden("pand", nil)
			if err != nil {
				b.Fatal(err)
			}
			return closeBoth{r, g}
		}},
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	liveMB := func() float64 {
		runtime.GC()
		runtime.GC()
		metrics.Read(live)
		return float64(live[0].Value.Uint64()) / 1e6
	}
	for _, f := range formats {
		b.Run(f.name, func(b *testing.B) {
			f.open().Close() // fixture outside the loop
			buf := make([]geodata.Pand, 1024)
			var at100k, atEnd float64
			for b.Loop() {
				r := f.open()
				v := geodata.NewValidator()
				total := 0
				for {
					m, err := r.Read(buf)
					for i := range m {
						v.Pand(&buf[i])
					}
					if total < 100_000 && total+m >= 100_000 {
						at100k = liveMB()
					}
					total += m
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				atEnd = liveMB()
				r.Close()
				if v.Report.Read != n {
					b.Fatalf("read %d panden, want %d", v.Report.Read, n)
				}
			}
			b.ReportMetric(at100k, "live-MB-at-100k")
			b.ReportMetric(atEnd, "live-MB-at-1M")
			b.ReportMetric(0, "ns/op")
		})
	}
}
