package kosten

import (
	"math"
	"strings"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestAnnuity(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		rate  float64
		years int
		want  float64
	}{
		// 0.03 / (1 - 1.03^-10) = 0.03 / (1 - 0.744094) = 0.03 / 0.255906 = 0.117231
		{"3% 10 yr", 0.03, 10, 0.1172305},
		// 0.03 / (1 - 1.03^-30) = 0.03 / (1 - 0.411987) = 0.051019
		{"3% 30 yr", 0.03, 30, 0.0510193},
		// 0.055 / (1 - 1.055^-15) = 0.055 / (1 - 0.447933) = 0.099626
		{"5.5% 15 yr", 0.055, 15, 0.0996256},
		// one year: repay 1 plus interest
		{"6% 1 yr", 0.06, 1, 1.06},
		{"0% 20 yr", 0, 20, 0.05},
	}
	for _, c := range cases {
		if got := Annuity(c.rate, c.years); !near(got, c.want, 5e-7) {
			t.Errorf("%s: Annuity = %.7f, want %.7f", c.name, got, c.want)
		}
	}
}

func TestNcwAnnuity(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		rate float64
		s, e int
		want float64
	}{
		// Vesta: d = 1.03, d^-2 = 0.942596, d^-30 = 0.411987,
		// (0.942596 - 0.411987) / 0.03 = 17.68698, 1/17.68698 = 0.056539
		{"Vesta 3% 2-30", 0.03, 2, 30, 0.0565388},
		// d = 1.06: d^-2 = 0.889996, d^-30 = 0.174110; 0.06 / 0.715886 = 0.083812
		{"6% 2-30", 0.06, 2, 30, 0.0838122},
		// s = 0 is the plain annuity over e years
		{"s=0 equals Annuity", 0.03, 0, 10, 0.1172305},
		// no discounting: 28 equal payments
		{"0% 2-30", 0, 2, 30, 1.0 / 28},
	}
	for _, c := range cases {
		if got := NcwAnnuity(c.rate, c.s, c.e); !near(got, c.want, 5e-7) {
			t.Errorf("%s: NcwAnnuity = %.7f, want %.7f", c.name, got, c.want)
		}
	}
}

func TestDiscountingAndLevelise(t *testing.T) {
	t.Parallel()
	// 1.03^-3 = 1/1.092727 = 0.915142
	if got := Discount(0.03, 3); !near(got, 0.9151417, 5e-7) {
		t.Errorf("Discount(3%%, 3) = %.7f", got)
	}
	// A constant flow comes back unchanged.
	if got := Levelise(0.03, 2, 30, func(int) float64 { return 100 }); !near(got, 100, 1e-9) {
		t.Errorf("Levelise(constant 100) = %g", got)
	}
	// A flow of 100 in year 3 only, over years 3..4 at 10 %: present value
	// 100 / 1.1^3 = 75.1315; NcwAnnuity(10 %, 2, 4) = 0.1 / (1.1^-2 - 1.1^-4)
	// = 0.1 / (0.826446 - 0.683013) = 0.697190; 75.1315 * 0.697190 = 52.381.
	got := Levelise(0.10, 2, 4, func(t int) float64 {
		if t == 3 {
			return 100
		}
		return 0
	})
	if !near(got, 52.3810, 5e-4) {
		t.Errorf("Levelise(one payment) = %.4f, want 52.3810", got)
	}
	// Annualise: one-off 550 EUR at 3 % over years 3-30 = 550 * 0.0565388 = 31.0963
	b := Annualise(Point(Euro(550)), 0.03, 0, 2, 30)
	if !near(float64(b.Value), 31.0963, 5e-4) {
		t.Errorf("Annualise one-off = %v", b)
	}
	// with a lifetime: 1000 * A(3 %, 10) = 117.2305
	b = Annualise(Band[Euro]{1000, 900, 1100}, 0.03, 10, 2, 30)
	if !near(float64(b.Value), 117.2305, 5e-4) || !near(float64(b.Min), 105.5075, 5e-4) || !near(float64(b.Max), 128.9536, 5e-4) {
		t.Errorf("Annualise asset = %v", b)
	}
}

