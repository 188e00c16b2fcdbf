package warmtenet

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Source is a heat source feeding the network.
type Source struct {
	Name       string
	Point      orb.Point // EPSG:28992
	CapacityKW float64   // thermal capacity, kW; 0 when not limited
	// SupplyC and ReturnC are the source's design temperatures, C; 0 takes
	// the network's (Options.SupplyC, ReturnC).
	SupplyC, ReturnC float64
}

// medianCandidates is how many street nodes near the demand-weighted
// geometric median chooseSource evaluates exactly on the network.
const medianCandidates = 16

// chooseSource picks a street node that minimises the demand-weighted
// network distance to the attached buildings: the best of the
// medianCandidates street nodes nearest to the demand-weighted geometric
// median of the buildings (Weiszfeld's iteration), then a descent to
// neighbouring street nodes while the sum falls (a local minimum; the
// exact 1-median would need one Dijkstra per node). Each evaluated node
// costs one Dijkstra on lengths, O((n + m) log n). It returns the node and
// a sentence saying how it was chosen. weight[i] is the demand of
// attachment i (leaf[i]); streetNode[v] marks nodes on streets.
func chooseSource(nw *network, g *Graph, leaf []int32, weight []float64, streetNode []bool, what string) (int32, string) {
	var sx, sy, sw float64
	for i, l := range leaf {
		p := nw.nodes[l]
		sx, sy, sw = sx+weight[i]*p[0], sy+weight[i]*p[1], sw+weight[i]
	}
	med := orb.Point{sx / sw, sy / sw}
	for range 50 { // Weiszfeld
		var nx, ny, nd float64
		for i, l := range leaf {
			d := dist(nw.nodes[l], med)
			if d < 1e-9 {
				continue
			}
			nx += weight[i] * nw.nodes[l][0] / d
			ny += weight[i] * nw.nodes[l][1] / d
			nd += weight[i] / d
		}
		if nd == 0 {
			break
		}
		next := orb.Point{nx / nd, ny / nd}
		done := dist(next, med) < 0.01
		med = next
		if done {
			break
		}
	}
	// The medianCandidates street nodes nearest med, nearest first (ties
	// by node index): insertion into a short sorted list, each node's
	// distance computed once.
	type near struct {
		d float64
		v int32
	}
	less := func(a, b near) bool { return a.d < b.d || (a.d == b.d && a.v < b.v) }
	top := make([]near, 0, medianCandidates)
	for v, ok := range streetNode {
		if !ok {
			continue
		}
		x := near{dist(nw.nodes[v], med), int32(v)}
		if len(top) == medianCandidates {
			if !less(x, top[len(top)-1]) {
				continue
			}
			top = top[:len(top)-1]
		}
		i := len(top)
		top = append(top, x)
		for ; i > 0 && less(x, top[i-1]); i-- {
			top[i] = top[i-1]
		}
		top[i] = x
	}
	cand := make([]int32, len(top))
	for i, x := range top {
		cand[i] = x.v
	}
	var sp ShortestPaths
	nodeW := make([]float64, g.NumNodes()) // per node: the weight of the leaves there
	need := make([]bool, g.NumNodes())     // per node: a leaf is there
	nNeed := 0
	for i, l := range leaf {
		nodeW[l] += weight[i]
		if !need[l] {
			need[l] = true
			nNeed++
		}
	}
	// Twice the total edge length bounds every shortest-path distance
	// (runBounded's maxDist).
	var maxDist float64
	for _, w := range g.Weight {
		maxDist += w
	}
	maxDist *= 2
	seen := map[int32]float64{}
	best, bestSum := int32(-1), math.Inf(1)
	// cost is the weighted distance sum from c, or +Inf when its search
	// proved it above bestSum (so that c cannot be chosen: bestSum only
	// falls).
	cost := func(c int32) float64 {
		if s, ok := seen[c]; ok {
			return s
		}
		s := math.Inf(1)
		if sp.runBounded(g, c, nodeW, sw, bestSum, need, nNeed, maxDist) {
			s = 0
			for i, l := range leaf {
				s += weight[i] * sp.Dist[l]
			}
		}
		seen[c] = s
		return s
	}
	for _, c := range cand {
		if s := cost(c); s < bestSum {
			best, bestSum = c, s
		}
	}
	// Descend: move to a neighbouring street node while that lowers the
	// sum (a local minimum of the demand-weighted distance).
	moves := 0
	for improved := true; improved && moves < maxSourceMoves; {
		improved = false
		for k := g.Offsets[best]; k < g.Offsets[best+1]; k++ {
			u := g.Adj[k]
			if !streetNode[u] {
				continue
			}
			if s := cost(u); s < bestSum {
				best, bestSum, improved = u, s, true
				moves++
				break
			}
		}
	}
	p := nw.nodes[best]
	return best, fmt.Sprintf("no source given: placed at the street node (%.1f, %.1f) that minimises the %s-weighted network distance to the %d connected buildings (best of the %d street nodes nearest the weighted geometric median (%.1f, %.1f), then %d move(s) to a better neighbour; %d nodes evaluated; weighted mean distance %.0f m)",
		p[0], p[1], what, len(leaf), len(cand), med[0], med[1], moves, len(seen), bestSum/sw)
}

// maxSourceMoves caps the descent of chooseSource.
const maxSourceMoves = 200

// runBounded is Run from the single source c that stops early once the
// search proves that the sum over nodes v of nodeW[v] x dist(c, v) (total
// weight totalW) exceeds bound: Dijkstra pops nodes in order of distance,
// so when it pops a node at distance d every node not yet popped lies at
// d or beyond, and the settled nodes' weighted distances plus d times the
// weight not yet settled is a lower bound on the sum. It reports whether
// the search would have run to the end without exceeding the bound; then
// sp.Dist holds Run's distance of every node marked in need (nNeed nodes
// marked), the others may be left unsettled. The bound is applied with a
// relative margin of 1e-9, so that a rounding error in the running sums
// never stops a search whose exact sum is below bound.
//
// Once every needed node is settled the search stops, when no later pop
// could exceed the bound: the weight not yet settled (a rounding residue
// of totalW less the settled weight, usually 0) times maxDist, an upper
// bound on every distance (twice the graph's total edge length), keeps the
// sum within it. The answer is then the one a search to the end gives:
// the later pops only test the bound, at distances up to maxDist.
func (sp *ShortestPaths) runBounded(g *Graph, c int32, nodeW []float64, totalW, bound float64, need []bool, nNeed int, maxDist float64) bool {
	h := sp.start(g, 1)
	dist, src, pred := sp.Dist, sp.Source, sp.PredEdge
	dist[c], src[c] = 0, c
	h.push(c, 0)
	limit := bound * (1 + 1e-9)
	var settledW, settledS float64
	off, adj, adjEdge, w := g.Offsets, g.Adj, g.AdjEdge, g.AdjWeight
	for h.size() > 0 {
		v, d := h.pop()
		if d > dist[v] {
			continue // stale entry
		}
		if x := nodeW[v]; x > 0 {
			settledW += x
			settledS += x * d
		}
		if settledS+max(0, totalW-settledW)*d > limit {
			return false
		}
		if need[v] {
			if nNeed--; nNeed == 0 && !(settledS+max(0, totalW-settledW)*maxDist > limit) {
				return true
			}
		}
		for i := off[v]; i < off[v+1]; i++ {
			u := adj[i]
			nd := d + w[i]
			if nd < dist[u] {
				h.push(u, nd)
				dist[u] = nd
				src[u] = c
				pred[u] = adjEdge[i]
			}
		}
	}
	return true
}
