package geodata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/paulmach/orb"
)

// segmentRow is a row struct as a scan output would define it.
type segmentRow struct {
	ID       int64   `parquet:"id"`
	DN       int32   `parquet:"dn"`
	LengthM  float64 `parquet:"length_m"`
	Geometry []byte  `parquet:"geometry"`
	line     orb.LineString
}

func TestGeoParquetGenericWriter(t *testing.T) {
	t.Parallel()
	rows := []segmentRow{
		{ID: 1, DN: 100, LengthM: 10, line: orb.LineString{{85000, 447000}, {85010, 447000}}},
		{ID: 2, DN: 80, LengthM: 5, line: orb.LineString{{85010, 447000}, {85010, 447005}}},
	}
	path := filepath.Join(t.TempDir(), "network.parquet")
	var buf bytes.Buffer
	if err := WriteGeoParquet(&buf, "geometry", rows, func(r *segmentRow) orb.Geometry { return r.line }); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, geoms, err := ReadGeoParquet[segmentRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].ID != 2 || got[1].DN != 80 || got[1].LengthM != 5 {
		t.Fatalf("rows %+v", got)
	}
	for i := range rows {
		if !orb.Equal(geoms[i], rows[i].line) {
			t.Errorf("row %d geometry %v, want %v", i, geoms[i], rows[i].line)
		}
	}
	f, err := OpenGeoParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	col := f.Geo().Columns["geometry"]
	if fmt.Sprint(col.GeometryTypes) != "[LineString]" || fmt.Sprint(col.BBox) != "[85000 447000 85010 447005]" {
		t.Errorf("geo column %+v", col)
	}
	var crs struct {
		Type string
		Name string
		ID   struct {
			Authority string
			Code      int
		}
	}
	if err := json.Unmarshal(col.CRS, &crs); err != nil || crs.Type != "ProjectedCRS" || crs.ID.Authority != "EPSG" || crs.ID.Code != 28992 {
		t.Errorf("crs %s: %+v %v", col.CRS, crs, err)
	}
	if _, err := f.Panden(nil); !errors.Is(err, ErrColumns) {
		t.Errorf("reading a segment file as panden: %v, want ErrColumns", err)
	}
	if _, err := NewGeoParquetWriter[segmentRow](io.Discard, "geom", nil); !errors.Is(err, ErrColumns) {
		t.Errorf("missing geometry field: %v", err)
	}
}

