package geodata

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// sliceFeatures is a FeatureStream over a slice, handing out at most max
// features per Read.
type sliceFeatures struct {
	fs  []Feature
	max int
}

func (s *sliceFeatures) Read(dst []Feature) (int, error) {
	n := copy(dst[:min(len(dst), s.max)], s.fs)
	s.fs = s.fs[n:]
	if len(s.fs) == 0 {
		return n, io.EOF
	}
	return n, nil
}

func (s *sliceFeatures) Close() error { return nil }

func (s *sliceFeatures) CRS() string { return "EPSG:28992" }

func squareAt(x float64) orb.Polygon {
	return orb.Polygon{{{x, 0}, {x + 5, 0}, {x + 5, 5}, {x, 5}, {x, 0}}}
}

// TestFeaturePanden reads more features than one buffer holds, with
// readers that hand out few or many per call; every feature is counted.
func TestFeaturePanden(t *testing.T) {
	t.Parallel()
	var fs []Feature
	for i := range 1000 {
		f := Feature{Properties: map[string]any{"identificatie": "0503100000000001", "bouwjaar": "1960"}, Geometry: squareAt(float64(i) * 10)}
		if i%100 == 7 {
			f.Geometry = orb.Point{1, 2} // not a polygon: skipped and counted
		}
		fs = append(fs, f)
	}
	for _, c := range []struct {
		name     string
		perRead  int
		dst, buf int
	}{
		{"small reads", 3, 100, 256},
		{"whole buffer", 1000, 100, 256},
		{"dst larger than buffer", 50, 700, 64},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var rep Report
			r := &featurePanden{r: &sliceFeatures{fs: fs, max: c.perRead}, buf: make([]Feature, c.buf), rep: &rep}
			dst := make([]Pand, c.dst)
			got := 0
			for {
				n, err := r.Read(dst)
				got += n
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if got != 990 || rep.Read != 1000 || rep.Used != 990 || rep.Skipped[SkipNotAPolygon] != 10 {
				t.Errorf("got %d panden; report %+v", got, rep)
			}
		})
	}
}

// TestContents opens every kind of file through the door, lists its
// layers and reads each with the reader for its kind; every record is
// counted (Read = Used + skipped) whatever the format.
func TestContents(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path  string
		kinds []LayerKind
	}{
		{"../testdata/delft-wippolder/buildings_rd_approx.geojson", []LayerKind{KindBuildings}},
		{"../testdata/delft-wippolder/streets_wgs84.geojson", []LayerKind{KindStreets}},
		{"../testdata/delft-wippolder/addresses_rd_approx.geojson", []LayerKind{KindAddresses}},
		{"../testdata/delft-wippolder/tudelft.osm.pbf", []LayerKind{KindBuildings, KindStreets, KindAddresses, KindAreas}},
		{"../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg", []LayerKind{KindBuildings}},
	} {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			s, err := Open(c.path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ls, err := s.Contents()
			if err != nil {
				t.Fatal(err)
			}
			if len(ls) != len(c.kinds) {
				t.Fatalf("layers %+v, want kinds %v", ls, c.kinds)
			}
			for i, l := range ls {
				if l.Kind != c.kinds[i] {
					t.Errorf("layer %s: kind %s, want %s", l.Name, l.Kind, c.kinds[i])
				}
				var rep Report
				n := 0
				switch l.Kind {
				case KindBuildings:
					r, _, err := s.Panden(l.Name, &rep)
					if err != nil {
						t.Fatal(err)
					}
					err = ForEach(r, func(*Pand) error { n++; return nil })
					r.Close()
				case KindStreets:
					err = s.EachStreet(l.Name, &rep, func(*Street) error { n++; return nil })
				case KindAddresses:
					err = s.EachAddress(l.Name, &rep, func(*Address) error { n++; return nil })
				case KindAreas:
					err = s.EachArea(l.Name, AreaWater, &rep, func(*Area) error { n++; return nil })
				}
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 || rep.Used != n || rep.Read != rep.Used+rep.SkippedTotal() {
					t.Errorf("layer %s: %d handed out, report %+v", l.Name, n, rep)
				}
			}
		})
	}
}

