package warmtenet

import "math"

// Local search on a Steiner tree: key-vertex elimination and key-path
// exchange, after Uchoa and Werneck, "Fast local search for Steiner trees
// in graphs" (ALENEX 2010).
//
// A crucial node of the tree is a terminal or a node of tree degree 3 or
// more; a key path is a tree path between two crucial nodes whose inner
// nodes are not crucial. A move removes a piece of the tree:
//
//   - key-path exchange: one key path, which splits the tree in two;
//   - key-vertex elimination: a non-terminal crucial node with all its key
//     paths, which splits the tree in as many parts as it had key paths,
//
// and reconnects the parts more cheaply if it can. The reconnection is
// Mehlhorn's construction on the parts: a multi-source Dijkstra from the
// nodes of every part (each labelled with its part, the removed inner nodes
// free to use, other tree nodes closed), the cheapest boundary edges
// between regions of different parts joined by Kruskal, the paths expanded.
// Shortest-path branches from distinct seeds are disjoint, so the result is
// a tree again. The move is kept only if the new paths weigh less than the
// piece.
//
// Every search is bounded by the weight R of the removed piece: no useful
// reconnecting path is longer, so the Dijkstra stops at radius R. The seeds
// are the tree nodes within tree distance R of the piece's ends (all of the
// tree when it has at most fullSeedNodes nodes), so one move touches a
// neighbourhood of the piece, not the whole graph. On such small trees a
// move first goes through the fail test (failtest.go), which proves most
// failing moves from one search per tree and counts their work as the
// search would; the search (fullSearch) runs for the others. Passes over all crucial
// nodes (exchange, then elimination, then insertion) repeat while they
// improve the tree, at most maxPasses times, and stop when the work (heap
// pops plus arcs scanned plus tree steps, restarts included) reaches the
// budget: Steiner.MaxWork, or by default the budget described at
// DefaultMinWork.

const (
	maxPasses     = 20
	fullSeedNodes = 2048
)

// Work budget of Steiner's improvement phase (Voronoi passes, local
// search and restarts), in heap pops plus arcs scanned plus tree steps,
// for a graph of size u = n + 2m (one Dijkstra pass is about u units).
//
// FastWork gives DefaultWorkFactor*u units. On street graphs that buys one
// Voronoi key-path-exchange pass (voronoi.go): the whole solve takes
// 2.0-2.6 times one multi-source Dijkstra pass on synthetic street graphs
// of 1,000 to 1,000,000 nodes, for a tree 1.9-2.8 % shorter than
// Mehlhorn's, and 2.8 times on the Delft demo's graph, where the tree
// spans half the nodes (benchmarks/README.md, timed on inputs the CPU has
// not learnt). It is not enough for hard small instances: SteinLib B and
// C average 2.4 % above the optimum with it, and the worst (c18) 10.6 %.
//
// DefaultWork, the budget when Steiner.MaxWork is 0, is set by quality,
// not by a ratio to one Dijkstra pass:
//
//	budget = max(FastWork, min(DefaultMaxWork, DefaultMinWork + DefaultWorkPerUnit*u,
//	                           DefaultCapWork - DefaultCapPerUnit*u))
//
// Every graph gets the fixed allowance of DefaultMinWork units (about
// 0.3 s of CPU on a shared server core at most; small graphs use a
// fraction of it), which pays for more passes, key-vertex elimination and
// restarts: SteinLib B and C come within 0.2 % of the optimum on average
// with it. Larger graphs get DefaultWorkPerUnit units per unit of size on
// top, up to DefaultMaxWork (about 0.5-0.8 s), so that a street graph of
// 50,000-150,000 nodes no longer gets a single pass (the budget of earlier
// versions shrank to FastWork from u = 100,000 on, 5-9 % above the
// optimum there). The budget is a cap, not a target: Tree stops earlier
// when its tree is certified within DefaultGapTarget of the lower bound,
// when a pass finds no improvement, or after maxStaleRestarts restarts
// without one. FastWork (wijkwarmte steiner -fast) keeps the old
// one-pass budget for callers who need the time bound.
//
// The time cap: DefaultCapWork - DefaultCapPerUnit*u units. What a solve
// spends outside the improvement phase (the reductions, Mehlhorn's tree,
// the dual-ascent bound) grows with u, so the improvement phase gets less
// the larger the graph, so that a 150,000-node street graph (u = 628,191:
// 8.2 million units, about 0.15 s of passes) is solved within 0.5 s on
// one core with a margin (benchmarks/README.md, "warmtenet: the 0.5 s
// cap at 150,000 nodes": 0.41-0.42 s of CPU, against 0.72 s under the
// 20 million units it got before, for a tree 0.13 % heavier). The cap leaves
// graphs below u = 100,000 (about 24,000 street nodes: SteinLib B and C,
// the demo, a batch's buurten) their budget; at 45,000 nodes it is 10.9
// million units instead of 13.8; from u = 2,000,000 (about 500,000
// nodes) on the budget is FastWork.
const (
	DefaultWorkFactor  = 1
	DefaultMinWork     = 10_000_000
	DefaultWorkPerUnit = 20
	DefaultMaxWork     = 20_000_000
	DefaultCapWork     = 12_000_000
	DefaultCapPerUnit  = 6
)

