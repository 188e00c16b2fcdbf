package kosten_test

import (
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// The heat pump of the package Example split by component. National view
// (3 %): insulation 10053 * A(3 %, 30) 0.051019 = 512.9; installations
// 7048 * A(3 %, 15) 0.083767 (heat pump) + 2089.6 * 0.051019 (LT emission
// system) = 697.0; grid 227 * 0.051019 (3x25 A) + 550 * 0.056539 (gas
// connection removed, spread over years 3-30) = 42.7; O&M 105.7; energy
// 254.5; together 1612.7, the national total. End-user view (5.5 %, VAT):
// insulation 10053 * 1.15 * 0.068805 = 795.5; installations 7048 * 1.21 *
// 0.099626 + 2089.6 * 1.15 * 0.068805 = 849.6 + 165.3 = 1015.0; O&M 7048 * 1.21 * 0.015 =
// 127.9; energy 2518.7 kWh * 0.27092 = 682.4; the grid operator's costs
// reach the end user only through tariffs.
func ExampleParts() {
	p := kosten.Defaults()
	d := kosten.Dwelling{Type: kosten.RijwoningTussen, Period: kosten.Bouw1946, Area: 90, Peak: 5}
	hp, _ := p.HeatPump(d, kosten.AirHeatPump, kosten.LabelB)
	nat, _ := p.National(hp)
	eu, _ := p.EndUser(hp)
	for k := range kosten.NumParts {
		if nat.Parts[k].Value != 0 || eu.Parts[k].Value != 0 {
			fmt.Printf("%-14s national %7.1f  end user %7.1f EUR/yr\n", k, nat.Parts[k].Value, eu.Parts[k].Value)
		}
	}
	fmt.Printf("%-14s national %7.1f  end user %7.1f EUR/yr\n", "sum", nat.Parts.Sum().Value, eu.Parts.Sum().Value)
	// Output:
	// insulation     national   512.9  end user   795.5 EUR/yr
	// installations  national  1028.9  end user  1492.6 EUR/yr
	// grid           national    42.7  end user     0.0 EUR/yr
	// om             national   165.2  end user   199.8 EUR/yr
	// energy         national   254.5  end user   682.4 EUR/yr
	// sum            national  2004.1  end user  3170.2 EUR/yr
}
