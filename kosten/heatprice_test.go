package kosten

import "testing"

// ACM's published maxima, indexed to euro of 2018 with the CBS consumer
// price index, cap Vesta's tariffs: vastrecht 395.54 / 1.0677 = 370.46
// below Vesta's 373.91, meettarief 22.17 / 1.0677 = 20.764 below 21.22,
// aansluitbijdrage 3719.01 / 1.0396 = 3577.35 below 3594.87. Raising a
// Vesta tariff changes nothing; lowering it below ACM's is charged.
func TestACMCaps(t *testing.T) {
	p := Defaults()
	h := &HeatSupply{Connections: 1}
	if got := float64(p.vastrecht(h)); !near(got, 395.54/1.0677+22.17/1.0677, 1e-9) {
		t.Errorf("vastrecht %v, want 370.46 + 20.764 = 391.224", got)
	}
	if got := float64(p.fee(h)); !near(got, 3719.01/1.0396, 1e-9) {
		t.Errorf("fee %v, want ACM's 3577.35", got)
	}
	q := flatPrices(t, "tariff.heat.vastrecht_mt,300,EUR/yr/asl,2018\ntariff.heat.max_aansluitbijdrage,3000,EUR/asl,2018\n")
	if got := float64(q.vastrecht(h)); !near(got, 300+22.17/1.0677, 1e-9) {
		t.Errorf("vastrecht below ACM's %v, want 320.764", got)
	}
	if got := float64(q.fee(h)); got != 3000 {
		t.Errorf("fee below ACM's %v, want 3000", got)
	}
}
