package benchmarks

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// This file measures `scan --buurt` on a national file against the same
// scan on files cut to that buurt by hand (ogr2ogr -spat, what users do
// today): the pushdown (GeoPackage R-tree, GeoParquet row-group
// statistics) should read only what the buurt needs and give the same
// result. The country is synthetic (internal/synthnl); its size is
// WIJKWARMTE_SELECT_PANDEN (default 20,000).

// selectCase is one way of reading the buurt.
type selectCase struct {
	name string
	cfg  scan.Config
	// panden is the number of pand rows in the buildings file.
	panden int
}

type selectFixture struct {
	err   error
	dir   string // the temporary folder, removed by TestMain
	buurt string
	cases []selectCase
}

var selectOnce struct {
	sync.Once
	fx selectFixture
}

// selectPanden is the size of the synthetic country.
func selectPanden() int {
	if n, err := strconv.Atoi(os.Getenv("WIJKWARMTE_SELECT_PANDEN")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// rchar is the bytes this process has read through read/pread system
// calls so far (Linux /proc/self/io), or -1.
func rchar() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return -1
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "rchar: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return -1
}

// buildSelectFixture writes the country, picks the buurt with the most
// panden among the first gemeente's, cuts the BAG and NWB files to it
// with ogr2ogr, and writes the panden as GeoParquet too (national and
// cut).
func buildSelectFixture(dir string) (fx selectFixture) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		fx.err = errors.New("ogr2ogr (gdal-bin) not installed")
		return fx
	}
	ctx := context.Background()
	nl := filepath.Join(dir, "nl")
	if _, err := synthnl.Write(ctx, nl, synthnl.Options{Panden: selectPanden()}); err != nil {
		fx.err = err
		return fx
	}
	bag, nwb, areas := filepath.Join(nl, synthnl.BAGFile), filepath.Join(nl, synthnl.StreetsFile), filepath.Join(nl, synthnl.AreasFile)
	labels, err := scan.ReadLabels(filepath.Join(nl, synthnl.LabelsFile))
	if err != nil {
		fx.err = err
		return fx
	}
	set := wijkanalyse.NewLabelSet(labels)
	const margin = 250.0
	base := scan.Config{Layer: "pand", VBOLayer: "verblijfsobject", StreetMarginM: margin, Areas: areas,
		Labels: filepath.Join(nl, synthnl.LabelsFile), LabelsData: labels, LabelSet: set}

	// The buurt: the one with the most panden of the first gemeente.
	var rep geodata.Report
	buurten, err := scan.ReadBuurten(areas, &rep, nil)
	if err != nil {
		fx.err = err
		return fx
	}
	var sel *scan.Selection
	most := 0
	for _, a := range buurten {
		if a.Water || a.GemeenteCode != buurten[0].GemeenteCode {
			continue
		}
		s := scan.NewSelection([]geodata.Area{a})
		c := base
		c.Buildings, c.VBO, c.Streets, c.Select = bag, bag, nwb, s
		res, err := scan.Analyse(ctx, c)
		if err != nil {
			continue
		}
		if n := res.Summary().Input.BuildingsUsed; n > most {
			most, sel, fx.buurt = n, s, a.Code
		}
	}
	if sel == nil {
		fx.err = errors.New("no buurt with panden in the first gemeente")
		return fx
	}

	// The hand cut: panden and verblijfsobjecten to the buurt's bbox,
	// streets to the bbox plus the street margin.
	spat := func(m float64) []string {
		b := sel.Bound
		return []string{"-spat", fmt.Sprint(b.Min[0] - m), fmt.Sprint(b.Min[1] - m), fmt.Sprint(b.Max[0] + m), fmt.Sprint(b.Max[1] + m)}
	}
	cutBAG, cutNWB := filepath.Join(dir, "cut-bag.gpkg"), filepath.Join(dir, "cut-nwb.gpkg")
	for _, args := range [][]string{
		append(append([]string{"-f", "GPKG"}, spat(0)...), cutBAG, bag, "pand", "verblijfsobject"),
		append(append([]string{"-f", "GPKG"}, spat(margin)...), cutNWB, nwb),
	} {
		if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
			fx.err = fmt.Errorf("ogr2ogr %s: %v: %s", strings.Join(args, " "), err, out)
			return fx
		}
	}
	// The same panden as GeoParquet (PandWriter: 65,536 panden per row
	// group, with the bbox covering).
	toParquet := func(gpkg, out string) (int, error) {
		s, err := geodata.Open(gpkg)
		if err != nil {
			return 0, err
		}
		defer s.Close()
		var rep geodata.Report
		r, _, err := s.Panden("pand", &rep)
		if err != nil {
			return 0, err
		}
		defer r.Close()
		f, err := os.Create(out)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		w := geodata.NewPandWriter(f)
		n := 0
		if err := geodata.ForEach(r, func(p *geodata.Pand) error {
			n++
			return w.Write([]geodata.Pand{*p})
		}); err != nil {
			return 0, err
		}
		return n, w.Close()
	}
	natPQ, cutPQ := filepath.Join(dir, "bag.parquet"), filepath.Join(dir, "cut-bag.parquet")
	nNat, err := toParquet(bag, natPQ)
	if err != nil {
		fx.err = err
		return fx
	}
	nCut, err := toParquet(cutBAG, cutPQ)
	if err != nil {
		fx.err = err
		return fx
	}
	mk := func(name, buildings, vbo, streets string, panden int) selectCase {
		c := base
		c.Buildings, c.VBO, c.Streets, c.Select = buildings, vbo, streets, sel
		if filepath.Ext(buildings) == ".parquet" {
			c.Layer = ""
		}
		return selectCase{name: name, cfg: c, panden: panden}
	}
	fx.cases = []selectCase{
		mk("national.gpkg", bag, bag, nwb, nNat),
		mk("cut.gpkg", cutBAG, cutBAG, cutNWB, nCut),
		mk("national.parquet", natPQ, bag, nwb, nNat),
		mk("cut.parquet", cutPQ, cutBAG, cutNWB, nCut),
	}
	return fx
}

