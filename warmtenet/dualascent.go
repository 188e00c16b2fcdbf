package warmtenet

import (
	"fmt"
	"math"
)

// Lower bound by dual ascent (Wong, "A dual ascent approach for Steiner
// tree problems on a directed graph", Math. Programming 28, 1984), on the
// bidirected graph (every edge an arc each way of the edge's weight),
// rooted at a terminal.
//
// The directed cut formulation asks that every set W of nodes holding a
// terminal but not the root be entered by a tree arc. Its LP dual gives
// every such W a value y(W) >= 0 with, for every arc, the sum of y over the
// sets it enters at most the arc's weight; the sum of y is then a lower
// bound on the weight of any Steiner tree. Dual ascent keeps the reduced
// cost of every arc (weight minus the y of the sets it enters) and grows
// one set at a time: W(t) is the set of nodes that reach terminal t over
// arcs of reduced cost zero; if it holds neither the root nor another
// active terminal, y(W(t)) rises by the smallest reduced cost of an arc
// entering W(t), which lowers all of those and saturates at least one, so
// W(t) grows. A terminal whose W(t) holds the root is done; one whose W(t)
// holds another active terminal t' waits (W(t') is inside W(t), and when
// t' reaches the root so does t). Terminals are taken smallest cut first
// (fewest entering arcs, counted when the set was last computed), as in
// Polzin and Daneshmand's and SCIP-Jack's implementations.
//
// Every intermediate state is a feasible dual, so a stop at the work cap
// still gives a valid (weaker) bound. W(t) is searched when t is first
// taken from the queue; when t is put back, its W(t) and cut are kept
// (in a pool of fixed size, compacted to the queue's terminals when
// full), and its next pop grows them from the arcs of the cut that other
// raises saturated meanwhile (W(t) only grows). With no stop, the set,
// the cut, the raise and the work are those of a search from scratch,
// whatever the order; a pop that meets the root or an active terminal
// in a search of a kept set is replayed from scratch on the reduced
// costs it started from (logged), as the work a search counts up to its
// stop depends on its order. While t stays the smallest cut, each raise grows it
// only from the tails of the arcs the raise saturated (nothing else
// changed). The search keeps the arcs that may enter W(t) in a list, so
// a raise sweeps only those (the smallest reduced cost, dropping the
// arcs whose tails joined W(t), then the update) in the order a sweep of
// W(t)'s arcs would meet them. The work is counted as it was when a
// raise swept all of W(t)'s arcs twice: one unit per node and per arc
// of W(t) for each of the two sweeps, and per node and arc a search
// scans, bounded by the cap (DualAscentWork per n + 2m, at least
// dualAscentMinWork); the cap's unit, and so the bound, is that of the
// measurements below.
//
// The cap, measured on the 150,000-node synthetic street graph of
// benchmarks/README.md (15,000 terminals, where the ascent always
// reaches it; CPU of one run on the shared 2-core machine, 4 Dec 2026).
// On the graph itself: 40, 45, 50, 60 per n + 2m gave bounds of
// 2,131,457, 2,159,848, 2,182,903, 2,217,939 in 121, 133, 144, 166 ms
// (the ascent before the incremental growth: 2,141,828 in 192 ms). Inside
// Tree, on the reduced instance (bound plus the contracted weight, whole
// solve with MaxWork 1): 45, 60, 80, 120 gave 2,180,478, 2,233,979,
// 2,269,340, 2,291,925 in 214, 246, 282, 343 ms, against 2,220,214 in
// 273 ms before. 60 is tighter than before in less time. On SteinLib B
// and C the ascent ends below dualAscentMinWork.
const (
	// DualAscentWork is the dual ascent's work cap per n + 2m (one
	// Dijkstra pass is about n + 2m units).
	DualAscentWork    = 60
	dualAscentMinWork = 20_000_000
)

