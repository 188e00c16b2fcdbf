package synthgraph

import (
	"slices"
	"testing"
)

func TestGenerate(t *testing.T) {
	for _, n := range []int{1, 2, 100, 10_000} {
		p := Street(n, n/10+1, 7)
		g, terms := Generate(p)
		if g.NumNodes() > n || g.NumNodes() < n*8/10 {
			t.Errorf("n=%d: kept %d nodes", n, g.NumNodes())
		}
		if len(terms) != min(p.Terminals, g.NumNodes()) {
			t.Errorf("n=%d: %d terminals, want %d", n, len(terms), p.Terminals)
		}
		for e, w := range g.Weight {
			if !(w > 0 && w < 2*Block) {
				t.Fatalf("n=%d: edge %d weighs %v m", n, e, w)
			}
		}
		g2, terms2 := Generate(p)
		if !slices.Equal(g.Weight, g2.Weight) || !slices.Equal(terms, terms2) {
			t.Errorf("n=%d: not reproducible", n)
		}
	}
}
