package scan

import (
	"math"
	"reflect"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// optionPrefix is the Go field prefix of each option's columns in
// buildingRow.
var optionPrefix = map[wijkanalyse.OptionKind]string{
	wijkanalyse.OptionGasBoiler:         "GasBoiler",
	wijkanalyse.OptionAllElectric:       "AllElectric",
	wijkanalyse.OptionWarmtenetMT:       "WarmtenetMt",
	wijkanalyse.OptionWarmtenetLT:       "WarmtenetLt",
	wijkanalyse.OptionAquathermie:       "Aquathermie",
	wijkanalyse.OptionGeothermie:        "Geothermie",
	wijkanalyse.OptionAllElectricGround: "AllElectricGround",
	wijkanalyse.OptionGroenGasHybrid:    "GroengasHybrid",
	wijkanalyse.OptionGroenGasBoiler:    "GroengasBoiler",
	wijkanalyse.OptionWaterstofHybrid:   "WaterstofHybrid",
	wijkanalyse.OptionWaterstofBoiler:   "WaterstofBoiler",
	wijkanalyse.OptionWarmtenetLTBron:   "WarmtenetLtBron",
}

// TestOptionColumns: buildingRow.option points, for every option kind,
// at the fields <prefix>Feasible, Reason, Score, National(Min, Max),
// EndUser(Min, Max) and CO2 of the option's prefix; and setOption writes
// an option's numbers there, a NaN as null, an infeasible option's
// numbers all null.
func TestOptionColumns(t *testing.T) {
	t.Parallel()
	suffixes := []string{"Score", "National", "NationalMin", "NationalMax", "EndUser", "EndUserMin", "EndUserMax", "CO2"}
	if len(optionPrefix) != len(wijkanalyse.OptionKinds) {
		t.Fatalf("%d option prefixes, %d option kinds", len(optionPrefix), len(wijkanalyse.OptionKinds))
	}
	var r buildingRow
	v := reflect.ValueOf(&r).Elem()
	for _, k := range wijkanalyse.OptionKinds {
		p, ok := optionPrefix[k]
		c, ok2 := r.option(k)
		if !ok || !ok2 {
			t.Fatalf("option %s: prefix %v, columns %v", k, ok, ok2)
		}
		if c.feasible != v.FieldByName(p+"Feasible").Addr().Interface() || c.reason != v.FieldByName(p+"Reason").Addr().Interface() {
			t.Errorf("option %s: feasible or reason is not %sFeasible, %sReason", k, p, p)
		}
		for i, s := range suffixes {
			if c.nums[i] != v.FieldByName(p+s).Addr().Interface() {
				t.Errorf("option %s: number %d is not %s%s", k, i, p, s)
			}
		}
	}
	if _, ok := r.option("no such option"); ok {
		t.Error("an unknown option has columns")
	}
	o := wijkanalyse.Option{Kind: wijkanalyse.OptionGasBoiler, Feasible: true, Score: 80}
	o.CO2.Value = math.NaN()
	o.National.Value, o.National.Min, o.National.Max = 1000, 900, 1100
	nums := setOption(&r, &o, make([]float64, 0, rowNums))
	if r.GasBoilerScore == nil || *r.GasBoilerScore != 80 || *r.GasBoilerNationalMax != 1100 || r.GasBoilerCO2 != nil || len(nums) != 7 || !r.GasBoilerFeasible {
		t.Errorf("gas boiler: score %v, national max %v, co2 %v, %d numbers", r.GasBoilerScore, r.GasBoilerNationalMax, r.GasBoilerCO2, len(nums))
	}
	o = wijkanalyse.Option{Kind: wijkanalyse.OptionAquathermie, Reason: "geen oppervlaktewater", Score: 10}
	if nums := setOption(&r, &o, nums); len(nums) != 7 || r.AquathermieScore != nil || r.AquathermieReason != o.Reason {
		t.Errorf("infeasible aquathermie: score %v, reason %q", r.AquathermieScore, r.AquathermieReason)
	}
}