// dualAscent holds the flat per-arc and per-node state of the bound.
type dualAscent struct {
	rc     []float64 // reduced cost of the arc into node v listed at adjacency index i (from Adj[i])
	mark   []uint32  // per node: stamp of the set it was last put in
	stamp  uint32
	active []bool  // per node: an active terminal
	set    []int32 // the nodes of the current W(t)
	fresh  []int32 // tails of the arcs the last raise saturated
	cut    []int32 // adjacency indices of the arcs that may enter the current W(t)
	heap   cutHeap

	// The W(t) and cut a waiting terminal had when it was put back in
	// the queue (W(t) only grows, so the next pop starts from them):
	// keep[t] is its state's offset in pool (set, then cut) when
	// keepGen[t] == gen, with keepSet and keepCut their lengths and
	// keepWork the set's work (one unit per node and arc of the set).
	pool, spare []int32
	keep        []int32
	keepSet     []int32
	keepCut     []int32
	keepWork    []int
	keepGen     []uint32
	gen         uint32
	// The reduced costs a pop from a kept state changed, before the
	// change (arc, old cost), to replay the pop from scratch.
	logArc []int32
	logOld []float64
}

// DualBound returns a lower bound on the weight of every Steiner tree of
// g spanning terminals, by Wong's dual ascent rooted at the first distinct
// terminal (see DualAscentWork). Terminals in different components:
// ErrDisconnected. It uses s's buffers (it is not safe for concurrent use
// with another call on s) and allocates only when g is larger than any
// graph s has seen.
func (s *Steiner) DualBound(g *Graph, terminals []int32) (float64, error) {
	if err := g.check(); err != nil {
		return 0, err
	}
	n := g.NumNodes()
	for i, t := range terminals {
		if t < 0 || int(t) >= n {
			return 0, fmt.Errorf("%w: terminal %d is node %d, outside 0..%d", ErrBadGraph, i, t, n-1)
		}
	}
	return s.dualBound(g, terminals, max(dualAscentMinWork, DualAscentWork*(n+2*g.NumEdges())))
}

// dualBound is DualBound within budget units of work, on checked input.
func (s *Steiner) dualBound(g *Graph, terminals []int32, budget int) (float64, error) {
	n := g.NumNodes()
	d := &s.da
	d.reserve(n, len(g.Adj))
	clear(d.active[:n])
	root := int32(-1)
	k := 0
	for _, t := range terminals {
		if t == root || d.active[t] {
			continue
		}
		if root < 0 {
			root = t
			continue
		}
		d.active[t] = true
		k++
	}
	if k == 0 {
		return 0, nil
	}
	lb, err := d.run(g, root, terminals, budget)
	clear(d.active[:n])
	return lb, err
}

func (d *dualAscent) reserve(n, arcs int) {
	d.rc = growFloat(d.rc, arcs)
	if cap(d.mark) < n {
		d.mark = make([]uint32, n)
		d.stamp = 0
	}
	d.mark = d.mark[:n]
	d.active = growBool(d.active, n)
	if cap(d.set) < n {
		d.set = make([]int32, 0, n)
	}
	if cap(d.fresh) < n {
		d.fresh = make([]int32, 0, n)
	}
	if cap(d.cut) < arcs {
		d.cut = make([]int32, 0, arcs)
	}
	d.heap.reserve(n)
	if c := 2 * (n + arcs); cap(d.pool) < c {
		d.pool = make([]int32, 0, c)
		d.spare = make([]int32, 0, c)
	}
	if cap(d.keep) < n {
		d.keep = make([]int32, n)
		d.keepSet = make([]int32, n)
		d.keepCut = make([]int32, n)
		d.keepWork = make([]int, n)
		d.keepGen = make([]uint32, n)
		d.gen = 0
	}
	d.keep, d.keepSet, d.keepCut = d.keep[:n], d.keepSet[:n], d.keepCut[:n]
	d.keepWork, d.keepGen = d.keepWork[:n], d.keepGen[:n]
}

