package warmtenet

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ErrDisconnected reports terminals that no tree can span because they lie
// in different components of the graph.
var ErrDisconnected = errors.New("warmtenet: terminals in different components")

// Steiner holds the buffers of the Steiner heuristic; reuse it across solves.
// Not safe for concurrent use; one per goroutine. The zero value is ready to
// use.
type Steiner struct {
	// NoLocalSearch stops Tree after Mehlhorn's tree and pruning (for
	// comparisons and the fastest answer).
	NoLocalSearch bool
	// MaxWork bounds the improvement phase (Voronoi passes, local search
	// and restarts) in heap pops plus arcs scanned plus tree steps; one
	// Dijkstra pass is about n + 2m. Zero means DefaultWork; FastWork
	// buys one Voronoi pass (about 3 Dijkstra passes in all). The phase
	// also stops when a pass finds no improvement. DefaultWork caps
	// the budget of large graphs by time (DefaultCapWork: a
	// 150,000-node street graph within 0.5 s on one core).
	MaxWork int
	// NoBound skips the lower bound (DualBound) that Tree otherwise
	// computes before its search; LowerBound and Gap are then NaN.
	NoBound bool
	// GapTarget stops the improvement phase once the tree weighs at most
	// 1 + GapTarget times the lower bound; 0 means DefaultGapTarget.
	GapTarget float64
	// NoReduce skips the reductions (reduce.go) that Tree otherwise
	// applies before its search, and the exact solve of a reduced
	// instance with few terminals.
	NoReduce bool
	// Start, when not empty, warm-starts Tree from the edges of g of an
	// earlier tree (the previous round of a re-priced routing, or a
	// network routed over the same streets at other prices): the first
	// tree is Mehlhorn's construction on weights where these edges weigh
	// startDiscount of their weight, so it follows them wherever they
	// span the terminals and takes the shortest paths elsewhere; the local
	// search then runs on the true weights, and Tree does not restart
	// (but see startRestarts, which Route sets for Options.StartFrom).
	// The lower bound, the gap target and the exact solve of a small
	// reduced instance are as without Start. Start is a hint: any edges
	// will do, a tree is not required. Tree does not keep it.
	Start []int32

	// Reduction describes the reductions of the last Tree.
	Reduction Reduction

	// LowerBound and Gap certify the last tree Tree returned: no Steiner
	// tree of the instance weighs less than LowerBound (Wong's dual
	// ascent, dualascent.go), and the tree weighs (1 + Gap) times
	// LowerBound at most, so it is within Gap of the optimum. Gap is 0
	// when the tree's weight equals the bound (a zero-weight tree
	// included) and NaN with NoBound.
	LowerBound, Gap float64

	sp    ShortestPaths
	split splitSearch // Mehlhorn's search on two cores (split.go)
	bound asyncBound  // the lower bound on two cores (startBound)

	isTerm []bool     // per node: a terminal of the current solve
	terms  []int32    // the distinct terminals
	inTree []bool     // per edge: in the current tree (or path union)
	deg    []int32    // per node: degree in the current tree
	uf     []int32    // union-find parents, per node
	cand   []candEdge // the local search's boundary edges (keypath.go)
	keys   []uint64   // candidate keys (candKey): Mehlhorn's boundary edges, a Voronoi pass's boundary paths and moves
	keyTmp []uint64   // sortKeys' scratch
	runTmp []candEdge // sortKeys' runs of equal high bits
	edges  []int32    // edges of the current tree (or path union)
	stack  []int32
	best   []int32   // edges of the best tree so far
	pw     []float64 // perturbed weights, per edge
	padj   []float64 // the same per arc (AdjWeight)
	rng    rand.PCG
	rand   *rand.Rand // over rng

	ls        localSearch
	vp        vpass
	da        dualAscent
	red       reducer
	rcf       rcFix
	inner     *Steiner // the solve on the graph reduced-cost fixing leaves (rcfix.go)
	noFix     bool     // an inner solve: no fixing of its own
	ex        exactDP
	redTree   []int32 // the tree of the reduced instance
	noVoronoi bool    // tests and experiments: keypath.go's moves only
	spTerms   bool    // s.sp holds Mehlhorn's run from the terminals on the current weights
	vUnique   bool    // s.sp holds the unique shortest-path forest of the previous Voronoi pass's tree nodes on the current weights (voronoi.go)
	vAdded    bool    // s.sp holds the previous Voronoi pass's labels from Add (addEnds) on the current weights, not yet tested by sp.unique
	fresh     bool    // solve allocated the buffers of mehlhorn's search and tree (reserve)
	warm      bool    // s.pw holds the guide weights of Start for the graph solve is given
	inStart   []bool  // per edge of Tree's g: in Start
	// noSeedArcs (tests): reconnect runs radiusSearch on small trees too,
	// not fullSearch (keypath.go)
	noSeedArcs bool
	// noFailTest (tests): reconnect runs fullSearch on every move of a
	// small tree, without the fail test (failtest.go)
	noFailTest bool
	// startRestarts: with Start, how many stalled random restarts a warm
	// tree not within the gap target gets (solve); 0 none.
	startRestarts int
}

