package geodata

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestReadOSMPBFDelft(t *testing.T) {
	t.Parallel()
	path := filepath.Join(delftDir, "tudelft.osm.pbf")
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	ex, err := ReadOSMPBF(context.Background(), fh, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("buildings %+v (relations %d)", ex.BuildingReport, ex.BuildingRelations)
	t.Logf("streets %+v", ex.StreetReport)
	t.Logf("addresses %+v", ex.AddressReport)
	ways, mps := 0, 0
	for i, id := range ex.BuildingOSMIDs {
		switch {
		case strings.HasPrefix(id, "way/"):
			ways++
		case strings.HasPrefix(id, "relation/"):
			mps++
			// every building multipolygon in the extract has holes
			if len(ex.Buildings[i].Footprint) < 2 {
				t.Errorf("%s: %d rings, want outer + inner", id, len(ex.Buildings[i].Footprint))
			}
		}
	}
	// 6 type=multipolygon relations read, 6 type=building relations counted
	if mps != 6 || ex.BuildingReport.Skipped[SkipOSMBuildingGroup] != 6 {
		t.Errorf("%d multipolygons, %d type=building skipped; want 6, 6", mps, ex.BuildingReport.Skipped[SkipOSMBuildingGroup])
	}
	var km float64
	for _, s := range ex.Streets {
		km += planar.Length(s.Line) / 1000
	}
	t.Logf("streets %.1f km", km)
	// README of the data set: 3,472 closed building ways, 12 building
	// relations, 3,841 highway ways, 8,932 address nodes.
	if ways != 3472 {
		t.Errorf("%d building ways, want 3472", ways)
	}
	if ex.BuildingRelations != 12 {
		t.Errorf("%d building relations, want 12", ex.BuildingRelations)
	}
	if len(ex.Streets) != 3841 {
		t.Errorf("%d streets, want 3841", len(ex.Streets))
	}
	if len(ex.Addresses) != 8932 {
		t.Errorf("%d addresses, want 8932", len(ex.Addresses))
	}
	for _, rep := range []Report{ex.BuildingReport, ex.StreetReport, ex.AddressReport} {
		if rep.Read != rep.Used+rep.SkippedTotal() {
			t.Errorf("report does not add up: %+v", rep)
		}
	}
}

// The surface water of the Delft extract, checked against an independent
// count: testdata/osm_water_count.py, plain python3 (xml.etree) run on the
// OSM XML of the same extract (/work/shared/data/delft-wippolder/
// tudelft.osm.gz). It took every closed way tagged natural=water, water=*,
// waterway=riverbank/dock/canal or landuse=basin/reservoir, and every
// type=multipolygon relation with those tags (outer rings joined end to
// end, inner rings subtracted), and measured the area with the shoelace
// formula in a local projection on the GRS80 ellipsoid at 52 degrees N.
// It found 60 closed ways (761,655 m2) and 4 multipolygons (46,345 m2):
// 64 areas, 808,000 m2; no unclosed water way, no missing node; and 86
// linear waterways (30 canal, 29 drain, 24 ditch, 3 stream centrelines),
// which this reader counts and skips. The largest area is the Delftse
// Schie (way 136901363, natural=water + water=canal, 601,268 m2; it runs
// far outside the extract box, which keeps whole ways). The reader
// measures in EPSG:28992 through PROJ (808,630 and 601,925 m2 when this
// was written: 0.1 % more, the RD scale and the one-latitude projection
// of the script); 0.3 % is allowed.
func TestReadOSMPBFWater(t *testing.T) {
	t.Parallel()
	path := filepath.Join(delftDir, "tudelft.osm.pbf")
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	ex, err := ReadOSMPBF(context.Background(), fh, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("water %+v", ex.WaterReport)
	var total, largest float64
	ways, rels := 0, 0
	largestCode := ""
	for _, w := range ex.Water {
		if w.Kind != AreaWater {
			t.Errorf("%s: kind %q", w.Code, w.Kind)
		}
		a := planar.Area(w.Geometry)
		total += a
		if a > largest {
			largest, largestCode = a, w.Code
		}
		switch {
		case strings.HasPrefix(w.Code, "way/"):
			ways++
		case strings.HasPrefix(w.Code, "relation/"):
			rels++
		default:
			t.Errorf("code %q is neither way/ nor relation/", w.Code)
		}
	}
	t.Logf("%d water ways, %d multipolygons, %.0f m2; largest %s %.0f m2", ways, rels, total, largestCode, largest)
	if ways != 60 || rels != 4 {
		t.Errorf("%d water ways and %d multipolygons, want 60 and 4", ways, rels)
	}
	if math.Abs(total-808000)/808000 > 0.003 {
		t.Errorf("water area %.0f m2, want 808,000 m2 within 0.3 %%", total)
	}
	if largestCode != "way/136901363" || math.Abs(largest-601268)/601268 > 0.003 {
		t.Errorf("largest water %s %.0f m2, want way/136901363 601,268 m2 within 0.3 %%", largestCode, largest)
	}
	if n := ex.WaterReport.Skipped[SkipOSMWaterwayLine]; n != 86 {
		t.Errorf("%d linear waterways skipped, want 86", n)
	}
	if ex.WaterReport.Read != ex.WaterReport.Used+ex.WaterReport.SkippedTotal() || ex.WaterReport.Used != len(ex.Water) {
		t.Errorf("water report does not add up: %+v, %d areas", ex.WaterReport, len(ex.Water))
	}
}

func TestReadOSMPBFCorrupt(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(delftDir, "tudelft.osm.pbf"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"truncated": b[:len(b)/2],
		"garbage":   []byte("this is not a protocol buffer at all"),
		"empty":     nil,
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ReadOSMPBF(context.Background(), bytes.NewReader(data), "x.osm.pbf")
			var fe *FeatureError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &fe) || fe.File != "x.osm.pbf" {
				t.Errorf("err %v, want an ErrCorrupt FeatureError for x.osm.pbf", err)
			}
		})
	}
}

