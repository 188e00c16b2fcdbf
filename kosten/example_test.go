package kosten_test

import (
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// One dwelling worked through by hand: a rijwoning tussen (tussenwoning)
// of 1946-1964, 90 m2, label D (Vesta's default for this class), design
// heat load 5 kW, owner-occupied; insulated to label B with an air heat
// pump, against its gas boiler. Default parameters, euro of 2018.
func Example() {
	p := kosten.Defaults()
	d := kosten.Dwelling{Type: kosten.RijwoningTussen, Period: kosten.Bouw1946, Area: 90, Peak: 5}

	// 1. Demand (Vesta Woningen_BAG fits, GJ/yr): space heat at D is
	//    16.112 + 0.13967*90 = 28.68; at B 11.722 + 0.13045*90 = 23.46;
	//    tap water 6.4 (no area term).
	spaceD, _ := p.SpaceHeat(d.Type, d.Period, kosten.LabelD, d.Area)
	spaceB, _ := p.SpaceHeat(d.Type, d.Period, kosten.LabelB, d.Area)
	fmt.Printf("space heat D %.2f GJ, B %.2f GJ\n", spaceD, spaceB)

	// 2. Insulation D->B: low fit 6756.48 + 12.411*90 = 7873, high fit
	//    4821.64 + 82.343*90 = 12233; value is their mean, 10053.
	ins, _ := p.InsulationCost(d.Type, d.Period, kosten.LabelD, kosten.LabelB, d.Area)
	fmt.Printf("insulation D->B %.0f (%.0f-%.0f) EUR\n", ins.Value, ins.Min, ins.Max)

	// 3. Reference: gas = 28.68/1.04 (HR boiler, space) + 6.4/0.72 (tap)
	//    = 36.47 GJ = 36.47/0.03165 GJ per m3 = 1152 m3 a year.
	ref, _ := p.GasBoiler(d)
	fmt.Printf("reference gas %.0f m3/yr\n", ref.Energy.Gas)

	// 4. Heat pump: electricity = 23.46/3.81 (SPF at label B) + 6.4/2.2
	//    (tap water) = 9.07 GJ = 2519 kWh a year. Its price: low fit
	//    5359 + 320*5 = 6959, high fit 4637 + 500*5 = 7137, mean 7048 EUR;
	//    the LT emission system 2089.6 (957-3222), the 3x25 A connection
	//    227 and removing the gas connection 550 (the last two paid by the
	//    grid operator).
	hp, _ := p.HeatPump(d, kosten.AirHeatPump, kosten.LabelB)
	fmt.Printf("heat pump electricity %.0f kWh/yr\n", hp.Energy.Electricity)
	for _, iv := range hp.Investments {
		fmt.Printf("  %-30s %6.0f EUR, %2d yr\n", iv.Name, iv.Cost.Value, iv.Lifetime)
	}

	// 5. National view at 3 %, energy at commodity + CO2 + network prices
	//    of KEV 2019 (class KG) for 2023-2050, levelised at 3 % (NcwSchema
	//    years 3-30): gas 0.35306 EUR/m3, electricity 0.10103 EUR/kWh.
	//    Reference: boiler 1775.85 * A(3 %, 15 yr) 0.083767 = 148.76, O&M
	//    4.65 % = 82.58, gas 1152.2 m3 * 0.35306 = 406.80; total 638.13.
	//    Heat pump: capital 10053 * A(3 %, 30) 0.051019 (insulation)
	//    + 7048 * 0.083767 (heat pump) + 2089.6 * 0.051019 (LT emission)
	//    + 227 * 0.051019 (3x25 A) + 550 * 0.056539 (gas removal, once,
	//    spread over years 3-30) = 1252.57; O&M 1.5 % of 7048 = 105.72;
	//    electricity 2518.7 kWh * 0.10103 = 254.46; total 1612.75. The band
	//    takes every low (high) cost end together: 1430.7-1794.8.
	nr, _ := p.National(ref)
	nh, _ := p.National(hp)
	fmt.Printf("national: reference %.1f, heat pump %.1f (%.1f-%.1f) EUR/yr\n", nr.Total.Value, nh.Total.Value, nh.Total.Min, nh.Total.Max)

	// 6. End-user view at 5.5 %, with VAT (15 % on insulation and the LT
	//    emission system, 21 % on installations) and consumer prices with
	//    energy tax, ODE and VAT (levelised at 5.5 %: gas 0.91367 EUR/m3,
	//    electricity 0.27092 EUR/kWh). Reference: 1775.85 * 1.21 *
	//    (A(5.5 %, 15) 0.099626 + 0.0465) + 1152.2 * 0.91367 + the fixed
	//    gas charges 199.87 * 1.21 = 1608.6. Heat pump: 10053 * 1.15 *
	//    A(5.5 %, 30) 0.068805 + 7048 * 1.21 * (0.099626 + 0.015) + 2089.6 *
	//    1.15 * 0.068805 + 2518.7 * 0.27092 = 2620.7 (grid costs reach the
	//    end user only through tariffs).
	er, _ := p.EndUser(ref)
	eh, _ := p.EndUser(hp)
	fmt.Printf("end user: reference %.1f, heat pump %.1f EUR/yr\n", er.Total.Value, eh.Total.Value)

	// 7. CO2: gas 1152.2 m3 * 1.78 kg = 2.051 t/yr; electricity 2518.7 kWh
	//    * 0.11536 kg (KEV mean 2023-2050) = 0.291 t/yr; avoided 1.760
	//    t/yr. Euro per tonne avoided: (1612.75 - 638.13) / 1.760 = 554,
	//    low world (1430.7 - 627.2) / 1.760 = 456, high world 651.
	in, _ := p.Indicators(kosten.Strategy{Name: "air heat pump", Option: hp, Reference: ref, Dwellings: 1})
	fmt.Printf("CO2 avoided %.3f t/yr, %.0f EUR/t (%.0f-%.0f)\n", in.CO2Avoided.Value, in.EuroPerTonneCO2.Value, in.EuroPerTonneCO2.Min, in.EuroPerTonneCO2.Max)
	// Output:
	// space heat D 28.68 GJ, B 23.46 GJ
	// insulation D->B 10053 (7873-12233) EUR
	// reference gas 1152 m3/yr
	// heat pump electricity 2519 kWh/yr
	//   insulation D->B                 10053 EUR, 30 yr
	//   hp_air                          11010 EUR, 15 yr
	//   LT emission system               2090 EUR, 30 yr
	//   electricity connection 3x25 A     227 EUR, 30 yr
	//   remove gas connection             550 EUR,  0 yr
	// national: reference 638.1, heat pump 2004.1 (1430.7-2577.4) EUR/yr
	// end user: reference 1608.6, heat pump 3170.2 EUR/yr
	// CO2 avoided 1.760 t/yr, 776 EUR/t (456-1095)
}