// writeWithGeo writes a pand-schema file whose "geo" metadata is replaced
// by meta ("" to leave it out).
func writeWithGeo(t *testing.T, path string, rows []pandRow, meta string) {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[pandRow](&buf)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if meta != "" {
		w.SetKeyValueMetadata("geo", meta)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGeoParquetCRS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The Nieuwe Kerk in Delft, in lon/lat and (from PROJ) RD.
	wgs := orb.Polygon{{{4.3608, 52.0123}, {4.3610, 52.0123}, {4.3610, 52.0125}, {4.3608, 52.0125}, {4.3608, 52.0123}}}
	rows := []pandRow{{ID: "0503100000000296", Geometry: AppendWKB(nil, wgs), Bouwjaar: 1400, Status: "Pand in gebruik"}}
	geo := func(crs string) string {
		c := ""
		if crs != "-" {
			c = `,"crs":` + crs
		}
		return `{"version":"1.1.0","primary_column":"geometry","columns":{"geometry":{"encoding":"WKB","geometry_types":["Polygon"]` + c + `}}}`
	}
	cases := []struct {
		name string
		meta string
		want error
		rd   bool // coordinates expected in RD after reading
	}{
		{"absent crs is CRS84", geo("-"), nil, true},
		{"PROJJSON CRS84", geo(`{"type":"GeographicCRS","name":"WGS 84 (CRS84)","id":{"authority":"OGC","code":"CRS84"}}`), nil, true},
		// Degrees declared as RD New: the footprint lies outside the
		// Netherlands, an error at the first row.
		{"PROJJSON RD New with degrees", geo(string(projjsonRDNew)), ErrOutsideNL, false},
		{"null crs is unknown", geo("null"), ErrCRS, false},
		{"other EPSG", geo(`{"type":"ProjectedCRS","name":"ETRS89 / UTM 31N","id":{"authority":"EPSG","code":25831}}`), ErrCRS, false},
		{"no geo metadata", "", ErrUnknownFormat, false},
		{"bad geo json", `{"version":`, ErrCorrupt, false},
		{"WKT encoding", strings.Replace(geo("-"), `"WKB"`, `"WKT"`, 1), ErrUnknownFormat, false},
		{"primary column missing", strings.Replace(geo("-"), `"primary_column":"geometry"`, `"primary_column":"geom"`, 1), ErrColumns, false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("crs%d.parquet", i))
			writeWithGeo(t, path, rows, c.meta)
			r, err := ReadGeoParquetPanden(path, nil)
			if err == nil && c.want != nil {
				defer r.Close()
				_, err = r.Read(make([]Pand, 4))
			}
			if c.want != nil {
				var fe *FeatureError
				if !errors.Is(err, c.want) || !errors.As(err, &fe) || fe.File != path {
					t.Fatalf("got %v, want %v naming the file", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			ps := readAllPanden(t, r)
			if len(ps) != 1 {
				t.Fatalf("%d panden", len(ps))
			}
			p := ps[0].Footprint[0][0]
			inRD := p[0] > 80000 && p[0] < 90000 && p[1] > 440000 && p[1] < 450000
			if inRD != c.rd {
				t.Fatalf("first point %v; in RD: %v, want %v", p, inRD, c.rd)
			}
		})
	}
}

func TestGeoParquetCorrupt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := writePandenGeoParquet(t, dir, readSamplePanden(t))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	footer := append([]byte{}, data...)
	// Overwrite the footer's thrift metadata (just before the 4-byte
	// length and the PAR1 magic) with garbage.
	for i := len(footer) - 8 - 64; i < len(footer)-8; i++ {
		footer[i] = 0xFF
	}
	badLen := append([]byte{}, data...)
	badLen[len(badLen)-8] = 0xFF
	badLen[len(badLen)-5] = 0x7F
	cases := []struct{ name, path string }{
		{"broken footer", write("footer.parquet", footer)},
		{"footer length past start", write("len.parquet", badLen)},
		{"truncated", write("cut.parquet", data[:len(data)/2])},
		{"no magic", write("text.parquet", []byte("not a parquet file, certainly not"))},
		{"empty", write("empty.parquet", nil)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ReadGeoParquetPanden(c.path, nil)
			if err == nil {
				_, err = io.ReadAll(pandIOReader{r})
				r.Close()
			}
			var fe *FeatureError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &fe) || fe.File != c.path {
				t.Fatalf("got %v, want ErrCorrupt naming %s", err, c.path)
			}
			t.Log(err)
		})
	}
}

// pandIOReader drains a PandReader through io.ReadAll (one byte per pand).
type pandIOReader struct{ r PandReader }

func (p pandIOReader) Read(b []byte) (int, error) {
	buf := make([]Pand, len(b))
	return p.r.Read(buf)
}

func FuzzGeoParquetRows(f *testing.F) {
	ps := []Pand{
		{ID: "0503100000000296", Bouwjaar: 1920, Status: "Pand in gebruik", Gebruiksdoel: []string{"woonfunctie"},
			Footprint: orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447000}}}},
		{ID: "0503100000000297", Bouwjaar: 9999, Footprint: square},
	}
	var buf bytes.Buffer
	w := NewPandWriter(&buf)
	if err := w.Write(ps); err != nil {
		f.Fatal(err)
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.parquet")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := ReadGeoParquetPanden(path, nil)
		if err != nil {
			var fe *FeatureError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a FeatureError", err)
			}
			return
		}
		defer r.Close()
		out := make([]Pand, 3)
		for range 1000 {
			if _, err := r.Read(out); err != nil {
				return
			}
		}
	})
}

