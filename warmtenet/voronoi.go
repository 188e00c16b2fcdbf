package warmtenet

import "math"

// Key-path exchange in passes over the Voronoi regions of the tree's
// nodes, after Uchoa and Werneck, "Fast local search for Steiner trees in
// graphs" (ALENEX 2010), section 3. Where keypath.go evaluates one move at
// a time with its own bounded search, a pass here evaluates every key path
// of the tree at once in O(m log C) time:
//
//  1. One multi-source Dijkstra from all tree nodes gives every node its
//     base (nearest tree node), its distance and a shortest path to it.
//  2. The tree is rooted at a terminal; a key path is named by its lower
//     crucial end c and runs up to c's nearest crucial ancestor.
//  3. A boundary edge (x, y) between the regions of bases a and b offers
//     the path a..x, (x, y), y..b of weight d(x) + w + d(y); it can
//     replace every key path that lies wholly on the tree path between a
//     and b. Taking the boundary edges cheapest first, a union-find over
//     the tree of key paths (each climbs to the lowest common ancestor,
//     skipping key paths already covered) gives each key path its
//     cheapest replacement of this kind in near-linear time.
//  4. A replacement may also run through the regions of the key path's
//     own inner nodes, which the move frees: a small Dijkstra inside those
//     regions, seeded from their neighbours in the two parts of the tree,
//     finds the cheapest such path (the "repair" of the Voronoi diagram).
//     The regions of different key paths are disjoint, so all these
//     searches together scan each arc at most twice.
//  5. The improving moves are applied greedily by gain as long as the tree
//     paths they cross (in key paths) are disjoint; exchanges on disjoint
//     fundamental cycles keep a tree, and paths that share a base share a
//     prefix of its shortest-path tree, so the union of the new paths adds
//     no cycle.
//
// A pass counts its work (heap pops, arcs scanned, boundary edges sorted
// and covered) in s.ls.work. Passes repeat while they improve the tree and
// the budget allows; key-vertex elimination and insertion, which this
// scheme does not do, stay with keypath.go.

// vpass holds the state of a Voronoi pass. The tree's nodes are numbered
// in preorder from the root (their pre number) and the per-tree-node
// records are indexed by it, so that they take room in proportion to the
// tree, not to the graph, and the preorder walk writes them in sequence.
type vpass struct {
	nd    []vnode   // per pre number
	kuf   []int32   // per pre number: the covering's union-find over crucial nodes, towards the root; then -1 marks a key path an accepted move crosses (claim)
	loc   []int32   // per node of g: its pre number; meaningful for the tree's nodes (in Steiner.uf's array, grow)
	stack []dfsItem // the preorder walk's stack

	tadj []int32 // the tree's arcs grouped by tail, as edges (treeAdjacency)

	path []int32    // key paths crossed by the move under test
	ends []candEnds // per boundary path kept for the covering

	// The repair searches' state, allocated by the first pass that runs
	// them (growRepair).
	head  []int32 // per pre number + 1, a key path's lower end: first boundary-edge end of its repair seeds, -1 for none (boundaryLink)
	bnext []int32 // per edge end 2e+i: next seed of the same key path
	rn    []rnode // per node: its repair label
	zlist []int32 // every node labelled by a repair search in this pass

	moves   []vmove // improving moves found; after a pass, those applied
	applied []vmove

	// walkTree's results
	tn         int32
	keys, arcs int
	maxKey     float64
	// walkJob runs walkTree on walkG on the helper goroutine (startWalk).
	walkJob helperJob
	walkG   *Graph
	// boundJob runs boundaryNoLink on bG from edge bLo on, with maxKey
	// bMax, on the helper goroutine; bK is its count (startBoundary).
	boundJob helperJob
	bG       *Graph
	bLo, bK  int
	bMax     float64
}

