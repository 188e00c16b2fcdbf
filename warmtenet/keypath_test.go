package warmtenet

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestFullSearchSame checks that the local search's moves on small trees
// (fullSearch) give what radiusSearch gives with every tree node seeded:
// the same tree edge for edge, the same weight, bound and gap bit for bit,
// and the same work counted, on random graphs with small integer weights
// (many ties, zero weights in some), grids, SteinLib's B and C sets and
// warm starts, under the default budget, FastWork, small budgets that end
// a pass part-way, without the reductions and without the Voronoi passes
// (so that the moves do all of the improving).
func TestFullSearchSame(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(12, 5))
	type setup struct {
		name  string
		apply func(s *Steiner, g *Graph, budget int)
	}
	setups := []setup{
		{"default", func(s *Steiner, g *Graph, budget int) {}},
		{"noreduce", func(s *Steiner, g *Graph, budget int) { s.NoReduce = true }},
		{"moves only", func(s *Steiner, g *Graph, budget int) { s.NoReduce, s.noVoronoi = true, true }},
		{"moves only, reduced", func(s *Steiner, g *Graph, budget int) { s.noVoronoi = true }},
		{"fast", func(s *Steiner, g *Graph, budget int) {
			s.MaxWork, s.NoBound = FastWork(g.NumNodes(), g.NumEdges()), true
		}},
		{"small budget", func(s *Steiner, g *Graph, budget int) { s.NoReduce, s.noVoronoi, s.MaxWork = true, true, budget }},
	}
	proved := 0 // moves the fail test proved to fail
	solve := func(name string, g *Graph, ts, start []int32, st setup) (moved bool) {
		t.Helper()
		var got [3][]int32
		var w, lb, gap [3]float64
		var work, innerWork [3]int
		budget := 200 + rng.IntN(5000)
		// radiusSearch; fullSearch on every move; the fail test first.
		for k := range 3 {
			s := NewSteiner()
			st.apply(s, g, budget)
			s.noSeedArcs, s.noFailTest = k == 0, k == 1
			s.Start = start
			tree, tw, err := s.Tree(nil, g, ts)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, st.name, err)
			}
			got[k], w[k], lb[k], gap[k], work[k] = tree, tw, s.LowerBound, s.Gap, s.ls.work
			if s.inner != nil {
				innerWork[k] = s.inner.ls.work
			}
			if k == 2 {
				proved += s.ls.failProved
				if s.inner != nil {
					proved += s.inner.ls.failProved
				}
			}
		}
		for k := 1; k < 3; k++ {
			if !slices.Equal(got[0], got[k]) || math.Float64bits(w[0]) != math.Float64bits(w[k]) ||
				math.Float64bits(lb[0]) != math.Float64bits(lb[k]) || math.Float64bits(gap[0]) != math.Float64bits(gap[k]) ||
				work[0] != work[k] || innerWork[0] != innerWork[k] {
				t.Fatalf("%s, %s: radiusSearch gives %d edges of weight %v (bound %v, gap %v, work %d + %d), fullSearch (variant %d) %d of %v (%v, %v, %d + %d)",
					name, st.name, len(got[0]), w[0], lb[0], gap[0], work[0], innerWork[0], k, len(got[k]), w[k], lb[k], gap[k], work[k], innerWork[k])
			}
		}
		if strings.HasPrefix(st.name, "moves only") {
			m := NewSteiner()
			m.NoReduce, m.NoLocalSearch = true, true
			_, mw, _ := m.Tree(nil, g, ts)
			moved = w[0] < mw
		}
		return moved
	}
	connected := func(g *Graph, ts []int32) []int32 {
		var sp ShortestPaths
		sp.Run(g, ts[:1])
		return slices.DeleteFunc(ts, func(v int32) bool { return math.IsInf(sp.Dist[v], 1) })
	}
	improved := 0
	for i := range 240 {
		var g *Graph
		switch i % 3 {
		case 0, 1:
			n := 5 + rng.IntN(300)
			g = randomGraph(t, rng, n, rng.IntN(3*n), 1+rng.IntN(10), i%6 == 0)
		default:
			g = gridGraph(t, rng, 5+rng.IntN(40), 5+rng.IntN(40))
		}
		n := g.NumNodes()
		ts := connected(g, randomTerminals(rng, n, 2+rng.IntN(max(1, n/3))))
		var start []int32
		if i%4 == 3 {
			for e := range g.NumEdges() {
				if rng.IntN(3) == 0 {
					start = append(start, int32(e))
				}
			}
		}
		for _, st := range setups {
			if solve(fmt.Sprintf("random case %d", i), g, ts, start, st) {
				improved++
			}
		}
	}
	for _, c := range steinlibCases(t) {
		if c.set != "B" && c.set != "C" {
			continue
		}
		p := readSTPFile(t, c.file)
		for _, st := range setups[:3] {
			if solve(c.name, p.Graph, p.Terminals, nil, st) {
				improved++
			}
		}
	}
	// The check means something only if the moves changed trees.
	if improved < 100 {
		t.Fatalf("the moves improved Mehlhorn's tree in %d solves only", improved)
	}
	if proved < 1000 {
		t.Fatalf("the fail test proved %d moves only", proved)
	}
	t.Logf("moves improved Mehlhorn's tree in %d solves; the fail test proved %d moves", improved, proved)
}