// TestGeoParquetMinimalPandColumns reads a pand file written by another
// tool with only the required columns, in another order, a double
// bouwjaar and extra columns: the optional fields stay zero.
func TestGeoParquetMinimalPandColumns(t *testing.T) {
	t.Parallel()
	type row struct {
		Extra        string  `parquet:"extra"`
		Gebruiksdoel string  `parquet:"gebruiksdoel"`
		Status       string  `parquet:"status"`
		Bouwjaar     float64 `parquet:"bouwjaar"`
		Geometry     []byte  `parquet:"geometry"`
		ID           string  `parquet:"identificatie"`
	}
	poly := orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447000}}}
	rows := []row{{Extra: "x", Gebruiksdoel: "woonfunctie, winkelfunctie", Status: "Pand in gebruik", Bouwjaar: 1931, ID: "0503100000000296"}}
	var buf bytes.Buffer
	if err := WriteGeoParquet(&buf, "geometry", rows, func(*row) orb.Geometry { return poly }); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "min.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadGeoParquetPanden(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ps := readAllPanden(t, r)
	want := Pand{ID: "0503100000000296", Bouwjaar: 1931, Status: "Pand in gebruik", Gebruiksdoel: []string{"woonfunctie", "winkelfunctie"}, Footprint: poly}
	samePanden(t, ps, []Pand{want}, 0)
}

// TestGeoParquetCovering: a row type with a BBox field tagged "bbox" gets
// it filled from each geometry and named as the GeoParquet 1.1 covering;
// row groups hold at most MaxRowsPerRowGroup rows.
func TestGeoParquetCovering(t *testing.T) {
	t.Parallel()
	type row struct {
		ID       int64  `parquet:"id"`
		BBox     BBox   `parquet:"bbox"`
		Geometry []byte `parquet:"geometry"`
		line     orb.LineString
	}
	n := MaxRowsPerRowGroup + 10
	rows := make([]row, n)
	for i := range rows {
		x := 85000 + float64(i%1000)
		rows[i] = row{ID: int64(i), line: orb.LineString{{x, 446000}, {x + 3, 446004}}}
	}
	var buf bytes.Buffer
	if err := WriteGeoParquet(&buf, "geometry", rows, func(r *row) orb.Geometry { return r.line }); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := OpenGeoParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cov := f.Geo().Columns["geometry"].Covering
	if cov == nil || strings.Join(cov.BBox.XMin, ".") != "bbox.xmin" || strings.Join(cov.BBox.YMax, ".") != "bbox.ymax" {
		t.Fatalf("covering %+v, want bbox.xmin ... bbox.ymax", cov)
	}
	if g := f.pf.RowGroups(); len(g) != 2 || g[0].NumRows() != MaxRowsPerRowGroup {
		t.Errorf("%d row groups, want 2 with the first of %d rows", len(g), MaxRowsPerRowGroup)
	}
	back, _, err := ReadGeoParquet[row](path)
	if err != nil {
		t.Fatal(err)
	}
	if r := back[7]; r.BBox != (BBox{85007, 446000, 85010, 446004}) {
		t.Errorf("row 7 bbox %+v", r.BBox)
	}
}

// TestGeoParquetMinimalColumns: a GeoParquet 1.0 file with only an id, a
// bouwjaar and the geometry (as a DuckDB COPY of a BAG cut writes it)
// reads; every pand is counted under the repairs for the missing status
// and gebruiksdoel columns.
func TestGeoParquetMinimalColumns(t *testing.T) {
	t.Parallel()
	type row struct {
		ID       string `parquet:"identificatie"`
		Bouwjaar int32  `parquet:"bouwjaar"`
		Geometry []byte `parquet:"geometry"`
	}
	poly := orb.Polygon{{{85000, 446000}, {85010, 446000}, {85010, 446010}, {85000, 446010}, {85000, 446000}}}
	var buf bytes.Buffer
	rows := []row{{ID: "0503100000000001", Bouwjaar: 1965}, {ID: "0503100000000002", Bouwjaar: 1972}}
	if err := WriteGeoParquet(&buf, "geometry", rows, func(*row) orb.Geometry { return poly }); err != nil {
		t.Fatal(err)
	}
	b := bytes.Replace(buf.Bytes(), []byte(`"version":"1.1.0"`), []byte(`"version":"1.0.0"`), 1)
	path := filepath.Join(t.TempDir(), "duckdb.parquet")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var rep Report
	r, err := ReadGeoParquetPanden(path, &rep)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ps, err := ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || rep.Repaired[RepairNoStatusColumn] != 2 || rep.Repaired[RepairNoUseColumn] != 2 {
		t.Errorf("%d panden, repairs %v; want 2, each counted under both missing columns", len(ps), rep.Repaired)
	}
}