// flatPrices moves the evaluation to 2033-2060, where the KEV 2019 paths
// are flat at their 2030-2050 level, so each year's price is the 2050
// price: gas KG commodity 0.368, ODE 0.086, energy tax 0.321, VAT 0.163
// EUR/m3; electricity KG commodity 0.102, network 0.006, ODE 0.031, energy
// tax 0.094, VAT 0.049 EUR/kWh; electricity KMG commodity 0.102, network
// 0.028, ODE 0.026, energy tax 0.049, VAT 0.
func flatPrices(t *testing.T, extra string) *Params {
	t.Helper()
	p, err := Defaults().WithOverrides(strings.NewReader("name,value,unit\neval.base_year,2030,year\n"+extra), "test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testOption() Option {
	return Option{
		Name: "test",
		Investments: []Investment{{
			Name: "installation", Cost: Band[Euro]{1000, 900, 1100}, Lifetime: 10, OM: 0.02,
			Payer: PayerOwner, VAT: VATStandard,
		}},
		Energy:         Energy{Gas: 1000, Electricity: 1000},
		Class:          ClassSmall,
		Owner:          OwnerOccupier,
		GasConnections: 1,
	}
}

func heatOption() Option {
	return Option{
		Name: "heat",
		Investments: []Investment{{
			Name: "network", Cost: Point(Euro(5000)), Lifetime: 30, OM: 0.01, Payer: PayerHeatCompany,
		}},
		Class: ClassSmall,
		Heat:  &HeatSupply{Delivered: 30, Connections: 1, Production: Energy{Electricity: 1000}},
	}
}

func checkBand[T ~float64](t *testing.T, what string, got Band[T], v, lo, hi float64) {
	t.Helper()
	if !near(float64(got.Value), v, 5e-3) || !near(float64(got.Min), lo, 5e-3) || !near(float64(got.Max), hi, 5e-3) {
		t.Errorf("%s = {%.4f %.4f %.4f}, want {%.4f %.4f %.4f}", what, got.Value, got.Min, got.Max, v, lo, hi)
	}
}

func TestNationalView(t *testing.T) {
	p := flatPrices(t, "")
	b, err := p.National(testOption())
	if err != nil {
		t.Fatal(err)
	}
	// capital 1000 * A(3 %, 10) 0.1172305 = 117.2305 (900: 105.5075, 1100: 128.9536)
	checkBand(t, "capital", b.Capital, 117.2305, 105.5075, 128.9536)
	// O&M 2 % of 1000 (900, 1100)
	checkBand(t, "O&M", b.OM, 20, 18, 22)
	// energy 1000 m3 * 0.368 + 1000 kWh * (0.102 + 0.006) = 476; no taxes
	checkBand(t, "energy", b.Energy, 476, 476, 476)
	checkBand(t, "tariffs", b.Tariffs, 0, 0, 0)
	checkBand(t, "total", b.Total, 613.2305, 599.5075, 626.9536)

	// heat network: capital 5000 * A(3 %, 30) 0.0510193 = 255.0963, O&M 50,
	// production 1000 kWh * KMG (0.102 + 0.028) = 130; tariffs are transfers.
	h, err := p.National(heatOption())
	if err != nil {
		t.Fatal(err)
	}
	checkBand(t, "heat total", h.Total, 435.0963, 435.0963, 435.0963)
}

func TestEndUserView(t *testing.T) {
	p := flatPrices(t, "")
	b, err := p.EndUser(testOption())
	if err != nil {
		t.Fatal(err)
	}
	// capital 1000 * 1.21 * A(5.5 %, 10) 0.1326678 = 160.5281 (1089: 144.4753, 1331: 176.5808)
	checkBand(t, "capital", b.Capital, 160.5281, 144.4753, 176.5808)
	// O&M 2 % of 1210 (1089, 1331)
	checkBand(t, "O&M", b.OM, 24.2, 21.78, 26.62)
	// gas 1000 * (0.368 + 0.086 + 0.321 + 0.163) = 938; electricity
	// 1000 * (0.102 + 0.006 + 0.031 + 0.094 + 0.049) = 282
	checkBand(t, "energy", b.Energy, 1220, 1220, 1220)
	// fixed gas charges 17.40 + 27.20 + 17.80 + 82.60 + 54.87 = 199.87, + 21 % VAT = 241.8427
	checkBand(t, "tariffs", b.Tariffs, 241.8427, 241.8427, 241.8427)

	// heat network: fee at ACM's cap 3719.01 / 1.0396 (CPI 2020) =
	// 3577.347 below Vesta's 3594.87, * 1.21 = 4328.590 spread over years
	// 3-30 at 5.5 % (NcwAnnuity 0.0788182) = 341.1717; vastrecht: ACM's
	// 395.54 / 1.0677 = 370.460 below Vesta's 373.91, + meettarief ACM's
	// 22.17 / 1.0677 = 20.764 below 21.22: 391.224 * 1.21 = 473.3812; heat
	// 30 GJ * 19.7434 EUR/GJ (HeatPrice: NMDA 23.5448 capped at ACM's
	// 21.08 / 1.0677, TestHeatPrice) * 1.21 = 716.6845. The company's own
	// investments are not the end user's.
	h, err := p.EndUser(heatOption())
	if err != nil {
		t.Fatal(err)
	}
	// 341.1717 + 473.3812 + 716.6845 = 1531.2374
	checkBand(t, "heat tariffs", h.Tariffs, 1531.2374, 1531.2374, 1531.2374)
	checkBand(t, "heat total", h.Total, 1531.2374, 1531.2374, 1531.2374)

	// a fee above the cap is capped; one below is charged as asked
	over, under := Euro(5000), Euro(1000)
	o := heatOption()
	o.Heat.Fee = &over
	if h2, _ := p.EndUser(o); !near(float64(h2.Total.Value), 1531.2374, 5e-3) {
		t.Errorf("fee above the ACM cap not capped: %v", h2.Total)
	}
	o.Heat.Fee = &under
	// 1000 * 1.21 * 0.0788182 = 95.3700; + 473.3812 + 716.6845 = 1285.4357
	if h3, _ := p.EndUser(o); !near(float64(h3.Total.Value), 1285.4357, 5e-3) {
		t.Errorf("fee below the cap: %v", h3.Total)
	}
}

func TestCompanyView(t *testing.T) {
	p := flatPrices(t, "")
	r, err := p.Company(heatOption())
	if err != nil {
		t.Fatal(err)
	}
	// revenue: fee 3577.347 (ACM's cap, TestEndUserView) * NcwAnnuity(6 %,
	// 2, 30) 0.0838122 = 299.8256 (at 6.8 %: 0.0921707 -> 329.7269) +
	// vastrecht and meettarief 391.224 + heat 30 * 19.7434 = 592.302
	checkBand(t, "revenue", r.Revenue, 1283.3516, 1283.3516, 1313.2529)
	// cost: 5000 * A(6 %, 30) 0.0726489 = 363.2446 (6.8 %: 0.0789735 ->
	// 394.8673) + O&M 50 + production 1000 kWh * KMG excl. VAT (0.102 +
	// 0.028 + 0.026 + 0.049 = 0.205) = 205 + admin 1 % of 391.224 = 3.9122
	checkBand(t, "cost", r.Cost, 622.1568, 622.1568, 653.7795)
	// ratio 1283.3516 / 622.1568 = 2.06274; low 1283.3516 / 653.7795 =
	// 1.96298; high 1313.2529 / 622.1568 = 2.11080
	checkBand(t, "ratio", r.Ratio, 2.06274, 1.96298, 2.11080)

	if _, err := p.Company(testOption()); err == nil {
		t.Error("Company of an option without a heat network: want an error")
	}
}

// TestTaxesOnlyInEndUserView: raising energy tax, ODE and VAT changes the
// end-user view and leaves the national view exactly as it was.
func TestTaxesOnlyInEndUserView(t *testing.T) {
	base := flatPrices(t, "")
	taxed := flatPrices(t, strings.Join([]string{
		"tax.vat,0.5,fraction",
		"tax.vat_building,0.5,fraction",
		"price.gas.KG.2050.energy_tax,5,EUR/m3",
		"price.gas.KG.2050.ode,1,EUR/m3",
		"price.gas.KG.2050.vat,2,EUR/m3",
		"price.electricity.KG.2050.energy_tax,3,EUR/kWh",
		"price.electricity.KG.2050.vat,1,EUR/kWh",
		"price.electricity.KMG.2050.energy_tax,3,EUR/kWh",
	}, "\n")+"\n")
	for _, o := range []Option{testOption(), heatOption()} {
		n0, err := base.National(o)
		if err != nil {
			t.Fatal(err)
		}
		n1, err := taxed.National(o)
		if err != nil {
			t.Fatal(err)
		}
		if n0 != n1 {
			t.Errorf("%s: national view changed with taxes: %v -> %v", o.Name, n0.Total, n1.Total)
		}
		e0, _ := base.EndUser(o)
		e1, _ := taxed.EndUser(o)
		if !(e1.Total.Value > e0.Total.Value+100) {
			t.Errorf("%s: end-user view ignores taxes: %v -> %v", o.Name, e0.Total, e1.Total)
		}
	}
	// and the national energy price is exactly commodity + CO2 + network
	pr, _ := base.EnergyPrice(Gas, ClassSmall, 2040)
	if pr.National() != pr.Commodity+pr.CO2+pr.Network || !near(pr.EndUser()-pr.National(), 0.086+0.321+0.163, 1e-12) {
		t.Errorf("price split %+v", pr)
	}
}

func TestInsulationAndDemandLookups(t *testing.T) {
	t.Parallel()
	p := Defaults()
	// kengetallen.md: rijwoning tussen 1946-1964 D->B 6756 + 12.4 m2 (min) / 4822 + 82.3 m2 (max)
	c, err := p.InsulationCost(RijwoningTussen, Bouw1946, LabelD, LabelB, 100)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := 6756.48+12.411*100, 4821.635+82.343*100
	checkBand(t, "D->B 100 m2", c, (lo+hi)/2, lo, hi)
	// vrijstaand voor 1930 F->B: 6301 + 112.2 m2 / 264 + 219.8 m2
	c, _ = p.InsulationCost(Vrijstaand, Voor1930, LabelF, LabelB, 150)
	lo, hi = 6301.152+112.165*150, 263.676+219.786*150
	checkBand(t, "F->B 150 m2", c, (lo+hi)/2, lo, hi)
	if c, err := p.InsulationCost(Vrijstaand, Voor1930, LabelB, LabelD, 150); err != nil || c != (Band[Euro]{}) {
		t.Errorf("a jump down costs %v, %v", c, err)
	}
	if _, err := p.InsulationCost("flat", Voor1930, LabelF, LabelB, 1); err == nil {
		t.Error("unknown type: want an error")
	}
	l, _ := p.DefaultLabel(MeergezinsLaagMidden, Bouw1965)
	if l != LabelD {
		t.Errorf("default label %s", l)
	}
	for _, c := range []struct {
		y    int
		want Bouwperiode
	}{{1900, Voor1930}, {1929, Voor1930}, {1930, Bouw1930}, {1964, Bouw1946}, {1965, Bouw1965}, {2005, Bouw2000}, {2020, Bouw2015}, {2024, Bouw2015}} {
		if got := BouwperiodeOf(c.y); got != c.want {
			t.Errorf("BouwperiodeOf(%d) = %q, want %q", c.y, got, c.want)
		}
	}
	for in, want := range map[string]Label{"A++++": LabelA, "a+": LabelA, "B": LabelB, " g ": LabelG} {
		if got, err := ParseLabel(in); err != nil || got != want {
			t.Errorf("ParseLabel(%q) = %q, %v", in, got, err)
		}
	}
}

func TestPipeCosts(t *testing.T) {
	t.Parallel()
	p := Defaults()
	b, err := p.PipeCostPerMetre(100)
	if err != nil {
		t.Fatal(err)
	}
	// euro of 2020 / the CPI index 1.0396 = euro of 2018
	checkBand(t, "DN100", b, 936.1/cpi2020, 936.1/cpi2020, 1090/cpi2020)
	if _, err := p.PipeCostPerMetre(33); err == nil {
		t.Error("DN33: want an error")
	}
	// CE Delft dT <= 30 at 1 MW: min 680.3, max 1075.5 (euro of 2020)
	c, _ := p.PipeCostCEDelft(1, 25)
	checkBand(t, "CE Delft 1 MW", c, (680.3+1075.5)/2/cpi2020, 680.3/cpi2020, 1075.5/cpi2020)
	// Vesta at 4 MW: 400 + 210*2 = 820; 800 + 200*4^0.6 = 800 + 200*2.297397 = 1259.479
	v := p.PipeCostVesta(4)
	checkBand(t, "Vesta 4 MW", v, (820+1259.479)/2, 820, 1259.479)
	// every catalogue DN has a price, and prices rise with DN
	prev := 0.0
	for _, pipe := range Pipes() {
		b, err := p.PipeCostPerMetre(pipe.DN)
		if err != nil {
			t.Fatalf("DN%d: %v", pipe.DN, err)
		}
		if float64(b.Value) <= prev {
			t.Errorf("DN%d costs %v, not more than the DN below", pipe.DN, b.Value)
		}
		prev = float64(b.Value)
	}
}

func TestOverrideRanges(t *testing.T) {
	t.Parallel()
	for _, f := range []string{
		"eval.start,31,yr",
		"eval.end,1.5,yr",
		"discount.national,1.2,fraction",
		"perf.hp_air.tw,0,ratio",
		"inst.hp_air.lifetime,0,yr",
		"gas.energy_content,-1,MJ/m3",
	} {
		if _, err := Defaults().WithOverrides(strings.NewReader("name,value,unit\n"+f+"\n"), "r.csv"); err == nil {
			t.Errorf("%s: accepted", f)
		}
	}
}

func TestConcurrentReads(t *testing.T) {
	t.Parallel()
	p := Defaults()
	d := Dwelling{Type: RijwoningHoek, Period: Bouw1965, Area: 110, Peak: 6}
	want, _ := p.HeatPump(d, GroundHeatPump, LabelB)
	wn, _ := p.National(want)
	done := make(chan Band[EuroPerYear], 8)
	for range 8 {
		go func() {
			o, _ := p.HeatPump(d, GroundHeatPump, LabelB)
			n, _ := p.National(o)
			done <- n.Total
		}()
	}
	for range 8 {
		if got := <-done; got != wn.Total {
			t.Errorf("concurrent result %v, want %v", got, wn.Total)
		}
	}
}

func TestLearningIndex(t *testing.T) {
	t.Parallel()
	p := Defaults()
	// heat pumps: 2030 optimistic 0.62, value 0.81; 2025 is halfway from 1:
	// value 0.905, min 0.81, max 1
	b, err := p.LearningIndex(LearnHeatPump, 2025)
	if err != nil {
		t.Fatal(err)
	}
	checkBand(t, "hp 2025", b, 0.905, 0.81, 1)
	b, _ = p.LearningIndex(LearnHeatPump, 2060)
	checkBand(t, "hp 2060", b, 0.71, 0.42, 1)
	b, _ = p.LearningIndex(LearnMTNet, 2010)
	checkBand(t, "mt 2010", b, 1, 1, 1)
	if _, err := p.LearningIndex("warp drive", 2030); err == nil {
		t.Error("unknown group: want an error")
	}
}

func TestHeatPrice(t *testing.T) {
	p := flatPrices(t, "")
	// NMDA: gas KG excl. VAT 0.368 + 0.086 + 0.321 = 0.775 EUR/m3, over
	// 31.65 MJ/m3 = 24.4866 EUR/GJ of gas, / 1.04 = 23.5448 EUR/GJ of heat;
	// capped at ACM's 21.08 EUR of 2021 / 1.0677 (CPI 2021 on 2018) = 19.7434
	if got := float64(p.NMDAHeatPrice()); !near(got, 23.5448, 1e-3) {
		t.Errorf("NMDA %.4f, want 23.5448", got)
	}
	if got := float64(p.HeatPrice()); !near(got, 21.08/1.0677, 1e-9) {
		t.Errorf("heat price %.4f, want the ACM cap 19.7434", got)
	}
	fixed := flatPrices(t, "tariff.heat.nmda,0,bool\n")
	if got := float64(fixed.HeatPrice()); got != 25 {
		t.Errorf("fixed heat price %.4f, want 25", got)
	}
	high := flatPrices(t, "tariff.heat.acm_max_gj,30,EUR/GJ,2021\n")
	if got := float64(high.HeatPrice()); !near(got, 23.5448, 1e-3) {
		t.Errorf("heat price under a high cap %.4f, want NMDA 23.5448", got)
	}
}
