package kader

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// demoResult scans the embedded Delft demo once (as `wijkwarmte scan`
// reads it: buildings, addresses, streets and water from the OSM extract).
var demoResult = sync.OnceValues(func() (*wijkanalyse.Result, error) {
	ex, err := geodata.ReadOSMPBF(context.Background(), bytes.NewReader(demo.PBF()), "demo.osm.pbf")
	if err != nil {
		return nil, err
	}
	panden, _ := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	res, err := wijkanalyse.Scan(context.Background(), wijkanalyse.Input{Panden: panden, Addresses: ex.Addresses, Streets: ex.Streets, Water: ex.Water}, wijkanalyse.Options{})
	return &res, err
})

func assess(t *testing.T, kaderText string, c Context) (*Assessment, *wijkanalyse.Result) {
	t.Helper()
	res, err := demoResult()
	if err != nil {
		t.Fatal(err)
	}
	k, err := Parse(strings.NewReader(kaderText), "test.csv")
	if err != nil {
		t.Fatal(err)
	}
	a, err := k.Assess(res, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(a); err != nil {
		t.Fatalf("assessment does not marshal: %v", err)
	}
	return a, res
}

// argBest returns the feasible non-reference strategy with the lowest (or,
// with high, highest) value of f, straight from the result's figures; on
// a tie the one with the lower national cost (the documented rule).
func argBest(res *wijkanalyse.Result, skip map[string]bool, high bool, f func(*wijkanalyse.Strategy) float64) string {
	best, bv, bn := "", math.NaN(), math.NaN()
	for i := 1; i < len(res.Strategies); i++ {
		st := &res.Strategies[i]
		if !st.Feasible || skip[st.Name] {
			continue
		}
		v := f(st)
		tie := v == bv && st.NationalCostEURPerYear.Value < bn
		if best == "" || (high && v > bv) || (!high && v < bv) || tie {
			best, bv, bn = st.Name, v, st.NationalCostEURPerYear.Value
		}
	}
	return best
}

func (a *Assessment) strategy(name string) *StrategyAssessment {
	for i := range a.Strategies {
		if a.Strategies[i].Name == name {
			return &a.Strategies[i]
		}
	}
	return nil
}

func TestStrategyOptionAddsUpToStrategy(t *testing.T) {
	res, err := demoResult()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range res.Strategies {
		if !st.Feasible {
			continue
		}
		var sum float64
		for i := range res.Buildings {
			if o := res.Buildings[i].StrategyOption(st.Name); o != nil {
				sum += o.National.Value
			}
		}
		if d := math.Abs(sum - st.NationalCostEURPerYear.Value); d > 1e-6*math.Abs(sum) {
			t.Errorf("%s: the buildings' options sum to %.2f EUR/yr, the strategy says %.2f", st.Name, sum, st.NationalCostEURPerYear.Value)
		}
	}
}

func TestExcludeChangesPreferred(t *testing.T) {
	res, _ := demoResult()
	first := argBest(res, nil, false, func(s *wijkanalyse.Strategy) float64 { return s.EURPerTCO2.Value })
	a, _ := assess(t, "criterion,national_cost_per_t_co2,1\n", Context{})
	if a.Preferred != first {
		t.Fatalf("preferred %q, the lowest EUR/t CO2 is %q", a.Preferred, first)
	}
	if s := a.strategy(first); s.Total == nil || *s.Total != 100 || s.Rank != 1 {
		t.Errorf("the best strategy scores %v, rank %d; want 100, rank 1", s.Total, s.Rank)
	}
	second := argBest(res, map[string]bool{first: true}, false, func(s *wijkanalyse.Strategy) float64 { return s.EURPerTCO2.Value })
	b, _ := assess(t, "criterion,national_cost_per_t_co2,1\nexclude,"+first+",raadsbesluit\n", Context{})
	if b.Preferred == first || b.Preferred != second {
		t.Fatalf("with %s excluded the preferred is %q, want %q", first, b.Preferred, second)
	}
	s := b.strategy(first)
	if !s.Excluded || s.Total != nil || !strings.Contains(s.Sentence, "uitgesloten: raadsbesluit") {
		t.Errorf("excluded strategy: %+v", s)
	}
	if b.NationalBest != res.BestStrategy {
		t.Errorf("national best %q, the scan's %q", b.NationalBest, res.BestStrategy)
	}
}

func TestNonePasses(t *testing.T) {
	// No strategy avoids more than twice the CO2 that gas emits.
	a, _ := assess(t, "criterion,co2_avoided_pct,1,200\ncriterion,national_cost_per_weq,1\n", Context{})
	if a.Preferred != "" {
		t.Fatalf("preferred %q with an impossible limit", a.Preferred)
	}
	if !strings.Contains(a.Explanation, "Geen strategie haalt alle grenzen") || !strings.Contains(a.Explanation, "vermeden CO2-uitstoot") {
		t.Errorf("explanation %q", a.Explanation)
	}
	inPlay := 0
	for _, s := range a.Strategies {
		if s.Feasible {
			inPlay++
			if s.PassesLimits || len(s.Failed) != 1 || s.Failed[0] != "co2_avoided_pct" {
				t.Errorf("%s: passes %v, failed %v", s.Name, s.PassesLimits, s.Failed)
			}
			if !strings.Contains(s.Sentence, "voldoet aan alle criteria behalve: vermeden CO2-uitstoot") || !strings.Contains(s.Sentence, "(grens 200 % van aardgas)") {
				t.Errorf("%s: sentence %q", s.Name, s.Sentence)
			}
		}
	}
	if len(a.Blocked) != inPlay || inPlay == 0 {
		t.Errorf("blocked %d strategies, %d in play", len(a.Blocked), inPlay)
	}
}

func TestWeightsMoveRanking(t *testing.T) {
	res, _ := demoResult()
	cheapForResidents := argBest(res, nil, false, func(s *wijkanalyse.Strategy) float64 { return s.EnduserCostEURPerYearPerDwelling.Value })
	mostCO2 := argBest(res, nil, true, func(s *wijkanalyse.Strategy) float64 { return s.CO2AvoidedTPerYear.Value })
	if cheapForResidents == mostCO2 {
		t.Skipf("on this input one strategy is best on both (%s)", mostCO2)
	}
	// All weight on residents' costs, then all on CO2: the documented
	// rule gives the best on that criterion.
	c, _ := assess(t, "criterion,enduser_vs_gas_pct,1\ncriterion,co2_avoided_pct,0\n", Context{})
	d, _ := assess(t, "criterion,enduser_vs_gas_pct,0\ncriterion,co2_avoided_pct,1\n", Context{})
	if c.Preferred != cheapForResidents || d.Preferred != mostCO2 {
		t.Errorf("the weights 1:0 and 0:1 prefer %s and %s, want %s and %s", c.Preferred, d.Preferred, cheapForResidents, mostCO2)
	}
	a, _ := assess(t, "criterion,enduser_vs_gas_pct,3\ncriterion,co2_avoided_pct,1\n", Context{})
	// Totals are the weighted mean of the scores.
	for _, s := range a.Strategies {
		if s.Total == nil {
			continue
		}
		want := (3**s.Values[0].Score + 1**s.Values[1].Score) / 4
		if math.Abs(*s.Total-want) > 0.006 {
			t.Errorf("%s: total %.2f, weighted mean of scores %.2f", s.Name, *s.Total, want)
		}
		for _, v := range s.Values {
			if *v.Score < 0 || *v.Score > 100 {
				t.Errorf("%s: score %v outside 0-100", s.Name, *v.Score)
			}
		}
	}
}

func TestRequireAndNotApplicable(t *testing.T) {
	a, _ := assess(t, "criterion,national_cost_per_t_co2,1\ncriterion,win_share_pct,1\ncriterion,affordability_pct,1,10\nrequire,all_electric\n", Context{})
	if a.Preferred != "all_electric" {
		t.Errorf("with all_electric required the preferred is %q", a.Preferred)
	}
	s := a.strategy("all_electric")
	if s.Values[1].Value != nil || !strings.Contains(s.Values[1].NotApplicable, "--draws") {
		t.Errorf("win share without draws: %+v", s.Values[1])
	}
	if s.Values[2].Value != nil || s.Values[2].Pass != nil || !strings.Contains(s.Values[2].NotApplicable, "inkomen") {
		t.Errorf("affordability without income: %+v", s.Values[2])
	}
	if len(a.Notes) != 2 {
		t.Errorf("notes %q, want one per criterion without a value", a.Notes)
	}
	if w := a.strategy("warmtenet_mt"); !strings.Contains(w.Sentence, "vereist een andere richting") {
		t.Errorf("not required: %q", w.Sentence)
	}
}

func TestAffordabilityWithIncome(t *testing.T) {
	res, _ := demoResult()
	income := make([]float64, len(res.Buildings))
	for i := range income {
		income[i] = 30 // 30,000 EUR: a 10 % limit of 3,000 EUR/yr
	}
	a, _ := assess(t, "criterion,affordability_pct,1\n", Context{IncomeKEUR: income})
	low := make([]float64, len(res.Buildings))
	for i := range low {
		low[i] = 5 // 5,000 EUR: nearly every home above 500 EUR/yr
	}
	b, _ := assess(t, "criterion,affordability_pct,1\n", Context{IncomeKEUR: low})
	for i := range a.Strategies {
		va, vb := a.Strategies[i].Values[0].Value, b.Strategies[i].Values[0].Value
		if !a.Strategies[i].Feasible {
			continue
		}
		if va == nil || vb == nil || *va > *vb || *vb < 90 || *va < 0 || *vb > 100 {
			t.Errorf("%s: share above the limit %v (30k) and %v (5k)", a.Strategies[i].Name, va, vb)
		}
	}
}

func TestSpaceAndSource(t *testing.T) {
	a, res := assess(t, "criterion,space_m2,1\ncriterion,assumed_source_pct,1\ncriterion,insulation_to_b_pct,1\ncriterion,trench_m_per_dwelling,1\n", Context{})
	ae, gg, mt := a.strategy("all_electric_ground"), a.strategy("groengas_boiler"), a.strategy("warmtenet_mt")
	air := a.strategy("all_electric")
	if *gg.Values[0].Value != 0 || *ae.Values[0].Value != 0 {
		t.Errorf("a boiler or ground heat pump takes no space outside: %v, %v", *gg.Values[0].Value, *ae.Values[0].Value)
	}
	if v := *air.Values[0].Value; v < float64(res.Stock.Dwellings)*0.6 {
		t.Errorf("all-electric space %.0f m2 for %d dwellings", v, res.Stock.Dwellings)
	}
	if *mt.Values[1].Value <= 0 || *air.Values[1].Value != 0 {
		t.Errorf("assumed source: warmtenet_mt %v, all_electric %v", *mt.Values[1].Value, *air.Values[1].Value)
	}
	if *air.Values[2].Value <= 0 || *gg.Values[2].Value != 0 {
		t.Errorf("insulation to B: all_electric %v, groengas_boiler %v", *air.Values[2].Value, *gg.Values[2].Value)
	}
	if *mt.Values[3].Value <= 0 || *air.Values[3].Value != 0 {
		t.Errorf("trench per dwelling: warmtenet_mt %v, all_electric %v", *mt.Values[3].Value, *air.Values[3].Value)
	}
}
