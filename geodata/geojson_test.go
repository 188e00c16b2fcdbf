package geodata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

const delftDir = "../testdata/delft-wippolder"

func openGeoJSON(t testing.TB, name string) *GeoJSONReader {
	t.Helper()
	path := filepath.Join(delftDir, name)
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fh.Close() })
	g, err := NewGeoJSONReader(fh, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

func readAll(t testing.TB, g *GeoJSONReader) []Feature {
	t.Helper()
	var fs []Feature
	for {
		f, err := g.Next()
		if err == io.EOF {
			return fs
		}
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
}

func TestGeoJSONDelftCounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file string
		epsg int
		kind LayerKind
		want int // features, per the README of the data set
	}{
		{"buildings_rd_approx.geojson", EPSGRDNew, KindBuildings, 3472},
		{"buildings_wgs84.geojson", EPSGWGS84, KindBuildings, 3472},
		{"streets_wgs84.geojson", EPSGWGS84, KindStreets, 3841},
		{"streets_in_bbox_rd_approx.geojson", EPSGRDNew, KindStreets, 1684},
		{"addresses_rd_approx.geojson", EPSGRDNew, KindAddresses, 8932},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			g := openGeoJSON(t, c.file)
			fs := readAll(t, g)
			if g.EPSG() != c.epsg {
				t.Errorf("EPSG %d, want %d", g.EPSG(), c.epsg)
			}
			if len(fs) != c.want {
				t.Errorf("%d features, want %d", len(fs), c.want)
			}
			if k := fs[0].Kind(); k != c.kind {
				t.Errorf("kind %s, want %s", k, c.kind)
			}
			b := fs[0].Geometry.Bound()
			for _, f := range fs[1:] {
				b = b.Union(f.Geometry.Bound())
			}
			// all in RD New after reading; the Delft extract lies near
			// x 85,000 y 446,000 (the smart extract runs roads further out)
			if b.Min[0] < 60000 || b.Max[0] > 110000 || b.Min[1] < 430000 || b.Max[1] > 470000 {
				t.Errorf("bound %v is not in RD New around Delft", b)
			}
		})
	}
}