// vnode is the pass's record of a tree node, by pre number, in one piece
// so that a visit reads one cache line instead of one per field: the pass
// reaches tree nodes in tree order and through the bases of boundary
// edges, which are scattered. Node references in it are pre numbers. It
// takes 40 bytes: a node is crucial (a terminal or of tree degree other
// than 2) when its low is -1, and the climbs towards a common ancestor
// (the covering, claim) tell which side to climb by the pre-number ranges
// (ancestor) instead of by depth.
type vnode struct {
	rootDist  float64 // tree distance from the root
	cover     float64 // per key path (lower end): cheapest covering boundary path
	parent    int32   // -1 at the root
	pedge     int32   // edge to the parent
	last      int32   // largest pre number in its subtree
	upper     int32   // non-root: nearest crucial strict ancestor
	low       int32   // inner node of a key path: the path's lower crucial end; -1 for a crucial node (during the walk: -2 for an inner node)
	coverEdge int32   // per key path: the boundary edge of cover
}

// rnode is a node's label in the repair searches of a pass (repair), in
// one 24-byte record so that a search's visit of a node reads one cache
// line instead of one per field (they were four arrays). At rest (key
// -1) it is restRnode.
type rnode struct {
	dist float64 // distance from the seeds
	pred int32   // edge towards the seed of the label
	base int32   // base of the label (a pre number)
	key  int32   // the key path whose repair search labelled the node, or -1
	comp int8    // side of the tree the path comes from (0: above the key path, 1: below), -1 at rest
	done bool    // scanned
}

var restRnode = rnode{dist: math.Inf(1), pred: -1, base: 0, key: -1, comp: -1}

// ancestor reports whether tree node x is y or an ancestor of y (pre
// numbers).
func (vp *vpass) ancestor(x, y int32) bool { return x <= y && y <= vp.nd[x].last }

// dfsItem is a tree node waiting on the preorder walk's stack, with what
// its record gets from its parent.
type dfsItem struct {
	rootDist      float64
	node          int32
	parent, pedge int32 // the parent's pre number and the edge to it
}

// candEnds is a boundary path kept for the covering: its edge and the
// crucial nodes (pre numbers) whose tree path it can replace (mapEnd).
type candEnds struct {
	e, p, q int32
}

// treeAdjacency fills vp.tadj with the arcs of the tree formed by edges,
// grouped by tail, each as its edge, and turns deg (the tree degree of
// every node, and one entry more) into their offsets: node v's arcs are
// tadj[deg[v]:deg[v+1]]. Within a node's range the arcs are in the
// reverse order of edges. restoreDegrees turns the offsets back into
// degrees. O(n + len(edges)), in sequential sweeps, with no branch on the
// data and no array of its own but tadj. It returns the number of arcs
// in g of the tree's nodes (those of positive degree), in the same sweep.
func (vp *vpass) treeAdjacency(g *Graph, edges []int32, deg []int32) int {
	var sum int32
	arcs := 0
	off := g.Offsets[:len(deg)]
	for v, d := range deg[:len(deg)-1] {
		sum += d
		deg[v] = sum // the end of v's arcs, moved back as they are placed
		arcs += int(off[v+1]-off[v]) & -b2i(d > 0)
	}
	deg[len(deg)-1] = sum
	vp.tadj = reserveCap(vp.tadj, int(sum), 2*len(deg))[:sum]
	for _, e := range edges {
		u, v := g.EdgeU[e], g.EdgeV[e]
		deg[u]--
		vp.tadj[deg[u]] = e
		deg[v]--
		vp.tadj[deg[v]] = e
	}
	return arcs
}

// restoreDegrees undoes treeAdjacency's offsets in deg.
func restoreDegrees(deg []int32) {
	n := len(deg) - 1
	for v := range n {
		deg[v] = deg[v+1] - deg[v]
	}
	deg[n] = 0
}

// vmove is an improving exchange: key path key is replaced by the path
// through boundary edge e, found by the covering (repair false) or by the
// repair search of key (true). a and b are the bases it joins. key, a
// and b are pre numbers.
type vmove struct {
	gain   float64
	key, e int32
	a, b   int32
	repair bool
}

