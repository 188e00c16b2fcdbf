package warmtenet

import "math"

// ShortestPaths is a multi-source Dijkstra on a Graph with buffers that are
// reused across runs. After Run, for every node v: Dist[v] is the distance
// to the nearest source (+Inf when unreachable), Source[v] that source (-1
// when unreachable) and PredEdge[v] the edge to v's predecessor on a
// shortest path from Source[v] (-1 for sources and unreachable nodes). The
// predecessor edges form a shortest-path forest rooted at the sources.
//
// The zero value is ready to use. A ShortestPaths is not safe for
// concurrent use; use one per goroutine.
type ShortestPaths struct {
	Dist     []float64
	Source   []int32
	PredEdge []int32
	q        dialQueue // Run and Add
	heap     radixHeap // the Steiner local search's bounded searches, moveEnds

	// moveEnds's state, allocated by its first call.
	mark   []uint8 // per node: markGone, markRegion; 0 at rest
	added  []int32 // new sources
	region []int32 // nodes of the regions of the sources that went
}

// start sizes and clears Dist, Source and PredEdge for g (every node
// unreached) and empties the queue for k sources, which it returns.
func (sp *ShortestPaths) start(g *Graph, k int) *dialQueue {
	n := g.NumNodes()
	sp.grow(n, k)
	inf := math.Inf(1)
	for v := range sp.Dist {
		sp.Dist[v] = inf
		sp.Source[v] = -1
		sp.PredEdge[v] = -1
	}
	sp.q.reset(n, g.maxWeight, k)
	return &sp.q
}

// grow sizes the labels and the bucket queue for a search on a graph of
// n nodes from k sources and reports whether it allocated.
func (sp *ShortestPaths) grow(n, k int) bool {
	fresh := cap(sp.Dist) < n || cap(sp.Source) < n || cap(sp.PredEdge) < n
	sp.Dist = growFloat(sp.Dist, n)
	sp.Source = growInt32(sp.Source, n)
	sp.PredEdge = growInt32(sp.PredEdge, n)
	return sp.q.grow(n, k) || fresh
}

// Run computes shortest paths from the nearest of sources to every node of
// g with a bucket queue (dialqueue.go) in O(m log m) time at worst and
// close to O(m) on street graphs, where each queued node goes into a
// bucket once and through a heap of a few items. Duplicate sources are
// allowed. It allocates a bounded number of times (the queue's arrays
// grow by doubling from n/2 items) when g is larger than any graph
// before, and not at all otherwise. g must come from NewGraph or
// WithWeights (it reads AdjWeight).
func (sp *ShortestPaths) Run(g *Graph, sources []int32) {
	sp.begin(g, sources)
	sp.run(g)
}

// begin is the start of Run: the labels of g's nodes set and the sources
// queued.
func (sp *ShortestPaths) begin(g *Graph, sources []int32) {
	h := sp.start(g, len(sources))
	dist, src := sp.Dist, sp.Source[:len(sp.Dist)]
	for _, s := range sources {
		if dist[s] == 0 {
			continue
		}
		dist[s] = 0
		src[s] = s
		h.push(s, 0)
	}
}

// runEnds is Run from the ends of edges, in their order (EdgeU[e] before
// EdgeV[e]), without a list of them: a Voronoi pass's sources (a tree's
// edges have len(edges)+1 distinct ends). It reports whether the search
// met no tie (runUnique): then its labels are the only shortest-path
// forest of these sources, which moveEnds can carry to other sources.
func (sp *ShortestPaths) runEnds(g *Graph, edges []int32) bool {
	h := sp.start(g, len(edges)+1)
	dist, src := sp.Dist, sp.Source[:len(sp.Dist)]
	for _, e := range edges {
		for _, s := range [2]int32{g.EdgeU[e], g.EdgeV[e]} {
			if dist[s] == 0 {
				continue
			}
			dist[s] = 0
			src[s] = s
			h.push(s, 0)
		}
	}
	return sp.runUnique(g)
}

// runUnique is run, reporting whether it met no tie: no relaxation found
// a node at the distance it already had. Without a tie every node has one
// shortest path from its source in the floating-point sums the search
// adds (one arc whose tail's distance plus weight equals its own), so the
// labels do not depend on the order of the search: any exact search
// finds them, bit for bit. A relaxation that only equals a label that is
// still too high also counts, which costs nothing but a search from
// scratch where moveEnds could have done (Voronoi passes, voronoi.go).
func (sp *ShortestPaths) runUnique(g *Graph) bool {
	return searchUnique(&sp.q, g, sp.Dist, sp.Source, sp.PredEdge, false)
}

