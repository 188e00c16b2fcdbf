package wijkanalyse

import (
	"context"
	"math"
	"os"
	"sort"
	"sync"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

const delftPBF = "../testdata/delft-wippolder/tudelft.osm.pbf"

var delft = sync.OnceValues(func() (Input, error) {
	f, err := os.Open(delftPBF)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	ex, err := geodata.ReadOSMPBF(context.Background(), f, delftPBF)
	if err != nil {
		return Input{}, err
	}
	panden, rep := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	return Input{
		Panden:          panden,
		Addresses:       ex.Addresses,
		Streets:         ex.Streets,
		Water:           ex.Water,
		BuildingsReport: rep,
		StreetsReport:   ex.StreetReport,
		CRS:             "EPSG:4326",
	}, nil
})

func loadDelft(t testing.TB) Input {
	t.Helper()
	in, err := delft()
	if err != nil {
		t.Fatalf("Delft demo not readable: %v", err)
	}
	return in
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedCounts(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestDelftClassify(t *testing.T) {
	in := loadDelft(t)
	opt := Options{}.withDefaults()
	bs, fs, notes, err := classify(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, dnotes, err := assignDemand(&in, bs, fs, opt.params())
	if err != nil {
		t.Fatal(err)
	}
	var s Stock
	for i := range bs {
		s.add(&bs[i])
	}
	t.Logf("panden %d, notes %q %q", len(bs), notes, dnotes)
	for _, m := range []struct {
		name string
		m    map[string]int
	}{{"use", s.ByUse}, {"era", s.ByEra}, {"type", s.ByType}, {"label", s.ByLabel}} {
		for _, k := range sortedCounts(m.m) {
			t.Logf("%s %-20q %d", m.name, k, m.m[k])
		}
	}
	t.Logf("dwellings %d, floor area %.0f m2, heat %.0f GJ, mean %.1f GJ/dwelling", s.Dwellings, s.FloorAreaM2, s.HeatDemandGJ, s.MeanDemandGJPerDwelling)
	// One unit per map: the By* maps count dwellings, the UtilityM2By*
	// maps sum utility floor area.
	for name, m := range map[string]map[string]int{"era": s.ByEra, "label": s.ByLabel, "type": s.ByType, "label source": s.ByLabelSource} {
		sum := 0
		for _, c := range m {
			sum += c
		}
		if sum != s.Dwellings {
			t.Errorf("by_%s sums to %d, want %d dwellings", name, sum, s.Dwellings)
		}
	}
	var utilM2 float64
	for i := range bs {
		if bs[i].Use == UseUtiliteit {
			utilM2 += bs[i].FloorAreaM2
		}
	}
	for name, m := range map[string]map[string]float64{"era": s.UtilityM2ByEra, "label": s.UtilityM2ByLabel, "type": s.UtilityM2ByType} {
		sum := 0.0
		for _, v := range m {
			sum += v
		}
		if math.Abs(sum-utilM2) > 1e-6*utilM2 || utilM2 == 0 {
			t.Errorf("utility m2 by %s sums to %.0f, want %.0f", name, sum, utilM2)
		}
	}
	if s.Bijgebouwen != s.ByUse[string(UseBijgebouw)] || s.UtilityPanden != s.ByUse[string(UseUtiliteit)] || s.UtilityPanden == 0 || s.Bijgebouwen == 0 {
		t.Errorf("bijgebouwen %d, utility panden %d, by use %v", s.Bijgebouwen, s.UtilityPanden, s.ByUse)
	}
	for i := range bs {
		if bs[i].Era != EraOf(in.Panden[i].Bouwjaar) {
			t.Errorf("pand %s: era %v for bouwjaar %d", bs[i].ID, bs[i].Era, in.Panden[i].Bouwjaar)
		}
		if bs[i].Use != UseBijgebouw && (bs[i].Label == "" || bs[i].LabelSource == LabelNone) {
			t.Errorf("pand %s: heated without a label", bs[i].ID)
		}
	}
}

func TestDelftScan(t *testing.T) {
	in := loadDelft(t)
	stages := map[string]int{}
	res, err := Scan(context.Background(), in, Options{Progress: func(stage string, done, total int) { stages[stage]++ }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Buildings) != len(in.Panden) {
		t.Fatalf("%d buildings out for %d panden", len(res.Buildings), len(in.Panden))
	}
	for _, n := range res.Notes {
		t.Log("note:", n)
	}
	nw := res.Network
	t.Logf("network %s routed=%v terminals %d connected %d unreachable %d trench %.0f m service %.0f m peak %.0f kW loss %.0f GJ cost %.0f (%.0f-%.0f) EUR, rounds %d, dropped %d",
		nw.Option, nw.Routed, nw.Terminals, nw.Connected, nw.Unreachable, nw.TrenchM, nw.ServiceM, nw.PeakKW, nw.HeatLossGJ, nw.CostEUR.Value, nw.CostEUR.Min, nw.CostEUR.Max, nw.Rounds, len(res.Dropped))
	lt := res.NetworkLT
	t.Logf("LT routing: connected %d trench %.0f m service %.0f m loss %.0f GJ cost %.0f EUR", lt.Connected, lt.TrenchM, lt.ServiceM, lt.HeatLossGJ, lt.CostEUR.Value)
	for _, s := range res.Strategies {
		t.Logf("strategy %-13s feasible=%v nat %.2f MEUR/yr extra %.2f enduser %.0f EUR/dw/yr co2 avoided %.0f t eur/t %.0f  (%s)",
			s.Name, s.Feasible, s.NationalCostEURPerYear.Value/1e6, s.ExtraNationalCostEURPerYear.Value/1e6, s.EnduserCostEURPerYearPerDwelling.Value, s.CO2AvoidedTPerYear.Value, s.EURPerTCO2.Value, s.Reason)
	}
	t.Logf("best strategy %q; stock mean demand %.1f GJ/dwelling; stages %v", res.BestStrategy, res.Stock.MeanDemandGJPerDwelling, stages)
	best := map[OptionKind]int{}
	for _, b := range res.Buildings {
		best[b.Best]++
	}
	t.Logf("best per building %v", best)
	// Demand per dwelling by stratum, to compare with Dutch averages.
	type acc struct{ dw, m2, gj, m3 float64 }
	strata := map[string]*acc{}
	for _, b := range res.Buildings {
		if b.Use != UseWoning {
			continue
		}
		form := "meergezins"
		if b.Woningtype.Grondgebonden() {
			form = "grondgebonden"
		}
		age := "<1975"
		if b.Bouwjaar >= 1975 {
			age = "1975-1999"
		}
		if b.Bouwjaar >= 2000 {
			age = ">=2000"
		}
		for _, k := range []string{form + " " + age, "all"} {
			if strata[k] == nil {
				strata[k] = &acc{}
			}
			a := strata[k]
			a.dw += float64(b.Dwellings)
			a.m2 += b.FloorAreaM2
			a.gj += b.SpaceHeatGJ + b.TapWaterGJ
			a.m3 += b.GasM3
		}
	}
	for _, k := range sortedKeys(strata) {
		a := strata[k]
		t.Logf("%-24s dwellings %5.0f  m2/dw %5.1f  GJ/dw %5.1f  gas m3/dw %6.0f", k, a.dw, a.m2/a.dw, a.gj/a.dw, a.m3/a.dw)
	}
	t.Logf("stock: mean %.1f GJ and %.0f m3 gas per dwelling", res.Stock.MeanDemandGJPerDwelling, res.Stock.MeanGasM3PerDwelling)
	// Dutch dwellings average roughly 1,000-1,200 m3 of gas a year; this
	// wijk has many small post-2000 flats, so it must sit below, not far off.
	if m := res.Stock.MeanGasM3PerDwelling; m < 600 || m > 1400 {
		t.Errorf("mean gas use %.0f m3 per dwelling is implausible", m)
	}
	if res.Network.Connected == 0 || !res.Network.CostEUR.Valid() || res.BestStrategy == "" {
		t.Errorf("network %+v, best strategy %q", res.Network.Connected, res.BestStrategy)
	}
	checkResult(t, in, res)
	a := res.Areas[0]
	t.Logf("area %.1f ha, density %.0f GJ/ha, trench %.0f m, %.1f GJ/m", a.AreaHa, a.HeatDensityGJPerHa, a.TrenchM, a.GJPerMTrench)
}
