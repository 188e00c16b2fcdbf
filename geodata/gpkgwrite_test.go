package geodata

import (
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// writeGrid writes a pand layer of n×n squares of 10 m, 20 m apart, from
// (85000, 446000), with the PDOK column names.
func writeGrid(t *testing.T, path string, n int) {
	t.Helper()
	w, err := CreateGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.AddLayer("pand", "POLYGON", []GPKGColumn{
		{"identificatie", GPKGText}, {"bouwjaar", GPKGInteger}, {"status", GPKGText},
		{"gebruiksdoel", GPKGText}, {"aantal_verblijfsobjecten", GPKGInteger}, {"oppervlakte_min", GPKGReal},
		{"oppervlakte_max", GPKGReal}, {"kas_warenhuis", GPKGBoolean},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := 0
	for i := range n {
		for j := range n {
			x, y := 85000+20*float64(i), 446000+20*float64(j)
			sq := orb.Polygon{{{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}, {x, y}}}
			id++
			if err := l.Write(sq, fmt.Sprintf("0503100000%06d", id), 1930+i, "Pand in gebruik", "woonfunctie", 1, 100.0, 100.0, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func countPanden(t *testing.T, g *GeoPackage) (int, Report) {
	t.Helper()
	var rep Report
	r, err := g.Panden("pand", &rep)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	buf := make([]Pand, 64)
	n := 0
	for {
		k, err := r.Read(buf)
		n += k
		if err == io.EOF {
			return n, rep
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestGeoPackageWriterWithin: a written GeoPackage reads back through the
// project's reader (layout, ids, counts), its R-tree serves Within, and
// a bound selects exactly the squares it meets; ogrinfo accepts the file
// when gdal-bin is installed.
func TestGeoPackageWriterWithin(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "grid.gpkg")
	writeGrid(t, path, 10)
	g, err := OpenGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	l, err := g.Layer("pand")
	if err != nil || l.Kind != LayoutPand || l.EPSG != EPSGRDNew {
		t.Fatalf("layer %+v, %v: want a pand layout in EPSG:28992", l, err)
	}
	if want := (orb.Bound{Min: orb.Point{85000, 446000}, Max: orb.Point{85190, 446190}}); l.Bound != want {
		t.Errorf("extent %v, want %v", l.Bound, want)
	}
	if n, rep := countPanden(t, g); n != 100 || rep.Read != 100 {
		t.Errorf("whole layer: %d panden, report %+v", n, rep)
	}
	if !g.UsesIndex("pand") {
		t.Error("UsesIndex: false for a layer with its R-tree")
	}
	// Columns 2..4 and rows 0..1: x in [85040, 85080], y in [446000, 446025].
	b := orb.Bound{Min: orb.Point{85045, 446005}, Max: orb.Point{85085, 446025}}
	if n, rep := countPanden(t, g.Within(b)); n != 6 || rep.Read != 6 {
		t.Errorf("within %v: %d panden (read %d), want 6", b, n, rep.Read)
	}
	if n, _ := countPanden(t, g.Within(orb.Bound{Min: orb.Point{0, 300000}, Max: orb.Point{10, 300010}})); n != 0 {
		t.Errorf("far away: %d panden", n)
	}

	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Log("ogrinfo not installed (Debian gdal-bin): GDAL check skipped")
		return
	}
	out, err := exec.Command(ogrinfo, "-so", "-al", path).CombinedOutput()
	s := string(out)
	if err != nil || !strings.Contains(s, "Feature Count: 100") || !strings.Contains(s, "Amersfoort / RD New") ||
		!strings.Contains(s, "kas_warenhuis: Integer(Boolean)") || strings.Contains(s, "ERROR") {
		t.Errorf("ogrinfo: %v\n%s", err, s)
	}
}