// grow sizes the per-tree-node buffers of a pass on a graph of len(loc)
// nodes for a tree of t nodes, with room to spare for a larger one. Only
// the entries a pass uses are written. loc, a per-node array the pass may
// overwrite, becomes vp.loc: a pass has no per-node array of its own (the
// tree's offsets go in Steiner.deg, treeAdjacency), so that a first solve
// touches less fresh memory. The boundary paths' ends are sized by their
// count (voronoiPass); the lists that stay short on street graphs (the
// walk's stack, a move's key paths) get shortList entries at first and
// grow by doubling.
func (vp *vpass) grow(loc []int32, t int) {
	n := len(loc)
	vp.loc = loc
	if cap(vp.nd) < t {
		vp.nd = make([]vnode, max(t, min(n, t+t/4)))
	}
	vp.nd = vp.nd[:t]
	vp.kuf = growInt32(vp.kuf, t)
	vp.tadj = reserveCap(vp.tadj, 2*t, 2*n) // treeAdjacency: 2(t - 1) arcs
	vp.stack = reserveCap(vp.stack, min(t, shortList), t)
	vp.path = reserveCap(vp.path, min(t, shortList), t)
}

// shortList is the room first reserved for the lists of a Voronoi pass
// that stay short on street graphs (the walk's stack and a move's key
// paths: at most a few hundred entries on the 45,000-node grid); they
// grow by doubling beyond it.
const shortList = 1024

// growRepair sizes the repair searches' buffers (vpass), putting new ones
// at rest.
func (vp *vpass) growRepair(n, m int) {
	if cap(vp.bnext) < 2*m {
		vp.bnext = make([]int32, 2*m)
	}
	vp.bnext = vp.bnext[:2*m]
	if cap(vp.rn) >= n {
		vp.head = vp.head[:n+1]
		vp.rn = vp.rn[:n]
		return
	}
	vp.head = make([]int32, n+1)
	vp.rn = make([]rnode, n)
	for v := range vp.rn {
		vp.rn[v] = restRnode
	}
	vp.zlist = make([]int32, 0, n)
}

