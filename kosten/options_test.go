package kosten

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
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
	// Source split (Vesta: main source 30 % of the peak, 80 % of the heat):
	// produced 3000 + 600 = 3600 GJ; main 300 kW, 2880 GJ; peak boiler
	// 700 kW, 720 GJ.
	// pipes DN100 936.1 * 200 = 187220 (topotherm 1090: 218000), DN50
	// 778 * 300 = 233400 (880: 264000); onderstation 135 EUR/kW * 1000 kW =
	// 135000 (120000-150000); restwarmte 250 * 300 = 75000 (67500-82500);
	// peak boiler 1300 * 700 = 910000 (800 * 700 = 560000 - 1800 * 700 =
	// 1260000)
	// (the pipe prices are euro of 2020: / 1.0396, the CPI index, to 2018)
	checkBand(t, "network investment", inv, (187220+233400)/cpi2020+135000+75000+910000, (187220+233400)/cpi2020+120000+67500+560000, (218000+264000)/cpi2020+150000+82500+1260000)
	// heat bought for the main source only: 2880 GJ * 0.322 EUR/m3 (KMG gas
	// commodity) * 1000 / 31.65 MJ/m3 * 0.6667 = 10.173776 * 0.6667 * 2880
	// = 19534.626 EUR/yr
	checkBand(t, "purchase", o.Heat.Purchase, 19534.626, 19534.626, 19534.626)
	// boiler gas: 720 GJ / 0.963 = 747.664 GJ * 1000 / 31.65 MJ/m3 =
	// 23622.861 m3; CO2 23622.861 m3 * 1.78 kg/m3 = 42.0487 t a year
	if g := float64(o.Heat.Production.Gas); !near(g, 23622.861, 1e-3) {
		t.Errorf("peak boiler gas %.3f m3", g)
	}
	if o.Heat.Production.Electricity != 0 {
		t.Errorf("restwarmte network uses %g kWh", float64(o.Heat.Production.Electricity))
	}
	co2, err := p.CO2(o)
	if err != nil {
		t.Fatal(err)
	}
	checkBand(t, "network CO2", co2, 42.0487, 42.0487, 42.0487)

	lt, err := p.Network(NetworkQuantities{Trench: map[int]Metre{65: 100}, Peak: 500, Delivered: 3000, Losses: 600, Source: SourceTEO, LT: true})
	if err != nil {
		t.Fatal(err)
	}
	// collective heat pump electricity for the main source's 80 %:
	// 2880 GJ / 3.61 / 0.0036 GJ/kWh = 221606.6 kWh; the boiler burns the
	// same 23622.861 m3 as above
	if e := float64(lt.Heat.Production.Electricity); !near(e, 221606.6, 0.5) {
		t.Errorf("collective HP electricity %.1f kWh", e)
	}
	if g := float64(lt.Heat.Production.Gas); !near(g, 23622.861, 1e-3) {
		t.Errorf("LT peak boiler gas %.3f m3", g)
	}
	geo, err := p.Network(NetworkQuantities{Peak: 1000, Delivered: 3000, Losses: 600, Source: SourceGeothermie})
	if err != nil {
		t.Fatal(err)
	}
	// doublet 1523 EUR/kW * 300 kW = 456900, O&M 6.9 %; pumps 2880 GJ /
	// 23.04 = 125 GJ = 34722.2 kWh
	for _, iv := range geo.Investments {
		if iv.Name == "geothermie" {
			checkBand(t, "doublet", iv.Cost, 456900, 456900, 456900)
		}
	}
	if e := float64(geo.Heat.Production.Electricity); !near(e, 34722.2, 0.1) {
		t.Errorf("geothermal pump electricity %.1f kWh", e)
	}
	// SplitSource itself: 1000 kW, 3600 GJ
	sp := p.SplitSource(1000, 3600)
	if sp.MainKW != 300 || sp.BoilerKW != 700 || !near(float64(sp.MainGJ), 2880, 1e-9) || !near(float64(sp.BoilerGJ), 720, 1e-9) {
		t.Errorf("split %+v", sp)
	}
	// a main source for the whole peak and heat: no boiler, no gas
	one := flatPrices(t, "source.main_capacity_share,1,fraction\nsource.main_volume_share,1,fraction\n")
	o1, err := one.Network(NetworkQuantities{Peak: 1000, Delivered: 3000, Losses: 600, Source: SourceRestwarmte})
	if err != nil {
		t.Fatal(err)
	}
	for _, iv := range o1.Investments {
		if iv.Name == "peak boiler" {
			t.Errorf("shares 1/1: still a peak boiler %+v", iv.Cost)
		}
	}
	if o1.Heat.Production.Gas != 0 {
		t.Errorf("shares 1/1: boiler gas %g", float64(o1.Heat.Production.Gas))
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
	// restwarmte is counted CO2-free; the peak boiler burns gas for 20 % of
	// the heat produced: (delivered + 200 GJ losses) * 0.2 / 0.963 GJ of
	// gas at 1.78 kg/m3 (flat over the evaluation years)
	co2ref, _ := p.CO2(s.Reference)
	boilerM3 := (float64(s.Option.Heat.Delivered) + 200) * 0.2 / 0.963 * 1000 / 31.65
	if g := float64(netw.Heat.Production.Gas); !near(g, boilerM3, 1e-6) {
		t.Errorf("boiler gas %.3f m3, want %.3f", g, boilerM3)
	}
	if want := float64(co2ref.Value) - boilerM3*1.78/1000; !near(float64(in.CO2Avoided.Value), want, 1e-9) || !in.EuroPerTonneDefined {
		t.Errorf("CO2 avoided %v, want %.4f (reference %v)", in.CO2Avoided, want, co2ref)
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

// TestSplitSourceFullLoadHours: the main source never runs more than
// source.main_max_full_load_hours (so never more than the 8,760 hours of a
// year), whatever the peak and heat; at an ordinary 2,000 h network it
// keeps Vesta's 30 % capacity share. The Delft demo network (31,887 kW
// diversified peak, 391,761 GJ produced) needed 9,098 h before the floor.
func TestSplitSourceFullLoadHours(t *testing.T) {
	p := Defaults()
	maxH := p.bandNamed("source.main_max_full_load_hours").Value
	if maxH <= 0 || maxH >= 8760 {
		t.Fatalf("source.main_max_full_load_hours %g: want between 0 and 8,760 h", maxH)
	}
	cases := []struct {
		name     string
		peak     KiloWatt
		produced GigaJoule
		share    bool // capacity share of the peak still binds
	}{
		{"2000 h network", 10000, GigaJouleFromKWh(10000 * 2000), true},
		{"Delft demo", 31887, 391761, false},
		{"base load 5000 h", 1000, GigaJouleFromKWh(1000 * 5000), false},
		{"constant load 8760 h", 1000, GigaJouleFromKWh(1000 * 8760), false},
		{"peak far too small", 10, 10000, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := p.SplitSource(c.peak, c.produced)
			hours := float64(KWhFromGigaJoule(s.MainGJ)) / float64(s.MainKW)
			if hours > maxH*(1+1e-9) || hours >= 8760 {
				t.Errorf("main source %.0f kW for %.0f GJ: %.0f full-load hours, max %.0f", float64(s.MainKW), float64(s.MainGJ), hours, maxH)
			}
			if s.MainKW > c.peak || s.BoilerKW < 0 || s.BoilerGJ < 0 {
				t.Errorf("split %+v of %g kW", s, float64(c.peak))
			}
			if !near(float64(s.MainGJ+s.BoilerGJ), float64(c.produced), 1e-6) {
				t.Errorf("heat %g + %g != %g", float64(s.MainGJ), float64(s.BoilerGJ), float64(c.produced))
			}
			if want := c.peak * KiloWatt(p.bandNamed("source.main_capacity_share").Value); c.share != (s.MainKW == want) {
				t.Errorf("main %.1f kW, capacity share gives %.1f kW; want share binding %v", float64(s.MainKW), float64(want), c.share)
			}
		})
	}
}

// TestOverridesSizeLimit: an override file larger than any parameter file
// is an error naming the file, not read whole into memory.
func TestOverridesSizeLimit(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("name,value,unit\n# ")
	f.Write(bytes.Repeat([]byte("x"), maxOverrideBytes+10))
	f.Close()
	if _, err := LoadOverrides(path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("error %v, want one naming %s and its size", err, path)
	}
}
