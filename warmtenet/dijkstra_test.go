package warmtenet

import (
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
// it runs to the end with Run's distances; it stops early only when the
// exact sum exceeds the bound.
func TestRunBounded(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	stopped := 0
	for i := range 2000 {
		n := 2 + rng.IntN(60)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 10, i%2 == 0)
		nodeW := make([]float64, n)
		total := 0.0
		for v := range nodeW {
			if rng.IntN(3) == 0 {
				nodeW[v] = float64(rng.IntN(5))
				total += nodeW[v]
			}
		}
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
		done := got.runBounded(g, c, nodeW, total, bound)
		switch {
		case !done && !(exact > bound):
			t.Fatalf("graph %d: stopped with bound %v at or above the exact sum %v", i, bound, exact)
		case !done:
			stopped++
		default:
			for v := range n {
				if got.Dist[v] != want.Dist[v] {
					t.Fatalf("graph %d: node %d at %v, Run says %v", i, v, got.Dist[v], want.Dist[v])
				}
			}
		}
	}
	if stopped == 0 {
		t.Error("no search stopped early")
	}
}