// voronoiPass runs one pass of Voronoi key-path exchange on the tree in
// s.edges (s.inTree and s.deg set, every leaf a terminal) and reports
// whether it improved the tree. It leaves the tree, pruned, in s.edges.
func (s *Steiner) voronoiPass(g *Graph) bool {
	vp := &s.vp
	ls := &s.ls
	n, m := g.NumNodes(), g.NumEdges()
	if len(s.edges) == 0 {
		return false
	}
	// The pre numbers go in Steiner.uf's array: mehlhorn is done with it.
	vp.grow(s.uf[:n], len(s.edges)+1)

	// 1. Voronoi regions of the tree's nodes: the ends of its edges.
	sp := &s.sp
	if s.spTerms {
		// Mehlhorn's run from the terminals is at hand: add the other
		// tree nodes as sources.
		// The tree walk (step 2) reads the tree, not these labels: on a
		// large tree it runs on another core meanwhile (helper.go).
		async := len(s.edges) >= helperMinTree && s.startWalk(g)
		settled := sp.addEnds(g, s.edges)
		if async {
			s.waitWalk()
		} else {
			s.walkTree(g)
		}
		ls.work += settled * (1 + 2*m/n)
		s.spTerms = false
		// Whether these labels are unique (sp.unique, a sweep over the
		// arcs) matters only to a next pass: it is tested there, on the
		// same labels (vAdded), so that a solve of one pass (FastWork on
		// a large graph) does not pay for it.
		s.vAdded = true
	} else {
		// After a pass whose labels were unique, only the regions its
		// moves changed are searched again (moveEnds), with the same
		// labels as a search from scratch; the work is counted as that
		// search's, so the budget and every tree stay as they were.
		if s.vAdded {
			s.vUnique, s.vAdded = sp.unique(g), false
		}
		if !s.vUnique || !sp.moveEnds(g, s.deg[:n]) {
			s.vUnique = sp.runEnds(g, s.edges)
		}
		ls.work += n + 2*m
		s.walkTree(g)
	}
	ls.work += vp.arcs
	dist, base := sp.Dist, sp.Source

	tn, maxKey, keys := vp.tn, vp.maxKey, vp.keys
	nd, loc, kuf := vp.nd, vp.loc, vp.kuf
	vp.moves = reserveCap(vp.moves, keys, n)
	vp.applied = reserveCap(vp.applied, keys, n)

	// 3. Boundary edges, cheapest first, cover the key paths.
	// The repair searches need the seed lists only if the budget will
	// leave room for them after this step.
	link := ls.work+2*m < ls.budget
	cand := s.keys[:m] // candKey of the path's weight and edge
	j := 0
	if link {
		vp.growRepair(n, m)
		j = s.boundaryLink(g, maxKey)
	}
	var k int
	if link {
		vp.ends = reserveCap(vp.ends, j, m)[:j]
		k = s.keepEnds(g, cand[:j], 0)
	} else {
		// Candidates and their ends in one sweep over the edges; on a
		// large graph the helper goroutine (helper.go) sweeps the
		// second half of the edges meanwhile, into the second half of
		// cand and vp.ends, which then moves down behind the first.
		vp.ends = reserveCap(vp.ends, m, m)[:m]
		h := m
		if m >= helperMinEdges {
			h = m / 2
		}
		async := h < m && s.startBoundary(g, h, maxKey)
		k = s.boundaryNoLink(g, 0, h, maxKey)
		if h < m {
			var k2 int
			if async {
				k2 = s.waitBoundary()
			} else {
				k2 = s.boundaryNoLink(g, h, m, maxKey)
			}
			copy(vp.ends[k:], vp.ends[h:h+k2])
			for i, ck := range cand[h : h+k2] {
				cand[k+i] = ck&^(1<<32-1) | uint64(k+i)
			}
			k += k2
		}
	}
	s.keys = cand[:k]
	ls.work += m + 2*len(s.keys)
	// pathWeight is the weight of the boundary path through edge e.
	pathWeight := func(e int32) float64 { return dist[g.EdgeU[e]] + g.Weight[e] + dist[g.EdgeV[e]] }
	ends := vp.ends
	sorted := sortKeys(s.keys, &s.keyTmp, &s.runTmp, func(k int32) float64 { return pathWeight(ends[k].e) })
	for _, ck := range sorted {
		if keys == 0 {
			break // every key path has its cheapest cover
		}
		ce := ends[keyIndex(ck)]
		x, y := find(kuf, ce.p), find(kuf, ce.q)
		if x == y {
			continue
		}
		w := pathWeight(ce.e)
		for x != y {
			if vp.ancestor(x, y) {
				x, y = y, x // climb the side below the common ancestor
			}
			nd[x].cover, nd[x].coverEdge = w, ce.e
			kuf[x] = nd[x].upper
			keys--
			x = find(kuf, x)
		}
	}

	// 4. The improving moves, best first.
	vp.zlist = vp.zlist[:0]
	for c := int32(1); c < tn; c++ {
		nc := &nd[c]
		if nc.low != -1 {
			continue // not crucial
		}
		kw := nc.rootDist - nd[nc.upper].rootDist
		limit := kw - 1e-9*max(1, kw)
		best := vmove{key: c, e: -1}
		if nc.cover < limit {
			e := nc.coverEdge
			best = vmove{gain: kw - nc.cover, key: c, e: e, a: loc[base[g.EdgeU[e]]], b: loc[base[g.EdgeV[e]]]}
			limit = nc.cover
		}
		if link && nd[nc.parent].low != -1 && ls.work < ls.budget {
			if rm, ok := s.repair(g, c, kw, limit); ok {
				best = rm
			}
		}
		if best.e >= 0 {
			vp.moves = append(vp.moves, best)
		}
	}
	if len(vp.moves) == 0 {
		s.endPass()
		return false
	}
	// Best first: a radix sort by gain (positive), read from the top.
	s.keys = s.keys[:0]
	for i, mv := range vp.moves {
		s.keys = append(s.keys, candKey(mv.gain, int32(i)))
	}
	byGain := sortKeys(s.keys, &s.keyTmp, &s.runTmp, func(i int32) float64 { return vp.moves[i].gain })

	// 5. Apply the moves whose tree paths are disjoint: first remove the
	// replaced key paths, then add the new paths.
	vp.applied = vp.applied[:0]
	for i := len(byGain) - 1; i >= 0; i-- {
		if mv := vp.moves[keyIndex(byGain[i])]; s.claim(mv) {
			vp.applied = append(vp.applied, mv)
		}
	}
	vp.moves, vp.applied = vp.applied, vp.moves
	for _, mv := range vp.moves {
		for v := mv.key; v != nd[mv.key].upper; v = nd[v].parent {
			e := nd[v].pedge
			s.inTree[e] = false
			s.deg[g.EdgeU[e]]--
			s.deg[g.EdgeV[e]]--
			ls.work++
		}
	}
	j = 0
	for _, e := range s.edges {
		s.edges[j] = e
		j += b2i(s.inTree[e])
	}
	s.edges = s.edges[:j]
	for _, mv := range vp.moves {
		s.vAdd(g, mv.e)
		s.vClimb(g, g.EdgeU[mv.e], mv)
		s.vClimb(g, g.EdgeV[mv.e], mv)
	}
	s.endPass()
	s.prune(g)
	return true
}