// startDiscount is the factor on the weight of Start's edges in the
// guide weights of a warm start: a path along them is taken unless one
// off them is 100 times lighter.
const startDiscount = 0.01

// candEdge is an edge with a sort key.
type candEdge struct {
	w float64
	e int32
}

func compareCand(a, b candEdge) int {
	switch {
	case a.w < b.w:
		return -1
	case a.w > b.w:
		return 1
	}
	return cmp.Compare(a.e, b.e)
}

// NewSteiner returns a Steiner with empty buffers.
func NewSteiner() *Steiner { return &Steiner{} }

// Tree appends to dst the ids of the edges of a Steiner tree of g spanning
// terminals and returns it with its total weight. Terminals in different
// components: ErrDisconnected. Zero or one distinct terminal gives an empty
// tree of weight 0; duplicate terminals count once.
//
// Unless NoReduce is set, the instance is first reduced (reduce.go: tests
// that delete edges no optimal tree needs and contract edges one
// contains; Reduction tells by how much) and the search runs on the
// reduced instance, whose tree is mapped back to g's edges; a reduced
// instance with few terminals is solved exactly (ExactTree, within
// exactMaxCost), and its tree is optimal (Gap 0). The budget is that of g.
//
// The tree is built by Mehlhorn's 2-approximation (one multi-source
// Dijkstra from the terminals, a minimum spanning tree of the Voronoi
// boundary edges, its paths expanded), then passes of key-path exchange
// over the Voronoi regions of the tree's nodes (voronoi.go), then a local
// search of key-vertex elimination, key-path exchange and key-vertex
// insertion (the minimum spanning tree of the subgraph induced by the
// tree's nodes and one more node, pruned of non-terminal leaves), with
// restarts on perturbed weights while the work budget allows (keypath.go,
// MaxWork). Mehlhorn's steps take O(m log m) time at worst and close to
// O(m) on street graphs (ShortestPaths.Run); the improvement phase is
// bounded by work. Tree keeps neither g nor terminals. Its buffers are
// sized for g's nodes and edges on the first solve on a graph that size,
// those of a Voronoi pass for its tree (with a quarter to spare), and
// those of the phases a solve does not reach (the local search's moves,
// the pass's repair searches) when one first does; a few (heap buckets,
// the insertion's edge lists) grow by doubling when an input needs more
// room than any before, so a solve on a new input allocates rarely and a
// repeated one never. The count does not grow with the number of
// Dijkstra relaxations. A first FastWork solve of a 45,000-node street
// graph allocates 4.9 MB in 29 allocations (benchmarks/README.md,
// "networkx comparison").
func (s *Steiner) Tree(dst []int32, g *Graph, terminals []int32) ([]int32, float64, error) {
	if err := g.check(); err != nil {
		return dst, 0, err
	}
	n, m := g.NumNodes(), g.NumEdges()
	for i, t := range terminals {
		if t < 0 || int(t) >= n {
			return dst, 0, fmt.Errorf("%w: terminal %d is node %d, outside 0..%d", ErrBadGraph, i, t, n-1)
		}
	}
	s.Reduction = Reduction{}
	budget := s.MaxWork
	if budget <= 0 {
		budget = DefaultWork(n, m)
	}
	s.warm = false
	if len(s.Start) > 0 {
		s.inStart = growBool(s.inStart, m)
		clear(s.inStart)
		for _, e := range s.Start {
			if e < 0 || int(e) >= m {
				return dst, 0, fmt.Errorf("%w: start edge %d outside 0..%d", ErrBadGraph, e, m-1)
			}
			s.inStart[e] = true
		}
	}
	if s.NoReduce || len(terminals) <= 1 {
		if len(s.Start) > 0 {
			s.pw = growFloat(s.pw, m)
			for e := range g.Weight {
				s.pw[e] = s.guideWeight(g, int32(e))
			}
			s.warm = true
		}
		return s.solve(dst, g, terminals, budget)
	}
	r := &s.red
	r.reduce(g, terminals, &s.Reduction)
	if len(s.Start) > 0 {
		s.startGuide(g)
	}
	if len(r.origTer) <= 1 {
		s.LowerBound, s.Gap = 0, 0
		return dst, 0, nil
	}
	var err error
	rg := &r.g
	k := len(r.terms)
	if cost, table := exactCost(k, rg.NumNodes(), rg.NumEdges()); k > 1 && cost <= exactMaxCost && table <= exactMaxTable {
		s.Reduction.Exact = true
		s.redTree, _, err = s.ex.solve(s.redTree[:0], rg, r.terms, true)
	} else {
		// The gap target applies to the reduced instance: stricter than
		// in the original one, where tree and bound both grow by the
		// contracted weight. Applying it in the original (adding that
		// weight on both sides) halved the Delft street graph's solve
		// but made the demo's sized network 3 % dearer (benchmarks/README.md,
		// "warmtenet: reductions before the search").
		var wr float64
		s.redTree, wr, err = s.solve(s.redTree[:0], rg, r.terms, budget)
		if err == nil && !s.NoBound && !s.NoLocalSearch && !s.noFix && !s.closeEnough(wr) {
			err = s.fixAndSolve(rg, wr, budget)
		}
	}
	if err != nil {
		return dst, 0, err
	}
	lb := s.LowerBound + r.fixedW
	dst, w := s.mapBack(dst, g)
	s.LowerBound = lb
	if s.Reduction.Exact {
		s.LowerBound = w // optimal: the bound is the tree
	}
	s.certify(w)
	return dst, w, nil
}

