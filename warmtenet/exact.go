package warmtenet

import (
	"errors"
	"fmt"
	"math"
)

// ErrTooLarge reports a problem beyond the exact solver's limits.
var ErrTooLarge = errors.New("warmtenet: instance too large for the exact solver")

// Limits of ExactWeight: at most MaxExactTerminals distinct terminals and a
// table of at most MaxExactTable entries (2^(k-1) times the node count).
const (
	MaxExactTerminals = 20
	MaxExactTable     = 1 << 26
)

// ExactWeight returns the weight of a minimum Steiner tree of g spanning
// terminals, by the Dreyfus-Wagner dynamic programme in the form of
// Erickson, Monma and Veinott: for every subset S of the terminals but one
// and every node v, the cheapest tree spanning S and v. It takes
// O(3^k n + 2^k m log n) time and 2^k n memory for k distinct terminals,
// so it is meant for tests and small instances (k up to about 14 on a
// graph of a few hundred nodes). Beyond MaxExactTerminals or MaxExactTable
// it returns ErrTooLarge; terminals in different components give
// ErrDisconnected. It is safe for concurrent use.
func ExactWeight(g *Graph, terminals []int32) (float64, error) {
	if err := g.check(); err != nil {
		return 0, err
	}
	n := g.NumNodes()
	seen := make(map[int32]bool, len(terminals))
	var ts []int32
	for i, t := range terminals {
		if t < 0 || int(t) >= n {
			return 0, fmt.Errorf("%w: terminal %d is node %d, outside 0..%d", ErrBadGraph, i, t, n-1)
		}
		if !seen[t] {
			seen[t] = true
			ts = append(ts, t)
		}
	}
	k := len(ts)
	if k <= 1 {
		return 0, nil
	}
	q := k - 1 // subsets of all terminals but the last, which is the root
	if k > MaxExactTerminals || (1<<q)*n > MaxExactTable {
		return 0, fmt.Errorf("%w: %d terminals on %d nodes", ErrTooLarge, k, n)
	}
	inf := math.Inf(1)
	dp := make([]float64, (1<<q)*n)
	for i := range dp {
		dp[i] = inf
	}
	var h nodeHeap
	h.reset(n)
	for mask := 1; mask < 1<<q; mask++ {
		row := dp[mask*n : (mask+1)*n]
		if mask&(mask-1) == 0 {
			i := 0
			for 1<<i != mask {
				i++
			}
			row[ts[i]] = 0
		} else {
			low := mask & -mask
			for sub := (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask {
				if sub&low == 0 {
					continue
				}
				a, b := dp[sub*n:(sub+1)*n], dp[(mask^sub)*n:(mask^sub+1)*n]
				for v := range row {
					if x := a[v] + b[v]; x < row[v] {
						row[v] = x
					}
				}
			}
		}
		relax(g, &h, row)
	}
	opt := dp[((1<<q)-1)*n+int(ts[q])]
	if math.IsInf(opt, 1) {
		return 0, ErrDisconnected
	}
	return opt, nil
}

// relax lowers every dist[v] to min over u of dist[u] + d(u, v): a
// Dijkstra that starts from every node at its current value.
func relax(g *Graph, h *nodeHeap, dist []float64) {
	for v, d := range dist {
		if !math.IsInf(d, 1) {
			h.push(int32(v), d)
		}
	}
	for len(h.items) > 0 {
		v, d := h.pop()
		if d > dist[v] {
			continue
		}
		for i := g.Offsets[v]; i < g.Offsets[v+1]; i++ {
			u := g.Adj[i]
			nd := d + g.AdjWeight[i]
			if nd < dist[u] {
				if h.pos[u] >= 0 {
					h.decrease(u, nd)
				} else {
					h.push(u, nd)
				}
				dist[u] = nd
			}
		}
	}
}
