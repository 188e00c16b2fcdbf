package geodata

import (
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestCheckRD(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		g    orb.Geometry
		ok   bool
	}{
		{"nil", nil, true},
		{"Delft", orb.Point{85000, 447000}, true},
		{"Eijsden, south tip", orb.Point{179000, 307000}, true},
		{"Rottumeroog, north", orb.Point{236000, 619000}, true},
		{"degrees", orb.Point{4.36, 52.01}, false},
		{"huge", orb.LineString{{85000, 447000}, {1e300, 447000}}, false},
		{"NaN", orb.Polygon{{{85000, 447000}, {math.NaN(), 447000}, {85000, 447010}, {85000, 447000}}}, false},
		{"Inf", orb.MultiPoint{{math.Inf(1), 447000}}, false},
		{"Paris", orb.Point{-270000, 60000}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckRD(c.g)
			if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrOutsideNL)) {
				t.Fatalf("CheckRD(%v) = %v, want ok %v", c.g, err, c.ok)
			}
		})
	}
}

// TestGeoJSONOutsideNL: coordinates outside the Netherlands are an error
// naming the file, the feature and its id, and saying when WGS 84 axes
// are swapped.
func TestGeoJSONOutsideNL(t *testing.T) {
	t.Parallel()
	feature := func(id, coords string) string {
		return `{"type":"Feature","properties":{"identificatie":"` + id + `"},"geometry":{"type":"Point","coordinates":` + coords + `}}`
	}
	rdCRS := `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},`
	cases := []struct {
		name, in, want string
	}{
		{"swapped lon/lat", `{"type":"FeatureCollection","features":[` + feature("a", "[4.36,52.01]") + `,` + feature("b", "[52.01,4.36]") + `]}`, "swapped"},
		{"Paris in WGS 84", `{"type":"FeatureCollection","features":[` + feature("a", "[2.35,48.86]") + `]}`, "not in the Netherlands"},
		{"1e300 in RD", `{"type":"FeatureCollection",` + rdCRS + `"features":[` + feature("a", "[1e300,447000]") + `]}`, "is not in EPSG:28992"},
		{"degrees declared RD", `{"type":"FeatureCollection",` + rdCRS + `"features":[` + feature("a", "[4.36,52.01]") + `]}`, "is the CRS right"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := NewGeoJSONReader(strings.NewReader(c.in), "x.geojson")
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			buf := make([]Feature, 4)
			for err == nil {
				_, err = g.Read(buf)
			}
			var fe *FeatureError
			if errors.Is(err, io.EOF) || !errors.Is(err, ErrOutsideNL) || !errors.As(err, &fe) {
				t.Fatalf("got %v, want ErrOutsideNL in a FeatureError", err)
			}
			if fe.File != "x.geojson" || fe.Feature < 0 || fe.ID == "" || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q: want file, feature, id and %q", err, c.want)
			}
		})
	}
}
