package warmtenet

import "math"

// Reductions before the Steiner search: tests that delete edges and
// nodes no optimal tree needs, or contract edges some optimal tree
// contains, so that the search runs on a smaller instance with the same
// optimum (less the weight of the contracted edges). Each test is one of
// the classic ones (Duin and Volgenant, "Reduction tests for the Steiner
// problem in graphs", Networks 19, 1989; Polzin and Daneshmand's survey in
// Discrete Applied Mathematics 112, 2001), applied in its textbook form:
//
//   - parallel edges: the lighter one stays;
//   - a non-terminal of degree 1 goes with its edge (repeatedly); a
//     non-terminal of degree 2 is replaced by one edge joining its two
//     neighbours, weighing the sum (the lighter stays when that edge runs
//     parallel to another);
//   - a terminal of degree 1: its edge is in every tree, so it is
//     contracted (the neighbour becomes a terminal);
//   - a zero-weight edge at a terminal is contracted: an optimal tree
//     that lacks it gets it at no cost (adding it and, if that closes a
//     cycle, dropping another edge of the cycle);
//   - nearest vertex: for a terminal z of degree 2 or more whose
//     cheapest edge (z, v) weighs c1 and whose next cheapest weighs c2,
//     the edge (z, v) is contracted when v is a terminal or a terminal
//     other than z lies within c2 - c1 of v on a path that avoids z. (An
//     optimal tree without (z, v) enters z over an edge f of weight at
//     least c2; swapping f for (z, v) and the path keeps it connected and
//     no heavier.) The search from v is bounded in radius and in settled
//     nodes (reduceScanLimit), so a test that gives up keeps the edge;
//   - bottleneck Steiner distance: an edge (u, v) of weight w goes when a
//     path from u to v that avoids it has all its elementary pieces (the
//     stretches between u, the terminals on it and v) of length at most
//     w. (An optimal tree with the edge falls apart without it into a part
//     holding u and one holding v; one piece of the path joins the two
//     and weighs no more.) Edges are tested one after the other on the
//     graph as it stands, so ties (zero-weight edges, equal detours) never
//     delete both of two alternatives. Each search is bounded as above, so
//     the test finds some deletable edges, not all.
//
// Every test keeps the optimum: opt(original) = opt(reduced) + the weight
// of the contracted edges. A tree of the reduced instance maps back to
// original edges: a replaced path expands to its edges and each
// contracted edge is added; pruning the non-terminal leaves that a
// contraction can leave makes it a Steiner tree of the original instance
// again, no heavier than the reduced tree plus the contracted edges. A
// lower bound of the reduced instance plus the contracted weight is a
// lower bound of the original one.
//
// The reduction takes O(n + m) time plus the bounded searches: each
// settles at most reduceScanLimit nodes and scans at most reduceArcLimit
// arcs, one per terminal and one per
// edge in the first round, for at most reduceRounds rounds while a round
// still removes a share of the edges; the later rounds test only the
// terminals and edges at nodes whose edges changed in the round before.
const (
	reduceScanLimit = 8
	reduceArcLimit  = 32
	reduceRounds    = 3
	// reduceMinGain: another round runs only while the last one removed at
	// least this share of the edges left.
	reduceMinGain = 0.02
)

// Reduction describes the reductions of the last Tree: the instance
// before and after (nodes, edges, distinct terminals), how many edges
// were contracted into the tree and their weight. All zero when Tree did
// not reduce (Steiner.NoReduce, or fewer than two terminals).
type Reduction struct {
	Nodes, Edges, Terminals                      int
	ReducedNodes, ReducedEdges, ReducedTerminals int
	Contracted                                   int
	ContractedWeight                             float64
	// Exact is true when the reduced instance was solved exactly
	// (few terminals; see exactMaxCost).
	Exact bool
}

