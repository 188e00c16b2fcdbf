package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

func openDuckDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestDuckDBReadsOutputs: DuckDB reads the demo scan's buildings.parquet
// and network.parquet: one row per pand and per segment, the ids and
// dwellings of summary.json, and the GeoParquet 1.1 "geo" metadata.
func TestDuckDBReadsOutputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	o, err := scan.Run(context.Background(), scan.Config{Out: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	db := openDuckDB(t)
	var rows, ids, dwellings int
	q := fmt.Sprintf(`SELECT count(*), count(DISTINCT id), sum(dwellings) FROM read_parquet('%s')`, filepath.Join(out, "buildings.parquet"))
	if err := db.QueryRow(q).Scan(&rows, &ids, &dwellings); err != nil {
		t.Fatal(err)
	}
	s := o.Summary
	if rows != s.Input.BuildingsUsed || ids != rows || dwellings != s.Stock.Dwellings {
		t.Errorf("DuckDB: %d rows, %d ids, %d dwellings; summary: %d panden, %d dwellings", rows, ids, dwellings, s.Input.BuildingsUsed, s.Stock.Dwellings)
	}
	var segs int
	if err := db.QueryRow(fmt.Sprintf(`SELECT count(*) FROM read_parquet('%s')`, filepath.Join(out, "network.parquet"))).Scan(&segs); err != nil {
		t.Fatal(err)
	}
	if segs != s.Network.Segments {
		t.Errorf("DuckDB: %d segments, summary %d", segs, s.Network.Segments)
	}
	var geo string
	if err := db.QueryRow(fmt.Sprintf(`SELECT decode(value) FROM parquet_kv_metadata('%s') WHERE decode(key) = 'geo'`, filepath.Join(out, "buildings.parquet"))).Scan(&geo); err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Version       string `json:"version"`
		PrimaryColumn string `json:"primary_column"`
	}
	if err := json.Unmarshal([]byte(geo), &meta); err != nil || meta.Version != "1.1.0" || meta.PrimaryColumn != "geometry" {
		t.Errorf("geo metadata %s (%v)", geo, err)
	}
}

// TestReadsDuckDBGeoParquet: a GeoParquet file written by DuckDB (COPY
// ... TO with the GeoParquet 1.0 "geo" metadata DuckDB's spatial
// extension writes, here given as KV_METADATA since the extension needs
// a download) reads as panden, without status and gebruiksdoel columns
// (defaulted and counted), and a scan runs on it.
func TestReadsDuckDBGeoParquet(t *testing.T) {
	dir := t.TempDir()
	db := openDuckDB(t)
	if _, err := db.Exec(`CREATE TABLE panden (identificatie VARCHAR, bouwjaar INTEGER, geometry BLOB)`); err != nil {
		t.Fatal(err)
	}
	const n = 12
	for i := range n {
		x := 85000.0 + 12*float64(i)
		poly := orb.Polygon{{{x, 445010}, {x + 10, 445010}, {x + 10, 445022}, {x, 445022}, {x, 445010}}}
		b, err := wkb.Marshal(poly)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO panden VALUES (?, ?, ?)`, fmt.Sprintf("05031000000%05d", i+1), 1950+i, b); err != nil {
			t.Fatal(err)
		}
	}
	geo := `{"version":"1.0.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":["Polygon"],"crs":{"$schema":"https://proj.org/schemas/v0.7/projjson.schema.json","type":"ProjectedCRS","name":"Amersfoort / RD New","id":{"authority":"EPSG","code":28992}}}}}`
	path := filepath.Join(dir, "duckdb.parquet")
	if _, err := db.Exec(fmt.Sprintf(`COPY panden TO '%s' (FORMAT PARQUET, KV_METADATA {geo: '%s'})`, path, strings.ReplaceAll(geo, "'", "''"))); err != nil {
		t.Fatal(err)
	}
	src, err := geodata.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep geodata.Report
	r, _, err := src.Panden("", &rep)
	if err != nil {
		t.Fatalf("a DuckDB-written GeoParquet: %v", err)
	}
	buf := make([]geodata.Pand, 64)
	got := 0
	for {
		k, err := r.Read(buf)
		for _, p := range buf[:k] {
			if !strings.HasPrefix(p.ID, "05031000000") || p.Bouwjaar < 1950 || len(p.Footprint) != 1 {
				t.Errorf("read %+v", p)
			}
		}
		got += k
		if err != nil || k == 0 {
			break
		}
	}
	r.Close()
	src.Close()
	if got != n || rep.Read != n || rep.Repaired[geodata.RepairNoStatusColumn] != n || rep.Repaired[geodata.RepairNoUseColumn] != n {
		t.Errorf("read %d panden, report %+v", got, rep)
	}
	streets := filepath.Join(dir, "straten.geojson")
	os.WriteFile(streets, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[{"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[84980,445000],[85160,445000]]}}]}`), 0o644)
	o, err := scan.Run(context.Background(), scan.Config{Buildings: path, Streets: streets, Out: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatal(err)
	}
	if o.Summary.Input.BuildingsUsed != n {
		t.Errorf("scan used %d panden", o.Summary.Input.BuildingsUsed)
	}
}