// startGuide leaves in s.pw the guide weights of a warm start on the
// reduced instance (s.red.g): a reduced edge weighs the sum over the
// original edges it stands for of their weight, times startDiscount for
// those in Start.
func (s *Steiner) startGuide(g *Graph) {
	r := &s.red
	rm := r.g.NumEdges()
	s.pw = growFloat(s.pw, rm)
	exp := s.stack[:0]
	for re, we := range r.edgeOf {
		exp = r.expandEdge(exp[:0], we)
		w := 0.0
		for _, e := range exp {
			w += s.guideWeight(g, e)
		}
		s.pw[re] = w
	}
	s.stack = exp[:0]
	s.warm = true
}

// guideWeight is edge e's weight in the guide weights of a warm start:
// its weight in g, times startDiscount when it is in Start.
func (s *Steiner) guideWeight(g *Graph, e int32) float64 {
	if s.inStart[e] {
		return g.Weight[e] * startDiscount
	}
	return g.Weight[e]
}

// Limits of the exact solve of a reduced instance inside Tree: at most
// exactMaxCost units of exactCost (about 30-60 ms) and a table of
// exactMaxTable entries (16 bytes each with the tree's back pointers).
const (
	exactMaxCost  = 30_000_000
	exactMaxTable = 1 << 20
)

