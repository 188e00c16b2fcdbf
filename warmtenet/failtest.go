package warmtenet

import (
	"math"
	"slices"
	"sort"
)

// The fail test of a move on a small tree (reconnect with fullSeed).
//
// On the small trees of a batch's buurten almost every move fails: on the
// 100,000-pand synthetic country 493 of 210,830 (benchmarks/README.md),
// and the tree changes once every 89 moves or so. Yet every move runs a
// search from the whole tree (fullSearch). The fail test proves most
// failures without it, from one search per tree, and counts the work the
// search would have counted, so that the budget stops where it did.
//
// Per tree (failTest.build): the distances d_T of the free nodes (those
// off the tree) from the whole tree, each free node's region (the tree
// node its shortest path starts at), the tree rooted at a terminal with
// an Euler numbering, and the off-tree edges with both ends reached,
// sorted by t_T(x, y) = d_T(x) + w + d_T(y) as fullSearch adds it (the
// farther end's distance first).
//
// A move removes a piece; its inner nodes I become free, the tree falls
// into parts, each around one attach node: the subtree of an attach node
// whose edge to its parent is in the piece, and the rest of the tree for
// the one attach node whose edge up is not. The nodes whose distances can
// change are I and the regions of I (together A); every other free node
// x keeps d_T(x) and its region, since removing seeds cannot shorten a
// path and the path from its own region's tree node is still there. So
// fullSearch's labels follow: a node of A from a small search over A
// (from the nodes around it at their distances), every other node's
// part from its region's tree node. That holds when no settled free node
// has two tight arcs (two arcs giving its distance), which would leave its
// predecessor, and so its part, to the order of the search: the test
// gives up on any move whose limit exceeds the least distance of such a
// node in the tree's search, or that meets one in A.
//
// Then the move's boundary edges (ends settled, that is nearer than the
// limit, in different parts, weight below the limit) are the sorted
// edges up to the limit with no end in A, and the edges at A's settled
// nodes, with the same weights as fullSearch adds; reconnect's Kruskal
// on them decides. When it would join the parts, the test gives up and
// fullSearch runs (it is needed for the paths anyway). When not, the move
// fails as fullSearch's would, and the work is fullSearch's: every seed
// (a tree node not in I) twice its arcs plus one, every settled free
// node its arcs plus one, summed from the tree's totals less I, the
// free nodes nearer than the limit in d_T order less those in A, plus A's
// settled nodes.
type failTest struct {
	ok      bool    // built for the current tree
	tieDist float64 // least d_T of a free node with two tight arcs, +Inf if none
	radius  float64 // every free node nearer the tree than this is settled
	set     []int32 // nodes whose per-node entries the build set

	tree     []int32   // the tree nodes, in Euler order (tree[tin[x]] == x)
	tin      []int32   // per node: Euler number of a tree node
	size     []int32   // per node: nodes in a tree node's subtree
	upEdge   []int32   // per node: a tree node's edge to its parent, -1 for the root
	dist     []float64 // per node: d_T (0 on the tree, +Inf not reached)
	region   []int32   // per node: the tree node a reached node's path starts at, else -1
	regNext  []int32   // per node: the next free node of the same region, -1 last
	regHead  []int32   // per node: a tree node's first free node, -1 none
	seedWork int       // sum over the tree nodes of 2 * arcs + 1
	free     []int32   // the reached free nodes by d_T
	freeCum  []int     // freeCum[i]: sum over free[:i] of arcs + 1
	edges    []ftEdge  // off-tree edges with both ends reached, by t
	heap     []bheapItem[int32]
	settled  []bool // per node: scratch of build
	stack    []int32
	cands    []ftCand

	// per move
	inI    []bool    // per Euler number: in I
	inA    []bool    // per node: in A
	distA  []float64 // per node: a node of A's distance in the move
	partA  []int32   // per node: a node of A's part
	a      []int32   // A
	lower  []int32   // per part: Euler number of its attach node, -1 for the upper part
	lowEnd []int32   // per part: end of that subtree's Euler range
	upper  int32     // the upper part
}

// ftEdge is an edge of the fail test's list: t_T, the edge, and the
// Euler numbers of its ends' regions.
type ftEdge struct {
	t      float64
	e      int32
	rx, ry int32
}