// dropKept forgets every kept state.
func (d *dualAscent) dropKept() {
	d.pool = d.pool[:0]
	d.gen++
	if d.gen == 0 {
		clear(d.keepGen)
		d.gen = 1
	}
}

// saveKept keeps t's set and cut in the pool, first compacting the pool
// to the states of the terminals in the queue when it is full, and
// keeping nothing when they do not fit.
func (d *dualAscent) saveKept(t int32, set, cut []int32, work int) {
	need := len(set) + len(cut)
	if len(d.pool)+need > cap(d.pool) {
		b := d.spare[:0]
		for _, x := range d.heap.items {
			v := int32(uint32(x))
			if d.keepGen[v] != d.gen {
				continue
			}
			off, l := d.keep[v], d.keepSet[v]+d.keepCut[v]
			if len(b)+int(l) > cap(b) {
				d.keepGen[v] = d.gen - 1
				continue
			}
			d.keep[v] = int32(len(b))
			b = append(b, d.pool[off:off+l]...)
		}
		d.pool, d.spare = b, d.pool[:0]
		if len(d.pool)+need > cap(d.pool) {
			return
		}
	}
	d.keep[t] = int32(len(d.pool))
	d.keepSet[t], d.keepCut[t], d.keepWork[t] = int32(len(set)), int32(len(cut)), work
	d.keepGen[t] = d.gen
	d.pool = append(d.pool, set...)
	d.pool = append(d.pool, cut...)
}

// nextStamp returns a fresh stamp for d.mark, clearing the marks when the
// counter wraps.
func (d *dualAscent) nextStamp() uint32 {
	d.stamp++
	if d.stamp == 0 {
		clear(d.mark)
		d.stamp = 1
	}
	return d.stamp
}

func (d *dualAscent) run(g *Graph, root int32, terminals []int32, budget int) (float64, error) {
	// The arc into v at adjacency index i comes from Adj[i] and costs
	// the edge's weight: AdjWeight is already in that order.
	copy(d.rc, g.AdjWeight)
	h := &d.heap
	h.items = h.items[:0]
	for _, t := range terminals {
		if d.active[t] && !h.has(t) {
			h.push(t, int32(g.Offsets[t+1]-g.Offsets[t]))
		}
	}
	d.dropKept()
	var lb float64
	work := 0
	for len(h.items) > 0 && work < budget {
		t := h.pop()
		lb0, work0 := lb, work
		var stop, replay bool
		var err error
		lb, work, stop, replay, err = d.pop(g, root, t, lb, work, budget, true)
		if replay {
			// The pop met the root or an active terminal while
			// growing a kept W(t): the work the search from scratch
			// counts then depends on its order, so the pop runs
			// again from scratch on the reduced costs it started
			// from, which gives the same costs and bound and that
			// count.
			rc := d.rc
			for j := len(d.logArc) - 1; j >= 0; j-- {
				rc[d.logArc[j]] = d.logOld[j]
			}
			lb, work, stop, _, err = d.pop(g, root, t, lb0, work0, budget, false)
		}
		if err != nil {
			return lb, err
		}
		if stop {
			d.active[t] = false
		}
	}
	return lb, nil
}

