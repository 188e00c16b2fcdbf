package warmtenet

import "math"

// Mehlhorn's search on two cores. The first search of a solve, a
// multi-source Dijkstra from the terminals (Steiner.mehlhorn), is the
// largest single phase of a -fast solve on a large graph (about 38 % of
// it at 45,000 nodes, benchmarks/README.md). When the helper goroutine
// waits for a job (helper.go), the nodes are split in two halves by
// number, [0, h) and [h, n), and each half is searched from its own
// terminals at once, the first on the solve's goroutine and the second
// on the helper's, each relaxing only the arcs into its own half and
// recording the labels offered across the cut (a cross). A third step,
// on the solve's goroutine, lowers the labels the crosses improve and
// searches on from them over the whole graph, as a label-correcting
// search does, to the shortest-path forest of all the terminals.
//
// The labels must be bit for bit those of the one search (run), which
// later steps and so the tree depend on, ties included: with a tie (a
// node two ways at its distance) the one search keeps whichever label
// it met first, in an order the split search does not follow. So every
// relaxation tests for one, as runUnique does: a relaxation that finds
// a node at the distance it already has. Without a tie every node has
// one shortest path from its source in the floating-point sums the
// searches add, the labels are the only shortest-path forest of the
// terminals, and every exact search finds them (moveEnds, dijkstra.go,
// rests on the same argument). Each arc is tested with its tail's final
// label at least once: within a half when the tail is popped, across
// the cut when the third step applies the cross, and again when the
// third step lowers the tail; so a tie in the final labels is met by
// the second of its two arcs to be tested. A tie stops the split search
// at once and the one search runs instead, from scratch: a graph with
// ties (integer weights, as SteinLib's) pays for the split search up to
// its first tie, the street graphs of scans (lengths in metres as
// floats) seldom do.
//
// A half writes only its own nodes' labels and reads only those of its
// own nodes, so the two halves share no memory they write but the
// neighbouring ends of the label arrays; the third step reads what both
// wrote after finish (the helper's signal orders it).

// splitMinNodes is the least number of nodes for which Mehlhorn's search
// is split: at 16,384 nodes the one search takes about 1.5 ms, the
// hand-over to the helper up to 50 us.
const splitMinNodes = 16384

// splitMinTerms is the least number of terminals for which it is split:
// with few terminals the regions are large, and much of each region
// lies across the cut from its terminal, which the third step then
// searches again alone.
const splitMinTerms = 64

// cutLabel is a label a half offers a node of the other half: key the
// distance, src the source and edge the arc's edge.
type cutLabel struct {
	key  float64
	node int32
	edge int32
	src  int32
}

// splitSearch is the state of the split search, kept by the Steiner so
// that a repeated solve allocates nothing.
type splitSearch struct {
	q    dialQueue // the second half's queue (the first uses ShortestPaths.q)
	out  [2][]cutLabel
	heap joinHeap // the third step's
	ok   [2]bool  // the half met no tie
	job  helperJob
	g    *Graph
	h    int32   // the first node of the second half
	pf   []pages // on a first solve: buffers to map in after the second half (prefault)
	// Tests: split searches that found the labels, and those that met a
	// tie and left them to the one search.
	runs, ties int
}

// runTerms computes sp's labels from the terminals of s as
// sp.begin(g, s.terms) followed by sp.run(g) do, bit for bit, on two
// cores when the graph is large and the helper waits for a job.
// On a first solve pf are the buffers to map in (prefault): after the
// second half's search on the helper when split, otherwise on a
// goroutine of their own once the labels are set.
func (s *Steiner) runTerms(g *Graph, pf []pages) {
	sp := &s.sp
	n := g.NumNodes()
	if n >= splitMinNodes && len(s.terms) >= splitMinTerms && s.splitHalves(g, pf) {
		return
	}
	sp.begin(g, s.terms)
	prefault(pf...)
	sp.run(g)
}

