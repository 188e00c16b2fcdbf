package scan

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestGeoPackageReadCounts: rows the GeoPackage reader skips itself (NULL
// geometry, a bouwjaar that is not a year) count as read, so that in
// summary.json read = used + skipped and read is every row of the layer
// (issue 13, defect 1: 3 NULL geometries in 60 rows gave read 3).
func TestGeoPackageReadCounts(t *testing.T) {
	t.Parallel()
	path := copyWithoutTriggers(t, filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg"))
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
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

// TestTidyMessages: an unknown layer is named once, and a value a column
// cannot hold names the pand's BAG id and the column, not database/sql's
// own text (issue 13, defect 6).
func TestTidyMessages(t *testing.T) {
	t.Parallel()
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	_, err := Run(context.Background(), Config{Buildings: sample, Layer: "nope", Out: filepath.Join(t.TempDir(), "out")})
	if err == nil || strings.Count(err.Error(), "layer nope") != 1 || strings.Count(err.Error(), sample) != 1 {
		t.Errorf("unknown layer: %v, want the file and layer named once", err)
	}

	path := copyWithoutTriggers(t, sample)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	if err := db.QueryRow(`SELECT identificatie FROM bag_pand_kerk WHERE fid = 5`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id, err = geodata.NormalizePandID(id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE bag_pand_kerk SET aantal_verblijfsobjecten = 'veel' WHERE fid = 5`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Run(context.Background(), Config{Buildings: path, Out: filepath.Join(t.TempDir(), "out")})
	if err == nil || !strings.Contains(err.Error(), "(id "+id+")") || !strings.Contains(err.Error(), `aantal_verblijfsobjecten holds "veel"`) ||
		strings.Contains(err.Error(), "sql:") {
		t.Errorf("bad column value: %v, want the BAG id %s and the column, without database/sql's text", err, id)
	}
}

// copyWithoutTriggers copies a GeoPackage into the test's folder and drops
// its R-tree triggers, which call GEOS SQL functions this driver lacks, so
// that a test can change rows.
func copyWithoutTriggers(t *testing.T, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
	return path
}

// TestLabelsSkippedInSummary: the EP-Online registrations not used are
// counted by reason in summary.json (labels_skipped) and the report's
// table of counts, beside the panden skipped (the reader's counts were
// dropped).
func TestLabelsSkippedInSummary(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ep-online", "ep-online-delft-synthetic.csv"))
	if err != nil {
		t.Fatal(err)
	}
	labels := filepath.Join(t.TempDir(), "labels.csv")
	if err := os.WriteFile(labels, b, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	if _, err := Run(context.Background(), Config{Buildings: sample, Labels: labels, Out: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Input struct {
			LabelsRead    int            `json:"labels_read"`
			LabelsSkipped map[string]int `json:"labels_skipped"`
		} `json:"input"`
	}
	js, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &s); err != nil {
		t.Fatal(err)
	}
	// testdata/ep-online/README.md: 39 rows, 31 ids, 8 superseded
	if s.Input.LabelsRead != 31 || len(s.Input.LabelsSkipped) != 1 || s.Input.LabelsSkipped[geodata.SkipDuplicateID] != 8 {
		t.Errorf("labels_read %d, labels_skipped %v; want 31 and %s 8", s.Input.LabelsRead, s.Input.LabelsSkipped, geodata.SkipDuplicateID)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "energielabel overgeslagen: " + words[geodata.SkipDuplicateID] + `</td><td class="n">8<`; !bytes.Contains(html, []byte(want)) {
		t.Errorf("report.html lacks %q", want)
	}
}
