package benchmarks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// BenchmarkKostenDwellingViews prices n dwellings (all Vesta types and
// periods in turn) as gas-boiler reference and air heat pump to label B,
// each in the national and end-user views: the per-building pricing work
// of a wijk scan through package kosten.
func BenchmarkKostenDwellingViews(b *testing.B) {
	p := kosten.Defaults()
	for _, n := range []int{100, 10000} {
		ds := make([]kosten.Dwelling, n)
		for i := range ds {
			ds[i] = kosten.Dwelling{
				Type:   kosten.Woningtypes[i%len(kosten.Woningtypes)],
				Period: kosten.Bouwperioden[(i/7)%len(kosten.Bouwperioden)],
				Area:   kosten.SquareMetre(60 + i%120), Peak: kosten.KiloWatt(4 + i%6),
			}
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range ds {
					ref, err := p.GasBoiler(d)
					if err != nil {
						b.Fatal(err)
					}
					hp, err := p.HeatPump(d, kosten.AirHeatPump, kosten.LabelB)
					if err != nil {
						b.Fatal(err)
					}
					for _, o := range []kosten.Option{ref, hp} {
						if _, err := p.National(o); err != nil {
							b.Fatal(err)
						}
						if _, err := p.EndUser(o); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
		})
	}
}

// BenchmarkKostenWithOverrides applies a two-line override file to the
// defaults (which rebuilds the derived tables): the cost of --params.
func BenchmarkKostenWithOverrides(b *testing.B) {
	p := kosten.Defaults()
	file := "name,value,unit\ndiscount.national,0.04,fraction\npipe.edr.dn100,1000,EUR/m\n"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.WithOverrides(strings.NewReader(file), "b.csv"); err != nil {
			b.Fatal(err)
		}
	}
}
