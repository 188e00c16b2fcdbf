package kosten

import "testing"

func TestNetworkLosses(t *testing.T) {
	p := Defaults()
	for _, c := range []struct {
		name                        string
		physics, delivered, conn    float64
		wantValue, wantMin, wantMax float64
	}{
		// 100 connections x 10.5 GJ (Hestia) = 1050; Vesta max 36 %:
		// 10000 x 0.36 / 0.64 = 5625
		{"per connection above physics", 200, 10000, 100, 1050, 200, 5625},
		// physics above Hestia's figure: the value is physics
		{"physics above", 2000, 10000, 100, 2000, 2000, 5625},
		// a tiny delivery: the max never falls below the value
		{"max at least the value", 0, 100, 10, 105, 0, 105},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := p.NetworkLosses(GigaJoule(c.physics), GigaJoule(c.delivered), c.conn)
			if !near(float64(b.Value), c.wantValue, 1e-9) || !near(float64(b.Min), c.wantMin, 1e-9) || !near(float64(b.Max), c.wantMax, 1e-6) {
				t.Errorf("got %+v, want %g (%g-%g)", b, c.wantValue, c.wantMin, c.wantMax)
			}
		})
	}
	// Vesta's central 28 %: 10000 x 0.28 / 0.72 = 3888.89
	if got := float64(VolumeShareLoss(10000, 0.28)); !near(got, 3888.8889, 1e-3) {
		t.Errorf("28 %% share: %g", got)
	}
}
