package scan

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// TestInfeasibleNotAvailable: an infeasible strategy's figures (NaN from
// wijkanalyse) are null in summary.json and empty cells in
// startanalyse.csv, never 0 or another strategy's figures.
func TestInfeasibleNotAvailable(t *testing.T) {
	t.Parallel()
	nan := wijkanalyse.Band{Value: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	ok := wijkanalyse.Band{Value: 100, Min: 80, Max: 120}
	sts := strategyList([]wijkanalyse.Strategy{
		{Name: "gas_boiler", Feasible: true, NationalCostEURPerYear: ok, EnduserCostEURPerYearPerDwelling: ok,
			EnduserCostEURPerYearPerDwellingEquivalent: ok, Buildings: 3, Dwellings: 3, DwellingEquivalents: 3},
		{Name: "geothermie", Feasible: false, Reason: "too little demand", NationalCostEURPerYear: nan,
			ExtraNationalCostEURPerYear: nan, EnduserCostEURPerYearPerDwelling: nan, EnduserCostEURPerYearPerDwellingEquivalent: nan,
			CO2AvoidedTPerYear: nan, EURPerTCO2: nan, CostEURPerDwellingEquivalent: nan, Buildings: 3, Dwellings: 3, DwellingEquivalents: 3},
	})
	var b bytes.Buffer
	if err := (&report.Summary{Strategies: sts}).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Strategies []map[string]any `json:"strategies"`
	}
	if err := json.Unmarshal(b.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	geo := s.Strategies[1]
	for _, k := range []string{"national_cost_eur_per_year", "enduser_cost_eur_per_year_per_dwelling", "enduser_cost_eur_per_year_per_weq",
		"co2_avoided_t_per_year", "eur_per_t_co2", "extra_national_cost_eur_per_year"} {
		if v, present := geo[k]; !present || v != nil {
			t.Errorf("infeasible %s = %v (present %v), want null", k, v, present)
		}
	}
	if geo["min"].(map[string]any)["national_cost_eur_per_year"] != nil || geo["breakdown"] != nil {
		t.Errorf("infeasible min %v, breakdown %v: want null, absent", geo["min"], geo["breakdown"])
	}
	if v := s.Strategies[0]["enduser_cost_eur_per_year_per_weq"]; v != 100.0 {
		t.Errorf("feasible per-WEQ end-user cost %v, want 100", v)
	}

	b.Reset()
	if err := report.WriteStartanalyse(&b, []report.AreaStrategies{{Strategies: sts}}); err != nil {
		t.Fatal(err)
	}
	rows, err := func() ([][]string, error) { r := csv.NewReader(&b); r.Comma = ';'; return r.ReadAll() }()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		switch row[0] {
		case "W01_Nat_kosten", "W05_Eindgebr_kosten_woning", "W24_Eindgebr_kosten_WEQ", "H16_Nat_meerkost", "W02_Nat_kosten_min":
			if row[4] != "" || row[3] == "" {
				t.Errorf("%s: gas %q, geothermie %q; want a number and an empty cell", row[0], row[3], row[4])
			}
		case "W10_Haalbaar":
			if row[4] != "nee" {
				t.Errorf("W10 for geothermie %q", row[4])
			}
		}
	}
}

// PBL's scripts take a strategy's number from its name with the pattern
// [1-5]: every label and startanalyse.csv column of a PBL strategy must
// read as its own number, and the reference and the mix as none.
func TestStrategyNamesReadAsPBLNumbers(t *testing.T) {
	first := regexp.MustCompile(`[1-5]`)
	names := append([]string{"mixed"}, func() []string {
		var out []string
		for _, k := range wijkanalyse.OptionKinds {
			out = append(out, string(k))
		}
		return out
	}()...)
	for _, name := range names {
		code := wijkanalyse.OptionKind(name).PBLStrategy()
		want := ""
		if code != "" {
			want = code[1:2]
		}
		col := report.StrategyColumn(report.Strategy{Name: name, PBLStrategy: code})
		for what, s := range map[string]string{"label": strategyLabel(name), "column": col} {
			if got := first.FindString(s); got != want {
				t.Errorf("%s %s %q reads as strategy %q, want %q", name, what, s, got, want)
			}
		}
	}
	if got := first.FindString("S2a Warmtenet MT (aangen. bron)"); got != "2" {
		t.Errorf("assumed-source label reads as %q", got)
	}
}

