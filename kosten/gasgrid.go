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
	o.Name = gasGridNames(hybrid)[0]
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
		boilerSpace *= 1 - p.value(pPerfHpHybridShare)
	}
	h2 := boilerSpace/p.value(pPerfH2BoilerRv) + float64(tap)/p.value(pPerfH2BoilerTw)
	o.Energy.Gas, o.Energy.Hydrogen = 0, GigaJoule(h2)
	for i, iv := range o.Investments {
		if iv.Name == "hr_boiler" {
			o.Investments[i] = p.Installation(InstH2Boiler, d.Peak)
		}
	}
	o.Investments = append(o.Investments, Investment{Name: "hydrogen-ready gas connection", Cost: Convert[Euro](p.band(pGridH2Connection), 1),
		Lifetime: int(p.value(pLifeGrid)), Payer: PayerGridOperator, VAT: VATNone, Part: PartGrid})
	o.Name = gasGridNames(hybrid)[1]
	return o, nil
}

// gasGridNames are the names of GreenGas ([0]) and Hydrogen ([1]): the
// name of GasBoiler, or of HybridHeatPump if hybrid, after "groengas, "
// or "waterstof, ", written out so that no name is built per dwelling.
func gasGridNames(hybrid bool) [2]string {
	if hybrid {
		return [2]string{"groengas, hybrid heat pump", "waterstof, hybrid heat pump"}
	}
	return [2]string{"groengas, gas boiler (reference)", "waterstof, gas boiler (reference)"}
}

func (p *Params) gasGridBase(d Dwelling, hybrid bool) (Option, error) {
	if hybrid {
		return p.HybridHeatPump(d)
	}
	return p.GasBoiler(d)
}
