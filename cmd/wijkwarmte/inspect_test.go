package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/gpkgfixture"
	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
)

// inspectRun runs "wijkwarmte inspect args..." and returns the exit
// status, stdout and stderr.
func inspectRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(append([]string{"inspect"}, args...), &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

// wantOneLineError checks a failed run: exit 1, nothing on stdout, one
// line on stderr naming the file, no panic or stack trace.
func wantOneLineError(t *testing.T, status int, stdout, stderr, file string, contains ...string) {
	t.Helper()
	if status != 1 {
		t.Errorf("exit %d, want 1 (stderr %q)", status, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	msg := strings.TrimSuffix(stderr, "\n")
	if msg == "" || strings.Contains(msg, "\n") {
		t.Errorf("stderr %q is not one line", stderr)
	}
	for _, bad := range []string{"panic", "goroutine", "internal error"} {
		if strings.Contains(msg, bad) {
			t.Errorf("stderr %q contains %q", msg, bad)
		}
	}
	for _, c := range append([]string{file}, contains...) {
		if !strings.Contains(msg, c) {
			t.Errorf("stderr %q does not contain %q", msg, c)
		}
	}
}

func decodeInspect(t *testing.T, stdout string) inspectResult {
	t.Helper()
	var res inspectResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	return res
}

func layerByName(t *testing.T, res inspectResult, name string) inspectLayer {
	t.Helper()
	for _, l := range res.Layers {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no layer %q in %+v", name, res.Layers)
	return inspectLayer{}
}

// dataDirs are the test data sets inspect must read: the copies in
// testdata (the contract), plus the shared originals when they are there.
func dataDirs(t *testing.T) []string {
	dirs := []string{"../../testdata/delft-wippolder", "../../testdata/pdok-bag-pand-sample"}
	for _, d := range []string{"../../../shared/data/delft-wippolder", "../../../shared/data/pdok-bag-pand-sample"} {
		if _, err := os.Stat(d); err == nil {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// TestInspectDataFiles runs inspect on every file of the Delft and PDOK
// sample folders and checks the counts the data sets' READMEs give.
func TestInspectDataFiles(t *testing.T) {
	t.Parallel()
	for _, dir := range dataDirs(t) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			t.Run(strings.TrimPrefix(path, "../"), func(t *testing.T) {
				t.Parallel()
				status, stdout, stderr := inspectRun(t, path)
				name := e.Name()
				switch {
				case name == "README.md":
					wantOneLineError(t, status, stdout, stderr, path, "unrecognised file format")
					return
				case strings.HasSuffix(name, ".osm.gz"):
					wantOneLineError(t, status, stdout, stderr, path, "gzip")
					return
				}
				if status != 0 {
					t.Fatalf("exit %d: %s", status, stderr)
				}
				res := decodeInspect(t, stdout)
				if res.BBoxCRS != "EPSG:28992" || len(res.BBox) != 4 {
					t.Errorf("bbox %v %s", res.BBox, res.BBoxCRS)
				}
				// Delft (and the Delft smart extract's long roads) in RD New
				if len(res.BBox) == 4 && (res.BBox[0] < 60000 || res.BBox[2] > 110000 || res.BBox[1] < 430000 || res.BBox[3] > 470000) {
					t.Errorf("bbox %v is not Delft in EPSG:28992", res.BBox)
				}
				checkInspectCounts(t, name, res)
			})
		}
	}
}

func checkInspectCounts(t *testing.T, name string, res inspectResult) {
	t.Helper()
	one := func() inspectLayer {
		if len(res.Layers) != 1 {
			t.Fatalf("%d layers, want 1", len(res.Layers))
		}
		return res.Layers[0]
	}
	wantCRS := "EPSG:28992"
	if strings.Contains(name, "wgs84") || strings.HasSuffix(name, ".pbf") {
		wantCRS = "EPSG:4326"
	}
	if res.CRS != wantCRS {
		t.Errorf("crs %q, want %q", res.CRS, wantCRS)
	}
	switch {
	case name == "tudelft.osm.pbf":
		if res.Format != geodata.FormatOSMPBF {
			t.Errorf("format %q", res.Format)
		}
		b := layerByName(t, res, "buildings")
		// README: 3,472 closed building ways, 12 building relations
		if b.OSMBuildingWays == nil || *b.OSMBuildingWays != 3472 || b.OSMBuildingRelations == nil || *b.OSMBuildingRelations != 12 {
			t.Errorf("building ways %v, relations %v; want 3472, 12", b.OSMBuildingWays, b.OSMBuildingRelations)
		}
		if b.BuildingsUsed == nil || *b.BuildingsUsed+sum(b.Skipped) != b.Features {
			t.Errorf("buildings: %d read, used %v, skipped %v do not add up", b.Features, b.BuildingsUsed, b.Skipped)
		}
		s := layerByName(t, res, "streets")
		if s.Features != 3841 || s.Lines == nil || *s.Lines != 3841 {
			t.Errorf("streets %d, lines %v; want 3841 highway ways", s.Features, s.Lines)
		}
		if a := layerByName(t, res, "addresses"); a.Features != 8932 {
			t.Errorf("addresses %d, want 8932", a.Features)
		}
		// geodata's TestReadOSMPBFWater: 64 water areas, 808,000 m2 by an
		// independent count; 86 linear waterways read and skipped
		w := layerByName(t, res, "water")
		if w.Kind != geodata.KindAreas || w.Areas == nil || *w.Areas != 64 || w.AreaM2 == nil || math.Abs(*w.AreaM2-808000) > 0.003*808000 ||
			w.Features != 150 || w.Skipped[geodata.SkipOSMWaterwayLine] != 86 {
			t.Errorf("water: %s, %d read, areas %v, %v m2, skipped %v; want 150 read, 64 areas, 808,000 m2, 86 lines", w.Kind, w.Features, w.Areas, w.AreaM2, w.Skipped)
		}
	case strings.HasPrefix(name, "buildings_"):
		l := one()
		if l.Kind != geodata.KindBuildings || l.Features != 3472 || res.FeaturesRead != 3472 {
			t.Errorf("%s: %d features, want 3472 buildings", l.Kind, l.Features)
		}
		// 3,442 have ref:bag, one of them a ligplaats id (object type 02,
		// not a pand): the Validator skips the 30 without and that one as
		// no_bag_id.
		if l.BuildingsUsed == nil || *l.BuildingsUsed != 3441 || l.Skipped[geodata.SkipNoID] != 31 {
			t.Errorf("used %v, skipped %v; want 3441 used, 31 without a pand id", l.BuildingsUsed, l.Skipped)
		}
	case strings.HasPrefix(name, "streets_in_bbox_"):
		l := one()
		if l.Kind != geodata.KindStreets || l.Lines == nil || *l.Lines != 1684 || l.LengthM == nil || math.Abs(*l.LengthM/1000-100.3) > 0.05 {
			t.Errorf("%s: lines %v, length %v; want 1684 pieces, 100.3 km", l.Kind, l.Lines, l.LengthM)
		}
	case strings.HasPrefix(name, "streets_"):
		l := one()
		if l.Kind != geodata.KindStreets || l.Lines == nil || *l.Lines != 3841 {
			t.Errorf("%s: lines %v; want 3841", l.Kind, l.Lines)
		}
	case strings.HasPrefix(name, "addresses_"):
		l := one()
		if l.Kind != geodata.KindAddresses || l.Features != 8932 {
			t.Errorf("%s: %d; want 8932 addresses", l.Kind, l.Features)
		}
	case strings.HasSuffix(name, ".gpkg"):
		l := one()
		// README: 60 panden
		if res.Format != geodata.FormatGeoPackage || l.Kind != geodata.KindBuildings || l.Features != 60 {
			t.Errorf("%s %s: %d features, want 60 panden", res.Format, l.Kind, l.Features)
		}
		if l.BuildingsUsed == nil || *l.BuildingsUsed+sum(l.Skipped) != 60 {
			t.Errorf("used %v + skipped %v != 60", l.BuildingsUsed, l.Skipped)
		}
	default:
		t.Errorf("no expectations for %s", name)
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestInspectLayerFlag(t *testing.T) {
	t.Parallel()
	pbf := "../../testdata/delft-wippolder/tudelft.osm.pbf"
	status, stdout, stderr := inspectRun(t, pbf, "--layer", "streets")
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	res := decodeInspect(t, stdout)
	if len(res.Layers) != 1 || res.Layers[0].Name != "streets" || res.FeaturesRead != 3841 {
		t.Errorf("layers %+v, read %d", res.Layers, res.FeaturesRead)
	}
	status, stdout, stderr = inspectRun(t, "--layer", "bridges", pbf)
	wantOneLineError(t, status, stdout, stderr, pbf, "bridges", "buildings, streets, addresses")

	status, _, _ = inspectRun(t)
	if status != 2 {
		t.Errorf("no path: exit %d, want 2", status)
	}
}

func TestInspectEPOnlineAndCBS(t *testing.T) {
	t.Parallel()
	csv := "../../testdata/ep-online/ep-online-delft-synthetic.csv"
	status, stdout, stderr := inspectRun(t, csv)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	res := decodeInspect(t, stdout)
	l := res.Layers[0]
	if res.Format != geodata.FormatCSV || l.Kind != geodata.KindLabels || l.Features != 39 || l.LabelledIDs == nil || *l.LabelledIDs != 31 {
		t.Errorf("%s %s: %d rows, %v ids; want 39 rows, 31 ids", res.Format, l.Kind, l.Features, l.LabelledIDs)
	}
	buurt := "../../testdata/cbs-buurt-sample/project_area_ede_componistenbuurt.geojson"
	status, stdout, stderr = inspectRun(t, buurt)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	res = decodeInspect(t, stdout)
	if res.Layers[0].Kind != geodata.KindAreas || res.FeaturesRead != 1 {
		t.Errorf("%+v", res.Layers)
	}
}

// TestInspectCBSGeoPackage: the buurten, wijken and gemeenten layers of a
// wijk- en buurtkaart GeoPackage are areas (as the same columns in GeoJSON
// are), counted with their surface; they were "other" layers listed as
// missing the pand columns.
func TestInspectCBSGeoPackage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := synthnl.Write(context.Background(), dir, synthnl.Options{Panden: 600})
	if err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := inspectRun(t, filepath.Join(dir, "wijkenbuurten.gpkg"))
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	res := decodeInspect(t, stdout)
	for name, want := range map[string]int{"buurten": st.Buurten, "wijken": st.Wijken, "gemeenten": st.Gemeenten} {
		l := layerByName(t, res, name)
		if l.Kind != geodata.KindAreas || l.Areas == nil || *l.Areas != want || l.AreaM2 == nil || *l.AreaM2 <= 0 || len(l.MissingPandColumns) != 0 {
			t.Errorf("layer %s: kind %s, areas %v, m2 %v, missing pand columns %v; want %d areas", name, l.Kind, l.Areas, l.AreaM2, l.MissingPandColumns, want)
		}
	}
}

// TestInspectGeoParquet writes the PDOK sample as GeoParquet and inspects
// it: the same 60 panden.
func TestInspectGeoParquet(t *testing.T) {
	t.Parallel()
	path := writeSampleParquet(t)
	status, stdout, stderr := inspectRun(t, path)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	res := decodeInspect(t, stdout)
	if res.Format != geodata.FormatGeoParquet || res.CRS != "EPSG:28992" || res.FeaturesRead != 60 {
		t.Errorf("%s %s: %d read, want 60", res.Format, res.CRS, res.FeaturesRead)
	}
}

func writeSampleParquet(t *testing.T) string {
	t.Helper()
	g, err := geodata.OpenGeoPackage("../../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	r, err := g.Panden("bag_pand_kerk", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var ps []geodata.Pand
	if err := inspEachPand(r, func(p geodata.Pand) { ps = append(ps, p) }); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := geodata.NewPandWriter(&buf)
	if err := w.Write(ps); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "panden.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestInspectCorrupt: damaged files give exit 1 and one line naming the
// file (and the feature or line where known), never a panic.
func TestInspectCorrupt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gpkg, err := os.ReadFile("../../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg")
	if err != nil {
		t.Fatal(err)
	}
	pbf, err := os.ReadFile("../../testdata/delft-wippolder/tudelft.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	pq, err := os.ReadFile(writeSampleParquet(t))
	if err != nil {
		t.Fatal(err)
	}
	brokenFooter := bytes.Clone(pq)
	// overwrite the footer (thrift metadata) just before its length and
	// the closing PAR1
	for i := len(brokenFooter) - 200; i < len(brokenFooter)-8; i++ {
		brokenFooter[i] = 0xff
	}
	cases := []struct {
		name     string
		path     string
		contains []string
	}{
		{"truncated gpkg", write("truncated.gpkg", gpkg[:len(gpkg)/3]), nil},
		{"gpkg header only", write("header.gpkg", gpkg[:100]), nil},
		{"parquet broken footer", write("broken.parquet", brokenFooter), nil},
		{"parquet truncated", write("short.parquet", pq[:len(pq)/2]), nil},
		{"truncated pbf", write("short.osm.pbf", pbf[:len(pbf)/2]), []string{"corrupt"}},
		{"geojson bad coordinate", write("bad.geojson", []byte(`{"type":"FeatureCollection","features":[`+
			`{"type":"Feature","properties":{"ref:bag":"0503100000000001"},"geometry":{"type":"Point","coordinates":[4.37,52.0]}},`+
			`{"type":"Feature","properties":{"ref:bag":"0503100000000002"},"geometry":{"type":"Polygon","coordinates":[[[4.37,"52.0"],[4.38,52.0],[4.38,52.01],[4.37,52.0]]]}}]}`)),
			[]string{"feature 1", "0503100000000002", "bad coordinate"}},
		{"geojson truncated", write("cut.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coor`)),
			[]string{"feature 0"}},
		{"geojson other crs", write("lambert.geojson", []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},"features":[]}`)),
			[]string{"EPSG:2154"}},
		{"csv wrong column count", write("labels.csv", []byte("PublicatieDatum;20251101\nPand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid\n20240101;B;0503010000000001\n20240102;C\n")),
			[]string{"line 4", "wrong columns"}},
		{"empty file", write("empty.geojson", nil), []string{"unrecognised"}},
		{"unknown format", write("notes.txt", []byte("just some notes\n")), []string{"unrecognised"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			status, stdout, stderr := inspectRun(t, c.path)
			wantOneLineError(t, status, stdout, stderr, c.path, c.contains...)
		})
	}
	t.Run("missing file", func(t *testing.T) {
		p := filepath.Join(dir, "nope.gpkg")
		status, stdout, stderr := inspectRun(t, p)
		wantOneLineError(t, status, stdout, stderr, p)
	})
}

// TestInspectGeoParquetOther: a GeoParquet file that is not a pand table
// (a pipe network) is reported by rows, with the bbox of its metadata.
func TestInspectGeoParquetOther(t *testing.T) {
	t.Parallel()
	type pipe struct {
		ID       int32  `parquet:"id"`
		DN       int32  `parquet:"dn"`
		Geometry []byte `parquet:"geometry"`
		line     orb.LineString
	}
	rows := []pipe{
		{ID: 1, DN: 100, line: orb.LineString{{85000, 446000}, {85100, 446000}}},
		{ID: 2, DN: 80, line: orb.LineString{{85100, 446000}, {85100, 446250}}},
	}
	var buf bytes.Buffer
	if err := geodata.WriteGeoParquet(&buf, "geometry", rows, func(p *pipe) orb.Geometry { return p.line }); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "network.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := inspectRun(t, path)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	res := decodeInspect(t, stdout)
	want := []float64{85000, 446000, 85100, 446250}
	if res.Format != geodata.FormatGeoParquet || res.FeaturesRead != 2 || res.Layers[0].Kind != geodata.KindOther ||
		len(res.BBox) != 4 || res.BBox[0] != want[0] || res.BBox[1] != want[1] || res.BBox[2] != want[2] || res.BBox[3] != want[3] {
		t.Errorf("%s: %d rows, kind %s, bbox %v; want 2 rows, other, %v", res.Format, res.FeaturesRead, res.Layers[0].Kind, res.BBox, want)
	}
}

// TestMissingPandColumn: a pand GeoPackage without its bouwjaar column is
// reported by inspect with the missing column, and scan names the column.
func TestMissingPandColumn(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "panden.gpkg")
	w, err := gpkgfixture.Create(path, "pand", 28992)
	if err != nil {
		t.Fatal(err)
	}
	sq := orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447010}, {85000, 447010}, {85000, 447000}}}
	if err := w.Add(geodata.Pand{ID: "0503100000000296", Bouwjaar: 1930, Status: "Pand in gebruik", Footprint: sq}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE pand DROP COLUMN bouwjaar`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	status, stdout, stderr := inspectRun(t, path)
	if status != 0 {
		t.Fatalf("inspect: exit %d: %s", status, stderr)
	}
	res := decodeInspect(t, stdout)
	if len(res.Layers) != 1 || res.Layers[0].Kind != geodata.KindOther ||
		strings.Join(res.Layers[0].MissingPandColumns, ";") != "bouwjaar or oorspronkelijkbouwjaar or oorspronkelijk_bouwjaar" {
		t.Errorf("inspect layers %+v: want kind other, missing the bouwjaar column", res.Layers)
	}
	var out, errb bytes.Buffer
	if st := run([]string{"scan", "--quiet", "--buildings", path, "--out", t.TempDir()}, &out, &errb); st != 1 ||
		!strings.Contains(errb.String(), "missing column bouwjaar") || !strings.Contains(errb.String(), "layer pand") {
		t.Errorf("scan: exit %d, stderr %q: want the missing bouwjaar column named", st, errb.String())
	}
}

// TestInspectGeoParquetCorruptPages: inspect reads every page of a
// GeoParquet file that is not a pand table, so corrupt pages behind an
// intact footer are an error naming the file, not rows reported as used
// (issue 13, defect 4).
func TestInspectGeoParquetCorruptPages(t *testing.T) {
	t.Parallel()
	type pipe struct {
		ID       int32  `parquet:"id"`
		Geometry []byte `parquet:"geometry"`
		line     orb.LineString
	}
	var rows []pipe
	for i := range 2000 {
		x := 85000 + float64(i)
		rows = append(rows, pipe{ID: int32(i), line: orb.LineString{{x, 446000}, {x + 0.5, 446010}}})
	}
	var buf bytes.Buffer
	if err := geodata.WriteGeoParquet(&buf, "geometry", rows, func(p *pipe) orb.Geometry { return p.line }); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// Overwrite the data pages (the file starts with "PAR1", the footer
	// is at the end) and leave the footer intact.
	for i := 64; i < len(b)/2; i++ {
		b[i] = 0xA5
	}
	path := filepath.Join(t.TempDir(), "network.parquet")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := inspectRun(t, path)
	if status != 1 || !strings.Contains(stderr, path) || strings.Contains(stderr, "goroutine") {
		t.Errorf("exit %d, stderr %q, stdout %.200q; want exit 1 and one line naming %s", status, stderr, stdout, path)
	}
}
