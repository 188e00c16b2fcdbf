package warmtenet

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestShortestPathsAdd checks that Run from some sources followed by Add of
// others gives the distances of one Run from all of them, that every
// source is its own Source, and that Source is constant along PredEdge
// (zero-weight edges included, where ties make that non-trivial).
func TestShortestPathsAdd(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		n := 2 + rng.IntN(40)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 10, i%2 == 0)
		a := randomTerminals(rng, n, 1+rng.IntN(n/2+1))
		b := randomTerminals(rng, n, 1+rng.IntN(n/2+1))
		var inc, all ShortestPaths
		inc.Run(g, a)
		settled := inc.Add(g, b)
		all.Run(g, append(append([]int32{}, a...), b...))
		if settled > n {
			t.Fatalf("case %d: Add settled %d of %d nodes", i, settled, n)
		}
		for v := range n {
			if inc.Dist[v] != all.Dist[v] {
				t.Fatalf("case %d node %d: Run+Add distance %v, one Run %v", i, v, inc.Dist[v], all.Dist[v])
			}
			if e := inc.PredEdge[v]; e >= 0 {
				p := g.Other(e, int32(v))
				if inc.Source[p] != inc.Source[v] {
					t.Fatalf("case %d: node %d has source %d, its predecessor %d source %d", i, v, inc.Source[v], p, inc.Source[p])
				}
				if inc.Dist[p]+g.Weight[e] != inc.Dist[v] {
					t.Fatalf("case %d: node %d at %v, predecessor at %v over %v", i, v, inc.Dist[v], inc.Dist[p], g.Weight[e])
				}
			}
		}
		for _, s := range append(append([]int32{}, a...), b...) {
			if inc.Source[s] != s {
				t.Fatalf("case %d: source %d has source %d", i, s, inc.Source[s])
			}
		}
	}
}

// TestRunBounded checks chooseSource's bounded search against Run on
// random graphs: with a bound at or above the exact weighted distance sum
// it reports a complete search with Run's distances at every needed node
// (the weighted ones and some of weight 0); it stops early only when the
// exact sum exceeds the bound. The weights are fractions whose sums
// round, so that the settled weight may differ from the total by a
// residue. The answer is the search's to the end (no node needed), and
// searches that end at the last needed node must occur.
func TestRunBounded(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	stopped, short := 0, 0
	for i := range 2000 {
		n := 2 + rng.IntN(60)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 10, i%2 == 0)
		nodeW := make([]float64, n)
		need := make([]bool, n)
		nNeed := 0
		total := 0.0
		for v := range nodeW {
			if rng.IntN(3) == 0 {
				nodeW[v] = float64(rng.IntN(5))
				if i%3 == 0 {
					nodeW[v] /= 7
				}
				total += nodeW[v]
				need[v] = true
				nNeed++
			}
		}
		if nNeed == 0 {
			need[0], nNeed = true, 1
		}
		maxDist := 0.0
		for _, w := range g.Weight {
			maxDist += w
		}
		maxDist *= 2
		c := int32(rng.IntN(n))
		var want, got ShortestPaths
		want.Run(g, []int32{c})
		exact := 0.0
		for v, x := range nodeW {
			exact += x * want.Dist[v]
		}
		bound := exact * (0.5 + rng.Float64())
		if rng.IntN(4) == 0 {
			bound = exact
		}
		done := got.runBounded(g, c, nodeW, total, bound, need, nNeed, maxDist)
		// No node needed: the search runs to the end or to the bound.
		var full ShortestPaths
		if whole := full.runBounded(g, c, nodeW, total, bound, make([]bool, n), 1, maxDist); whole != done {
			t.Fatalf("graph %d: ended at the last needed node with %v, the whole search says %v", i, done, whole)
		}
		switch {
		case !done && !(exact > bound):
			t.Fatalf("graph %d: stopped with bound %v at or above the exact sum %v", i, bound, exact)
		case !done:
			stopped++
		default:
			for v := range n {
				if need[v] && got.Dist[v] != want.Dist[v] {
					t.Fatalf("graph %d: node %d at %v, Run says %v", i, v, got.Dist[v], want.Dist[v])
				}
				if !need[v] && got.Dist[v] != want.Dist[v] {
					short++
				}
			}
		}
	}
	if stopped == 0 {
		t.Error("no search stopped early")
	}
	if short == 0 {
		t.Error("no search ended at its last needed node")
	}
}

