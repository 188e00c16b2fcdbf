package geodata_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

func TestParseWorkKind(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want geodata.WorkKind
		ok   bool
	}{
		{"riolering", geodata.WorkRiolering, true},
		{"Rioolvervanging", geodata.WorkRiolering, true},
		{" riool ", geodata.WorkRiolering, true},
		{"herinrichting", geodata.WorkHerinrichting, true},
		{"Herbestrating", geodata.WorkHerinrichting, true},
		{"kabels en leidingen", geodata.WorkKabelsEnLeidingen, true},
		{"Kabels_en_leidingen", geodata.WorkKabelsEnLeidingen, true},
		{"kabels-en-leidingen", geodata.WorkKabelsEnLeidingen, true},
		{"K&L", geodata.WorkKabelsEnLeidingen, true},
		{"kabels & leidingen", geodata.WorkKabelsEnLeidingen, true},
		{"glasvezel", "", false},
		{"", "", false},
	} {
		got, ok := geodata.ParseWorkKind(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseWorkKind(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestEachWork reads works from a GeoJSON file in EPSG:28992: a line, a
// polygon with a date as year, and a feature without geometry (counted,
// not handed on).
func TestEachWork(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "werken.geojson")
	os.WriteFile(path, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","id":"r1","properties":{"soort":"Riolering","jaar":2027,"naam":"Riool Mekelweg"},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85100,445000]]}},
{"type":"Feature","properties":{"kind":"herinrichting","year":"2029-04-01"},"geometry":{"type":"Polygon","coordinates":[[[85000,445000],[85050,445000],[85050,445050],[85000,445000]]]}},
{"type":"Feature","properties":{"kind":"riolering","year":2027},"geometry":null}]}`), 0o644)
	s, err := geodata.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rep geodata.Report
	ws, err := s.Works("", &rep)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || rep.Read != 3 || rep.Used != 2 || rep.Skipped[geodata.SkipNoGeometry] != 1 {
		t.Fatalf("%d works, report %+v; want 2 of 3, one skipped without geometry", len(ws), rep)
	}
	if w := ws[0]; w.ID != "r1" || w.Kind != geodata.WorkRiolering || w.Year != 2027 || w.Name != "Riool Mekelweg" {
		t.Errorf("work 0 = %+v", w)
	}
	if w := ws[1]; w.ID != "#1" || w.Kind != geodata.WorkHerinrichting || w.Year != 2029 {
		t.Errorf("work 1 = %+v, want id #1 (its feature index), herinrichting, 2029", w)
	}
}

// FuzzWorks reads arbitrary bytes as a planned-works GeoJSON file: an
// error or works, never a panic; every work has a kind and a plausible
// year.
func FuzzWorks(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"riolering","year":2027},"geometry":{"type":"LineString","coordinates":[[4.37,52.0],[4.371,52.0]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"soort":"K&L","jaar":"2029-01-01"},"geometry":{"type":"Polygon","coordinates":[[[4.37,52.0],[4.371,52.0],[4.371,52.001],[4.37,52.0]]]}}]}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "works.geojson")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := geodata.Open(path)
		if err != nil {
			return
		}
		defer s.Close()
		var rep geodata.Report
		ws, err := s.Works("", &rep)
		if err != nil {
			return
		}
		for _, w := range ws {
			if _, ok := geodata.ParseWorkKind(string(w.Kind)); !ok || w.Year < 2000 || w.Year > 2100 || w.Geometry == nil {
				t.Fatalf("work %+v", w)
			}
		}
	})
}
