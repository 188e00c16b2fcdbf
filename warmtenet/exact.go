package warmtenet

import (
	"errors"
	"fmt"
	"math"
	"slices"
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
	var x exactDP
	_, w, err := x.solve(nil, g, terminals, false)
	return w, err
}

// ExactTree is ExactWeight that also appends to dst the edges of a
// minimum Steiner tree and returns them: the same programme, which keeps
// per subset and node how its value was reached (twice ExactWeight's
// memory), then walks back from the root. It is safe for concurrent use.
func ExactTree(dst []int32, g *Graph, terminals []int32) ([]int32, float64, error) {
	var x exactDP
	return x.solve(dst, g, terminals, true)
}

// exactDP holds the tables of the dynamic programme, reused across
// solves by Steiner (the reduced instances with few terminals).
type exactDP struct {
	dp    []float64 // dp[mask*n+v]: the cheapest tree spanning the terminals in mask and v
	pred  []int32   // with tree: the edge that last lowered dp by a relaxation, -1 for none
	split []int32   // with tree: the submask whose merge gave dp before the relaxation
	ts    []int32
	seen  []bool
	h     nodeHeap
	stack []exactItem
	inT   []bool  // per edge: in the walked-back union
	union []int32 // its edges
	uf    []int32
	deg   []int32 // per node: degree in the union's spanning tree
	prune []int32 // pruneLeaves' stack
}

type exactItem struct{ mask, v int32 }

// exactCost is the work of the programme on k terminals, n nodes and m
// edges, in the units of the table: 3^(k-1) n for the merges plus
// 2^(k-1) (n + 2m) for the relaxations.
func exactCost(k, n, m int) (cost, table int) {
	if k <= 1 {
		return 0, 0
	}
	if k > MaxExactTerminals {
		return math.MaxInt, math.MaxInt
	}
	p3 := 1
	for range k - 1 {
		p3 *= 3
	}
	table = (1 << (k - 1)) * n
	return p3*n + (1<<(k-1))*(n+2*m), table
}

func (x *exactDP) solve(dst []int32, g *Graph, terminals []int32, tree bool) ([]int32, float64, error) {
	if err := g.check(); err != nil {
		return dst, 0, err
	}
	n := g.NumNodes()
	x.seen = growBool(x.seen, n)
	clear(x.seen)
	ts := x.ts[:0]
	for i, t := range terminals {
		if t < 0 || int(t) >= n {
			return dst, 0, fmt.Errorf("%w: terminal %d is node %d, outside 0..%d", ErrBadGraph, i, t, n-1)
		}
		if !x.seen[t] {
			x.seen[t] = true
			ts = append(ts, t)
		}
	}
	x.ts = ts
	k := len(ts)
	if k <= 1 {
		return dst, 0, nil
	}
	q := k - 1 // subsets of all terminals but the last, which is the root
	if k > MaxExactTerminals || (1<<q)*n > MaxExactTable {
		return dst, 0, fmt.Errorf("%w: %d terminals on %d nodes", ErrTooLarge, k, n)
	}
	inf := math.Inf(1)
	size := (1 << q) * n
	x.dp = growFloat(x.dp, size)
	dp := x.dp
	for i := range dp {
		dp[i] = inf
	}
	var pred, split []int32
	if tree {
		x.pred = growInt32(x.pred, size)
		x.split = growInt32(x.split, size)
		pred, split = x.pred, x.split
		for i := range pred {
			pred[i] = -1
		}
		clear(split)
	}
	h := &x.h
	h.reset(n)
	for mask := 1; mask < 1<<q; mask++ {
		row := dp[mask*n : (mask+1)*n]
		var prow, srow []int32
		if tree {
			prow, srow = pred[mask*n:(mask+1)*n], split[mask*n:(mask+1)*n]
		}
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
				if tree {
					for v := range row {
						if s := a[v] + b[v]; s < row[v] {
							row[v] = s
							srow[v] = int32(sub)
						}
					}
					continue
				}
				for v := range row {
					if s := a[v] + b[v]; s < row[v] {
						row[v] = s
					}
				}
			}
		}
		relax(g, h, row, prow)
	}
	full := (1 << q) - 1
	opt := dp[full*n+int(ts[q])]
	if math.IsInf(opt, 1) {
		return dst, 0, ErrDisconnected
	}
	if !tree {
		return dst, opt, nil
	}
	return x.walkBack(dst, g, int32(full), ts[q]), opt, nil
}

// walkBack appends to dst a minimum Steiner tree from the tables: the
// union of the edges that built dp[full][root] (connected, spanning the
// terminals, and no heavier than the optimum, so optimal), cut to a
// spanning tree and pruned of non-terminal leaves (only zero-weight
// edges can go).
func (x *exactDP) walkBack(dst []int32, g *Graph, full, root int32) []int32 {
	n := int32(g.NumNodes())
	m := g.NumEdges()
	x.inT = growBool(x.inT, m)
	clear(x.inT)
	union := x.union[:0]
	stack := append(x.stack[:0], exactItem{full, root})
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		mask, v := it.mask, it.v
		for {
			i := mask*n + v
			if e := x.pred[i]; e >= 0 {
				if !x.inT[e] {
					x.inT[e] = true
					union = append(union, e)
				}
				v = g.Other(e, v)
				continue
			}
			if mask&(mask-1) == 0 {
				break // v is the terminal of the singleton
			}
			sub := x.split[i]
			stack = append(stack, exactItem{sub, v})
			mask ^= sub
		}
	}
	x.stack = stack
	// A spanning tree of the union (it may close zero-weight cycles).
	x.uf = growInt32(x.uf, int(n))
	for _, e := range union {
		x.uf[g.EdgeU[e]], x.uf[g.EdgeV[e]] = g.EdgeU[e], g.EdgeV[e]
	}
	kept := union[:0]
	for _, e := range union {
		ru, rv := find(x.uf, g.EdgeU[e]), find(x.uf, g.EdgeV[e])
		if ru == rv {
			x.inT[e] = false
			continue
		}
		x.uf[ru] = rv
		kept = append(kept, e)
	}
	x.deg = growInt32(x.deg, int(n))
	for _, e := range kept {
		x.deg[g.EdgeU[e]], x.deg[g.EdgeV[e]] = 0, 0
	}
	for _, e := range kept {
		x.deg[g.EdgeU[e]]++
		x.deg[g.EdgeV[e]]++
	}
	x.prune = pruneLeaves(g, kept, x.inT, x.deg, x.seen, x.prune)
	kept = slices.DeleteFunc(kept, func(e int32) bool { return !x.inT[e] })
	x.union = kept
	return append(dst, kept...)
}

// relax lowers every dist[v] to min over u of dist[u] + d(u, v): a
// Dijkstra that starts from every node at its current value.
//
// With pred non-nil, pred[u] becomes the edge over which dist[u] was last
// lowered.
func relax(g *Graph, h *nodeHeap, dist []float64, pred []int32) {
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
				if pred != nil {
					pred[u] = g.AdjEdge[i]
				}
			}
		}
	}
}