func FuzzOSMPBF(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(delftDir, "tudelft.osm.pbf"))
	if err != nil {
		f.Fatal(err)
	}
	// whole blobs of the Delft extract: the OSMHeader blob (92 bytes), and
	// it with the first OSMData blob (72,176 bytes)
	f.Add(b[:92])
	f.Add(b[:72176])
	f.Add([]byte("\x00\x00\x00\x0d\x0a\x09OSMHeader\x18\x10"))
	// the hand-built file and each hostile one of pbfcheck_test.go, but
	// the zlib bomb (each run would inflate 32 MiB)
	f.Add(pbfValidFile())
	for _, c := range pbfHostileCases() {
		if len(c.file) < 4<<10 {
			f.Add(c.file)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ReadOSMPBF(context.Background(), bytes.NewReader(data), "fuzz.osm.pbf")
		if err != nil {
			var fe *FeatureError
			if !errors.As(err, &fe) || fe.File != "fuzz.osm.pbf" {
				t.Fatalf("error %v is not a FeatureError naming the file", err)
			}
			return
		}
		for _, rep := range []Report{ex.BuildingReport, ex.StreetReport, ex.AddressReport, ex.WaterReport} {
			if rep.Read != rep.Used+rep.SkippedTotal() {
				t.Fatalf("report does not add up: %+v", rep)
			}
		}
		if len(ex.Water) != ex.WaterReport.Used {
			t.Fatalf("%d water areas, report says %d used", len(ex.Water), ex.WaterReport.Used)
		}
	})
}