// failTest reports whether the move in s.ls (piece removed, limit) fails,
// proved without its search; it then adds to ls.work what fullSearch
// would have counted. false: run fullSearch (s.cand holds nothing useful).
func (s *Steiner) failTest(g *Graph, limit float64) bool {
	ls := &s.ls
	ft := &ls.ft
	if !ft.ok || !(limit <= ft.tieDist) || !(limit <= ft.radius) {
		return false
	}
	n := g.NumNodes()
	ft.inI = growBool(ft.inI, len(ft.tree))
	ft.inA = growBool(ft.inA, n)
	ft.distA = growFloat(ft.distA, n)
	ft.partA = growInt32(ft.partA, n)

	// Parts: a lower attach node's subtree, or the upper part.
	parts := len(ls.attach)
	ft.lower = growInt32(ft.lower, parts)[:parts]
	ft.lowEnd = growInt32(ft.lowEnd, parts)[:parts]
	ft.upper = -1
	for p, a := range ls.attach {
		if ft.region[a] != a {
			return false // not a node of the tree the test was built for
		}
		if e := ft.upEdge[a]; e >= 0 && !s.inTree[e] {
			ft.lower[p], ft.lowEnd[p] = ft.tin[a], ft.tin[a]+ft.size[a]
			continue
		}
		if ft.upper >= 0 {
			return false
		}
		ft.upper = int32(p)
		ft.lower[p] = -1
	}
	if ft.upper < 0 {
		return false
	}

	// I: the ends of the piece's edges that are not attach nodes.
	ft.a = ft.a[:0]
	work := ft.seedWork
	for _, e := range ls.pieceEdges {
		for _, x := range [2]int32{g.EdgeU[e], g.EdgeV[e]} {
			if ft.region[x] != x {
				ft.clearMove()
				return false
			}
			if t := ft.tin[x]; !ft.inI[t] && !slices.Contains(ls.attach, x) {
				ft.inI[t] = true
				ft.inA[x] = true
				ft.a = append(ft.a, x)
				work -= 2*int(g.Offsets[x+1]-g.Offsets[x]) + 1
			}
		}
	}
	nI := len(ft.a)
	// The free nodes nearer than the limit, in d_T.
	k := sort.Search(len(ft.free), func(i int) bool { return !(ft.dist[ft.free[i]] < limit) })
	work += ft.freeCum[k]
	// A: I and the regions of I.
	for _, x := range ft.a[:nI] {
		for u := ft.regHead[x]; u >= 0; u = ft.regNext[u] {
			ft.inA[u] = true
			ft.a = append(ft.a, u)
			if ft.dist[u] < limit {
				work -= 1 + int(g.Offsets[u+1]-g.Offsets[u])
			}
		}
	}
	if !s.searchA(g, limit) {
		ft.clearMove()
		return false
	}
	for _, x := range ft.a {
		if ft.distA[x] < limit {
			work += 1 + int(g.Offsets[x+1]-g.Offsets[x])
		}
	}

	// The boundary edges, with the parts of their ends.
	ft.cands = ft.cands[:0]
	for _, c := range ft.edges {
		if !(c.t < limit) {
			break
		}
		if ft.inI[c.rx] || ft.inI[c.ry] {
			continue // an end in A
		}
		if px, py := ft.partOf(c.rx), ft.partOf(c.ry); px != py {
			ft.cands = append(ft.cands, ftCand{candEdge{c.t, c.e}, px, py})
		}
	}
	for _, x := range ft.a {
		dx := ft.distA[x]
		if !(dx < limit) {
			continue
		}
		px := ft.partA[x]
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y := g.Adj[i]
			var dy float64
			var py int32
			switch {
			case ft.inA[y]:
				if y < x {
					continue // seen from y
				}
				dy, py = ft.distA[y], ft.partA[y]
			case ft.region[y] < 0:
				continue
			default:
				dy, py = ft.dist[y], ft.partOf(ft.tin[ft.region[y]])
			}
			if !(dy < limit) || py == px {
				continue
			}
			lo, hi := dx, dy
			if lo > hi {
				lo, hi = hi, lo
			}
			if t := hi + g.AdjWeight[i] + lo; t < limit {
				ft.cands = append(ft.cands, ftCand{candEdge{t, g.AdjEdge[i]}, px, py})
			}
		}
	}
	ft.clearMove()

	// reconnect's Kruskal on them, in sortCands' order.
	slices.SortFunc(ft.cands, func(a, b ftCand) int { return compareCand(a.c, b.c) })
	ls.partUF = growInt32(ls.partUF, parts)
	for i := range ls.partUF[:parts] {
		ls.partUF[i] = int32(i)
	}
	joins := 0
	var total float64
	for _, c := range ft.cands {
		if joins == parts-1 {
			break
		}
		a, b := find(ls.partUF, c.pa), find(ls.partUF, c.pb)
		if a == b {
			continue
		}
		total += c.c.w
		if total >= limit {
			break
		}
		ls.partUF[a] = b
		joins++
	}
	if joins == parts-1 && total < limit {
		return false // it joins: fullSearch finds how
	}
	ls.work += work
	ls.failProved++
	return true
}

