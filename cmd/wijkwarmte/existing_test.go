package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset/outsettest"
)

var existingExample = filepath.Join("..", "..", "testdata", "bestaand-net-voorbeeld.geojson")

// TestScanWithExistingNetwork scans the demo with the invented existing
// network of testdata/bestaand-net-voorbeeld.geojson: the pipe out of
// service is skipped under its reason, the pipe across a courtyard matches
// no street, the DN50 pipe on Julianalaan is too small where the load is
// large, the network reuses existing pipe and costs less than without it,
// network.geojson's existing_* columns add up to the summary, the report
// has its section, a second run writes the same bytes, and the demo
// without the flag has none of it.
func TestScanWithExistingNetwork(t *testing.T) {
	dir := t.TempDir()
	scanExisting := func(out string, extra ...string) {
		var stdout, stderr bytes.Buffer
		if st := run(append([]string{"scan", "--quiet", "--out", out, "--existing-network", existingExample}, extra...), &stdout, &stderr); st != 0 {
			t.Fatalf("scan --existing-network: exit %d: %s", st, stderr.String())
		}
	}
	scanExisting(dir)
	type network struct {
		CostEUR  float64 `json:"cost_eur"`
		Existing *struct {
			FeaturesRead      int            `json:"features_read"`
			Skipped           map[string]int `json:"skipped"`
			Pipes             int            `json:"pipes"`
			OfferedM          float64        `json:"offered_m"`
			MatchedM          float64        `json:"matched_m"`
			UnmatchedFeatures int            `json:"unmatched_features"`
			UnmatchedIDs      []string       `json:"unmatched_ids"`
			ReusedM           float64        `json:"reused_m"`
			SavingEUR         float64        `json:"saving_eur"`
			SavingEURYr       float64        `json:"saving_eur_yr"`
			TooSmallM         float64        `json:"too_small_m"`
			TooSmallSegments  int            `json:"too_small_segments"`
			BufferM           float64        `json:"buffer_m"`
			MaxAngleDeg       float64        `json:"max_angle_deg"`
			PipesUsed         []struct {
				ID        string  `json:"id"`
				DN        int     `json:"dn"`
				ReusedM   float64 `json:"reused_m"`
				TooSmallM float64 `json:"too_small_m"`
				SavingEUR float64 `json:"saving_eur"`
			} `json:"pipes_used"`
		} `json:"existing"`
	}
	var s struct {
		Network network `json:"network"`
	}
	readJSON(t, filepath.Join(dir, "summary.json"), &s)
	e := s.Network.Existing
	if e == nil {
		t.Fatal("summary.json lacks network.existing")
	}
	if e.BufferM != 8 || e.MaxAngleDeg != 30 {
		t.Errorf("tolerance %v m, %v degrees; want the defaults net.existing.buffer 8 m, net.existing.max_angle 30", e.BufferM, e.MaxAngleDeg)
	}
	if e.FeaturesRead != 6 || e.Pipes != 5 || e.Skipped["existing_pipe_out_of_service"] != 1 {
		t.Errorf("read %d, used %d, skipped %v; want 6 read, 5 used, 1 out of service", e.FeaturesRead, e.Pipes, e.Skipped)
	}
	if e.UnmatchedFeatures != 1 || len(e.UnmatchedIDs) != 1 || e.UnmatchedIDs[0] != "BN-05" {
		t.Errorf("unmatched %d %v; want the courtyard pipe BN-05", e.UnmatchedFeatures, e.UnmatchedIDs)
	}
	if !(e.MatchedM > 0 && e.MatchedM <= e.OfferedM*1.05) || !(e.ReusedM > 0 && e.ReusedM+e.TooSmallM <= e.MatchedM+1e-6) {
		t.Errorf("offered %v m, matched %v m, reused %v m, too small %v m", e.OfferedM, e.MatchedM, e.ReusedM, e.TooSmallM)
	}
	if !(e.SavingEUR > 0 && e.SavingEURYr > 0 && e.SavingEURYr < e.SavingEUR) {
		t.Errorf("saving %v euro, %v euro/yr", e.SavingEUR, e.SavingEURYr)
	}
	var sumReused, sumTooSmall, sumSaving float64
	tooSmallDN50 := false
	for _, p := range e.PipesUsed {
		sumReused += p.ReusedM
		sumTooSmall += p.TooSmallM
		sumSaving += p.SavingEUR
		if p.ID == "BN-02" && p.DN == 50 && p.TooSmallM > 0 {
			tooSmallDN50 = true
		}
	}
	if !tooSmallDN50 || e.TooSmallSegments == 0 {
		t.Errorf("the DN50 pipe on Julianalaan is never too small (%d segments): %+v", e.TooSmallSegments, e.PipesUsed)
	}
	if math.Abs(sumReused-e.ReusedM) > 1e-6 || math.Abs(sumTooSmall-e.TooSmallM) > 1e-6 || math.Abs(sumSaving-e.SavingEUR) > 1e-3 {
		t.Errorf("per pipe %v m reused, %v m too small, %v euro; totals %v, %v, %v", sumReused, sumTooSmall, sumSaving, e.ReusedM, e.TooSmallM, e.SavingEUR)
	}

	var fc struct {
		Features []struct {
			Properties struct {
				Kind              string  `json:"kind"`
				DN                int     `json:"dn"`
				ExistingM         float64 `json:"existing_m"`
				ExistingID        string  `json:"existing_id"`
				ExistingDN        int     `json:"existing_dn"`
				ExistingTooSmall  bool    `json:"existing_too_small"`
				ExistingSavingEUR float64 `json:"existing_saving_eur"`
			} `json:"properties"`
		} `json:"features"`
	}
	readJSON(t, filepath.Join(dir, "network.geojson"), &fc)
	var geoReused, geoTooSmall float64
	for _, f := range fc.Features {
		p := f.Properties
		if p.ExistingM == 0 {
			continue
		}
		if p.Kind != "distribution" || !strings.HasPrefix(p.ExistingID, "BN-") || p.ExistingTooSmall != (p.ExistingDN < p.DN) {
			t.Errorf("segment on existing pipe: %+v", p)
		}
		if p.ExistingTooSmall {
			geoTooSmall += p.ExistingM
		} else {
			geoReused += p.ExistingM
		}
	}
	if math.Abs(geoReused-e.ReusedM) > 1e-6 || math.Abs(geoTooSmall-e.TooSmallM) > 1e-6 {
		t.Errorf("network.geojson: %v m reused, %v m too small; summary %v and %v", geoReused, geoTooSmall, e.ReusedM, e.TooSmallM)
	}

	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Bestaand warmtenet: eerst hergebruiken", "BN-05", "DN50", `class="existing"`, `class="existing-too-small"`, "bestaande leiding hergebruikt",
		"binnen 8 m van de straatas en in dezelfde richting: binnen 30 graden", "net.existing.buffer", "net.existing.max_angle"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}

	again := t.TempDir()
	scanExisting(again)
	outsettest.Same(t, dir, again, "two runs with --existing-network")

	// A looser tolerance (--params) matches more street along the pipes
	// (every point within 8 m and 30 degrees is also within 12 m and 45
	// degrees), and the summary and the report say which was used.
	tol := filepath.Join(t.TempDir(), "tolerantie.csv")
	if err := os.WriteFile(tol, []byte("name,value,unit\nnet.existing.buffer,12,m\nnet.existing.max_angle,45,deg\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loose := t.TempDir()
	scanExisting(loose, "--params", tol)
	var l struct {
		Network network `json:"network"`
	}
	readJSON(t, filepath.Join(loose, "summary.json"), &l)
	if le := l.Network.Existing; le == nil || le.BufferM != 12 || le.MaxAngleDeg != 45 || !(le.MatchedM > e.MatchedM) {
		t.Errorf("with a 12 m, 45 degree tolerance: %+v; want buffer_m 12, max_angle_deg 45 and more than %v m matched", le, e.MatchedM)
	}
	if page, _ := os.ReadFile(filepath.Join(loose, "report.html")); !bytes.Contains(page, []byte("binnen 12 m van de straatas en in dezelfde richting: binnen 45 graden")) {
		t.Errorf("report.html with a 12 m, 45 degree tolerance does not say so")
	}

	demo := scanDemo(t)
	var d struct {
		Network network `json:"network"`
	}
	readJSON(t, filepath.Join(demo, "summary.json"), &d)
	if d.Network.Existing != nil {
		t.Errorf("the demo without --existing-network has network.existing")
	}
	if !(s.Network.CostEUR < d.Network.CostEUR) {
		t.Errorf("network %v euro with the existing network, %v without: want it cheaper", s.Network.CostEUR, d.Network.CostEUR)
	}
	if raw, _ := os.ReadFile(filepath.Join(demo, "network.geojson")); bytes.Contains(raw, []byte("existing_m")) {
		t.Errorf("the demo without --existing-network has existing_m in network.geojson")
	}
	if page, _ := os.ReadFile(filepath.Join(demo, "report.html")); bytes.Contains(page, []byte("Bestaand warmtenet")) || bytes.Contains(page, []byte("net.existing.")) {
		t.Errorf("the demo without --existing-network has a Bestaand warmtenet section or lists net.existing.* among its parameters")
	}
}

// TestScanBadExistingNetwork: an existing-network file that cannot be
// used ends the scan with one line naming the file, the feature and the
// field (exit 1).
func TestScanBadExistingNetwork(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	delftBuildings := filepath.Join("..", "..", "testdata", "delft-wippolder", "buildings_rd_approx.geojson")
	line := `"geometry":{"type":"LineString","coordinates":[[4.37,52.0],[4.371,52.0]]}`
	for _, c := range []struct {
		name, features, want string
	}{
		{"no dn", `{"type":"Feature","id":"a",` + line + `,"properties":{"year":1990}}`,
			`: feature 0 (id a): geodata: bad existing pipe: field dn: missing`},
		{"dn not a diameter", `{"type":"Feature","properties":{"dn":"dik"},` + line + `}`,
			`: feature 0: geodata: bad existing pipe: field dn: "dik" is not a nominal diameter`},
		{"a polygon", `{"type":"Feature","properties":{"dn":100},` + line + `},` +
			`{"type":"Feature","properties":{"dn":100},"geometry":{"type":"Polygon","coordinates":[[[4.37,52.0],[4.371,52.0],[4.371,52.001],[4.37,52.0]]]}}`,
			": feature 1: geodata: bad existing pipe: a Polygon"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := filepath.Join(tmp, strings.ReplaceAll(c.name, " ", "-")+".geojson")
			os.WriteFile(f, []byte(`{"type":"FeatureCollection","features":[`+c.features+`]}`), 0o644)
			var stdout, stderr bytes.Buffer
			st := run([]string{"scan", "--quiet", "--buildings", delftBuildings, "--existing-network", f, "--out", filepath.Join(tmp, "out")}, &stdout, &stderr)
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

// TestScanBadExistingTolerance: an override of the match tolerance
// outside its range, or in another unit, ends the scan with one line
// naming the file, the line and the parameter (exit 1).
func TestScanBadExistingTolerance(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	for _, c := range []struct{ name, row, want string }{
		{"buffer 0", "net.existing.buffer,0,m", `:2: parameter "net.existing.buffer": kosten: bad parameter file: the distance within which a street runs along an existing pipe must lie in (0, 50] m`},
		{"buffer 80 m", "net.existing.buffer,80,m", `:2: parameter "net.existing.buffer": kosten: bad parameter file: the distance within which a street runs along an existing pipe must lie in (0, 50] m`},
		{"angle 90", "net.existing.max_angle,90,deg", `:2: parameter "net.existing.max_angle": kosten: bad parameter file: the largest angle between a street and an existing pipe along it must lie in (0, 90) degrees`},
		{"angle in radians", "net.existing.max_angle,0.5,rad", `:2: parameter "net.existing.max_angle": kosten: unit mismatch: unknown unit "rad"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := filepath.Join(tmp, strings.ReplaceAll(c.name, " ", "-")+".csv")
			if err := os.WriteFile(f, []byte("name,value,unit\n"+c.row+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			st := run([]string{"scan", "--quiet", "--existing-network", existingExample, "--params", f, "--out", filepath.Join(tmp, "out")}, &stdout, &stderr)
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