// mapBack appends to dst the original edges of the reduced tree in
// s.redTree and the contracted edges, pruned of non-terminal leaves, and
// returns them with their weight in g.
func (s *Steiner) mapBack(dst []int32, g *Graph) ([]int32, float64) {
	r := &s.red
	n, m := g.NumNodes(), g.NumEdges()
	s.isTerm = growBool(s.isTerm, n)
	s.deg = growInt32(s.deg, n)
	s.inTree = growBool(s.inTree, m)
	clear(s.inTree) // the reduced solve can leave its tree marked (NoLocalSearch)
	clear(s.isTerm)
	for _, t := range r.origTer {
		s.isTerm[t] = true
	}
	edges := s.edges[:0]
	for _, e := range s.redTree {
		edges = r.expandEdge(edges, r.edgeOf[e])
	}
	for _, e := range r.fixed {
		edges = r.expandEdge(edges, e)
	}
	for _, e := range edges {
		s.inTree[e] = true
		s.deg[g.EdgeU[e]], s.deg[g.EdgeV[e]] = 0, 0
	}
	for _, e := range edges {
		s.deg[g.EdgeU[e]]++
		s.deg[g.EdgeV[e]]++
	}
	s.stack = pruneLeaves(g, edges, s.inTree, s.deg, s.isTerm, s.stack)
	var w float64
	for _, e := range edges {
		if s.inTree[e] {
			dst = append(dst, e)
			w += g.Weight[e]
			s.inTree[e] = false
		}
	}
	for _, e := range edges {
		s.inTree[e] = false
		s.deg[g.EdgeU[e]], s.deg[g.EdgeV[e]] = 0, 0
	}
	s.edges = edges[:0]
	for _, t := range r.origTer {
		s.isTerm[t] = false
	}
	return dst, w
}