// splitHalves runs the split search and reports whether its labels are
// the one search's; false when either half holds fewer than
// splitMinTerms/2 terminals or the helper took no job (the labels are
// then untouched, and sized) or the search met a tie.
func (s *Steiner) splitHalves(g *Graph, pf []pages) bool {
	sp := &s.sp
	ss := &s.split
	n := g.NumNodes()
	sp.grow(n, len(s.terms))
	ss.q.grow(n, len(s.terms)) // reserve sized it for a solve
	j := &ss.job
	if j.fn == nil {
		j.fn = func() {
			s.searchHalf(1)
			if canPopulate {
				populateAll(s.split.pf)
			}
		}
	}
	h := int32(n / 2)
	low := 0
	for _, t := range s.terms {
		low += b2i(t < h)
	}
	if min(low, len(s.terms)-low) < splitMinTerms/2 {
		// Nearly every terminal in one half (a graph numbered by kind, as
		// one whose buildings' nodes follow its streets' would be): the
		// third step would search the other half alone.
		return false
	}
	ss.g, ss.h, ss.pf = g, h, pf
	if !handOff(j) {
		ss.g, ss.pf = nil, nil
		return false
	}
	s.searchHalf(0)
	finish(j)
	ss.g, ss.pf = nil, nil
	if ss.ok[0] && ss.ok[1] && s.joinHalves(g) {
		ss.runs++
		return true
	}
	ss.ties++
	return false
}

// searchHalf is the search of half i (0: nodes [0, h), 1: [h, n)): it
// sets its nodes' labels unreached, its terminals as sources, and
// searches from them as run does, relaxing only arcs into the half and
// recording the others' labels in ss.out[i]. It stops at the first tie
// (ss.ok[i] false).
func (s *Steiner) searchHalf(i int) {
	sp, ss := &s.sp, &s.split
	g := ss.g
	n := int32(g.NumNodes())
	lo, hi := int32(0), ss.h
	q := &sp.q
	if i == 1 {
		lo, hi = ss.h, n
		q = &ss.q
	}
	dist, src, pred := sp.Dist[:n], sp.Source[:n], sp.PredEdge[:n]
	inf := math.Inf(1)
	for v := lo; v < hi; v++ {
		dist[v] = inf
		src[v] = -1
		pred[v] = -1
	}
	q.reset(int(n), g.maxWeight, len(s.terms))
	for _, t := range s.terms {
		if t >= lo && t < hi && dist[t] != 0 {
			dist[t] = 0
			src[t] = t
			q.push(t, 0)
		}
	}
	out := ss.out[i][:0]
	span := uint32(hi - lo)
	off, adj, adjEdge, w := g.Offsets, g.Adj, g.AdjEdge, g.AdjWeight
	ok := true
	for ok && q.size() > 0 {
		v, d := q.pop()
		if d > dist[v] {
			continue // stale entry
		}
		sv := src[v]
		lo2, hi2 := off[v], off[v+1]
		us := adj[lo2:hi2]
		ws, es := w[lo2:hi2], adjEdge[lo2:hi2]
		ws, es = ws[:len(us)], es[:len(us)]
		for j, u := range us {
			nd := d + ws[j]
			if uint32(u-lo) >= span {
				out = append(out, cutLabel{nd, u, es[j], sv})
			} else if nd < dist[u] {
				q.push(u, nd)
				dist[u] = nd
				src[u] = sv
				pred[u] = es[j]
			} else if nd == dist[u] {
				ok = false
			}
		}
	}
	ss.out[i] = out
	ss.ok[i] = ok
}

// joinHalves is the third step: the crosses that lower a label, and a
// search on from those over the whole graph (their keys do not start at
// 0, which the bucket queue needs). It reports whether it met no tie.
func (s *Steiner) joinHalves(g *Graph) bool {
	sp, ss := &s.sp, &s.split
	dist, src, pred := sp.Dist, sp.Source[:len(sp.Dist)], sp.PredEdge[:len(sp.Dist)]
	h := &ss.heap
	h.items = h.items[:0]
	for i := range ss.out {
		for _, c := range ss.out[i] {
			u := c.node
			if c.key < dist[u] {
				dist[u], src[u], pred[u] = c.key, c.src, c.edge
				h.push(u, c.key)
			} else if c.key == dist[u] {
				return false
			}
		}
	}
	return searchUnique(h, g, dist, src, pred, true)
}

// joinHeap is a 4-ary min-heap of nodes by distance without decrease-key
// (a node lowered again is pushed again), for the third step's few
// hundred nodes on the 45,000-node grid: its array keeps its capacity, so
// that once it has grown to the most a solve needs a solve allocates
// nothing, where the radix heap's 64 buckets grow one by one as the keys
// of later solves reach them.
type joinHeap struct{ items []heapItem }

func (h *joinHeap) push(v int32, key float64) {
	h.items = append(h.items, heapItem{key, v})
	quadUp(h.items, len(h.items)-1, heapItem{key, v}, nil)
}

func (h *joinHeap) pop() (int32, float64) {
	var top heapItem
	top, h.items = quadPop(h.items, nil)
	return top.node, top.key
}

func (h *joinHeap) empty() bool { return len(h.items) == 0 }
