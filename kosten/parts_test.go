package kosten

import (
	"fmt"
	"math"
	"testing"
)

// sameBand reports whether a and b agree in value and both ends to a
// relative 1e-9 (sums in another order round differently).
func sameBand(a, b Band[EuroPerYear]) bool {
	eq := func(x, y EuroPerYear) bool {
		return math.Abs(float64(x-y)) <= 1e-9*math.Max(1, math.Max(math.Abs(float64(x)), math.Abs(float64(y))))
	}
	return eq(a.Value, b.Value) && eq(a.Min, b.Min) && eq(a.Max, b.Max)
}

func TestPartsHandComputed(t *testing.T) {
	p := flatPrices(t, "")
	o := testOption()
	o.Investments[0].Part = PartInstallation
	b, err := p.National(o)
	if err != nil {
		t.Fatal(err)
	}
	// the figures of TestNationalView, now by part
	checkBand(t, "installations", b.Parts[PartInstallation], 117.2305, 105.5075, 128.9536)
	checkBand(t, "O&M", b.Parts[PartOM], 20, 18, 22)
	checkBand(t, "energy", b.Parts[PartEnergy], 476, 476, 476)
	for _, k := range []Part{PartOther, PartInsulation, PartNetwork, PartSource, PartGrid, PartFixedCharges, PartConnectionFee} {
		checkBand(t, k.String(), b.Parts[k], 0, 0, 0)
	}

	// end user of a heat network (TestEndUserView): fee 342.8430 a year,
	// vastrecht + meettarief 473.3812, heat 716.6845 (energy, the heat bill)
	h, err := p.EndUser(heatOption())
	if err != nil {
		t.Fatal(err)
	}
	checkBand(t, "connection fee", h.Parts[PartConnectionFee], 341.1717, 341.1717, 341.1717)
	checkBand(t, "fixed charges", h.Parts[PartFixedCharges], 473.3812, 473.3812, 473.3812)
	checkBand(t, "energy (heat bill)", h.Parts[PartEnergy], 716.6845, 716.6845, 716.6845)
	checkBand(t, "company network, not the end user's", h.Parts[PartOther], 0, 0, 0)
	// end user of the gas option: fixed gas charges 241.8427, energy 1220
	g, err := p.EndUser(testOption())
	if err != nil {
		t.Fatal(err)
	}
	checkBand(t, "gas fixed charges", g.Parts[PartFixedCharges], 241.8427, 241.8427, 241.8427)
	checkBand(t, "gas energy", g.Parts[PartEnergy], 1220, 1220, 1220)
}

// TestPartsAddUp checks, for every option builder and a merged strategy,
// that every investment names its part and that the parts add up to the
// total in the national and the end-user view.
func TestPartsAddUp(t *testing.T) {
	t.Parallel()
	p := Defaults()
	var opts []Option
	for _, typ := range []Woningtype{Vrijstaand, RijwoningTussen, MeergezinsHoog} {
		d := Dwelling{Type: typ, Period: Bouw1946, Area: 90, Peak: 6, Owner: Landlord}
		add := func(o Option, err error) {
			if err != nil {
				t.Fatalf("%s: %v", typ, err)
			}
			opts = append(opts, o)
		}
		add(p.GasBoiler(d))
		add(p.HeatPump(d, AirHeatPump, LabelB))
		add(p.HeatPump(d, GroundHeatPump, LabelA))
		add(p.HybridHeatPump(d))
		add(p.HeatNetworkConnection(d, LabelD, false, Point(Euro(4000))))
		add(p.HeatNetworkConnection(d, LabelB, true, Band[Euro]{}))
	}
	for _, src := range []Source{SourceRestwarmte, SourceAVI, SourceGeothermie, SourceWKO, SourceTEO, SourceTEA, SourceCollectiveHP} {
		o, err := p.Network(NetworkQuantities{Trench: map[int]Metre{100: 300, 50: 500}, Peak: 800, Delivered: 6000, Losses: 900, Source: src, LT: src == SourceTEO})
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, o)
	}
	g, err := p.GridReinforcement(600, 400)
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.GasMainRemoval(300)
	if err != nil {
		t.Fatal(err)
	}
	merged := p.Merge("strategy", opts...)
	merged.Investments = append(merged.Investments, g, m)
	opts = append(opts, merged)
	for i, o := range opts {
		name := fmt.Sprintf("%d %s", i, o.Name)
		for _, iv := range o.Investments {
			if iv.Part == PartOther || !iv.Part.Capital() {
				t.Errorf("%s: investment %q has part %s", name, iv.Name, iv.Part)
			}
		}
		for view, f := range map[string]func(Option) (Breakdown, error){"national": p.National, "enduser": p.EndUser} {
			b, err := f(o)
			if err != nil {
				t.Fatalf("%s %s: %v", name, view, err)
			}
			if s := b.Parts.Sum(); !sameBand(s, b.Total) {
				t.Errorf("%s %s: parts add up to %+v, total %+v", name, view, s, b.Total)
			}
			if !sameBand(b.Parts[PartOM], b.OM) {
				t.Errorf("%s %s: O&M part %+v, O&M %+v", name, view, b.Parts[PartOM], b.OM)
			}
			if view == "national" && (b.Parts[PartFixedCharges] != (Band[EuroPerYear]{}) || b.Parts[PartConnectionFee] != (Band[EuroPerYear]{})) {
				t.Errorf("%s: tariffs in the national view: %+v", name, b.Parts)
			}
		}
	}
	// the merged strategy carries every capital part
	b, _ := p.National(merged)
	for k := PartInsulation; k <= PartGrid; k++ {
		if !(b.Parts[k].Value > 0) {
			t.Errorf("merged strategy: part %s is %+v", k, b.Parts[k])
		}
	}
}

func TestPartValidation(t *testing.T) {
	p := Defaults()
	o := testOption()
	for _, k := range []Part{PartOM, PartEnergy, NumParts, -1} {
		o.Investments[0].Part = k
		if _, err := p.National(o); err == nil {
			t.Errorf("investment part %d: want an error", int(k))
		}
	}
	if PartGrid.String() != "grid" || Part(99).String() != "unknown" {
		t.Errorf("names %q %q", PartGrid, Part(99))
	}
}