// FastWork returns DefaultWorkFactor*(n + 2m), the budget of one Voronoi
// pass: the whole solve within 3 Dijkstra passes on the street graphs
// measured, 2.8 where the tree spans half of a small graph (see
// DefaultWorkFactor).
func FastWork(n, m int) int { return DefaultWorkFactor * (n + 2*m) }

// DefaultWork returns the budget Steiner uses when MaxWork is 0 (see
// DefaultMinWork).
func DefaultWork(n, m int) int {
	u := int64(n) + 2*int64(m)
	w := min(int64(DefaultMaxWork), DefaultMinWork+DefaultWorkPerUnit*u, DefaultCapWork-DefaultCapPerUnit*u)
	return int(max(w, int64(FastWork(n, m))))
}

// lsWeight is the weight of the tree the moves of improve hold (its
// edges are the inTree edges at the nodes of ls.nodes), O(tree degree).
func (s *Steiner) lsWeight(g *Graph) float64 {
	var w float64
	for _, v := range s.ls.nodes {
		for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
			if e := g.AdjEdge[i]; s.inTree[e] && g.EdgeU[e] == v {
				w += g.Weight[e]
			}
		}
	}
	return w
}

// localSearch holds the per-node state of the bounded searches. Between
// moves (and so between solves) every entry is at its rest value (dist
// +Inf, comp and pred -1, done and inList false); a move resets what it
// touched.
type localSearch struct {
	lab     []lsLabel
	done    []bool  // settled in the current search
	inList  []bool  // node is in nodes
	nodes   []int32 // nodes that are or were in the tree
	touched []int32

	pieceEdges []int32
	attach     []int32 // one end in each part
	walk       []walkItem
	partUF     []int32
	joins      []int32 // boundary edges of an accepted reconnection

	work, budget int
	fullSeed     bool

	// A full-seed move's arcs (fullSearch): per tree node x, its arcs
	// in g's order, those along the tree in seedArc[arcAt[x].lo:
	// arcAt[x].mid] and the others in seedArc[arcAt[x].mid:arcAt[x].hi],
	// for the tree at the last buildSeedArcs; arcsOK until the tree
	// changes (treeAdd) or improve starts again. isAttach marks the
	// current move's attach nodes.
	arcAt    []arcSpan
	seedArc  []lsArc
	seedWalk []seedItem
	arcsOK   bool
	ft       failTest // failtest.go
	// failProved counts the moves the fail test proved (tests).
	failProved int
	isAttach   []bool

	// key-vertex insertion
	cands   []int32
	vEdges  []candEdge
	induced []candEdge
	span    []int32
	tmpIn   []bool  // per edge: in span
	tdeg    []int32 // per node: degree in span
}