// ftCand is a boundary edge of the fail test with the parts of its ends.
type ftCand struct {
	c      candEdge
	pa, pb int32
}

// partOf is the part of the tree node with Euler number t in the current
// move (not in I).
func (ft *failTest) partOf(t int32) int32 {
	for p, lo := range ft.lower {
		if lo >= 0 && lo <= t && t < ft.lowEnd[p] {
			return int32(p)
		}
	}
	return ft.upper
}

// clearMove resets the per-move marks of A and I.
func (ft *failTest) clearMove() {
	for _, x := range ft.a {
		ft.inA[x] = false
		if ft.region[x] == x {
			ft.inI[ft.tin[x]] = false
		}
	}
	ft.a = ft.a[:0]
}

// searchA sets the move's distances and parts of the nodes of A (ft.a):
// a Dijkstra over A from the nodes around it (tree nodes not in I at 0,
// other free nodes at d_T), nodes nearer than limit only. It returns false
// when a settled node of A has two tight arcs, or one of weight 0 from
// another node of A (whose order fullSearch would decide).
func (s *Steiner) searchA(g *Graph, limit float64) bool {
	ft := &s.ls.ft
	hp := ft.heap[:0]
	for _, x := range ft.a {
		ft.distA[x] = math.Inf(1)
		ft.partA[x] = -1
	}
	for _, x := range ft.a {
		best := math.Inf(1)
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y := g.Adj[i]
			if ft.inA[y] || ft.region[y] < 0 {
				continue
			}
			if d := ft.dist[y] + g.AdjWeight[i]; d < best {
				best = d
			}
		}
		if best < limit {
			ft.distA[x] = best
			hp = bheapPush(hp, bheapItem[int32]{best, x})
		}
	}
	for len(hp) > 0 {
		var it bheapItem[int32]
		it, hp = bheapPop(hp)
		x, d := it.val, it.key
		if d > ft.distA[x] || ft.partA[x] >= 0 {
			continue // stale
		}
		// x's tight arcs: exactly one, from a node already settled.
		tight, part := 0, int32(-1)
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y := g.Adj[i]
			w := g.AdjWeight[i]
			switch {
			case ft.inA[y]:
				if ft.partA[y] >= 0 && ft.distA[y]+w == d {
					if w == 0 {
						tight = 2
					}
					tight++
					part = ft.partA[y]
				} else if ft.partA[y] < 0 && ft.distA[y]+w == d {
					tight = 2 // an unsettled node at the same distance
				}
			case ft.region[y] >= 0:
				if ft.dist[y]+w == d {
					tight++
					part = ft.partOf(ft.tin[ft.region[y]])
				}
			}
		}
		if tight != 1 {
			ft.heap = hp[:0]
			return false
		}
		ft.partA[x] = part
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y := g.Adj[i]
			if !ft.inA[y] || ft.partA[y] >= 0 {
				continue
			}
			if nd := d + g.AdjWeight[i]; nd < ft.distA[y] && nd < limit {
				ft.distA[y] = nd
				hp = bheapPush(hp, bheapItem[int32]{nd, y})
			}
		}
	}
	ft.heap = hp[:0]
	return true
}