func TestGeoJSONStreetsInBboxLength(t *testing.T) {
	t.Parallel()
	fh, err := os.Open(filepath.Join(delftDir, "streets_in_bbox_rd_approx.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var rep Report
	ss, err := ReadGeoJSONStreets(fh, "streets_in_bbox_rd_approx.geojson", &rep)
	if err != nil {
		t.Fatal(err)
	}
	var m float64
	for _, s := range ss {
		m += planar.Length(s.Line)
	}
	// README: 1,684 pieces, 100.3 km
	if len(ss) != 1684 || rep.Read != 1684 || rep.Used != 1684 {
		t.Errorf("%d streets (report %+v), want 1684", len(ss), rep)
	}
	if math.Abs(m/1000-100.3) > 0.05 {
		t.Errorf("total length %.2f km, want 100.3", m/1000)
	}
}

// The WGS 84 buildings, transformed with PROJ, lie within about a metre of
// the RD approximation of the same vertices.
func TestGeoJSONWGS84MatchesRDApprox(t *testing.T) {
	t.Parallel()
	wgs := readAll(t, openGeoJSON(t, "buildings_wgs84.geojson"))
	rd := readAll(t, openGeoJSON(t, "buildings_rd_approx.geojson"))
	if len(wgs) != len(rd) {
		t.Fatalf("%d vs %d features", len(wgs), len(rd))
	}
	var maxd, sum float64
	n := 0
	for i := range wgs {
		a, b := wgs[i].Geometry.(orb.Polygon), rd[i].Geometry.(orb.Polygon)
		for j := range a[0] {
			d := math.Hypot(a[0][j][0]-b[0][j][0], a[0][j][1]-b[0][j][1])
			maxd = max(maxd, d)
			sum += d
			n++
		}
	}
	t.Logf("%d vertices: mean %.2f m, max %.2f m", n, sum/float64(n), maxd)
	if maxd > 1.5 {
		t.Errorf("max offset %.2f m, want <= 1.5 m", maxd)
	}
}

func TestGeoJSONPanden(t *testing.T) {
	t.Parallel()
	g := openGeoJSON(t, "buildings_rd_approx.geojson")
	var rep Report
	r := GeoJSONPanden(g, &rep)
	defer r.Close()
	buf := make([]Pand, 100)
	var all []Pand
	for {
		n, err := r.Read(buf)
		all = append(all, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	withID, withYear := 0, 0
	for _, p := range all {
		if p.ID != "" {
			withID++
		}
		if p.Bouwjaar != 0 {
			withYear++
		}
	}
	// README: 3,472 buildings, 3,442 with ref:bag, 3,445 with start_date
	if len(all) != 3472 || withID != 3442 || withYear != 3445 {
		t.Errorf("%d panden, %d with id, %d with year; want 3472, 3442, 3445", len(all), withID, withYear)
	}
	if rep.Read != rep.Used+rep.SkippedTotal() {
		t.Errorf("report does not add up: %+v", rep)
	}
	p := all[0]
	if p.ID != "0503100000024959" || p.Bouwjaar != 2008 || p.BuildingType != "apartments" || p.Levels != 6 {
		t.Errorf("first pand %+v", p)
	}
}

func TestGeoJSONCBSBuurt(t *testing.T) {
	t.Parallel()
	path := "../testdata/cbs-buurt-sample/project_area_ede_componistenbuurt.geojson"
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	g, err := NewGeoJSONReader(fh, path)
	if err != nil {
		t.Fatal(err)
	}
	fs := readAll(t, g)
	if len(fs) != 1 || fs[0].Kind() != KindAreas {
		t.Fatalf("%d features, kind %s", len(fs), fs[0].Kind())
	}
	a, reason := AreaFromFeature(fs[0], AreaBuurt)
	if reason != "" || a.Code != "BU02280103" || a.Name != "Komponistenbuurt" || len(a.Geometry) != 1 {
		t.Errorf("area %+v, %q", a, reason)
	}
	if inw, _ := fs[0].propInt("aantal_inwoners"); inw != 1790 {
		t.Errorf("aantal_inwoners %d, want 1790", inw)
	}
}

func TestGeoJSONErrors(t *testing.T) {
	t.Parallel()
	feat := func(geom string) string {
		return `{"type":"Feature","properties":{"ref:bag":"0503100000000001"},"geometry":` + geom + `}`
	}
	rdCRS := `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},`
	cases := []struct {
		name    string
		in      string
		want    error
		feature int // -1: error before any feature
		msg     string
	}{
		{"bad coordinate", `{"type":"FeatureCollection",` + rdCRS + `"features":[` +
			feat(`{"type":"Point","coordinates":[85000,446000]}`) + `,` +
			feat(`{"type":"Polygon","coordinates":[[[85000,"x"],[1,2],[3,4],[85000,446000]]]}`) + `]}`,
			ErrGeometry, 1, "feature 1 (id 0503100000000001)"},
		{"short position", `{"type":"FeatureCollection","features":[` + feat(`{"type":"Point","coordinates":[4.3]}`) + `]}`,
			ErrGeometry, 0, "bad coordinate"},
		{"other crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}`,
			ErrCRS, -1, "EPSG:3857"},
		{"unknown crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"Lambert 93"}},"features":[]}`,
			ErrCRS, -1, "Lambert 93"},
		{"crs after features", `{"type":"FeatureCollection","features":[` + feat(`{"type":"Point","coordinates":[4.3,52]}`) + `],` + rdCRS[:len(rdCRS)-1] + `}`,
			ErrCRS, -1, "after the features"},
		{"truncated", `{"type":"FeatureCollection",` + rdCRS + `"features":[` + feat(`{"type":"Point","coordinates":[85000,446000]}`) + `,{"type":"Feat`,
			ErrCorrupt, 1, "feature 1"},
		{"not geojson", `[1,2,3]`, ErrCorrupt, -1, "not a GeoJSON object"},
		{"wrong type", `{"type":"Topology"}`, ErrCorrupt, -1, "Topology"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			g, err := NewGeoJSONReader(strings.NewReader(c.in), "bad.geojson")
			if err == nil {
				for err == nil {
					_, err = g.Next()
				}
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			var fe *FeatureError
			if !errors.As(err, &fe) || fe.File != "bad.geojson" {
				t.Fatalf("err %v is not a FeatureError for bad.geojson", err)
			}
			if c.feature >= 0 && fe.Feature != c.feature {
				t.Errorf("feature %d, want %d", fe.Feature, c.feature)
			}
			if !strings.Contains(err.Error(), c.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q does not contain %q on one line", err, c.msg)
			}
		})
	}
}

func TestGeoJSONWriterRoundTrip(t *testing.T) {
	t.Parallel()
	poly := orb.Polygon{{{85000, 446000}, {85010, 446000}, {85010, 446010}, {85000, 446000}}}
	line := orb.LineString{{85000, 446000}, {85100, 446050}}
	for _, wgs := range []bool{false, true} {
		t.Run(fmt.Sprintf("wgs84=%v", wgs), func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewGeoJSONWriter(&buf, GeoJSONOptions{WGS84: wgs, Name: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(poly, map[string]any{"identificatie": "0503100000000001", "bouwjaar": 1923, "nan": math.NaN()}); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(line, map[string]any{"highway": "residential", "name": "Mekelweg"}); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(nil, nil); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(buf.String(), `"crs"`); got == wgs {
				t.Errorf("crs member present: %v, want %v", got, !wgs)
			}
			g, err := NewGeoJSONReader(&buf, "out.geojson")
			if err != nil {
				t.Fatal(err)
			}
			fs := readAll(t, g)
			if len(fs) != 3 {
				t.Fatalf("%d features, want 3", len(fs))
			}
			tol := 0.001
			if wgs {
				tol = 0.01 // through WGS 84 and back
			}
			got := fs[0].Geometry.(orb.Polygon)
			for i, p := range poly[0] {
				if d := math.Hypot(got[0][i][0]-p[0], got[0][i][1]-p[1]); d > tol {
					t.Errorf("vertex %d: %v, want %v (%.4f m)", i, got[0][i], p, d)
				}
			}
			p, reason, _ := PandFromFeature(fs[0])
			if reason != "" || p.ID != "0503100000000001" || p.Bouwjaar != 1923 {
				t.Errorf("pand %+v %q", p, reason)
			}
			if fs[0].Properties["nan"] != nil {
				t.Errorf("NaN written as %v, want null", fs[0].Properties["nan"])
			}
			ss, _ := StreetsFromFeature(fs[1], nil)
			if len(ss) != 1 || ss[0].Name != "Mekelweg" || ss[0].Class != "residential" {
				t.Errorf("street %+v", ss)
			}
			if fs[2].Geometry != nil {
				t.Errorf("null geometry read as %v", fs[2].Geometry)
			}
		})
	}
}

func FuzzGeoJSON(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"building":"yes"},"geometry":{"type":"Polygon","coordinates":[[[4.37,51.99],[4.38,51.99],[4.38,52],[4.37,51.99]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[{"type":"Feature","id":7,"properties":null,"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2,3]}]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[4.3,52],[4.4,52.1]]]}}]}`))
	f.Add([]byte(`{"features":[{"type":"Feature","geometry":null}],"crs":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := NewGeoJSONReader(bytes.NewReader(b), "fuzz.geojson")
		if err != nil {
			return
		}
		defer g.Close()
		var rep Report
		for range 1000 {
			f, err := g.Next()
			if err != nil {
				var fe *FeatureError
				if err != io.EOF && !errors.As(err, &fe) {
					t.Fatalf("error %v is not a FeatureError", err)
				}
				return
			}
			PandFromFeature(f)
			StreetsFromFeature(f, nil)
			AddressFromFeature(f)
			AreaFromFeature(f, AreaBuurt)
			rep.Read++
		}
	})
}

// FuzzGeoJSONCoordinates checks the hand-written coordinate scanner
// against encoding/json decoding the same LineString coordinates.
func FuzzGeoJSONCoordinates(f *testing.F) {
	f.Add([]byte(`[[85000.5,446000],[1e3,-2.5E-1,7]]`))
	f.Add([]byte(` [ [1 , 2] ] `))
	f.Add([]byte(`[[1,2],[3]]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[[1,2],]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s := coordScanner{b: b}
		got, err := s.geometry("LineString", 2)
		var ref [][]float64
		refErr := json.Unmarshal(b, &ref)
		if refErr == nil {
			for _, p := range ref {
				if len(p) < 2 || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
					refErr = errors.New("short or infinite position")
				}
			}
		}
		if refErr != nil {
			return // the scanner may be more lenient (e.g. "+1"), never stricter
		}
		if err != nil {
			t.Fatalf("scanner rejects %q, encoding/json reads it: %v", b, err)
		}
		ls := got.(orb.LineString)
		if len(ls) != len(ref) {
			t.Fatalf("%d points, want %d", len(ls), len(ref))
		}
		for i := range ref {
			if ls[i][0] != ref[i][0] || ls[i][1] != ref[i][1] {
				t.Fatalf("point %d: %v, want %v", i, ls[i], ref[i])
			}
		}
	})
}

// featureStream generates a FeatureCollection of n building features on
// the fly, so that the test itself holds no copy of the file.
type featureStream struct {
	n, i int
	buf  []byte
	done bool
}

func (s *featureStream) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		switch {
		case s.done:
			return 0, io.EOF
		case s.i == 0 && s.buf == nil:
			s.buf = []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[`)
		case s.i < s.n:
			x := 80000 + float64(s.i%1000)*20
			y := 440000 + float64(s.i/1000)*20
			sep := ","
			if s.i == 0 {
				sep = ""
			}
			s.buf = fmt.Appendf(s.buf[:0], `%s{"type":"Feature","properties":{"identificatie":"0503100000%06d","bouwjaar":1930,"status":"Pand in gebruik"},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
				sep, s.i, x, y, x+10, y, x+10, y+10, x, y+10, x, y)
			s.i++
		default:
			s.buf, s.done = []byte("]}"), true
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// The reader's memory does not grow with the number of features: the
// live heap after 100,000 features (about 25 MB of GeoJSON) is within
// 1 MB of the heap after 1,000.
func TestGeoJSONStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 25 MB of generated GeoJSON")
	}
	const n = 100_000
	g, err := NewGeoJSONReader(&featureStream{n: n}, "stream.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var at1k uint64
	count := 0
	for {
		f, err := g.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, reason, _ := PandFromFeature(f); reason != "" {
			t.Fatalf("feature %d: %s", count, reason)
		}
		count++
		if count == 1000 {
			at1k = heap()
		}
	}
	end := heap()
	t.Logf("live heap after 1,000 features %d kB, after %d %d kB", at1k>>10, count, end>>10)
	if count != n {
		t.Fatalf("%d features, want %d", count, n)
	}
	if end > at1k+1<<20 {
		t.Errorf("heap grew from %d kB to %d kB", at1k>>10, end>>10)
	}
}

// TestGeoJSONWholeFile: a UTF-8 byte-order mark is read past; anything
// after the FeatureCollection (a second collection, stray bytes) is an
// error naming the file (issue 13, defect 4).
func TestGeoJSONWholeFile(t *testing.T) {
	t.Parallel()
	const fc = `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},` +
		`"features":[{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[85000,445000]}}]}`
	for _, c := range []struct {
		name, body string
		ok         bool
	}{
		{"plain", fc, true},
		{"trailing newline", fc + "\n\n", true},
		{"byte-order mark", "\xEF\xBB\xBF" + fc, true},
		{"second collection", fc + fc, false},
		{"stray bytes", fc + " garbage", false},
		{"stray brace", fc + "}", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r, err := NewGeoJSONReader(strings.NewReader(c.body), "x.geojson")
			n := 0
			for err == nil {
				_, err = r.Next()
				if err == nil {
					n++
				}
			}
			if c.ok {
				if err != io.EOF || n != 1 {
					t.Errorf("read %d features, ended with %v; want 1 and EOF", n, err)
				}
				return
			}
			if err == io.EOF || err == nil || !strings.Contains(err.Error(), "x.geojson") {
				t.Errorf("error %v, want one naming x.geojson", err)
			}
		})
	}
}