// lsLabel is a node's label in a bounded search, in one record so that a
// relaxation touches one cache line.
type lsLabel struct {
	dist float64
	comp int32 // part whose region holds the node, -1 for none
	pred int32 // edge towards the seed of the node's region
}

var restLabel = lsLabel{math.Inf(1), -1, -1}

// arcSpan locates a tree node's arcs in localSearch.seedArc.
type arcSpan struct{ lo, mid, hi int32 }

// lsArc is an arc of g: its head, its edge and the edge's weight.
type lsArc struct {
	y, e int32
	w    float64
}

type walkItem struct {
	v int32
	d float64
}

// seedItem is a tree node on fullSearch's walk: the node, the node it
// was reached from (-1 for an attach node) and its tree distance.
type seedItem struct {
	v, from int32
	d       float64
}

// improve runs the local search on the tree in s.edges (with s.inTree and
// s.deg set) and leaves the improved tree there.
func (s *Steiner) improve(g *Graph) {
	ls := &s.ls
	n := g.NumNodes()
	ls.reserve(n)
	if m := g.NumEdges(); cap(s.cand) < m {
		s.cand = make([]candEdge, 0, m) // the boundary edges of a move's search
	}
	if cap(ls.lab) < n {
		// New arrays start at rest; the moves keep them there, so later
		// solves need no O(n) reset.
		ls.lab = make([]lsLabel, n)
		ls.done = make([]bool, n)
		ls.inList = make([]bool, n)
		ls.isAttach = make([]bool, n)
		ls.arcAt = make([]arcSpan, n)
		for v := range n {
			ls.lab[v] = restLabel
		}
	}
	ls.lab = ls.lab[:n]
	ls.done, ls.inList, ls.isAttach, ls.arcAt = ls.done[:n], ls.inList[:n], ls.isAttach[:n], ls.arcAt[:n]
	ls.arcsOK, ls.ft.ok = false, false
	ls.nodes = ls.nodes[:0]
	for _, e := range s.edges {
		ls.addNode(g.EdgeU[e])
		ls.addNode(g.EdgeV[e])
	}
	ls.fullSeed = len(ls.nodes) <= fullSeedNodes

	for range maxPasses {
		improved := false
		// Key-path exchange.
		for i := 0; i < len(ls.nodes) && ls.work < ls.budget; i++ {
			v := ls.nodes[i]
			if s.deg[v] == 0 || !s.crucial(v) {
				continue
			}
			if s.exchange(g, v) {
				improved = true
			}
		}
		// Key-vertex elimination.
		for i := 0; i < len(ls.nodes) && ls.work < ls.budget; i++ {
			v := ls.nodes[i]
			if s.isTerm[v] || s.deg[v] < 3 {
				continue
			}
			if s.eliminate(g, v) {
				improved = true
			}
		}
		// Key-vertex insertion, on small trees.
		if ls.fullSeed && ls.work < ls.budget && s.insertPass(g) {
			improved = true
		}
		if !improved || ls.work >= ls.budget || s.closeEnough(s.lsWeight(g)) {
			break
		}
	}

	s.edges = s.edges[:0]
	for _, v := range ls.nodes {
		ls.inList[v] = false
		for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
			if e := g.AdjEdge[i]; s.inTree[e] && g.EdgeU[e] == v {
				s.edges = append(s.edges, e)
			}
		}
	}
	ls.nodes = ls.nodes[:0]
}

// reserve gives the node lists of the moves the capacity a search on n
// nodes can need.
func (ls *localSearch) reserve(n int) {
	for _, p := range []*[]int32{&ls.nodes, &ls.touched, &ls.pieceEdges, &ls.attach, &ls.joins, &ls.cands} {
		if cap(*p) < n {
			*p = make([]int32, 0, n)
		}
	}
	if cap(ls.walk) < n {
		ls.walk = make([]walkItem, 0, n)
	}
	if cap(ls.seedWalk) < n {
		ls.seedWalk = make([]seedItem, 0, n)
	}
}

func (ls *localSearch) addNode(v int32) {
	if !ls.inList[v] {
		ls.inList[v] = true
		ls.nodes = append(ls.nodes, v)
	}
}