// pop takes terminal t from the queue: it raises y(W(t)) while t's cut
// stays the smallest and the work within budget, and puts t back in the
// queue or reports stop (W(t) met the root or an active terminal). With
// kept, it starts from the W(t) and cut t had at its last pop, when they
// are kept, and logs the reduced costs it changes; if it then meets the
// root or an active terminal in a search it returns at once with replay
// set (the caller restores the costs and pops t again without kept). Its
// work is that of a search of W(t) from scratch: with no stop, one unit
// per node and arc of the set whatever the order of the search.
func (d *dualAscent) pop(g *Graph, root, t int32, lb float64, work, budget int, kept bool) (float64, int, bool, bool, error) {
	h := &d.heap
	rc, adj, mark := d.rc[:len(g.Adj)], g.Adj, d.mark
	st := d.nextStamp()
	var stop bool
	var setWork, scan int // one unit per node of W(t) and per arc into it
	set := d.set[:0]
	logging := false
	swept, first := false, 0.0 // d.cut swept already, to least reduced cost first
	if kept && d.keepGen[t] == d.gen {
		// W(t) and its cut at t's last pop: the arcs of the cut that
		// are saturated now bring their tails in.
		logging = true
		d.logArc, d.logOld = d.logArc[:0], d.logOld[:0]
		off, ls, lc := d.keep[t], d.keepSet[t], d.keepCut[t]
		d.keepGen[t] = d.gen - 1
		set = append(set, d.pool[off:off+ls]...)
		for _, v := range set {
			mark[v] = st
		}
		var cut []int32
		var least float64
		var met bool
		set, cut, least, met = regrow(d.pool[off+ls:off+ls+lc], set, d.cut[:0], adj, mark, rc, d.active, root, st)
		if met {
			d.set, d.cut = set, cut
			return lb, work, true, true, nil
		}
		setWork = d.keepWork[t]
		if len(set) == int(ls) {
			// No arc of the cut was saturated meanwhile: the
			// search adds nothing, and the first sweep of the
			// cut would find cut and least again.
			d.cut, swept, first = cut, true, least
		} else {
			set, d.cut, stop, scan = d.extend(g, root, set, int(ls), st, cut)
			if stop {
				d.set = set
				return lb, work, true, true, nil
			}
		}
		work += setWork + scan
		setWork += scan
	} else {
		// W(t): the nodes that reach t over saturated arcs, and the
		// arcs that may enter it (the unsaturated arcs into it from
		// nodes outside it when they were scanned).
		set = append(set, t)
		mark[t] = st
		set, d.cut, stop, scan = d.extend(g, root, set, 0, st, d.cut[:0])
		work += scan
		setWork += scan
	}
	logged := 0 // with logging: d.cut[:logged] are in the log
	for !stop {
		// The arcs entering W(t): their smallest reduced cost and
		// count. d.cut holds them, in the order of their heads in
		// set and of their adjacency indices, and the arcs whose
		// tails joined W(t) since, which are dropped here.
		prior, k, delta := 0, len(d.cut), first // prior: the arcs left of d.cut[:logged]
		if swept {
			swept = false
		} else {
			prior, delta = sweepCut(d.cut, 0, 0, logged, adj, mark, rc, st, math.Inf(1))
			k, delta = sweepCut(d.cut, prior, logged, len(d.cut), adj, mark, rc, st, delta)
		}
		cut := d.cut[:k]
		d.cut = cut
		work += setWork
		if len(cut) == 0 {
			d.set = set
			return lb, work, false, false, ErrDisconnected
		}
		if len(h.items) > 0 && int32(len(cut)) > h.minKey() || work >= budget {
			// Another terminal's cut is smaller now: t waits its
			// turn at its true size (its set grows from what it
			// is, as others may have changed the costs).
			h.push(t, int32(len(cut)))
			if work < budget {
				d.saveKept(t, set, cut, setWork)
			}
			break
		}
		lb += delta
		// Raise y(W(t)) by delta. The tails of the arcs it saturates
		// join W(t), which is then grown from them alone: nothing
		// else changed since W(t) was searched.
		fresh := d.fresh[:0]
		if logging {
			// Each arc once, at the first raise that lowers it in
			// this pop (cut[:prior] were logged at an earlier one,
			// and the arcs join the cut once): its cost before
			// the pop.
			d.logArc = append(d.logArc, cut[prior:]...)
			for _, i := range cut[prior:] {
				d.logOld = append(d.logOld, rc[i])
			}
			logged = len(cut)
		}
		fresh = lower(cut, adj, rc, delta, fresh)
		work += setWork
		d.fresh = fresh
		from := len(set)
		for _, u := range fresh {
			if u == root || d.active[u] {
				stop = true
				break
			}
			if mark[u] != st {
				mark[u] = st
				set = append(set, u)
			}
		}
		if !stop {
			set, d.cut, stop, scan = d.extend(g, root, set, from, st, d.cut)
			if stop && logging {
				d.set = set
				return lb, work, true, true, nil
			}
			work += scan
			setWork += scan
		}
	}
	d.set = set
	return lb, work, stop, false, nil
}