// solve is Tree without the reductions, within budget units of work.
func (s *Steiner) solve(dst []int32, g *Graph, terminals []int32, budget int) ([]int32, float64, error) {
	n, m := g.NumNodes(), g.NumEdges()
	s.isTerm = growBool(s.isTerm, n)
	s.deg = growInt32(s.deg, n+1) // n+1: a Voronoi pass keeps offsets in it (treeAdjacency)
	s.uf = growInt32(s.uf, n)
	s.inTree = growBool(s.inTree, m)
	clear(s.isTerm)
	clear(s.deg)
	clear(s.inTree)
	if n > helperMinTree {
		startHelper() // for Mehlhorn's split search (split.go) and the Voronoi pass's tree walk (voronoi.go)
	}
	s.fresh = s.reserve(n, m, len(terminals))
	s.terms = reserveCap(s.terms, len(terminals), n)
	for _, t := range terminals {
		if !s.isTerm[t] {
			s.isTerm[t] = true
			s.terms = append(s.terms, t)
		}
	}
	s.LowerBound, s.Gap = math.NaN(), math.NaN()
	warm := s.warm
	s.warm = false
	if len(s.terms) <= 1 {
		s.LowerBound, s.Gap = 0, 0
		return dst, 0, nil
	}
	// On a large graph the lower bound is computed on the helper's core
	// while Mehlhorn's tree and the first pass are (startBound); nothing
	// reads it before the first pass ends (awaitBound).
	s.bound.err = nil // an earlier solve's, left when it returned before its local search
	async := !s.NoBound && !s.NoLocalSearch && n >= boundAsyncMinNodes && s.startBound(g)
	if async {
		defer s.awaitBound()
	}
	if warm {
		// Mehlhorn's tree on the guide weights of Start (Tree); the
		// search below runs on the true ones.
		s.padj = growFloat(s.padj, len(g.Adj))
		gp := *g
		gp.Weight, gp.AdjWeight = s.pw[:m], s.padj
		gp.fillAdjWeight()
		if err := s.mehlhorn(&gp); err != nil {
			return dst, 0, err
		}
		s.spTerms = false
	} else if err := s.mehlhorn(g); err != nil {
		return dst, 0, err
	}
	if !s.NoBound && !async {
		lb, err := s.DualBound(g, s.terms)
		if err != nil {
			return dst, 0, err
		}
		s.LowerBound = lb
	}
	s.prune(g)
	if s.NoLocalSearch {
		w := s.weight(g)
		s.certify(w)
		return append(dst, s.edges...), w, nil
	}
	s.ls.work = 0
	s.ls.budget = budget
	s.localSearch(g)
	if err := s.bound.err; err != nil {
		s.bound.err = nil
		return dst, 0, err
	}
	best := s.weight(g)
	// The best tree is in s.edges until a restart, which copies it to
	// s.best first (a FastWork solve does not restart).
	restarted := false

	staleLimit := maxStaleRestarts
	if warm {
		// A warm start does not restart when its tree is certified
		// within the gap target or startRestarts is 0 (its tree comes
		// from an earlier solve that did); otherwise it restarts until
		// startRestarts random restarts in a row found nothing lighter.
		if s.startRestarts <= 0 || s.closeEnough(best) {
			dst = append(dst, s.edges...)
			s.clearTree(g)
			s.certify(best)
			return dst, best, nil
		}
		staleLimit = s.startRestarts
	}

	// Restarts on perturbed weights while the work budget allows.
	s.rng.Seed(uint64(n), uint64(len(s.terms)))
	if s.rand == nil {
		s.rand = rand.New(&s.rng)
	}
	rng := s.rand
	restartCost := restartWork * (n + 2*m)
	stale := 0
	for restart := range maxRestarts {
		if s.ls.work+restartCost > s.ls.budget || stale >= staleLimit || s.closeEnough(best) {
			break
		}
		if !restarted {
			s.best = append(reserveCap(s.best, n, n), s.edges...)
			restarted = true
		}
		s.clearTree(g)
		s.pw = growFloat(s.pw, m)
		if restart == 0 && !s.NoBound {
			s.ascentWeights(g, s.pw) // the first restart: dualascent.go
		} else {
			for e, w := range g.Weight {
				s.pw[e] = w * (1 + perturbation*rng.Float64())
			}
		}
		s.padj = growFloat(s.padj, len(g.Adj))
		gp := *g
		gp.Weight, gp.AdjWeight = s.pw, s.padj
		gp.fillAdjWeight()
		s.mehlhorn(&gp) // connected: the first solve succeeded
		s.ls.work += n + 2*m
		s.prune(&gp)
		s.localSearch(&gp)
		s.localSearch(g)
		if w := s.weight(g); w < best-1e-9*math.Max(1, best) {
			best = w
			s.best = append(s.best[:0], s.edges...)
			stale = 0
		} else if restart > 0 || s.NoBound {
			stale++ // the stall count is over the random restarts
		}
	}
	if restarted {
		dst = append(dst, s.best...)
	} else {
		dst = append(dst, s.edges...)
	}
	s.clearTree(g)
	s.certify(best)
	return dst, best, nil
}

// DefaultGapTarget is the gap to the lower bound below which Tree stops
// improving a tree (Steiner.GapTarget): 0.2 %. A tree certified that close
// to the bound is within 0.2 % of the optimum in the weights it was
// solved on; searching on buys at most that. Measured on the Delft demo
// and a 10,000-pand synthetic batch (benchmarks/README.md, "warmtenet:
// the quality budget"): 0.5 % halves the batch's CPU but the demo's
// network, once sized, cost 3 % more; 0.2 % keeps the demo's network as
// cheap as a 0.1 % target does.
const DefaultGapTarget = 0.002

// closeEnough reports whether a tree of weight w is within the gap target
// of the lower bound.
func (s *Steiner) closeEnough(w float64) bool {
	if math.IsNaN(s.LowerBound) {
		return false
	}
	target := s.GapTarget
	if target <= 0 {
		target = DefaultGapTarget
	}
	return w <= s.LowerBound*(1+target)
}