// walkTree is step 2 of a Voronoi pass (voronoiPass) on the tree in
// s.edges: its nodes' records in preorder from the root (vp.nd, vp.kuf,
// vp.loc), their number (vp.tn), the number of key paths (vp.keys), the
// heaviest key path (vp.maxKey) and the count of the tree nodes' arcs in
// g for the budget (vp.arcs). It reads the tree (s.edges, s.deg, which
// holds the tree's offsets while it runs, s.isTerm, s.terms) and g, and
// not the pass's labels, so that it can run while they are computed.
func (s *Steiner) walkTree(g *Graph) {
	vp := &s.vp
	n := g.NumNodes()
	// 2. The rooted tree and its key paths, in preorder from the root:
	// a node's parent comes before it, so its key-path fields can be set
	// when it is reached. The walk follows the tree's own adjacency, built
	// from s.edges and s.deg without a branch per arc (s.deg holds its
	// offsets during the walk).
	tstart := s.deg[:n+1]
	// The budget counts the arcs in g of the tree's nodes, as a scan of
	// them would.
	vp.arcs = vp.treeAdjacency(g, s.edges, tstart)
	root := s.terms[0]
	kuf := vp.kuf
	nd, loc := vp.nd, vp.loc
	tn := int32(0)
	vp.stack = append(vp.stack[:0], dfsItem{0, root, -1, -1})
	maxKey := 0.0
	keys := 0
	for len(vp.stack) > 0 {
		it := vp.stack[len(vp.stack)-1]
		vp.stack = vp.stack[:len(vp.stack)-1]
		v := it.node
		p := tn
		tn++
		loc[v] = p
		lo, hi := tstart[v], tstart[v+1]
		vc := s.isTerm[v] || hi-lo != 2
		nv := &nd[p]
		*nv = vnode{rootDist: it.rootDist, cover: math.Inf(1), parent: it.parent, pedge: it.pedge,
			last: p, upper: -1, low: int32(b2i(vc)) - 2, coverEdge: -1}
		kuf[p] = p
		if p > 0 {
			// The key-path fields are written for every node (they are
			// read for crucial nodes only) instead of behind a branch on
			// the node's kind, which the CPU cannot predict.
			np := &nd[it.parent]
			u := np.upper
			if np.low == -1 { // crucial
				u = it.parent
			}
			nv.upper = u
			nu := &nd[u]
			if kw := nv.rootDist - nu.rootDist; vc && kw > maxKey {
				maxKey = kw
			}
			keys += b2i(vc)
		}
		for _, e := range vp.tadj[lo:hi] {
			if e == it.pedge {
				continue
			}
			// The other end of e: g.Other without a branch.
			u := g.EdgeU[e] ^ g.EdgeV[e] ^ v
			vp.stack = append(vp.stack, dfsItem{it.rootDist + g.Weight[e], u, p, e})
		}
	}
	restoreDegrees(tstart)
	for p := tn - 1; p > 0; p-- {
		nv := &nd[p]
		np := &nd[nv.parent]
		np.last = max(np.last, nv.last)
		// A non-crucial node has one child: its key path's lower end is
		// the child, or the child's.
		// (An inner node's low is set by its child, so -1 still tells the
		// crucial ones here.)
		low := nv.low
		if low == -1 {
			low = p
		}
		if np.low == -1 {
			low = -1
		}
		np.low = low
	}

	vp.tn, vp.maxKey, vp.keys = tn, maxKey, keys
}

