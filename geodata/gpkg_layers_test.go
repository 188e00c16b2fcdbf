package geodata

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// gpkgBlob wraps g as GeoPackage binary without an envelope.
func gpkgBlob(srs int, g orb.Geometry) []byte {
	b := []byte{'G', 'P', 0, 1}
	b = binary.LittleEndian.AppendUint32(b, uint32(srs))
	return AppendWKB(b, g)
}

// makeGPKG writes a one-layer GeoPackage: the system tables, and table
// with columns ddl (after fid and geom) filled with rows (geometry blob
// first, then the other columns).
func makeGPKG(t *testing.T, table, geomType string, srs int, ddl string, cols string, rows [][]any) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), table+".gpkg")
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('RD', 28992, 'EPSG', 28992, 'x'), ('WGS84', 4326, 'EPSG', 4326, 'x')`,
		`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT)`,
		`CREATE TABLE "` + table + `" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, ` + ddl + `)`,
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)`, table, table, srs); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)`, table, geomType, srs); err != nil {
		t.Fatal(err)
	}
	ph := "?"
	for range rows[0][1:] {
		ph += ", ?"
	}
	for _, r := range rows {
		if _, err := db.Exec(`INSERT INTO "`+table+`" (geom, `+cols+`) VALUES (`+ph+`)`, r...); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestGeoPackageVerblijfsobjecten(t *testing.T) {
	t.Parallel()
	pt := orb.Point{85300.5, 447100.25}
	path := makeGPKG(t, "verblijfsobject", "POINT", 28992,
		"identificatie TEXT, pand_identificatie TEXT, gebruiksdoel TEXT, oppervlakte REAL, status TEXT",
		"identificatie, pand_identificatie, gebruiksdoel, oppervlakte, status", [][]any{
			{gpkgBlob(28992, pt), "503010000012345", "503100000000296", "woonfunctie", 87.0, "Verblijfsobject in gebruik"},
			{gpkgBlob(28992, orb.MultiPoint{pt}), "NL.IMBAG.Verblijfsobject.0503010000012346", "503100000000296,503100000000297", "kantoorfunctie, woonfunctie", 120.0, "Verblijfsobject in gebruik"},
			{nil, "503010000012347", "503100000000296", "woonfunctie", 50.0, "Verblijfsobject gevormd"},
		})
	g, err := OpenGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if l, _ := g.Layer("verblijfsobject"); l.Kind != LayoutVerblijfsobject {
		t.Fatalf("layout %s", l.Kind)
	}
	var rep Report
	r, err := g.Verblijfsobjecten("verblijfsobject", &rep)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	buf := make([]Verblijfsobject, 10)
	n, err := r.Read(buf)
	if err != io.EOF && err != nil {
		t.Fatal(err)
	}
	if n != 2 || rep.Read != 3 || rep.Used != 2 || rep.Skipped[SkipNoGeometry] != 1 {
		t.Fatalf("read %d, report %+v", n, rep)
	}
	want := []Verblijfsobject{
		{ID: "0503010000012345", PandID: "0503100000000296", Gebruiksdoel: []string{"woonfunctie"}, OppervlakteM2: 87, Status: "Verblijfsobject in gebruik", Point: pt},
		{ID: "0503010000012346", PandID: "0503100000000296", Gebruiksdoel: []string{"kantoorfunctie", "woonfunctie"}, OppervlakteM2: 120, Status: "Verblijfsobject in gebruik", Point: pt},
	}
	for i, w := range want {
		v := buf[i]
		if v.ID != w.ID || v.PandID != w.PandID || v.OppervlakteM2 != w.OppervlakteM2 || v.Status != w.Status || v.Point != w.Point ||
			len(v.Gebruiksdoel) != len(w.Gebruiksdoel) || v.Gebruiksdoel[0] != w.Gebruiksdoel[0] {
			t.Errorf("vbo %d = %+v, want %+v", i, v, w)
		}
	}
}

func TestGeoPackageStreets(t *testing.T) {
	t.Parallel()
	a := orb.LineString{{85000, 447000}, {85100, 447000}}
	b := orb.LineString{{85100, 447000}, {85100, 447100}}
	cases := []struct {
		name  string
		ddl   string
		cols  string
		rows  [][]any
		want  []Street
		skips map[string]int
	}{
		{"NWB wegvakken", "wvk_id INTEGER, stt_naam TEXT, bst_code TEXT, wegbehsrt TEXT", "wvk_id, stt_naam, bst_code, wegbehsrt",
			[][]any{
				{gpkgBlob(28992, a), 600123456, "Oude Delft", "", "G"},
				{gpkgBlob(28992, orb.MultiLineString{a, b}), 600123457, "Voldersgracht", "VP", "G"},
				{gpkgBlob(28992, orb.Polygon{{{85000, 447000}, {85001, 447000}, {85001, 447001}, {85000, 447000}}}), 600123458, "Markt", "", "G"},
				{nil, 600123459, "Markt", "", "G"},
			},
			[]Street{{"600123456", "Oude Delft", "", a}, {"600123457", "Voldersgracht", "VP", a}, {"600123457", "Voldersgracht", "VP", b}},
			map[string]int{SkipNotALine: 1, SkipNoGeometry: 1}},
		{"BGT-style, no id column", "naam TEXT, bgt_functie TEXT", "naam, bgt_functie",
			[][]any{{gpkgBlob(28992, a), "Markt", "rijbaan lokale weg"}},
			[]Street{{"1", "Markt", "rijbaan lokale weg", a}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path := makeGPKG(t, "wegvakken", "MULTILINESTRING", 28992, c.ddl, c.cols, c.rows)
			g, err := OpenGeoPackage(path)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if l, _ := g.Layer("wegvakken"); l.Kind != LayoutStreet {
				t.Fatalf("layout %s", l.Kind)
			}
			var rep Report
			r, err := g.Streets("wegvakken", &rep)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var got []Street
			buf := make([]Street, 2) // smaller than a row's parts: exercises pending parts
			for {
				n, err := r.Read(buf)
				got = append(got, buf[:n]...)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d streets %+v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				s := got[i]
				if s.ID != w.ID || s.Name != w.Name || s.Class != w.Class || !orb.Equal(s.Line, w.Line) {
					t.Errorf("street %d = %+v, want %+v", i, s, w)
				}
			}
			for k, v := range c.skips {
				if rep.Skipped[k] != v {
					t.Errorf("skipped %v, want %v", rep.Skipped, c.skips)
				}
			}
		})
	}
}

func TestGeoPackageFeatures(t *testing.T) {
	t.Parallel()
	g, err := OpenGeoPackage(samplePandGPKG)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	r, err := g.Features("bag_pand_kerk")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	buf := make([]Feature, 100)
	n, err := r.Read(buf)
	if n != 60 || (err != nil && err != io.EOF) {
		t.Fatalf("read %d features, %v", n, err)
	}
	f := buf[0]
	if f.ID != "503100000000296" || f.Properties["bouwjaar"] != 1920.0 || f.Properties["status"] != "Pand in gebruik" ||
		f.Properties["aantal_verblijfsobjecten"] != int64(3) {
		t.Errorf("first feature %+v", f)
	}
	if _, ok := f.Geometry.(orb.Polygon); !ok {
		t.Errorf("geometry %T", f.Geometry)
	}
	if _, err := g.Features("nope"); !errors.Is(err, ErrNoLayer) {
		t.Errorf("missing layer: %v", err)
	}
}
