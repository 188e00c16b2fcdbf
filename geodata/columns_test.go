package geodata

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestParseColumnMap(t *testing.T) {
	m, err := ParseColumnMap(" pid = identificatie , BJ=Bouwjaar,opp=oppervlakte")
	if err != nil {
		t.Fatal(err)
	}
	if m["pid"] != "identificatie" || m["BJ"] != "bouwjaar" || m["opp"] != "oppervlakte" || len(m) != 3 {
		t.Errorf("read %v", m)
	}
	if got := m.String(); got != "BJ=bouwjaar,opp=oppervlakte,pid=identificatie" {
		t.Errorf("String %q", got)
	}
	for _, tc := range []struct{ in, want string }{
		{"pid=kleur", `unknown field "kleur"; valid: identificatie, bouwjaar`},
		{"pid", "want COLUMN=FIELD"},
		{"=bouwjaar", "want COLUMN=FIELD"},
		{"a=bouwjaar,a=status", `column "a" mapped twice`},
		{"a=bouwjaar,b=bouwjaar", `field bouwjaar given twice (columns "a" and "b")`},
		{" , ", "empty"},
	} {
		_, err := ParseColumnMap(tc.in)
		if err == nil || !errors.Is(err, ErrColumnMap) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

// TestColumnMapGeoPackage: a pand table with its own column names (pid,
// bj, aantal; no status) reads through a ColumnMap: without it the layer
// is no pand layer and the error names the missing columns; with it every
// row is a pand with its fields, and the missing status is left empty
// for validation to default and count.
func TestColumnMapGeoPackage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "eigen.gpkg")
	w, err := CreateGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.AddLayer("gebouwen", "POLYGON", []GPKGColumn{{"pid", GPKGText}, {"bj", GPKGInteger}, {"aantal", GPKGInteger}, {"bouwjaar", GPKGText}})
	if err != nil {
		t.Fatal(err)
	}
	poly := orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447000}}}
	if err := l.Write(poly, "NL.IMBAG.Pand.0503100000000296", 1931, 4, "niet dit"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	g, err := OpenGeoPackage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := g.Panden("gebouwen", nil); err == nil || !strings.Contains(err.Error(), "missing column identificatie or pand_id or bag_id or id") {
		t.Errorf("unmapped: %v", err)
	}
	m, _ := ParseColumnMap("pid=identificatie,bj=bouwjaar,aantal=aantal_verblijfsobjecten")
	mg := g.WithColumns(m)
	if li, _ := mg.Layer("gebouwen"); li.Kind != LayoutPand {
		t.Fatalf("mapped layer reads as %s", li.Kind)
	}
	var rep Report
	r, err := mg.Panden("gebouwen", &rep)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ps := readAllPanden(t, r)
	if len(ps) != 1 || ps[0].ID != "0503100000000296" || ps[0].Bouwjaar != 1931 || ps[0].Verblijfsobjecten != 4 || ps[0].Status != "" {
		t.Errorf("read %+v", ps)
	}
	if rep.Read != 1 || rep.Used != 1 || rep.Repaired[RepairNoStatusColumn] != 1 || rep.Repaired[RepairNoUseColumn] != 1 {
		t.Errorf("report %+v, want the missing status and gebruiksdoel counted", rep)
	}
}

// TestColumnMapGeoParquet: the same through a GeoParquet file whose
// columns are named otherwise; the file's own "bouwjaar" column is not
// read when the mapping takes bouwjaar from another.
func TestColumnMapGeoParquet(t *testing.T) {
	t.Parallel()
	type row struct {
		PID      string `parquet:"pid"`
		BJ       int32  `parquet:"bj"`
		Bouwjaar int32  `parquet:"bouwjaar"`
		Geometry []byte `parquet:"geometry"`
	}
	poly := orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447000}}}
	var buf bytes.Buffer
	if err := WriteGeoParquet(&buf, "geometry", []row{{PID: "0503100000000296", BJ: 1931, Bouwjaar: 1800}}, func(*row) orb.Geometry { return poly }); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "eigen.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.Panden("", nil); err == nil || !strings.Contains(err.Error(), `no "identificatie" column`) {
		t.Errorf("unmapped: %v", err)
	}
	m, _ := ParseColumnMap("pid=identificatie,bj=bouwjaar")
	var rep Report
	r, _, err := s.WithColumns(m).Panden("", &rep)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ps := readAllPanden(t, r)
	if len(ps) != 1 || ps[0].ID != "0503100000000296" || ps[0].Bouwjaar != 1931 {
		t.Errorf("read %+v", ps)
	}
}