func (s *Steiner) crucial(v int32) bool { return s.isTerm[v] || s.deg[v] != 2 }

// keyPath appends to s.ls.pieceEdges the key path that leaves crucial node
// c over tree edge e, and returns its other end and weight.
func (s *Steiner) keyPath(g *Graph, c, e int32) (int32, float64) {
	ls := &s.ls
	w := g.Weight[e]
	ls.pieceEdges = append(ls.pieceEdges, e)
	x := g.Other(e, c)
	for !s.crucial(x) {
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			f := g.AdjEdge[i]
			if f != e && s.inTree[f] {
				e = f
				break
			}
		}
		ls.work += int(g.Offsets[x+1] - g.Offsets[x])
		w += g.Weight[e]
		ls.pieceEdges = append(ls.pieceEdges, e)
		x = g.Other(e, x)
	}
	return x, w
}

// eliminate tries to remove non-terminal crucial node v with its key paths.
func (s *Steiner) eliminate(g *Graph, v int32) bool {
	ls := &s.ls
	ls.pieceEdges = ls.pieceEdges[:0]
	ls.attach = ls.attach[:0]
	var r float64
	for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
		e := g.AdjEdge[i]
		if !s.inTree[e] {
			continue
		}
		end, w := s.keyPath(g, v, e)
		ls.attach = append(ls.attach, end)
		r += w
	}
	return s.reconnect(g, r)
}

// exchange tries to replace each key path that starts at crucial node c
// and ends at a higher-numbered node; it stops at the first success.
func (s *Steiner) exchange(g *Graph, c int32) bool {
	ls := &s.ls
	for i := g.Offsets[c]; i < g.Offsets[c+1]; i++ {
		e := g.AdjEdge[i]
		if !s.inTree[e] {
			continue
		}
		ls.pieceEdges = ls.pieceEdges[:0]
		end, w := s.keyPath(g, c, e)
		if end < c {
			continue
		}
		ls.attach = append(ls.attach[:0], c, end)
		if s.reconnect(g, w) {
			return true
		}
	}
	return false
}

// reconnect removes s.ls.pieceEdges (of weight r) from the tree and joins
// the parts that hold s.ls.attach again if that costs less than r. It
// reports whether the tree changed; if not, the piece is put back.
func (s *Steiner) reconnect(g *Graph, r float64) bool {
	ls := &s.ls
	if ls.fullSeed && !ls.arcsOK && !s.noSeedArcs {
		s.buildSeedArcs(g)
	}
	if ls.fullSeed && !ls.ft.ok && !s.noSeedArcs && !s.noFailTest {
		s.buildFailTest(g) // on the whole tree, before the piece is removed
	}
	for _, e := range ls.pieceEdges {
		s.inTree[e] = false
		s.deg[g.EdgeU[e]]--
		s.deg[g.EdgeV[e]]--
	}
	limit := r - 1e-9*math.Max(1, r)
	h := &s.sp.heap
	s.cand = s.cand[:0]
	if ls.fullSeed && !s.noSeedArcs {
		if s.noFailTest || !s.failTest(g, limit) {
			s.fullSearch(g, limit)
		}
	} else {
		s.radiusSearch(g, r, limit)
	}
	h.clear()

	// Boundary edges, cheapest first.
	sortCands(s.cand)
	parts := len(ls.attach)
	ls.partUF = growInt32(ls.partUF, parts)
	for i := range ls.partUF {
		ls.partUF[i] = int32(i)
	}
	ls.joins = ls.joins[:0]
	var total float64
	for _, c := range s.cand {
		if len(ls.joins) == parts-1 {
			break
		}
		a, b := find(ls.partUF, ls.lab[g.EdgeU[c.e]].comp), find(ls.partUF, ls.lab[g.EdgeV[c.e]].comp)
		if a == b {
			continue
		}
		total += c.w
		if total >= limit {
			break
		}
		ls.partUF[a] = b
		ls.joins = append(ls.joins, c.e)
	}
	ok := len(ls.joins) == parts-1 && total < limit
	if ok {
		for _, e := range ls.joins {
			s.treeAdd(g, e)
			s.treeClimb(g, g.EdgeU[e])
			s.treeClimb(g, g.EdgeV[e])
		}
	} else {
		for _, e := range ls.pieceEdges {
			s.inTree[e] = true
			s.deg[g.EdgeU[e]]++
			s.deg[g.EdgeV[e]]++
		}
	}
	for _, v := range ls.touched {
		ls.lab[v] = restLabel
		ls.done[v] = false
	}
	ls.touched = ls.touched[:0]
	return ok
}

