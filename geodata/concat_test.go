package geodata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// TestConcatGeoParquet joins two pand files and a third of another
// schema: the joined file holds the rows of both in order, its geo bbox
// covers both, its covering still prunes; the odd file is an error
// naming it.
func TestConcatGeoParquet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, x0 float64, n int) (string, []Pand) {
		var ps []Pand
		for i := range n {
			x := x0 + float64(i)*20
			ps = append(ps, Pand{ID: fmt.Sprintf("0503100%09d", int(x0)+i), Bouwjaar: 1930 + i, Status: "Pand in gebruik",
				Footprint: orb.Polygon{{{x, 445000}, {x + 10, 445000}, {x + 10, 445010}, {x, 445010}, {x, 445000}}}})
		}
		var buf bytes.Buffer
		w := newPandWriter(&buf, 64)
		if err := w.Write(ps); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path, ps
	}
	a, pa := write("a.parquet", 80000, 100)
	b, pb := write("b.parquet", 90000, 30)
	out := filepath.Join(dir, "ab.parquet")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := ConcatGeoParquet(f, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := ReadGeoParquetPanden(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadAll(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]Pand(nil), pa...), pb...)
	if len(got) != len(want) {
		t.Fatalf("%d panden, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID || got[i].Bouwjaar != want[i].Bouwjaar || !orb.Equal(got[i].Footprint, want[i].Footprint) {
			t.Errorf("pand %d: %s %d, want %s %d", i, got[i].ID, got[i].Bouwjaar, want[i].ID, want[i].Bouwjaar)
		}
	}
	gf, err := OpenGeoParquet(out)
	if err != nil {
		t.Fatal(err)
	}
	defer gf.Close()
	bb := gf.Geo().Columns["geometry"].BBox
	if len(bb) != 4 || bb[0] != 80000 || bb[2] != 90000+29*20+10 || !gf.Covered() {
		t.Errorf("geo bbox %v, covered %v", bb, gf.Covered())
	}
	pr, err := gf.PandenWithin(orb.Bound{Min: orb.Point{89000, 444000}, Max: orb.Point{99000, 446000}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ForEach(pr, func(*Pand) error { n++; return nil })
	st, _ := StatsOf(pr)
	pr.Close()
	if n != 30 || st.RowGroupsRead != 1 || st.RowGroups != 3 {
		t.Errorf("within b's bound: %d panden, stats %+v; want 30 from 1 of 3 row groups", n, st)
	}

	// A file of another schema.
	var other bytes.Buffer
	type row struct {
		Geometry []byte `parquet:"geometry"`
		Name     string `parquet:"name"`
	}
	if err := WriteGeoParquet(&other, "geometry", []row{{Name: "x"}}, func(*row) orb.Geometry { return orb.Point{85000, 445000} }); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(dir, "odd.parquet")
	os.WriteFile(odd, other.Bytes(), 0o644)
	var sink bytes.Buffer
	if err := ConcatGeoParquet(&sink, []string{a, odd}); err == nil || !bytes.Contains([]byte(err.Error()), []byte("odd.parquet")) {
		t.Errorf("concat with another schema: %v, want an error naming odd.parquet", err)
	}
}
