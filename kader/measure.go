package kader

import (
	"fmt"
	"math"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// figure is one criterion value, or why there is none.
type figure struct {
	v  float64
	na string
}

// labelB: the options that insulate a dwelling to label B.
var labelB = map[wijkanalyse.OptionKind]bool{
	wijkanalyse.OptionAllElectric: true, wijkanalyse.OptionAllElectricGround: true,
	wijkanalyse.OptionWarmtenetLT: true, wijkanalyse.OptionAquathermie: true, wijkanalyse.OptionWarmtenetLTBron: true,
}

// outdoorUnit: the options with an air heat pump outside.
var outdoorUnit = map[wijkanalyse.OptionKind]bool{
	wijkanalyse.OptionAllElectric: true, wijkanalyse.OptionGroenGasHybrid: true, wijkanalyse.OptionWaterstofHybrid: true,
}

// ltPlant: the network options with a collective plant in the wijk (heat
// pump with WKO, TEO or an LT residual-heat source).
var ltPlant = map[wijkanalyse.OptionKind]bool{
	wijkanalyse.OptionWarmtenetLT: true, wijkanalyse.OptionAquathermie: true, wijkanalyse.OptionWarmtenetLTBron: true,
}

// AssumedSources returns the network options whose heat source the scan
// assumes rather than takes from the given sources: warmtenet_mt without a
// source of kind restwarmte (wijkanalyse.MTSourceAssumed), geothermie
// without one of kind geothermie.
func AssumedSources(sources []wijkanalyse.Source) map[wijkanalyse.OptionKind]bool {
	out := map[wijkanalyse.OptionKind]bool{}
	if wijkanalyse.MTSourceAssumed(sources) {
		out[wijkanalyse.OptionWarmtenetMT] = true
	}
	geo := false
	for _, s := range sources {
		if strings.EqualFold(strings.TrimSpace(s.Kind), string(kosten.SourceGeothermie)) {
			geo = true
		}
	}
	if !geo {
		out[wijkanalyse.OptionGeothermie] = true
	}
	return out
}

// worse reports whether label l is worse than label B ("" counts as
// unknown, not worse).
func worseThanB(l string) bool {
	switch strings.ToUpper(strings.TrimSpace(l)) {
	case "C", "D", "E", "F", "G":
		return true
	}
	return false
}

// measure computes every criterion for every strategy but the reference
// (index i of the result is i+1 in res.Strategies).
func measure(res *wijkanalyse.Result, c Context, p *kosten.Params) ([]map[string]figure, error) {
	get := func(name string) (float64, error) {
		q, err := p.Get(name)
		if err != nil {
			return 0, fmt.Errorf("kader: %w", err)
		}
		return q.Value, nil
	}
	var kent [6]float64
	for i, n := range []string{"space.outdoor_unit_m2", "space.substation_m2_per_mw", "space.lt_plant_m2_per_mw",
		"space.geothermal_site_m2", "kader.affordability.income_share", "net.simultaneity.base"} {
		v, err := get(n)
		if err != nil {
			return nil, err
		}
		kent[i] = v
	}
	simPer, err := get("net.simultaneity.per_building")
	if err != nil {
		return nil, err
	}
	outdoorM2, substM2, ltM2, geoM2, incomeShare, simBase := kent[0], kent[1], kent[2], kent[3], kent[4], kent[5]
	assumed := AssumedSources(c.Sources)
	gas := &res.Strategies[0]
	var gasCO2 float64
	connectedDw := 0
	for i := range res.Buildings {
		b := &res.Buildings[i]
		if o := b.StrategyOption(string(wijkanalyse.OptionGasBoiler)); o != nil && o.Feasible {
			gasCO2 += o.CO2.Value
		}
		if b.Connected && b.Use == wijkanalyse.UseWoning {
			connectedDw += b.Dwellings
		}
	}
	net := &res.Network
	streets, routed := 0, net.Routed
	for _, sg := range net.Segments {
		if sg.Kind == "street" {
			streets++
		}
	}
	var wins map[string]float64
	if r := c.Robustness; r != nil {
		wins = map[string]float64{}
		for _, s := range r.Strategies {
			wins[s.Name] = 100 * s.WinShare
		}
	}
	out := make([]map[string]figure, len(res.Strategies)-1)
	for si, st := range res.Strategies[1:] {
		f := map[string]figure{}
		out[si] = f
		if !st.Feasible {
			continue
		}
		// national_cost_per_t_co2
		if st.CO2AvoidedTPerYear.Value > 0 && !math.IsNaN(st.EURPerTCO2.Value) {
			f["national_cost_per_t_co2"] = figure{v: st.EURPerTCO2.Value}
		} else {
			f["national_cost_per_t_co2"] = figure{na: "geen CO2-reductie"}
		}
		if st.DwellingEquivalents > 0 {
			f["national_cost_per_weq"] = figure{v: st.CostEURPerDwellingEquivalent.Value}
		} else {
			f["national_cost_per_weq"] = figure{na: "geen woningequivalenten"}
		}
		if g := gas.EnduserCostEURPerYearPerDwelling.Value; st.Dwellings > 0 && g > 0 {
			f["enduser_vs_gas_pct"] = figure{v: 100 * (st.EnduserCostEURPerYearPerDwelling.Value/g - 1)}
		} else {
			f["enduser_vs_gas_pct"] = figure{na: "geen woningen"}
		}
		if gasCO2 > 0 {
			f["co2_avoided_pct"] = figure{v: 100 * st.CO2AvoidedTPerYear.Value / gasCO2}
		} else {
			f["co2_avoided_pct"] = figure{na: "geen uitstoot bij aardgas"}
		}
		// Per building: the option it takes under the strategy.
		dw, insB, assumedDw := 0, 0, 0
		incomeDw, overDw := 0, 0
		units := 0
		netKW := map[wijkanalyse.OptionKind]float64{}
		netN := map[wijkanalyse.OptionKind]int{}
		for i := range res.Buildings {
			b := &res.Buildings[i]
			o := b.StrategyOption(st.Name)
			if o == nil || !o.Feasible {
				continue
			}
			woning := b.Use == wijkanalyse.UseWoning && b.Dwellings > 0
			if woning {
				dw += b.Dwellings
				if labelB[o.Kind] && worseThanB(b.Label) {
					insB += b.Dwellings
				}
				if assumed[o.Kind] {
					assumedDw += b.Dwellings
				}
				if i < len(c.IncomeKEUR) && c.IncomeKEUR[i] > 0 && b.DwellingEquivalents > 0 {
					incomeDw += b.Dwellings
					perDw := o.EndUser.Value / b.DwellingEquivalents // the dwellings' share, per dwelling
					if perDw > incomeShare*1000*c.IncomeKEUR[i] {
						overDw += b.Dwellings
					}
				}
			}
			switch {
			case outdoorUnit[o.Kind] && woning:
				units += b.Dwellings
			case outdoorUnit[o.Kind]:
				units++
			case o.Kind.Network():
				netKW[o.Kind] += b.PeakKW
				netN[o.Kind]++
			}
		}
		pct := func(n int, what string) figure {
			if dw == 0 {
				return figure{na: what}
			}
			return figure{v: 100 * float64(n) / float64(dw)}
		}
		f["insulation_to_b_pct"] = pct(insB, "geen woningen")
		f["assumed_source_pct"] = pct(assumedDw, "geen woningen")
		if incomeDw > 0 {
			f["affordability_pct"] = figure{v: 100 * float64(overDw) / float64(incomeDw)}
		} else {
			f["affordability_pct"] = figure{na: "geen inkomensgegevens van de buurt (--areas met gemiddeld_gestandaardiseerd_inkomen_van_huishoudens)"}
		}
		space := outdoorM2 * float64(units)
		for _, k := range wijkanalyse.OptionKinds { // a fixed order: the same sum every run
			kw, n := netKW[k], netN[k]
			if n == 0 {
				continue
			}
			mw := kw * (simBase + simPer/float64(n)) / 1000
			space += substM2 * mw
			if ltPlant[k] {
				space += ltM2 * mw
			}
			if k == wijkanalyse.OptionGeothermie {
				space += geoM2
			}
		}
		f["space_m2"] = figure{v: space}
		hasNet := len(netKW) > 0
		switch {
		case !hasNet:
			f["trench_m_per_dwelling"] = figure{v: 0}
			f["streets_opened"] = figure{v: 0}
		case connectedDw == 0:
			f["trench_m_per_dwelling"] = figure{na: "geen aangesloten woningen"}
			f["streets_opened"] = figure{v: float64(streets)}
		default:
			f["trench_m_per_dwelling"] = figure{v: net.TrenchM / float64(connectedDw)}
			if routed {
				f["streets_opened"] = figure{v: float64(streets)}
			} else {
				f["streets_opened"] = figure{na: "warmtenet geschat zonder straten"}
			}
		}
		if wins == nil {
			f["win_share_pct"] = figure{na: "geen doorrekeningen (--draws)"}
		} else if w, ok := wins[st.Name]; ok {
			f["win_share_pct"] = figure{v: w}
		} else {
			f["win_share_pct"] = figure{na: "niet in de doorrekeningen"}
		}
	}
	return out, nil
}
