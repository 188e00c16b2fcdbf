package warmtenet

import (
	"errors"
	"math"
)

// Reduced-cost fixing (Polzin and Daneshmand, "Improved algorithms for
// the Steiner problem in networks", Discrete Applied Math. 112, 2001;
// SCIP-Jack's "reduced cost" tests). After a dual ascent rooted at r with
// bound lb, every arc has a reduced cost rc >= 0, and every Steiner
// arborescence rooted at r weighs at least lb plus the sum of the reduced
// costs of its arcs (each set W of the dual is entered by at least one of
// its arcs, so the y(W) it uses add up to at most its weight minus its
// arcs' reduced costs). A tree through the arc u->v holds a path r ... u,
// the arc, and a path v ... t to a terminal below it, arc-disjoint, so it
// weighs at least lb + dR(u) + rc(u->v) + dT(v), with dR the reduced-cost
// distance from r and dT the one to the nearest terminal other than r.
// An edge whose bound is above ub in both directions lies in no tree of
// weight ub or less, so none that improves on a tree of weight ub, and
// in no optimal tree when ub is the weight of a tree. The bound holds
// for any feasible dual, so also for an ascent stopped at its work cap.
//
// Tree uses it after the search on instances with integer weights
// (fixAndSolve): on SteinLib C it rules out 40-90 % of the edges of the
// dense instances, which the reductions before the search (reduce.go)
// leave almost whole, and a second solve of the rest found lighter trees
// for c09, c13, c18 and c20 (benchmarks/README.md, "Quality: SteinLib B
// and C").

// rcFix holds the buffers of reducedCostFix.
type rcFix struct {
	twin   []int32   // per adjacency index: the index of the same edge's arc at its other end
	first  []int32   // per edge: its first adjacency index, while twin is built
	dR, dT []float64 // reduced-cost distances from the root and to the terminals
	heap   []bheapItem[int32]
	out    []bool // per edge: ruled out for the last ub

	// fixAndSolve: the graph of the edges not ruled out, its edge lists,
	// its edges' ids in the fixed graph, its tree and the terminals.
	g          Graph
	u, v, edge []int32
	w          []float64
	tree       []int32
	terms      []int32
}

// reducedCostFix marks in s.rcf.out the edges of g that reduced-cost
// fixing rules out for trees of weight at most ub, after DualBound(g,
// terms) returned lb with root terms[0] (s.da.rc holds its reduced
// costs). It returns the number of edges ruled out and the work done
// (heap pops plus arcs scanned). O(m log n).
func (s *Steiner) reducedCostFix(g *Graph, terms []int32, lb, ub float64) (int, int) {
	n, m := g.NumNodes(), g.NumEdges()
	f := &s.rcf
	rc := s.da.rc
	f.twin = growInt32(f.twin, len(g.Adj))
	f.dR = growFloat(f.dR, n)
	f.dT = growFloat(f.dT, n)
	f.out = growBool(f.out, m)
	// twin: the first index seen of each edge, then its second.
	f.first = growInt32(f.first, m)
	first := f.first
	for e := range first {
		first[e] = -1
	}
	for i, e := range g.AdjEdge {
		if j := first[e]; j >= 0 {
			f.twin[i], f.twin[j] = j, int32(i)
		} else {
			first[e] = int32(i)
		}
	}
	work := 0
	// dR: from the root along arcs x->y (the arc into y at y's index twin[i]).
	work += f.dijkstra(g, terms[:1], func(i int32) float64 { return rc[f.twin[i]] }, f.dR)
	// dT: to the nearest terminal other than the root, along arcs u->x
	// (the arc into x from Adj[i] at x's index i), searched backwards.
	work += f.dijkstra(g, terms[1:], func(i int32) float64 { return rc[i] }, f.dT)
	limit := ub + 1e-9*math.Max(1, math.Abs(ub))
	count := 0
	for i, e := range g.AdjEdge {
		// Index i at node v = the far end's neighbour: arc Adj[i] -> v
		// costs rc[i]; visit each edge once, from its EdgeV end.
		u := g.Adj[i]
		v := g.EdgeU[e]
		if v == u {
			v = g.EdgeV[e]
		}
		if v != g.EdgeV[e] {
			continue
		}
		uv := lb + f.dR[u] + rc[i] + f.dT[v]
		vu := lb + f.dR[v] + rc[f.twin[i]] + f.dT[u]
		f.out[e] = min(uv, vu) > limit
		if f.out[e] {
			count++
		}
	}
	work += len(g.Adj)
	return count, work
}