// labelQueue is a monotone priority queue of nodes keyed by distance:
// Dial's bucket queue (Run, runEnds) or the radix heap (moveEnds).
type labelQueue interface {
	push(v int32, key float64)
	pop() (int32, float64)
	empty() bool
}

// searchUnique is Dijkstra's search from the nodes in h over g's arcs,
// lowering the labels dist, src and pred (per node), as run; it reports
// whether it met no tie: no relaxation found a node at the distance it
// already had (runUnique). With stop it returns at the end of the scan
// of the node where it met the first tie, with h not empty, the labels
// then being of no use to the caller. O(m log m) at worst.
func searchUnique[Q labelQueue](h Q, g *Graph, dist []float64, src, pred []int32, stop bool) bool {
	src, pred = src[:len(dist)], pred[:len(dist)]
	off, adj, adjEdge, w := g.Offsets, g.Adj, g.AdjEdge, g.AdjWeight
	tie := false
	for !h.empty() && !(stop && tie) {
		v, d := h.pop()
		if d > dist[v] {
			continue // stale entry
		}
		sv := src[v]
		lo, hi := off[v], off[v+1]
		us := adj[lo:hi]
		ws, es := w[lo:hi], adjEdge[lo:hi]
		ws, es = ws[:len(us)], es[:len(us)]
		for j, u := range us {
			nd := d + ws[j]
			if nd < dist[u] {
				h.push(u, nd)
				dist[u] = nd
				src[u] = sv
				pred[u] = es[j]
			} else if nd == dist[u] {
				tie = true
			}
		}
	}
	return !tie
}

// moveEnds carries labels that are the only shortest-path forest of their
// sources (runEnds or moveEnds reported true; a source is a node that is
// its own Source) over to the sources {v : deg[v] > 0}, as runEnds from
// those would label them, bit for bit, when their forest is unique too;
// it reports whether it is (runUnique's test), and when not the labels
// are left meaningless and the caller runs runEnds. It relabels only the
// regions of the sources that went (searched again from the labels around
// them) and the nodes a new source brings nearer: two sweeps over the
// nodes plus a search over the relabelled ones, in the radix heap, whose
// keys need not start at 0. It is what a Voronoi pass does after the
// first (voronoi.go), where a pass changes a small part of the tree.
//
// Why the result is runEnds's: with unique forests both are the fixpoint
// d(s) = 0, d(u) = min over arcs (v, u) of d(v) + w in the same sums. A
// node outside the removed regions keeps a label that is a path to a
// source still there, and a removed region's node starts from the
// cheapest label its neighbours outside offer, so every label starts at
// or above its new distance, and a node whose label is too high has a
// predecessor on its shortest path that was either searched or offered
// its label. A tie of the new sources involves a node the search
// relabelled or an arc it relaxed or offered (the old labels had none),
// so the same equality tests as runUnique's find it.
func (sp *ShortestPaths) moveEnds(g *Graph, deg []int32) bool {
	n := len(sp.Dist)
	dist, src, pred := sp.Dist, sp.Source[:n], sp.PredEdge[:n]
	deg = deg[:n]
	if len(sp.mark) < n {
		sp.mark = make([]uint8, n)
	}
	mark := sp.mark[:n]
	// The sources that went (marked gone) and the new ones.
	sp.added = sp.added[:0]
	gone := false
	for v, d := range deg {
		own := src[v] == int32(v)
		if own && d == 0 {
			mark[v] = markGone
			gone = true
		} else if d > 0 && !own {
			if dist[v] == 0 {
				// At distance 0 from a source: a tie as a source.
				clear(mark)
				return false
			}
			sp.added = append(sp.added, int32(v))
		}
	}
	// The regions of the sources that went.
	sp.region = sp.region[:0]
	if gone {
		for v, z := range src {
			if z >= 0 && mark[z]&markGone != 0 {
				sp.region = append(sp.region, int32(v))
			}
		}
	}
	inf := math.Inf(1)
	for _, v := range sp.region {
		mark[v] |= markRegion
		dist[v], src[v], pred[v] = inf, -1, -1
	}
	off, adj, adjEdge, w := g.Offsets, g.Adj, g.AdjEdge, g.AdjWeight
	h := &sp.heap
	h.clear()
	tie := false
	// Each relabelled node starts from the cheapest label its neighbours
	// outside the regions offer.
	for _, u := range sp.region {
		lo, hi := off[u], off[u+1]
		vs := adj[lo:hi]
		ws, es := w[lo:hi], adjEdge[lo:hi]
		ws, es = ws[:len(vs)], es[:len(vs)]
		for j, v := range vs {
			if mark[v]&markRegion != 0 || src[v] < 0 {
				continue
			}
			nd := dist[v] + ws[j]
			if nd < dist[u] {
				dist[u], src[u], pred[u] = nd, src[v], es[j]
			} else if nd == dist[u] {
				tie = true
			}
		}
		if dist[u] < inf {
			h.push(u, dist[u])
		}
	}
	for _, a := range sp.added {
		dist[a], src[a], pred[a] = 0, a, -1
		h.push(a, 0)
	}
	tie = tie || !searchUnique(h, g, dist, src, pred, true)
	h.clear()
	if tie {
		clear(mark)
		return false
	}
	for _, v := range sp.region {
		mark[v] = 0
	}
	return true
}