// reducer holds the working graph of the reductions: the original edges
// (ids below m0) and the edges that replace a degree-2 node (ids from m0,
// each joining two earlier ones), with each node's edges in a doubly
// linked list of arcs (arc 2e is edge e at EdgeU's end, 2e+1 at EdgeV's).
type reducer struct {
	m0          int
	eu, ev      []int32
	ew          []float64
	alive       []bool
	left, right []int32 // per edge id - m0: the two edges it replaces
	next, prev  []int32 // per arc
	head, deg   []int32 // per node: first arc, number of arcs
	term        []bool  // per node: a terminal of the working instance
	nterm       int
	queue       []int32
	queued      []bool
	dirty, was  []bool  // per node: its edges changed in this round, the round before
	all         bool    // test every node and edge, not only around was
	fixed       []int32 // contracted edges (working ids)
	fixedW      float64
	mark        []uint32 // per node: stamp of the last neighbour marking or search
	markEdge    []int32  // per node: the edge to it when marked
	stamp       uint32
	best        []float64 // per node: best key of the current search (valid when mark == stamp)
	heap        []sdItem

	// The reduced instance.
	g       Graph
	id      []int32 // per working node: its reduced id, -1 when gone
	edgeOf  []int32 // per reduced edge: its working edge
	u, v    []int32
	w       []float64
	terms   []int32
	expand  []int32 // expansion stack
	origTer []int32 // the distinct original terminals
}

// sdItem is a label of a bounded search at node val.v: the longest
// elementary piece so far (val.b), the length of the current piece
// (val.cur), key = max(b, cur).
type sdItem = bheapItem[sdLabel]

type sdLabel struct {
	b, cur float64
	v      int32
}

// reduce builds the reduced instance of g and the distinct terminals
// terms in r.g and r.terms and fills red with its sizes. g is not changed.
func (r *reducer) reduce(g *Graph, terms []int32, red *Reduction) {
	n, m := g.NumNodes(), g.NumEdges()
	r.init(g, terms)
	r.dropParallel(n)
	r.drain()
	for round := 0; round < reduceRounds && r.nterm > 1; round++ {
		before := r.aliveEdges()
		// After the first round, test only around the nodes whose edges
		// changed in the round before.
		r.all = round == 0
		r.was, r.dirty = r.dirty, r.was
		clear(r.dirty)
		r.nearestVertex(n)
		r.drain()
		r.bottleneck()
		r.drain()
		if float64(before-r.aliveEdges()) < reduceMinGain*float64(before) {
			break
		}
	}
	r.build(n)
	*red = Reduction{Nodes: n, Edges: m, Terminals: len(terms),
		ReducedNodes: r.g.NumNodes(), ReducedEdges: r.g.NumEdges(), ReducedTerminals: len(r.terms),
		Contracted: len(r.fixed), ContractedWeight: r.fixedW}
}

func (r *reducer) init(g *Graph, terms []int32) {
	n, m := g.NumNodes(), g.NumEdges()
	r.m0 = m
	maxE := 2*m + 1 // each replacement consumes two edges: fewer than m new ones
	r.eu = growInt32(r.eu, maxE)[:m]
	r.ev = growInt32(r.ev, maxE)[:m]
	r.ew = growFloat(r.ew, maxE)[:m]
	r.alive = growBool(r.alive, maxE)[:m]
	r.left = r.left[:0]
	r.right = r.right[:0]
	copy(r.eu, g.EdgeU)
	copy(r.ev, g.EdgeV)
	copy(r.ew, g.Weight)
	r.next = growInt32(r.next, 2*maxE)
	r.prev = growInt32(r.prev, 2*maxE)
	r.head = growInt32(r.head, n)
	r.deg = growInt32(r.deg, n)
	r.term = growBool(r.term, n)
	r.queued = growBool(r.queued, n)
	r.dirty = growBool(r.dirty, n)
	r.was = growBool(r.was, n)
	r.id = growInt32(r.id, n)
	r.markEdge = growInt32(r.markEdge, n)
	r.best = growFloat(r.best, n)
	if cap(r.mark) < n {
		r.mark = make([]uint32, n)
		r.stamp = 0
	}
	r.mark = r.mark[:n]
	for i := range r.head {
		r.head[i] = -1
	}
	clear(r.deg)
	clear(r.term)
	clear(r.queued)
	// Link arcs in reverse edge order so that each list runs in edge
	// order, as the original adjacency does.
	for e := m - 1; e >= 0; e-- {
		r.alive[e] = true
		r.link(int32(2 * e))
		r.link(int32(2*e + 1))
	}
	r.nterm = 0
	r.origTer = r.origTer[:0]
	for _, t := range terms {
		if !r.term[t] {
			r.term[t] = true
			r.nterm++
			r.origTer = append(r.origTer, t)
		}
	}
	r.fixed = r.fixed[:0]
	r.fixedW = 0
	r.queue = reserveCap(r.queue, n, n) // a stack of the queued nodes: at most n
	for v := range n {
		r.push(int32(v))
	}
}

