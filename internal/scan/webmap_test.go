package scan

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// TestPandInfos: the map's pop-up figures are adres's per-dwelling
// answers, and each address lands in the pand adres assigns it to.
func TestPandInfos(t *testing.T) {
	t.Parallel()
	square := func(x float64) orb.Polygon {
		return orb.Polygon{{{x, 0}, {x + 10, 0}, {x + 10, 10}, {x, 10}, {x, 0}}}
	}
	band := func(v float64) wijkanalyse.Band { return wijkanalyse.Band{Value: v, Min: v - 100, Max: v + 100} }
	nan := wijkanalyse.Band{Value: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	res := &wijkanalyse.Result{Buildings: []wijkanalyse.Building{
		{ID: "0503100000000001", Footprint: square(0), Centroid: orb.Point{5, 5}, Bouwjaar: 1931, Era: wijkanalyse.Eras[1],
			Use: wijkanalyse.UseWoning, Woningtype: wijkanalyse.TypeTussenwoning, Dwellings: 2, DwellingEquivalents: 2,
			Label: "D", LabelSource: wijkanalyse.LabelDefault, Best: wijkanalyse.OptionAllElectric,
			DroppedReason: "unreachable: no street within 100 m",
			Options: []wijkanalyse.Option{
				{Kind: wijkanalyse.OptionGasBoiler, Feasible: true, EndUser: band(4000), National: band(3000), CO2: band(4)},
				{Kind: wijkanalyse.OptionAllElectric, Feasible: true, EndUser: band(5000), National: band(3500), CO2: band(1)},
				{Kind: wijkanalyse.OptionWarmtenetMT, Feasible: false, EndUser: nan, National: nan, CO2: nan},
			}},
		{ID: "0503100000000002", Footprint: square(20), Centroid: orb.Point{25, 5}, Use: wijkanalyse.UseBijgebouw},
	}}
	addrs := []geodata.Address{
		{PandID: "503100000000001", Street: "Teststraat", Housenumber: "12a", Postcode: "2628 rc", Point: orb.Point{50, 50}},
		{Street: "Teststraat", Housenumber: "14", Postcode: "2628RC", Point: orb.Point{25, 5}},
		{Street: "Elders", Housenumber: "1", Postcode: "2628RC", Point: orb.Point{500, 500}},
	}
	ix := adres.FromResult(res, addrs, "test")
	bs := make([]report.Building, len(res.Buildings))
	pandInfos(ix, bs)

	a, b := bs[0].Info, bs[1].Info
	if a == nil || b == nil {
		t.Fatal("a pand has no info")
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"id", a.ID, "0503100000000001"},
		{"bouwjaar", a.Bouwjaar, 1931},
		{"type", a.Type, "tussenwoning"},
		{"unit", a.Unit, "woning"},
		{"best per dwelling", a.BestEUR, 2500.0},
		{"band low", a.BestMinEUR, 2450.0},
		{"band high", a.BestMaxEUR, 2550.0},
		{"gas per dwelling", a.GasEUR, 2000.0},
		{"works", len(a.Works) > 0, true},
		{"label note", a.LabelNote != "", true},
		{"network note", a.Note != "", true},
		{"address by pand id", fmt.Sprint(a.Addresses), "[{2628RC 12-A Teststraat}]"},
		{"address by point", fmt.Sprint(b.Addresses), "[{2628RC 14 Teststraat}]"},
		{"bijgebouw type", b.Type, "onverwarmd bijgebouw"},
		{"bijgebouw has no cost", math.IsNaN(b.BestEUR) && math.IsNaN(b.GasEUR), true},
	} {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	// The same answer as `wijkwarmte adres` gives.
	ans, err := ix.ByAddress("2628RC", 12, "A")
	if err != nil || ans.PandID != a.ID || ans.Unit != a.Unit {
		t.Errorf("ByAddress(2628RC 12-A) = %s %s, %v; the map says %s %s", ans.PandID, ans.Unit, err, a.ID, a.Unit)
	}
}
