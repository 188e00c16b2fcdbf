package warmtenet

import (
	"strings"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// RulesUse says what the street rules (Options.StreetRules) did to the
// street graph.
type RulesUse struct {
	// ForbiddenEdges street-graph edges, ForbiddenM metres, were removed
	// before routing; PreferredEdges / PreferredM had their routing weight
	// scaled by a preference factor.
	ForbiddenEdges int
	ForbiddenM     float64
	PreferredEdges int
	PreferredM     float64
	// Unmatched are the indexes (into Options.StreetRules) of the rules
	// that matched no street edge: a misspelt name, a zone off the map.
	Unmatched []int
}

// zoneMajority is the share of an edge's length that must lie along a
// rule's line or polygon (within the zone buffer) for the rule to apply
// to the edge: the larger part, so that a crossing street that only
// touches a forbidden square at its end is not forbidden with it.
const zoneMajority = 0.5

// applyStreetRules matches the rules to the edges of sg (by street name,
// case ignored, or street id, or by lying along the rule's geometry for
// more than zoneMajority of their length: within buf metres of a line,
// inside a polygon), removes the
// forbidden edges (and the nodes left without an edge) and returns the
// graph that remains, the routing-weight factor of each of its edges
// (the product of the preference factors that apply; 1 for none) and
// what was done. With no rules it returns sg itself and nil factors.
// O(edges + rules + shared length / coverStepM).
func applyStreetRules(sg *StreetGraph, streets []geodata.Street, rules []geodata.StreetRule, buf float64) (*StreetGraph, []float64, RulesUse) {
	var use RulesUse
	if len(rules) == 0 {
		return sg, nil, use
	}
	byName := map[string][]int{}
	byID := map[string][]int{}
	var zoneRule []int
	var zoneGeom []orb.Geometry
	for i, r := range rules {
		if r.Geometry != nil {
			zoneRule = append(zoneRule, i)
			zoneGeom = append(zoneGeom, r.Geometry)
		}
		if r.Street != "" {
			byName[strings.ToLower(strings.TrimSpace(r.Street))] = append(byName[strings.ToLower(strings.TrimSpace(r.Street))], i)
			byID[r.Street] = append(byID[r.Street], i)
		}
	}
	m := len(sg.Lines)
	var zs *zones
	if len(zoneGeom) > 0 && m > 0 {
		b := sg.Lines[0].Bound()
		for _, ls := range sg.Lines[1:] {
			b = b.Union(ls.Bound())
		}
		zs = newZones(zoneGeom, buf, b, false)
	}
	matched := make([]bool, len(rules))
	drop := make([]bool, m)
	factor := make([]float64, m)
	anyDrop := false
	for e := 0; e < m; e++ {
		factor[e] = 1
		var hits []int
		st := streets[sg.Street[e]]
		if st.Name != "" {
			hits = append(hits, byName[strings.ToLower(strings.TrimSpace(st.Name))]...)
		}
		if st.ID != "" {
			hits = append(hits, byID[st.ID]...)
		}
		if zs != nil {
			for k, ri := range zoneRule {
				if zoneCovers(zs, int32(k), sg.Lines[e], sg.Graph.Weight[e]) {
					hits = append(hits, ri)
				}
			}
		}
		seen := map[int]bool{}
		for _, ri := range hits {
			if seen[ri] {
				continue
			}
			seen[ri] = true
			matched[ri] = true
			switch rules[ri].Kind {
			case geodata.RuleForbidden:
				drop[e] = true
			case geodata.RulePreferred:
				factor[e] *= rules[ri].Factor
			}
		}
		l := sg.Graph.Weight[e]
		switch {
		case drop[e]:
			anyDrop = true
			use.ForbiddenEdges++
			use.ForbiddenM += l
		case factor[e] != 1:
			use.PreferredEdges++
			use.PreferredM += l
		}
	}
	for i, ok := range matched {
		if !ok {
			use.Unmatched = append(use.Unmatched, i)
		}
	}
	if !anyDrop {
		return sg, factor, use
	}
	out, keptFactor := sg.without(drop, factor)
	return out, keptFactor, use
}

// zoneCovers reports whether zone k covers more than zoneMajority of line
// ls (of length l).
func zoneCovers(zs *zones, k int32, ls orb.LineString, l float64) bool {
	n := max(1, int(l/coverStepM+0.999999))
	hit := 0
	for j := 0; j < n; j++ {
		if zs.atZone(pointAlong(ls, (float64(j)+0.5)*l/float64(n)), k) {
			hit++
		}
	}
	return float64(hit) > zoneMajority*float64(n)
}

// without returns a copy of sg without the edges drop marks and without
// the nodes that are left with no edge, its components labelled again
// and its counts (Nodes, Edges, TotalLengthM) for what remains; per is
// carried over to the kept edges.
func (sg *StreetGraph) without(drop []bool, per []float64) (*StreetGraph, []float64) {
	g := sg.Graph
	newNode := make([]int32, len(sg.Nodes))
	for i := range newNode {
		newNode[i] = -1
	}
	out := &StreetGraph{Stats: sg.Stats, tol: sg.tol}
	var eu, ev []int32
	var ew, keptPer []float64
	node := func(v int32) int32 {
		if newNode[v] < 0 {
			newNode[v] = int32(len(out.Nodes))
			out.Nodes = append(out.Nodes, sg.Nodes[v])
		}
		return newNode[v]
	}
	for e := range sg.Lines {
		if drop[e] {
			continue
		}
		eu, ev = append(eu, node(g.EdgeU[e])), append(ev, node(g.EdgeV[e]))
		ew = append(ew, g.Weight[e])
		out.Lines = append(out.Lines, sg.Lines[e])
		out.Street = append(out.Street, sg.Street[e])
		out.Class = append(out.Class, sg.Class[e])
		keptPer = append(keptPer, per[e])
	}
	ng, err := NewGraph(len(out.Nodes), eu, ev, ew)
	if err != nil {
		// The edges are a subset of a valid graph's, renumbered densely.
		panic("warmtenet: internal: " + err.Error())
	}
	out.Graph = ng
	out.labelComponents()
	out.Stats.Nodes, out.Stats.Edges = ng.NumNodes(), ng.NumEdges()
	out.Stats.TotalLengthM = 0
	for _, w := range ew {
		out.Stats.TotalLengthM += w
	}
	return out, keptPer
}
