package warmtenet

import "testing"

func TestCapacities(t *testing.T) {
	cat, err := NewCatalogue([]Pipe{{DN: 20, InnerDiameterM: 0.0217, U1: 0.1426, U2: 0.00364}, {DN: 50, InnerDiameterM: 0.0545, U1: 0.2340, U2: 0.00861}})
	if err != nil {
		t.Fatal(err)
	}
	caps, err := Capacities(cat, 70, 40, 250)
	if err != nil {
		t.Fatal(err)
	}
	if len(caps) != 2 || !(caps[0] > 0 && caps[1] > caps[0]) {
		t.Fatalf("capacities %v", caps)
	}
	// each capacity is the load at which the gradient reaches the limit
	for k, p := range cat {
		if g := PressureGradient(caps[k], p.InnerDiameterM, 30); g > 250 || g < 249 {
			t.Errorf("DN%d: gradient %v Pa/m at its capacity %v kW", p.DN, g, caps[k])
		}
	}
	if _, err := Capacities(cat, 40, 40, 250); err == nil {
		t.Error("no temperature difference: want an error")
	}
}
