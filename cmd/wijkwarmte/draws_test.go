package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// eightHouses writes into dir a row of eight 1965 houses (GeoJSON, RD
// New) along one street: a wijk that scans in a fraction of a second.
func eightHouses(t *testing.T, dir string) (buildings, streets string) {
	t.Helper()
	var feats []string
	for i := range 8 {
		x := 85000.0 + 12*float64(i)
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","properties":{"identificatie":"05031000000%05d","bouwjaar":1965,"status":"Pand in gebruik"},"geometry":{"type":"Polygon","coordinates":[[[%g,445010],[%g,445010],[%g,445022],[%g,445022],[%g,445010]]]}}`,
			i+1, x, x+10, x+10, x, x))
	}
	buildings = filepath.Join(dir, "panden.geojson")
	streets = filepath.Join(dir, "straten.geojson")
	for p, body := range map[string]string{
		buildings: `{"type":"FeatureCollection",` + rdCRS + `,"features":[` + strings.Join(feats, ",") + `]}`,
		streets:   `{"type":"FeatureCollection",` + rdCRS + `,"features":[{"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[84980,445000],[85120,445000]]}}]}`,
	} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buildings, streets
}

// rdCRS is the GeoJSON 2008 crs member naming RD New.
const rdCRS = `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}`

// TestScanDraws: --draws N --seed S adds summary.json "robustness" and a
// sentence to the report; the same seed gives byte-identical robustness;
// --draws 0, a negative seed, or --seed/--reroute without --draws are
// usage errors.
func TestScanDraws(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	buildings, streets := eightHouses(t, tmp)
	base := []string{"scan", "--quiet", "--buildings", buildings, "--streets", streets}
	robust := func(out string, extra ...string) (json.RawMessage, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if status := run(append(append(base, "--out", out), extra...), &stdout, &stderr); status != 0 {
			t.Fatalf("exit %d; stderr:\n%s", status, stderr.String())
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Robustness json.RawMessage `json:"robustness"`
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		html, err := os.ReadFile(filepath.Join(out, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		return s.Robustness, string(html)
	}
	r1, html := robust(filepath.Join(tmp, "a"), "--draws", "12", "--seed", "7")
	r2, _ := robust(filepath.Join(tmp, "b"), "--draws", "12", "--seed", "7", "--workers", "1")
	if !bytes.Equal(r1, r2) {
		t.Errorf("same seed, different robustness:\n%s\n%s", r1, r2)
	}
	var r struct {
		Draws      int    `json:"draws"`
		Seed       uint64 `json:"seed"`
		Routing    string `json:"routing"`
		Strategies []struct {
			Name     string                          `json:"name"`
			Wins     int                             `json:"wins"`
			WinShare float64                         `json:"win_share"`
			National struct{ P5, P50, P95 *float64 } `json:"national_cost_eur_per_year"`
		} `json:"strategies"`
	}
	if err := json.Unmarshal(r1, &r); err != nil {
		t.Fatalf("robustness %s: %v", r1, err)
	}
	wins, feasible := 0, 0
	for _, st := range r.Strategies {
		wins += st.Wins
		if st.National.P50 != nil {
			feasible++
		}
	}
	if feasible < 2 {
		t.Errorf("%d strategies feasible in the draws", feasible)
	}
	if r.Draws != 12 || r.Seed != 7 || r.Routing != "scan_network" || wins != 12 || len(r.Strategies) == 0 {
		t.Errorf("robustness %s", r1)
	}
	if !strings.Contains(html, "doorrekeningen is ") || !strings.Contains(html, "Hoe zeker is de goedkoopste strategie?") {
		t.Error("report.html lacks the robustness section")
	}
	if r3, _ := robust(filepath.Join(tmp, "c"), "--draws", "12", "--seed", "8"); bytes.Equal(r1, r3) {
		t.Error("seeds 7 and 8 give the same robustness")
	}
	noDraws, html0 := robust(filepath.Join(tmp, "d"))
	if noDraws != nil || strings.Contains(html0, "doorrekeningen") {
		t.Errorf("robustness without --draws: %s", noDraws)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"zero draws", []string{"--draws", "0"}, "--draws 0"},
		{"negative draws", []string{"--draws", "-3"}, "--draws -3"},
		{"negative seed", []string{"--draws", "5", "--seed", "-1"}, "--seed -1"},
		{"seed without draws", []string{"--seed", "3"}, "--seed needs --draws"},
		{"reroute without draws", []string{"--reroute"}, "--reroute needs --draws"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(append(append(base, "--out", filepath.Join(tmp, "bad")), c.args...), &stdout, &stderr); status != 2 {
				t.Fatalf("exit %d, want 2; stderr:\n%s", status, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), c.want)
			}
		})
	}
}
