package geodata_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

func TestParseDN(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"150", 150, true},
		{"DN150", 150, true},
		{"dn 150", 150, true},
		{" DN 150 mm ", 150, true},
		{"150.0", 150, true},
		{"150mm", 150, true},
		{"150.5", 0, false},
		{"-150", 0, false},
		{"0", 0, false},
		{"DN", 0, false},
		{"groot", 0, false},
		{"", 0, false},
	} {
		got, ok := geodata.ParseDN(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseDN(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

const rdCRS = `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}`

func writeExisting(t *testing.T, features string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bestaand.geojson")
	if err := os.WriteFile(path, []byte(`{"type":"FeatureCollection",`+rdCRS+`,"features":[`+features+`]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEachExistingPipe reads pipes with DN as a number, as "DN150" and as
// "200", the optional fields, and counts a feature without geometry, one
// out of service and one of zero length as skipped.
func TestEachExistingPipe(t *testing.T) {
	t.Parallel()
	path := writeExisting(t, `
{"type":"Feature","id":"wn-1","properties":{"dn":150,"year":1998,"owner":"Eneco","kind":"distributie","temperature":90},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85100,445000]]}},
{"type":"Feature","properties":{"id":"wn-2","DN":"DN150","jaar":"2005-06-01"},"geometry":{"type":"MultiLineString","coordinates":[[[85100,445000],[85100,445050]],[[85100,445050],[85150,445050]]]}},
{"type":"Feature","properties":{"diameter":"200"},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85000,445030]]}},
{"type":"Feature","properties":{"dn":150},"geometry":null},
{"type":"Feature","properties":{"dn":150,"status":"Buiten gebruik"},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85000,445100]]}},
{"type":"Feature","properties":{"dn":150},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85000,445000]]}}`)
	s, err := geodata.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rep geodata.Report
	ps, err := s.ExistingPipes("", &rep)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || rep.Read != 6 || rep.Used != 3 || rep.Skipped[geodata.SkipNoGeometry] != 1 ||
		rep.Skipped[geodata.SkipExistingOutOfService] != 1 || rep.Skipped[geodata.SkipExistingNoLength] != 1 {
		t.Fatalf("%d pipes, report %+v; want 3 of 6, one skipped for each reason", len(ps), rep)
	}
	p := ps[0]
	if p.ID != "wn-1" || p.DN != 150 || p.Year != 1998 || p.Owner != "Eneco" || p.Kind != "distributie" || p.TemperatureC != 90 || p.LengthM != 100 {
		t.Errorf("first pipe %+v", p)
	}
	if q := ps[1]; q.ID != "wn-2" || q.DN != 150 || q.Year != 2005 || q.LengthM != 100 || !math.IsNaN(q.TemperatureC) {
		t.Errorf("second pipe %+v", q)
	}
	if r := ps[2]; r.ID != "#2" || r.DN != 200 || r.Year != 0 {
		t.Errorf("third pipe %+v: want id #2 (its feature index), DN200, no year", r)
	}
}

// TestExistingPipeBadInput: a row that cannot be used stops the read
// with an error naming the file, the feature, its id and the field.
func TestExistingPipeBadInput(t *testing.T) {
	t.Parallel()
	line := `"geometry":{"type":"LineString","coordinates":[[85000,445000],[85100,445000]]}`
	for _, c := range []struct {
		name, feature, want string
	}{
		{"no dn", `{"type":"Feature","id":"a","properties":{"year":2000},` + line + `}`, "field dn: missing"},
		{"dn not a number", `{"type":"Feature","id":"a","properties":{"dn":"groot"},` + line + `}`, `field dn: "groot"`},
		{"dn implausible", `{"type":"Feature","id":"a","properties":{"dn":5},` + line + `}`, "DN5 lies outside"},
		{"year not a year", `{"type":"Feature","id":"a","properties":{"dn":100,"year":"oud"},` + line + `}`, `field year: "oud"`},
		{"temperature", `{"type":"Feature","id":"a","properties":{"dn":100,"temperature":"heet"},` + line + `}`, `field temperature: "heet"`},
		{"a point", `{"type":"Feature","id":"a","properties":{"dn":100},"geometry":{"type":"Point","coordinates":[85000,445000]}}`, "a Point"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path := writeExisting(t, `{"type":"Feature","properties":{"dn":100},`+line+`},`+c.feature)
			s, err := geodata.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var rep geodata.Report
			_, err = s.ExistingPipes("", &rep)
			var fe *geodata.FeatureError
			if !errors.As(err, &fe) || !errors.Is(err, geodata.ErrExistingPipe) {
				t.Fatalf("error %v; want a FeatureError wrapping ErrExistingPipe", err)
			}
			msg := err.Error()
			if fe.Feature != 1 || fe.ID != "a" || !strings.Contains(msg, path) || !strings.Contains(msg, c.want) {
				t.Errorf("error %q (feature %d, id %q); want feature 1, id a, the file and %q", msg, fe.Feature, fe.ID, c.want)
			}
		})
	}
}

// TestExistingPipeBadInputGeoPackage: in a GeoPackage the error names the
// layer read, also when it was not given but picked as the only one.
func TestExistingPipeBadInputGeoPackage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bestaand.gpkg")
	w, err := geodata.CreateGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.AddLayer("leidingen", "LINESTRING", []geodata.GPKGColumn{{Name: "dn", Type: geodata.GPKGText}})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Write(orb.LineString{{85000, 445000}, {85100, 445000}}, "groot"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, layer := range []string{"", "leidingen"} {
		s, err := geodata.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var rep geodata.Report
		_, err = s.ExistingPipes(layer, &rep)
		s.Close()
		want := path + `: layer leidingen: feature 0`
		if !errors.Is(err, geodata.ErrExistingPipe) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `field dn: "groot"`) {
			t.Errorf("layer %q: error %v; want one naming %q and the field", layer, err, want)
		}
	}
}