// buildFailTest sets up the fail test for the tree in s.inTree and s.deg
// (the tree nodes are those of s.ls.nodes with tree degree > 0).
func (s *Steiner) buildFailTest(g *Graph) {
	ls := &s.ls
	ft := &ls.ft
	n := g.NumNodes()
	ft.ok = true
	ft.tieDist, ft.radius = math.Inf(-1), math.Inf(-1) // unusable until built
	if cap(ft.dist) < n || len(ft.dist) != n {
		ft.tin = growInt32(ft.tin, n)
		ft.size = growInt32(ft.size, n)
		ft.upEdge = growInt32(ft.upEdge, n)
		ft.dist = growFloat(ft.dist, n)
		ft.region = growInt32(ft.region, n)
		ft.regNext = growInt32(ft.regNext, n)
		ft.regHead = growInt32(ft.regHead, n)
		ft.settled = growBool(ft.settled, n)
		for v := range n {
			ft.dist[v] = math.Inf(1)
			ft.region[v], ft.regNext[v], ft.regHead[v] = -1, -1, -1
		}
	} else {
		// The same graph size as the last build: reset what it set.
		for _, v := range ft.set {
			ft.dist[v] = math.Inf(1)
			ft.region[v], ft.regNext[v], ft.regHead[v] = -1, -1, -1
		}
	}
	ft.set = ft.set[:0]
	root, count := int32(-1), 0
	for _, x := range ls.nodes {
		if s.deg[x] > 0 {
			count++
			if root < 0 && s.isTerm[x] {
				root = x
			}
		}
	}
	if root < 0 {
		return
	}
	// The tree rooted at a terminal (crucial, so never an inner node of
	// a piece), numbered in preorder.
	ft.tree = ft.tree[:0]
	ft.stack = append(ft.stack[:0], root)
	ft.upEdge[root] = -1
	ft.region[root] = root
	ft.set = append(ft.set, root)
	for len(ft.stack) > 0 {
		x := ft.stack[len(ft.stack)-1]
		ft.stack = ft.stack[:len(ft.stack)-1]
		ft.tin[x] = int32(len(ft.tree))
		ft.tree = append(ft.tree, x)
		ft.size[x] = 1
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			e, y := g.AdjEdge[i], g.Adj[i]
			if !s.inTree[e] || e == ft.upEdge[x] {
				continue
			}
			if ft.region[y] >= 0 {
				return // not a tree
			}
			ft.region[y] = y
			ft.set = append(ft.set, y)
			ft.upEdge[y] = e
			ft.stack = append(ft.stack, y)
		}
	}
	if len(ft.tree) != count {
		return
	}
	ft.seedWork = 0
	for i := len(ft.tree) - 1; i >= 0; i-- {
		x := ft.tree[i]
		ft.seedWork += 2*int(g.Offsets[x+1]-g.Offsets[x]) + 1
		if e := ft.upEdge[x]; e >= 0 {
			ft.size[g.Other(e, x)] += ft.size[x]
		}
	}
	// The free nodes' distances from the tree and their regions, with
	// the least distance of a free node with two tight arcs.
	tie := math.Inf(1)
	hp := ft.heap[:0]
	relax := func(x int32, d float64) {
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y := g.Adj[i]
			if ft.region[y] == y {
				continue // a tree node
			}
			nd := d + g.AdjWeight[i]
			if ft.settled[y] {
				if nd == ft.dist[y] {
					tie = min(tie, nd)
				}
				continue
			}
			switch {
			case nd < ft.dist[y]:
				if math.IsInf(ft.dist[y], 1) {
					ft.set = append(ft.set, y)
				}
				ft.dist[y] = nd
				ft.region[y] = ft.region[x]
				hp = bheapPush(hp, bheapItem[int32]{nd, y})
			case nd == ft.dist[y]:
				tie = min(tie, nd)
			}
		}
	}
	for _, x := range ft.tree {
		ft.dist[x] = 0
	}
	for _, x := range ft.tree {
		relax(x, 0)
	}
	ft.free = ft.free[:0]
	ft.freeCum = append(ft.freeCum[:0], 0)
	// The search stops after maxFree free nodes, so that a small tree in
	// a large graph does not cost a search of the graph; moves with a
	// larger limit than the distance it reached run fullSearch.
	maxFree := 4*len(ft.tree) + 256
	radius := math.Inf(1)
	for len(hp) > 0 {
		var it bheapItem[int32]
		it, hp = bheapPop(hp)
		y, d := it.val, it.key
		if ft.settled[y] || d > ft.dist[y] {
			continue
		}
		if len(ft.free) >= maxFree {
			radius = d // every free node nearer than d is settled
			break
		}
		ft.settled[y] = true
		ft.free = append(ft.free, y)
		ft.freeCum = append(ft.freeCum, ft.freeCum[len(ft.freeCum)-1]+1+int(g.Offsets[y+1]-g.Offsets[y]))
		r := ft.region[y]
		ft.regNext[y], ft.regHead[r] = ft.regHead[r], y
		relax(y, d)
	}
	ft.heap = hp[:0]
	for _, y := range ft.free {
		ft.settled[y] = false
	}
	ft.radius = radius
	// The off-tree edges with both ends reached, by t.
	ft.edges = ft.edges[:0]
	for e := range int32(g.NumEdges()) {
		if s.inTree[e] {
			continue
		}
		x, y := g.EdgeU[e], g.EdgeV[e]
		rx, ry := ft.region[x], ft.region[y]
		if rx < 0 || ry < 0 || !(ft.dist[x] < radius) || !(ft.dist[y] < radius) {
			continue
		}
		lo, hi := ft.dist[x], ft.dist[y]
		if lo > hi {
			lo, hi = hi, lo
		}
		ft.edges = append(ft.edges, ftEdge{hi + g.Weight[e] + lo, e, ft.tin[rx], ft.tin[ry]})
	}
	slices.SortFunc(ft.edges, func(a, b ftEdge) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	ft.tieDist = tie
}
