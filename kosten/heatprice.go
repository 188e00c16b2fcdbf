package kosten

// EuroPerGJ is a price per GJ of heat.
type EuroPerGJ float64

// HeatPrice is the variable heat price a heat company charges per GJ,
// excl. VAT, as Vesta sets it by default (Runs/DefaultSettings/Basis.dms
// IsVasteWarmtePrijs := false): the NMDA price ("niet meer dan anders"),
// what the same heat would cost on natural gas, capped at ACM's maximum
// (tariff.heat.acm_max_gj, excl. VAT). With tariff.heat.nmda = 0 it is
// Vesta's optional fixed price tariff.heat.price instead.
//
// NMDA = the small user's gas price excl. VAT (commodity, CO2, network,
// ODE, energy tax), levelised over the evaluation years at
// discount.national, per GJ of gas (gas.energy_content), divided by the
// efficiency of the gas boiler it replaces (tariff.heat.nmda_efficiency).
// Safe for concurrent use.
func (p *Params) HeatPrice() EuroPerGJ {
	if p.value(pTariffHeatNmda) == 0 {
		return EuroPerGJ(p.value(pTariffHeatPrice))
	}
	return min(p.NMDAHeatPrice(), EuroPerGJ(p.value(pTariffHeatAcmMaxGj)))
}

// NMDAHeatPrice is the uncapped gas-linked heat price of HeatPrice, EUR
// per GJ excl. VAT.
func (p *Params) NMDAHeatPrice() EuroPerGJ {
	m3, err := p.levelised(Gas, ClassSmall, p.rate(rateNational), endValue, EnergyPrice.ExclVAT)
	if err != nil {
		// The price paths are checked when Params is built; a window
		// outside them leaves only the fixed price to fall back on.
		return EuroPerGJ(p.value(pTariffHeatPrice))
	}
	perGJGas := m3 * 1000 / p.value(pGasEnergyContent)
	return EuroPerGJ(perGJGas / p.value(pTariffHeatNmdaEfficiency))
}
