package wijkanalyse

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestRulesRequiredAndExcluded: on the street of
// TestExpansionDropsRemoteHouse the remote house FAR is pruned without
// rules; required, it stays on the network (with the pipe to it); an
// excluded house of the terrace is never connected; an id that is not
// among the panden is counted, not dropped silently.
func TestRulesRequiredAndExcluded(t *testing.T) {
	t.Parallel()
	scan := func(rules *geodata.NetworkRules) Result {
		in := handStreet()
		in.Panden = append(in.Panden, geodata.Pand{ID: "FAR", Footprint: rect(330, 0, 10, 10), Bouwjaar: 1995,
			Levels: 2, Verblijfsobjecten: 1, Gebruiksdoel: []string{"woonfunctie"}})
		in.Streets = []geodata.Street{{ID: "s1", Line: orb.LineString{{-20, -8}, {400, -8}}}}
		in.Rules = rules
		res, err := Scan(context.Background(), in, Options{Params: nearSource(t)})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, in, res)
		return res
	}
	byID := func(res Result, id string) *Building {
		for i := range res.Buildings {
			if res.Buildings[i].ID == id {
				return &res.Buildings[i]
			}
		}
		t.Fatalf("no pand %s", id)
		return nil
	}
	base := scan(nil)
	if byID(base, "FAR").Connected || !byID(base, "T3").Connected {
		t.Fatalf("without rules: FAR connected %v (want false), T3 %v (want true)", byID(base, "FAR").Connected, byID(base, "T3").Connected)
	}
	if base.Network.Rules != nil {
		t.Errorf("without rules the summary has rules: %+v", base.Network.Rules)
	}
	rules := &geodata.NetworkRules{File: "regels.csv", Buildings: []geodata.BuildingRule{
		{Kind: geodata.RuleRequired, PandID: "FAR", Where: "line 2", Reason: "school"},
		{Kind: geodata.RuleExcluded, PandID: "T3", Where: "line 3", Reason: "monument"},
		{Kind: geodata.RuleExcluded, PandID: "0503100000099999", Where: "line 4"},
	}}
	res := scan(rules)
	far, t3 := byID(res, "FAR"), byID(res, "T3")
	if !far.Connected {
		t.Errorf("required FAR is not connected: %q", far.DroppedReason)
	}
	if t3.Connected || !strings.HasPrefix(t3.DroppedReason, reasonExcluded) || !strings.Contains(t3.DroppedReason, "line 3: monument") {
		t.Errorf("excluded T3: connected %v, reason %q", t3.Connected, t3.DroppedReason)
	}
	if res.Network.TrenchM < base.Network.TrenchM+200 {
		t.Errorf("trench %.0f m with FAR against %.0f m without: the pipe to FAR (about 240 m on) is missing", res.Network.TrenchM, base.Network.TrenchM)
	}
	for _, s := range res.Network.Segments {
		if s.BuildingID == "T3" {
			t.Errorf("a service pipe runs to the excluded T3")
		}
	}
	s := res.Network.Rules
	if s == nil || s.Required != 1 || s.RequiredConnected != 1 || s.Excluded != 1 || len(s.UnknownIDs) != 1 || s.UnknownIDs[0] != "0503100000099999" {
		t.Errorf("rules summary %+v", s)
	}
	if got, want := res.Network.Terminals, base.Network.Terminals-1; got != want {
		t.Errorf("terminals %d, want %d (the excluded pand is not offered)", got, want)
	}
}
