package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanKader: --kader adds summary.json "assessment" and the report's
// Toetsingskader section; the buurt's CBS income (--areas) feeds the
// affordability criterion; a bad kader file is one line naming the file
// and line, exit 1, and nothing is written.
func TestScanKader(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	buildings, streets := eightHouses(t, tmp)
	crs := rdCRS
	write := func(name, body string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	areas := write("buurten.geojson", `{"type":"FeatureCollection",`+crs+`,"features":[{"type":"Feature","properties":{"buurtcode":"BU05039999","buurtnaam":"Proefbuurt","gemiddeld_gestandaardiseerd_inkomen_van_huishoudens":"28,4"},"geometry":{"type":"Polygon","coordinates":[[[84900,444900],[85200,444900],[85200,445100],[84900,445100],[84900,444900]]]}}]}`)
	good := write("kader.csv", "# proef\ncriterium;betaalbaarheid;1\ncriterium;kosten_per_ton_co2;2\nuitsluiten;S5b;geen waterstof\n")
	out := filepath.Join(tmp, "out")
	var stdout, stderr bytes.Buffer
	if status := run([]string{"scan", "--quiet", "--buildings", buildings, "--streets", streets, "--areas", areas, "--kader", good, "--out", out}, &stdout, &stderr); status != 0 {
		t.Fatalf("exit %d; stderr:\n%s", status, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		BestStrategy string `json:"best_strategy"`
		Assessment   struct {
			Preferred    string `json:"preferred"`
			NationalBest string `json:"national_best"`
			Strategies   []struct {
				Name   string `json:"name"`
				Values []struct {
					Criterion string   `json:"criterion"`
					Value     *float64 `json:"value"`
				} `json:"values"`
			} `json:"strategies"`
		} `json:"assessment"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	a := s.Assessment
	if a.Preferred == "" || a.Preferred == "waterstof_boiler" || a.NationalBest != s.BestStrategy {
		t.Errorf("assessment: preferred %q, national best %q (scan: %q)\n%s", a.Preferred, a.NationalBest, s.BestStrategy, b)
	}
	withIncome := 0
	for _, st := range a.Strategies {
		if v := st.Values[0]; v.Criterion == "affordability_pct" && v.Value != nil {
			withIncome++
		}
	}
	if withIncome == 0 {
		t.Error("no strategy has an affordability figure although the buurt has an income")
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte(`<h2 id="toetsingskader">Toetsingskader</h2>`)) || !bytes.Contains(html, []byte("door het kader uitgesloten: geen waterstof")) {
		t.Error("report.html lacks the Toetsingskader section or the exclusion's sentence")
	}

	for _, tc := range []struct{ name, body, want string }{
		{"unknown criterion", "criterium;goedkoop;1\n", `:1: kader: unknown criterion "goedkoop"; valid: national_cost_per_t_co2`},
		{"bad weight", "# x\ncriterion,space_m2,veel\n", `:2: kader: weight "veel" is not a number`},
	} {
		bad := write("bad-"+strings.ReplaceAll(tc.name, " ", "-")+".csv", tc.body)
		dir := filepath.Join(tmp, "never-"+strings.ReplaceAll(tc.name, " ", "-"))
		stdout.Reset()
		stderr.Reset()
		status := run([]string{"scan", "--quiet", "--buildings", buildings, "--streets", streets, "--kader", bad, "--out", dir}, &stdout, &stderr)
		msg := strings.TrimSpace(stderr.String())
		if status != 1 || strings.Contains(msg, "\n") || !strings.Contains(msg, bad+tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and one line with %q", tc.name, status, msg, bad+tc.want)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the output folder exists after a bad kader: %v", tc.name, err)
		}
	}
}

// TestColumnsFlag: --columns maps a GeoPackage's column names onto the
// pand fields (here wijkwarmte's own wijkwarmte.gpkg, its id and storeys
// columns mapped explicitly); an unknown field is a usage error naming
// the valid ones.
func TestColumnsFlag(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if st := run([]string{"scan", "--quiet", "--columns", "x=kleur", "--out", t.TempDir()}, &stdout, &stderr); st != 2 || !strings.Contains(stderr.String(), `unknown field "kleur"; valid: identificatie, bouwjaar`) {
		t.Errorf("exit %d, stderr %q", st, stderr.String())
	}
	tmp := t.TempDir()
	buildings, streets := eightHouses(t, tmp)
	out := filepath.Join(tmp, "first")
	if st := run([]string{"scan", "--quiet", "--buildings", buildings, "--streets", streets, "--out", out}, &stdout, &stderr); st != 0 {
		t.Fatalf("exit %d: %s", st, stderr.String())
	}
	gpkg := filepath.Join(out, "wijkwarmte.gpkg")
	stderr.Reset()
	if st := run([]string{"scan", "--quiet", "--buildings", gpkg, "--layer", "panden", "--columns", "id=identificatie,storeys=bouwlagen", "--streets", streets, "--out", filepath.Join(tmp, "second")}, &stdout, &stderr); st != 0 {
		t.Fatalf("own gpkg with --columns: exit %d: %s", st, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(tmp, "second", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Input struct {
			Read int `json:"buildings_read"`
			Used int `json:"buildings_used"`
		} `json:"input"`
	}
	if err := json.Unmarshal(b, &s); err != nil || s.Input.Read != 8 || s.Input.Used != 8 {
		t.Errorf("read back %+v (%v), want 8 panden", s.Input, err)
	}
}
