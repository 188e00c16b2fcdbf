package geodata

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// samplePandGPKG is the real PDOK BAG pand extract (60 panden, Delft).
const samplePandGPKG = "../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg"

// readAllPanden drains a PandReader with a small buffer so that Read is
// called many times.
func readAllPanden(t testing.TB, r PandReader) []Pand {
	t.Helper()
	var out []Pand
	buf := make([]Pand, 7)
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestGeoPackageSample(t *testing.T) {
	t.Parallel()
	g, err := OpenGeoPackage(samplePandGPKG)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	layers := g.Layers()
	if len(layers) != 1 {
		t.Fatalf("layers = %+v, want one", layers)
	}
	l := layers[0]
	if l.Name != "bag_pand_kerk" || l.Kind != LayoutPand || l.EPSG != EPSGRDNew || l.GeometryType != "POLYGON" || l.GeometryColumn != "geom" {
		t.Fatalf("layer = %+v", l)
	}
	var rep Report
	r, err := g.Panden(l.Name, &rep)
	if err != nil {
		t.Fatal(err)
	}
	panden := readAllPanden(t, r)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if len(panden) != 60 || rep.Read != 60 || rep.Used != 60 || rep.SkippedTotal() != 0 {
		t.Fatalf("read %d panden, report %+v, want 60 read and used, none skipped", len(panden), rep)
	}
	// The sample holds one test row without id, bouwjaar or status ("x2"
	// in identificatie, checked with sqlite3); the Validator skips it. The
	// other 59 are real BAG panden.
	vbo, minY, maxY := 0, math.MaxInt, 0
	ids := map[string]bool{}
	for _, p := range panden {
		vbo += p.Verblijfsobjecten
		ids[p.ID] = true
		if a := planar.Area(p.Footprint); a < 1 || a > 5000 {
			t.Errorf("%s: footprint area %.1f m2", p.ID, a)
		}
		if !l.Bound.Pad(0.01).Contains(p.Footprint.Bound().Min) {
			t.Errorf("%s: footprint %v outside the layer extent %v", p.ID, p.Footprint.Bound(), l.Bound)
		}
		if p.ID == "x2" {
			if p.Bouwjaar != 0 || p.Status != "" || p.Verblijfsobjecten != 0 {
				t.Errorf("test row x2 = %+v", p)
			}
			continue
		}
		minY, maxY = min(minY, p.Bouwjaar), max(maxY, p.Bouwjaar)
		if len(p.ID) != 16 || p.ID[:4] != "0503" {
			t.Errorf("id %q is not a 16-digit Delft (0503) id", p.ID)
		}
		if p.Status != "Pand in gebruik" && p.Status != "Pand in gebruik (niet ingemeten)" {
			t.Errorf("%s: status %q", p.ID, p.Status)
		}
		if (len(p.Gebruiksdoel) == 0) != (p.Verblijfsobjecten == 0) || (p.OppervlakteM2 > 0) != (p.Verblijfsobjecten > 0) {
			t.Errorf("%s: %d verblijfsobjecten, gebruiksdoel %q, oppervlakte %v", p.ID, p.Verblijfsobjecten, p.Gebruiksdoel, p.OppervlakteM2)
		}
	}
	if vbo != 102 || minY != 1913 || maxY != 2013 || len(ids) != 60 {
		t.Errorf("verblijfsobjecten %d (want 102), bouwjaar %d-%d (want 1913-2013), %d distinct ids", vbo, minY, maxY, len(ids))
	}
	// The first row, checked against sqlite3: identificatie 503100000000296,
	// bouwjaar 1920, "gezondheidszorgfunctie, woonfunctie", 198-338 m2, 3 vbo.
	p := panden[0]
	if p.ID != "0503100000000296" || p.Bouwjaar != 1920 || len(p.Gebruiksdoel) != 2 ||
		p.Gebruiksdoel[0] != "gezondheidszorgfunctie" || p.Gebruiksdoel[1] != "woonfunctie" ||
		p.Verblijfsobjecten != 3 || p.OppervlakteM2 != 3*(198+338)/2.0 {
		t.Errorf("first pand = %+v", p)
	}
}

// garbage overwrites every page of the pand table's b-tree after the
// first few with 0xFF, keeping the size: the file opens, the rows fail.
func garbage(data []byte) []byte {
	out := append([]byte{}, data...)
	for i := 8 * 4096; i < len(out); i++ {
		out[i] = 0xFF
	}
	return out
}

// corruptPage overwrites SQLite page pageno (1-based, 4096 bytes) with
// 0xFF. Page 21 of the sample is the last b-tree leaf of bag_pand_kerk
// (sqlite3: SELECT pageno FROM dbstat WHERE name = 'bag_pand_kerk' gives
// 17 (root), 20, 23, 24, 31, 22, 21), so the file opens and the first rows
// read before the error.
func corruptPage(data []byte, pageno int) []byte {
	out := append([]byte{}, data...)
	for i := (pageno - 1) * 4096; i < pageno*4096; i++ {
		out[i] = 0xFF
	}
	return out
}

func TestGeoPackageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data, err := os.ReadFile(samplePandGPKG)
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
	// Read every pand; the error, if any, from open or read.
	readAll := func(path string) error {
		g, err := OpenGeoPackage(path)
		if err != nil {
			return err
		}
		defer g.Close()
		r, err := g.Panden("bag_pand_kerk", nil)
		if err != nil {
			return err
		}
		defer r.Close()
		buf := make([]Pand, 16)
		for {
			_, err := r.Read(buf)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}
	cases := []struct {
		name string
		path string
		want error
	}{
		{"truncated to half", write("half.gpkg", data[:len(data)/2]), ErrCorrupt},
		{"truncated to 3 pages", write("head.gpkg", data[:3*4096]), ErrCorrupt},
		{"header only", write("hdr.gpkg", data[:100]), ErrCorrupt},
		{"garbage pages", write("garbage.gpkg", garbage(data)), ErrCorrupt},
		{"corrupt data page", write("page.gpkg", corruptPage(data, 21)), ErrCorrupt},
		{"not sqlite", write("text.gpkg", []byte("this is not a geopackage at all")), ErrUnknownFormat},
		{"empty file", write("empty.gpkg", nil), ErrUnknownFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := readAll(c.path)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			var fe *FeatureError
			if !errors.As(err, &fe) || fe.File != c.path {
				t.Fatalf("error %v does not name the file %s", err, c.path)
			}
			if c.name == "corrupt data page" && (fe.Layer != "bag_pand_kerk" || fe.Feature <= 0) {
				t.Fatalf("error %v does not name the layer and a feature after the first", err)
			}
			t.Log(err)
		})
	}
	t.Run("missing layer", func(t *testing.T) {
		g, err := OpenGeoPackage(samplePandGPKG)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if _, err := g.Panden("pand", nil); !errors.Is(err, ErrNoLayer) {
			t.Fatalf("got %v, want ErrNoLayer", err)
		}
		if _, err := g.Verblijfsobjecten("bag_pand_kerk", nil); !errors.Is(err, ErrColumns) {
			t.Fatalf("got %v, want ErrColumns", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		if _, err := OpenGeoPackage(filepath.Join(dir, "nope.gpkg")); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestParseGPKGGeometry(t *testing.T) {
	t.Parallel()
	wkb := AppendWKB(nil, orb.Point{1, 2})
	hdr := func(flags byte, srs uint32, env ...float64) []byte {
		b := []byte{'G', 'P', 0, flags, byte(srs), byte(srs >> 8), byte(srs >> 16), byte(srs >> 24)}
		for _, v := range env {
			u := math.Float64bits(v)
			for i := range 8 {
				b = append(b, byte(u>>(8*i)))
			}
		}
		return append(b, wkb...)
	}
	cases := []struct {
		name    string
		in      []byte
		srs     int32
		env     int
		empty   bool
		wantErr bool
	}{
		{"no envelope", hdr(1, 28992), 28992, 0, false, false},
		{"xy envelope", hdr(1|1<<1, 28992, 1, 1, 2, 2), 28992, 4, false, false},
		{"xyz envelope", hdr(1|2<<1, 4326, 1, 1, 2, 2, 0, 0), 4326, 6, false, false},
		{"xym envelope", hdr(1|3<<1, 4326, 1, 1, 2, 2, 0, 0), 4326, 6, false, false},
		{"xyzm envelope", hdr(1|4<<1, 4326, 1, 1, 2, 2, 0, 0, 0, 0), 4326, 8, false, false},
		{"empty flag", hdr(1|1<<4, 28992), 28992, 0, true, false},
		{"big endian srs", append([]byte{'G', 'P', 0, 0, 0, 0, 0x70, 0xB8}, wkb...), 28856, 0, false, false},
		{"bad envelope kind", hdr(1|5<<1, 28992), 0, 0, false, true},
		{"extended", hdr(1|1<<5, 28992), 0, 0, false, true},
		{"bad magic", append([]byte("XP\x00\x01\x40\x71\x00\x00"), wkb...), 0, 0, false, true},
		{"short", []byte("GP\x00"), 0, 0, false, true},
		{"truncated envelope", hdr(1|4<<1, 4326, 1, 2)[:30], 0, 0, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h, rest, err := ParseGPKGGeometry(c.in)
			if c.wantErr {
				if !errors.Is(err, ErrGeometry) {
					t.Fatalf("got %v, want ErrGeometry", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.SRSID != c.srs || len(h.Envelope) != c.env || h.Empty != c.empty {
				t.Fatalf("header %+v", h)
			}
			g, err := DecodeWKB(rest)
			if err != nil || !orb.Equal(g, orb.Point{1, 2}) {
				t.Fatalf("geometry %v, %v", g, err)
			}
		})
	}
}

func FuzzGPKGHeader(f *testing.F) {
	wkb := AppendWKB(nil, square)
	f.Add(append([]byte{'G', 'P', 0, 1, 0x70, 0x71, 0, 0}, wkb...))
	f.Add(append([]byte{'G', 'P', 0, 3, 0x70, 0x71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, wkb...))
	f.Add([]byte("GP\x00\x11\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, rest, err := ParseGPKGGeometry(b)
		wkb, empty, err2 := skipGPKGHeader(b)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("ParseGPKGGeometry err %v, skipGPKGHeader err %v", err, err2)
		}
		if err != nil {
			if !errors.Is(err, ErrGeometry) {
				t.Fatalf("error %v does not wrap ErrGeometry", err)
			}
			return
		}
		if len(rest) != len(wkb) || empty != h.Empty {
			t.Fatalf("the two header parsers disagree")
		}
		if _, err := DecodeWKB(rest); err != nil && !errors.Is(err, ErrGeometry) {
			t.Fatalf("wkb error %v does not wrap ErrGeometry", err)
		}
	})
}

// TestValidateSample runs the Validator over the real sample: the 59 real
// panden are used, the test row without an id is counted under SkipNoID.
func TestValidateSample(t *testing.T) {
	t.Parallel()
	v := NewValidator()
	d := NewDedup(&v.Report)
	for _, p := range readSamplePanden(t) {
		if v.Pand(&p) {
			d.Add(p)
		}
	}
	r := v.Report
	if r.Read != 60 || r.Used != 59 || r.Skipped[SkipNoID] != 1 || r.SkippedTotal() != 1 || d.Len() != 59 {
		t.Fatalf("report %+v, %d kept", r, d.Len())
	}
	t.Logf("report %+v", r)
}
