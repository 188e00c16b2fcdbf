package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset/outsettest"
)

var worksExample = filepath.Join("..", "..", "testdata", "works-voorbeeld.geojson")

// TestScanWithWorks scans the demo with the invented planned works of
// testdata/works-voorbeeld.geojson: the summary names the shared trench
// and its saving, the same metres are in network.geojson's works_m, the
// work outside the window of years shares nothing, the report has its
// section, a second run writes the same bytes, and the demo without
// --works has none of the new keys.
func TestScanWithWorks(t *testing.T) {
	dir := t.TempDir()
	scanWorks := func(out string) {
		var stdout, stderr bytes.Buffer
		if st := run([]string{"scan", "--quiet", "--out", out, "--works", worksExample}, &stdout, &stderr); st != 0 {
			t.Fatalf("scan --works: exit %d: %s", st, stderr.String())
		}
	}
	scanWorks(dir)
	var s struct {
		Network struct {
			CostEUR          float64  `json:"cost_eur"`
			WorksSharedM     *float64 `json:"works_shared_m"`
			WorksSavingEURYr *float64 `json:"works_saving_eur_yr"`
			Works            []struct {
				ID          string  `json:"id"`
				Kind        string  `json:"kind"`
				Year        int     `json:"year"`
				InWindow    bool    `json:"in_window"`
				SharedM     float64 `json:"shared_m"`
				SavingEUR   float64 `json:"saving_eur"`
				SavingEURYr float64 `json:"saving_eur_yr"`
			} `json:"works"`
		} `json:"network"`
	}
	readJSON(t, filepath.Join(dir, "summary.json"), &s)
	n := s.Network
	if n.WorksSharedM == nil || n.WorksSavingEURYr == nil {
		t.Fatalf("summary.json lacks network.works_shared_m or works_saving_eur_yr")
	}
	if *n.WorksSharedM <= 0 || *n.WorksSavingEURYr <= 0 {
		t.Fatalf("shared %v m, saving %v euro/yr: the demo's works share nothing", *n.WorksSharedM, *n.WorksSavingEURYr)
	}
	if len(n.Works) != 6 {
		t.Fatalf("%d works in the summary, want the file's 6", len(n.Works))
	}
	var sumM, sumYr float64
	for _, w := range n.Works {
		sumM += w.SharedM
		sumYr += w.SavingEURYr
		if !w.InWindow && (w.SharedM != 0 || w.SavingEUR != 0) {
			t.Errorf("work %s of %d lies outside the window but shares %v m", w.ID, w.Year, w.SharedM)
		}
	}
	if w := n.Works[5]; w.ID != "W6" || w.Year != 2035 || w.InWindow || w.Kind != "riolering" {
		t.Errorf("work 6 = %+v, want W6, riolering (read from 'rioolrenovatie'), 2035, outside the window 2010-2030", w)
	}
	if math.Abs(sumM-*n.WorksSharedM) > 1e-6 || math.Abs(sumYr-*n.WorksSavingEURYr) > 1e-6 {
		t.Errorf("per work %v m, %v euro/yr; totals %v m, %v euro/yr", sumM, sumYr, *n.WorksSharedM, *n.WorksSavingEURYr)
	}

	var fc struct {
		Features []struct {
			Properties struct {
				Kind    string  `json:"kind"`
				WorksM  float64 `json:"works_m"`
				WorksID string  `json:"works_id"`
			} `json:"properties"`
		} `json:"features"`
	}
	readJSON(t, filepath.Join(dir, "network.geojson"), &fc)
	geoM, marked := 0.0, 0
	for _, f := range fc.Features {
		p := f.Properties
		if p.WorksM > 0 {
			marked++
			geoM += p.WorksM
			if p.Kind != "distribution" || !strings.HasPrefix(p.WorksID, "W") {
				t.Errorf("segment with works_m %v: kind %q, works_id %q", p.WorksM, p.Kind, p.WorksID)
			}
		}
	}
	if marked == 0 || math.Abs(geoM-*n.WorksSharedM) > 1e-6 {
		t.Errorf("network.geojson: %d segments marked, %v m; summary %v m", marked, geoM, *n.WorksSharedM)
	}

	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Koppelkansen: werk met werk maken", "Herinrichting Schoemakerstraat", "buiten het venster van jaren", `class="works"`, "sleuf gedeeld met geplande werken"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}

	again := t.TempDir()
	scanWorks(again)
	outsettest.Same(t, dir, again, "two runs with --works")

	demo := scanDemo(t)
	raw, err := os.ReadFile(filepath.Join(demo, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"works_shared_m", "works_saving_eur_yr", `"works"`} {
		if bytes.Contains(raw, []byte(k)) {
			t.Errorf("the demo without --works has %s in summary.json", k)
		}
	}
	if page, _ := os.ReadFile(filepath.Join(demo, "report.html")); bytes.Contains(page, []byte("Koppelkansen")) {
		t.Errorf("the demo without --works has a Koppelkansen section")
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestScanBadWorks: a works file that cannot be used ends the scan with
// one line naming the file, the feature and what is wrong (exit 1).
func TestScanBadWorks(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	delftBuildings := filepath.Join("..", "..", "testdata", "delft-wippolder", "buildings_rd_approx.geojson")
	line := `"geometry":{"type":"LineString","coordinates":[[4.37,52.0],[4.371,52.0]]}`
	for _, c := range []struct {
		name, features, want string
	}{
		{"unknown kind", `{"type":"Feature","id":"a",` + line + `,"properties":{"kind":"glasvezel","year":2026}}`,
			`: feature 0 (id a): geodata: bad planned works: kind "glasvezel" is not riolering, herinrichting or kabels_en_leidingen`},
		{"no year", `{"type":"Feature","properties":{"kind":"riolering"},` + line + `}`,
			": feature 0: geodata: bad planned works: no year"},
		{"year not a year", `{"type":"Feature","properties":{"kind":"riolering","jaar":"volgend jaar"},` + line + `}`,
			`: feature 0: geodata: bad planned works: year "volgend jaar" is not a year in 2000..2100`},
		{"a point", `{"type":"Feature","properties":{"kind":"riolering","year":2026},` + line + `},` +
			`{"type":"Feature","properties":{"kind":"riolering","year":2026},"geometry":{"type":"Point","coordinates":[4.37,52.0]}}`,
			": feature 1: geodata: bad planned works: a Point; planned works are lines along the street or polygons of the area dug up"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := filepath.Join(tmp, strings.ReplaceAll(c.name, " ", "-")+".geojson")
			os.WriteFile(f, []byte(`{"type":"FeatureCollection","features":[`+c.features+`]}`), 0o644)
			var stdout, stderr bytes.Buffer
			st := run([]string{"scan", "--quiet", "--buildings", delftBuildings, "--works", f, "--out", filepath.Join(tmp, "out")}, &stdout, &stderr)
			msg := strings.TrimRight(stderr.String(), "\n")
			if st != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", st, msg)
			}
			if strings.Contains(msg, "\n") || !strings.Contains(msg, f+c.want) {
				t.Errorf("stderr:\n%s\nwant one line with:\n%s", msg, f+c.want)
			}
		})
	}
}