// TestGeoParquetWithin reads a pand file of ten row groups (strips of
// 100 panden from west to east) within bounds, with and without the bbox
// covering: with it only the row groups the bound meets are read, without
// it every one; both hand out exactly the panden whose footprint meets the
// bound, and count only those.
func TestGeoParquetWithin(t *testing.T) {
	t.Parallel()
	var ps []Pand
	for i := range 1000 {
		x, y := 80000+float64(i/100)*1000+float64(i%10)*20, 440000+float64(i%100/10)*20
		ps = append(ps, Pand{ID: fmt.Sprintf("05031000%08d", i), Bouwjaar: 1960, Status: "Pand in gebruik",
			Footprint: orb.Polygon{{{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}, {x, y}}}})
	}
	var covered bytes.Buffer
	w := newPandWriter(&covered, 100)
	if err := w.Write(ps); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// The same rows without a covering: a pandRow without its bbox.
	type plainRow struct {
		ID       string `parquet:"identificatie"`
		Geometry []byte `parquet:"geometry"`
		Bouwjaar int32  `parquet:"bouwjaar"`
		Status   string `parquet:"status"`
	}
	var plain bytes.Buffer
	pw, err := NewGeoParquetWriter(&plain, "geometry", func(r *plainRow) orb.Geometry { g, _ := DecodeWKB(r.Geometry); return g },
		parquet.MaxRowsPerRowGroup(100))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if err := pw.Write([]plainRow{{ID: p.ID, Geometry: AppendWKB(nil, p.Footprint), Bouwjaar: 1960, Status: p.Status}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"covered": filepath.Join(dir, "covered.parquet"), "plain": filepath.Join(dir, "plain.parquet")}
	os.WriteFile(files["covered"], covered.Bytes(), 0o644)
	os.WriteFile(files["plain"], plain.Bytes(), 0o644)
	for _, c := range []struct {
		name   string
		bound  orb.Bound
		groups int // row groups read from the covered file
	}{
		{"one strip", orb.Bound{Min: orb.Point{82000, 440000}, Max: orb.Point{82500, 440500}}, 1},
		{"two strips", orb.Bound{Min: orb.Point{83100, 440000}, Max: orb.Point{84100, 440100}}, 2},
		{"nothing", orb.Bound{Min: orb.Point{100000, 440000}, Max: orb.Point{101000, 441000}}, 0},
	} {
		want := 0
		for _, p := range ps {
			if p.Footprint.Bound().Intersects(c.bound) {
				want++
			}
		}
		for name, path := range files {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				v := s.Within(c.bound)
				var rep Report
				r, _, err := v.Panden("", &rep)
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				n := 0
				if err := ForEach(r, func(p *Pand) error {
					if !p.Footprint.Bound().Intersects(c.bound) {
						t.Errorf("pand %s outside the bound", p.ID)
					}
					n++
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				st, ok := StatsOf(r)
				wantGroups := c.groups
				if name == "plain" {
					wantGroups = 10
				}
				if !ok || st.RowGroups != 10 || st.RowGroupsRead != wantGroups || st.RowsRead != int64(100*wantGroups) {
					t.Errorf("stats %+v (ok %v), want %d of 10 row groups read", st, ok, wantGroups)
				}
				if n != want || rep.Read != want || rep.Used != want {
					t.Errorf("%d panden, report %+v; want %d", n, rep, want)
				}
				if v.Indexed("") != (name == "covered") {
					t.Errorf("Indexed %v for the %s file", v.Indexed(""), name)
				}
			})
		}
	}
}
