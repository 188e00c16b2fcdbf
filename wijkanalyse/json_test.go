package wijkanalyse

import (
	"context"
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"
)

func TestSnakeCase(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"ID", "id"},
		{"BuildingID", "building_id"},
		{"FootprintM2", "footprint_m2"},
		{"NationalCostEURPerYear", "national_cost_eur_per_year"},
		{"CO2AvoidedTPerYear", "co2_avoided_t_per_year"},
		{"UtilityM2ByType", "utility_m2_by_type"},
		{"GJPerMTrench", "gj_per_m_trench"},
		{"HeatDensityGJPerHa", "heat_density_gj_per_ha"},
		{"C70", "c70"},
		{"AfterB", "after_b"},
		{"DN", "dn"},
		{"PeakKW", "peak_kw"},
		{"MeanGasM3PerDwelling", "mean_gas_m3_per_dwelling"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := SnakeCase(c.in); got != c.want {
				t.Errorf("SnakeCase(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestResultJSON: json.Marshal of a whole scan of the Delft extract works
// (it failed on NaN before), NaN figures come out null, every key taken
// from a field name is snake_case, and two marshals give the same bytes.
func TestResultJSON(t *testing.T) {
	res, err := Scan(context.Background(), loadDelft(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("json.Marshal(Result): %v", err)
	}
	again, _ := json.Marshal(res)
	if string(raw) != string(again) {
		t.Error("two marshals of one Result differ")
	}
	var tree map[string]any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatalf("Result JSON does not parse: %v", err)
	}
	for _, k := range []string{"crs", "year", "input", "buildings", "stock", "network", "strategies", "best_strategy", "areas", "dropped", "notes"} {
		if _, ok := tree[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	// a struct key: snake_case; map keys (woningtypes, eras) are data.
	key := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	var walk func(path string, v any, data bool)
	walk = func(path string, v any, data bool) {
		switch v := v.(type) {
		case map[string]any:
			// the stock's and input's maps hold data keys
			dataMap := strings.HasSuffix(path, ".skipped") || strings.HasSuffix(path, ".repaired") ||
				strings.Contains(path, ".by_") || strings.Contains(path, "_by_") || strings.HasSuffix(path, "_skipped")
			for k, e := range v {
				if !dataMap && !key.MatchString(k) {
					t.Errorf("%s: key %q is not snake_case", path, k)
				}
				walk(path+"."+k, e, dataMap)
			}
		case []any:
			for _, e := range v {
				walk(path+"[]", e, data)
			}
		}
	}
	walk("result", tree, false)

	// an infeasible option's figures are null
	found := false
	for i, b := range res.Buildings {
		for k, o := range b.Options {
			if o.Feasible || !math.IsNaN(o.National.Value) {
				continue
			}
			bs := tree["buildings"].([]any)[i].(map[string]any)
			opt := bs["options"].([]any)[k].(map[string]any)
			if nat := opt["national"].(map[string]any); nat["value"] != nil {
				t.Errorf("building %s option %s: national value %v, want null", b.ID, o.Kind, nat["value"])
			}
			if parts := opt["national_parts"].(map[string]any); parts["insulation"] == nil {
				t.Errorf("building %s option %s: national_parts has no insulation part", b.ID, o.Kind)
			}
			found = true
			break
		}
		if found {
			break
		}
	}
	if !found {
		t.Error("no infeasible option in the Delft scan to check")
	}
	b0 := tree["buildings"].([]any)[0].(map[string]any)
	if id, _ := b0["id"].(string); id != res.Buildings[0].ID {
		t.Errorf("buildings[0].id = %v, want %s", b0["id"], res.Buildings[0].ID)
	}
	if era, _ := b0["era"].(string); era != res.Buildings[0].Era.String() {
		t.Errorf("buildings[0].era = %v, want %s", b0["era"], res.Buildings[0].Era)
	}
}