// regrow sorts the arcs of kcut, the cut a kept W(t) had, for the set
// now (its nodes marked st): an arc whose tail is outside the set goes to
// cut while its reduced cost is positive and brings its tail into set
// (marked) at zero. It returns set, cut, the least reduced cost in cut,
// and whether such a tail is the root or an active terminal (it stops
// there). set and cut grow in place (reserve gave them room).
//
//go:noinline
func regrow(kcut, set, cut, adj []int32, mark []uint32, rc []float64, active []bool, root int32, st uint32) ([]int32, []int32, float64, bool) {
	rc = rc[:len(adj)]
	sb, ns := set[:cap(set)], len(set)
	cb, nc := cut[:cap(cut)], len(cut)
	least := math.Inf(1)
	for _, i := range kcut {
		u := adj[i]
		if mark[u] == st {
			continue
		}
		if r := rc[i]; r != 0 {
			least = min(least, r)
			cb[nc] = i
			nc++
			continue
		}
		if u == root || active[u] {
			return sb[:ns], cb[:nc], least, true
		}
		mark[u] = st
		sb[ns] = u
		ns++
	}
	return sb[:ns], cb[:nc], least, false
}

// sweepCut moves to cut[k:], in order, the arcs of cut[from:to] (from
// >= k) whose tails are not marked st, and returns the new k and the
// least of delta and their reduced costs. Its loop and lower's are
// functions of their own, not inlined, so that their few values stay in
// registers (in pop they were reloaded from the stack at every arc).
//
//go:noinline
func sweepCut(cut []int32, k, from, to int, adj []int32, mark []uint32, rc []float64, st uint32, delta float64) (int, float64) {
	rc = rc[:len(adj)]
	for _, i := range cut[from:to] {
		if mark[adj[i]] != st {
			delta = min(delta, rc[i])
			cut[k] = i
			k++
		}
	}
	return k, delta
}

// lower lowers the reduced cost of every arc of cut by delta and appends
// to fresh the tails of the arcs it saturates.
//
//go:noinline
func lower(cut, adj []int32, rc []float64, delta float64, fresh []int32) []int32 {
	rc = rc[:len(adj)]
	for _, i := range cut {
		// x > delta implies x - delta > 0 in IEEE arithmetic, and
		// x == delta gives exactly 0: reduced costs stay non-negative
		// and the minimum saturates.
		r := rc[i] - delta
		rc[i] = r
		if r == 0 {
			fresh = append(fresh, adj[i])
		}
	}
	return fresh
}

// extend grows set, the nodes marked st, by every node that reaches one of
// set[from:] over arcs of reduced cost zero, and reports whether it met
// the root or an active terminal (the set's terminal is then done or
// waits). It appends to cut the unsaturated arcs into the nodes it scans
// from unmarked tails, in the order it scans them, and returns set, cut
// and its work, one unit per node it scanned in full and per arc of such
// a node.
func (d *dualAscent) extend(g *Graph, root int32, set []int32, from int, st uint32, cut []int32) ([]int32, []int32, bool, int) {
	off, adj, mark, active := g.Offsets, g.Adj, d.mark, d.active
	rc := d.rc[:len(adj)]
	// set and cut grow in place: reserve gave them room for every node
	// and every arc (a pop puts a node in set once, and an arc in cut
	// once, when it scans the arc's head).
	sb, ns := set[:cap(set)], len(set)
	cb, nc := cut[:cap(cut)], len(cut)
	work := 0
	for j := from; j < ns; j++ {
		v := sb[j]
		lo, hi := off[v], off[v+1]
		for k := lo; k < hi; k++ {
			u := adj[k]
			if mark[u] == st {
				continue
			}
			if rc[k] != 0 {
				cb[nc] = k
				nc++
				continue
			}
			if u == root || active[u] {
				return sb[:ns], cb[:nc], true, work
			}
			mark[u] = st
			sb[ns] = u
			ns++
		}
		work += int(hi-lo) + 1
	}
	return sb[:ns], cb[:nc], false, work
}

