package wijkanalyse

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestExpansionDropsRemoteHouse: a dense street (a terrace of five, a
// semi-detached pair and 12 flats) plus one detached house 250 m further
// along the street. The remote house's branch costs more per year than
// its all-electric option, so the expansion drops it; the buildings in
// the dense part whose pipes are short stay.
func TestExpansionDropsRemoteHouse(t *testing.T) {
	t.Parallel()
	in := handStreet()
	in.Panden = append(in.Panden, geodata.Pand{ID: "FAR", Footprint: rect(330, 0, 10, 10), Bouwjaar: 1995,
		Levels: 2, Verblijfsobjecten: 1, Gebruiksdoel: []string{"woonfunctie"}})
	in.Streets = []geodata.Street{{ID: "s1", Line: orb.LineString{{-20, -8}, {400, -8}}}}
	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, in, res)
	var far *Building
	connected := 0
	for i := range res.Buildings {
		b := &res.Buildings[i]
		if b.ID == "FAR" {
			far = b
		}
		if b.Connected {
			connected++
		}
	}
	t.Logf("network: %d connected, %.0f m trench, %d rounds, dropped %+v", connected, res.Network.TrenchM, res.Network.Rounds, res.Dropped)
	if far.Connected || !strings.Contains(far.DroppedReason, "EUR/yr") {
		t.Errorf("remote house connected %v, reason %q", far.Connected, far.DroppedReason)
	}
	found := false
	for _, d := range res.Dropped {
		found = found || d.ID == "FAR"
	}
	if !found {
		t.Error("remote house not listed in Result.Dropped")
	}
	if connected == 0 {
		t.Error("the dense street lost its network too")
	}
	if mt := far.Options[optionIndex(OptionWarmtenetMT)]; mt.Feasible || mt.Reason != far.DroppedReason {
		t.Errorf("remote house MT option feasible %v, reason %q", mt.Feasible, mt.Reason)
	}
}
