package kosten

// The gas-grid strategies of PBL's Startanalyse 2020: S4 groengas and S5
// waterstof, each with a hybrid heat pump or with a boiler alone. The
// building keeps its label and its gas connection; the grid carries green
// gas or hydrogen instead of natural gas.

// GreenGas is strategy S4: the gas boiler reference (hybrid false: S4b
// HR boiler) or the hybrid heat pump (hybrid true: S4a) with the gas
// burnt being green gas (Energy.GreenGas, priced by GreenGasPrice, no CO2).
func (p *Params) GreenGas(d Dwelling, hybrid bool) (Option, error) {
	o, err := p.gasGridBase(d, hybrid)
	if err != nil {
		return Option{}, err
	}
	o.Energy.GreenGas, o.Energy.Gas = o.Energy.Gas, 0
	o.Name = "groengas, " + o.Name
	return o, nil
}

// Hydrogen is strategy S5: the hybrid heat pump (hybrid true: S5a) or a
// boiler alone (S5b) on hydrogen. The HR boiler is replaced by a hydrogen
// boiler (inst.h2_boiler, Hestia H2R), the gas meter and connection by
// hydrogen-ready ones (grid.h2.connection, paid by the grid operator);
// the hydrogen burnt is the gas energy at the hydrogen boiler's
// efficiencies (perf.h2_boiler.rv for space heat, perf.h2_boiler.tw for
// tap water), priced by HydrogenPrice.
func (p *Params) Hydrogen(d Dwelling, hybrid bool) (Option, error) {
	d, err := p.resolve(d)
	if err != nil {
		return Option{}, err
	}
	o, err := p.gasGridBase(d, hybrid)
	if err != nil {
		return Option{}, err
	}
	space, tap, err := p.demand(d, d.Label)
	if err != nil {
		return Option{}, err
	}
	boilerSpace := float64(space)
	if hybrid {
		boilerSpace *= 1 - p.value("perf.hp_hybrid.share")
	}
	h2 := boilerSpace/p.value("perf.h2_boiler.rv") + float64(tap)/p.value("perf.h2_boiler.tw")
	o.Energy.Gas, o.Energy.Hydrogen = 0, GigaJoule(h2)
	for i, iv := range o.Investments {
		if iv.Name == "hr_boiler" {
			o.Investments[i] = p.installation("h2_boiler", d.Peak)
		}
	}
	o.Investments = append(o.Investments, Investment{Name: "hydrogen-ready gas connection", Cost: Convert[Euro](p.band("grid.h2.connection"), 1),
		Lifetime: int(p.value("life.grid")), Payer: PayerGridOperator, VAT: VATNone, Part: PartGrid})
	o.Name = "waterstof, " + o.Name
	return o, nil
}

func (p *Params) gasGridBase(d Dwelling, hybrid bool) (Option, error) {
	if hybrid {
		return p.HybridHeatPump(d)
	}
	return p.GasBoiler(d)
}
