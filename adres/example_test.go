package adres_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Scan a wijk once, build the look-up, and answer an address: the pand's
// BAG id, what it is, the best option and what a dwelling pays for it.
func ExampleIndex_Find() {
	ex, err := geodata.ReadOSMPBF(context.Background(), bytes.NewReader(demo.PBF()), demo.FileName)
	if err != nil {
		log.Fatal(err)
	}
	panden, rep := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	res, err := wijkanalyse.Scan(context.Background(), wijkanalyse.Input{
		Panden: panden, Addresses: ex.Addresses, Streets: ex.Streets, Water: ex.Water, BuildingsReport: rep,
	}, wijkanalyse.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ix := adres.FromResult(&res, ex.Addresses, "demo")

	a, err := ix.Find("2628 rc 33")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.PandID, a.Match)
	fmt.Println(a.Use, a.UtilityType, a.Bouwjaar, "label", a.Label, a.LabelSource)
	fmt.Println("beste optie:", a.BestName, "per", a.Unit)

	_, err = ix.Find("9999ZZ 1")
	fmt.Println(err)
	// Output:
	// 0503100000019775 adres 2628RC 33 ligt in dit pand
	// utiliteit Logies 1925 label E default
	// beste optie: S2b Warmtenet MT, geothermie (70 °C) per pand
	// adres 9999ZZ 1 ligt niet in de doorgerekende wijk (address not in the scanned area)
}
