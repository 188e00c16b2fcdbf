package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/parquet-go/parquet-go"

	"github.com/wijkwarmte/wijkwarmte/internal/batch"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
)

// TestMain runs the tests on Beam's test runner with a temporary folder of
// their own, removed afterwards: Beam's loopback mode leaves an empty file
// beamloopbackworker-* in it on every pipeline run (apache/beam#27569).
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "wijkwarmte-sweep-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", tmp)
	code := ptest.MainRet(m)
	os.RemoveAll(tmp)
	os.Exit(code)
}

// testConfig sweeps the batch's test country: the demo wijk's panden and
// streets (testdata/delft-wippolder) under the batch's four buurten (two
// halves of the demo, a water buurt, a buurt without panden).
func testConfig(draws int, per int) Config {
	root := filepath.Join("..", "testdata", "delft-wippolder")
	return Config{
		Buildings: filepath.Join(root, "buildings_rd_approx.geojson"),
		Streets:   filepath.Join(root, "streets_in_bbox_rd_approx.geojson"),
		Areas:     filepath.Join("..", "internal", "batch", "testdata", "buurten.geojson"),
		Draws:     draws, Seed: 3, RouteWork: 400_000, DrawsPerTask: per, Workers: 2,
	}
}

func readParquet(t *testing.T, path string) []Row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ReadRows(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func runPrism(t *testing.T, c Config) ([]Row, time.Duration) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "sweep.parquet")
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, c, out); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	return readParquet(t, out), time.Since(t0)
}

// The pipeline on Prism and the plain per-buurt loop give the same rows
// for the same seed, with a buurt's draws in one task or split over
// several; water and empty buurten get the batch's reasons.
func TestPipelineMatchesPlain(t *testing.T) {
	ctx := context.Background()
	for _, c := range []Config{testConfig(5, 0), testConfig(5, 2)} {
		t.Run(fmt.Sprintf("draws-per-task=%d", c.DrawsPerTask), func(t *testing.T) {
			t0 := time.Now()
			want, err := RunPlain(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			plain := time.Since(t0)
			got, prism := runPrism(t, c)
			t.Logf("plain %v, prism %v (2 buurten with panden, %d draws each)", plain, prism, c.Draws)
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(want)
			if !bytes.Equal(a, b) {
				t.Fatalf("pipeline rows differ from the plain loop:\n%s\n%s", a, b)
			}
			reasons := map[string]string{}
			wins := map[string]int64{}
			for _, r := range got {
				reasons[r.Buurtcode] = r.Reason
				wins[r.Buurtcode] += r.Wins
			}
			if len(reasons) != 4 || reasons["BU05039903"] != "CBS: water = JA" || reasons["BU05189901"] != "geen bruikbare panden in de buurt" {
				t.Errorf("buurten and reasons %v", reasons)
			}
			for _, code := range []string{"BU05039901", "BU05039902"} {
				if wins[code] != int64(c.Draws) || reasons[code] != "" {
					t.Errorf("buurt %s: %d wins over %d draws, reason %q", code, wins[code], c.Draws, reasons[code])
				}
			}
		})
	}
}

// The pipeline on Prism and `wijkwarmte batch --draws` (internal/batch)
// give the same per-buurt figures for the same seed: the pipeline's rows
// against the batch's buurten.parquet robustness columns.
func TestPipelineMatchesBatch(t *testing.T) {
	t.Run("demo-buurten", func(t *testing.T) { matchBatch(t, testConfig(5, 0)) })
	// A small synthetic country from internal/synthnl (the batch's
	// generator): BAG GeoPackage with verblijfsobjecten, NWB-like streets,
	// EP-Online labels and a CBS wijk- en buurtkaart (eight buurten with
	// panden, a water buurt and an empty one), read through the R-trees.
	t.Run("synthnl", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := synthnl.Write(context.Background(), dir, synthnl.Options{Panden: 600}); err != nil {
			t.Fatal(err)
		}
		bag := filepath.Join(dir, synthnl.BAGFile)
		matchBatch(t, Config{Buildings: bag, VBO: bag, Streets: filepath.Join(dir, synthnl.StreetsFile),
			Labels: filepath.Join(dir, synthnl.LabelsFile), Areas: filepath.Join(dir, synthnl.AreasFile),
			Draws: 4, Seed: 9, RouteWork: 400_000})
	})
}

