package wijkanalyse

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// TestMixedCarriesTheNetwork: three buildings on a network whose average
// share makes the network option dearer than all-electric for each of
// them (the expansion keeps them on their marginal cost) and one off the
// network. The mixed strategy must carry the whole cost of the network as
// routed for exactly the connected buildings: mixed national cost minus
// the connected buildings' own building sides minus the others'
// all-electric cost equals the collective network cost plus their
// service pipes. (Before the fix the connected buildings took all-electric
// in "mixed" and the network's cost vanished.) Nothing is assumed about
// how mixed compares with the pure strategies.
func TestMixedCarriesTheNetwork(t *testing.T) {
	t.Parallel()
	pr := newPricer(kosten.Defaults())
	opt := Options{}.withDefaults()
	const n = 4
	bs := make([]Building, n)
	sides := make([][nSides]views, n)
	nr := &netResult{connected: make([]bool, n), unreachable: map[int]string{}, service: make([]Band, n), exclusive: make([]Band, n)}
	water := make([]float64, n)
	for i := range bs {
		bs[i] = Building{ID: string(rune('A' + i)), Use: UseWoning, Dwellings: 1, DwellingEquivalents: 1, PeakKW: 10, SpaceHeatGJ: 30, TapWaterGJ: 8}
		sides[i][sideGas].national = kosten.Point(1000.0)
		sides[i][sideElectric].national = kosten.Point(2000.0 + 10*float64(i))
		sides[i][sideGround].national = kosten.Point(2500.0 + 10*float64(i))
		sides[i][sideNetMT].national = kosten.Point(1200.0)
		sides[i][sideNetLT].national = kosten.Point(1500.0)
		water[i] = math.Inf(1)
		if i < 3 {
			nr.connected[i] = true
			nr.members = append(nr.members, i)
			nr.service[i] = kosten.Point(4000.0 + 1000*float64(i))
			nr.peakSum += bs[i].PeakKW
		}
	}
	bs[3].DroppedReason = "round 1: too far"
	nets := map[OptionKind]*netResult{OptionWarmtenetMT: nr, OptionWarmtenetLT: nr, OptionAquathermie: nr, OptionGeothermie: nr}
	netViews := map[OptionKind]views{
		OptionWarmtenetMT: {national: kosten.Point(6000.0)}, // 2,000 EUR/yr a building: MT dearer than all-electric for each
		OptionWarmtenetLT: {national: kosten.Point(9000.0)},
		OptionAquathermie: {national: kosten.Point(9000.0)},
		OptionGeothermie:  {national: kosten.Point(1.0)}, // cheap, but below the geothermal minimum: infeasible
	}
	evalOptions(bs, sides, nr, nets, netViews, water, false, nil, opt, pr)
	if pr.err != nil {
		t.Fatal(pr.err)
	}
	sts, best := strategies(bs, []int{0, 1, 2, 3})
	var mixed *Strategy
	for i := range sts {
		if sts[i].Name == StrategyMixed {
			mixed = &sts[i]
		}
	}
	if mixed == nil || !mixed.Feasible || mixed.NetworkOption != OptionWarmtenetMT {
		t.Fatalf("mixed %+v, want feasible on warmtenet_mt", mixed)
	}
	for i := range bs {
		b := &bs[i]
		mt, ae := b.Options[optionIndex(OptionWarmtenetMT)], b.Options[optionIndex(OptionAllElectric)]
		switch {
		case nr.connected[i] && b.Best != OptionWarmtenetMT:
			t.Errorf("%s connected: best %s, want warmtenet_mt", b.ID, b.Best)
		case nr.connected[i] && !(mt.National.Value > ae.National.Value):
			t.Errorf("%s: the test wants MT (%.0f) dearer than all-electric (%.0f) on average", b.ID, mt.National.Value, ae.National.Value)
		case !nr.connected[i] && b.Best != cheaperHeatPump(b):
			t.Errorf("%s off the network: best %s, want %s", b.ID, b.Best, cheaperHeatPump(b))
		}
	}
	network := netViews[OptionWarmtenetMT].national.Value
	own := 0.0
	for i := range bs {
		if nr.connected[i] {
			network += pr.serviceViews(nr.service[i]).national.Value
			own += sides[i][sideNetMT].national.Value
		} else {
			own += sides[i][sideOf(bs[i].Best)].national.Value
		}
	}
	if got := mixed.NationalCostEURPerYear.Value - own; math.Abs(got-network) > 1e-6*network {
		t.Errorf("mixed carries %.2f EUR/yr of network, the routed network for the connected buildings costs %.2f", got, network)
	}
	t.Logf("mixed %.0f EUR/yr (network %.0f), best strategy %s", mixed.NationalCostEURPerYear.Value, network, best)
	// Geothermie is infeasible for every building: no figures.
	for _, st := range sts {
		if st.Name == string(OptionGeothermie) && (st.Feasible || !math.IsNaN(st.NationalCostEURPerYear.Value)) {
			t.Errorf("geothermie strategy feasible %v, national %+v", st.Feasible, st.NationalCostEURPerYear)
		}
	}
}