func (r *reducer) nextStamp() uint32 {
	r.stamp++
	if r.stamp == 0 {
		clear(r.mark)
		r.stamp = 1
	}
	return r.stamp
}

// end returns the node of arc a; other the node at its other end.
func (r *reducer) end(a int32) int32 {
	if a&1 == 0 {
		return r.eu[a>>1]
	}
	return r.ev[a>>1]
}

func (r *reducer) other(a int32) int32 { return r.end(a ^ 1) }

func (r *reducer) link(a int32) {
	v := r.end(a)
	h := r.head[v]
	r.next[a], r.prev[a] = h, -1
	if h >= 0 {
		r.prev[h] = a
	}
	r.head[v] = a
	r.deg[v]++
}

func (r *reducer) unlink(a int32) {
	v := r.end(a)
	p, x := r.prev[a], r.next[a]
	if p >= 0 {
		r.next[p] = x
	} else {
		r.head[v] = x
	}
	if x >= 0 {
		r.prev[x] = p
	}
	r.deg[v]--
}

func (r *reducer) push(v int32) {
	r.dirty[v] = true
	if !r.queued[v] {
		r.queued[v] = true
		r.queue = append(r.queue, v)
	}
}

// remove deletes edge e.
func (r *reducer) remove(e int32) {
	r.unlink(2 * e)
	r.unlink(2*e + 1)
	r.alive[e] = false
	r.push(r.eu[e])
	r.push(r.ev[e])
}

// add links a new edge of weight w joining a and b that replaces the
// edges l and rr.
func (r *reducer) add(a, b int32, w float64, l, rr int32) {
	e := int32(len(r.eu))
	r.eu = append(r.eu, a)
	r.ev = append(r.ev, b)
	r.ew = append(r.ew, w)
	r.alive = append(r.alive, true)
	r.left = append(r.left, l)
	r.right = append(r.right, rr)
	r.link(2 * e)
	r.link(2*e + 1)
	r.push(a)
	r.push(b)
}

// between returns an edge joining a and b, or -1, scanning the shorter
// of their lists.
func (r *reducer) between(a, b int32) int32 {
	if r.deg[b] < r.deg[a] {
		a, b = b, a
	}
	for x := r.head[a]; x >= 0; x = r.next[x] {
		if r.other(x) == b {
			return x >> 1
		}
	}
	return -1
}

func (r *reducer) aliveEdges() int {
	c := 0
	for _, d := range r.deg {
		c += int(d)
	}
	return c / 2
}

// dropParallel deletes every edge that runs parallel to a lighter (or
// equal, earlier) one. O(n + m).
func (r *reducer) dropParallel(n int) {
	for v := range int32(n) {
		st := r.nextStamp()
		for a := r.head[v]; a >= 0; {
			na := r.next[a]
			x, e := r.other(a), a>>1
			if r.mark[x] != st {
				r.mark[x], r.markEdge[x] = st, e
			} else if f := r.markEdge[x]; r.ew[e] < r.ew[f] {
				r.remove(f)
				r.markEdge[x] = e
			} else {
				r.remove(e)
			}
			a = na
		}
	}
}

// contract puts edge e into the tree and merges its end gone into the
// other end, which becomes (or stays) a terminal; edges from gone move to
// the kept end, the heavier of two parallel ones and any edge that would
// become a loop are deleted. O(degree of both ends).
func (r *reducer) contract(e, gone int32) {
	keep := r.eu[e]
	if keep == gone {
		keep = r.ev[e]
	}
	r.unlink(2 * e)
	r.unlink(2*e + 1)
	r.alive[e] = false
	r.fixed = append(r.fixed, e)
	r.fixedW += r.ew[e]
	if r.term[gone] {
		if r.term[keep] {
			r.nterm--
		}
		r.term[gone] = false
	}
	r.term[keep] = true
	st := r.nextStamp()
	for a := r.head[keep]; a >= 0; a = r.next[a] {
		x := r.other(a)
		r.mark[x], r.markEdge[x] = st, a>>1
	}
	for a := r.head[gone]; a >= 0; {
		na := r.next[a]
		f, x := a>>1, r.other(a)
		r.unlink(a)
		if a&1 == 0 {
			r.eu[f] = keep
		} else {
			r.ev[f] = keep
		}
		switch {
		case x == keep: // a loop now
			r.unlink(a ^ 1)
			r.alive[f] = false
		case r.mark[x] == st && r.ew[r.markEdge[x]] <= r.ew[f]:
			r.unlink(a ^ 1)
			r.alive[f] = false
			r.push(x)
		default:
			if r.mark[x] == st {
				r.remove(r.markEdge[x])
			}
			r.link(a)
			r.mark[x], r.markEdge[x] = st, f
			r.push(x)
		}
		a = na
	}
	r.push(keep)
}

