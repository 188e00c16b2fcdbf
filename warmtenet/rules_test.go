package warmtenet_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// onDirect reports whether a street segment runs along the direct street
// (y = 0 between x = 0 and x = 100) of detourStreets.
func onDirect(s warmtenet.Segment) bool {
	if s.Kind != "street" {
		return false
	}
	for _, p := range s.Line {
		if math.Abs(p[1]) > 1e-9 {
			return false
		}
	}
	return true
}

// TestStreetRules: a forbidden street is never in the tree, whether named
// or covered by a polygon, even when the building lies beside it (it then
// joins the nearest street that remains); a preferred street wins when
// its factor makes its weight the smaller, without changing the cost; a
// rule that matches nothing is reported.
func TestStreetRules(t *testing.T) {
	square := orb.Polygon{{{-5, -3}, {105, -3}, {105, 3}, {-5, 3}, {-5, -3}}}
	cases := []struct {
		name       string
		rules      []geodata.StreetRule
		building   orb.Point
		wantDetour bool
		forbiddenM float64
		unmatched  int
	}{
		{"no rules", nil, orb.Point{100, -5}, false, 0, 0},
		{"direct forbidden by name", []geodata.StreetRule{{Kind: geodata.RuleForbidden, Street: "Rechte Straat"}}, orb.Point{100, -5}, true, 100, 0},
		{"direct forbidden by id", []geodata.StreetRule{{Kind: geodata.RuleForbidden, Street: "direct"}}, orb.Point{100, -5}, true, 100, 0},
		{"direct forbidden by a polygon", []geodata.StreetRule{{Kind: geodata.RuleForbidden, Geometry: square}}, orb.Point{100, -5}, true, 100, 0},
		{"building beside the forbidden street", []geodata.StreetRule{{Kind: geodata.RuleForbidden, Street: "rechte straat"}}, orb.Point{60, -5}, true, 100, 0},
		{"detour preferred at 0.5", []geodata.StreetRule{{Kind: geodata.RulePreferred, Street: "Omweg", Factor: 0.5}}, orb.Point{100, -5}, true, 0, 0},
		{"detour preferred at 0.9: not enough", []geodata.StreetRule{{Kind: geodata.RulePreferred, Street: "Omweg", Factor: 0.9}}, orb.Point{100, -5}, false, 0, 0},
		{"a rule for a street that is not there", []geodata.StreetRule{{Kind: geodata.RuleForbidden, Street: "Markt"}}, orb.Point{100, -5}, false, 0, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streets, bs, o := detourStreets()
			streets[0].Name, streets[1].Name = "Rechte Straat", "Omweg"
			bs[0].Point = tc.building
			o.StreetRules = tc.rules
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, net)
			direct := false
			street := 0.0
			for _, s := range net.Segments {
				if onDirect(s) {
					direct = true
				}
				if s.Kind == "street" {
					street += s.LengthM
				}
			}
			if tc.forbiddenM > 0 && direct {
				t.Fatalf("a segment runs along the forbidden street")
			}
			if direct == tc.wantDetour {
				t.Errorf("along the direct street: %v, want %v", direct, !tc.wantDetour)
			}
			if got := net.Rules.ForbiddenM; math.Abs(got-tc.forbiddenM) > 1e-6 {
				t.Errorf("forbidden %v m, want %v m", got, tc.forbiddenM)
			}
			if len(net.Rules.Unmatched) != tc.unmatched {
				t.Errorf("unmatched rules %v, want %d", net.Rules.Unmatched, tc.unmatched)
			}
			// A preference steers the weights, not the price: the tree
			// costs its length at 500 euro per metre.
			var cost, length float64
			for _, s := range net.Segments {
				cost += s.CostEUR
				length += s.LengthM
			}
			if math.Abs(cost-500*length) > 1e-6 {
				t.Errorf("cost %.2f euro for %.2f m, want 500 euro/m", cost, length)
			}
		})
	}
}
