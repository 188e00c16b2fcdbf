package kosten

import "testing"

func TestGasGridPrices(t *testing.T) {
	p := Defaults()
	// green gas, KG 2030: Vesta's commodity 0.788 EUR/m3 (GroenGas.csv
	// line 22), no CO2 price, ODE and energy tax of natural gas 2030;
	// VAT 21 % of the rest
	ng, err := p.EnergyPrice(Gas, ClassSmall, 2030)
	if err != nil {
		t.Fatal(err)
	}
	gg, err := p.EnergyPrice(GreenGas, ClassSmall, 2030)
	if err != nil {
		t.Fatal(err)
	}
	if gg.Commodity != 0.788 || gg.CO2 != 0 || gg.ODE != ng.ODE || gg.EnergyTax != ng.EnergyTax || !near(gg.VAT, 0.21*(0.788+ng.Network+ng.ODE+ng.EnergyTax), 1e-12) {
		t.Errorf("green gas %+v (natural gas %+v)", gg, ng)
	}
	// hydrogen: chain cost 2.24 EUR/kg / 0.120 GJ/kg = 18.6667 EUR/GJ;
	// consumer price 26.003 excl. VAT, so 7.3363 on top; VAT 5.4606
	h2, err := p.EnergyPrice(Hydrogen, ClassSmall, 2035)
	if err != nil {
		t.Fatal(err)
	}
	if !near(h2.National(), 18.6667, 1e-4) || !near(h2.ExclVAT(), 26.003, 1e-9) || !near(h2.VAT, 5.46063, 1e-5) {
		t.Errorf("hydrogen %+v", h2)
	}
}

func TestGasGridOptions(t *testing.T) {
	p := Defaults()
	d := Dwelling{Type: TweeOnderEenKap, Period: Bouw1965, Area: 130, Peak: 7, Label: LabelD}
	ref, err := p.GasBoiler(d)
	if err != nil {
		t.Fatal(err)
	}
	space, tap, err := p.demand(d, LabelD)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		hybrid bool
	}{{"boiler", false}, {"hybrid", true}} {
		t.Run(c.name, func(t *testing.T) {
			gg, err := p.GreenGas(d, c.hybrid)
			if err != nil {
				t.Fatal(err)
			}
			base := ref
			if c.hybrid {
				if base, err = p.HybridHeatPump(d); err != nil {
					t.Fatal(err)
				}
			}
			// the same gas volume, all of it green; nothing natural
			if gg.Energy.Gas != 0 || gg.Energy.GreenGas != base.Energy.Gas || gg.Energy.Electricity != base.Energy.Electricity {
				t.Errorf("green gas energy %+v, base %+v", gg.Energy, base.Energy)
			}
			h2, err := p.Hydrogen(d, c.hybrid)
			if err != nil {
				t.Fatal(err)
			}
			// hydrogen = boiler space heat / 0.94 + tap water / 0.70
			// (H2kentallen.dms lines 35-36); the hybrid's heat pump
			// takes 78 % of the space heat
			boiler := float64(space)
			if c.hybrid {
				boiler *= 1 - 0.78
			}
			if want := boiler/0.94 + float64(tap)/0.70; !near(float64(h2.Energy.Hydrogen), want, 1e-9) || h2.Energy.Gas != 0 {
				t.Errorf("hydrogen %v GJ, want %v", h2.Energy.Hydrogen, want)
			}
			var boilers, conn int
			for _, iv := range h2.Investments {
				switch iv.Name {
				case "h2_boiler":
					boilers++
					// Hestia H2R 1792.19-2359.5 EUR (Installatie.csv line 13)
					if iv.Cost.Min != 1792.19 || iv.Cost.Max != 2359.5 {
						t.Errorf("h2 boiler %+v", iv.Cost)
					}
				case "hr_boiler":
					t.Error("the hydrogen option keeps the HR boiler")
				case "hydrogen-ready gas connection":
					conn++
				}
			}
			if boilers != 1 || conn != 1 {
				t.Errorf("hydrogen investments %+v", h2.Investments)
			}
			co2, err := p.CO2(h2)
			if err != nil {
				t.Fatal(err)
			}
			if !c.hybrid && co2.Value != 0 {
				t.Errorf("hydrogen boiler emits %v t CO2", co2)
			}
		})
	}
}

// S3c: a 30 C residual-heat source with a collective heat pump. 1000 kW
// peak, 1000 GJ produced: the main source is built for 30 % of the peak
// (300 kW; 800 GJ / 7000 h is only 31.7 kW) and delivers 80 % (800 GJ).
func TestNetworkLTRestwarmte(t *testing.T) {
	p := Defaults()
	o, err := p.Network(NetworkQuantities{Peak: 1000, Delivered: 1000, Source: SourceLTRest, LT: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Band[Euro]{}
	for _, iv := range o.Investments {
		got[iv.Name] = iv.Cost
	}
	// Hestia TypeInfo.csv line 26: 50-250 EUR/kW (150 central) x 300 kW
	if c := got["lt_restwarmte"]; !near(float64(c.Value), 45000, 1e-6) || !near(float64(c.Min), 15000, 1e-6) || !near(float64(c.Max), 75000, 1e-6) {
		t.Errorf("LT source %+v, want 45000 (15000-75000)", c)
	}
	// Vesta Kosten_LT collective heat pump 547.5 EUR/kW x 300 kW
	if c := got["collective heat pump"]; !near(float64(c.Value), 164250, 1e-6) {
		t.Errorf("collective heat pump %+v, want 164250", c)
	}
	// electricity 800 GJ / SPF 3.61 = 221.61 GJ = 61,557 kWh
	if e := float64(o.Heat.Production.Electricity); !near(e, 800/3.61/0.0036, 1) {
		t.Errorf("collective heat pump electricity %v kWh, want %v", e, 800/3.61/0.0036)
	}
}
