package kosten

import "testing"

// Vesta's vastrecht, meettarief and aansluitbijdrage lie below ACM's
// published maxima, so the caps leave them; a Vesta figure above ACM's
// is capped.
func TestACMCaps(t *testing.T) {
	p := Defaults()
	h := &HeatSupply{Connections: 1}
	// 373.91 + 21.22 (both below ACM's 395.54 and 22.17)
	if got := float64(p.vastrecht(h)); !near(got, 395.13, 1e-9) {
		t.Errorf("vastrecht %v, want 395.13", got)
	}
	if got := float64(p.fee(h)); got != 3594.87 {
		t.Errorf("fee %v, want Vesta's 3594.87 (ACM 3719.01)", got)
	}
	q := flatPrices(t, "tariff.heat.vastrecht_mt,500,EUR/yr/asl,2018\ntariff.heat.max_aansluitbijdrage,5000,EUR/asl,2018\n")
	// capped: 395.54 + 21.22; fee 3719.01
	if got := float64(q.vastrecht(h)); !near(got, 416.76, 1e-9) {
		t.Errorf("capped vastrecht %v, want 416.76", got)
	}
	if got := float64(q.fee(h)); !near(got, 3719.01, 1e-9) {
		t.Errorf("capped fee %v, want 3719.01", got)
	}
}
