package wijkanalyse_test

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// A street of hand-made footprints (EPSG:28992, metres): a terrace of
// three 1930s houses, a detached house, a shed and a block of flats with
// its verblijfsobjecten. There are no streets, so the network is
// estimated from the footprints and the Result says so.
func ExampleScan() {
	rect := func(x, y, w, h float64) orb.Polygon {
		return orb.Polygon{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}}
	}
	house := func(id string, fp orb.Polygon, year int) geodata.Pand {
		return geodata.Pand{ID: id, Footprint: fp, Bouwjaar: year, Gebruiksdoel: []string{"woonfunctie"},
			Verblijfsobjecten: 1, OppervlakteM2: 110}
	}
	in := wijkanalyse.Input{Panden: []geodata.Pand{
		house("0503100000000001", rect(0, 0, 5.5, 9), 1934),
		house("0503100000000002", rect(5.5, 0, 5.5, 9), 1934),
		house("0503100000000003", rect(11, 0, 5.5, 9), 1934),
		house("0503100000000004", rect(40, 0, 10, 10), 1978),
		{ID: "0503100000000005", Footprint: rect(52, 2, 3, 3), Bouwjaar: 1978},
		{ID: "0503100000000006", Footprint: rect(0, 30, 30, 12), Bouwjaar: 1968, Levels: 4,
			Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 16, OppervlakteM2: 16 * 70},
	}, Verblijfsobjecten: nil}
	res, err := wijkanalyse.Scan(context.Background(), in, wijkanalyse.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range res.Buildings {
		fmt.Printf("%s %-9s %-17s %-11s dwellings %2d label %s (%s)\n",
			b.ID[12:], b.Use, b.Woningtype, b.Era, b.Dwellings, b.Label, b.LabelSource)
	}
	fmt.Println("dwellings:", res.Stock.Dwellings, "- network routed:", res.Network.Routed)
	fmt.Println(res.Notes[0])
	// Output:
	// 0001 woning    hoekwoning        1930 - 1945 dwellings  1 label E (default)
	// 0002 woning    tussenwoning      1930 - 1945 dwellings  1 label E (default)
	// 0003 woning    hoekwoning        1930 - 1945 dwellings  1 label E (default)
	// 0004 woning    vrijstaand        1975 - 1991 dwellings  1 label C (default)
	// 0005 bijgebouw                   1975 - 1991 dwellings  0 label  ()
	// 0006 woning    meergezins midden 1965 - 1974 dwellings 16 label D (default)
	// dwellings: 20 - network routed: false
	// no street geometry: network length estimated from footprints (minimum spanning tree over building centroids × detour factor)
}
