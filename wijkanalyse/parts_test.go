package wijkanalyse

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// sameBand reports whether a and b agree in value and both ends to a
// relative 1e-9 (the parts are summed in another order than the total).
func sameBand(a, b Band) bool {
	eq := func(x, y float64) bool {
		return math.Abs(x-y) <= 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
	}
	return eq(a.Value, b.Value) && eq(a.Min, b.Min) && eq(a.Max, b.Max)
}

// checkParts asserts that every cost split adds up to the cost it splits:
// per building and option (national and end-user), and per strategy of
// the scan and of every area (national cost, end-user cost per dwelling).
// Nothing may land in kosten.PartOther: every investment names its part.
func checkParts(t *testing.T, res Result) {
	t.Helper()
	for _, b := range res.Buildings {
		for _, o := range b.Options {
			if !o.Feasible {
				if !notAvailable(o.National) || !notAvailable(o.EndUser) || !notAvailable(o.CO2) || !notAvailable(o.NationalParts[kosten.PartEnergy]) || o.Score != 0 {
					t.Errorf("%s %s infeasible (%s) but carries figures: national %+v, score %.0f", b.ID, o.Kind, o.Reason, o.National, o.Score)
				}
				continue
			}
			if s := o.NationalParts.Sum(); !sameBand(s, o.National) {
				t.Errorf("%s %s: national parts add up to %+v, national %+v", b.ID, o.Kind, s, o.National)
			}
			if s := o.EndUserParts.Sum(); !sameBand(s, o.EndUser) {
				t.Errorf("%s %s: end-user parts add up to %+v, end-user %+v", b.ID, o.Kind, s, o.EndUser)
			}
			if o.NationalParts[kosten.PartOther] != (Band{}) || o.EndUserParts[kosten.PartOther] != (Band{}) {
				t.Errorf("%s %s: cost without a part: %+v", b.ID, o.Kind, o.NationalParts[kosten.PartOther])
			}
		}
	}
	sts := append([]Strategy(nil), res.Strategies...)
	for _, a := range res.Areas {
		sts = append(sts, a.Strategies...)
	}
	for _, st := range sts {
		if !st.Feasible {
			if !notAvailable(st.NationalCostEURPerYear) || !notAvailable(st.EnduserCostEURPerYearPerDwelling) || !notAvailable(st.CO2AvoidedTPerYear) {
				t.Errorf("strategy %s infeasible (%s) but carries figures: national %+v", st.Name, st.Reason, st.NationalCostEURPerYear)
			}
			continue
		}
		if s := st.EnduserCostPartsPerDwellingEquivalent.Sum(); !sameBand(s, st.EnduserCostEURPerYearPerDwellingEquivalent) {
			t.Errorf("strategy %s: end-user parts per WEQ add up to %+v, end-user cost per WEQ %+v", st.Name, s, st.EnduserCostEURPerYearPerDwellingEquivalent)
		}
		if s := st.NationalCostParts.Sum(); !sameBand(s, st.NationalCostEURPerYear) {
			t.Errorf("strategy %s: national parts add up to %+v, national cost %+v", st.Name, s, st.NationalCostEURPerYear)
		}
		if s := st.EnduserCostPartsPerDwelling.Sum(); !sameBand(s, st.EnduserCostEURPerYearPerDwelling) {
			t.Errorf("strategy %s: end-user parts add up to %+v, end-user cost %+v", st.Name, s, st.EnduserCostEURPerYearPerDwelling)
		}
	}
}

// notAvailable reports whether a band is the not-available mark (NaN).
func notAvailable(b Band) bool { return math.IsNaN(b.Value) && math.IsNaN(b.Min) && math.IsNaN(b.Max) }

// TestStrategyPartsHandMade checks which parts each strategy carries on
// the hand-made street: the gas reference has no network, source, grid
// or insulation cost; all-electric pays grid and insulation but no
// network; a heat network pays network and source; the end user pays
// none of the company's or grid operator's investments directly.
func TestStrategyPartsHandMade(t *testing.T) {
	t.Parallel()
	in := handStreet()
	in.Streets = []geodata.Street{
		{ID: "s1", Line: orb.LineString{{-20, -8}, {120, -8}}},
		{ID: "s2", Line: orb.LineString{{-20, -8}, {-20, 60}}},
	}
	res, err := Scan(context.Background(), in, Options{Params: nearSource(t)})
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res)
	by := map[string]*Strategy{}
	for i := range res.Strategies {
		by[res.Strategies[i].Name] = &res.Strategies[i]
	}
	type rule struct {
		strategy string
		part     kosten.Part
		enduser  bool
		positive bool // else zero
	}
	rules := []rule{
		{"gas_boiler", kosten.PartInstallation, false, true},
		{"gas_boiler", kosten.PartEnergy, false, true},
		{"gas_boiler", kosten.PartOM, false, true},
		{"gas_boiler", kosten.PartNetwork, false, false},
		{"gas_boiler", kosten.PartSource, false, false},
		{"gas_boiler", kosten.PartGrid, false, false},
		{"gas_boiler", kosten.PartInsulation, false, false},
		{"gas_boiler", kosten.PartFixedCharges, true, true},
		{"all_electric", kosten.PartGrid, false, true},
		{"all_electric", kosten.PartInsulation, false, true},
		{"all_electric", kosten.PartNetwork, false, false},
		{"all_electric", kosten.PartSource, false, false},
		{"all_electric", kosten.PartFixedCharges, true, false},
		{"warmtenet_mt", kosten.PartNetwork, false, true},
		{"warmtenet_mt", kosten.PartSource, false, true},
		{"warmtenet_mt", kosten.PartConnectionFee, true, true},
		{"warmtenet_mt", kosten.PartFixedCharges, true, true},
		{"warmtenet_mt", kosten.PartNetwork, true, false},
		{"warmtenet_mt", kosten.PartSource, true, false},
		{"warmtenet_mt", kosten.PartGrid, true, false},
		{"warmtenet_lt", kosten.PartSource, false, true},
	}
	for _, r := range rules {
		st := by[r.strategy]
		if st == nil || !st.Feasible {
			t.Fatalf("strategy %s missing or infeasible", r.strategy)
		}
		ps := st.NationalCostParts
		if r.enduser {
			ps = st.EnduserCostPartsPerDwelling
		}
		v := ps[r.part]
		if r.positive && !(v.Value > 0 && v.Min > 0) || !r.positive && v != (Band{}) {
			t.Errorf("strategy %s, %s part %s (end user %v) = %+v", r.strategy, map[bool]string{true: "positive", false: "zero"}[r.positive], r.part, r.enduser, v)
		}
	}
	// national and end-user views tell the same story for the end user's
	// own measures: insulation is paid by the owner in both (the end user
	// adds VAT and a higher rate, so pays more).
	all := by["all_electric"]
	if n, e := all.NationalCostParts[kosten.PartInsulation].Value, all.EnduserCostPartsPerDwellingEquivalent[kosten.PartInsulation].Value*all.DwellingEquivalents; !(e > n) {
		t.Errorf("insulation: end user %.0f, national %.0f EUR/yr", e, n)
	}
}