// unique reports whether the labels, exact distances from their sources
// (Run, Add, runEnds or moveEnds), are the only shortest-path forest of
// those sources: every reached node has one label on offer, its own as a
// source (its own Source) or one arc whose tail's distance plus weight
// equals its distance. moveEnds can then carry them to other sources. It
// is one sweep over the arcs, for labels whose search did not test for
// ties itself (Add's).
func (sp *ShortestPaths) unique(g *Graph) bool {
	dist, src := sp.Dist, sp.Source[:len(sp.Dist)]
	off, adj, w := g.Offsets, g.Adj, g.AdjWeight
	for u, du := range dist {
		if math.IsInf(du, 1) {
			continue
		}
		c := b2i(src[u] == int32(u))
		lo, hi := off[u], off[u+1]
		vs, ws := adj[lo:hi], w[lo:hi]
		ws = ws[:len(vs)]
		for j, v := range vs {
			c += b2i(dist[v]+ws[j] == du)
		}
		if c != 1 {
			return false
		}
	}
	return true
}

// The marks of moveEnds, per node (ShortestPaths.mark), 0 at rest.
const (
	markGone   = 1 // a source that is one no more
	markRegion = 2 // in the region of such a source: relabelled
)

// run is Run's search from the sources in the queue.
func (sp *ShortestPaths) run(g *Graph) {
	h := &sp.q
	dist, src, pred := sp.Dist, sp.Source, sp.PredEdge
	src, pred = src[:len(dist)], pred[:len(dist)] // one bounds check for the three
	off, adj, adjEdge, w := g.Offsets, g.Adj, g.AdjEdge, g.AdjWeight
	for h.size() > 0 {
		v, d := h.pop()
		if d > dist[v] {
			continue // stale entry
		}
		sv := src[v]
		// v's arcs as slices of one length, so that the loop indexes them
		// without bounds checks.
		lo, hi := off[v], off[v+1]
		us := adj[lo:hi]
		ws, es := w[lo:hi], adjEdge[lo:hi]
		ws, es = ws[:len(us)], es[:len(us)]
		for j, u := range us {
			nd := d + ws[j]
			if nd < dist[u] {
				h.push(u, nd)
				dist[u] = nd
				src[u] = sv
				pred[u] = es[j]
			}
		}
	}
}

// Add makes sources sources too, after a Run on the same graph (and any
// Adds): the labels become those of a Run from the old and new sources
// together, up to ties. It settles only the nodes whose nearest source
// changes, so adding sources near most nodes costs about as much as a Run,
// adding a few costs little. Every source is its own Source afterwards,
// even one that was at distance 0 from another, and so is every node below
// it in the shortest-path forest at equal distance (zero-weight edges):
// Source stays constant along PredEdge. It returns the number of nodes it
// settled.
func (sp *ShortestPaths) Add(g *Graph, sources []int32) int {
	sp.q.reset(len(sp.Dist), g.maxWeight, len(sources))
	for _, s := range sources {
		sp.addSource(s)
	}
	return sp.add(g)
}

