package warmtenet

import (
	"math"
	"math/rand/v2"
	"testing"
)

// gridGraph returns a w x h grid with weights 1 + U[0, 1) and about a
// fifth of the edges left out (ids stay dense; components may split).
func gridGraph(t testing.TB, rng *rand.Rand, w, h int) *Graph {
	var u, v []int32
	var wt []float64
	id := func(x, y int) int32 { return int32(y*w + x) }
	for y := range h {
		for x := range w {
			if x+1 < w && rng.IntN(5) > 0 {
				u, v, wt = append(u, id(x, y)), append(v, id(x+1, y)), append(wt, 1+rng.Float64())
			}
			if y+1 < h && rng.IntN(5) > 0 {
				u, v, wt = append(u, id(x, y)), append(v, id(x, y+1)), append(wt, 1+rng.Float64())
			}
		}
	}
	g, err := NewGraph(w*h, u, v, wt)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestVoronoiPass checks every Voronoi key-path-exchange pass on its own:
// the tree it leaves is a valid Steiner tree, lighter than before by at
// least the gains of the moves it applied, and passes stop only when no
// move is left.
func TestVoronoiPass(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	s := NewSteiner()
	passes, moves := 0, 0
	for i := range 400 {
		var g *Graph
		switch i % 4 {
		case 0, 1:
			n := 5 + rng.IntN(200)
			g = randomGraph(t, rng, n, rng.IntN(3*n), 10, i%8 == 0)
		default:
			g = gridGraph(t, rng, 5+rng.IntN(30), 5+rng.IntN(30))
		}
		n := g.NumNodes()
		ts := randomTerminals(rng, n, 2+rng.IntN(max(1, n/4)))
		// Keep the terminals of the first terminal's component.
		var sp ShortestPaths
		sp.Run(g, ts[:1])
		k := 0
		for _, v := range ts {
			if !math.IsInf(sp.Dist[v], 1) {
				ts[k] = v
				k++
			}
		}
		ts = ts[:k]
		if len(ts) < 2 {
			continue
		}
		s.NoLocalSearch = true
		s.NoReduce = true // the pass works on the instance as given
		edges, w, err := s.Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		// Tree left s.edges, s.inTree and s.deg describing the tree.
		s.ls.budget = math.MaxInt
		for {
			before := s.weight(g)
			ok := s.voronoiPass(g)
			after := s.weight(g)
			checkTree(t, g, ts, s.edges, after)
			for _, e := range s.edges {
				if !s.inTree[e] {
					t.Fatalf("case %d: edge %d listed but not marked", i, e)
				}
			}
			if !ok {
				if after != before {
					t.Fatalf("case %d: pass without moves changed the weight %v -> %v", i, before, after)
				}
				break
			}
			var gain float64
			for _, mv := range s.vp.moves {
				gain += mv.gain
			}
			if gain <= 0 || after > before-gain+1e-9*math.Max(1, before) {
				t.Fatalf("case %d: weight %v -> %v, applied gains %v", i, before, after, gain)
			}
			passes++
			moves += len(s.vp.moves)
			if after > w {
				t.Fatalf("case %d: heavier than Mehlhorn's tree", i)
			}
		}
		s.clearTree(g)
		_ = edges
	}
	if passes == 0 || moves == 0 {
		t.Fatalf("no improving pass in 400 cases")
	}
	t.Logf("%d improving passes, %d moves", passes, moves)
}