// cutHeap is a binary min-heap of terminals keyed by cut size, ties by
// node id (so the order is reproducible). An item is the key in the high
// 32 bits above the node, so one integer comparison orders two items.
type cutHeap struct {
	items []uint64
	in    []bool // per node: in the heap
}

func (h *cutHeap) reserve(n int) {
	if cap(h.items) < n {
		h.items = make([]uint64, 0, n)
	}
	h.in = growBool(h.in, n)
	clear(h.in)
}

func (h *cutHeap) has(v int32) bool { return h.in[v] }

// minKey returns the key of the heap's first item.
func (h *cutHeap) minKey() int32 { return int32(h.items[0] >> 32) }

func (h *cutHeap) push(v, key int32) {
	x := uint64(uint32(key))<<32 | uint64(uint32(v))
	h.in[v] = true
	items := append(h.items, x)
	j := len(items) - 1
	for j > 0 {
		p := (j - 1) / 2
		if items[p] <= x {
			break
		}
		items[j] = items[p]
		j = p
	}
	items[j] = x
	h.items = items
}

func (h *cutHeap) pop() int32 {
	items := h.items
	v := int32(uint32(items[0]))
	last := len(items) - 1
	x := items[last]
	items = items[:last]
	h.items = items
	h.in[v] = false
	if last == 0 {
		return v
	}
	// Floyd's pop: the hole at the root goes down to a leaf along the
	// smaller children (one comparison a level, without a branch), then
	// x, the last item, which mostly belongs near the leaves, climbs
	// from there. No two items are equal, so the heap pops in the same
	// order as with the usual sift-down.
	j := 0
	for {
		l := 2*j + 1
		if l >= last {
			break
		}
		c := l
		if r := l + 1; r < last {
			c += b2i(items[r] < items[l])
		}
		items[j] = items[c]
		j = c
	}
	for j > 0 {
		p := (j - 1) / 2
		if items[p] <= x {
			break
		}
		items[j] = items[p]
		j = p
	}
	items[j] = x
	return v
}

// ascentPenalty is the factor ascentWeights puts on the edges the dual
// ascent left unsaturated. On SteinLib C (benchmarks/README.md, "Quality:
// SteinLib B and C") factors 2 to 10 gave the same trees (c19 148 instead
// of 150, c20 268 instead of 267, mean gap of B and C 0.130 % instead of
// 0.156 %); 100 lost c19's gain.
const ascentPenalty = 2

// ascentWeights writes to pw (one weight per edge of g) the weights of a
// restart guided by the last DualBound on g (Polzin and Daneshmand's and
// SCIP-Jack's "ascend and prune" idea, as a weighting): an edge with an
// arc of reduced cost zero, one the ascent saturated, keeps its weight;
// every other edge weighs ascentPenalty times its weight. The saturated
// arcs join every terminal to the root, so Mehlhorn's tree on these
// weights runs along them where it can, a start unlike the perturbed
// ones. It must follow DualBound on the same g.
func (s *Steiner) ascentWeights(g *Graph, pw []float64) {
	rc := s.da.rc
	for e, w := range g.Weight {
		pw[e] = ascentPenalty * w
	}
	for i, e := range g.AdjEdge {
		if rc[i] == 0 {
			pw[e] = g.Weight[e]
		}
	}
}
