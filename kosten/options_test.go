package kosten

import (
	"math"
	"testing"
)

func TestNetwork(t *testing.T) {
	p := flatPrices(t, "")
	o, err := p.Network(NetworkQuantities{
		Trench: map[int]Metre{100: 200, 50: 300}, Peak: 1000,
		Delivered: 3000, Losses: 600, Source: SourceRestwarmte,
	})
	if err != nil {
		t.Fatal(err)
	}
	var inv Band[Euro]
	for _, iv := range o.Investments {
		if iv.Payer != PayerHeatCompany {
			t.Errorf("%s paid by %d", iv.Name, iv.Payer)
		}
		inv = inv.Add(iv.Cost)
	}
	// pipes DN100 936.1 * 200 = 187220 (topotherm 1090: 218000), DN50
	// 778 * 300 = 233400 (880: 264000); onderstation 135 EUR/kW * 1000 kW =
	// 135000 (120000-150000); restwarmte 250 * 1000 = 250000 (225000-275000)
	checkBand(t, "network investment", inv, 187220+233400+135000+250000, 187220+233400+120000+225000, 218000+264000+150000+275000)
	// heat bought: (3000 + 600) GJ * 0.322 EUR/m3 (KMG gas commodity) *
	// 1000 / 31.65 MJ/m3 * 0.6667 = 10.173776 * 0.6667 * 3600 = 24418.282 EUR/yr
	checkBand(t, "purchase", o.Heat.Purchase, 24418.282, 24418.282, 24418.282)

	lt, err := p.Network(NetworkQuantities{Trench: map[int]Metre{65: 100}, Peak: 500, Delivered: 3000, Losses: 600, Source: SourceTEO, LT: true})
	if err != nil {
		t.Fatal(err)
	}
	// collective heat pump electricity: 3600 GJ / 3.61 / 0.0036 GJ/kWh = 277008 kWh
	if e := float64(lt.Heat.Production.Electricity); !near(e, 277008.3, 0.5) {
		t.Errorf("collective HP electricity %.1f kWh", e)
	}
	if _, err := p.Network(NetworkQuantities{Trench: map[int]Metre{33: 10}, Source: SourceTEO}); err == nil {
		t.Error("DN33: want an error")
	}
	if _, err := p.Network(NetworkQuantities{Source: "kolen"}); err == nil {
		t.Error("unknown source: want an error")
	}
}

func TestHeatNetworkConnection(t *testing.T) {
	t.Parallel()
	p := Defaults()
	d := Dwelling{Type: RijwoningTussen, Period: Bouw1946, Area: 90}
	mt, err := p.HeatNetworkConnection(d, LabelD, false, Band[Euro]{})
	if err != nil {
		t.Fatal(err)
	}
	var company, owner Band[Euro]
	for _, iv := range mt.Investments {
		switch iv.Payer {
		case PayerHeatCompany:
			company = company.Add(iv.Cost)
		case PayerOwner:
			owner = owner.Add(iv.Cost)
		}
	}
	// label D already: no insulation. Company: in-building 2500 +
	// afleverset 1300 + ongeriefsvergoeding 140.42 + project management
	// 168.505 (56.17-280.84) = 4108.925 (3996.59-4221.26)
	checkBand(t, "MT company", company, 4108.925, 3996.59, 4221.26)
	checkBand(t, "MT owner", owner, 0, 0, 0)
	// heat delivered: space 28.682 + tap 6.4 = 35.082 GJ
	if h := float64(mt.Heat.Delivered); !near(h, 35.082, 1e-3) {
		t.Errorf("delivered %.3f GJ", h)
	}
	lt, err := p.HeatNetworkConnection(d, LabelB, true, Point(Euro(1000)))
	if err != nil {
		t.Fatal(err)
	}
	owner = Band[Euro]{}
	for _, iv := range lt.Investments {
		if iv.Payer == PayerOwner {
			owner = owner.Add(iv.Cost)
		}
	}
	// insulation D->B 10052.99 (7873.47-12232.51) + booster 2393.41
	// (2225.98-2560.84) + LT emission system 2089.565 (957.21-3221.92)
	checkBand(t, "LT owner", owner, 10052.9875+2393.41+2089.565, 7873.47+2225.98+957.21, 12232.505+2560.84+3221.92)
	if !lt.Heat.LT {
		t.Error("LT flag lost")
	}
}