// radiusSearch is the search of a move (reconnect): every part is
// seeded with the tree nodes within tree distance seedRadius of its attach
// node (r; all of it with fullSeed), at distance 0, and a multi-source
// Dijkstra bounded by limit runs over the free nodes (not in the tree),
// collecting in s.cand the boundary edges between the regions of
// different parts. An edge between two settled nodes of different parts
// is seen once, from the end settled second.
func (s *Steiner) radiusSearch(g *Graph, r, limit float64) {
	ls := &s.ls
	h := &s.sp.heap

	// Seed every part near its attach node.
	seedRadius := r
	if ls.fullSeed {
		seedRadius = math.Inf(1)
	}
	for p, a := range ls.attach {
		ls.walk = append(ls.walk[:0], walkItem{a, 0})
		ls.lab[a].comp = int32(p)
		for len(ls.walk) > 0 {
			it := ls.walk[len(ls.walk)-1]
			ls.walk = ls.walk[:len(ls.walk)-1]
			x := it.v
			ls.lab[x].dist = 0
			ls.touched = append(ls.touched, x)
			h.push(x, 0)
			ls.work += int(g.Offsets[x+1] - g.Offsets[x])
			for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
				e := g.AdjEdge[i]
				y := g.Adj[i]
				if !s.inTree[e] || ls.lab[y].comp >= 0 {
					continue
				}
				if d := it.d + g.AdjWeight[i]; d < seedRadius {
					ls.lab[y].comp = int32(p)
					ls.walk = append(ls.walk, walkItem{y, d})
				}
			}
		}
	}

	// Bounded multi-source Dijkstra over free nodes.
	for h.size > 0 {
		v, d := h.pop()
		if d >= limit && d > 0 {
			break
		}
		if ls.done[v] {
			continue // stale entry
		}
		ls.done[v] = true
		cv := ls.lab[v].comp
		ls.work += 1 + int(g.Offsets[v+1]-g.Offsets[v])
		s.relaxFrom(g, v, d, cv, limit)
	}
}