// dijkstra sets dist to the distances from the sources over g's arcs,
// the arc at adjacency index i of the popped node costing cost(i), and
// returns the work (pops plus arcs scanned). The costs are reduced costs,
// never negative, so every node reached is scanned once, at its final
// distance, in whatever order the heap pops equal distances: dist and
// the work do not depend on how the heap breaks ties.
func (f *rcFix) dijkstra(g *Graph, sources []int32, cost func(int32) float64, dist []float64) int {
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	h := f.heap[:0]
	for _, t := range sources {
		if dist[t] != 0 {
			dist[t] = 0
			h = bheapPush(h, bheapItem[int32]{0, t})
		}
	}
	work := 0
	for len(h) > 0 {
		var it bheapItem[int32]
		it, h = bheapPop(h)
		x := it.val
		if it.key > dist[x] {
			continue
		}
		work += 1 + int(g.Offsets[x+1]-g.Offsets[x])
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y := g.Adj[i]
			if d := it.key + cost(i); d < dist[y] {
				dist[y] = d
				h = bheapPush(h, bheapItem[int32]{d, y})
			}
		}
	}
	f.heap = h
	return work
}

// fixMinShare is the share of g's edges reduced-cost fixing must rule out
// for fixAndSolve to solve the rest again: below it the graph hardly
// shrinks and the second solve would repeat the first.
const fixMinShare = 0.25

// fixAndSolve follows a solve of g (the reduced instance, its terminals
// in s.terms, its tree in s.redTree weighing w, its bound in s.LowerBound
// and s.da) that stopped short of the gap target. On integer weights it
// rules out the edges no tree of weight w - 1 or less can hold
// (reducedCostFix); when they are at least fixMinShare of g's edges, it
// solves the graph of the other edges again, reductions and the exact
// solve for few terminals included (the reductions find much more to
// remove there), within budget, and keeps its tree in s.redTree if it is
// lighter. Every tree of g lighter than w lies in that graph, so the
// optimum of g is at least the smaller of w and the second solve's
// bound (w itself when that graph holds no tree): s.LowerBound becomes
// the larger of that and the first bound.
func (s *Steiner) fixAndSolve(g *Graph, w float64, budget int) error {
	lb := s.LowerBound
	terms := append(s.rcf.terms[:0], s.terms...)
	if len(terms) < 2 {
		return nil
	}
	s.rcf.terms = terms
	// Only with integer weights, where a lighter tree weighs w - 1 at
	// most: that test rules out far more than one against w itself
	// (c18: 4,946 of 12,458 edges against w, and the second solve found
	// nothing lighter), and on street graphs in metres the second solve
	// would double the time for little (benchmarks/README.md).
	for _, x := range g.Weight {
		if x != math.Trunc(x) {
			return nil
		}
	}
	ub := w - 1
	out, _ := s.reducedCostFix(g, terms, lb, ub)
	m := g.NumEdges()
	if float64(out) < fixMinShare*float64(m) {
		return nil
	}
	f := &s.rcf
	f.u, f.v, f.w, f.edge = f.u[:0], f.v[:0], f.w[:0], f.edge[:0]
	for e := range m {
		if !f.out[e] {
			f.u = append(f.u, g.EdgeU[e])
			f.v = append(f.v, g.EdgeV[e])
			f.w = append(f.w, g.Weight[e])
			f.edge = append(f.edge, int32(e))
		}
	}
	f.g.build(g.NumNodes(), f.u, f.v, f.w)
	in := s.inner
	if in == nil {
		in = &Steiner{}
		s.inner = in
	}
	in.MaxWork, in.GapTarget, in.noFix, in.noSeedArcs, in.noFailTest = budget, s.GapTarget, true, s.noSeedArcs, s.noFailTest
	var w2 float64
	var err error
	f.tree, w2, err = in.Tree(f.tree[:0], &f.g, terms)
	if errors.Is(err, ErrDisconnected) {
		s.LowerBound = w // no tree of weight ub or less: w is optimal
		return nil
	}
	if err != nil {
		return err
	}
	lb2 := in.LowerBound
	if w2 < w-1e-9*math.Max(1, w) {
		s.redTree = s.redTree[:0]
		for _, e := range f.tree {
			s.redTree = append(s.redTree, f.edge[e])
		}
		w = w2
	}
	s.LowerBound = max(lb, min(w, lb2))
	return nil
}
