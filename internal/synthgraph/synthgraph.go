package synthgraph

import (
	"math"
	"math/rand/v2"

	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// Block is the grid spacing in metres, about one urban street block.
const Block = 60.0

// Params describes one street-like graph.
type Params struct {
	Nodes     int     // grid points generated; the result keeps its largest component
	Terminals int     // distinct terminals drawn from the kept nodes (capped at their count)
	Remove    float64 // fraction of grid edges removed, 0..0.4 keeps the grid well connected
	Jitter    float64 // node displacement as a fraction of Block
	Seed      uint64
}

// Street returns the usual street-like parameters for a graph of about
// nodes nodes with terminals terminals: 20 % of edges removed, nodes
// displaced by up to 35 % of a block.
func Street(nodes, terminals int, seed uint64) Params {
	return Params{Nodes: nodes, Terminals: terminals, Remove: 0.2, Jitter: 0.35, Seed: seed}
}

// Generate builds the graph: a near-square grid of p.Nodes points spaced
// Block metres apart, each moved by up to p.Jitter*Block in x and y, joined
// to its right and lower neighbours except for a random p.Remove of those
// edges. Only the largest connected component is kept (renumbered), so
// the graph has somewhat fewer than p.Nodes nodes and every terminal set
// drawn from it is connected. Edge weights are Euclidean lengths in metres.
func Generate(p Params) (*warmtenet.Graph, []int32) {
	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed))
	side := max(1, int(math.Ceil(math.Sqrt(float64(p.Nodes)))))
	n := p.Nodes
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i] = (float64(i%side) + p.Jitter*(2*rng.Float64()-1)) * Block
		ys[i] = (float64(i/side) + p.Jitter*(2*rng.Float64()-1)) * Block
	}
	var us, vs []int32
	add := func(a, b int) {
		if rng.Float64() >= p.Remove {
			us, vs = append(us, int32(a)), append(vs, int32(b))
		}
	}
	for i := range n {
		if i%side+1 < side && i+1 < n {
			add(i, i+1)
		}
		if i+side < n {
			add(i, i+side)
		}
	}
	// Keep the largest component.
	uf := make([]int32, n)
	for i := range uf {
		uf[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for uf[x] != x {
			uf[x] = uf[uf[x]]
			x = uf[x]
		}
		return x
	}
	for e := range us {
		a, b := find(us[e]), find(vs[e])
		if a != b {
			uf[a] = b
		}
	}
	size := make([]int32, n)
	best := int32(0)
	for i := range n {
		r := find(int32(i))
		size[r]++
		if size[r] > size[best] {
			best = r
		}
	}
	id := make([]int32, n)
	kept := 0
	for i := range n {
		if find(int32(i)) == best {
			id[i] = int32(kept)
			kept++
		} else {
			id[i] = -1
		}
	}
	var u, v []int32
	var w []float64
	for e := range us {
		a, b := us[e], vs[e]
		if id[a] < 0 {
			continue
		}
		u, v = append(u, id[a]), append(v, id[b])
		w = append(w, math.Hypot(xs[a]-xs[b], ys[a]-ys[b]))
	}
	g, err := warmtenet.NewGraph(kept, u, v, w)
	if err != nil {
		panic("synthgraph: " + err.Error()) // a bug in this generator
	}
	k := min(p.Terminals, kept)
	terms := make([]int32, 0, k)
	for _, x := range rng.Perm(kept)[:k] {
		terms = append(terms, int32(x))
	}
	return g, terms
}
