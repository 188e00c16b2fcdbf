package kosten

import (
	"strings"
	"testing"
)

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

// cpi2020 is index.cpi.2020: CBS consumer prices of 2020 on 2018.
const cpi2020 = 1.0396

func TestPipeCostCurves(t *testing.T) {
	for _, c := range []struct {
		curve           string
		peak            KiloWatt
		deltaT          float64
		dn              int
		value, min, max float64
	}{
		// CE Delft dT<=30 at 1 MW: 680.3 .. 1075.5 EUR/m of 2020 (Hestia
		// LeidingKosten_T), / 1.0396 (CPI 2020 on 2018) = 654.39 .. 1034.53
		{"1", 1000, 30, 0, 0, 680.3 / cpi2020, 1075.5 / cpi2020},
		// service pipe of 5.7 kW: 680.3 x 0.0057^0.41 = 81.77, 1075.5 x 0.0057^0.35 = 176.27 (euro 2020)
		{"1", 5.7, 30, 0, 0, 81.77 / cpi2020, 176.27 / cpi2020},
		// LT 50/30 C (dT 20): 776.1 .. 1114.4 at 1 MW (euro 2020)
		{"1", 1000, 20, 0, 0, 776.1 / cpi2020, 1114.4 / cpi2020},
		// Vesta BuisKosten at 4 MW: 400 + 210 x 2 = 820, 800 + 200 x 4^0.6 (2.2974) = 1259.48
		{"2", 4000, 30, 0, (820 + 1259.48) / 2, 820, 1259.48},
		// EDR DN100: 936.1 (topotherm 1090 the other end), euro 2020
		{"0", 4000, 30, 100, 0, 936.1 / cpi2020, 1090 / cpi2020},
	} {
		p, err := Defaults().WithOverrides(strings.NewReader("name,value,unit\npipe.default_curve,"+c.curve+",1\n"), "t")
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.PipeCost(c.peak, c.deltaT, c.dn)
		if err != nil {
			t.Fatal(err)
		}
		if !near(float64(b.Min), c.min, 0.01) || !near(float64(b.Max), c.max, 0.01) {
			t.Errorf("curve %s at %v kW, dT %v: %+v, want %.2f-%.2f", c.curve, c.peak, c.deltaT, b, c.min, c.max)
		}
	}
	// transport: 4000 m x 1.25 x the CE Delft price at 1 MW
	tr, err := Defaults().TransportPipe(4000, 1000, 30)
	if err != nil {
		t.Fatal(err)
	}
	if !near(float64(tr.Min), 5000*680.3/cpi2020, 0.5) || !near(float64(tr.Max), 5000*1075.5/cpi2020, 0.5) {
		t.Errorf("transport %+v, want 3271931-5172663", tr)
	}
}