// boundaryLink is step 3's sweep of a pass with repair searches over the
// edges: it links each boundary edge that leaves the regions of a key
// path's inner nodes into that key path's list of repair seeds (vp.head,
// vp.bnext), and puts the boundary paths lighter than the heaviest key
// path (maxKey) over an edge not in the tree in s.keys (candKey of the
// path's weight and edge), in edge order; it returns their number. The
// key path of an end is low+1 in vp.head, so that an end whose base is
// crucial (low -1) goes to head[0], which no search reads, without a
// branch; the candidate is written for every boundary edge and counted
// when it qualifies.
func (s *Steiner) boundaryLink(g *Graph, maxKey float64) int {
	vp := &s.vp
	m := g.NumEdges()
	dist, base := s.sp.Dist, s.sp.Source
	nd, loc := vp.nd, vp.loc
	head := vp.head[:vp.tn+1]
	for i := range head {
		head[i] = -1
	}
	eu, ev, w := g.EdgeU[:m], g.EdgeV[:m], g.Weight[:m]
	inTree, cand := s.inTree[:m], s.keys[:m]
	bnext := vp.bnext[:2*m]
	j := 0
	for e, x := range eu {
		y := ev[e]
		bx, by := base[x], base[y]
		if bx == by || bx < 0 || by < 0 {
			continue
		}
		c := dist[x] + w[e] + dist[y]
		// Seeds of the repair searches: edges that leave the regions
		// of a key path's inner nodes.
		if kx, ky := nd[loc[bx]].low+1, nd[loc[by]].low+1; kx != ky {
			bnext[2*e] = head[kx]
			head[kx] = int32(2 * e)
			bnext[2*e+1] = head[ky]
			head[ky] = int32(2*e + 1)
		}
		cand[j] = candKey(c, int32(e))
		j += b2i(c < maxKey) & b2i(!inTree[e])
	}
	return j
}

// boundaryNoLink is step 3's sweep of a pass without repair searches
// over the edges lo..hi-1: the boundary paths lighter than the heaviest
// key path (maxKey) between two regions over an edge not in the tree go
// to s.keys[lo:] (candKey of the path's weight and edge), in edge order,
// and keepEnds keeps those that join two key paths' ends; it returns
// their number. Without a branch per edge: c < maxKey also excludes
// unreached ends (c = +Inf).
func (s *Steiner) boundaryNoLink(g *Graph, lo, hi int, maxKey float64) int {
	dist, base, inTree := s.sp.Dist, s.sp.Source, s.inTree
	cand := s.keys[lo:hi]
	eu, ev, w := g.EdgeU[lo:hi], g.EdgeV[lo:hi], g.Weight[lo:hi]
	ev, w = ev[:len(eu)], w[:len(eu)]
	j := 0
	for i, x := range eu {
		y := ev[i]
		c := dist[x] + w[i] + dist[y]
		cand[j] = candKey(c, int32(lo+i))
		j += b2i(c < maxKey) & b2i(base[x] != base[y]) & b2i(!inTree[lo+i])
	}
	return s.keepEnds(g, cand[:j], lo)
}

// keepEnds keeps the boundary paths of cand, in s.keys from off on, that
// join two different key paths' ends, and returns their number: a kept
// path's sort key names its entry in vp.ends (off on) instead of its
// edge; the entries are in edge order, so the order is the same.
func (s *Steiner) keepEnds(g *Graph, cand []uint64, off int) int {
	base, loc := s.sp.Source, s.vp.loc
	ends := s.vp.ends[off:]
	k := 0
	for _, ck := range cand {
		e := keyIndex(ck)
		bx, by := loc[base[g.EdgeU[e]]], loc[base[g.EdgeV[e]]]
		p, q := s.mapEnd(bx, by), s.mapEnd(by, bx)
		ends[k] = candEnds{e, p, q}
		cand[k] = ck&^(1<<32-1) | uint64(off+k)
		k += b2i(p >= 0) & b2i(p != q)
	}
	return k
}

// helperMinEdges is the least number of edges for which a pass without
// repair searches hands the second half of its boundary sweep to the
// helper goroutine (about 0.25 ms of sweep at 16,384 edges).
const helperMinEdges = 32768

