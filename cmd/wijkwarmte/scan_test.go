package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/htmlcheck"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// demoScan runs the demo scan once for all tests that read its outputs.
var demoScan = struct {
	once   sync.Once
	dir    string
	status int
	stdout string
	stderr string
}{}

func scanDemo(t *testing.T) string {
	t.Helper()
	demoScan.once.Do(func() {
		dir, err := os.MkdirTemp("", "wijkwarmte-scan-test-")
		if err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		demoScan.dir = dir
		demoScan.status = run([]string{"scan", "--out", dir, "--quiet", "--geojson",
			"--scenario", filepath.Join("testdata", "scenarios.csv"),
			"--areas", filepath.Join("testdata", "buurten.geojson"),
			"--kader", filepath.Join("..", "..", "testdata", "kader-voorbeeld.csv")}, &out, &errb)
		demoScan.stdout, demoScan.stderr = out.String(), errb.String()
	})
	if demoScan.status != 0 {
		t.Fatalf("scan of the demo: exit %d, stderr:\n%s", demoScan.status, demoScan.stderr)
	}
	return demoScan.dir
}

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		// The test binary as the wijkwarmte command, for tests that must
		// kill or measure a separate process (crash_test.go).
		tuneProcess(os.Args[1:])
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	code := m.Run()
	if demoScan.dir != "" {
		os.RemoveAll(demoScan.dir)
	}
	os.Exit(code)
}

// get walks a decoded JSON object along a dotted key path.
func get(t *testing.T, m map[string]any, path string) any {
	t.Helper()
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("summary.json: %s: %q is not inside an object", path, k)
		}
		v, ok := obj[k]
		if !ok {
			t.Fatalf("summary.json lacks %s", path)
		}
		cur = v
	}
	return cur
}

func num(t *testing.T, m map[string]any, path string) float64 {
	t.Helper()
	x, ok := get(t, m, path).(float64)
	if !ok {
		t.Fatalf("summary.json: %s is %T, not a number", path, get(t, m, path))
	}
	return x
}

