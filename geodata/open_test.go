package geodata

import (
	"bytes"
	"errors"
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
		n, ok := s.CountPanden("")
		s.Close()
		if ok != c.ok || (c.n >= 0 && n != c.n) || (ok && n <= 0) {
			t.Errorf("%s: %d, %v; want %d, %v", c.path, n, ok, c.n, c.ok)
		}
	}
}