// drain applies the degree tests and the zero-weight contraction to the
// queued nodes until none applies.
func (r *reducer) drain() {
	for len(r.queue) > 0 {
		v := r.queue[len(r.queue)-1]
		r.queue = r.queue[:len(r.queue)-1]
		r.queued[v] = false
		if r.nterm <= 1 {
			continue
		}
		if r.term[v] {
			if r.deg[v] == 1 {
				a := r.head[v]
				r.contract(a>>1, v)
				continue
			}
			for a := r.head[v]; a >= 0; a = r.next[a] {
				if e := a >> 1; r.ew[e] == 0 {
					x := r.other(a)
					if r.deg[x] <= r.deg[v] {
						r.contract(e, x)
					} else {
						r.contract(e, v)
					}
					break
				}
			}
			continue
		}
		switch r.deg[v] {
		case 1:
			r.remove(r.head[v] >> 1)
		case 2:
			a1 := r.head[v]
			a2 := r.next[a1]
			x, y := r.other(a1), r.other(a2)
			e1, e2 := a1>>1, a2>>1
			r.remove(e1)
			r.remove(e2)
			if x == y {
				continue
			}
			w := r.ew[e1] + r.ew[e2]
			if f := r.between(x, y); f >= 0 {
				if r.ew[f] <= w {
					continue
				}
				r.remove(f)
			}
			r.add(x, y, w, e1, e2)
		}
	}
}

// nearestVertex applies the nearest-vertex test to every terminal.
func (r *reducer) nearestVertex(n int) {
	for z := range int32(n) {
		if !r.term[z] || r.deg[z] < 2 || r.nterm <= 1 || !r.all && !r.was[z] && !r.dirty[z] {
			continue
		}
		a1, c1, c2 := int32(-1), math.Inf(1), math.Inf(1)
		for a := r.head[z]; a >= 0; a = r.next[a] {
			switch w := r.ew[a>>1]; {
			case w < c1:
				a1, c1, c2 = a, w, c1
			case w < c2:
				c2 = w
			}
		}
		v := r.other(a1)
		if r.term[v] || r.terminalWithin(v, z, c2-c1) {
			if r.deg[v] <= r.deg[z] {
				r.contract(a1>>1, v)
			} else {
				r.contract(a1>>1, z)
			}
			r.drain()
		}
	}
}

// terminalWithin reports whether a terminal other than avoid lies within
// radius of the non-terminal src on a path that avoids the node avoid,
// settling at most reduceScanLimit nodes (false when it gives up).
func (r *reducer) terminalWithin(src, avoid int32, radius float64) bool {
	st := r.nextStamp()
	r.mark[avoid] = st
	r.best[avoid] = -1
	h := r.heap[:0]
	h = bheapPush(h, sdItem{0, sdLabel{0, 0, src}})
	r.mark[src], r.best[src] = st, 0
	settled, arcs := 0, 0
	found := false
	for len(h) > 0 && settled < reduceScanLimit && arcs < reduceArcLimit {
		var it sdItem
		it, h = bheapPop(h)
		if it.key > r.best[it.val.v] {
			continue
		}
		if r.term[it.val.v] {
			found = true
			break
		}
		r.best[it.val.v] = -1 // settled
		settled++
		for a := r.head[it.val.v]; a >= 0 && arcs < reduceArcLimit; a = r.next[a] {
			arcs++
			x := r.other(a)
			d := it.key + r.ew[a>>1]
			if d > radius || r.mark[x] == st && d >= r.best[x] {
				continue
			}
			r.mark[x], r.best[x] = st, d
			h = bheapPush(h, sdItem{d, sdLabel{0, 0, x}})
		}
	}
	r.heap = h
	return found
}

