package warmtenet

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

// checkReduction fails t unless the reductions of g and ts keep the
// optimum (the exact optimum of the reduced instance plus the contracted
// weight equals that of g) and Tree's answer, mapped back, is a valid
// Steiner tree of g no lighter than the optimum, with a bound below it.
func checkReduction(t *testing.T, s *Steiner, g *Graph, ts []int32) {
	t.Helper()
	opt, err := ExactWeight(g, ts)
	if err != nil {
		t.Fatal(err)
	}
	var red Reduction
	r := &s.red
	r.reduce(g, dedupe(ts), &red)
	ropt, err := ExactWeight(&r.g, r.terms)
	if err != nil {
		t.Fatalf("exact on the reduced instance: %v", err)
	}
	if math.Abs(ropt+r.fixedW-opt) > 1e-9*math.Max(1, opt) {
		t.Fatalf("reduced optimum %v + contracted %v = %v, optimum %v (%d -> %d nodes, %d -> %d edges, %d contracted)",
			ropt, r.fixedW, ropt+r.fixedW, opt, red.Nodes, red.ReducedNodes, red.Edges, red.ReducedEdges, red.Contracted)
	}
	edges, w, err := s.Tree(nil, g, ts)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, g, ts, edges, w)
	if w < opt-1e-9 {
		t.Fatalf("tree %v below the optimum %v", w, opt)
	}
	if s.LowerBound > opt+1e-9*math.Max(1, opt) {
		t.Fatalf("lower bound %v above the optimum %v", s.LowerBound, opt)
	}
	if s.Reduction.Exact && (math.Abs(w-opt) > 1e-9*math.Max(1, opt) || s.Gap != 0) {
		t.Fatalf("exact solve of the reduced instance: tree %v (gap %v), optimum %v", w, s.Gap, opt)
	}
}

func dedupe(ts []int32) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// TestReduceRandom: on random graphs (zero weights, parallel edges and
// many terminals included) every reduction keeps the optimum, the tree
// mapped back is valid and, where the reduced instance is solved exactly,
// optimal.
func TestReduceRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 2))
	s := NewSteiner()
	exact := 0
	for i := range 400 {
		n := 2 + rng.IntN(30)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 1+rng.IntN(10), i%3 == 0)
		k := 1 + rng.IntN(min(n, 11))
		ts := randomTerminals(rng, n, k)
		if i%7 == 0 {
			ts = append(ts, ts[0])
		}
		// Every other case without the local search: the same Steiner
		// then goes from one kind of solve to the other.
		s.NoLocalSearch = i%2 == 1
		checkReduction(t, s, g, ts)
		if s.Reduction.Exact {
			exact++
		}
	}
	if exact == 0 {
		t.Fatal("no reduced instance was solved exactly")
	}
}

// TestReduceCases: hand-made graphs where the tests must fire.
func TestReduceCases(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		n         int
		edges     [][3]float64
		terminals []int32
		want      float64
		nodes     int // reduced nodes at most
	}{
		// A path with a dangling branch: degree-1 removal, then degree-2
		// contraction leave the two terminals and one edge, and the
		// degree-1 terminal contraction ends it.
		{"path with branch", 6, [][3]float64{{0, 1, 1}, {1, 2, 2}, {2, 3, 3}, {2, 4, 1}, {4, 5, 1}}, []int32{0, 3}, 6, 1},
		// A cycle of non-terminals with two terminals hanging off.
		{"cycle", 6, [][3]float64{{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 0, 5}, {1, 4, 2}, {3, 5, 2}}, []int32{4, 5}, 6, 1},
		// Parallel edges and a zero edge at a terminal.
		{"parallel and zero", 4, [][3]float64{{0, 1, 3}, {0, 1, 2}, {1, 2, 0}, {2, 3, 4}, {0, 3, 9}}, []int32{0, 1, 3}, 6, 1},
		// The long edge 0-2 has a detour 0-1-2 whose pieces (0-1 and 1-2,
		// 1 a terminal) are shorter: the bottleneck test deletes it.
		{"bottleneck", 4, [][3]float64{{0, 1, 2}, {1, 2, 2}, {0, 2, 3}, {2, 3, 1}, {0, 3, 4}}, []int32{0, 1, 2}, 4, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			g := mustGraph(t, c.n, c.edges)
			s := NewSteiner()
			checkReduction(t, s, g, c.terminals)
			_, w, err := s.Tree(nil, g, c.terminals)
			if err != nil {
				t.Fatal(err)
			}
			if w != c.want {
				t.Errorf("weight %v, want %v", w, c.want)
			}
			if s.Reduction.ReducedNodes > c.nodes {
				t.Errorf("reduced to %d nodes, want at most %d (%+v)", s.Reduction.ReducedNodes, c.nodes, s.Reduction)
			}
		})
	}
}