// The OSM reader and the GeoJSON reader agree on the Delft buildings: the
// 3,472 building ways of the PBF are the features of buildings_wgs84.geojson
// (derived from the same extract), with the same ref:bag (once
// normalised), start_date, building and levels, and vertices (both
// through PROJ) within a millimetre.
func TestOSMMatchesGeoJSON(t *testing.T) {
	t.Parallel()
	fh, err := os.Open(filepath.Join(delftDir, "tudelft.osm.pbf"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	ex, err := ReadOSMPBF(context.Background(), fh, "tudelft.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	byWay := map[string]Pand{}
	for i, id := range ex.BuildingOSMIDs {
		if w, ok := strings.CutPrefix(id, "way/"); ok {
			byWay[w] = ex.Buildings[i]
		}
	}
	fs := readAll(t, openGeoJSON(t, "buildings_wgs84.geojson"))
	if len(fs) != len(byWay) {
		t.Fatalf("%d GeoJSON features, %d OSM building ways", len(fs), len(byWay))
	}
	var maxd float64
	for _, f := range fs {
		osmID := f.prop("osm_id")
		p, ok := byWay[osmID]
		if !ok {
			t.Errorf("way %s not read from the PBF", osmID)
			continue
		}
		q, _, _ := PandFromFeature(f)
		// OSM ref:bag is often written without the leading zero (so in
		// this extract); the derived GeoJSON padded it. Compare normalised.
		pid, _ := NormalizeBAGID(p.ID)
		qid, _ := NormalizeBAGID(q.ID)
		if pid != qid || p.Bouwjaar != q.Bouwjaar || p.BuildingType != q.BuildingType || p.Levels != q.Levels {
			t.Errorf("way %s: pbf %s %d %s %d, geojson %s %d %s %d", osmID,
				p.ID, p.Bouwjaar, p.BuildingType, p.Levels, q.ID, q.Bouwjaar, q.BuildingType, q.Levels)
			continue
		}
		if len(p.Footprint[0]) != len(q.Footprint[0]) {
			t.Errorf("way %s: %d vs %d vertices", osmID, len(p.Footprint[0]), len(q.Footprint[0]))
			continue
		}
		for i := range p.Footprint[0] {
			a, b := p.Footprint[0][i], q.Footprint[0][i]
			maxd = max(maxd, math.Hypot(a[0]-b[0], a[1]-b[1]))
		}
	}
	t.Logf("max vertex offset %.6f m", maxd)
	if maxd > 0.001 {
		t.Errorf("max vertex offset %.4f m, want <= 1 mm", maxd)
	}
}

// TestReadOSMPBFWithin reads the Delft extract within a bound (the
// middle of its buildings' extent, and a bound beside it) and checks
// the streaming filter against the whole read: everything handed out
// meets the bound, everything of the whole read that lies inside it is
// handed out, and every record read is counted.
func TestReadOSMPBFWithin(t *testing.T) {
	t.Parallel()
	path := filepath.Join(delftDir, "tudelft.osm.pbf")
	read := func(b *orb.Bound) *OSMExtract {
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		ex, err := ReadOSMPBFWithin(context.Background(), fh, path, b)
		if err != nil {
			t.Fatal(err)
		}
		return ex
	}
	full := read(nil)
	var all orb.Bound
	for i, p := range full.Buildings {
		if i == 0 {
			all = p.Footprint.Bound()
		}
		all = all.Union(p.Footprint.Bound())
	}
	c, w, h := all.Center(), all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
	for _, tc := range []struct {
		name  string
		bound orb.Bound
		empty bool
	}{
		{"middle", orb.Bound{Min: orb.Point{c[0] - w/6, c[1] - h/6}, Max: orb.Point{c[0] + w/6, c[1] + h/6}}, false},
		{"beside", orb.Bound{Min: orb.Point{all.Max[0] + 5000, all.Min[1]}, Max: orb.Point{all.Max[0] + 6000, all.Min[1] + 1000}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := tc.bound
			in := read(&b)
			got := map[string]bool{}
			for i, p := range in.Buildings {
				if !p.Footprint.Bound().Intersects(b) {
					t.Errorf("building %s outside the bound", in.BuildingOSMIDs[i])
				}
				got[in.BuildingOSMIDs[i]] = true
			}
			want := 0
			for i, p := range full.Buildings {
				if fb := p.Footprint.Bound(); b.Contains(fb.Min) && b.Contains(fb.Max) {
					want++
					if !got[full.BuildingOSMIDs[i]] {
						t.Errorf("building %s lies inside the bound but was not read", full.BuildingOSMIDs[i])
					}
				}
			}
			streets := map[string]bool{}
			for _, s := range in.Streets {
				if !s.Line.Bound().Intersects(b) {
					t.Errorf("street %s outside the bound", s.ID)
				}
				streets[s.ID] = true
			}
			for _, s := range full.Streets {
				if sb := s.Line.Bound(); b.Contains(sb.Min) && b.Contains(sb.Max) && !streets[s.ID] {
					t.Errorf("street %s lies inside the bound but was not read", s.ID)
				}
			}
			for _, a := range in.Addresses {
				if !b.Contains(a.Point) {
					t.Errorf("address %s outside the bound", a.ID)
				}
			}
			for _, rep := range []Report{in.BuildingReport, in.StreetReport, in.AddressReport, in.WaterReport} {
				if rep.Read != rep.Used+rep.SkippedTotal() {
					t.Errorf("report %+v: read is not used + skipped", rep)
				}
			}
			if tc.empty != (len(in.Buildings) == 0) || !tc.empty && (want == 0 || len(in.Buildings) >= len(full.Buildings)) {
				t.Errorf("%d of %d buildings read within the bound (%d lie inside it)", len(in.Buildings), len(full.Buildings), want)
			}
			t.Logf("%s: %d of %d buildings, %d of %d streets, %d of %d addresses", tc.name,
				len(in.Buildings), len(full.Buildings), len(in.Streets), len(full.Streets), len(in.Addresses), len(full.Addresses))
		})
	}
}
