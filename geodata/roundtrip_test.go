package geodata

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// readSamplePanden reads every pand of the real PDOK sample GeoPackage.
func readSamplePanden(t testing.TB) []Pand {
	t.Helper()
	g, err := OpenGeoPackage(samplePandGPKG)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	r, err := g.Panden("bag_pand_kerk", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return readAllPanden(t, r)
}

// writePandenGeoParquet writes ps as a pand GeoParquet file in dir and
// returns its path.
func writePandenGeoParquet(t testing.TB, dir string, ps []Pand) string {
	t.Helper()
	path := filepath.Join(dir, "panden.parquet")
	var buf bytes.Buffer
	w := NewPandWriter(&buf)
	// Two Write calls, to cover appending.
	half := len(ps) / 2
	if err := w.Write(ps[:half]); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ps[half:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// samePanden compares two pand lists field by field, coordinates within
// tol metres; it reports every difference. Other round-trip tests (through
// GeoJSON, with tol for the WGS84 round trip) reuse it.
func samePanden(t testing.TB, got, want []Pand, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d panden, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Bouwjaar != w.Bouwjaar || g.Status != w.Status ||
			g.Verblijfsobjecten != w.Verblijfsobjecten || math.Abs(g.OppervlakteM2-w.OppervlakteM2) > 1e-9 ||
			g.Levels != w.Levels || g.BuildingType != w.BuildingType || g.Address != w.Address ||
			!g.Registered.Equal(w.Registered) || len(g.Gebruiksdoel) != len(w.Gebruiksdoel) {
			t.Errorf("pand %d: got %+v\nwant %+v", i, g, w)
			continue
		}
		for k := range w.Gebruiksdoel {
			if g.Gebruiksdoel[k] != w.Gebruiksdoel[k] {
				t.Errorf("pand %d: gebruiksdoel %q, want %q", i, g.Gebruiksdoel, w.Gebruiksdoel)
			}
		}
		if !polygonsClose(g.Footprint, w.Footprint, tol) {
			t.Errorf("pand %d (%s): footprint differs:\n got %v\nwant %v", i, w.ID, g.Footprint, w.Footprint)
		}
	}
}

func polygonsClose(a, b orb.Polygon, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if math.Abs(a[i][j][0]-b[i][j][0]) > tol || math.Abs(a[i][j][1]-b[i][j][1]) > tol {
				return false
			}
		}
	}
	return true
}

// TestRoundTripGPKGGeoParquet reads the real sample GeoPackage, writes it
// as GeoParquet and reads it back: every attribute and every coordinate
// (bit for bit) survives. Fields the sample lacks (levels, building type,
// address, registration time) are filled in on some panden so that they
// are covered too.
func TestRoundTripGPKGGeoParquet(t *testing.T) {
	t.Parallel()
	want := readSamplePanden(t)
	want[1].Levels = 3
	want[1].BuildingType = "house"
	want[2].Address = "Oude Delft 1, 2611 BA Delft"
	want[3].Registered = time.Date(2021, 7, 27, 17, 35, 1, 331000000, time.UTC)
	path := writePandenGeoParquet(t, t.TempDir(), want)

	f, err := OpenGeoParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.EPSG() != EPSGRDNew || f.NumRows() != int64(len(want)) {
		t.Fatalf("EPSG %d, %d rows", f.EPSG(), f.NumRows())
	}
	geo := f.Geo()
	col := geo.Columns["geometry"]
	if geo.Version != "1.1.0" || geo.PrimaryColumn != "geometry" || col.Encoding != "WKB" ||
		len(col.GeometryTypes) != 1 || col.GeometryTypes[0] != "Polygon" || len(col.BBox) != 4 {
		t.Fatalf("geo metadata %+v", geo)
	}
	var b orb.Bound
	for i, p := range want {
		if i == 0 {
			b = p.Footprint.Bound()
		}
		b = b.Union(p.Footprint.Bound())
	}
	if col.BBox[0] != b.Min[0] || col.BBox[1] != b.Min[1] || col.BBox[2] != b.Max[0] || col.BBox[3] != b.Max[1] {
		t.Errorf("bbox %v, want %v", col.BBox, b)
	}
	r, err := f.Panden(nil)
	if err != nil {
		t.Fatal(err)
	}
	got := readAllPanden(t, r)
	r.Close()
	samePanden(t, got, want, 0)
}
