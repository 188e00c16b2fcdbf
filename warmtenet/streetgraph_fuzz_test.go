package warmtenet

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// FuzzNewStreetGraph builds street graphs from arbitrary small line sets
// on a coarse lattice (so that crossings, shared vertices, overlaps and
// near-misses are common) and checks the graph's invariants.
func FuzzNewStreetGraph(f *testing.F) {
	f.Add([]byte{0, 0, 10, 0, 255, 5, 0, 5, 5}, uint8(10))
	f.Add([]byte{0, 0, 10, 0, 10, 10, 0, 10, 0, 0}, uint8(5))
	f.Add([]byte{0, 0, 10, 0, 255, 10, 0, 0, 0, 255, 5, 1, 5, 9}, uint8(20))
	f.Fuzz(func(t *testing.T, data []byte, tolDm uint8) {
		if len(data) > 400 {
			return
		}
		// 255 separates lines; other bytes are coordinates in 0.5 m steps.
		var streets []geodata.Street
		var cur orb.LineString
		var xy []float64
		inLen := 0.0
		flush := func() {
			streets = append(streets, geodata.Street{ID: "f", Line: cur})
			inLen += lineLength(cur)
			cur = nil
		}
		for _, b := range data {
			if b == 255 {
				flush()
				xy = xy[:0]
				continue
			}
			xy = append(xy, float64(b)*0.5)
			if len(xy) == 2 {
				cur = append(cur, orb.Point{xy[0], xy[1]})
				xy = xy[:0]
			}
		}
		flush()
		tol := float64(tolDm) / 10
		if tol == 0 {
			tol = -1
		}
		sg, err := NewStreetGraph(streets, StreetOptions{SnapToleranceM: tol})
		if err != nil {
			t.Fatal(err)
		}
		g := sg.Graph
		total, nodes := 0.0, 0
		for e := range g.EdgeU {
			if g.EdgeU[e] == g.EdgeV[e] {
				t.Fatalf("edge %d is a self-loop", e)
			}
			ls := sg.Lines[e]
			if ls[0] != sg.Nodes[g.EdgeU[e]] || ls[len(ls)-1] != sg.Nodes[g.EdgeV[e]] {
				t.Fatalf("edge %d geometry does not match its nodes", e)
			}
			if math.Abs(lineLength(ls)-g.Weight[e]) > 1e-9 {
				t.Fatalf("edge %d weight %v, geometry %v", e, g.Weight[e], lineLength(ls))
			}
			total += g.Weight[e]
		}
		for _, c := range sg.Components {
			nodes += c.Nodes
		}
		if nodes != g.NumNodes() {
			t.Fatalf("components hold %d nodes of %d", nodes, g.NumNodes())
		}
		// Snapping moves each end by at most tol; nothing else adds length.
		if slack := 2 * float64(len(streets)) * math.Max(tol, 0); total > inLen+slack+1e-6 {
			t.Fatalf("graph length %v m exceeds input %v m + snapping %v m", total, inLen, slack)
		}
		// Nothing is lost: every input vertex lies within the snap
		// tolerance of an edge (within dupTolM when an edge was dropped as
		// a duplicate of a nearby one), unless its piece was removed as
		// zero-length or collapsed, which Stats counts.
		reach := math.Max(tol, 0)
		if sg.Stats.Duplicates > 0 {
			reach = math.Max(reach, dupTolM)
		}
		if len(sg.Lines) > 0 && sg.Stats.ZeroLength == 0 && sg.Stats.Collapsed == 0 {
			idx := NewStreetIndex(sg)
			for _, s := range streets {
				for _, p := range s.Line {
					if _, ok := idx.Nearest(p, reach+1e-6, nil); !ok {
						t.Fatalf("input vertex %v is more than %v m from every edge", p, reach)
					}
				}
			}
		}
	})
}
