package kosten_test

import (
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// A network with a 10 MW peak that produces 60,000 GJ a year: the main
// source is built for 30 % of the peak and delivers 80 % of the heat; the
// gas peak boiler covers the rest.
func ExampleParams_SplitSource() {
	p := kosten.Defaults()
	s := p.SplitSource(10000, 60000)
	fmt.Printf("main source %.0f kW, %.0f GJ\n", float64(s.MainKW), float64(s.MainGJ))
	fmt.Printf("peak boiler %.0f kW, %.0f GJ, %.0f m3 gas\n", float64(s.BoilerKW), float64(s.BoilerGJ), float64(s.BoilerGas))
	// Output:
	// main source 3000 kW, 48000 GJ
	// peak boiler 7000 kW, 12000 GJ, 393714 m3 gas
}
