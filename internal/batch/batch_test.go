package batch

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/outset/outsettest"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
	"github.com/wijkwarmte/wijkwarmte/kader"
)

func testConfig(out string) Config {
	root := filepath.Join("..", "..", "testdata", "delft-wippolder")
	return Config{
		Scan: scan.Config{
			Buildings:     filepath.Join(root, "buildings_rd_approx.geojson"),
			Streets:       filepath.Join(root, "streets_in_bbox_rd_approx.geojson"),
			StreetMarginM: 250,
		},
		Areas:   filepath.Join("testdata", "buurten.geojson"),
		Out:     out,
		Workers: 2,
	}
}

// TestBatchResume: a batch stopped after one buurt (as a kill after that
// buurt's commit would leave it) and started again with the same config
// resumes, scans only the buurten not yet done, and ends with outputs
// identical to an uninterrupted run. It also checks the statuses and the
// nothing-lost account.
func TestBatchResume(t *testing.T) {
	if testing.Short() {
		t.Skip("three batches over the demo")
	}
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	sum, err := Run(context.Background(), testConfig(whole))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{StatusOK: 2, StatusWater: 1, StatusEmpty: 1}
	for k, v := range want {
		if sum.Status[k] != v {
			t.Errorf("status %s: %d buurten, want %d (%v)", k, sum.Status[k], v, sum.Status)
		}
	}
	skipped := 0
	for _, n := range sum.Input.Skipped {
		skipped += n
	}
	if sum.Input.PandenInAreas != sum.Input.BuildingsUsed+skipped || sum.Input.BuildingsUsed == 0 {
		t.Errorf("panden in areas %d != used %d + skipped %d", sum.Input.PandenInAreas, sum.Input.BuildingsUsed, skipped)
	}
	if err := outset.Verify(whole); err != nil {
		t.Fatal(err)
	}
	checkBuildingsLayout(t, whole, sum)

	parts := filepath.Join(dir, "parts")
	c := testConfig(parts)
	c.stopAfter = 1
	if _, err := Run(context.Background(), c); !errors.Is(err, errStopped) {
		t.Fatalf("stopped run: %v", err)
	}
	if _, err := os.Stat(parts); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a stopped batch made its output folder visible: %v", err)
	}
	c.stopAfter = 0
	var resumedFrom int
	c.Progress = func(p Progress) { resumedFrom = p.Resumed }
	if _, err := Run(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if resumedFrom != 1 {
		t.Errorf("the second run resumed from %d buurten, want 1", resumedFrom)
	}
	outsettest.Same(t, whole, parts, "uninterrupted against resumed")

	// Other inputs than the unfinished run's: refused without --restart.
	c.stopAfter = 1
	other := testConfig(filepath.Join(dir, "other"))
	other.stopAfter = 1
	Run(context.Background(), other)
	other.stopAfter = 0
	other.Scan.StreetMarginM = 100
	if _, err := Run(context.Background(), other); !errors.Is(err, outset.ErrChanged) {
		t.Errorf("changed options: %v, want ErrChanged", err)
	}
}

// TestBatchFailedBuurt: a buurt that fails gets status failed with its
// reason, the others are written, and Run says ErrFailed.
func TestBatchFailedBuurt(t *testing.T) {
	if testing.Short() {
		t.Skip("a batch over the demo")
	}
	out := filepath.Join(t.TempDir(), "out")
	c := testConfig(out)
	c.Codes, c.By = []string{"BU05039901", "BU05039902"}, scan.ByBuurt
	c.failBuurt = "BU05039902"
	sum, err := Run(context.Background(), c)
	if !errors.Is(err, ErrFailed) {
		t.Fatalf("run: %v, want ErrFailed", err)
	}
	if sum.Status[StatusFailed] != 1 || sum.Status[StatusOK] != 1 || len(sum.Failed) != 1 ||
		sum.Failed[0].Buurtcode != "BU05039902" || sum.Failed[0].Reason == "" {
		t.Errorf("statuses %v, failed %+v; want one ok and BU05039902 failed with its reason", sum.Status, sum.Failed)
	}
	if err := outset.Verify(out); err != nil {
		t.Errorf("the outputs of a batch with a failed buurt: %v", err)
	}
}