// TestEnduserPerDwelling: the end-user cost per dwelling is the
// dwellings' end-user cost over the dwellings (a shop in a woning pand and
// a utility building do not count); the per dwelling-equivalent figure
// covers every heated building.
func TestEnduserPerDwelling(t *testing.T) {
	t.Parallel()
	opts := func(eu float64) []Option {
		os := make([]Option, len(OptionKinds))
		for k, kind := range OptionKinds {
			os[k] = Option{Kind: kind, Feasible: !kind.Network(), National: kosten.Point(eu), EndUser: kosten.Point(eu), Reason: "test"}
			os[k].EndUserParts[kosten.PartEnergy] = kosten.Point(eu)
			os[k].NationalParts[kosten.PartEnergy] = kosten.Point(eu)
			if kind.Network() {
				os[k].clear()
			}
		}
		return os
	}
	bs := []Building{
		// 10 flats above a shop of 130 m2: 11 dwelling-equivalents.
		{ID: "flats", Use: UseWoning, Dwellings: 10, DwellingEquivalents: 11, Options: opts(22000), Best: OptionAllElectric},
		{ID: "house", Use: UseWoning, Dwellings: 1, DwellingEquivalents: 1, Options: opts(3000), Best: OptionAllElectric},
		// An office of 2,600 m2: 20 dwelling-equivalents.
		{ID: "office", Use: UseUtiliteit, DwellingEquivalents: 20, Options: opts(50000), Best: OptionAllElectric},
		{ID: "shed", Use: UseBijgebouw, Options: opts(0)},
	}
	sts, _ := strategies(bs, []int{0, 1, 2, 3})
	for _, st := range sts {
		if !st.Feasible {
			if !math.IsNaN(st.EnduserCostEURPerYearPerDwelling.Value) || !math.IsNaN(st.EnduserCostEURPerYearPerDwellingEquivalent.Value) {
				t.Errorf("%s infeasible but has figures", st.Name)
			}
			continue
		}
		wantDw := (22000*10.0/11 + 3000) / 11
		wantWEQ := (22000 + 3000 + 50000) / 32.0
		if got := st.EnduserCostEURPerYearPerDwelling.Value; math.Abs(got-wantDw) > 1e-9 {
			t.Errorf("%s: per dwelling %.2f, want %.2f", st.Name, got, wantDw)
		}
		if got := st.EnduserCostPartsPerDwelling[kosten.PartEnergy].Value; math.Abs(got-wantDw) > 1e-9 {
			t.Errorf("%s: per dwelling energy part %.2f, want %.2f", st.Name, got, wantDw)
		}
		if got := st.EnduserCostEURPerYearPerDwellingEquivalent.Value; math.Abs(got-wantWEQ) > 1e-9 {
			t.Errorf("%s: per dwelling-equivalent %.2f, want %.2f", st.Name, got, wantWEQ)
		}
		if st.Dwellings != 11 || st.DwellingEquivalents != 32 {
			t.Errorf("%s: %d dwellings, %.0f dwelling-equivalents", st.Name, st.Dwellings, st.DwellingEquivalents)
		}
	}
}

// cheaperHeatPump is the cheaper of a building's two all-electric options.
func cheaperHeatPump(b *Building) OptionKind {
	if b.Options[optionIndex(OptionAllElectricGround)].National.Value < b.Options[optionIndex(OptionAllElectric)].National.Value {
		return OptionAllElectricGround
	}
	return OptionAllElectric
}

// S3c (warmtenet_lt_bron) needs a given 30 C residual-heat source.
func TestLTSourceOption(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		sources  []Source
		feasible bool
	}{
		{"no source", nil, false},
		{"an LT source", []Source{{Name: "datacenter", Kind: "lt_restwarmte", Point: orb.Point{-20, -8}, CapacityKW: 5000, TemperatureC: 30}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := handStreet()
			in.Streets = []geodata.Street{{ID: "s1", Line: orb.LineString{{-20, -8}, {120, -8}}}}
			in.Sources = c.sources
			res, err := Scan(context.Background(), in, Options{Params: nearSource(t)})
			if err != nil {
				t.Fatal(err)
			}
			var st *Strategy
			for i := range res.Strategies {
				if res.Strategies[i].Name == string(OptionWarmtenetLTBron) {
					st = &res.Strategies[i]
				}
			}
			if st == nil || st.Feasible != c.feasible {
				t.Fatalf("S3c strategy %+v, want feasible %v", st, c.feasible)
			}
			if !c.feasible && !strings.Contains(st.Reason, "lt_restwarmte") {
				t.Errorf("reason %q does not say what is missing", st.Reason)
			}
			if c.feasible && !(st.NationalCostEURPerYear.Value > 0) {
				t.Errorf("national cost %+v", st.NationalCostEURPerYear)
			}
		})
	}
}
