package geodata

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestBouwjaarNotAYear: a bouwjaar that is text but not a whole number is
// counted under SkipBouwjaarNotAYear by the GeoPackage and the GeoJSON
// reader alike; an empty bouwjaar is kept (the validator counts it as
// implausible).
func TestBouwjaarNotAYear(t *testing.T) {
	t.Parallel()
	years := []any{"1923", "abc", 1965, nil, "1923.5"}
	square := func(i int) orb.Polygon {
		x := 85000 + 20*float64(i)
		return orb.Polygon{{{x, 447000}, {x + 10, 447000}, {x + 10, 447010}, {x, 447010}, {x, 447000}}}
	}
	id := func(i int) string { return fmt.Sprintf("05031000000000%02d", i+1) }
	check := func(t *testing.T, ps []Pand, rep Report) {
		t.Helper()
		var got []int
		for _, p := range ps {
			got = append(got, p.Bouwjaar)
		}
		if fmt.Sprint(got) != "[1923 1965 0]" {
			t.Errorf("bouwjaren kept %v, want [1923 1965 0]", got)
		}
		if rep.Skipped[SkipBouwjaarNotAYear] != 2 {
			t.Errorf("skipped %v, want 2 under %s", rep.Skipped, SkipBouwjaarNotAYear)
		}
	}

	t.Run("GeoPackage", func(t *testing.T) {
		t.Parallel()
		var rows [][]any
		for i, y := range years {
			rows = append(rows, []any{gpkgBlob(28992, square(i)), id(i), y, "Pand in gebruik"})
		}
		path := makeGPKG(t, "pand", "POLYGON", 28992, "identificatie TEXT, bouwjaar, status TEXT", "identificatie, bouwjaar, status", rows)
		g, err := OpenGeoPackage(path)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		var rep Report
		r, err := g.Panden("pand", &rep)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		check(t, readAllPanden(t, r), rep)
	})
	t.Run("GeoJSON", func(t *testing.T) {
		t.Parallel()
		var feats []string
		for i, y := range years {
			props, _ := json.Marshal(map[string]any{"identificatie": id(i), "bouwjaar": y})
			coords, _ := json.Marshal(square(i))
			feats = append(feats, `{"type":"Feature","properties":`+string(props)+`,"geometry":{"type":"Polygon","coordinates":`+string(coords)+`}}`)
		}
		doc := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[` +
			strings.Join(feats, ",") + `]}`
		g, err := NewGeoJSONReader(strings.NewReader(doc), "panden.geojson")
		if err != nil {
			t.Fatal(err)
		}
		var rep Report
		r := GeoJSONPanden(g, &rep)
		defer r.Close()
		check(t, readAllPanden(t, r), rep)
	})
}