// startBoundary hands boundaryNoLink over the edges from h on to the
// helper goroutine and reports whether it took it; waitBoundary then
// returns its count.
func (s *Steiner) startBoundary(g *Graph, h int, maxKey float64) bool {
	vp := &s.vp
	j := &vp.boundJob
	if j.fn == nil {
		j.fn = func() { vp.bK = s.boundaryNoLink(vp.bG, vp.bLo, vp.bG.NumEdges(), vp.bMax) }
	}
	vp.bG, vp.bLo, vp.bMax = g, h, maxKey
	if handOff(j) {
		return true
	}
	vp.bG = nil
	return false
}

// waitBoundary finishes the sweep startBoundary handed over (finish) and
// returns its count.
func (s *Steiner) waitBoundary() int {
	finish(&s.vp.boundJob)
	s.vp.bG = nil
	return s.vp.bK
}

// helperMinTree is the least number of tree edges for which a pass hands
// its tree walk to the helper goroutine: below it the walk takes less
// than about 50 us, the time the hand-over can take.
const helperMinTree = 4096

// startWalk hands walkTree on g to the helper goroutine (helper.go) and
// reports whether it took it; the caller then calls waitWalk before it
// reads the walk's results or changes the tree.
func (s *Steiner) startWalk(g *Graph) bool {
	j := &s.vp.walkJob
	if j.fn == nil {
		j.fn = func() { s.walkTree(s.vp.walkG) }
	}
	s.vp.walkG = g
	if handOff(j) {
		return true
	}
	s.vp.walkG = nil
	return false
}

// waitWalk finishes the walk startWalk handed over (finish).
func (s *Steiner) waitWalk() {
	finish(&s.vp.walkJob)
	s.vp.walkG = nil
}

// mapEnd maps base z of a boundary path whose other base is o to a crucial
// node: z itself, or for an inner node of a key path, the end of that key
// path towards o. It returns -1 when o is an inner node of the same key
// path (the path replaces part of one key path only). Nodes are pre
// numbers.
func (s *Steiner) mapEnd(z, o int32) int32 {
	vp := &s.vp
	lo := vp.nd[z].low
	if lo < 0 {
		return z
	}
	if vp.nd[o].low == lo {
		return -1
	}
	if lo <= o && o <= vp.nd[lo].last {
		return lo
	}
	return vp.nd[z].upper
}