// TestCountPanden counts the pand rows of a GeoPackage and a GeoParquet
// file from their metadata, and says false for a format it cannot count.
func TestCountPanden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := NewPandWriter(&buf)
	if err := w.Write([]Pand{{ID: "0503100000000001", Bouwjaar: 1960, Footprint: squareAt(85000)}, {ID: "0503100000000002", Bouwjaar: 1970, Footprint: squareAt(85010)}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	pq := filepath.Join(t.TempDir(), "p.parquet")
	if err := os.WriteFile(pq, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		n    int
		ok   bool
	}{
		{pq, 2, true},
		{"../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg", -1, true},
		{"../testdata/delft-wippolder/buildings_rd_approx.geojson", 0, false},
	} {
		s, err := Open(c.path)
		if err != nil {
			t.Fatal(err)
		}
		pc, ok := s.CountPanden("")
		s.Close()
		if n := pc.Rows; ok != c.ok || (c.n >= 0 && n != c.n) || (ok && n <= 0) || pc.WithoutGeometry != 0 {
			t.Errorf("%s: %+v, %v; want %d rows, %v", c.path, pc, ok, c.n, c.ok)
		}
	}
}

// TestCountPandenWithoutGeometry: a GeoPackage pand layer with a NULL
// footprint and one flagged empty counts both as without geometry (no
// area's bound can hold them), and the reader skips them under
// SkipNoGeometry, so the two accounts agree.
func TestCountPandenWithoutGeometry(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bag.gpkg")
	w, err := CreateGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.AddLayer("pand", "POLYGON", []GPKGColumn{{Name: "identificatie", Type: GPKGText}, {Name: "bouwjaar", Type: GPKGInteger}, {Name: "status", Type: GPKGText}})
	if err != nil {
		t.Fatal(err)
	}
	rd := func(x float64) orb.Geometry { // a 5 m square in Delft, EPSG:28992
		return orb.Polygon{{{x, 446000}, {x + 5, 446000}, {x + 5, 446005}, {x, 446005}, {x, 446000}}}
	}
	for i, fp := range []orb.Geometry{rd(85000), nil, rd(85020), rd(85040)} {
		if err := l.Write(fp, fmt.Sprintf("050310000000000%d", i+1), 1960, "Pand in gebruik"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Flag the fourth footprint empty (GeoPackage flags byte, bit 4), as a
	// writer does for POLYGON EMPTY.
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE pand SET geom = substr(geom, 1, 3) || x'11' || substr(geom, 5) WHERE identificatie = '0503100000000004'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pc, ok := s.CountPanden("pand")
	if !ok || pc.Rows != 4 || pc.WithoutGeometry != 2 {
		t.Fatalf("CountPanden = %+v, %v; want 4 rows, 2 without geometry", pc, ok)
	}
	var rep Report
	r, err := s.GeoPackage().Panden("pand", &rep)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ReadAll(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || rep.Read != 4 || rep.Skipped[SkipNoGeometry] != 2 {
		t.Fatalf("read %d panden, report %+v; want 2 used, 2 skipped under %s", len(ps), rep, SkipNoGeometry)
	}
}

// TestSources: a GeoPackage opened through Sources is opened once and
// shared; closing what Open returned, or a view of it, leaves it readable
// (each buurt of a batch closes its readers), until Sources.Close. A nil
// Sources opens anew.
func TestSources(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "grid.gpkg")
	writeGrid(t, path, 10)
	ss := NewSources()
	a, err := ss.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ss.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatal("the same GeoPackage opened twice")
	}
	bnd := orb.Bound{Min: orb.Point{85045, 446005}, Max: orb.Point{85085, 446025}}
	for i := range 3 {
		v := a.Within(bnd)
		if n, rep := countPanden(t, v.GeoPackage()); n != 6 || rep.Read != 6 {
			t.Errorf("round %d: %d panden (read %d), want 6", i, n, rep.Read)
		}
		if !v.Indexed("pand") {
			t.Errorf("round %d: the shared view does not read through the R-tree", i)
		}
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := ss.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.GeoPackage().Panden("pand", nil); err == nil {
		t.Error("read after Sources.Close")
	}
	var none *Sources
	c, err := none.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := countPanden(t, c.GeoPackage()); n != 100 {
		t.Errorf("nil Sources: %d panden, want 100", n)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GeoPackage().Panden("pand", nil); err == nil {
		t.Error("a Source of a nil Sources stays open after Close")
	}
}