// TestBatchKader: with --kader every buurt gets its own assessment: the
// gemeente counts the buurten per preferred strategy, and buurten.gpkg has
// kader_preferred and the per-strategy kader columns (an excluded
// strategy has no total).
func TestBatchKader(t *testing.T) {
	if testing.Short() {
		t.Skip("a batch over the demo")
	}
	dir := t.TempDir()
	kf := filepath.Join(dir, "kader.csv")
	if err := os.WriteFile(kf, []byte("criterion,national_cost_per_t_co2,1\ncriterion,affordability_pct,1\nexclude,waterstof_boiler\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	k, err := kader.Load(kf)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	c := testConfig(out)
	c.Scan.Kader, c.Scan.KaderFile = k, kf
	sum, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var delft *Gemeente
	for i := range sum.Gemeenten {
		if sum.Gemeenten[i].Code == "GM0503" {
			delft = &sum.Gemeenten[i]
		}
	}
	if delft == nil {
		t.Fatal("no GM0503 in the summary")
	}
	n := 0
	for s, c := range delft.KaderCount {
		if s == "" || s == "waterstof_boiler" {
			t.Errorf("%d buurten prefer %q", c, s)
		}
		n += c
	}
	if n != 2 {
		t.Errorf("kader preferences in %d buurten, want the 2 scanned: %v", n, delft.KaderCount)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(out, "buurten.gpkg")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT buurtcode, kader_preferred, waterstof_boiler_kader_total, geothermie_kader_passes FROM buurten WHERE status = 'ok' ORDER BY buurtcode`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var code, pref string
		var wb, passes sql.NullFloat64
		if err := rows.Scan(&code, &pref, &wb, &passes); err != nil {
			t.Fatal(err)
		}
		got++
		if pref == "" || wb.Valid || !passes.Valid || passes.Float64 != 1 {
			t.Errorf("%s: preferred %q, excluded total %v, passes %v", code, pref, wb, passes)
		}
	}
	if got != 2 {
		t.Errorf("%d ok buurten in buurten.gpkg", got)
	}
}

// checkBuildingsLayout: the per-pand tables are one part-0.parquet per
// gemeente (hive-partitioned), holding every pand used, and the staging's
// per-buurt parts are gone.
func checkBuildingsLayout(t *testing.T, out string, sum *Summary) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(out, "buildings", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, f := range files {
		if filepath.Base(f) != "part-0.parquet" || !strings.HasPrefix(filepath.Base(filepath.Dir(f)), "gemeentecode=") {
			t.Errorf("%s: want buildings/gemeentecode=<code>/part-0.parquet", f)
			continue
		}
		r, err := geodata.ReadGeoParquetPanden(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := geodata.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		rows += len(ps)
	}
	if len(files) == 0 || rows != sum.Input.BuildingsUsed {
		t.Errorf("%d part files with %d panden, want %d panden", len(files), rows, sum.Input.BuildingsUsed)
	}
	if _, err := os.Stat(filepath.Join(out, "parts")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the staging's per-buurt parts are in the output: %v", err)
	}
}

// TestBatchNothingLost runs the batch over a small synthetic country that
// holds what a national file does besides good panden: a gemeente left out
// of the wijk- en buurtkaart (its panden outside every buurt) and spoilt
// records (demolished, no footprint, no BAG id, a bouwjaar that is not a
// year). Every pand is accounted for, each under the reason the generator
// put it there: buildings_read = panden_in_areas + panden_outside_areas +
// panden_without_geometry, and panden_in_areas = buildings_used + skipped.
func TestBatchNothingLost(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a synthetic country and runs a batch over it")
	}
	t.Parallel()
	dir := t.TempDir()
	nl := filepath.Join(dir, "nl")
	st, err := synthnl.Write(context.Background(), nl, synthnl.Options{Panden: 4000, UncoveredEvery: 2, DefectEvery: 97})
	if err != nil {
		t.Fatal(err)
	}
	if st.PandenUncovered == 0 || st.PandenWithoutGeometry == 0 || len(st.Skipped) != 3 {
		t.Fatalf("the country lacks a case: %+v", st)
	}
	bag := filepath.Join(nl, synthnl.BAGFile)
	sum, err := Run(context.Background(), Config{
		Scan: scan.Config{Buildings: bag, Layer: "pand", VBO: bag, VBOLayer: "verblijfsobject",
			Streets: filepath.Join(nl, synthnl.StreetsFile), Labels: filepath.Join(nl, synthnl.LabelsFile),
			StreetMarginM: 250, RouteWork: 200_000},
		Areas: filepath.Join(nl, synthnl.AreasFile), Out: filepath.Join(dir, "out"), Workers: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	in := sum.Input
	if in.BuildingsRead == nil || in.PandenOutsideAreas == nil || in.PandenWithoutGeometry == nil {
		t.Fatalf("input %+v: the GeoPackage's counts are missing", in)
	}
	if in.CountNote != "" {
		t.Errorf("count_note %q with the GeoPackage's counts known", in.CountNote)
	}
	skipped := 0
	for _, n := range in.Skipped {
		skipped += n
	}
	t.Logf("read %d = %d in buurten + %d outside + %d without footprint; in buurten %d = %d used + %d skipped %v",
		*in.BuildingsRead, in.PandenInAreas, *in.PandenOutsideAreas, *in.PandenWithoutGeometry, in.PandenInAreas, in.BuildingsUsed, skipped, in.Skipped)
	if *in.BuildingsRead != st.Panden || *in.PandenOutsideAreas != st.PandenUncovered ||
		*in.PandenWithoutGeometry != st.PandenWithoutGeometry ||
		in.PandenInAreas != st.Panden-st.PandenUncovered-st.PandenWithoutGeometry {
		t.Errorf("read %d, in areas %d, outside %d, without geometry %d; wrote %d panden, %d uncovered, %d without geometry",
			*in.BuildingsRead, in.PandenInAreas, *in.PandenOutsideAreas, *in.PandenWithoutGeometry,
			st.Panden, st.PandenUncovered, st.PandenWithoutGeometry)
	}
	if *in.BuildingsRead != in.PandenInAreas+*in.PandenOutsideAreas+*in.PandenWithoutGeometry ||
		in.PandenInAreas != in.BuildingsUsed+skipped {
		t.Errorf("the account does not close: %+v, skipped %v", in, in.Skipped)
	}
	for reason, n := range st.Skipped {
		if in.Skipped[reason] != n {
			t.Errorf("skipped under %s: %d, the country spoilt %d (all: %v)", reason, in.Skipped[reason], n, in.Skipped)
		}
	}
}

// TestBatchBadLabelsLeaveNoRun: a batch that stops on a bad EP-Online
// export leaves no unfinished run, so the same command with the corrected
// export starts without --restart (it was told that the inputs changed).
func TestBatchBadLabelsLeaveNoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("a batch over half the demo")
	}
	t.Parallel()
	tmp := t.TempDir()
	labels := filepath.Join(tmp, "ep-online.csv")
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ep-online", "ep-online-delft-synthetic.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(labels, append(append([]byte{}, good...), "20240101;X\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	c := testConfig(filepath.Join(tmp, "out"))
	c.Codes, c.By = []string{"BU05039901"}, scan.ByBuurt
	c.Scan.Labels = labels
	if _, err := Run(context.Background(), c); err == nil || !strings.Contains(err.Error(), labels) {
		t.Fatalf("run with a bad export: %v, want an error naming %s", err, labels)
	}
	if err := os.WriteFile(labels, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), c); err != nil {
		t.Fatalf("run with the corrected export: %v", err)
	}
}

// TestBatchBuildingsWithoutPandLayer: a buildings GeoPackage without a
// pand layer (the NWB given as --buildings) stops the batch before it
// begins, naming the file, and writes nothing; every buurt failed with
// that reason and the set of failures replaced the previous outputs.
func TestBatchBuildingsWithoutPandLayer(t *testing.T) {
	t.Parallel()
	nl := t.TempDir()
	if _, err := synthnl.Write(context.Background(), nl, synthnl.Options{Panden: 600}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	c := testConfig(out)
	c.Areas = filepath.Join(nl, "wijkenbuurten.gpkg")
	c.Scan.Buildings = filepath.Join(nl, "wegvakken.gpkg")
	c.Scan.Streets = filepath.Join(nl, "wegvakken.gpkg")
	sum, err := Run(context.Background(), c)
	if err == nil || errors.Is(err, ErrFailed) || !strings.Contains(err.Error(), c.Scan.Buildings) || !strings.Contains(err.Error(), "pand") {
		t.Fatalf("run: %v (summary %v), want an error naming %s and its missing pand layer", err, sum != nil, c.Scan.Buildings)
	}
	for _, p := range []string{out, filepath.Join(filepath.Dir(out), ".out.staging")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s exists after a batch that did not begin", p)
		}
	}
}

// TestBatchCountNote: for a buildings file whose rows cannot be counted
// without reading it whole (GeoJSON, OSM PBF) the summary's three counts
// are null, and count_note says so and why (they were null unexplained).
func TestBatchCountNote(t *testing.T) {
	if testing.Short() {
		t.Skip("two batches over the demo")
	}
	root := filepath.Join("..", "..", "testdata", "delft-wippolder")
	for _, c := range []struct{ name, buildings, streets string }{
		{"GeoJSON", filepath.Join(root, "buildings_rd_approx.geojson"), filepath.Join(root, "streets_in_bbox_rd_approx.geojson")},
		{"OSM PBF", filepath.Join(root, "tudelft.osm.pbf"), filepath.Join(root, "tudelft.osm.pbf")},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig(filepath.Join(t.TempDir(), "out"))
			cfg.Scan.Buildings, cfg.Scan.Streets = c.buildings, c.streets
			sum, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			in := sum.Input
			if in.BuildingsRead != nil || in.PandenOutsideAreas != nil || in.PandenWithoutGeometry != nil {
				t.Errorf("input %+v: counts a %s file cannot give", in, c.name)
			}
			if !strings.Contains(in.CountNote, "onbekend (null)") || !strings.Contains(in.CountNote, "GeoJSON- of OSM-bestand") {
				t.Errorf("count_note %q", in.CountNote)
			}
			if in.PandenInAreas != in.BuildingsUsed+sumSkipped(in.Skipped) {
				t.Errorf("panden_in_areas %d != buildings_used %d + skipped %v", in.PandenInAreas, in.BuildingsUsed, in.Skipped)
			}
		})
	}
}

func sumSkipped(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