// bottleneck applies the bottleneck Steiner distance test to every edge.
func (r *reducer) bottleneck() {
	for e := 0; e < len(r.eu) && r.nterm > 1; e++ {
		if !r.alive[e] || !r.all && !r.was[r.eu[e]] && !r.was[r.ev[e]] && !r.dirty[r.eu[e]] && !r.dirty[r.ev[e]] {
			continue
		}
		if r.sdWithin(int32(e)) {
			r.remove(int32(e))
			r.drain()
		}
	}
}

// sdWithin reports whether a path from one end of edge e to the other
// that avoids e has no elementary piece longer than e's weight, searching
// from the end of lower degree and settling at most reduceScanLimit nodes
// (false when it gives up). Labels are compared by their longest piece;
// the search is a heuristic for the bottleneck Steiner distance whose
// every answer is a real path, so a true result is always right.
func (r *reducer) sdWithin(e int32) bool {
	src, dst := r.eu[e], r.ev[e]
	if r.deg[dst] < r.deg[src] {
		src, dst = dst, src
	}
	w := r.ew[e]
	st := r.nextStamp()
	h := r.heap[:0]
	h = bheapPush(h, sdItem{0, sdLabel{0, 0, src}})
	r.mark[src], r.best[src] = st, 0
	settled, arcs := 0, 0
	found := false
	for len(h) > 0 && settled < reduceScanLimit && arcs < reduceArcLimit {
		var it sdItem
		it, h = bheapPop(h)
		if it.key > r.best[it.val.v] {
			continue
		}
		if it.val.v == dst {
			found = true
			break
		}
		r.best[it.val.v] = -1 // settled
		settled++
		v, b, cur := it.val.v, it.val.b, it.val.cur
		if r.term[v] {
			b, cur = it.key, 0 // a piece ends here
		}
		for a := r.head[v]; a >= 0 && arcs < reduceArcLimit; a = r.next[a] {
			arcs++
			f := a >> 1
			if f == e {
				continue
			}
			// The other end of a, without other's branch on a's
			// parity (v is one end), and the larger of b and c
			// without max's tests for NaN and signed zeros
			// (lengths are finite and non-negative).
			x := r.eu[f] ^ r.ev[f] ^ v
			c := cur + r.ew[f]
			k := c
			if b > c {
				k = b
			}
			if k > w || r.mark[x] == st && k >= r.best[x] {
				continue
			}
			r.mark[x], r.best[x] = st, k
			h = bheapPush(h, sdItem{k, sdLabel{b, c, x}})
		}
	}
	r.heap = h
	return found
}

// build numbers the remaining nodes (those with an edge, and the
// terminals) and edges and builds r.g and r.terms.
func (r *reducer) build(n int) {
	k := int32(0)
	r.terms = r.terms[:0]
	for v := range n {
		if r.deg[v] > 0 || r.term[v] {
			r.id[v] = k
			if r.term[v] {
				r.terms = append(r.terms, k)
			}
			k++
		} else {
			r.id[v] = -1
		}
	}
	// At most every working edge: reserved once, so that the appends do
	// not grow (and copy) the arrays step by step.
	me := len(r.eu)
	r.u, r.v = reserveCap(r.u, me, me), reserveCap(r.v, me, me)
	r.w, r.edgeOf = reserveCap(r.w, me, me), reserveCap(r.edgeOf, me, me)
	for e := range r.eu {
		if r.alive[e] {
			r.u = append(r.u, r.id[r.eu[e]])
			r.v = append(r.v, r.id[r.ev[e]])
			r.w = append(r.w, r.ew[e])
			r.edgeOf = append(r.edgeOf, int32(e))
		}
	}
	r.g.build(int(k), r.u, r.v, r.w)
}

// expandEdge appends to dst the original edges of working edge e.
func (r *reducer) expandEdge(dst []int32, e int32) []int32 {
	st := append(r.expand[:0], e)
	for len(st) > 0 {
		f := st[len(st)-1]
		st = st[:len(st)-1]
		if int(f) < r.m0 {
			dst = append(dst, f)
			continue
		}
		i := int(f) - r.m0
		st = append(st, r.right[i], r.left[i])
	}
	r.expand = st
	return dst
}
