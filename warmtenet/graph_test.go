package warmtenet

import (
	"errors"
	"math"
	"testing"
)

// TestGraphArcWeights checks that AdjWeight follows Weight in adjacency
// order after NewGraph and WithWeights, that WithWeights shares the
// topology and checks its weights, and that a Graph whose arrays are out of
// step is refused by the solvers with ErrBadGraph instead of a panic.
func TestGraphArcWeights(t *testing.T) {
	u := []int32{0, 1, 2, 0}
	v := []int32{1, 2, 3, 3}
	w := []float64{1, 2, 3, 10}
	g, err := NewGraph(4, u, v, w)
	if err != nil {
		t.Fatal(err)
	}
	inStep := func(g *Graph) {
		t.Helper()
		for i, e := range g.AdjEdge {
			if g.AdjWeight[i] != g.Weight[e] {
				t.Fatalf("arc %d (edge %d): AdjWeight %v, Weight %v", i, e, g.AdjWeight[i], g.Weight[e])
			}
		}
	}
	inStep(g)

	h, err := g.WithWeights([]float64{5, 5, 5, 1})
	if err != nil {
		t.Fatal(err)
	}
	inStep(h)
	if &h.Adj[0] != &g.Adj[0] || &h.Offsets[0] != &g.Offsets[0] {
		t.Error("WithWeights copied the topology instead of sharing it")
	}
	if g.Weight[3] != 10 || g.AdjWeight[len(g.AdjWeight)-1] != g.Weight[g.AdjEdge[len(g.AdjEdge)-1]] {
		t.Error("WithWeights changed the original graph")
	}
	var s Steiner
	_, wg, err := s.Tree(nil, g, []int32{0, 3})
	if err != nil || wg != 6 {
		t.Errorf("on the original weights: tree weight %v, %v; want 6 (path 0-1-2-3)", wg, err)
	}
	_, wh, err := s.Tree(nil, h, []int32{0, 3})
	if err != nil || wh != 1 {
		t.Errorf("on the new weights: tree weight %v, %v; want 1 (edge 0-3)", wh, err)
	}

	for _, bad := range [][]float64{{1, 2, 3}, {1, -1, 1, 1}, {1, math.NaN(), 1, 1}, {1, math.Inf(1), 1, 1}} {
		if _, err := g.WithWeights(bad); !errors.Is(err, ErrBadGraph) {
			t.Errorf("WithWeights(%v): %v, want ErrBadGraph", bad, err)
		}
	}

	// A literal without AdjWeight (or with arrays of other lengths).
	lit := &Graph{Offsets: g.Offsets, Adj: g.Adj, AdjEdge: g.AdjEdge, EdgeU: u, EdgeV: v, Weight: w}
	if _, _, err := s.Tree(nil, lit, []int32{0, 3}); !errors.Is(err, ErrBadGraph) {
		t.Errorf("Tree on a graph without AdjWeight: %v, want ErrBadGraph", err)
	}
	if _, err := ExactWeight(lit, []int32{0, 3}); !errors.Is(err, ErrBadGraph) {
		t.Errorf("ExactWeight on a graph without AdjWeight: %v, want ErrBadGraph", err)
	}
	if _, _, err := s.Tree(nil, &Graph{}, nil); !errors.Is(err, ErrBadGraph) {
		t.Errorf("Tree on the zero Graph: %v, want ErrBadGraph", err)
	}
}