// certify sets Gap for a tree of weight w.
func (s *Steiner) certify(w float64) {
	switch {
	case math.IsNaN(s.LowerBound):
		s.Gap = math.NaN()
	case w <= s.LowerBound:
		s.Gap = 0
	default:
		s.Gap = (w - s.LowerBound) / s.LowerBound // +Inf when the bound is 0
	}
}

// localSearch improves the tree in s.edges: Voronoi key-path exchange
// passes (voronoi.go) while they improve it, then keypath.go's moves, all
// within the work budget.
//
// It stops as soon as the tree is certified within the gap target of the
// lower bound (closeEnough; on perturbed weights the tree weighs at least
// its true weight, so the test stays safe there).
func (s *Steiner) localSearch(g *Graph) {
	s.vUnique, s.vAdded = false, false
	defer func() { s.vUnique, s.vAdded = false, false }()
	for !s.noVoronoi && s.ls.work < s.ls.budget && s.voronoiPass(g) {
		s.awaitBound()
		if !math.IsNaN(s.LowerBound) && s.closeEnough(s.weight(g)) {
			s.spTerms = false
			return
		}
	}
	s.awaitBound()
	s.spTerms = false
	if s.ls.work < s.ls.budget && !s.closeEnough(s.weight(g)) {
		s.improve(g)
	}
}

// Restarts: after the first local search, Tree solves again from
// Mehlhorn's tree on other weights: the first restart on the dual
// ascent's guide (ascentWeights: edges the bound saturated at their
// weight, the others at ascentPenalty times theirs; skipped with
// NoBound), the others on weights multiplied by 1 + perturbation*U[0,1), runs
// the local search on those weights and then on the true ones, and keeps
// the best tree. It restarts while a restart, counted as restartWork
// times n + 2m, fits the work budget (at most maxRestarts times), so large
// graphs get none. The random stream is seeded from the instance
// size: answers are reproducible.
//
// The stop rule on stalled restarts: Tree stops restarting after
// maxStaleRestarts restarts in a row that found no lighter tree. Measured
// on the 217 full-budget solves of a 20,000-pand synthetic batch
// (buurt-sized graphs of 200-750 nodes after the reductions, where the
// gap target is seldom reached and the restarts were 97 % of the
// solver's work), every improvement came within 11 restarts of the last
// one and all but five within 7; 8 halves the restarts' work for trees
// 0.0018 % heavier on average (0.032 % at worst, 15 of 217 solves), where
// 16 spent twice the work for none. The first restart (on the dual
// ascent's weights, not random ones) does not count as stalled: on
// SteinLib c09 the random restart after it that finds a lighter tree is
// the eighth without one. SteinLib B and C are unchanged by the rule
// (their solves end on the budget first). benchmarks/README.md, "batch:
// a synthetic country".
const (
	maxRestarts      = 64
	maxStaleRestarts = 8
	restartWork      = 6
	perturbation     = 0.3
)

// reserve gives the edge and node lists the capacity a solve on n nodes
// and m edges from k terminals can need, so that a first solve allocates
// a fixed number of times, not once per doubling, and sizes Mehlhorn's
// search (ShortestPaths.grow); it reports whether it allocated any of
// these. The local search's lists, which a FastWork solve seldom
// reaches, are reserved when it starts (localSearch.reserve); a Voronoi
// pass sizes its own (vpass.grow).
func (s *Steiner) reserve(n, m, k int) bool {
	fresh := cap(s.keys) < m || cap(s.edges) < n
	if cap(s.keys) < m {
		s.keys = make([]uint64, 0, m)
	}
	if cap(s.keyTmp) < m {
		s.keyTmp = make([]uint64, m) // sortKeys's scratch, for m keys at most
	}
	s.edges = reserveCap(s.edges, n, n)
	s.stack = reserveCap(s.stack, n, n)
	s.sp.heap.reserve(n + 2*m)
	if n >= splitMinNodes && helperStarted.Load() && s.split.q.grow(n, k) {
		fresh = true // the second half's queue (split.go); none without the helper
	}
	return s.sp.grow(n, k) || fresh
}