// addEnds is Add of the ends of edges, in their order (EdgeU[e] before
// EdgeV[e]), without a list of them, as runEnds.
func (sp *ShortestPaths) addEnds(g *Graph, edges []int32) int {
	sp.q.reset(len(sp.Dist), g.maxWeight, len(edges)+1)
	for _, e := range edges {
		sp.addSource(g.EdgeU[e])
		sp.addSource(g.EdgeV[e])
	}
	return sp.add(g)
}

// addSource makes s a source of Add's search, unless it is one already.
func (sp *ShortestPaths) addSource(s int32) {
	if sp.Source[s] == s {
		return
	}
	sp.Dist[s] = 0
	sp.Source[s] = s
	sp.PredEdge[s] = -1
	sp.q.push(s, 0)
}

// add is Add's search from the sources in the queue.
func (sp *ShortestPaths) add(g *Graph) int {
	dist, src, pred := sp.Dist, sp.Source, sp.PredEdge
	src, pred = src[:len(dist)], pred[:len(dist)]
	h := &sp.q
	off, adj, adjEdge, w := g.Offsets, g.Adj, g.AdjEdge, g.AdjWeight
	settled := 0
	for h.size() > 0 {
		v, d := h.pop()
		if d > dist[v] {
			continue // stale entry
		}
		settled++
		sv := src[v]
		lo, hi := off[v], off[v+1]
		us := adj[lo:hi]
		ws, es := w[lo:hi], adjEdge[lo:hi]
		ws, es = ws[:len(us)], es[:len(us)]
		for j, u := range us {
			e := es[j]
			nd := d + ws[j]
			if nd < dist[u] || nd == dist[u] && pred[u] == e && src[u] != sv {
				h.push(u, nd)
				dist[u] = nd
				src[u] = sv
				pred[u] = e
			}
		}
	}
	return settled
}

// nodeHeap is an indexed 4-ary min-heap of nodes keyed by distance, with
// decrease-key, for ExactWeight's relaxations, whose keys are not
// monotone. Keys live next to the node ids so that sifting touches one
// array.
type nodeHeap struct {
	items []heapItem
	pos   []int32 // pos[v]: index of v in items, -1 when absent
}

type heapItem struct {
	key  float64
	node int32
}

// reset empties the heap and sizes it for n nodes in O(n).
func (h *nodeHeap) reset(n int) {
	if cap(h.items) < n {
		h.items = make([]heapItem, 0, n)
	}
	h.items = h.items[:0]
	h.pos = growInt32(h.pos, n)
	for i := range h.pos {
		h.pos[i] = -1
	}
}

func (h *nodeHeap) push(v int32, key float64) {
	h.items = append(h.items, heapItem{key, v})
	quadUp(h.items, len(h.items)-1, heapItem{key, v}, h.pos)
}

func (h *nodeHeap) decrease(v int32, key float64) {
	quadUp(h.items, int(h.pos[v]), heapItem{key, v}, h.pos)
}

func (h *nodeHeap) pop() (int32, float64) {
	var top heapItem
	top, h.items = quadPop(h.items, h.pos)
	return top.node, top.key
}

// quadUp moves item it up from index i of the 4-ary min-heap items to its
// place. With pos non-nil it keeps pos[node] = index of node in items.
func quadUp(items []heapItem, i int, it heapItem, pos []int32) {
	for i > 0 {
		p := (i - 1) >> 2
		if items[p].key <= it.key {
			break
		}
		items[i] = items[p]
		if pos != nil {
			pos[items[i].node] = int32(i)
		}
		i = p
	}
	items[i] = it
	if pos != nil {
		pos[it.node] = int32(i)
	}
}

// quadPop removes the smallest item of the 4-ary min-heap items (not
// empty) and returns it and the shortened heap. With pos non-nil it keeps
// pos up to date, -1 for the removed node.
func quadPop(items []heapItem, pos []int32) (heapItem, []heapItem) {
	top := items[0]
	if pos != nil {
		pos[top.node] = -1
	}
	last := items[len(items)-1]
	items = items[:len(items)-1]
	n := len(items)
	if n == 0 {
		return top, items
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		best, bk := c, items[c].key
		for j := c + 1; j < min(c+4, n); j++ {
			if items[j].key < bk {
				best, bk = j, items[j].key
			}
		}
		if bk >= last.key {
			break
		}
		items[i] = items[best]
		if pos != nil {
			pos[items[i].node] = int32(i)
		}
		i = best
	}
	items[i] = last
	if pos != nil {
		pos[last.node] = int32(i)
	}
	return top, items
}

func growFloat(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func growInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func growBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}
