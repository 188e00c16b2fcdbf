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
// service is skipped under its reason, the dead-end pipe on a courtyard
// (BN-05) joins no street, the pipe across the courtyard between two
// streets (BN-07) is added off the streets and used, the DN50 pipe on
// Julianalaan is too small where the load is large, the network reuses
// existing pipe and costs less than without it, the reused pipe loses
// heat at its own DN, network.geojson's existing_* columns add up to the
// summary, the report has its section, a second run writes the same
// bytes, and the demo without the flag has none of it.
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
		CostEUR       float64 `json:"cost_eur"`
		HeatLossMinGJ float64 `json:"heat_loss_gj_min"`
		Existing      *struct {
			FeaturesRead       int            `json:"features_read"`
			Skipped            map[string]int `json:"skipped"`
			Pipes              int            `json:"pipes"`
			OfferedM           float64        `json:"offered_m"`
			MatchedM           float64        `json:"matched_m"`
			UnmatchedFeatures  int            `json:"unmatched_features"`
			UnmatchedIDs       []string       `json:"unmatched_ids"`
			ReusedM            float64        `json:"reused_m"`
			SavingEUR          float64        `json:"saving_eur"`
			SavingEURYr        float64        `json:"saving_eur_yr"`
			TooSmallM          float64        `json:"too_small_m"`
			TooSmallSegments   int            `json:"too_small_segments"`
			OffStreetM         float64        `json:"offstreet_m"`
			OffStreetPieces    int            `json:"offstreet_pieces"`
			OffStreetReusedM   float64        `json:"offstreet_reused_m"`
			OffStreetTooSmallM float64        `json:"offstreet_too_small_m"`
			HeatLossExtraGJ    float64        `json:"heat_loss_extra_gj"`
			DesignSupplyC      float64        `json:"design_supply_c"`
			BelowDesignIDs     []string       `json:"below_design_ids"`
			BufferM            float64        `json:"buffer_m"`
			MaxAngleDeg        float64        `json:"max_angle_deg"`
			PipesUsed          []struct {
				ID              string  `json:"id"`
				DN              int     `json:"dn"`
				ReusedM         float64 `json:"reused_m"`
				TooSmallM       float64 `json:"too_small_m"`
				SavingEUR       float64 `json:"saving_eur"`
				OffStreetM      float64 `json:"offstreet_m"`
				HeatLossExtraGJ float64 `json:"heat_loss_extra_gj"`
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
	if e.FeaturesRead != 7 || e.Pipes != 6 || e.Skipped["existing_pipe_out_of_service"] != 1 {
		t.Errorf("read %d, used %d, skipped %v; want 7 read, 6 used, 1 out of service", e.FeaturesRead, e.Pipes, e.Skipped)
	}
	if e.UnmatchedFeatures != 1 || len(e.UnmatchedIDs) != 1 || e.UnmatchedIDs[0] != "BN-05" {
		t.Errorf("unmatched %d %v; want the dead-end courtyard pipe BN-05", e.UnmatchedFeatures, e.UnmatchedIDs)
	}
	if !(e.MatchedM > 0 && e.MatchedM <= e.OfferedM*1.05) || !(e.ReusedM > 0 && e.ReusedM+e.TooSmallM <= e.MatchedM+e.OffStreetM+1e-6) {
		t.Errorf("offered %v m, matched %v m, off the streets %v m, reused %v m, too small %v m", e.OfferedM, e.MatchedM, e.OffStreetM, e.ReusedM, e.TooSmallM)
	}
	// BN-07 crosses a courtyard between two streets (about 65 m): it is
	// added off the streets, with its links, and the network takes it.
	if !(e.OffStreetM > 50 && e.OffStreetM < 80) || e.OffStreetPieces < 1 || !(e.OffStreetReusedM > 0) || e.OffStreetReusedM+e.OffStreetTooSmallM > e.OffStreetM+1e-6 {
		t.Errorf("off the streets %v m in %d pieces, %v m reused, %v m too small; want BN-07's 65 m or so added and used", e.OffStreetM, e.OffStreetPieces, e.OffStreetReusedM, e.OffStreetTooSmallM)
	}
	// BN-07 is given at 55 C, below the MT design supply of 70 C: a
	// warning, the pipe is reused all the same.
	if e.DesignSupplyC != 70 || len(e.BelowDesignIDs) != 1 || e.BelowDesignIDs[0] != "BN-07" {
		t.Errorf("design supply %v C, below it %v; want 70 C and BN-07", e.DesignSupplyC, e.BelowDesignIDs)
	}
	if !(e.HeatLossExtraGJ > 0) {
		t.Errorf("extra heat loss at the existing DN %v GJ/yr; want more than 0 (the demo reuses pipes larger than it needs)", e.HeatLossExtraGJ)
	}
	if !(e.SavingEUR > 0 && e.SavingEURYr > 0 && e.SavingEURYr < e.SavingEUR) {
		t.Errorf("saving %v euro, %v euro/yr", e.SavingEUR, e.SavingEURYr)
	}
	var sumReused, sumTooSmall, sumSaving, sumOff, sumExtra float64
	tooSmallDN50 := false
	for _, p := range e.PipesUsed {
		sumReused += p.ReusedM
		sumTooSmall += p.TooSmallM
		sumSaving += p.SavingEUR
		sumOff += p.OffStreetM
		sumExtra += p.HeatLossExtraGJ
		if p.OffStreetM > 0 && p.ID != "BN-07" {
			t.Errorf("pipe %s used off the streets (%v m); only BN-07 lies off them", p.ID, p.OffStreetM)
		}
		if p.ID == "BN-02" && p.DN == 50 && p.TooSmallM > 0 {
			tooSmallDN50 = true
		}
	}
	if !tooSmallDN50 || e.TooSmallSegments == 0 {
		t.Errorf("the DN50 pipe on Julianalaan is never too small (%d segments): %+v", e.TooSmallSegments, e.PipesUsed)
	}
	if math.Abs(sumReused-e.ReusedM) > 1e-6 || math.Abs(sumTooSmall-e.TooSmallM) > 1e-6 || math.Abs(sumSaving-e.SavingEUR) > 1e-3 ||
		math.Abs(sumOff-e.OffStreetReusedM-e.OffStreetTooSmallM) > 1e-6 || math.Abs(sumExtra-e.HeatLossExtraGJ) > 1e-6 {
		t.Errorf("per pipe %v m reused, %v m too small, %v euro, %v m off the streets, %v GJ/yr extra loss; totals %v, %v, %v, %v, %v",
			sumReused, sumTooSmall, sumSaving, sumOff, sumExtra, e.ReusedM, e.TooSmallM, e.SavingEUR, e.OffStreetReusedM+e.OffStreetTooSmallM, e.HeatLossExtraGJ)
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
				ExistingOffStreet bool    `json:"existing_offstreet"`
				ExtraLossGJ       float64 `json:"existing_extra_loss_gj_per_year"`
				HeatLossGJ        float64 `json:"heat_loss_gj_per_year"`
			} `json:"properties"`
		} `json:"features"`
	}
	readJSON(t, filepath.Join(dir, "network.geojson"), &fc)
	var geoReused, geoTooSmall, geoOff, geoExtra, geoLoss float64
	for _, f := range fc.Features {
		p := f.Properties
		geoLoss += p.HeatLossGJ
		geoExtra += p.ExtraLossGJ
		if p.ExistingOffStreet {
			geoOff += p.ExistingM
		}
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
	if math.Abs(geoOff-e.OffStreetReusedM-e.OffStreetTooSmallM) > 1e-6 || math.Abs(geoExtra-e.HeatLossExtraGJ) > 1e-6 {
		t.Errorf("network.geojson: %v m off the streets, %v GJ/yr extra loss; summary %v and %v", geoOff, geoExtra, e.OffStreetReusedM+e.OffStreetTooSmallM, e.HeatLossExtraGJ)
	}
	// The routed pipes' heat loss (the low end of the loss band) is the
	// segments' sum, the existing DN's extra included.
	if math.Abs(geoLoss-s.Network.HeatLossMinGJ) > 1e-6*s.Network.HeatLossMinGJ {
		t.Errorf("network.geojson loses %v GJ/yr, summary.json heat_loss_gj_min %v", geoLoss, s.Network.HeatLossMinGJ)
	}

	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Bestaand warmtenet: eerst hergebruiken", "BN-05", "BN-07", "DN50", "Waarvan buiten de straat", "Extra warmteverlies", "Let op, temperatuur", "55 °C (lager dan ontwerp)", "als eigen verbinding aan het stratennet toegevoegd", `class="existing"`, `class="existing-too-small"`, "bestaande leiding hergebruikt",
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