// reserveCap returns s emptied, with room for need items: a new array
// for need + need/4 of them (at most limit, at least need) when s has
// less, so that a slightly larger input later fits too.
func reserveCap[T any](s []T, need, limit int) []T {
	if cap(s) < need {
		return make([]T, 0, max(need, min(limit, need+need/4)))
	}
	return s[:0]
}

// weight returns the weight of the tree in s.edges.
func (s *Steiner) weight(g *Graph) float64 {
	var w float64
	for _, e := range s.edges {
		w += g.Weight[e]
	}
	return w
}

// clearTree empties the tree in s.edges, s.inTree and s.deg.
func (s *Steiner) clearTree(g *Graph) {
	for _, e := range s.edges {
		s.inTree[e] = false
		s.deg[g.EdgeU[e]] = 0
		s.deg[g.EdgeV[e]] = 0
	}
	s.edges = s.edges[:0]
}

// mehlhorn leaves in s.edges (and s.inTree, and s.deg, which must be
// zero at its start) the union of the shortest paths that join the
// terminals along a minimum spanning tree of Mehlhorn's distance network.
// The expanded paths need no spanning-tree step: the used part of each
// terminal's shortest-path tree is a tree, and the boundary edges join
// those trees along a spanning tree of the regions, so their union is
// already a tree whose leaves are terminals. (The minimum spanning tree
// of the subgraph induced by the tree's nodes, which can be cheaper, is
// part of the local search: key-vertex insertion.)
func (s *Steiner) mehlhorn(g *Graph) error {
	sp := &s.sp
	// sp.Run(g, s.terms), on two cores when it can (split.go); on a first
	// solve (reserve) the pages of the buffers filled after the search
	// are mapped in on another core while it runs (prefault.go): the
	// candidate keys and their sort's scratch (half of m: 33 % of the
	// edges are boundary edges on the 45,000-node grid) and the tree's
	// edges.
	var pf []pages
	if s.fresh {
		s.fresh = false
		m := g.NumEdges()
		pf = []pages{pagesOf(s.keys, m/2), pagesOf(s.keyTmp, m/2), pagesOf(s.edges, g.NumNodes())}
	}
	s.runTerms(g, pf)
	dist, src := sp.Dist, sp.Source
	// The boundary edges, without a branch per edge: every edge is
	// written and the count advances for those between two regions.
	// The keys (candKey) are 8 bytes; the weight of a boundary edge is
	// recomputed where the sort needs it in full.
	keys := s.keys[:g.NumEdges()]
	j := 0
	for e, u := range g.EdgeU {
		v := g.EdgeV[e]
		su, sv := src[u], src[v]
		keys[j] = candKey(dist[u]+g.Weight[e]+dist[v], int32(e))
		j += b2i(su != sv) & b2i(su|sv >= 0)
	}
	s.keys = keys[:j]
	sorted := sortKeys(s.keys, &s.keyTmp, &s.runTmp, func(e int32) float64 {
		return dist[g.EdgeU[e]] + g.Weight[e] + dist[g.EdgeV[e]]
	})
	uf := s.uf
	for _, t := range s.terms {
		uf[t] = t
	}
	joins := 0
	s.edges = s.edges[:0]
	for _, k := range sorted {
		e := keyIndex(k)
		u, v := g.EdgeU[e], g.EdgeV[e]
		ru, rv := find(uf, src[u]), find(uf, src[v])
		if ru == rv {
			continue
		}
		uf[ru] = rv
		s.addEdge(e, u, v)
		s.climb(g, u)
		s.climb(g, v)
		joins++
		if joins == len(s.terms)-1 {
			break
		}
	}
	if joins < len(s.terms)-1 {
		s.clearTree(g)
		return ErrDisconnected
	}
	s.spTerms = true
	return nil
}

// climb adds the shortest-path-forest edges from v up to its source, stopping
// at the first edge already added (everything above it is added too).
func (s *Steiner) climb(g *Graph, v int32) {
	pred := s.sp.PredEdge
	for {
		e := pred[v]
		if e < 0 || s.inTree[e] {
			return
		}
		u := g.EdgeU[e] ^ g.EdgeV[e] ^ v // g.Other without a branch
		s.addEdge(e, v, u)
		v = u
	}
}