func selectFixtureFor(tb testing.TB) selectFixture {
	tb.Helper()
	selectOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wijkwarmte-select-")
		if err != nil {
			selectOnce.fx.err = err
			return
		}
		selectOnce.fx = buildSelectFixture(dir)
		selectOnce.fx.dir = dir
	})
	if selectOnce.fx.err != nil {
		tb.Skip(selectOnce.fx.err)
	}
	return selectOnce.fx
}

// removeSelectFixture removes the country and cuts the select tests
// wrote (called by TestMain).
func removeSelectFixture() {
	if d := selectOnce.fx.dir; d != "" {
		os.RemoveAll(d)
	}
}

// selectRun is one scan of the buurt and what it read.
type selectRun struct {
	sum       *scan.Analysis
	wall      time.Duration
	bytesRead int64
	pandRows  int // pand rows of the bound read from the buildings file: in the buurt + beside it + skipped
}

func runSelect(tb testing.TB, c selectCase) selectRun {
	tb.Helper()
	r0, t0 := rchar(), time.Now()
	a, err := scan.Analyse(context.Background(), c.cfg)
	wall, r1 := time.Since(t0), rchar()
	if err != nil {
		tb.Fatal(err)
	}
	in := a.Summary().Input
	rows := in.BuildingsRead
	if in.PandenOutsideAreas != nil {
		rows += *in.PandenOutsideAreas
	}
	return selectRun{sum: a, wall: wall, bytesRead: r1 - r0, pandRows: rows}
}

// TestSelectBuurtSame: the buurt scanned from the national files and from
// the hand-cut files gives the same result, in both formats; it logs what
// each read.
func TestSelectBuurtSame(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a synthetic country and scans a buurt four times")
	}
	fx := selectFixtureFor(t)
	runs := map[string]selectRun{}
	for _, c := range fx.cases {
		r := runSelect(t, c)
		runs[c.name] = r
		t.Logf("%s %s: %v, %.1f MB read, %d of %d pand rows read", fx.buurt, c.name, r.wall.Round(time.Millisecond),
			float64(r.bytesRead)/1e6, r.pandRows, c.panden)
	}
	key := func(r selectRun) string {
		s := r.sum.Summary()
		var b strings.Builder
		fmt.Fprintf(&b, "used %d dwellings %d trench %.3f connected %d best %s", s.Input.BuildingsUsed, s.Stock.Dwellings,
			s.Network.TrenchM, s.Network.Connected, s.BestStrategy)
		for _, st := range s.Strategies {
			fmt.Fprintf(&b, " %s %.2f", st.Name, st.NationalCostEURPerYear)
		}
		return b.String()
	}
	want := key(runs["national.gpkg"])
	for name, r := range runs {
		if got := key(r); got != want {
			t.Errorf("%s: %s\nnational.gpkg: %s", name, got, want)
		}
	}
}

// BenchmarkSelectBuurt scans the buurt from each file: ns/op, MB read
// per scan (rchar: every file the scan reads), the pand rows of the
// buurt's bound read from the buildings file (in the buurt, beside it or
// skipped) and the pand rows the file holds.
func BenchmarkSelectBuurt(b *testing.B) {
	fx := selectFixtureFor(b)
	for _, c := range fx.cases {
		b.Run(c.name, func(b *testing.B) {
			var bytesRead int64
			rows := 0
			for b.Loop() {
				r := runSelect(b, c)
				bytesRead += r.bytesRead
				rows = r.pandRows
			}
			b.ReportMetric(float64(bytesRead)/float64(b.N)/1e6, "MB_read/op")
			b.ReportMetric(float64(rows), "pand_rows_in_bound")
			b.ReportMetric(float64(c.panden), "pand_rows_in_file")
		})
	}
}
