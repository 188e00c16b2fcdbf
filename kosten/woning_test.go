package kosten

import (
	"fmt"
	"strings"
	"testing"
)

// TestIndexLookups checks the switches of Rank, typeIndex and
// periodIndex against the order of Labels, Woningtypes and Bouwperioden.
func TestIndexLookups(t *testing.T) {
	for i, l := range Labels {
		if r := l.Rank(); r != i {
			t.Errorf("Label(%q).Rank() = %d, want %d", l, r, i)
		}
	}
	for i, w := range Woningtypes {
		if r := typeIndex(w); r != i {
			t.Errorf("typeIndex(%q) = %d, want %d", w, r, i)
		}
	}
	for i, e := range Bouwperioden {
		if r := periodIndex(e); r != i {
			t.Errorf("periodIndex(%q) = %d, want %d", e, r, i)
		}
	}
	for _, bad := range []string{"", "A+", "b", "voor 1931", "vrijstaand "} {
		if Label(bad).Rank() != -1 || typeIndex(Woningtype(bad)) != -1 || periodIndex(Bouwperiode(bad)) != -1 {
			t.Errorf("%q: an unknown label, type or period must give -1", bad)
		}
	}
}

// TestCO2MatchesFactors checks CO2, which reads the factor table
// directly, bit for bit against the same sum over CO2Factor, in base
// years whose windows end before, at and past LastPriceYear.
func TestCO2MatchesFactors(t *testing.T) {
	for _, base := range []int{2018, 2020, 2030, 2050} {
		p, err := Defaults().WithOverrides(strings.NewReader(fmt.Sprintf("name,value,unit\neval.base_year,%d,year\n", base)), "t")
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range []Energy{{Gas: 1152.2}, {Electricity: 2518.7}, {Gas: 333.3, Electricity: 4711.1, GreenGas: 9}} {
			o := Option{Name: "x", Class: ClassSmall, Energy: en, Heat: &HeatSupply{Production: Energy{Electricity: 77.7}}}
			got, err := p.CO2(o)
			if err != nil {
				t.Fatal(err)
			}
			all := en.Add(o.Heat.Production)
			s, e, b := p.evalWindow()
			var kg float64
			for y := s + 1; y <= e; y++ {
				g, err := p.CO2Factor(Gas, b+y)
				if err != nil {
					t.Fatal(err)
				}
				el, err := p.CO2Factor(Electricity, b+y)
				if err != nil {
					t.Fatal(err)
				}
				kg += g*float64(all.Gas) + el*float64(all.Electricity)
			}
			if want := TonneCO2(kg / float64(e-s) / 1000); got != Point(want) || want == 0 {
				t.Errorf("base %d, %+v: CO2 %v, want %v", base, en, got, want)
			}
		}
	}
}