// TestExactTree: ExactTree's tree is valid and weighs ExactWeight.
func TestExactTree(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range 200 {
		n := 2 + rng.IntN(30)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 10, i%2 == 0)
		ts := randomTerminals(rng, n, 1+rng.IntN(min(n, 8)))
		want, err := ExactWeight(g, ts)
		if err != nil {
			t.Fatal(err)
		}
		edges, w, err := ExactTree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, g, ts, edges, w)
		if w != want {
			t.Fatalf("case %d: tree %v, ExactWeight %v", i, w, want)
		}
	}
}

// FuzzReduce builds a small graph from bytes (three per edge: ends and a
// weight 0..7, so zero weights and parallel edges are common; the first
// byte picks the terminals) and checks that the reductions keep the
// optimum and that the mapped-back tree is valid.
func FuzzReduce(f *testing.F) {
	f.Add([]byte{0x55, 0, 1, 1, 1, 2, 0, 2, 3, 4, 3, 0, 2, 1, 3, 7})
	f.Add([]byte{0xff, 0, 1, 0, 1, 2, 0, 2, 0, 0, 0, 1, 5})
	seed := make([]byte, 0, 64)
	seed = binary.LittleEndian.AppendUint32(seed, 0x0f0f0f0f)
	f.Add(append(seed, 0, 1, 2, 1, 2, 3, 2, 3, 1, 3, 4, 2, 4, 5, 1, 5, 0, 3, 1, 4, 6))
	s := NewSteiner()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 {
			return
		}
		const n = 12
		pick := data[0]
		var u, v []int32
		var w []float64
		for i := 1; i+2 < len(data) && len(u) < 40; i += 3 {
			a, b := int32(data[i]%n), int32(data[i+1]%n)
			if a == b {
				continue
			}
			u, v, w = append(u, a), append(v, b), append(w, float64(data[i+2]%8))
		}
		g, err := NewGraph(n, u, v, w)
		if err != nil {
			t.Fatal(err)
		}
		// Terminals: nodes whose bit in pick (mod 8) is set, in the
		// component of node 0.
		comp := componentOf(g, 0)
		var ts []int32
		for x := range int32(n) {
			if comp[x] && pick>>(x%8)&1 == 1 {
				ts = append(ts, x)
			}
		}
		checkReduction(t, s, g, ts)
	})
}

// componentOf marks the nodes connected to src.
func componentOf(g *Graph, src int32) []bool {
	in := make([]bool, g.NumNodes())
	in[src] = true
	stack := []int32{src}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
			if u := g.Adj[i]; !in[u] {
				in[u] = true
				stack = append(stack, u)
			}
		}
	}
	return in
}

// TestReduceMapBack: on larger random and grid graphs with many
// terminals (beyond the exact solver), alternating solves with and
// without the local search on one Steiner, the mapped-back tree is a
// valid Steiner tree of the original graph and the bound (the reduced
// instance's plus the contracted weight) stays below it.
func TestReduceMapBack(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 4))
	s := NewSteiner()
	for i := range 200 {
		var g *Graph
		if i%2 == 0 {
			n := 20 + rng.IntN(200)
			g = randomGraph(t, rng, n, rng.IntN(2*n), 10, i%6 == 0)
		} else {
			g = gridGraph(t, rng, 4+rng.IntN(15), 4+rng.IntN(15))
		}
		n := g.NumNodes()
		comp := componentOf(g, 0)
		var ts []int32
		for _, v := range randomTerminals(rng, n, 2+rng.IntN(max(1, n/3))) {
			if comp[v] {
				ts = append(ts, v)
			}
		}
		s.NoLocalSearch = i%3 == 1
		edges, w, err := s.Tree(nil, g, ts)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		checkTree(t, g, ts, edges, w)
		if s.LowerBound > w*(1+1e-9)+1e-9 {
			t.Fatalf("case %d: bound %v above the tree %v", i, s.LowerBound, w)
		}
	}
}