// fullSearch is radiusSearch with fullSeed, the same steps in the same
// order with less of the work, for trees of at most fullSeedNodes nodes,
// where every move seeds the whole tree and most of a move's time went
// to scanning the seeds' arcs twice (benchmarks/README.md, "batch: a
// synthetic country"). The walk that labels the parts follows only the
// tree's arcs (buildSeedArcs; it skips the others anyway), and from a
// node other than an attach node it tests neither whether the arcs are
// still in the tree (they are: only attach nodes meet the piece's edges)
// nor the label of the node it came from; the number of arcs it counts
// as work is the length of the node's span. The seeds are
// not pushed on the heap: radiusSearch pushes them all at distance 0,
// into the radix heap's bucket 0, which pops last in first out, so they
// come off in the reverse order of the walk, after any free node pushed
// at distance 0 on top of them (a zero-weight edge) and before any
// farther one; fullSearch takes them in that order from ls.touched
// whenever bucket 0 is empty. A settled seed scans only its arcs off the
// tree: along a tree edge the other end is a seed of the same part (the
// piece's edges are off the tree, and only the attach nodes, which scan
// every arc, meet them), settled at distance 0 or waiting to be, so that
// radiusSearch does nothing there (weights are not negative). The work
// counted is radiusSearch's: a seed's arcs twice, a settled node's once
// more. Same labels, boundary edges in the same order, same work, so the
// same moves.
func (s *Steiner) fullSearch(g *Graph, limit float64) {
	ls := &s.ls
	h := &s.sp.heap
	for _, a := range ls.attach {
		ls.isAttach[a] = true
	}
	for p, a := range ls.attach {
		ls.seedWalk = append(ls.seedWalk[:0], seedItem{a, -1, 0})
		ls.lab[a].comp = int32(p)
		for len(ls.seedWalk) > 0 {
			it := ls.seedWalk[len(ls.seedWalk)-1]
			ls.seedWalk = ls.seedWalk[:len(ls.seedWalk)-1]
			x := it.v
			ls.lab[x].dist = 0
			ls.touched = append(ls.touched, x)
			sp := ls.arcAt[x]
			ls.work += int(sp.hi - sp.lo) // x's arcs in g
			if ls.isAttach[x] {
				for _, a := range ls.seedArc[sp.lo:sp.mid] {
					if !s.inTree[a.e] || ls.lab[a.y].comp >= 0 {
						continue
					}
					if d := it.d + a.w; d < math.Inf(1) {
						ls.lab[a.y].comp = int32(p)
						ls.seedWalk = append(ls.seedWalk, seedItem{a.y, x, d})
					}
				}
				continue
			}
			// Not an attach node: its arcs along the tree are all still
			// in it (the piece's edges meet only attach and inner nodes,
			// and the walk reaches no inner node), and the one it was
			// reached over leads back to the labelled node it came from.
			for _, a := range ls.seedArc[sp.lo:sp.mid] {
				if a.y == it.from || ls.lab[a.y].comp >= 0 {
					continue
				}
				if d := it.d + a.w; d < math.Inf(1) {
					ls.lab[a.y].comp = int32(p)
					ls.seedWalk = append(ls.seedWalk, seedItem{a.y, x, d})
				}
			}
		}
	}
	k := len(ls.touched) // seeds left: ls.touched[:k], the next one last
	for {
		var v int32
		var d float64
		if k > 0 && h.mask&1 == 0 {
			k--
			v = ls.touched[k]
			ls.done[v] = true
			sp := ls.arcAt[v]
			ls.work += 1 + int(sp.hi-sp.lo)
			if !ls.isAttach[v] {
				// radiusSearch's scan below (at d = 0) over the arcs off
				// the tree.
				cv := ls.lab[v].comp
				for _, a := range ls.seedArc[sp.mid:sp.hi] {
					u := a.y
					if ls.done[u] {
						if ls.lab[u].comp != cv {
							if t := d + a.w + ls.lab[u].dist; t < limit {
								s.cand = append(s.cand, candEdge{t, a.e})
							}
						}
						continue
					}
					if s.deg[u] > 0 && ls.lab[u].comp < 0 {
						continue
					}
					nd := d + a.w
					if nd >= limit || nd >= ls.lab[u].dist {
						continue
					}
					if math.IsInf(ls.lab[u].dist, 1) {
						ls.touched = append(ls.touched, u)
					}
					h.push(u, nd)
					ls.lab[u].dist = nd
					ls.lab[u].comp = cv
					ls.lab[u].pred = a.e
				}
				continue
			}
		} else if h.size > 0 {
			v, d = h.pop()
			if d >= limit && d > 0 {
				break
			}
			if ls.done[v] {
				continue // stale entry
			}
			ls.done[v] = true
			ls.work += 1 + int(g.Offsets[v+1]-g.Offsets[v])
		} else {
			break
		}
		cv := ls.lab[v].comp
		s.relaxFrom(g, v, d, cv, limit)
	}
	for _, a := range ls.attach {
		ls.isAttach[a] = false
	}
}

