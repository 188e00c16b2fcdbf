package scan

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func TestReadScenarios(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "# comment\nscenario,name,value,unit\nA,discount.national,0.05,fraction\nB,discount.national,0.01,fraction\n\nA,discount.heat_company,0.07,fraction\n")
	scs, err := readScenarios(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != 2 || scs[0].name != "A" || scs[1].name != "B" || strings.Join(scs[0].names(), ",") != "discount.national,discount.heat_company" {
		t.Fatalf("scenarios %+v", scs)
	}
	for i, want := range []float64{0.05, 0.01} {
		p, err := scs[i].apply(kosten.Defaults())
		if err != nil {
			t.Fatal(err)
		}
		q, _ := p.Get("discount.national")
		if q.Value != want {
			t.Errorf("scenario %s: discount.national = %v, want %v", scs[i].name, q.Value, want)
		}
	}
	for _, c := range []struct {
		name, body string
		want       string // in the error
	}{
		{"no scenario column", "name,value,unit\nx,1,EUR\n", "scenario"},
		{"empty", "", "empty"},
		{"no rows", "scenario,name,value,unit\n", "no scenario rows"},
		{"unnamed", "scenario,name,value,unit\n,discount.national,0.05,fraction\n", ":2"},
		{"unknown parameter on line 4", "scenario,name,value,unit\n# x\nA,discount.national,0.05,fraction\nA,no.such,1,EUR\n", ":4"},
		{"wrong unit", "scenario,name,value,unit\nA,discount.national,5,EUR\n", ":2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := write(strings.ReplaceAll(c.name, " ", "_")+".csv", c.body)
			scs, err := readScenarios(p)
			if err == nil {
				for _, sc := range scs {
					if _, err = sc.apply(kosten.Defaults()); err != nil {
						break
					}
				}
			}
			if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one naming %s and %q", err, p, c.want)
			}
		})
	}
}

func TestSkippedCounts(t *testing.T) {
	for _, c := range []struct {
		in   map[string]int
		want string
	}{
		{nil, "nothing skipped"},
		{map[string]int{}, "nothing skipped"},
		{map[string]int{"not_a_polygon": 3841}, "skipped: not_a_polygon 3841"},
		{map[string]int{"not_a_polygon": 3841, "no_bag_id": 2}, "skipped: no_bag_id 2, not_a_polygon 3841"},
	} {
		if got := skippedCounts(c.in); got != c.want {
			t.Errorf("skippedCounts(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSourceKind(t *testing.T) {
	_, err := parseSourcesCSV([]byte("name,kind,x,y\nok,restwarmte,85000,445000\nbron,Kerncentrale,85000,445000\n"), "bronnen.csv")
	if !errors.Is(err, ErrSourceKind) {
		t.Fatalf("error %v, want ErrSourceKind", err)
	}
	want := `bronnen.csv: line 3: feature 1 (id bron): scan: unknown heat source kind "kerncentrale" (want restwarmte, geothermie, teo, twa, wko or lt_restwarmte)`
	if err.Error() != want {
		t.Errorf("error %q\nwant      %q", err, want)
	}
}

// TestInputsWithoutRecords: an input asked for that yields nothing is an
// error naming the file (and the skip counts): a --streets file without
// lines (the pand file given by mistake, or an empty collection), an
// --addresses file without points, a --sources file without sources and a
// --labels file without labels. They were taken silently as no streets
// (the network estimated from the panden), no addresses, no sources (an
// assumed source) and no labels (every pand its default label), where
// --water and --areas already refused such a file.
func TestInputsWithoutRecords(t *testing.T) {
	t.Parallel()
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	lines := filepath.Join("..", "..", "testdata", "delft-wippolder", "streets_in_bbox_rd_approx.geojson")
	empty, header := filepath.Join(t.TempDir(), "leeg.geojson"), filepath.Join(t.TempDir(), "bronnen.csv")
	if err := os.WriteFile(empty, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(header, []byte("name,kind,x,y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The header of the repository's EP-Online sample without its rows.
	ep, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ep-online", "ep-online-delft-synthetic.csv"))
	if err != nil {
		t.Fatal(err)
	}
	labels := filepath.Join(t.TempDir(), "ep-online.csv")
	if err := os.WriteFile(labels, bytes.Join(bytes.SplitAfter(ep, []byte("\n"))[:3], nil), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"polygons as streets", Config{Buildings: sample, Streets: sample}, sample + ": no street lines (60 read; skipped: not_a_line 60)"},
		{"lines as addresses", Config{Buildings: sample, Addresses: lines}, lines + ": no address points ("},
		{"no streets", Config{Buildings: sample, Streets: empty}, empty + ": no street lines (0 read; nothing skipped)"},
		{"no addresses", Config{Buildings: sample, Addresses: empty}, empty + ": no address points (0 read; nothing skipped)"},
		{"no sources", Config{Buildings: sample, Sources: empty}, empty + ": no heat sources in the file"},
		{"no sources in a CSV", Config{Buildings: sample, Sources: header}, header + ": no heat sources in the file"},
		{"no labels", Config{Buildings: sample, Labels: labels}, labels + ": no energy labels (0 rows read; nothing skipped)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.cfg.Out = filepath.Join(t.TempDir(), "out")
			_, err := Run(context.Background(), c.cfg)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v, want one starting %q", err, c.want)
			}
		})
	}
}