// TestShortestPathsMoveEnds checks moveEnds against runEnds: from the
// unique labels of one edge set's ends, moved to another's (a tree that
// loses some nodes and gains others, as after a Voronoi pass, or an
// unrelated set), the labels equal runEnds's from the new set bit for
// bit whenever moveEnds reports them unique; on integer weights, where
// ties are common, it must also say no. Both outcomes must occur. Half
// the cases start, as a first pass does, from Add's labels that unique
// accepts, which must be runEnds's too.
func TestShortestPathsMoveEnds(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	var a, b ShortestPaths
	moved, refused := 0, 0
	for i := range 600 {
		var g *Graph
		switch i % 4 {
		case 0:
			n := 5 + rng.IntN(300)
			g = randomGraph(t, rng, n, rng.IntN(3*n), 20, i%8 == 0)
		case 1:
			// Weights in steps of 1/64: exact sums, some ties.
			g = gridGraph(t, rng, 3+rng.IntN(40), 3+rng.IntN(40))
			w := make([]float64, g.NumEdges())
			for e, x := range g.Weight {
				w[e] = math.Round(x*64) / 64
			}
			var err error
			if g, err = NewGraph(g.NumNodes(), g.EdgeU, g.EdgeV, w); err != nil {
				t.Fatal(err)
			}
		default:
			g = gridGraph(t, rng, 3+rng.IntN(40), 3+rng.IntN(40))
		}
		n, m := g.NumNodes(), g.NumEdges()
		if m == 0 {
			continue
		}
		pick := func(from []int32, keep int) []int32 {
			var es []int32
			for _, e := range from {
				if rng.IntN(100) < keep {
					es = append(es, e)
				}
			}
			for range 1 + rng.IntN(max(1, m/20)) {
				es = append(es, int32(rng.IntN(m)))
			}
			return es
		}
		all := make([]int32, m)
		for e := range all {
			all[e] = int32(e)
		}
		old := pick(all, 10+rng.IntN(50))
		if i%2 == 0 {
			// As a first Voronoi pass: Run from some of the ends, Add of
			// all, checked by unique (Add does not test for ties).
			a.Run(g, []int32{g.EdgeU[old[0]]})
			a.addEnds(g, old)
			if !a.unique(g) {
				continue
			}
			b.runEnds(g, old)
			for v := range n {
				if math.Float64bits(a.Dist[v]) != math.Float64bits(b.Dist[v]) || a.Source[v] != b.Source[v] || a.PredEdge[v] != b.PredEdge[v] {
					t.Fatalf("case %d: node %d added to (%v, %d, %d), unique, runEnds (%v, %d, %d)", i, v,
						a.Dist[v], a.Source[v], a.PredEdge[v], b.Dist[v], b.Source[v], b.PredEdge[v])
				}
			}
		} else if !a.runEnds(g, old) {
			continue
		}
		for range 3 {
			next := pick(old, 70+rng.IntN(30))
			deg := make([]int32, n)
			for _, e := range next {
				deg[g.EdgeU[e]]++
				deg[g.EdgeV[e]]++
			}
			ok := a.moveEnds(g, deg)
			for v, mk := range a.mark {
				if mk != 0 {
					t.Fatalf("case %d: node %d left marked %d", i, v, mk)
				}
			}
			if !ok {
				refused++
				if !a.runEnds(g, next) {
					break
				}
				old = next
				continue
			}
			moved++
			b.runEnds(g, next)
			for v := range n {
				if math.Float64bits(a.Dist[v]) != math.Float64bits(b.Dist[v]) || a.Source[v] != b.Source[v] || a.PredEdge[v] != b.PredEdge[v] {
					t.Fatalf("case %d: node %d moved to (%v, %d, %d), runEnds (%v, %d, %d)", i, v,
						a.Dist[v], a.Source[v], a.PredEdge[v], b.Dist[v], b.Source[v], b.PredEdge[v])
				}
			}
			old = next
		}
	}
	if moved == 0 || refused == 0 {
		t.Fatalf("moved %d times, refused %d: want both", moved, refused)
	}
	t.Logf("moved %d times, refused %d", moved, refused)
}