// repair searches the regions of the inner nodes of key path c (weight kw)
// for a replacement lighter than limit and returns it. The search is a
// Dijkstra inside those regions from the boundary edges that leave them,
// each node labelled with the side of the tree (0: above c's key path,
// 1: below) its path comes from. c and the bases of the move are pre
// numbers.
func (s *Steiner) repair(g *Graph, c int32, kw, limit float64) (vmove, bool) {
	vp := &s.vp
	ls := &s.ls
	base, dist := s.sp.Source, s.sp.Dist
	loc, rn := vp.loc, vp.rn
	lo, hi := c, vp.nd[c].last
	side := func(b int32) int8 { // b: a pre number
		if lo <= b && b <= hi {
			return 1
		}
		return 0
	}
	// label gives node v (its record r) the label (nd, sd, e) with base b.
	label := func(v int32, r *rnode, nd float64, sd int8, e, b int32) {
		if r.key != c {
			r.key = c
			vp.zlist = append(vp.zlist, v)
		}
		r.dist, r.comp, r.pred, r.base = nd, sd, e, b
	}
	// Label the seeds; a replacement enters the regions from one side and
	// leaves to the other, so it costs at least the cheapest seed of each
	// side: when that bound reaches limit, there is nothing to search.
	start := len(vp.zlist)
	minSide := [2]float64{math.Inf(1), math.Inf(1)}
	for slot := vp.head[c+1]; slot >= 0; slot = vp.bnext[slot] {
		e := slot >> 1
		z, u := g.EdgeU[e], g.EdgeV[e]
		if slot&1 == 1 {
			z, u = u, z
		}
		ls.work++
		nd := dist[u] + g.Weight[e]
		if nd >= limit {
			continue
		}
		bu := loc[base[u]]
		sd := side(bu)
		minSide[sd] = math.Min(minSide[sd], nd)
		if r := &rn[z]; r.key != c || nd < r.dist {
			label(z, r, nd, sd, e, bu)
		}
	}
	best := vmove{key: c, e: -1, repair: true}
	if minSide[0]+minSide[1] >= limit {
		return best, false
	}
	h := &s.sp.heap
	h.clear()
	for _, z := range vp.zlist[start:] {
		h.push(z, rn[z].dist)
	}
	bestCost := limit
	off := g.Offsets
	for h.size > 0 {
		v, d := h.pop()
		if d >= bestCost {
			break
		}
		rv := &rn[v]
		if rv.done || d > rv.dist {
			continue
		}
		rv.done = true
		sv, bv := rv.comp, rv.base
		// v's arcs as slices of one length, without bounds checks.
		alo, ahi := off[v], off[v+1]
		us := g.Adj[alo:ahi]
		es, ws := g.AdjEdge[alo:ahi], g.AdjWeight[alo:ahi]
		es, ws = es[:len(us)], ws[:len(us)]
		ls.work += 1 + len(us)
		for j, u := range us {
			// u outside the regions of c's inner nodes (or unreached):
			// a way out, to the other side of the tree.
			b := base[u]
			if b < 0 {
				continue
			}
			bu := loc[b]
			if vp.nd[bu].low != c {
				if side(bu) != sv {
					if t := d + ws[j] + dist[u]; t < bestCost {
						bestCost = t
						best = vmove{gain: kw - t, key: c, e: es[j], a: bv, b: bu, repair: true}
					}
				}
				continue
			}
			ru := &rn[u]
			if ru.key == c && ru.done {
				if ru.comp != sv {
					if t := d + ws[j] + ru.dist; t < bestCost {
						bestCost = t
						best = vmove{gain: kw - t, key: c, e: es[j], a: bv, b: ru.base, repair: true}
					}
				}
				continue
			}
			if nd := d + ws[j]; nd < bestCost && (ru.key != c || nd < ru.dist) {
				label(u, ru, nd, sv, es[j], bv)
				h.push(u, nd)
			}
		}
	}
	h.clear()
	return best, best.e >= 0
}

// claim reports whether move mv crosses no key path that an accepted move
// crosses, and if so marks the key paths it crosses.
func (s *Steiner) claim(mv vmove) bool {
	vp := &s.vp
	vp.path = vp.path[:0]
	for _, z := range [2]int32{mv.a, mv.b} {
		if vp.nd[z].low >= 0 {
			vp.path = append(vp.path, vp.nd[z].low)
		}
	}
	x, y := s.mapEnd(mv.a, mv.b), s.mapEnd(mv.b, mv.a)
	if x < 0 {
		return false
	}
	for x != y {
		if vp.ancestor(x, y) {
			x, y = y, x
		}
		vp.path = append(vp.path, x)
		x = vp.nd[x].upper
	}
	s.ls.work += len(vp.path)
	for _, k := range vp.path {
		if vp.kuf[k] == -1 {
			return false
		}
	}
	for _, k := range vp.path {
		vp.kuf[k] = -1
	}
	return true
}

// vAdd puts edge e in the tree (if it is not there yet).
func (s *Steiner) vAdd(g *Graph, e int32) {
	if s.inTree[e] {
		return
	}
	s.inTree[e] = true
	s.deg[g.EdgeU[e]]++
	s.deg[g.EdgeV[e]]++
	s.edges = append(s.edges, e)
	s.ls.work++
}

// vClimb adds the path from v to its base: for a repair move, through the
// repair labels while v is in the searched regions of the move's key path,
// then along the Voronoi shortest-path tree. It stops at an edge already
// in the tree.
func (s *Steiner) vClimb(g *Graph, v int32, mv vmove) {
	vp := &s.vp
	for {
		var e int32
		if mv.repair && vp.rn[v].key == mv.key {
			e = vp.rn[v].pred
		} else {
			e = s.sp.PredEdge[v]
		}
		if e < 0 || s.inTree[e] {
			return
		}
		s.vAdd(g, e)
		v = g.Other(e, v)
	}
}

// endPass puts the repair labels back at rest.
func (s *Steiner) endPass() {
	vp := &s.vp
	for _, z := range vp.zlist {
		vp.rn[z] = restRnode
	}
	vp.zlist = vp.zlist[:0]
}
