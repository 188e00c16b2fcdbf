package kosten

import "testing"

func TestProfiles(t *testing.T) {
	for _, c := range []struct {
		profile string
		name    string
		want    float64
	}{
		{ProfileDefault, "inst.hp_air.high.eur_per_asl", 12561}, // Hestia high end
		{ProfileVesta, "inst.hp_air.high.eur_per_asl", 4637},    // Vesta's own
		{ProfileVesta, "pipe.default_curve", CurveVesta},
		{ProfileVesta, "net.loss.method", LossVolumeShare},
		{ProfileHestia, "inst.hp_air.low.eur_per_asl", 5372},
		{ProfileHestia, "pipe.default_curve", CurveCEDelft},
		{ProfileHestia, "insulation.cost_factor", 1.16},
	} {
		p, err := Profile(c.profile)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.value(c.name); got != c.want {
			t.Errorf("%s: %s = %v, want %v", c.profile, c.name, got, c.want)
		}
	}
	if _, err := Profile("vesta2019"); err == nil {
		t.Error("unknown profile: want an error")
	}
	// Vesta's loss: 28 % of the heat fed in, 10000 GJ delivered ->
	// 10000 x 0.28 / 0.72 = 3888.89 GJ
	v, _ := Profile(ProfileVesta)
	if b := v.NetworkLosses(100, 10000, 100); !near(float64(b.Value), 3888.8889, 1e-3) || b.Min != 100 {
		t.Errorf("vesta2020 losses %+v", b)
	}
}
