package kosten

import (
	"fmt"
	"strings"
	"testing"
)

// atYear is the default parameter set with eval.base_year = year.
func atYear(t *testing.T, year int) *Params {
	t.Helper()
	p, err := Defaults().WithOverrides(strings.NewReader(fmt.Sprintf("name,value,unit\neval.base_year,%d,year\n", year)), "test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLearningIndexHandComputed(t *testing.T) {
	t.Parallel()
	p := Defaults()
	// learning.hp: 2030 {0.81, 0.62, 1}, 2040 {0.75, 0.50, 1}, 2050 {0.71, 0.42, 1}
	cases := []struct {
		group       string
		year        int
		v, min, max float64
	}{
		{LearnHeatPump, 2018, 1, 1, 1}, // flat before 2020
		{LearnHeatPump, 2020, 1, 1, 1},
		// 2025: halfway 2020-2030: 1 + 0.5 * (0.81 - 1) = 0.905, 1 + 0.5 * (0.62 - 1) = 0.81
		{LearnHeatPump, 2025, 0.905, 0.81, 1},
		{LearnHeatPump, 2030, 0.81, 0.62, 1},
		// 2033: 0.81 + 0.3 * (0.75 - 0.81) = 0.792, 0.62 + 0.3 * (0.50 - 0.62) = 0.584
		{LearnHeatPump, 2033, 0.792, 0.584, 1},
		{LearnHeatPump, 2050, 0.71, 0.42, 1},
		{LearnHeatPump, 2060, 0.71, 0.42, 1}, // flat after 2050
		// learning.mt_net 2030 {0.895, 0.79, 1}
		{LearnMTNet, 2030, 0.895, 0.79, 1},
		{LearnNone, 2050, 1, 1, 1}, // E/G infra: 100 % in every year
	}
	for _, c := range cases {
		got, err := p.LearningIndex(c.group, c.year)
		if err != nil {
			t.Fatalf("%q %d: %v", c.group, c.year, err)
		}
		checkBand(t, fmt.Sprintf("index %q %d", c.group, c.year), got, c.v, c.min, c.max)
	}
	if _, err := p.LearningIndex("no_such_curve", 2030); err == nil {
		t.Error("unknown learning group: want an error")
	}
}

// TestLearningAtBaseYear: one heat pump investment of {1000, 900, 1100}
// EUR, 10 years, O&M 2 %, priced in the national view at base years 2020,
// 2025 and 2030.
func TestLearningAtBaseYear(t *testing.T) {
	t.Parallel()
	o := Option{
		Name: "hp",
		Investments: []Investment{{
			Name: "heat pump", Cost: Band[Euro]{1000, 900, 1100}, Lifetime: 10, OM: 0.02,
			Payer: PayerOwner, VAT: VATStandard, Part: PartInstallation, Learning: LearnHeatPump,
		}},
		Class: ClassSmall,
	}
	cases := []struct {
		year        int
		capital, om [3]float64 // value, min, max
	}{
		// 2020: index 1; capital 1000 * A(3 %, 10) 0.1172305 = 117.2305
		// (900: 105.5075, 1100: 128.9536); O&M 2 % of 1000 (900, 1100)
		{2020, [3]float64{117.2305, 105.5075, 128.9536}, [3]float64{20, 18, 22}},
		// 2025: hp index {0.905, 0.81, 1}: 905 * 0.1172305 = 106.0936,
		// 729 * 0.1172305 = 85.4610; O&M index {0.9575, 0.915, 1}:
		// 0.02 * 957.5 = 19.15, 0.02 * 823.5 = 16.47
		{2025, [3]float64{106.0936, 85.4610, 128.9536}, [3]float64{19.15, 16.47, 22}},
		// 2030: hp index {0.81, 0.62, 1}: 810 * 0.1172305 = 94.9567,
		// 558 * 0.1172305 = 65.4146; O&M index {0.915, 0.83, 1}:
		// 0.02 * 915 = 18.3, 0.02 * 747 = 14.94
		{2030, [3]float64{94.9567, 65.4146, 128.9536}, [3]float64{18.3, 14.94, 22}},
	}
	for _, c := range cases {
		b, err := atYear(t, c.year).National(o)
		if err != nil {
			t.Fatal(err)
		}
		checkBand(t, fmt.Sprintf("%d capital", c.year), b.Capital, c.capital[0], c.capital[1], c.capital[2])
		checkBand(t, fmt.Sprintf("%d O&M", c.year), b.OM, c.om[0], c.om[1], c.om[2])
		checkBand(t, fmt.Sprintf("%d installations part", c.year), b.Parts[PartInstallation], c.capital[0], c.capital[1], c.capital[2])
	}
}

// TestLearningLeavesGridAlone: the electricity and gas infrastructure has
// no learning (Vesta's Infra curve is 100 % in every year): its yearly
// cost is the same at base years 2020 and 2050, in the views and in the
// grid part of a heat-pump option.
func TestLearningLeavesGridAlone(t *testing.T) {
	t.Parallel()
	var got [2]Breakdown
	var grid [2]Band[EuroPerYear]
	d := Dwelling{Type: TweeOnderEenKap, Period: Bouw1965, Area: 130, Peak: 7}
	for i, year := range []int{2020, 2050} {
		p := atYear(t, year)
		g, err := p.GridReinforcement(500, 300)
		if err != nil {
			t.Fatal(err)
		}
		m, err := p.GasMainRemoval(200)
		if err != nil {
			t.Fatal(err)
		}
		o := Option{Name: "grid", Investments: []Investment{g, m}, Class: ClassSmall}
		if got[i], err = p.National(o); err != nil {
			t.Fatal(err)
		}
		hp, err := p.HeatPump(d, AirHeatPump, LabelB)
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.National(hp)
		if err != nil {
			t.Fatal(err)
		}
		grid[i] = b.Parts[PartGrid]
	}
	if got[0].Capital.Value <= 0 {
		t.Fatalf("grid investments cost nothing: %+v", got[0].Capital)
	}
	if !sameBand(got[0].Total, got[1].Total) {
		t.Errorf("grid cost 2020 %+v, 2050 %+v: want equal", got[0].Total, got[1].Total)
	}
	if grid[0].Value <= 0 || !sameBand(grid[0], grid[1]) {
		t.Errorf("heat pump's grid part 2020 %+v, 2050 %+v: want equal and positive", grid[0], grid[1])
	}
}

// TestLearningSameFactorInEveryView: the capital cost of one investment
// at base year 2030 is its cost at 2020 times the same learning index, end
// by end, in the national, end-user and heat-company views.
func TestLearningSameFactorInEveryView(t *testing.T) {
	t.Parallel()
	owner := Investment{Name: "heat pump", Cost: Band[Euro]{1000, 900, 1100}, Lifetime: 15,
		Payer: PayerOwner, VAT: VATStandard, Part: PartInstallation, Learning: LearnHeatPump}
	company := Investment{Name: "pipes", Cost: Band[Euro]{5000, 4000, 6000}, Lifetime: 30,
		Payer: PayerHeatCompany, Part: PartNetwork, Learning: LearnMTNet}
	type views struct{ national, endUser, company Band[EuroPerYear] }
	get := func(year int, iv Investment) views {
		p := atYear(t, year)
		o := Option{Name: iv.Name, Investments: []Investment{iv}, Class: ClassSmall, Heat: &HeatSupply{}}
		n, err := p.National(o)
		if err != nil {
			t.Fatal(err)
		}
		e, err := p.EndUser(o)
		if err != nil {
			t.Fatal(err)
		}
		var v views
		v.national, v.endUser = n.Capital, e.Capital
		if iv.Payer == PayerHeatCompany {
			c, err := p.Company(o)
			if err != nil {
				t.Fatal(err)
			}
			v.company = c.Cost // capital only: no O&M, energy or vastrecht
		}
		return v
	}
	ratio := func(a, b Band[EuroPerYear]) Band[float64] {
		return Band[float64]{float64(a.Value / b.Value), float64(a.Min / b.Min), float64(a.Max / b.Max)}
	}
	for _, iv := range []Investment{owner, company} {
		idx, err := Defaults().LearningIndex(iv.Learning, 2030)
		if err != nil {
			t.Fatal(err)
		}
		if idx.Value >= 1 {
			t.Fatalf("%s: index %v at 2030: the test needs learning", iv.Name, idx)
		}
		a, b := get(2030, iv), get(2020, iv)
		checkBand(t, iv.Name+" national 2030/2020", ratio(a.national, b.national), idx.Value, idx.Min, idx.Max)
		if iv.Payer == PayerOwner {
			checkBand(t, iv.Name+" end user 2030/2020", ratio(a.endUser, b.endUser), idx.Value, idx.Min, idx.Max)
		} else {
			checkBand(t, iv.Name+" company 2030/2020", ratio(a.company, b.company), idx.Value, idx.Min, idx.Max)
		}
	}
}

// TestBuildersTagLearning: the option builders give every investment the
// learning group of its kind.
func TestBuildersTagLearning(t *testing.T) {
	t.Parallel()
	p := Defaults()
	d := Dwelling{Type: TweeOnderEenKap, Period: Bouw1965, Area: 130, Peak: 7, Label: LabelE}
	hp, err := p.HeatPump(d, GroundHeatPump, LabelA)
	if err != nil {
		t.Fatal(err)
	}
	hn, err := p.HeatNetworkConnection(d, LabelB, true, Point(Euro(2000)))
	if err != nil {
		t.Fatal(err)
	}
	hy, err := p.HybridHeatPump(d)
	if err != nil {
		t.Fatal(err)
	}
	geo, err := p.Network(NetworkQuantities{Trench: map[int]Metre{100: 50}, Peak: 1000, Delivered: 5000, Losses: 500, Source: SourceGeothermie})
	if err != nil {
		t.Fatal(err)
	}
	teo, err := p.Network(NetworkQuantities{Trench: map[int]Metre{100: 50}, Peak: 1000, Delivered: 5000, Losses: 500, Source: SourceTEO, LT: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"insulation E->A":               LearnInsulationA,
		"hp_ground":                     LearnHeatPump,
		"LT emission system":            LearnLTAS,
		"electricity connection 3x25 A": LearnNone,
		"remove gas connection":         LearnNone,
		"insulation E->B":               LearnInsulationCB,
		"in-building pipework":          LearnInBuilding,
		"afleverset":                    LearnInBuilding,
		"ongeriefsvergoeding":           LearnNone,
		"project management":            LearnNone,
		"service pipe":                  LearnServicePipes,
		"booster heat pump":             LearnHeatPump,
		"hp_hybrid":                     LearnHybrid,
		"hr_boiler":                     LearnNone,
		"pipes DN100":                   LearnMTNet,
		"substation":                    LearnMTNet,
		"geothermie":                    LearnGeothermie,
		"peak boiler":                   LearnNone,
		string(SourceTEO):               LearnLTSources,
		"collective heat pump":          LearnLTSources,
	}
	seen := map[string]bool{}
	for _, o := range []Option{hp, hn, hy, geo, teo} {
		for _, iv := range o.Investments {
			w, ok := want[iv.Name]
			if !ok {
				t.Errorf("%s: investment %q not in the table", o.Name, iv.Name)
				continue
			}
			seen[iv.Name] = true
			if iv.Learning != w {
				t.Errorf("%s: %q has learning group %q, want %q", o.Name, iv.Name, iv.Learning, w)
			}
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("no investment %q built", name)
		}
	}
}
