package batch

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestBatchExistingNetwork: a batch given an existing heat network that
// lies in one buurt (pipes BN-01 and BN-04 of the invented example, on
// the east side of the demo) shows the reuse in that buurt's row of
// buurten.gpkg and in the summary's totals, and none in the other
// scanned buurt; the buurten not scanned (water, empty) have nulls. The
// per-buurt figures add up to the totals.
func TestBatchExistingNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("a batch over the demo")
	}
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bestaand-net-voorbeeld.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	var kept []any
	for _, f := range fc["features"].([]any) {
		if id := f.(map[string]any)["id"]; id == "BN-01" || id == "BN-04" {
			kept = append(kept, f)
		}
	}
	if len(kept) != 2 {
		t.Fatalf("%d of the example's pipes BN-01 and BN-04 found", len(kept))
	}
	fc["features"] = kept
	raw, _ = json.Marshal(fc)
	pipes := filepath.Join(dir, "bestaand-oost.geojson")
	if err := os.WriteFile(pipes, raw, 0o644); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "out")
	c := testConfig(out)
	c.Scan.ExistingNetwork = pipes
	sum, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Totals.ExistingReusedM == nil || sum.Totals.ExistingSavingEURYr == nil {
		t.Fatalf("summary totals %+v lack existing_reused_m and existing_saving_eur_yr", sum.Totals)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(out, "buurten.gpkg")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT buurtcode, status, existing_matched_m, existing_reused_m, existing_too_small_m, existing_saving_eur_yr, existing_offstreet_reused_m, existing_heat_loss_extra_gj FROM buurten ORDER BY buurtcode`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type fig struct{ matched, reused, tooSmall, saving, offReused, extraLoss sql.NullFloat64 }
	got := map[string]fig{}
	var reused, saving float64
	for rows.Next() {
		var code, status string
		var f fig
		if err := rows.Scan(&code, &status, &f.matched, &f.reused, &f.tooSmall, &f.saving, &f.offReused, &f.extraLoss); err != nil {
			t.Fatal(err)
		}
		got[code] = f
		if status != StatusOK {
			if f.matched.Valid || f.reused.Valid || f.saving.Valid || f.offReused.Valid || f.extraLoss.Valid {
				t.Errorf("%s (%s): existing figures %+v; want null for a buurt not scanned", code, status, f)
			}
			continue
		}
		reused += f.reused.Float64
		saving += f.saving.Float64
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	east, west := got["BU05039902"], got["BU05039901"]
	if !(east.reused.Float64 > 0 && east.saving.Float64 > 0 && east.matched.Float64 >= east.reused.Float64+east.tooSmall.Float64-1e-6) {
		t.Errorf("east buurt, where the pipes lie: %+v; want reuse and a saving", east)
	}
	// BN-01 (DN150) and BN-04 (DN100) run along streets and are larger
	// than parts of the network need: no pipe off the streets, more heat
	// loss than at the sized DN.
	if !east.offReused.Valid || east.offReused.Float64 != 0 || !(east.extraLoss.Float64 > 0) {
		t.Errorf("east buurt: %v m reused off the streets, %v GJ/yr extra heat loss; want 0 and more than 0", east.offReused, east.extraLoss)
	}
	if !west.reused.Valid || west.matched.Float64 != 0 || west.reused.Float64 != 0 || west.tooSmall.Float64 != 0 || west.saving.Float64 != 0 {
		t.Errorf("west buurt, without pipes: %+v; want 0 everywhere", west)
	}
	if math.Abs(reused-*sum.Totals.ExistingReusedM) > 1e-6 || math.Abs(saving-*sum.Totals.ExistingSavingEURYr) > 1e-6 {
		t.Errorf("buurten: %v m reused, %v EUR/yr; totals %v and %v", reused, saving, *sum.Totals.ExistingReusedM, *sum.Totals.ExistingSavingEURYr)
	}

	// Without the flag the batch has none of it.
	plain := filepath.Join(dir, "plain")
	psum, err := Run(context.Background(), testConfig(plain))
	if err != nil {
		t.Fatal(err)
	}
	if psum.Totals.ExistingReusedM != nil || psum.Totals.ExistingSavingEURYr != nil {
		t.Errorf("totals without --existing-network: %+v", psum.Totals)
	}
	pdb, err := sql.Open("sqlite3", "file:"+filepath.Join(plain, "buurten.gpkg")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer pdb.Close()
	if _, err := pdb.Exec(`SELECT existing_reused_m FROM buurten`); err == nil {
		t.Error("buurten.gpkg without --existing-network has the column existing_reused_m")
	}
}
