package wijkanalyse

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
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
	res, err := Scan(context.Background(), in, Options{Params: nearSource(t)})
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
	if far.Connected || !strings.Contains(far.DroppedReason, "euro per jaar") {
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

// TestPruneExact checks the pruning programme against brute force on
// small random trees: the buildings it keeps must reach the best yearly
// balance (all-electric cost saved minus network cost without pipes minus
// the pipes needed) over every subset of buildings.
func TestPruneExact(t *testing.T) {
	t.Parallel()
	pr := newPricer(kosten.Defaults())
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 300 {
		n := 2 + rng.IntN(9) // tree nodes
		nb := 1 + rng.IntN(5)
		bs := make([]Building, nb)
		sides := make([][nSides]views, nb)
		nr := &netResult{tree: make([]treeNode, n)}
		for k := range n {
			parent := -1
			if k > 0 {
				parent = rng.IntN(k)
			}
			nr.tree[k] = treeNode{parent: parent, cost: kosten.Point(rng.Float64() * 40000), building: -1}
		}
		// Buildings hang on distinct leaves-or-nodes as service pipes.
		for b := range nb {
			nr.tree = append(nr.tree, treeNode{parent: rng.IntN(n), cost: kosten.Point(rng.Float64() * 8000), building: b})
			sides[b][sideElectric].national = kosten.Point(2000 + rng.Float64()*3000)
			sides[b][sideGround].national = kosten.Point(sides[b][sideElectric].national.Value + 500) // the dearer heat pump
			sides[b][sideNetMT].national = kosten.Point(1000 + rng.Float64()*3000)
		}
		cut := prune(nr, bs, sides, views{}, OptionWarmtenetMT, pr, nil)
		value := func(keep []bool) float64 {
			need := make([]bool, len(nr.tree))
			v := 0.0
			for k, nd := range nr.tree {
				if nd.building >= 0 && keep[nd.building] {
					v += sides[nd.building][sideElectric].national.Value - sides[nd.building][sideNetMT].national.Value
					for u := k; u >= 0 && !need[u]; u = nr.tree[u].parent {
						need[u] = true
					}
				}
			}
			for k, nd := range nr.tree {
				if need[k] {
					v -= pr.pipeYear(nd.cost)
				}
			}
			return v
		}
		got := make([]bool, nb)
		for b := range nb {
			_, dropped := cut[b]
			got[b] = !dropped
		}
		best := math.Inf(-1)
		for mask := range 1 << nb {
			keep := make([]bool, nb)
			for b := range nb {
				keep[b] = mask&(1<<b) != 0
			}
			best = max(best, value(keep))
		}
		if v := value(got); v < best-1e-6 {
			t.Fatalf("trial %d: prune keeps %v worth %.2f EUR/yr, the best subset is worth %.2f", trial, got, v, best)
		}
	}
}
