package warmtenet

import (
	"cmp"
	"slices"

	"github.com/paulmach/orb"
)

// DefaultMaxServiceDistanceM is the default largest distance, in metres,
// from a building's point to the street it connects to. 100 m covers deep
// plots and courtyard blocks; a building farther from every street is
// reported unreachable with its distance rather than joined by a long
// private pipe. (Project choice, not from a published source; set
// Options.MaxServiceDistanceM to change it.)
const DefaultMaxServiceDistanceM = 100.0

// edgeKind says what an edge of the routing network is.
type edgeKind uint8

const (
	kindStreet  edgeKind = iota // a street piece (trench)
	kindService                 // a building's service pipe
	kindSource                  // a source's connection to the street (trench)
	kindVirtual                 // zero-weight link from the super root to a source
	// kindExisting is existing pipe off the streets (offstreet.go): a
	// piece of it, or its link to the street.
	kindExisting
)

// network is the routing graph: the street graph with edges split at the
// attachment points, plus one leaf node and one edge per attached building
// and source. Flat slices indexed by node or edge.
type network struct {
	nodes  []orb.Point
	eu, ev []int32
	length []float64        // m
	lines  []orb.LineString // edge geometry from eu to ev
	kind   []edgeKind
	class  []string // road class of street edges
	ref    []int32  // building index (service), source index (source), street edge (street), pipe index (existing)
	leaf   []int32  // per attachment: its leaf node
}

// attachment joins a point (a building, a source, or a node of existing
// pipe off the streets) to a street edge.
type attachment struct {
	p    orb.Point // the building or source point
	hit  StreetHit // where it meets the street
	kind edgeKind  // kindService, kindSource or kindExisting
	ref  int32     // building, source or existing-pipe index
}

// splitTolM: attachment points closer than this (m) along an edge share a
// split node; closer than this to an edge end they use the end node.
const splitTolM = 1e-3

// attach builds the routing network from the street edges that keep
// accepts: every edge that carries attachments is split at their points
// (sorted along the edge; points that coincide share a node), and each
// attachment gets a new leaf node linked to its split node by an edge of
// its service length. Buildings are therefore always leaves. A node of
// existing pipe (kindExisting) within splitTolM of its split node is that
// node, without a link. O((m + a) log a) for m edges and a attachments.
func attach(sg *StreetGraph, keep []bool, atts []attachment) *network {
	nw := &network{nodes: slices.Clone(sg.Nodes)}
	byEdge := make(map[int32][]int, len(atts))
	for i, a := range atts {
		byEdge[a.hit.Edge] = append(byEdge[a.hit.Edge], i)
	}
	splitNode := make([]int32, len(atts))
	g := sg.Graph
	add := func(u, v int32, ls orb.LineString, l float64, k edgeKind, cls string, ref int32) {
		// Pin the geometry to the node points (merged split points may lie
		// up to splitTolM away).
		ls = slices.Clone(ls)
		ls[0], ls[len(ls)-1] = nw.nodes[u], nw.nodes[v]
		nw.eu, nw.ev = append(nw.eu, u), append(nw.ev, v)
		nw.length = append(nw.length, l)
		nw.lines = append(nw.lines, ls)
		nw.kind = append(nw.kind, k)
		nw.class = append(nw.class, cls)
		nw.ref = append(nw.ref, ref)
	}
	for e := range g.EdgeU {
		if !keep[e] {
			continue
		}
		u, v, l, ls := g.EdgeU[e], g.EdgeV[e], g.Weight[e], sg.Lines[e]
		list := byEdge[int32(e)]
		if len(list) == 0 {
			add(u, v, ls, l, kindStreet, sg.Class[e], int32(e))
			continue
		}
		slices.SortFunc(list, func(a, b int) int {
			return cmp.Or(cmp.Compare(atts[a].hit.AlongM, atts[b].hit.AlongM), cmp.Compare(a, b))
		})
		prevNode, prevAt := u, 0.0
		for _, i := range list {
			at := min(max(atts[i].hit.AlongM, 0), l)
			switch {
			case at <= splitTolM:
				splitNode[i] = u
			case at >= l-splitTolM:
				splitNode[i] = v
			case at-prevAt <= splitTolM && prevNode != u:
				splitNode[i] = prevNode
			default:
				m := int32(len(nw.nodes))
				nw.nodes = append(nw.nodes, atts[i].hit.Point)
				add(prevNode, m, subLine(ls, prevAt, at), at-prevAt, kindStreet, sg.Class[e], int32(e))
				prevNode, prevAt = m, at
				splitNode[i] = m
			}
		}
		add(prevNode, v, subLine(ls, prevAt, l), l-prevAt, kindStreet, sg.Class[e], int32(e))
	}
	nw.leaf = make([]int32, len(atts))
	for i, a := range atts {
		if a.kind == kindExisting && dist(nw.nodes[splitNode[i]], a.p) <= splitTolM {
			nw.leaf[i] = splitNode[i]
			continue
		}
		leaf := int32(len(nw.nodes))
		nw.nodes = append(nw.nodes, a.p)
		nw.leaf[i] = leaf
		add(splitNode[i], leaf, orb.LineString{nw.nodes[splitNode[i]], a.p}, dist(nw.nodes[splitNode[i]], a.p), a.kind, "", a.ref)
	}
	return nw
}

// graph returns the network as a Graph weighted by w (one weight per edge).
func (nw *network) graph(w []float64) (*Graph, error) {
	return NewGraph(len(nw.nodes), nw.eu, nw.ev, w)
}