// I06_Gemeentenaam comes from the areas file's gemeentenaam column.
func TestStartanalyseGemeente(t *testing.T) {
	run := &scanRun{in: wijkanalyse.Input{Areas: []geodata.Area{
		{Code: "BU05030001", Name: "Wippolder", Gemeente: "Delft"},
		{Code: "BU05030002", Name: "Zonder gemeente"},
	}}}
	s := &report.Summary{Areas: []report.AreaResult{{Code: "BU05030001", Name: "Wippolder"}, {Code: "BU05030002", Name: "Zonder gemeente"}}}
	bl := startanalyseBlocks(run, s)
	if len(bl) != 2 || bl[0].Area.Gemeente != "Delft" || bl[1].Area.Gemeente != "" {
		t.Errorf("blocks %+v", bl)
	}
}

// TestNoNetworkNoSource: when the economic expansion drops every building
// (the PDOK sample without streets: 56 terminals, 0 connected) there is no
// feed point, so summary.json names no source and the report's maps keep
// to the panden instead of running to the origin of RD New (they were
// 112 km wide with the 59 panden a dot in a corner).
func TestNoNetworkNoSource(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	out, err := Run(context.Background(), Config{Buildings: sample, Out: dir})
	if err != nil {
		t.Fatal(err)
	}
	n := out.Summary.Network
	if n.Connected != 0 || n.Option == "" {
		t.Fatalf("precondition: option %q with %d connected, want a network option with none connected", n.Option, n.Connected)
	}
	if n.Source != nil {
		t.Errorf("summary source %+v, want none without a network", *n.Source)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	vb := regexp.MustCompile(`<svg class="map" viewBox="0 0 (\d+) (\d+)"`).FindSubmatch(html)
	if vb == nil {
		t.Fatal("no static map in report.html")
	}
	// The panden span 177 x 122 m; the map adds a margin around them.
	if w, _ := strconv.Atoi(string(vb[1])); w > 1000 {
		t.Errorf("static map %s x %s m, want about the panden's extent", vb[1], vb[2])
	}
}

// TestSourcesLineInDutch: the report's sources line names each input by
// its role in Dutch, as the "Invoer en controle" table does ("Bronnen:
// buildings: ...; streets: ..." before).
func TestSourcesLineInDutch(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	streets := filepath.Join("..", "..", "testdata", "delft-wippolder", "streets_in_bbox_rd_approx.geojson")
	if _, err := Run(context.Background(), Config{Buildings: sample, Streets: streets, Out: dir}); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Bronnen: gebouwen (panden): " + sample + "; straten: " + streets + "."; !bytes.Contains(html, []byte(want)) {
		t.Errorf("report.html lacks %q", want)
	}
}

// TestParamUnitsInDutch: the report's parameter table writes the units in
// Dutch ("fractie", "EUR/jaar/asl"), the sources as cited; it showed
// "fraction", "ratio", "EUR/yr/asl".
func TestParamUnitsInDutch(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	if _, err := Run(context.Background(), Config{Buildings: sample, Out: dir}); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<td>fractie</td>", "<td>verhouding</td>", "<td>EUR/jaar/asl</td>", "<td>jaar</td>"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	for _, not := range []string{"<td>fraction</td>", "<td>ratio</td>", "<td>EUR/yr/asl</td>", "<td>yr</td>"} {
		if bytes.Contains(html, []byte(not)) {
			t.Errorf("report.html has %q", not)
		}
	}
}
