package scan

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"testing"

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
