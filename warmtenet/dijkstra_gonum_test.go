package warmtenet_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/wijkwarmte/wijkwarmte/internal/synthgraph"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// TestShortestPathsAgainstGonum is a differential test: the multi-source
// Dijkstra under Mehlhorn's heuristic must give the same distances as
// gonum's path.DijkstraFrom from a super source joined to every source by
// a zero-weight edge, and its predecessor edges must lead back to the
// source it names, adding up to the distance.
func TestShortestPathsAgainstGonum(t *testing.T) {
	t.Parallel()
	type instance struct {
		name    string
		g       *warmtenet.Graph
		sources []int32
	}
	var cases []instance
	for _, n := range []int{50, 400, 3000} {
		g, terms := synthgraph.Generate(synthgraph.Street(n, n/10+1, uint64(n)))
		cases = append(cases, instance{fmt.Sprintf("street n=%d", n), g, terms})
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 5 {
		n := 20 + rng.IntN(200)
		var u, v []int32
		var w []float64
		for range 3 * n {
			a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
			if a == b {
				continue
			}
			u, v = append(u, a), append(v, b)
			// Integer weights make ties (and zero weights) common.
			w = append(w, float64(rng.IntN(10)))
		}
		g, err := warmtenet.NewGraph(n, u, v, w)
		if err != nil {
			t.Fatal(err)
		}
		src := []int32{int32(rng.IntN(n)), int32(rng.IntN(n)), int32(rng.IntN(n))}
		cases = append(cases, instance{fmt.Sprintf("random %d", i), g, src})
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := c.g.NumNodes()
			gg := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
			for i := range n + 1 {
				gg.AddNode(simple.Node(i))
			}
			for e := range c.g.NumEdges() {
				a, b, w := int64(c.g.EdgeU[e]), int64(c.g.EdgeV[e]), c.g.Weight[e]
				if old := gg.WeightedEdge(a, b); old != nil && old.Weight() <= w {
					continue // keep the lightest of parallel edges
				}
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(a), simple.Node(b), w))
			}
			super := int64(n)
			for _, s := range c.sources {
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(super), simple.Node(s), 0))
			}
			want := path.DijkstraFrom(simple.Node(super), gg)

			var sp warmtenet.ShortestPaths
			sp.Run(c.g, c.sources)
			isSource := map[int32]bool{}
			for _, s := range c.sources {
				isSource[s] = true
			}
			for v := range n {
				wd := want.WeightTo(int64(v))
				gd := sp.Dist[v]
				if math.IsInf(wd, 1) != math.IsInf(gd, 1) || (!math.IsInf(wd, 1) && math.Abs(wd-gd) > 1e-9*(1+wd)) {
					t.Fatalf("node %d: distance %v, gonum %v", v, gd, wd)
				}
				if math.IsInf(gd, 1) {
					continue
				}
				// Walk the predecessor edges back to the named source.
				sum, x := 0.0, int32(v)
				for steps := 0; sp.PredEdge[x] >= 0; steps++ {
					if steps > n {
						t.Fatalf("node %d: predecessor edges loop", v)
					}
					e := sp.PredEdge[x]
					sum += c.g.Weight[e]
					x = c.g.Other(e, x)
				}
				if x != sp.Source[v] || !isSource[x] {
					t.Fatalf("node %d: path ends at %d, Source says %d", v, x, sp.Source[v])
				}
				if math.Abs(sum-gd) > 1e-9*(1+gd) {
					t.Fatalf("node %d: path weighs %v, distance %v", v, sum, gd)
				}
			}
		})
	}
}