// relaxFrom scans the arcs of the settled node v (at distance d, in part
// cv) for radiusSearch and fullSearch: an arc to a settled node of
// another part is a candidate edge below limit; one to a free node (or
// a node of the removed piece) lowers its label.
func (s *Steiner) relaxFrom(g *Graph, v int32, d float64, cv int32, limit float64) {
	ls, h := &s.ls, &s.sp.heap
	for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
		u := g.Adj[i]
		if ls.done[u] {
			if ls.lab[u].comp != cv {
				if t := d + g.AdjWeight[i] + ls.lab[u].dist; t < limit {
					s.cand = append(s.cand, candEdge{t, g.AdjEdge[i]})
				}
			}
			continue
		}
		if s.deg[u] > 0 && ls.lab[u].comp < 0 {
			continue
		}
		nd := d + g.AdjWeight[i]
		if nd >= limit || nd >= ls.lab[u].dist {
			continue
		}
		if math.IsInf(ls.lab[u].dist, 1) {
			ls.touched = append(ls.touched, u)
		}
		h.push(u, nd)
		ls.lab[u].dist = nd
		ls.lab[u].comp = cv
		ls.lab[u].pred = g.AdjEdge[i]
	}
}

// buildSeedArcs sorts the arcs of every node of the tree into those along
// the tree and the others (localSearch.arcAt), for fullSearch.
func (s *Steiner) buildSeedArcs(g *Graph) {
	ls := &s.ls
	ls.seedArc = ls.seedArc[:0]
	for _, x := range ls.nodes {
		if s.deg[x] == 0 {
			continue
		}
		lo := int32(len(ls.seedArc))
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			if e := g.AdjEdge[i]; s.inTree[e] {
				ls.seedArc = append(ls.seedArc, lsArc{g.Adj[i], e, g.AdjWeight[i]})
			}
		}
		mid := int32(len(ls.seedArc))
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			if e := g.AdjEdge[i]; !s.inTree[e] {
				ls.seedArc = append(ls.seedArc, lsArc{g.Adj[i], e, g.AdjWeight[i]})
			}
		}
		ls.arcAt[x] = arcSpan{lo, mid, int32(len(ls.seedArc))}
	}
	ls.arcsOK = true
}

func (s *Steiner) treeAdd(g *Graph, e int32) {
	s.ls.arcsOK, s.ls.ft.ok = false, false
	s.inTree[e] = true
	u, v := g.EdgeU[e], g.EdgeV[e]
	s.deg[u]++
	s.deg[v]++
	s.ls.addNode(u)
	s.ls.addNode(v)
}

// treeClimb adds the search-forest edges from v up to its seed.
func (s *Steiner) treeClimb(g *Graph, v int32) {
	for {
		e := s.ls.lab[v].pred
		if e < 0 || s.inTree[e] {
			return
		}
		s.treeAdd(g, e)
		v = g.Other(e, v)
	}
}

// Key-vertex insertion: for a node v next to the tree, the minimum spanning
// tree of the subgraph induced by the tree's nodes and v, pruned of
// non-terminal leaves, replaces the tree if it weighs less. The induced
// edges of the tree's nodes are sorted once per change of the tree, so one
// candidate costs O(e_T + deg v log deg v) for e_T induced edges. It runs
// only on trees of at most fullSeedNodes nodes, where e_T per candidate
// stays small; it also counts against the work budget.

// insertPass tries every node next to the tree once and reports whether
// the tree changed.
func (s *Steiner) insertPass(g *Graph) bool {
	ls := &s.ls
	m := g.NumEdges()
	ls.tmpIn = growBool(ls.tmpIn, m)
	ls.tdeg = growInt32(ls.tdeg, g.NumNodes())
	ls.cands = ls.cands[:0]
	for _, x := range ls.nodes {
		if s.deg[x] == 0 {
			continue
		}
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			if y := g.Adj[i]; s.deg[y] == 0 && !ls.done[y] {
				ls.done[y] = true // marks y as a candidate
				ls.cands = append(ls.cands, y)
			}
		}
	}
	for _, y := range ls.cands {
		ls.done[y] = false
	}
	changed := false
	weight := s.inducedEdges(g)
	for _, v := range ls.cands {
		if ls.work >= ls.budget {
			break
		}
		if s.deg[v] != 0 {
			continue
		}
		ls.vEdges = ls.vEdges[:0]
		for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
			if s.deg[g.Adj[i]] > 0 {
				ls.vEdges = append(ls.vEdges, candEdge{g.AdjWeight[i], g.AdjEdge[i]})
			}
		}
		if len(ls.vEdges) < 2 {
			continue
		}
		sortCands(ls.vEdges)
		if w := s.spanWith(g, v); w < weight-1e-9*math.Max(1, weight) {
			s.applySpan(g, v)
			weight = s.inducedEdges(g)
			changed = true
		} else {
			s.clearSpan(g)
		}
	}
	return changed
}