func matchBatch(t *testing.T, c Config) {
	ctx := context.Background()
	got, _ := runPrism(t, c)
	out := filepath.Join(t.TempDir(), "batch")
	sc := scan.Config{Buildings: c.Buildings, VBO: c.VBO, Streets: c.Streets, Labels: c.Labels, StreetMarginM: 250,
		RouteWork: c.RouteWork, Draws: c.Draws, Seed: c.Seed}
	if _, err := batch.Run(ctx, batch.Config{Scan: sc, Areas: c.Areas, Out: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, "buurten.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	// column name -> buurtcode -> value (NaN for null)
	cols := map[string]map[string]float64{}
	codes := []string{}
	rows := make([]parquet.Row, pf.NumRows())
	r := parquet.NewReader(pf)
	n, err := r.ReadRows(rows)
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	fields := pf.Schema().Fields()
	for _, row := range rows[:n] {
		code := ""
		for _, v := range row {
			if fields[v.Column()].Name() == "buurtcode" {
				code = v.String()
			}
		}
		codes = append(codes, code)
		for _, v := range row {
			name := fields[v.Column()].Name()
			if cols[name] == nil {
				cols[name] = map[string]float64{}
			}
			x := math.NaN()
			if !v.IsNull() && v.Kind() == parquet.Double {
				x = v.Double()
			}
			cols[name][code] = x
		}
	}
	eq := func(p *float64, v float64) bool {
		if p == nil {
			return math.IsNaN(v)
		}
		return *p == v
	}
	checked := 0
	for _, row := range got {
		if row.Strategy == "" {
			continue
		}
		share, ok := cols[row.Strategy+"_win_share"]
		if !ok {
			t.Fatalf("buurten.parquet has no column %s_win_share (columns: %d)", row.Strategy, len(cols))
		}
		p := row.Strategy + "_national_eur_yr_"
		if share[row.Buurtcode] != row.WinShare || !eq(row.NationalP5, cols[p+"p5"][row.Buurtcode]) ||
			!eq(row.NationalP50, cols[p+"p50"][row.Buurtcode]) || !eq(row.NationalP95, cols[p+"p95"][row.Buurtcode]) ||
			!eq(row.EnduserP50, cols[row.Strategy+"_enduser_eur_yr_per_dwelling_p50"][row.Buurtcode]) {
			t.Errorf("buurt %s %s: pipeline win share %g p50 %v, batch %g p50 %g", row.Buurtcode, row.Strategy, row.WinShare, row.NationalP50,
				share[row.Buurtcode], cols[p+"p50"][row.Buurtcode])
		}
		checked++
	}
	if checked == 0 || checked < len(got)/2 {
		t.Fatalf("%d of %d rows checked against the batch (%d buurten in buurten.parquet)", checked, len(got), len(codes))
	}
	t.Logf("%d rows of %d buurten checked against the batch", checked, len(codes))
}

func TestConfigErrors(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	ok := testConfig(5, 0)
	for _, c := range []Config{{Draws: 5, Buildings: "b.gpkg"}, {Areas: "x.geojson", Draws: 5}, func() Config { c := ok; c.Draws = 0; return c }(),
		func() Config { c := ok; c.DrawsPerTask = -1; return c }()} {
		if err := Build(s, c, "out.parquet"); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if err := Build(s, ok, ""); err == nil {
		t.Error("no output path: no error")
	}
}

func TestTasks(t *testing.T) {
	s, err := NewScanner(testConfig(10, 0))
	if err != nil {
		t.Fatal(err)
	}
	bs := s.Buurten()
	for _, c := range []struct {
		draws, per, want int
	}{{10, 0, 4}, {10, 4, 12}, {10, 10, 4}, {10, 20, 4}, {1, 1, 4}} {
		ts := Tasks(bs, c.draws, c.per)
		n := 0
		for _, x := range ts {
			n += x.To - x.From
		}
		if len(ts) != c.want || n != len(bs)*c.draws {
			t.Errorf("draws %d per %d: %d tasks covering %d draws", c.draws, c.per, len(ts), n)
		}
	}
}