// addEdge puts edge e, joining u and v, in the tree.
func (s *Steiner) addEdge(e, u, v int32) {
	s.inTree[e] = true
	s.deg[u]++
	s.deg[v]++
	s.edges = append(s.edges, e)
}

// prune removes non-terminal leaves from the tree in s.edges until none
// is left, keeping s.inTree and s.deg in step.
func (s *Steiner) prune(g *Graph) {
	s.stack = pruneLeaves(g, s.edges, s.inTree, s.deg, s.isTerm, s.stack)
	s.edges = slices.DeleteFunc(s.edges, func(e int32) bool { return !s.inTree[e] })
}

// pruneLeaves removes non-terminal leaves from the forest of the edges
// with in[e] set, repeatedly, until every leaf is a terminal: it clears
// in[e] of each removed edge and keeps deg (degree per node in the forest)
// in step. edges lists the forest's edges (it is not changed); stack is a
// reusable buffer, returned for the next call. O(len(edges) + sum of the
// degrees in g of the removed leaves).
func pruneLeaves(g *Graph, edges []int32, in []bool, deg []int32, isTerm []bool, stack []int32) []int32 {
	stack = stack[:0]
	for _, e := range edges {
		for _, v := range [2]int32{g.EdgeU[e], g.EdgeV[e]} {
			if deg[v] == 1 && !isTerm[v] {
				stack = append(stack, v)
			}
		}
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if deg[v] != 1 {
			continue
		}
		for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
			e := g.AdjEdge[i]
			if !in[e] {
				continue
			}
			in[e] = false
			deg[v]--
			u := g.Adj[i]
			deg[u]--
			if deg[u] == 1 && !isTerm[u] {
				stack = append(stack, u)
			}
			break
		}
	}
	return stack
}

// b2i returns 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// find returns the root of x in the union-find forest uf, halving paths.
func find(uf []int32, x int32) int32 {
	for uf[x] != x {
		uf[x] = uf[uf[x]]
		x = uf[x]
	}
	return x
}

// boundAsyncMinNodes is the least number of nodes for which the lower
// bound of a solve with the local search goes to the helper goroutine:
// at 16,384 nodes the dual ascent takes milliseconds, the hand-over up to
// 50 us.
const boundAsyncMinNodes = 16384

// asyncBound is the state of a lower bound the helper computes.
type asyncBound struct {
	job     helperJob
	g       *Graph
	lb      float64
	err     error
	pending bool // handed over and not yet awaited
	handed  int  // tests: bounds handed over
}

// startBound hands DualBound(g, s.terms) to the helper goroutine
// (helper.go) when it waits for a job, and reports whether it did. The
// bound uses only s.da, g and s.terms, which the solve does not change
// until awaitBound; its result is the one the solve would have computed
// itself, so the tree and the bound stay as without. The helper is then
// busy for Mehlhorn's split search and the first pass's jobs, which the
// solve runs itself (the dual ascent is the longer work: about a quarter
// of a default solve at 150,000 nodes, against a tenth for Mehlhorn's
// tree).
func (s *Steiner) startBound(g *Graph) bool {
	b := &s.bound
	if b.job.fn == nil {
		b.job.fn = func() { b.lb, b.err = s.DualBound(b.g, s.terms) }
	}
	b.g = g
	if !handOff(&b.job) {
		b.g = nil
		return false
	}
	b.pending = true
	b.handed++
	return true
}

// awaitBound waits for the bound startBound handed over, if any, and
// sets s.LowerBound from it (an error stays in s.bound.err for solve).
// Every read of the bound in a solve comes after it.
func (s *Steiner) awaitBound() {
	b := &s.bound
	if !b.pending {
		return
	}
	b.pending = false
	finish(&b.job)
	b.g = nil
	if b.err == nil {
		s.LowerBound = b.lb
	}
}
