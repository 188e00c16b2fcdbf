package warmtenet

import (
	"math"
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

// TestAscentWeights checks the guide of Tree's first restart on SteinLib
// B and C: after a dual ascent that ran to the end, the edges it leaves
// at their own weight (saturated ones) join every terminal to the root,
// the others weigh ascentPenalty times theirs, and a tree solved on the
// guide, weighed in the true weights, is a valid tree no lighter than the
// optimum.
func TestAscentWeights(t *testing.T) {
	s := NewSteiner()
	for _, c := range steinlibCases(t) {
		p := readSTPFile(t, c.file)
		g := p.Graph
		if _, err := s.DualBound(g, p.Terminals); err != nil {
			t.Fatal(err)
		}
		pw := make([]float64, g.NumEdges())
		s.ascentWeights(g, pw)
		uf := make([]int32, g.NumNodes())
		for v := range uf {
			uf[v] = int32(v)
		}
		for e, w := range pw {
			switch w {
			case g.Weight[e]:
				uf[find(uf, g.EdgeU[e])] = find(uf, g.EdgeV[e])
			case ascentPenalty * g.Weight[e]:
			default:
				t.Fatalf("%s: edge %d weighs %v in the guide, %v in g", c.name, e, w, g.Weight[e])
			}
		}
		for _, x := range p.Terminals {
			if find(uf, x) != find(uf, p.Terminals[0]) {
				t.Fatalf("%s: terminal %d not joined to %d by saturated edges", c.name, x, p.Terminals[0])
			}
		}
		gp, err := NewGraph(g.NumNodes(), g.EdgeU, g.EdgeV, pw)
		if err != nil {
			t.Fatal(err)
		}
		s2 := NewSteiner()
		s2.NoReduce = true
		tree, _, err := s2.Tree(nil, gp, p.Terminals)
		if err != nil {
			t.Fatal(err)
		}
		var w float64
		for _, e := range tree {
			w += g.Weight[e]
		}
		checkTree(t, g, p.Terminals, tree, w)
		if w < c.optimum-1e-9 {
			t.Fatalf("%s: tree of %v below the optimum %v", c.name, w, c.optimum)
		}
	}
}

// TestReducedCostFixExact checks reduced-cost fixing against the exact
// optimum on random graphs with integer weights: with ub the optimum,
// the edges it rules out leave a graph of the same optimum; with ub one
// less, a graph without any tree of that weight or less. And Tree's bound
// never exceeds the optimum with the fixing in play.
func TestReducedCostFixExact(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	s := NewSteiner()
	for i := range 300 {
		n := 3 + rng.IntN(30)
		g := randomGraph(t, rng, n, rng.IntN(3*n), 10, false)
		k := 2 + rng.IntN(min(n-1, 8))
		ts := randomTerminals(rng, n, k)
		opt, err := ExactWeight(g, ts)
		if err != nil {
			continue // disconnected
		}
		// distinct terminals, as Tree passes them
		seen := map[int32]bool{}
		var terms []int32
		for _, x := range ts {
			if !seen[x] {
				seen[x] = true
				terms = append(terms, x)
			}
		}
		lb, err := s.DualBound(g, terms)
		if err != nil {
			t.Fatal(err)
		}
		for _, ub := range []float64{opt, opt - 1} {
			out, _ := s.reducedCostFix(g, terms, lb, ub)
			var u, v []int32
			var w []float64
			for e := range g.NumEdges() {
				if !s.rcf.out[e] {
					u, v, w = append(u, g.EdgeU[e]), append(v, g.EdgeV[e]), append(w, g.Weight[e])
				}
			}
			h, err := NewGraph(n, u, v, w)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ExactWeight(h, terms)
			switch {
			case ub == opt && (err != nil || math.Abs(got-opt) > 1e-9):
				t.Fatalf("case %d: %d edges ruled out for ub = optimum %v: left optimum %v, %v", i, out, opt, got, err)
			case ub < opt && err == nil && got <= ub+1e-9:
				t.Fatalf("case %d: a tree of %v left for ub %v below the optimum %v", i, got, ub, opt)
			}
		}
		tree, tw, err := s.Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, g, ts, tree, tw)
		if s.LowerBound > opt+1e-9 || tw < opt-1e-9 {
			t.Fatalf("case %d: tree %v, bound %v, optimum %v", i, tw, s.LowerBound, opt)
		}
	}
}

// TestLowerBoundCappedReuse checks that a dual ascent stopped by its work
// cap, with terminals still queued, leaves nothing behind: the next bound
// on the same Steiner equals that of a new one. (A capped run used to
// leave the queue's keys out of step with its items.)
func TestLowerBoundCappedReuse(t *testing.T) {
	t.Parallel()
	cases := steinlibCases(t)
	var pc, pb *STP
	for _, c := range cases {
		switch c.name {
		case "c18":
			pc = readSTPFile(t, c.file)
		case "c09":
			pb = readSTPFile(t, c.file)
		}
	}
	if pc == nil || pb == nil {
		t.Fatal("c18 or c09 missing")
	}
	want, err := NewSteiner().DualBound(pb.Graph, pb.Terminals)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSteiner()
	for _, budget := range []int{500, 5_000, 50_000} {
		capped, err := s.dualBound(pc.Graph, pc.Terminals, budget)
		if err != nil {
			t.Fatal(err)
		}
		if s.da.heap.items == nil || len(s.da.heap.items) == 0 {
			t.Fatalf("budget %d: the ascent finished (bound %v); the test needs a capped run", budget, capped)
		}
		got, err := s.DualBound(pb.Graph, pb.Terminals)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("after a capped run (budget %d): bound %v, a new Steiner gives %v", budget, got, want)
		}
	}
}
