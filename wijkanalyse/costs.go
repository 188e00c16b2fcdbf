package wijkanalyse

import (
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// This file prices the heat options of one building in three views. It is
// an adapter over kosten's primitives (parameters, Annualise, energy
// prices, insulation fits): kosten has no per-option cost API yet. Every
// figure comes from the kosten parameter table by name; the formulas are
// Vesta's simplified (see doc.go, "Costs").
//
//   - national: investments annualised at discount.national over their
//     lifetime (one-off costs over the evaluation years), O&M, energy at
//     resource prices (commodity + CO2 + network), no taxes;
//   - end user: the occupant's own investments incl. VAT annualised at
//     discount.owner_occupier, O&M, energy incl. all taxes, fixed grid
//     charges, heat tariffs (vastrecht, meettarief, GJ price, the
//     aansluitbijdrage annualised);
//   - company (network options): network share, substations, source and
//     in-building parts annualised at discount.heat_company, O&M and heat
//     production.
//
// Energy prices are those of Options.Year (KEV 2019 paths, flat after
// 2030). Learning curves are not applied (all ends at 100 %).

// pricer reads parameters and remembers the first error.
type pricer struct {
	p    *kosten.Params
	year int
	err  error
	gas  [2]kosten.EnergyPrice // [dwelling KG, utility KMG]
	elec [2]kosten.EnergyPrice
	co2g float64 // kg CO2 per m3 gas
	co2e float64 // kg CO2 per kWh
}

func newPricer(p *kosten.Params, year int) (*pricer, error) {
	pr := &pricer{p: p, year: year}
	for i, c := range []kosten.UserClass{kosten.ClassSmall, kosten.ClassSmallMedium} {
		var err error
		if pr.gas[i], err = p.EnergyPrice(kosten.Gas, c, year); err != nil {
			return nil, err
		}
		if pr.elec[i], err = p.EnergyPrice(kosten.Electricity, c, year); err != nil {
			return nil, err
		}
	}
	var err error
	if pr.co2g, err = p.CO2Factor(kosten.Gas, year); err != nil {
		return nil, err
	}
	if pr.co2e, err = p.CO2Factor(kosten.Electricity, year); err != nil {
		return nil, err
	}
	return pr, nil
}

// b returns a parameter band.
func (pr *pricer) b(name string) Band {
	prm, err := pr.p.Get(name)
	if err != nil {
		if pr.err == nil {
			pr.err = fmt.Errorf("wijkanalyse: %w", err)
		}
		return Band{}
	}
	return prm.Band
}

// v returns a parameter's central value.
func (pr *pricer) v(name string) float64 { return pr.b(name).Value }

// span makes a band from two parameters (low and high fit).
func (pr *pricer) span(lo, hi string) Band { return kosten.Span(pr.v(lo), pr.v(hi)) }

// annual annualises an investment (EUR) over lifetime years at rate; a
// lifetime of 0 spreads a one-off cost over the evaluation years.
func (pr *pricer) annual(k Band, rate float64, lifetime int) Band {
	a := kosten.Annualise(kosten.Band[kosten.Euro]{Value: kosten.Euro(k.Value), Min: kosten.Euro(k.Min), Max: kosten.Euro(k.Max)},
		rate, lifetime, int(pr.v("eval.start")), int(pr.v("eval.end")))
	return Band{Value: float64(a.Value), Min: float64(a.Min), Max: float64(a.Max)}
}

// item is one investment of an option.
type item struct {
	k        Band    // investment, EUR
	life     int     // years; 0: one-off
	om       float64 // O&M per year as fraction of k
	owner    bool    // paid by the occupant (end-user view)
	company  bool    // paid by the heat company (company view)
	vatOwner float64 // VAT rate the occupant pays on it
}

// views holds the yearly cost of one option in three views and its CO2.
type views struct {
	national, enduser, company, co2 Band
}

// price sums investments and yearly flows into the three views.
// nationalEnergy, enduserEnergy and companyEnergy are yearly EUR amounts
// without a band; co2T is tonnes per year.
func (pr *pricer) price(items []item, nationalEnergy, enduserEnergy, companyEnergy, co2T float64) views {
	rN := pr.v("discount.national")
	rO := pr.v("discount.owner_occupier")
	rC := pr.v("discount.heat_company")
	var out views
	for _, it := range items {
		om := it.k.Scale(it.om)
		out.national = out.national.Add(pr.annual(it.k, rN, it.life)).Add(om)
		if it.owner {
			kv := it.k.Scale(1 + it.vatOwner)
			out.enduser = out.enduser.Add(pr.annual(kv, rO, it.life)).Add(om.Scale(1 + it.vatOwner))
		}
		if it.company {
			out.company = out.company.Add(pr.annual(it.k, rC, it.life)).Add(om)
		}
	}
	out.national = out.national.Add(kosten.Point(nationalEnergy))
	out.enduser = out.enduser.Add(kosten.Point(enduserEnergy))
	out.company = out.company.Add(kosten.Point(companyEnergy))
	out.co2 = kosten.Point(co2T)
	return out
}

// gasM3 converts gas energy (GJ) to m3 with gas.energy_content (MJ/m3).
func (pr *pricer) gasM3(gj float64) float64 { return gj * 1000 / pr.v("gas.energy_content") }

// bKey names a parameter variant by building form.
func bKey(b *Building, egw, mgw, util string) string {
	switch {
	case b.Use == UseUtiliteit:
		return util
	case b.Woningtype.Grondgebonden():
		return egw
	}
	return mgw
}

// connections is the number of connections (aansluitingen) of a building:
// its dwellings, or 1 for a utility building.
func connections(b *Building) float64 {
	if b.Use == UseWoning {
		return float64(max(1, b.Dwellings))
	}
	return 1
}

// class is 0 for dwellings (KG prices), 1 for utility (KMG).
func class(b *Building) int {
	if b.Use == UseUtiliteit {
		return 1
	}
	return 0
}

// gasFixed is the yearly fixed charge of a gas connection, EUR per asl.
func (pr *pricer) gasFixed() float64 {
	return pr.v("grid.gas.vastrecht") + pr.v("grid.gas.periodieke_aansluitvergoeding") +
		pr.v("grid.gas.meterhuur") + pr.v("grid.gas.capaciteitstarief") + pr.v("grid.gas.leveringstarief")
}

// gasBoiler prices the reference: an HR boiler on natural gas, as is.
func (pr *pricer) gasBoiler(b *Building) views {
	asl := connections(b)
	vat := pr.v("tax.vat")
	k := pr.span("inst.hr_boiler.low.eur_per_asl", "inst.hr_boiler.high.eur_per_asl").Scale(asl)
	items := []item{{k: k, life: int(pr.v("inst.hr_boiler.lifetime")), om: pr.v("inst.hr_boiler.om"), owner: true, vatOwner: vat}}
	m3 := pr.gasM3(b.SpaceHeatGJ/pr.v("perf.hr_boiler.rv") + b.TapWaterGJ/pr.v("perf.hr_boiler.tw"))
	g := pr.gas[class(b)]
	return pr.price(items, m3*g.National(), m3*g.EndUser()+asl*pr.gasFixed()*(1+vat), 0, m3*pr.co2g/1000)
}

// allElectric prices insulation to label B, an air-water heat pump, a low
// temperature emission system, a 3x25 A connection and removal of the gas
// connection.
func (pr *pricer) allElectric(b *Building, d *demandFacts) views {
	asl := connections(b)
	vat, vatB := pr.v("tax.vat"), pr.v("tax.vat_building")
	peakB := d.heatB/(gjPerKWh*fullLoadHours) + b.TapWaterGJ/(gjPerKWh*8760)
	hp := kosten.Span(
		pr.v("inst.hp_air.low.eur_per_asl")*asl+pr.v("inst.hp_air.low.eur_per_kw")*peakB,
		pr.v("inst.hp_air.high.eur_per_asl")*asl+pr.v("inst.hp_air.high.eur_per_kw")*peakB)
	ltas := pr.b(bKey(b, "ltas.egw", "ltas.mgw", "ltas.utility"))
	if b.Use == UseUtiliteit {
		ltas = ltas.Scale(b.FloorAreaM2)
	} else {
		ltas = ltas.Scale(asl)
	}
	items := []item{
		{k: d.insulB, life: int(pr.v("insulation.lifetime")), owner: true, vatOwner: vatB},
		{k: hp, life: int(pr.v("inst.hp_air.lifetime")), om: pr.v("inst.hp_air.om"), owner: true, vatOwner: vat},
		{k: ltas, life: int(pr.v("insulation.lifetime")), owner: true, vatOwner: vatB},
		{k: pr.b("grid.elec.upgrade_3x25a").Scale(asl), life: int(pr.v("life.grid"))},
		{k: pr.b(bKey(b, "grid.gas.remove_connection_laagbouw", "grid.gas.remove_connection_hoogbouw", "grid.gas.remove_connection_utility")).Scale(asl)},
	}
	spf := pr.v("perf.hp_air.rv.B")
	if b.Label == string(kosten.LabelA) {
		spf = pr.v("perf.hp_air.rv.A")
	}
	kwh := (d.heatB/spf + b.TapWaterGJ/pr.v("perf.hp_air.tw")) / gjPerKWh
	e := pr.elec[class(b)]
	return pr.price(items, kwh*e.National(), kwh*e.EndUser(), 0, kwh*pr.co2e/1000)
}

// netShare is a building's part of a routed network.
type netShare struct {
	networkEUR  Band    // allocated trench share + own service pipe, EUR
	lossShare   float64 // network heat loss over delivered heat
	sourceFixed Band    // allocated fixed source cost (WKO/TEO per system), EUR
}

// netKind describes a network option's technology.
type netKind struct {
	lt        bool   // 50 C network: insulate to B, booster, LTAS
	sourceKW  string // source cost per kW of peak
	sourceFix string // fixed source cost per system ("" none)
	sourceOM  string // O&M fraction of the source
	// heatPriceGas: heat production priced as a fraction of the national
	// gas price per GJ (residual heat); 0 for heat-pump or geothermal
	// sources, whose running cost is electricity or O&M.
	heatPriceGas float64
	spf          float64 // SPF of a collective heat pump (0: none)
}

func (pr *pricer) kind(k OptionKind) netKind {
	switch k {
	case OptionWarmtenetLT:
		return netKind{lt: true, sourceKW: "source.wko.per_kw", sourceFix: "source.wko.fixed", sourceOM: "om.wko", spf: pr.v("perf.hp_ground.rv.B")}
	case OptionAquathermie:
		return netKind{lt: true, sourceKW: "source.teo.per_kw", sourceFix: "source.teo.fixed", sourceOM: "om.teo", spf: pr.v("perf.hp_ground.rv.B")}
	case OptionGeothermie:
		return netKind{sourceKW: "source.geothermie.per_kw", sourceOM: "om.geothermie"}
	default:
		return netKind{sourceKW: "source.restwarmte.per_kw", sourceOM: "om.restwarmte", heatPriceGas: pr.v("source.restwarmte.price_ratio_gas")}
	}
}

// network prices a network option for one building given its share of
// the network.
func (pr *pricer) network(k OptionKind, b *Building, d *demandFacts, sh netShare) views {
	nk := pr.kind(k)
	asl := connections(b)
	vat, vatB := pr.v("tax.vat"), pr.v("tax.vat_building")
	heat, insul := d.heatD, d.insulD
	if nk.lt {
		heat, insul = d.heatB, d.insulB
	}
	delivered := heat + b.TapWaterGJ
	atSource := delivered * (1 + sh.lossShare)
	peak := heat/(gjPerKWh*fullLoadHours) + b.TapWaterGJ/(gjPerKWh*8760)
	lifeNet := int(pr.v("life.network"))
	inb := pr.b(bKey(b, "hn.inbuilding.egw", "hn.inbuilding.mgw", "hn.inbuilding.mgw")).Scale(asl)
	items := []item{
		{k: insul, life: int(pr.v("insulation.lifetime")), owner: true, vatOwner: vatB},
		{k: inb, life: int(pr.v("life.inbuilding")), om: pr.v("om.inbuilding"), company: true},
		{k: pr.b("hn.afleverset").Scale(asl), life: int(pr.v("life.inbuilding")), om: pr.v("om.inbuilding"), company: true},
		{k: pr.b("hn.ongeriefsvergoeding").Add(pr.b("hn.projectmanagement")).Scale(asl), company: true},
		{k: sh.networkEUR, life: lifeNet, om: pr.v("om.pipes_secondary"), company: true},
		{k: pr.b(map[bool]string{false: "hn.substation.wos_mt", true: "hn.substation.wos_lt"}[nk.lt]).Add(pr.b("hn.substation.os")).Scale(peak),
			life: int(pr.v("life.substation")), om: pr.v("om.wos"), company: true},
		{k: pr.b(nk.sourceKW).Scale(peak).Add(sh.sourceFixed), life: int(pr.v("life.source")), om: pr.v(nk.sourceOM), company: true},
		{k: pr.b(bKey(b, "grid.gas.remove_connection_laagbouw", "grid.gas.remove_connection_hoogbouw", "grid.gas.remove_connection_utility")).Scale(asl)},
	}
	e := pr.elec[1]
	g := pr.gas[1]
	gasPerGJ := g.National() / (pr.v("gas.energy_content") / 1000)
	var energyN, co2 float64
	if nk.heatPriceGas > 0 {
		// Residual heat covers source.main_volume_share; peak boilers on
		// gas the rest.
		main := pr.v("source.main_volume_share")
		m3 := pr.gasM3(atSource * (1 - main) / pr.v("perf.hr_boiler.rv"))
		energyN = atSource*main*nk.heatPriceGas*gasPerGJ + m3*g.National()
		co2 = m3 * pr.co2g / 1000
	}
	if nk.spf > 0 {
		kwh := atSource / nk.spf / gjPerKWh
		energyN += kwh * e.National()
		co2 += kwh * pr.co2e / 1000
	}
	if nk.lt {
		items = append(items,
			item{k: pr.b("hn.lt.booster").Scale(asl), life: int(pr.v("inst.hp_air.lifetime")), om: pr.v("inst.hp_air.om"), company: true},
			item{k: pr.b(bKey(b, "ltas.egw", "ltas.mgw", "ltas.utility")).Scale(map[bool]float64{true: b.FloorAreaM2, false: asl}[b.Use == UseUtiliteit]),
				life: int(pr.v("insulation.lifetime")), owner: true, vatOwner: vatB})
		kwh := b.TapWaterGJ / pr.v("perf.hp_ground.tw") / gjPerKWh // booster
		energyN += kwh * e.National()
		co2 += kwh * pr.co2e / 1000
	}
	// End user: tariffs (ACM maximum, Vesta defaults) incl. VAT.
	vastrecht := pr.v("tariff.heat.vastrecht_mt")
	if nk.lt {
		vastrecht = pr.v("tariff.heat.vastrecht_lt")
	}
	bijdrage := pr.b("tariff.heat.max_aansluitbijdrage").Scale(asl)
	if b.Use == UseUtiliteit {
		bijdrage = bijdrage.Scale(pr.v("tariff.heat.utility_aansluitbijdrage_factor"))
	}
	items = append(items, item{k: bijdrage, owner: true, vatOwner: vat})
	enduser := (asl*(vastrecht+pr.v("tariff.heat.meettarief")) + delivered*pr.v("tariff.heat.price")) * (1 + vat)
	v := pr.price(items, energyN, enduser, energyN, co2)
	// The aansluitbijdrage is a transfer from occupant to company, not a
	// national cost: take it out of the national view again.
	v.national = v.national.Sub(pr.annual(bijdrage, pr.v("discount.national"), 0))
	return v
}
