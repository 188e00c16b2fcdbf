package warmtenet

import (
	"math/rand/v2"
	"testing"
)

// TestLowerBoundSteinLib holds the dual-ascent bound to the proven optima
// of SteinLib B and C: never above, and it logs how close it comes.
func TestLowerBoundSteinLib(t *testing.T) {
	s := NewSteiner()
	var sum, worst float64
	cases := steinlibCases(t)
	for _, c := range cases {
		p := readSTPFile(t, c.file)
		lb, err := s.DualBound(p.Graph, p.Terminals)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if lb > c.optimum*(1+1e-12) {
			t.Errorf("%s: lower bound %v above the proven optimum %v", c.name, lb, c.optimum)
		}
		gap := 100 * (c.optimum - lb) / c.optimum
		sum += gap
		worst = max(worst, gap)
		t.Logf("%s: optimum %v, bound %v (%.2f %% below)", c.name, c.optimum, lb, gap)
	}
	t.Logf("bound below the optimum: mean %.2f %%, worst %.2f %%", sum/float64(len(cases)), worst)
}

// TestLowerBoundExact checks the bound against the exact optimum on
// random graphs, zero weights and duplicate terminals included.
func TestLowerBoundExact(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	s := NewSteiner()
	for i := range 400 {
		n := 2 + rng.IntN(40)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 10, i%3 == 0)
		k := 1 + rng.IntN(min(n, 9))
		ts := randomTerminals(rng, n, k)
		if i%5 == 0 {
			ts = append(ts, ts[0])
		}
		opt, err := ExactWeight(g, ts)
		if err != nil {
			t.Fatal(err)
		}
		lb, err := s.DualBound(g, ts)
		if err != nil {
			t.Fatal(err)
		}
		if lb > opt+1e-9 || lb < 0 {
			t.Fatalf("case %d: bound %v, optimum %v", i, lb, opt)
		}
	}
}

func TestLowerBoundDisconnected(t *testing.T) {
	g := mustGraph(t, 4, [][3]float64{{0, 1, 1}, {2, 3, 1}})
	if _, err := NewSteiner().DualBound(g, []int32{0, 3}); err != ErrDisconnected {
		t.Fatalf("got %v, want ErrDisconnected", err)
	}
}
