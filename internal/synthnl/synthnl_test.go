package synthnl

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestWrite writes a small country and reads it back through geodata:
// every pand and verblijfsobject has a valid BAG id of its type, every
// verblijfsobject points at a written pand, every covered pand lies in
// exactly one buurt (by its point on surface), and the same options give
// the same bytes.
func TestWrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	opt := Options{Panden: 5000, UncoveredEvery: 2}
	st, err := Write(context.Background(), a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.Panden != 5000 || st.PandenUncovered == 0 || st.WaterBuurten == 0 || st.EmptyBuurten == 0 || st.Labels == 0 {
		t.Fatalf("stats %+v", st)
	}
	gp, err := geodata.OpenGeoPackage(filepath.Join(a, BAGFile))
	if err != nil {
		t.Fatal(err)
	}
	defer gp.Close()
	var rep geodata.Report
	pr, err := gp.Panden("pand", &rep)
	if err != nil {
		t.Fatal(err)
	}
	panden, err := geodata.ReadAll(pr)
	pr.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(panden) != st.Panden || rep.Used != st.Panden {
		t.Fatalf("read %d panden (report %+v), wrote %d", len(panden), rep, st.Panden)
	}
	ids := map[string]bool{}
	for _, p := range panden {
		if geodata.BAGType(p.ID) != "10" || ids[p.ID] {
			t.Fatalf("pand id %q: not a fresh pand id", p.ID)
		}
		ids[p.ID] = true
	}
	vr, err := gp.Verblijfsobjecten("verblijfsobject", &geodata.Report{})
	if err != nil {
		t.Fatal(err)
	}
	vbos, err := geodata.ReadAll(vr)
	vr.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(vbos) != st.Verblijfsobjecten {
		t.Fatalf("read %d verblijfsobjecten, wrote %d", len(vbos), st.Verblijfsobjecten)
	}
	for _, v := range vbos {
		if geodata.BAGType(v.ID) != "01" || !ids[v.PandID] {
			t.Fatalf("verblijfsobject %q of pand %q", v.ID, v.PandID)
		}
	}
	ag, err := geodata.OpenGeoPackage(filepath.Join(a, AreasFile))
	if err != nil {
		t.Fatal(err)
	}
	defer ag.Close()
	fr, err := ag.Features("buurten")
	if err != nil {
		t.Fatal(err)
	}
	var buurten []geodata.Area
	water := 0
	err = geodata.ForEach(fr, func(f *geodata.Feature) error {
		ar, reason := geodata.AreaFromFeature(*f, geodata.AreaBuurt)
		if reason != "" {
			t.Fatalf("buurt %v skipped: %s", f.Properties, reason)
		}
		if ar.Water {
			water++
		}
		if len(ar.Code) != 10 || ar.WijkCode != "WK"+ar.Code[2:8] || ar.GemeenteCode != "GM"+ar.Code[2:6] {
			t.Fatalf("buurt codes %q %q %q", ar.Code, ar.WijkCode, ar.GemeenteCode)
		}
		buurten = append(buurten, ar)
		return nil
	})
	fr.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(buurten) != st.Buurten || water != st.WaterBuurten {
		t.Fatalf("%d buurten (%d water), wrote %d (%d)", len(buurten), water, st.Buurten, st.WaterBuurten)
	}
	in := 0
	for _, p := range panden {
		pt, n := geodata.PointOnSurface(p.Footprint), 0
		for _, bu := range buurten {
			if planar.MultiPolygonContains(bu.Geometry, pt) {
				n++
			}
		}
		if n > 1 {
			t.Fatalf("pand %s in %d buurten", p.ID, n)
		}
		in += n
	}
	if in != st.Panden-st.PandenUncovered {
		t.Errorf("%d panden in a buurt, want %d - %d uncovered", in, st.Panden, st.PandenUncovered)
	}
	if _, err := Write(context.Background(), b, opt); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{BAGFile, StreetsFile, AreasFile, LabelsFile} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two writes differ (%d and %d bytes)", f, len(x), len(y))
		}
	}
}