// inducedEdges fills s.ls.induced with the edges between tree nodes,
// sorted by weight, and returns the weight of the tree.
func (s *Steiner) inducedEdges(g *Graph) float64 {
	ls := &s.ls
	ls.induced = ls.induced[:0]
	var w float64
	for _, x := range ls.nodes {
		if s.deg[x] == 0 {
			continue
		}
		ls.work += int(g.Offsets[x+1] - g.Offsets[x])
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			y, e := g.Adj[i], g.AdjEdge[i]
			if y > x && s.deg[y] > 0 {
				ls.induced = append(ls.induced, candEdge{g.Weight[e], e})
				if s.inTree[e] {
					w += g.Weight[e]
				}
			}
		}
	}
	sortCands(ls.induced)
	return w
}

// spanWith puts in s.ls.span (and s.ls.tmpIn, s.ls.tdeg) the minimum
// spanning tree of the tree's nodes and v, pruned, and returns its weight
// (+Inf if it does not span the tree's nodes).
func (s *Steiner) spanWith(g *Graph, v int32) float64 {
	ls := &s.ls
	uf := s.uf
	nodes := 1
	uf[v] = v
	for _, x := range ls.nodes {
		if s.deg[x] > 0 {
			uf[x] = x
			nodes++
		}
	}
	ls.work += len(ls.induced) + len(ls.vEdges)
	ls.span = ls.span[:0]
	a, b := ls.induced, ls.vEdges
	for len(ls.span) < nodes-1 && (len(a) > 0 || len(b) > 0) {
		var c candEdge
		if len(b) == 0 || (len(a) > 0 && compareCand(a[0], b[0]) <= 0) {
			c, a = a[0], a[1:]
		} else {
			c, b = b[0], b[1:]
		}
		x, y := g.EdgeU[c.e], g.EdgeV[c.e]
		rx, ry := find(uf, x), find(uf, y)
		if rx == ry {
			continue
		}
		uf[rx] = ry
		ls.span = append(ls.span, c.e)
		ls.tmpIn[c.e] = true
		ls.tdeg[x]++
		ls.tdeg[y]++
	}
	if len(ls.span) < nodes-1 {
		return math.Inf(1)
	}
	// Prune non-terminal leaves of the spanning tree.
	s.stack = pruneLeaves(g, ls.span, ls.tmpIn, ls.tdeg, s.isTerm, s.stack)
	var w float64
	for _, e := range ls.span {
		if ls.tmpIn[e] {
			w += g.Weight[e]
		}
	}
	return w
}

// applySpan makes the pruned spanning tree from spanWith the tree.
func (s *Steiner) applySpan(g *Graph, v int32) {
	ls := &s.ls
	ls.addNode(v)
	for _, x := range ls.nodes {
		if s.deg[x] == 0 {
			continue
		}
		for i := g.Offsets[x]; i < g.Offsets[x+1]; i++ {
			s.inTree[g.AdjEdge[i]] = false
		}
	}
	for _, x := range ls.nodes {
		s.deg[x] = 0
	}
	for _, e := range ls.span {
		if ls.tmpIn[e] {
			s.treeAdd(g, e)
		}
	}
	s.clearSpan(g)
}

// clearSpan resets the scratch state of spanWith.
func (s *Steiner) clearSpan(g *Graph) {
	ls := &s.ls
	for _, e := range ls.span {
		ls.tmpIn[e] = false
		ls.tdeg[g.EdgeU[e]] = 0
		ls.tdeg[g.EdgeV[e]] = 0
	}
	ls.span = ls.span[:0]
}
