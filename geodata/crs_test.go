package geodata

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

func TestTransformToRDDelft(t *testing.T) {
	t.Parallel()
	// The first vertex of OSM way 32017871 (a TU Delft campus building) in
	// testdata/delft-wippolder/buildings_wgs84.geojson and, via the RD/WGS84
	// polynomial approximation (~1 m), buildings_rd_approx.geojson.
	wgs := orb.Point{4.3713101, 51.9971067}
	rdApprox := orb.Point{85233.496, 445901.312}
	g, err := TransformToRD(wgs, EPSGWGS84)
	if err != nil {
		t.Fatal(err)
	}
	got := g.(orb.Point)
	if d := math.Hypot(got[0]-rdApprox[0], got[1]-rdApprox[1]); d > 1.5 {
		t.Errorf("TransformToRD(%v) = %v, %.2f m from the RD approximation %v", wgs, got, d, rdApprox)
	}
	// the input is not changed
	if wgs != (orb.Point{4.3713101, 51.9971067}) {
		t.Errorf("input changed to %v", wgs)
	}
}

func TestTransformToRDGeometries(t *testing.T) {
	t.Parallel()
	ring := orb.Ring{{4.37, 51.99}, {4.38, 51.99}, {4.38, 52.0}, {4.37, 51.99}}
	cases := []struct {
		name string
		g    orb.Geometry
	}{
		{"point", orb.Point{4.37, 51.99}},
		{"line", orb.LineString{{4.37, 51.99}, {4.38, 52.0}}},
		{"polygon", orb.Polygon{ring}},
		{"multipolygon", orb.MultiPolygon{{ring}, {ring}}},
		{"multiline", orb.MultiLineString{{{4.37, 51.99}, {4.38, 52.0}}}},
		{"collection", orb.Collection{orb.Point{4.37, 51.99}, orb.LineString{{4.37, 51.99}, {4.38, 52.0}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := TransformToRD(c.g, EPSGWGS84)
			if err != nil {
				t.Fatal(err)
			}
			if g.GeoJSONType() != c.g.GeoJSONType() {
				t.Fatalf("type %s, want %s", g.GeoJSONType(), c.g.GeoJSONType())
			}
			b := g.Bound()
			// Delft lies near x 84,000-86,000, y 445,000-447,000
			if b.Min[0] < 80000 || b.Max[0] > 90000 || b.Min[1] < 440000 || b.Max[1] > 450000 {
				t.Errorf("bound %v is not in Delft", b)
			}
		})
	}
}

func TestTransformToRDIdentityAndErrors(t *testing.T) {
	t.Parallel()
	p := orb.Point{85000, 446000}
	g, err := TransformToRD(p, EPSGRDNew)
	if err != nil || g.(orb.Point) != p {
		t.Errorf("identity: %v, %v", g, err)
	}
	if _, err := TransformToRD(p, 999999); !errors.Is(err, ErrCRS) {
		t.Errorf("unknown EPSG: err %v, want ErrCRS", err)
	}
	if _, err := TransformToRD(orb.Point{math.NaN(), 52}, EPSGWGS84); !errors.Is(err, ErrGeometry) {
		t.Errorf("NaN: err %v, want ErrGeometry", err)
	}
}

func TestTransformToRDConcurrent(t *testing.T) {
	t.Parallel()
	want, err := TransformToRD(orb.Point{4.37, 51.99}, EPSGWGS84)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for range 100 {
				got, err := TransformToRD(orb.Point{4.37, 51.99}, EPSGWGS84)
				if err != nil {
					errs <- err
					return
				}
				if got.(orb.Point) != want.(orb.Point) {
					errs <- fmt.Errorf("got %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestParseCRS(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want int
	}{
		{"EPSG:28992", 28992},
		{"epsg:28992", 28992},
		{"EPSG::28992", 28992},
		{"urn:ogc:def:crs:EPSG::28992", 28992},
		{"urn:ogc:def:crs:EPSG:6.6:28992", 28992},
		{"http://www.opengis.net/def/crs/EPSG/0/28992", 28992},
		{"urn:ogc:def:crs:OGC:1.3:CRS84", 4326},
		{"OGC:CRS84", 4326},
		{"EPSG:4326", 4326},
		{"4326", 4326},
		{"", 0},
		{"RD New", 0},
		{"EPSG:abc", 0},
		{"urn:ogc:def:crs:EPSG::-1", 0},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseCRS("f.geojson", c.in)
			if c.want == 0 {
				var fe *FeatureError
				if !errors.Is(err, ErrCRS) || !errors.As(err, &fe) || fe.File != "f.geojson" {
					t.Errorf("ParseCRS(%q) = %d, %v; want an ErrCRS FeatureError for f.geojson", c.in, got, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("ParseCRS(%q) = %d, %v; want %d", c.in, got, err, c.want)
			}
		})
	}
}

func TestParseCRSJSON(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		want     int
	}{
		{"string", `"EPSG:28992"`, 28992},
		{"geojson2008", `{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}`, 28992},
		{"geojson epsg type", `{"type":"EPSG","properties":{"code":28992}}`, 28992},
		{"projjson id", `{"type":"ProjectedCRS","name":"Amersfoort / RD New","id":{"authority":"EPSG","code":28992}}`, 28992},
		{"projjson ids", `{"type":"GeographicCRS","ids":[{"authority":"OGC","code":"CRS84"}]}`, 4326},
		{"projjson no id", `{"type":"ProjectedCRS","name":"custom"}`, 0},
		{"not json", `{broken`, 0},
		{"other authority", `{"id":{"authority":"IGNF","code":"LAMB93"}}`, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseCRSJSON("x.parquet", []byte(c.in))
			if c.want == 0 {
				if !errors.Is(err, ErrCRS) {
					t.Errorf("got %d, %v; want ErrCRS", got, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %d, %v; want %d", got, err, c.want)
			}
		})
	}
}

func ExampleTransformToRD() {
	// A point on the TU Delft campus in WGS 84 (lon, lat).
	g, err := TransformToRD(orb.Point{4.3713101, 51.9971067}, EPSGWGS84)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := g.(orb.Point)
	fmt.Printf("x %.0f y %.0f\n", p[0], p[1])
	// Output: x 85234 y 445902
}