func TestHybridAndStrategy(t *testing.T) {
	t.Parallel()
	p := Defaults()
	d := Dwelling{Type: TweeOnderEenKap, Period: Bouw1965, Area: 130, Peak: 7}
	h, err := p.HybridHeatPump(d)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := p.GasBoiler(d)
	// the hybrid burns less gas and uses some electricity
	if !(h.Energy.Gas < ref.Energy.Gas && h.Energy.Electricity > 0) {
		t.Errorf("hybrid energy %+v vs reference %+v", h.Energy, ref.Energy)
	}
	// a wijk of 20 such dwellings on a restwarmte network
	var conns, refs []Option
	for range 20 {
		c, err := p.HeatNetworkConnection(d, LabelD, false, Point(Euro(5000)))
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		refs = append(refs, ref)
	}
	netw, err := p.Network(NetworkQuantities{Trench: map[int]Metre{80: 400, 40: 300}, Peak: 120, Delivered: 20 * conns[0].Heat.Delivered, Losses: 200, Source: SourceRestwarmte})
	if err != nil {
		t.Fatal(err)
	}
	s := Strategy{Name: "MT", Option: p.Merge("MT", append(conns, netw)...), Reference: p.Merge("ref", refs...), Dwellings: 20}
	if s.Option.Heat.Connections != 20 || !near(float64(s.Option.Heat.Delivered), 20*float64(conns[0].Heat.Delivered), 1e-9) {
		t.Fatalf("merged heat %+v", s.Option.Heat)
	}
	in, err := p.Indicators(s)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]Band[float64]{
		"national": Convert[float64](in.NationalCost, 1), "extra": Convert[float64](in.NationalExtraCost, 1),
		"enduser": Convert[float64](in.EndUserPerDwelling, 1), "eur/t": in.EuroPerTonneCO2,
	} {
		if !b.Valid() {
			t.Errorf("%s band %+v", name, b)
		}
	}
	// restwarmte is counted CO2-free: all the reference's gas is avoided
	co2ref, _ := p.CO2(s.Reference)
	if !near(float64(in.CO2Avoided.Value), float64(co2ref.Value), 1e-9) || !in.EuroPerTonneDefined {
		t.Errorf("CO2 avoided %v of %v", in.CO2Avoided, co2ref)
	}
	c, err := p.Company(s.Option)
	if err != nil {
		t.Fatal(err)
	}
	if !(c.Ratio.Value > 0) || math.IsInf(c.Ratio.Max, 0) {
		t.Errorf("company ratio %+v", c.Ratio)
	}
	// utility floor area counts as dwelling-equivalents: 20 + 1300/130 = 30
	s.UtilityArea = 1300
	in2, _ := p.Indicators(s)
	if in2.DwellingEquivalents != 30 {
		t.Errorf("dwelling-equivalents %g", in2.DwellingEquivalents)
	}
}

func TestOptionErrors(t *testing.T) {
	t.Parallel()
	p := Defaults()
	for name, d := range map[string]Dwelling{
		"no area":      {Type: Vrijstaand, Period: Voor1930, Peak: 8},
		"bad type":     {Type: "flat", Period: Voor1930, Area: 80, Peak: 8},
		"bad period":   {Type: Vrijstaand, Period: "1800", Area: 80, Peak: 8},
		"bad label":    {Type: Vrijstaand, Period: Voor1930, Label: "Q", Area: 80, Peak: 8},
		"no peak (HP)": {Type: Vrijstaand, Period: Voor1930, Area: 80},
	} {
		if _, err := p.HeatPump(d, AirHeatPump, LabelB); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestGrid(t *testing.T) {
	t.Parallel()
	p := Defaults()
	// 700 kW extra: 2 MS rooms * 70000 (63000-77000) + 500 m * 110 (99-121)
	g, err := p.GridReinforcement(700, 500)
	if err != nil {
		t.Fatal(err)
	}
	checkBand(t, "grid", g.Cost, 140000+55000, 126000+49500, 154000+60500)
	m, _ := p.GasMainRemoval(250)
	checkBand(t, "gas mains", m.Cost, 25000, 22500, 27500)
	if m.Lifetime != 0 || m.Payer != PayerGridOperator {
		t.Errorf("gas main removal %+v", m)
	}
	if _, err := p.GridReinforcement(-1, 0); err == nil {
		t.Error("negative peak: want an error")
	}
}
