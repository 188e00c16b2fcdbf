package scan

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// TestGeoPackageReadCounts: rows the GeoPackage reader skips itself (NULL
// geometry, a bouwjaar that is not a year) count as read, so that in
// summary.json read = used + skipped and read is every row of the layer
// (issue 13, defect 1: 3 NULL geometries in 60 rows gave read 3).
func TestGeoPackageReadCounts(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bag.gpkg")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	// The R-tree triggers call GEOS SQL functions this driver lacks.
	var triggers []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		triggers = append(triggers, n)
	}
	rows.Close()
	for _, n := range triggers {
		if _, err := db.Exec(`DROP TRIGGER "` + n + `"`); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`UPDATE bag_pand_kerk SET geom = NULL WHERE fid IN (SELECT fid FROM bag_pand_kerk ORDER BY fid LIMIT 3)`,
		`UPDATE bag_pand_kerk SET bouwjaar = 1965.5 WHERE fid = (SELECT max(fid) FROM bag_pand_kerk)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	out, err := Run(context.Background(), Config{Buildings: path, Out: filepath.Join(t.TempDir(), "out"), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	in := out.Summary.Input
	skipped := 0
	for _, n := range in.Skipped {
		skipped += n
	}
	if in.BuildingsRead != 60 {
		t.Errorf("buildings_read %d, want the layer's 60 rows", in.BuildingsRead)
	}
	if in.BuildingsRead != in.BuildingsUsed+skipped {
		t.Errorf("read %d != used %d + skipped %d (%v)", in.BuildingsRead, in.BuildingsUsed, skipped, in.Skipped)
	}
	if in.Skipped["no_geometry"] != 3 || in.Skipped["bouwjaar_not_a_year"] != 1 {
		t.Errorf("skipped %v, want no_geometry 3 and bouwjaar_not_a_year 1", in.Skipped)
	}
}
