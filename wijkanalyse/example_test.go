package wijkanalyse_test

import (
	"context"
	"encoding/json"
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
	// geen straten: de lengte van het warmtenet is geschat uit de panden (minimaal opspannende boom over de middelpunten × omwegfactor)
}

// Monte Carlo robustness: prepare a scan once, then price it with 50
// draws over the parameter bands (seed 1). Every draw has one cheapest
// strategy, so the wins add up to the draws; the same seed gives the same
// answer on any number of workers.
func ExamplePrepared_Draws() {
	rect := func(x, y, w, h float64) orb.Polygon {
		return orb.Polygon{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}}
	}
	var panden []geodata.Pand
	for i := range 6 {
		panden = append(panden, geodata.Pand{ID: fmt.Sprintf("05031000000000%02d", i+1), Footprint: rect(float64(i)*6, 0, 6, 9),
			Bouwjaar: 1934, Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1, OppervlakteM2: 110})
	}
	ctx := context.Background()
	pp, err := wijkanalyse.Prepare(ctx, wijkanalyse.Input{Panden: panden}, wijkanalyse.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	r1, err := pp.Draws(ctx, wijkanalyse.DrawOptions{N: 50, Seed: 1, Workers: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	r2, _ := pp.Draws(ctx, wijkanalyse.DrawOptions{N: 50, Seed: 1, Workers: 4})
	wins := 0
	for _, st := range r1.Strategies {
		wins += st.Wins
	}
	j1, _ := json.Marshal(r1)
	j2, _ := json.Marshal(r2)
	same := string(j1) == string(j2)
	fmt.Println("draws:", r1.Draws, "wins:", wins, "same on 4 workers:", same, "routing:", r1.Routing)
	// Output:
	// draws: 50 wins: 50 same on 4 workers: true routing: scan_network
}