// TestScanDemoSummary checks the summary.json contract of DESIGN.md on
// the demo wijk.
func TestScanDemoSummary(t *testing.T) {
	dir := scanDemo(t)
	raw, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	for _, k := range []string{
		"input.buildings_read", "input.buildings_used", "input.streets_read",
		"stock.dwellings", "stock.floor_area_m2", "stock.heat_demand_gj",
		"network.terminals", "network.connected", "network.unreachable", "network.trench_m",
		"network.service_m", "network.peak_kw", "network.heat_loss_gj", "network.cost_eur",
	} {
		if x := num(t, s, k); x < 0 {
			t.Errorf("%s = %v < 0", k, x)
		}
	}
	for _, k := range []string{"input.skipped", "stock.by_era", "stock.by_type", "stock.by_label"} {
		if _, ok := get(t, s, k).(map[string]any); !ok {
			t.Errorf("%s is not an object", k)
		}
	}
	if crs, _ := get(t, s, "input.crs").(string); crs != "EPSG:4326 (OpenStreetMap PBF), transformed to EPSG:28992" {
		t.Errorf("input.crs %q: the demo is an OSM extract in WGS 84", crs)
	}
	// The street graph is counted, and its pieces are the streets used.
	if p, n, c := num(t, s, "network.street_graph.pieces"), num(t, s, "network.street_graph.nodes"), num(t, s, "network.street_graph.components"); p == 0 || n == 0 || c < 1 {
		t.Errorf("street graph: %v pieces, %v nodes, %v components", p, n, c)
	}
	for _, k := range []string{"edges", "duplicates_removed", "zero_length_removed", "snapped_ends", "largest_component_m"} {
		num(t, s, "network.street_graph."+k)
	}
	if c, want := num(t, s, "network.street_components"), num(t, s, "network.street_graph.components"); c != want {
		t.Errorf("street_components %v, street_graph.components %v", c, want)
	}
	read, used := num(t, s, "input.buildings_read"), num(t, s, "input.buildings_used")
	if used <= 3000 {
		t.Errorf("buildings_used = %v, want > 3000 for the demo", used)
	}
	skipped := 0.0
	for _, v := range get(t, s, "input.skipped").(map[string]any) {
		skipped += v.(float64)
	}
	if read != used+skipped {
		t.Errorf("buildings_read %v != used %v + skipped %v", read, used, skipped)
	}
	if num(t, s, "network.connected") <= 0 || num(t, s, "network.trench_m") <= 0 {
		t.Errorf("no network: connected %v, trench %v m", num(t, s, "network.connected"), num(t, s, "network.trench_m"))
	}
	if c, term := num(t, s, "network.connected"), num(t, s, "network.terminals"); c > term {
		t.Errorf("connected %v > terminals %v", c, term)
	}
	// Every heated building offered to the network ends connected,
	// unreachable or dropped by the economic expansion.
	term, conn, unr, drop := num(t, s, "network.terminals"), num(t, s, "network.connected"), num(t, s, "network.unreachable"), num(t, s, "network.dropped")
	if term != conn+unr+drop {
		t.Errorf("terminals %v != connected %v + unreachable %v + dropped %v", term, conn, unr, drop)
	}
	opt, _ := get(t, s, "network.option").(string)
	if !slices.Contains([]string{"warmtenet_mt", "warmtenet_lt", "aquathermie", "geothermie"}, opt) {
		t.Errorf("network.option %q is not a network option", opt)
	}
	if kind, _ := get(t, s, "network.source.kind").(string); kind != opt {
		t.Errorf("network.option %q, network.source.kind %q", opt, kind)
	}
	for k, name := range map[string]string{"network.supply_c": "net.design.mt.supply", "network.return_c": "net.design.mt.return"} {
		p, err := kosten.Defaults().Get(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := num(t, s, k); got != p.Value {
			t.Errorf("%s = %v, want %s = %v", k, got, name, p.Value)
		}
	}
	if num(t, s, "stock.dwellings") <= 0 || num(t, s, "stock.heat_demand_gj") <= 0 {
		t.Error("empty stock")
	}
	sts, ok := get(t, s, "strategies").([]any)
	if !ok || len(sts) == 0 {
		t.Fatal("strategies is empty")
	}
	var names []string
	for i, x := range sts {
		st, ok := x.(map[string]any)
		if !ok {
			t.Fatalf("strategies[%d] is not an object", i)
		}
		if st["feasible"] == false {
			// An infeasible strategy (the demo's S3c: no LT source given)
			// has no figures: null, never a number.
			for _, k := range []string{"national_cost_eur_per_year", "eur_per_t_co2"} {
				if st[k] != nil {
					t.Errorf("infeasible strategy %v has %s %v, want null", st["name"], k, st[k])
				}
			}
			names = append(names, st["name"].(string))
			continue
		}
		for _, k := range []string{"national_cost_eur_per_year", "enduser_cost_eur_per_year_per_dwelling", "co2_avoided_t_per_year", "eur_per_t_co2"} {
			if k == "eur_per_t_co2" && num(t, st, "co2_avoided_t_per_year") <= 0 {
				// Nothing avoided (the gas reference): euro per ton is
				// undefined and written as null, not as a number.
				if st[k] != nil {
					t.Errorf("strategy %v avoids no CO2 but eur_per_t_co2 is %v, want null", st["name"], st[k])
				}
				continue
			}
			num(t, st, k)
			for _, band := range []string{"min", "max"} {
				if _, ok := get(t, st, band).(map[string]any); !ok {
					t.Errorf("strategies[%d].%s is not an object", i, band)
				}
			}
		}
		lo, hi, v := num(t, st, "min.national_cost_eur_per_year"), num(t, st, "max.national_cost_eur_per_year"), num(t, st, "national_cost_eur_per_year")
		if st["feasible"] == true && !(lo <= v+1e-6 && v <= hi+1e-6) {
			t.Errorf("strategy %v: national cost %v outside its band [%v, %v]", st["name"], v, lo, hi)
		}
		name, _ := st["name"].(string)
		names = append(names, name)
		// The breakdown by building group adds up to the total.
		parts, _ := st["breakdown_eur_per_year"].(map[string]any)
		sum := 0.0
		for _, p := range parts {
			sum += p.(float64)
		}
		if d := sum - v; d > 1e-6*max(1, v) || d < -1e-6*max(1, v) {
			t.Errorf("strategy %s: breakdown sums to %v, national cost is %v", name, sum, v)
		}
		// The breakdown by cost component has its keys and adds up to the
		// national cost, and its low and high ends to the band's ends; the
		// end-user breakdown adds up to the end-user cost per dwelling.
		eu := num(t, st, "enduser_cost_eur_per_year_per_dwelling")
		for _, c := range []struct {
			key  string
			keys []string
			want float64
		}{
			{"breakdown", []string{"insulation", "installations", "heat_network", "heat_source", "grid", "om", "energy"}, v},
			{"breakdown_min", []string{"insulation", "installations", "heat_network", "heat_source", "grid", "om", "energy"}, lo},
			{"breakdown_max", []string{"insulation", "installations", "heat_network", "heat_source", "grid", "om", "energy"}, hi},
			{"enduser_breakdown_eur_per_year_per_dwelling", []string{"insulation", "installations", "om", "energy", "fixed_charges", "connection_fee"}, eu},
		} {
			parts, ok := st[c.key].(map[string]any)
			if !ok {
				t.Errorf("strategy %s: no %s", name, c.key)
				continue
			}
			for _, k := range c.keys {
				if _, ok := parts[k].(float64); !ok {
					t.Errorf("strategy %s: %s.%s missing", name, c.key, k)
				}
			}
			sum := 0.0
			for _, p := range parts {
				sum += p.(float64)
			}
			if d := sum - c.want; d > 1e-6*max(1, c.want) || d < -1e-6*max(1, c.want) {
				t.Errorf("strategy %s: %s sums to %v, want %v", name, c.key, sum, c.want)
			}
		}
		bd, _ := st["breakdown"].(map[string]any)
		if e, _ := bd["energy"].(float64); !(e > 0) {
			t.Errorf("strategy %s: breakdown without energy: %v", name, bd)
		}
		if in, _ := bd["installations"].(float64); !(in > 0) {
			t.Errorf("strategy %s: breakdown without installations: %v", name, bd)
		}
	}
	best, _ := get(t, s, "best_strategy").(string)
	if !slices.Contains(names, best) {
		t.Errorf("best_strategy %q is not among the strategies %v", best, names)
	}
	if crs, _ := get(t, s, "output_crs").(string); crs != "EPSG:28992" {
		t.Errorf("output_crs = %q", crs)
	}
}

// TestScanDemoAreas: with --areas the summary, the CSV and the report are
// per buurt.
func TestScanDemoAreas(t *testing.T) {
	dir := scanDemo(t)
	s := readSummary(t, dir)
	areas, ok := s["areas"].([]any)
	if !ok || len(areas) != 2 {
		t.Fatalf("areas = %v, want the 2 of testdata/buurten.geojson", s["areas"])
	}
	sum := 0.0
	for _, x := range areas {
		a := x.(map[string]any)
		if num(t, a, "panden") <= 0 || num(t, a, "heat_density_gj_per_ha") <= 0 {
			t.Errorf("area %v: no buildings or no demand", a["code"])
		}
		sum += num(t, a, "panden")
	}
	// The two halves cover the demo wijk: every pand's centroid is in one.
	if used := num(t, s, "input.buildings_used"); sum != used {
		t.Errorf("panden over the areas %v, used %v", sum, used)
	}
	f, err := os.Open(filepath.Join(dir, "startanalyse.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]int{}
	for _, row := range rows[1:] {
		codes[row[len(row)-3]]++
	}
	if len(codes) != 2 || codes["TEST01"] != codes["TEST02"] || codes["TEST01"] == 0 {
		t.Errorf("startanalyse.csv rows per buurt: %v", codes)
	}
}

// TestScanDemoScenarios: the scenario file's scenarios are run and
// compared beside the base run.
// The demo's assumed restwarmte source carries a transport pipe priced as
// Vesta does: 4000 m x omwegfactor 1.25 x the CE Delft 70/40 curve at the
// network's peak P MW (680.3 P^0.41 .. 1075.5 P^0.35 EUR/m of 2020, the
// mean of the two), / 1.0396 to euro of 2018.
func TestScanDemoTransportPipe(t *testing.T) {
	s := readSummary(t, scanDemo(t))
	P := num(t, s, "network.peak_kw") / 1000
	want := 5000 * (680.3*math.Pow(P, 0.41) + 1075.5*math.Pow(P, 0.35)) / 2 / 1.0396
	if m := num(t, s, "network.transport_m"); m != 4000 {
		t.Errorf("transport_m %v, want 4000", m)
	}
	if got := num(t, s, "network.transport_cost_eur"); math.Abs(got-want) > 1e-6*want {
		t.Errorf("transport_cost_eur %v, want %v", got, want)
	}
}

func TestScanDemoScenarios(t *testing.T) {
	dir := scanDemo(t)
	s := readSummary(t, dir)
	scs, ok := s["scenarios"].([]any)
	if !ok || len(scs) != 3 {
		t.Fatalf("scenarios = %v, want basis + the 2 of testdata/scenarios.csv", s["scenarios"])
	}
	cost := map[string]map[string]float64{}
	for _, x := range scs {
		sc := x.(map[string]any)
		name := sc["name"].(string)
		cost[name] = map[string]float64{}
		for _, y := range sc["strategies"].([]any) {
			st := y.(map[string]any)
			if st["feasible"] == false {
				continue // no figures (null): S3c without an LT source
			}
			cost[name][st["name"].(string)] = st["national_cost_eur_per_year"].(float64)
		}
		best, _ := sc["best_strategy"].(string)
		if _, ok := cost[name][best]; !ok {
			t.Errorf("scenario %s: best_strategy %q not among its strategies", name, best)
		}
	}
	// A higher social discount rate raises the annuity of every investment.
	if b, h := cost["basis"]["all_electric"], cost["hoge rente"]["all_electric"]; !(h > b) {
		t.Errorf("all_electric at 5 %% discount %v, at the default %v: want higher", h, b)
	}
	// Dearer 70/40 C pipes (CE Delft curve +50 %) leave all-electric alone and raise the MT network.
	if b, d := cost["basis"]["all_electric"], cost["dure leidingen"]["all_electric"]; b != d {
		t.Errorf("all_electric changed with pipe prices: %v -> %v", b, d)
	}
	if b, d := cost["basis"]["warmtenet_mt"], cost["dure leidingen"]["warmtenet_mt"]; !(d > b) {
		t.Errorf("warmtenet_mt with dearer pipes %v, default %v: want higher", d, b)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("dure leidingen")) {
		t.Error("report.html does not show the scenarios")
	}
}

// readGeoParquet opens a GeoParquet file, checks its "geo" metadata and
// returns the number of rows and every decoded geometry.
func readGeoParquet(t *testing.T, path string) (int, []orb.Geometry, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	raw, ok := pf.Lookup("geo")
	if !ok {
		t.Fatalf("%s: no geo metadata", path)
	}
	var geo struct {
		Version       string `json:"version"`
		PrimaryColumn string `json:"primary_column"`
		Columns       map[string]struct {
			Encoding      string          `json:"encoding"`
			GeometryTypes []string        `json:"geometry_types"`
			CRS           json.RawMessage `json:"crs"`
			BBox          []float64       `json:"bbox"`
		} `json:"columns"`
	}
	if err := json.Unmarshal([]byte(raw), &geo); err != nil {
		t.Fatalf("%s: geo metadata: %v", path, err)
	}
	col, ok := geo.Columns[geo.PrimaryColumn]
	if !strings.HasPrefix(geo.Version, "1.") || !ok || col.Encoding != "WKB" {
		t.Fatalf("%s: geo metadata %s", path, raw)
	}
	epsg, err := geodata.ParseCRSJSON(path, col.CRS)
	if err != nil || epsg != 28992 {
		t.Errorf("%s: geo crs %s = EPSG:%d (%v), want 28992", path, col.CRS, epsg, err)
	}
	leaf, ok := pf.Schema().Lookup(geo.PrimaryColumn)
	if !ok {
		t.Fatalf("%s: no column %q", path, geo.PrimaryColumn)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	var geoms []orb.Geometry
	var cols [][]string
	buf := make([]parquet.Row, 128)
	n := 0
	for {
		k, err := r.ReadRows(buf)
		for _, row := range buf[:k] {
			n++
			for _, v := range row {
				if v.Column() == leaf.ColumnIndex {
					g, err := geodata.DecodeWKB(v.ByteArray())
					if err != nil {
						t.Fatalf("%s: row %d: geometry: %v", path, n-1, err)
					}
					geoms = append(geoms, g)
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if int64(n) != pf.NumRows() {
		t.Errorf("%s: read %d rows, metadata says %d", path, n, pf.NumRows())
	}
	cols = pf.Schema().Columns()
	if len(col.BBox) == 4 {
		for _, g := range geoms {
			b := g.Bound()
			if b.Min[0] < col.BBox[0]-1e-6 || b.Min[1] < col.BBox[1]-1e-6 || b.Max[0] > col.BBox[2]+1e-6 || b.Max[1] > col.BBox[3]+1e-6 {
				t.Fatalf("%s: geometry %v outside the bbox %v", path, b, col.BBox)
			}
		}
	}
	return n, geoms, cols
}

// countTrue counts the rows of a GeoParquet file whose boolean column is
// true.
func countTrue(t *testing.T, path, column string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	leaf, ok := pf.Schema().Lookup(column)
	if !ok {
		t.Fatalf("%s: no column %s", path, column)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 128)
	n := 0
	for {
		k, err := r.ReadRows(buf)
		for _, row := range buf[:k] {
			for _, v := range row {
				if v.Column() == leaf.ColumnIndex && v.Boolean() {
					n++
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func hasColumn(cols [][]string, name string) bool {
	for _, c := range cols {
		if strings.Join(c, ".") == name {
			return true
		}
	}
	return false
}

func readSummary(t *testing.T, dir string) map[string]any {
	raw, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestScanDemoOutputs reads every output file of the demo scan back.
func TestScanDemoOutputs(t *testing.T) {
	dir := scanDemo(t)
	s := readSummary(t, dir)
	used := int(num(t, s, "input.buildings_used"))

	t.Run("buildings.parquet", func(t *testing.T) {
		n, geoms, cols := readGeoParquet(t, filepath.Join(dir, "buildings.parquet"))
		if n != used {
			t.Errorf("%d rows, want one per pand used (%d)", n, used)
		}
		for _, c := range []string{"id", "era", "label", "best_option", "connected", "warmtenet_mt_national_eur_yr",
			"warmtenet_mt_national_eur_yr_min", "warmtenet_mt_national_eur_yr_max", "warmtenet_mt_enduser_eur_yr_min",
			"warmtenet_mt_enduser_eur_yr_max", "warmtenet_mt_score", "warmtenet_mt_reason"} {
			if !hasColumn(cols, c) {
				t.Errorf("no column %q in %v", c, cols)
			}
		}
		if got, want := countTrue(t, filepath.Join(dir, "buildings.parquet"), "connected"), int(num(t, s, "network.connected")); got != want {
			t.Errorf("%d rows with connected = true, summary says %d connected", got, want)
		}
		// The nine temperature-suitability flags: a lower supply
		// temperature and less insulation can never suit more buildings.
		ok := map[string]int{}
		for _, st := range []string{"as_is", "after_d", "after_b"} {
			for _, c := range []string{"70c", "50c", "40c"} {
				col := "ok_" + c + "_" + st
				ok[col] = countTrue(t, filepath.Join(dir, "buildings.parquet"), col)
				// On the demo every flag is true for some buildings and
				// false for others (1896/923/629 of 3447 as is).
				if ok[col] == 0 || ok[col] == n {
					t.Errorf("%s: %d of %d true, want some true and some false on the demo", col, ok[col], n)
				}
			}
		}
		for _, pair := range [][2]string{
			{"ok_50c_as_is", "ok_70c_as_is"}, {"ok_40c_as_is", "ok_50c_as_is"},
			{"ok_50c_after_d", "ok_70c_after_d"}, {"ok_40c_after_d", "ok_50c_after_d"},
			{"ok_50c_after_b", "ok_70c_after_b"}, {"ok_40c_after_b", "ok_50c_after_b"},
			{"ok_70c_as_is", "ok_70c_after_d"}, {"ok_70c_after_d", "ok_70c_after_b"},
			{"ok_50c_as_is", "ok_50c_after_d"}, {"ok_50c_after_d", "ok_50c_after_b"},
			{"ok_40c_as_is", "ok_40c_after_d"}, {"ok_40c_after_d", "ok_40c_after_b"},
		} {
			if ok[pair[0]] > ok[pair[1]] {
				t.Errorf("%s true for %d buildings, more than %s (%d)", pair[0], ok[pair[0]], pair[1], ok[pair[1]])
			}
		}
		for i, g := range geoms {
			if _, ok := g.(orb.Polygon); !ok {
				t.Fatalf("row %d: %T, want a polygon", i, g)
			}
			if c := g.Bound().Center(); c[0] < 70000 || c[0] > 100000 || c[1] < 430000 || c[1] > 460000 {
				t.Fatalf("row %d: centre %v is not in Delft in EPSG:28992", i, c)
			}
		}
	})
	t.Run("network.parquet", func(t *testing.T) {
		n, geoms, cols := readGeoParquet(t, filepath.Join(dir, "network.parquet"))
		if n == 0 {
			t.Fatal("no segments")
		}
		for _, c := range []string{"dn", "length_m", "peak_kw", "cost_eur", "kind", "buildings", "heat_loss_gj_per_year", "building_id"} {
			if !hasColumn(cols, c) {
				t.Errorf("no column %q in %v", c, cols)
			}
		}
		for i, g := range geoms {
			if _, ok := g.(orb.LineString); !ok {
				t.Fatalf("row %d: %T, want a line", i, g)
			}
		}
	})
	for _, name := range []string{"network.geojson", "buildings.geojson"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			fc, err := geojson.UnmarshalFeatureCollection(raw)
			if err != nil {
				t.Fatalf("orb: %v", err)
			}
			if len(fc.Features) == 0 {
				t.Fatal("no features")
			}
			if name == "buildings.geojson" {
				if len(fc.Features) != used {
					t.Errorf("%d features, want %d", len(fc.Features), used)
				}
				// Feasible options carry a cost band and a score, infeasible
				// ones null numbers and a reason.
				var feasible, infeasible int
				trues := map[string]int{}
				for _, f := range fc.Features {
					for _, st := range []string{"as_is", "after_d", "after_b"} {
						for _, c := range []string{"70c", "50c", "40c"} {
							col := "ok_" + c + "_" + st
							v, isBool := f.Properties[col].(bool)
							if !isBool {
								t.Fatalf("feature %v: %s is %v, want a boolean", f.Properties["id"], col, f.Properties[col])
							}
							if v {
								trues[col]++
							}
						}
					}
				}
				if len(trues) != 9 {
					t.Errorf("suitability flags true somewhere: %v, want all nine (as in buildings.parquet)", trues)
				}
				for i, f := range fc.Features {
					for _, o := range []string{"all_electric", "warmtenet_mt", "aquathermie"} {
						ok, _ := f.Properties[o+"_feasible"].(bool)
						lo, hi, v := f.Properties[o+"_national_eur_yr_min"], f.Properties[o+"_national_eur_yr_max"], f.Properties[o+"_national_eur_yr"]
						if !ok {
							infeasible++
							if v != nil || lo != nil || hi != nil || f.Properties[o+"_score"] != nil || f.Properties[o+"_reason"] == "" {
								t.Fatalf("feature %d: infeasible %s has numbers %v %v %v or no reason", i, o, v, lo, hi)
							}
							continue
						}
						feasible++
						if lo.(float64) > v.(float64)+1e-9 || v.(float64) > hi.(float64)+1e-9 {
							t.Fatalf("feature %d: %s band %v <= %v <= %v broken", i, o, lo, v, hi)
						}
						if sc := f.Properties.MustFloat64(o + "_score"); sc < 0 || sc > 100 {
							t.Fatalf("feature %d: %s score %v", i, o, sc)
						}
					}
				}
				if feasible == 0 || infeasible == 0 {
					t.Errorf("%d feasible and %d infeasible options: the demo should have both", feasible, infeasible)
				}
			}
			if name == "network.geojson" {
				// The segments add up to the network totals of the summary.
				sum := map[string]float64{}
				for i, f := range fc.Features {
					kind, _ := f.Properties["kind"].(string)
					switch kind {
					case "distribution", "source":
						sum["trench_m"] += f.Properties.MustFloat64("length_m")
					case "service":
						sum["service_m"] += f.Properties.MustFloat64("length_m")
						if id, _ := f.Properties["building_id"].(string); id == "" {
							t.Errorf("service segment %d names no building", i)
						}
					default:
						t.Errorf("segment %d: kind %q", i, kind)
					}
					if f.Properties.MustFloat64("buildings") < 1 {
						t.Errorf("segment %d serves %v buildings", i, f.Properties["buildings"])
					}
					sum["cost"] += f.Properties.MustFloat64("cost_eur")
					sum["heat_loss"] += f.Properties.MustFloat64("heat_loss_gj_per_year")
				}
				for k, want := range map[string]float64{"trench_m": num(t, s, "network.trench_m"),
					"service_m": num(t, s, "network.service_m"), "cost": num(t, s, "network.cost_eur"),
					"heat_loss": num(t, s, "network.heat_loss_gj_min")} {
					if d := sum[k] - want; d > 1e-6*want || d < -1e-6*want {
						t.Errorf("segments: %s sums to %v, summary %v", k, sum[k], want)
					}
				}
			}
			checkRFC7946(t, raw, fc)
		})
	}
	t.Run("startanalyse.csv", func(t *testing.T) {
		f, err := os.Open(filepath.Join(dir, "startanalyse.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		sts := get(t, s, "strategies").([]any)
		if got, want := len(rows[0]), 3+len(sts)+3; got != want {
			t.Errorf("%d columns, want %d", got, want)
		}
		codes := map[string]bool{}
		for _, r := range rows[1:] {
			codes[r[0]] = true
		}
		for _, c := range []string{"V01_Strategievariant", "H16_Nat_meerkost", "H17_Nat_meerkost_CO2", "H18_Nat_meerkost_WEQ"} {
			if !codes[c] {
				t.Errorf("no row %s", c)
			}
		}
	})
	t.Run("report.html", func(t *testing.T) {
		raw, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		checkHTML(t, raw)
		refs, err := htmlcheck.ExternalRefs(raw)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			t.Errorf("report.html refers to an external resource: %s", r)
		}
		for _, want := range []string{"EPSG:28992", "<svg", "OpenStreetMap", "Nationale kosten"} {
			if !bytes.Contains(raw, []byte(want)) {
				t.Errorf("report.html lacks %q", want)
			}
		}
	})
}

// checkHTML fails the test unless doc parses as HTML and closes every
// element it opens, in order.
func checkHTML(t *testing.T, doc []byte) {
	t.Helper()
	if err := htmlcheck.Balanced(doc); err != nil {
		t.Fatalf("report.html: %v", err)
	}
}

// TestScanBadInput: bad input ends in one line naming the file, exit 1;
// bad usage exits 2.
func TestScanBadInput(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	corrupt := filepath.Join(tmp, "corrupt.gpkg")
	os.WriteFile(corrupt, []byte("SQLite format 3\x00 but then nothing useful at all"), 0o644)
	notGPKG := filepath.Join(tmp, "panden.gpkg")
	os.WriteFile(notGPKG, []byte("hello"), 0o644)
	badJSON := filepath.Join(tmp, "panden.geojson")
	os.WriteFile(badJSON, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"identificatie":"1"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[3`), 0o644)
	badPBF := filepath.Join(tmp, "wijk.osm.pbf")
	os.WriteFile(badPBF, bytes.Repeat([]byte{0, 0, 0, 13, 10, 9}, 50), 0o644)
	badScen := filepath.Join(tmp, "scen.csv")
	os.WriteFile(badScen, []byte("scenario,name,value,unit\nduur,no.such.param,1,EUR\n"), 0o644)
	badSources := filepath.Join(tmp, "bronnen.csv")
	os.WriteFile(badSources, []byte("name,kind,x,y\nbron,kerncentrale,85000,445000\n"), 0o644)
	swapped := filepath.Join(tmp, "latlon.geojson")
	os.WriteFile(swapped, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"identificatie":"0503100000012345"},"geometry":{"type":"Polygon","coordinates":[[[52.0,4.36],[52.0,4.3601],[52.0001,4.3601],[52.0,4.36]]]}}]}`), 0o644)
	nanSources := filepath.Join(tmp, "nan.csv")
	os.WriteFile(nanSources, []byte("name,kind,x,y\nbron,restwarmte,NaN,445000\n"), 0o644)
	lineAreas := filepath.Join(tmp, "buurten.geojson")
	os.WriteFile(lineAreas, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[`+
		`{"type":"Feature","properties":{"buurtcode":"BU05030000"},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85100,445000]]}},`+
		`{"type":"Feature","properties":{"buurtcode":"BU05030001"},"geometry":{"type":"LineString","coordinates":[[85000,445100],[85100,445100]]}}]}`), 0o644)
	noPanden := filepath.Join(tmp, "geen-panden.geojson")
	os.WriteFile(noPanden, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[`+
		`{"type":"Feature","properties":{"identificatie":"0503100000012345"},"geometry":{"type":"LineString","coordinates":[[85000,445000],[85100,445000]]}},`+
		`{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[85000,445000],[85010,445000],[85010,445010],[85000,445000]]]}}]}`), 0o644)
	out := filepath.Join(tmp, "out")
	missing := filepath.Join(tmp, "missing.gpkg")
	delftBuildings := filepath.Join("..", "..", "testdata", "delft-wippolder", "buildings_rd_approx.geojson")
	for _, c := range []struct {
		name   string
		args   []string
		status int
		want   string // in the one line on stderr
	}{
		{"missing file", []string{"--buildings", missing}, 1, missing},
		{"corrupt gpkg", []string{"--buildings", corrupt}, 1, corrupt},
		{"not a gpkg", []string{"--buildings", notGPKG}, 1, notGPKG},
		{"truncated geojson", []string{"--buildings", badJSON}, 1, badJSON},
		{"corrupt pbf", []string{"--buildings", badPBF}, 1, badPBF},
		{"unknown extension", []string{"--buildings", filepath.Join(tmp, "x.shp")}, 1, "x.shp"},
		{"bad scenario", []string{"--scenario", badScen}, 1, badScen + ":2"},
		{"bad source kind", []string{"--buildings", delftBuildings, "--sources", badSources}, 1,
			badSources + `: line 2: feature 0 (id bron): scan: unknown heat source kind "kerncentrale" (want restwarmte, geothermie, teo, twa, wko or lt_restwarmte)`},
		{"areas without a polygon", []string{"--buildings", delftBuildings, "--areas", lineAreas}, 1,
			lineAreas + ": no polygon areas (2 read; skipped: not_a_polygon 2)"},
		{"water without a polygon", []string{"--buildings", delftBuildings, "--water", lineAreas}, 1,
			lineAreas + ": no polygon water areas (2 read; skipped: not_a_polygon 2)"},
		{"no usable buildings", []string{"--buildings", noPanden}, 1,
			noPanden + ": no usable buildings (2 read; skipped: no_bag_id 1, not_a_polygon 1)"},
		{"swapped lon/lat", []string{"--buildings", swapped}, 1, swapped + ": feature 0 (id 0503100000012345): geodata: coordinates outside the Netherlands: longitude 52, latitude 4.36 looks like latitude,longitude (swapped axes)"},
		{"NaN source", []string{"--buildings", delftBuildings, "--sources", nanSources}, 1, "bad coordinate"},
		{"unknown flag", []string{"--nonsense"}, 2, "nonsense"},
		{"empty out", []string{"--out", ""}, 2, "--out"},
		{"argument", []string{"extra.gpkg"}, 2, "extra.gpkg"},
		{"bad year", []string{"--year", "1900"}, 2, "1900"},
		{"year past the price paths", []string{"--year", "2051"}, 2, "2051"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"scan", "--quiet"}, c.args...)
			if c.name != "empty out" {
				args = append(args, "--out", out)
			}
			var stdout, stderr bytes.Buffer
			status := run(args, &stdout, &stderr)
			if status != c.status {
				t.Fatalf("exit %d, want %d; stderr:\n%s", status, c.status, stderr.String())
			}
			msg := stderr.String()
			if c.status == 1 {
				if strings.Count(strings.TrimRight(msg, "\n"), "\n") != 0 {
					t.Errorf("error is not one line:\n%s", msg)
				}
				if strings.Contains(msg, "goroutine") || strings.Contains(msg, "panic") {
					t.Errorf("stack trace or panic reached the user:\n%s", msg)
				}
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("stderr %q does not name %q", msg, c.want)
			}
			if c.status == 1 {
				// A failed scan leaves no output (not even a 0-byte
				// summary.json) and no temporary file.
				if es, _ := os.ReadDir(out); len(es) > 0 {
					t.Errorf("files left in %s after a failure: %v", out, es)
				}
			}
		})
	}
}

// TestScanHelp: -h prints the flags and examples and exits 0.
func TestScanHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if status := run([]string{"scan", "-h"}, &stdout, &stderr); status != 0 {
		t.Fatalf("exit %d", status)
	}
	for _, want := range []string{"Examples:", "--out", "-buildings", "-scenario", "Exit status"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// TestScanRouteWork: --route-work is accepted and reaches a real scan (a
// small street with four houses); a negative bound is a usage error.
func TestScanRouteWork(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	var feats []string
	for i := range 4 {
		x := 85000.0 + 6*float64(i)
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","properties":{"identificatie":"05031000000%05d","bouwjaar":1965},"geometry":{"type":"Polygon","coordinates":[[[%g,445010],[%g,445010],[%g,445020],[%g,445020],[%g,445010]]]}}`,
			i+1, x, x+6, x+6, x, x))
	}
	crs := `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}`
	buildings := filepath.Join(tmp, "panden.geojson")
	os.WriteFile(buildings, []byte(`{"type":"FeatureCollection",`+crs+`,"features":[`+strings.Join(feats, ",")+`]}`), 0o644)
	streets := filepath.Join(tmp, "straten.geojson")
	os.WriteFile(streets, []byte(`{"type":"FeatureCollection",`+crs+`,"features":[{"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[84980,445000],[85050,445000]]}}]}`), 0o644)
	for _, c := range []struct {
		work   string
		status int
		want   string // on stderr
	}{
		{"1000", 0, ""},
		{"0", 0, ""},
		{"-1", 2, "--route-work must not be negative"},
		{"many", 2, "route-work"},
	} {
		t.Run(c.work, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(tmp, "out"+c.work)
			var stdout, stderr bytes.Buffer
			status := run([]string{"scan", "--quiet", "--buildings", buildings, "--streets", streets, "--route-work", c.work, "--out", out}, &stdout, &stderr)
			if status != c.status {
				t.Fatalf("exit %d, want %d; stderr:\n%s", status, c.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), c.want)
			}
			if c.status == 0 {
				s := readSummary(t, out)
				if used := num(t, s, "input.buildings_used"); used != 4 {
					t.Errorf("%v buildings used, want the 4 given", used)
				}
				if r := num(t, s, "input.streets_read"); r != 1 {
					t.Errorf("%v streets read, want 1", r)
				}
			}
		})
	}
}

// checkRFC7946 checks a GeoJSON output against RFC 7946 as browser map
// libraries need it: no crs member, WGS84 lon/lat inside the Netherlands,
// exterior rings counter-clockwise and holes clockwise, at most 7
// decimals, and an id on every feature.
func checkRFC7946(t *testing.T, raw []byte, fc *geojson.FeatureCollection) {
	t.Helper()
	if bytes.Contains(raw[:min(len(raw), 400)], []byte(`"crs"`)) {
		t.Error("an RFC 7946 file has a crs member")
	}
	bad, orient, long := 0, 0, 0
	inNL := func(p orb.Point) {
		if p[0] < 3.2 || p[0] > 7.3 || p[1] < 50.7 || p[1] > 53.6 {
			bad++
		}
		for _, v := range p {
			if s := strconv.FormatFloat(v, 'f', -1, 64); strings.Contains(s, ".") && len(s)-strings.Index(s, ".")-1 > 7 {
				long++
			}
		}
	}
	for i, f := range fc.Features {
		if f.ID == nil || f.ID == "" {
			t.Fatalf("feature %d has no id", i)
		}
		var polys []orb.Polygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			polys = append(polys, g)
		case orb.MultiPolygon:
			polys = append(polys, g...)
		case orb.LineString:
			for _, p := range g {
				inNL(p)
			}
		}
		for _, p := range polys {
			for k, r := range p {
				for _, pt := range r {
					inNL(pt)
				}
				if (k == 0) != (r.Orientation() == orb.CCW) {
					orient++
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d coordinates outside the Netherlands in lon/lat", bad)
	}
	if long > 0 {
		t.Errorf("%d coordinates with more than 7 decimals", long)
	}
	if orient > 0 {
		t.Errorf("%d rings against RFC 7946's orientation", orient)
	}
}

// TestSteinerCertificate: the demo's summary.json certifies its network
// (network.steiner_lower_bound <= steiner_weight, steiner_gap_pct their
// gap, under the 1 % aimed for) and the report says so in Dutch.
func TestSteinerCertificate(t *testing.T) {
	dir := scanDemo(t)
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Network struct {
			Weight *float64 `json:"steiner_weight"`
			LB     *float64 `json:"steiner_lower_bound"`
			Gap    *float64 `json:"steiner_gap_pct"`
		} `json:"network"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	n := s.Network
	if n.Weight == nil || n.LB == nil || n.Gap == nil {
		t.Fatalf("no certificate in summary.json: %+v", n)
	}
	if *n.LB <= 0 || *n.LB > *n.Weight {
		t.Errorf("lower bound %.0f, tree %.0f", *n.LB, *n.Weight)
	}
	if want := 100 * (*n.Weight / *n.LB - 1); math.Abs(*n.Gap-want) > 1e-9 || *n.Gap >= 1 {
		t.Errorf("gap %.4f %%, weight/bound gives %.4f %% (want under 1 %%)", *n.Gap, want)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte("Dit tracé ligt aantoonbaar binnen")) {
		t.Error("report.html does not state the certified gap")
	}
}
