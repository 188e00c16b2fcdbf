package warmtenet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// ErrOptions reports unusable routing options.
var ErrOptions = errors.New("warmtenet: bad options")

// ErrBadBuilding reports a building that cannot be routed (non-finite
// point or negative load); it is wrapped in a geodata.FeatureError.
var ErrBadBuilding = errors.New("warmtenet: bad building")

// PipeCost returns the price of a supply+return pipe pair of nominal
// diameter dn (mm), in euro per metre of trench, installation included.
// The caller supplies it (wijkanalyse: kosten.PipeCost); warmtenet does not
// price anything itself.
type PipeCost func(dn int) float64

// Building is a heat demand to connect.
type Building struct {
	ID       string    // BAG pand id or other source id
	Point    orb.Point // where the service pipe ends, e.g. the footprint centroid; EPSG:28992
	PeakKW   float64   // design peak heat load, kW
	AnnualGJ float64   // annual heat demand, GJ (weights the automatic source choice)
}

// DefaultMaxIterations caps the route-size-reprice loop of Route.
const DefaultMaxIterations = 5

// Options configure Route. Catalogue and PipeCost are required; every
// other zero value takes the default named in its comment.
type Options struct {
	SnapToleranceM      float64 // street snapping, m; 0: DefaultSnapToleranceM
	MaxServiceDistanceM float64 // farthest building-to-street link, m; 0: DefaultMaxServiceDistanceM
	// Sources feed the network. None: Route places one at the street node
	// minimising demand-weighted distance and says so in SourceChosen.
	Sources   []Source
	Catalogue Catalogue // pipe sizes (NewCatalogue)
	PipeCost  PipeCost  // euro per metre of trench by DN
	// ClassCostFactor multiplies the trench price of a street edge by its
	// road class (e.g. "primary": 1.5 for a main road, "path": 0.8 for an
	// unpaved path); classes not listed cost factor 1.
	ClassCostFactor map[string]float64
	// SupplyC, ReturnC, GroundC: design temperatures, C; 0 takes the
	// first source's, else DefaultSupplyC / DefaultReturnC, and
	// DefaultGroundC.
	SupplyC, ReturnC, GroundC float64
	// MaxPaPerM is the pressure-gradient limit for sizing, Pa/m; 0:
	// DefaultMaxPaPerM.
	MaxPaPerM float64
	// Simultaneity maps the number of downstream buildings to the
	// simultaneity factor; nil: Simultaneity (THERMOS, 0.62 + 0.38/n).
	Simultaneity  func(n int) float64
	MaxIterations int // cap of the re-pricing loop; 0: DefaultMaxIterations
	// SteinerMaxWork bounds the Steiner local search of each routing round
	// (Steiner.MaxWork); 0 takes the solver's default, which gives small
	// graphs a fixed extra allowance for a few percent shorter trees.
	SteinerMaxWork int
	// SteinerGapTarget stops the Steiner search of a round once its tree
	// is certified within this fraction of the lower bound
	// (Steiner.GapTarget); 0 takes DefaultGapTarget (0.2 %).
	SteinerGapTarget float64
	// Works are planned street works a pipe can share a trench with (the
	// caller keeps only those within its window of years). The part of a
	// street edge within WorksBufferM of one (0: DefaultWorksBufferM) is
	// priced at (1 - WorksShare) of its trench price, for routing and
	// cost alike, so the tree prefers streets that are dug up anyway.
	// WorksShare is a fraction in [0, 1).
	Works        []geodata.Work
	WorksShare   float64
	WorksBufferM float64
	// SteinerFast gives each round's Steiner search the budget of one
	// Voronoi pass (FastWork) and no lower bound (Steiner.NoBound), in
	// place of SteinerMaxWork and SteinerGapTarget: for a draft network
	// that is not the result, such as an intermediate round of an
	// economic expansion. The Network's SteinerLowerBound and SteinerGap
	// are then NaN.
	SteinerFast bool
	// StreetRules forbid streets (their edges are removed before routing,
	// so no tree runs along them; buildings join the nearest street that
	// remains) or prefer them (their routing weight is multiplied by the
	// rule's factor; what the pipe costs is unchanged). A rule names a
	// street (name, case ignored, or id) or gives a line or polygon: it
	// applies to the edges that lie for more than half their length
	// within WorksBufferM of the line or inside the polygon.
	// Network.Rules says what they did.
	StreetRules []geodata.StreetRule
	// Existing are the pipes of an existing heat network. A street edge
	// that runs along one (within ExistingBufferM metres, 0:
	// DefaultExistingBufferM, and within ExistingMaxAngleDeg degrees of
	// its direction, 0: DefaultExistingMaxAngleDeg) reuses it on
	// that share of its length: no trench and no new pipe, so that share
	// costs and weighs nothing, unless the pipe the edge is priced or
	// sized at is larger than the existing DN (then it is priced as new
	// pipe). Existing pipe farther than ExistingBufferM from every street
	// is added to the routing network as edges of its own, joined to the
	// streets where it comes within ExistingBufferM of them, priced the
	// same way. The reused length loses heat at the existing DN.
	// Network.Existing says what was offered and reused; see existing.go
	// and offstreet.go.
	Existing            []geodata.ExistingPipe
	ExistingBufferM     float64
	ExistingMaxAngleDeg float64
	// StreetGraph, when set, is the graph of these streets that Route
	// would build, NewStreetGraph(streets, StreetOptions{SnapToleranceM:
	// SnapToleranceM}): Route uses it instead of building it again, for a
	// caller that routes several member sets over the same streets (an
	// economic expansion's rounds, the LT network after the MT one).
	// Route only reads it. A graph built with another snap tolerance, or
	// from another number of streets, is an ErrOptions.
	StreetGraph *StreetGraph
	// StartFrom, when set, is a network Route returned earlier over the
	// same StreetGraph (another member set, other design temperatures or
	// an intermediate round): the first routing round warm-starts from
	// the streets its tree runs along (Steiner.Start), instead of solving
	// cold with restarts. It is a hint, not a constraint: the tree may
	// leave those streets and take others, and the lower bound and the
	// certified gap are computed as without it. A network routed over
	// another street graph (or without Options.StreetGraph) is an
	// ErrOptions. When it was routed for the same buildings (points;
	// and attachments, after the served components), Route also takes
	// its buildings' nearest streets, its routing network and, for the
	// same demand weights, its source choice instead of computing them
	// again, which gives the same bits. The warm start is ignored with
	// SteinerFast, this sharing not.
	StartFrom *Network

	// roundHook, when set (by a test, export_test.go), sees each routing
	// round's graph, terminals, tree weight and lower bound after its
	// solve.
	roundHook func(g *Graph, terms []int32, weight, lowerBound float64)
}

// Segment is one pipe of the routed network.
type Segment struct {
	Line       orb.LineString // from the upstream end (source side) to the downstream end
	LengthM    float64        // trench length, m
	PeakKW     float64        // design load: simultaneity(n) x sum of downstream peaks, kW
	Buildings  int            // number of buildings downstream
	DN         int            // nominal diameter, mm
	HeatLossGJ float64        // heat loss of the pair, GJ/yr
	CostEUR    float64        // length x class factor x PipeCost(DN), euro
	Kind       string         // "street", "service", "source" (a source's link to the street) or "offstreet" (existing pipe off the streets, Options.Existing)
	Service    bool           // a building's service pipe
	BuildingID string         // the building of a service pipe
	Class      string         // road class of a street segment
	// Overloaded is set when even the largest catalogue pipe exceeds the
	// pressure-gradient limit at this load (the largest DN is reported).
	Overloaded bool
	// WorksM is the length of a street segment that shares its trench
	// with planned works (Options.Works), m; WorksSavingEUR what that
	// saves on CostEUR (which is already reduced), euro; Work the ID of
	// the work holding most of it ("" when none).
	WorksM         float64
	WorksSavingEUR float64
	Work           string
	// ExistingM is the length of a street segment along an existing pipe
	// (Options.Existing), m, or of an "offstreet" segment (all of it,
	// ExistingOffStreet set); Existing the ID of the pipe holding most of
	// it ("" when none) and ExistingDN its DN. ExistingTooSmall is set
	// when that DN is below the segment's DN: the length is then priced
	// as new pipe. Otherwise ExistingSavingEUR is what a new pipe on
	// ExistingM would have cost, euro (CostEUR is already net of it), and
	// ExistingExtraLossGJ what the reused length loses at ExistingDN
	// beyond what it would lose at DN, GJ/yr (negative where the existing
	// pipe loses less; HeatLossGJ includes it).
	ExistingM           float64
	Existing            string
	ExistingDN          int
	ExistingTooSmall    bool
	ExistingSavingEUR   float64
	ExistingOffStreet   bool
	ExistingExtraLossGJ float64
	// Parent is the index in Network.Segments of the segment upstream of
	// this one (whose downstream end is this one's upstream end); -1 at a
	// source.
	Parent int
}

// Unreachable is a building Route could not connect.
type Unreachable struct {
	ID        string
	DistanceM float64 // distance to the nearest street, m; -1 when there are no streets
	Reason    string
}

// ComponentUse describes one street component and its use by the route.
type ComponentUse struct {
	Component
	Served    bool // holds a source, so its buildings are routed
	Buildings int  // buildings whose nearest street lies in it
}

// DNLength is the pipe length of one size.
type DNLength struct {
	DN       int
	TrenchM  float64
	ServiceM float64
}

// SourceLoad is the load a source carries in the routed network.
type SourceLoad struct {
	Name       string
	Point      orb.Point
	Buildings  int
	PeakKW     float64 // simultaneous peak it supplies, kW
	CapacityKW float64 // 0 when not limited
	Exceeded   bool    // PeakKW > CapacityKW > 0
}

// Totals sums a routed network.
type Totals struct {
	TrenchM     float64 // street and source-link pipe, m of trench
	ServiceM    float64 // service pipes, m
	Connections int     // buildings connected
	Unreachable int     // buildings not connected
	PeakKW      float64 // simultaneous peak of all connected buildings, kW
	HeatLossGJ  float64 // GJ/yr
	CostEUR     float64 // euro
	Overloaded  int     // segments beyond the largest pipe
	// WorksM is the trench shared with planned works, m; WorksSavingEUR
	// the investment that saves, euro (CostEUR is net of it).
	WorksM         float64
	WorksSavingEUR float64
	ByDN           []DNLength
}

// Network is the result of Route.
type Network struct {
	Segments     []Segment
	Totals       Totals
	Unreachable  []Unreachable
	Components   []ComponentUse
	Streets      StreetStats
	Sources      []SourceLoad
	SourceChosen string    // how the source(s) were chosen
	SupplyC      float64   // design supply temperature used, C
	ReturnC      float64   // design return temperature used, C
	Iterations   int       // route-size-reprice rounds run
	CostByRound  []float64 // true network cost of each round, euro
	Stable       bool      // the last round reproduced the previous tree
	Rules        RulesUse  // what Options.StreetRules did
	// Existing says what Options.Existing offered and what the tree
	// reused; nil without an existing network.
	Existing *ExistingUse
	// SteinerWeight, SteinerLowerBound and SteinerGap certify the tree
	// kept: in the edge prices of the round that found it (length x
	// road-class factor x price per metre at the DN each edge was priced
	// at, euro), the tree weighs SteinerWeight, no tree over these streets
	// connecting the same buildings weighs less than SteinerLowerBound
	// (Steiner.DualBound), and SteinerGap = SteinerWeight /
	// SteinerLowerBound - 1 (0 when they are equal). NaN when no tree was
	// solved (nothing to connect).
	SteinerWeight, SteinerLowerBound, SteinerGap float64

	// sg and treeStreets are for Options.StartFrom: the street graph
	// routed over (Options.StreetGraph, or the one Route built) and the
	// edges of its Graph (after the street rules) the tree runs along,
	// ascending.
	sg          *StreetGraph
	treeStreets []int32
	// inst is what Route derived from the buildings before the first
	// routing round, for a later route that starts from this network
	// (Options.StartFrom) over the same attachments; nil when nothing
	// was routed.
	inst *instance
}

// instance is the routing problem a Route set up before its rounds: the
// street graph after the street rules, the served components, the
// attachments of buildings and sources, the routing network attach built
// from them and, without Options.Sources, the weights the source was
// chosen for and the node chosen. A route warm-started from a network
// (Options.StartFrom) whose instance has the same graph, served
// components and attachments takes its routing network instead of
// attaching again (attach is a function of those three), and with the
// same weights its source (chooseSource is a function of the network and
// the weights): the LT network routes the MT network's connected
// buildings, and the expansion's first full-budget round the members of a
// draft that dropped nobody. With the same building points it takes
// their nearest streets too. The same bits as recomputing; read only.
type instance struct {
	sg *StreetGraph
	// the buildings' points and their nearest streets (StreetIndex.Nearest
	// without a limit; found false when there is none)
	pts    []orb.Point
	hits   []StreetHit
	found  []bool
	served []bool
	atts   []attachment
	off    *offStreet // existing pipe off the streets; nil: none
	nw     *network   // before a super root over several sources
	// without Options.Sources: chooseSource's weights, what they are,
	// and its node and sentence
	chooseW []float64
	what    string
	root    int32
	chosen  string
}

// reuses reports whether a route over sg with these served components
// and attachments sets up the same routing network as inst.
func (inst *instance) reuses(sg *StreetGraph, served []bool, atts []attachment) bool {
	return inst != nil && inst.sg == sg && slices.Equal(inst.served, served) && slices.Equal(inst.atts, atts)
}

// Route connects buildings to heat sources over streets at least cost.
//
// Method. The streets become a noded graph (NewStreetGraph); each building
// joins its nearest street point within MaxServiceDistanceM as a leaf
// (attach), so no tree passes through a building; sources join the same
// way. Only street components that hold a source are routed; a building
// whose nearest street lies elsewhere joins the nearest served street
// within reach or is reported unreachable with its distance and reason.
// With several sources a zero-weight super root links them, so one Steiner
// tree (Steiner.Tree) serves all and each building is fed by one source.
//
// Cost-aware routing. An edge's weight is its length times its road-class
// factor times the price per metre of its pipe. Round 1 prices every street
// edge at the smallest DN (service pipes at the DN their building needs).
// After each tree the pipes are sized (downstream load, simultaneity,
// catalogue DN by pressure gradient) and the tree is costed at those DNs;
// tree edges are then re-priced at their sized DN, a street edge off the
// tree that joins two tree nodes at the smaller of the largest DNs meeting
// at its ends (a shortcut would carry about that load), other edges keep
// their last price, and the tree is routed again. The loop stops when a
// round reproduces the previous round's edge set, when the true cost did
// not fall below the best so far, or after MaxIterations rounds; the
// cheapest tree seen is returned. Every round's cost is in CostByRound.
// Pipe prices rise slowly with DN (Steel-S1: DN20 696, DN200 1355 EUR/m),
// so length dominates: on the Delft demo the re-priced second round cost
// 2-4 % more than the first and the first was kept. (Dynamic slope
// scaling -- shortest-path trees under per-kW prices, the usual concave-cost
// heuristic -- converged 9 % above the Steiner tree there, so it is not
// used.)
//
// Source. Without Options.Sources the source is placed by chooseSource
// (a local minimum of demand-weighted network distance) in the street
// component with the most demand in reach, and SourceChosen says so.
//
// Route keeps no reference to its arguments. Its cost is dominated by the
// Steiner heuristic, O(m log n) per round. It is safe for concurrent use
// on different arguments; ctx is checked between rounds.
func Route(ctx context.Context, streets []geodata.Street, buildings []Building, opts Options) (*Network, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	for i, b := range buildings {
		if !finite(b.Point[0]) || !finite(b.Point[1]) || !(b.PeakKW >= 0) || !finite(b.PeakKW) || !(b.AnnualGJ >= 0) || !finite(b.AnnualGJ) {
			return nil, &geodata.FeatureError{Layer: "buildings", Feature: i, ID: b.ID,
				Err: fmt.Errorf("%w: point %v, peak %v kW, annual %v GJ", ErrBadBuilding, b.Point, b.PeakKW, b.AnnualGJ)}
		}
	}
	for i, s := range o.Sources {
		if !finite(s.Point[0]) || !finite(s.Point[1]) || !(s.CapacityKW >= 0) {
			return nil, fmt.Errorf("%w: source %d (%s) at %v with capacity %v kW", ErrOptions, i, s.Name, s.Point, s.CapacityKW)
		}
	}
	sz, err := newSizer(o.Catalogue, o.SupplyC, o.ReturnC, o.GroundC, o.MaxPaPerM)
	if err != nil {
		return nil, err
	}
	sg := o.StreetGraph
	if f := o.StartFrom; f != nil && (sg == nil || f.sg != sg) {
		return nil, fmt.Errorf("%w: StartFrom was routed over another street graph than Options.StreetGraph", ErrOptions)
	}
	if sg == nil {
		if sg, err = NewStreetGraph(streets, StreetOptions{SnapToleranceM: o.SnapToleranceM}); err != nil {
			return nil, err
		}
	} else if sg.tol != snapTolerance(o.SnapToleranceM) || sg.Stats.Streets != len(streets) {
		return nil, fmt.Errorf("%w: the street graph was built from %d streets with snap tolerance %v m, not from these %d with %v m",
			ErrOptions, sg.Stats.Streets, sg.tol, len(streets), snapTolerance(o.SnapToleranceM))
	}
	routedOver := sg
	sg, prefer, rulesUse := applyStreetRules(sg, streets, o.StreetRules, o.WorksBufferM)
	out := &Network{Streets: sg.Stats, SupplyC: o.SupplyC, ReturnC: o.ReturnC, Rules: rulesUse,
		SteinerWeight: math.NaN(), SteinerLowerBound: math.NaN(), SteinerGap: math.NaN(), sg: routedOver}
	idx := sg.streetIndex()
	g := sg.Graph
	edgeComp := func(e int32) int32 { return sg.NodeComp[g.EdgeU[e]] }

	// Nearest street of every building: those of the network routed
	// from (Options.StartFrom) when it was routed for the same points
	// over the same graph (StreetIndex.Nearest is a function of both).
	pts := make([]orb.Point, len(buildings))
	for i, b := range buildings {
		pts[i] = b.Point
	}
	var hits []StreetHit
	var found []bool
	if f := o.StartFrom; f != nil && f.inst != nil && f.inst.sg == sg && slices.Equal(f.inst.pts, pts) {
		hits, found = f.inst.hits, f.inst.found
	} else {
		hits, found = make([]StreetHit, len(buildings)), make([]bool, len(buildings))
		for i, p := range pts {
			hits[i], found[i] = idx.Nearest(p, math.Inf(1), nil)
		}
	}
	reached := make([]bool, len(buildings))
	compUse := make([]ComponentUse, len(sg.Components))
	for c := range compUse {
		compUse[c].Component = sg.Components[c]
	}
	compWeight := make([]float64, len(sg.Components))
	for i, b := range buildings {
		h := hits[i]
		if !found[i] {
			continue
		}
		c := edgeComp(h.Edge)
		compUse[c].Buildings++
		if h.DistM <= o.MaxServiceDistanceM {
			reached[i] = true
			compWeight[c] += demandWeight(b) + 1e-9
		}
	}

	// Served components.
	served := make([]bool, len(sg.Components))
	srcHits := make([]StreetHit, len(o.Sources))
	for i, s := range o.Sources {
		h, ok := idx.Nearest(s.Point, math.Inf(1), nil)
		if !ok {
			return nil, fmt.Errorf("%w: source %d (%s): no street to connect to", ErrOptions, i, s.Name)
		}
		srcHits[i] = h
		served[edgeComp(h.Edge)] = true
	}
	if len(o.Sources) == 0 && len(sg.Components) > 0 {
		best := 0
		for c := range compWeight {
			if compWeight[c] > compWeight[best] {
				best = c
			}
		}
		served[best] = true
	}
	for c := range compUse {
		compUse[c].Served = served[c]
	}
	out.Components = compUse

	// Attach buildings to served streets; report the others.
	var atts []attachment
	var bIdx []int // attachment -> building
	for i, b := range buildings {
		h := hits[i]
		switch {
		case len(g.EdgeU) == 0:
			out.Unreachable = append(out.Unreachable, Unreachable{ID: b.ID, DistanceM: -1, Reason: "no streets"})
			continue
		case !reached[i]:
			out.Unreachable = append(out.Unreachable, Unreachable{ID: b.ID, DistanceM: h.DistM,
				Reason: fmt.Sprintf("no street within %.0f m", o.MaxServiceDistanceM)})
			continue
		case !served[edgeComp(h.Edge)]:
			h2, ok := idx.Nearest(b.Point, o.MaxServiceDistanceM, func(e int32) bool { return served[edgeComp(e)] })
			if !ok {
				out.Unreachable = append(out.Unreachable, Unreachable{ID: b.ID, DistanceM: h.DistM,
					Reason: fmt.Sprintf("nearest street is in street component %d, which has no source, and no served street is within %.0f m", edgeComp(h.Edge), o.MaxServiceDistanceM)})
				continue
			}
			h = h2
		}
		atts = append(atts, attachment{p: b.Point, hit: h, kind: kindService, ref: int32(len(atts))})
		bIdx = append(bIdx, i)
	}
	nb := len(atts)
	for i, s := range o.Sources {
		atts = append(atts, attachment{p: s.Point, hit: srcHits[i], kind: kindSource, ref: int32(i)})
	}
	out.Totals.Unreachable = len(out.Unreachable)
	if nb == 0 {
		out.SourceChosen = "no building within reach of a served street: nothing routed"
		return out, nil
	}
	// Existing pipe off the streets (offstreet.go): its nodes that join
	// the street are attachments after the sources.
	var off *offStreet
	if len(o.Existing) > 0 {
		off = offStreetPieces(sg, idx, func(e int32) bool { return served[edgeComp(e)] }, o.Existing, o.ExistingBufferM, snapTolerance(o.SnapToleranceM))
		if off != nil {
			atts = append(atts, offStreetAttachments(off)...)
		}
	}
	// The routing network: the one of the network routed from
	// (Options.StartFrom) when it was set up from the same attachments
	// and existing pipe off the streets.
	var prev *instance
	if f := o.StartFrom; f != nil && f.inst.reuses(sg, served, atts) && f.inst.off.equal(off) {
		prev = f.inst
	}
	var nw *network
	if prev != nil {
		nw = prev.nw
	} else {
		keep := make([]bool, g.NumEdges())
		for e := range keep {
			keep[e] = served[edgeComp(int32(e))]
		}
		nw = attach(sg, keep, atts)
		if off != nil {
			nw.addOffStreet(off, nw.leaf[nb+len(o.Sources):])
		}
	}
	inst := &instance{sg: sg, pts: pts, hits: hits, found: found, served: served, atts: atts, off: off, nw: nw}

	// Root: the single source, a super root over several, or a chosen node.
	var root int32
	switch len(o.Sources) {
	case 0:
		w := make([]float64, nb)
		what := "annual-demand"
		for i := range w {
			w[i] = buildings[bIdx[i]].AnnualGJ
		}
		if floatsSum(w) == 0 {
			what = "peak-load"
			for i := range w {
				w[i] = buildings[bIdx[i]].PeakKW
			}
		}
		if floatsSum(w) == 0 {
			what = "building-count"
			for i := range w {
				w[i] = 1
			}
		}
		if prev != nil && prev.what == what && slices.Equal(prev.chooseW, w) {
			root, out.SourceChosen = prev.root, prev.chosen
		} else {
			lg, err := nw.graph(nw.length)
			if err != nil {
				return nil, err
			}
			streetNode := make([]bool, len(nw.nodes))
			for e, k := range nw.kind {
				if k == kindStreet {
					streetNode[nw.eu[e]], streetNode[nw.ev[e]] = true, true
				}
			}
			root, out.SourceChosen = chooseSource(nw, lg, nw.leaf[:nb], w, streetNode, what)
		}
		inst.chooseW, inst.what, inst.root, inst.chosen = w, what, root, out.SourceChosen
		out.Sources = []SourceLoad{{Name: "chosen", Point: nw.nodes[root]}}
	case 1:
		root = nw.leaf[nb]
		out.SourceChosen = fmt.Sprintf("given: %s", o.Sources[0].Name)
	default:
		// The super root goes on a copy: nw may be shared with other
		// routes (instance), so its slices are clipped and grow anew.
		x := *nw
		nw = &x
		nw.nodes, nw.eu, nw.ev, nw.length = slices.Clip(nw.nodes), slices.Clip(nw.eu), slices.Clip(nw.ev), slices.Clip(nw.length)
		nw.lines, nw.kind, nw.class, nw.ref = slices.Clip(nw.lines), slices.Clip(nw.kind), slices.Clip(nw.class), slices.Clip(nw.ref)
		root = int32(len(nw.nodes))
		nw.nodes = append(nw.nodes, orb.Point{})
		for i := range o.Sources {
			l := nw.leaf[nb+i]
			nw.eu, nw.ev = append(nw.eu, root), append(nw.ev, l)
			nw.length = append(nw.length, 0)
			nw.lines = append(nw.lines, nil)
			nw.kind = append(nw.kind, kindVirtual)
			nw.class = append(nw.class, "")
			nw.ref = append(nw.ref, int32(i))
		}
		out.SourceChosen = fmt.Sprintf("given: %d sources joined by a zero-cost super root; each building is fed by one", len(o.Sources))
	}
	for _, s := range o.Sources {
		out.Sources = append(out.Sources, SourceLoad{Name: s.Name, Point: s.Point, CapacityKW: s.CapacityKW})
	}

	terms := make([]int32, 0, nb+1)
	terms = append(terms, nw.leaf[:nb]...)
	terms = append(terms, root)
	peak := make([]float64, nb) // per attachment (leaf order)
	for i := range peak {
		peak[i] = buildings[bIdx[i]].PeakKW
	}
	r := &router{nw: nw, o: o, sz: sz, root: root, leafPeak: peak}
	r.works, r.workOf = worksCover(nw, o.Works, o.WorksBufferM)
	if len(o.Existing) > 0 {
		var matched []bool
		var matchedM float64
		r.exist, r.existOf, matched, matchedM = existingCover(nw, o.Existing, o.ExistingBufferM, o.ExistingMaxAngleDeg)
		offM, pieces := offStreetCover(nw, r.exist, r.existOf, matched)
		u := existingUse(o.Existing, matched, matchedM)
		u.OffStreetM, u.OffStreetPieces = offM, pieces
		out.Existing = &u
	}
	r.setFactors(prefer)
	var start []int32
	if f := o.StartFrom; f != nil && !o.SteinerFast {
		// Every piece of a street edge the earlier tree ran along, and
		// the source links.
		for e, k := range nw.kind {
			if (k == kindStreet && hasSorted(f.treeStreets, nw.ref[e])) || k == kindSource {
				start = append(start, int32(e))
			}
		}
	}
	if err := r.run(ctx, terms, start); err != nil {
		return nil, err
	}
	for _, e := range r.tree {
		if nw.kind[e] == kindStreet {
			out.treeStreets = append(out.treeStreets, nw.ref[e])
		}
	}
	slices.Sort(out.treeStreets)
	out.treeStreets = slices.Compact(out.treeStreets)
	out.Iterations, out.CostByRound, out.Stable = r.rounds, r.costs, r.stable
	out.inst = inst
	out.SteinerWeight, out.SteinerLowerBound, out.SteinerGap = r.weight, r.lb, r.gap
	r.emit(out, buildings, bIdx)
	return out, nil
}

func (o Options) withDefaults() (Options, error) {
	if len(o.Catalogue) == 0 {
		return o, fmt.Errorf("%w: no pipe catalogue", ErrOptions)
	}
	cat, err := NewCatalogue(o.Catalogue)
	if err != nil {
		return o, err
	}
	o.Catalogue = cat
	if o.PipeCost == nil {
		return o, fmt.Errorf("%w: no pipe cost function", ErrOptions)
	}
	for _, p := range cat {
		if c := o.PipeCost(p.DN); !(c >= 0) || !finite(c) {
			return o, fmt.Errorf("%w: pipe cost of DN%d is %v euro/m", ErrOptions, p.DN, c)
		}
	}
	for k, f := range o.ClassCostFactor {
		if !(f > 0) || !finite(f) {
			return o, fmt.Errorf("%w: cost factor %v for road class %q", ErrOptions, f, k)
		}
	}
	if o.MaxServiceDistanceM == 0 {
		o.MaxServiceDistanceM = DefaultMaxServiceDistanceM
	}
	if !(o.MaxServiceDistanceM > 0) {
		return o, fmt.Errorf("%w: max service distance %v m", ErrOptions, o.MaxServiceDistanceM)
	}
	if o.SupplyC == 0 && len(o.Sources) > 0 {
		o.SupplyC = o.Sources[0].SupplyC
	}
	if o.ReturnC == 0 && len(o.Sources) > 0 {
		o.ReturnC = o.Sources[0].ReturnC
	}
	if o.SupplyC == 0 {
		o.SupplyC = DefaultSupplyC
	}
	if o.ReturnC == 0 {
		o.ReturnC = DefaultReturnC
	}
	if o.GroundC == 0 {
		o.GroundC = DefaultGroundC
	}
	if o.MaxPaPerM == 0 {
		o.MaxPaPerM = DefaultMaxPaPerM
	}
	if o.Simultaneity == nil {
		o.Simultaneity = Simultaneity
	}
	if o.MaxIterations == 0 {
		o.MaxIterations = DefaultMaxIterations
	}
	if o.MaxIterations < 1 {
		return o, fmt.Errorf("%w: max iterations %d", ErrOptions, o.MaxIterations)
	}
	if !(o.WorksShare >= 0 && o.WorksShare < 1) {
		return o, fmt.Errorf("%w: works share %v of the trench price (must lie in [0, 1))", ErrOptions, o.WorksShare)
	}
	if o.WorksBufferM == 0 {
		o.WorksBufferM = DefaultWorksBufferM
	}
	if !(o.WorksBufferM > 0) || !finite(o.WorksBufferM) {
		return o, fmt.Errorf("%w: works buffer %v m", ErrOptions, o.WorksBufferM)
	}
	if o.ExistingBufferM == 0 {
		o.ExistingBufferM = DefaultExistingBufferM
	}
	if !(o.ExistingBufferM > 0) || !finite(o.ExistingBufferM) {
		return o, fmt.Errorf("%w: existing-network buffer %v m (must be above 0)", ErrOptions, o.ExistingBufferM)
	}
	if o.ExistingMaxAngleDeg == 0 {
		o.ExistingMaxAngleDeg = DefaultExistingMaxAngleDeg
	}
	if !(o.ExistingMaxAngleDeg > 0 && o.ExistingMaxAngleDeg < 90) {
		return o, fmt.Errorf("%w: existing-network angle %v degrees (must lie in (0, 90): at 90 a pipe crossing a street runs along it)", ErrOptions, o.ExistingMaxAngleDeg)
	}
	for i, p := range o.Existing {
		if p.DN <= 0 {
			return o, fmt.Errorf("%w: existing pipe %d (%s) has DN %d", ErrOptions, i, p.ID, p.DN)
		}
	}
	return o, nil
}

// router runs the route-size-reprice loop on a network.
type router struct {
	nw       *network
	o        Options
	sz       *sizer
	root     int32
	leafPeak []float64 // peak kW per building attachment, in leaf order

	// best tree and its sizing
	tree   []int32
	load   []float64 // per edge: design load, kW (tree edges only)
	count  []int32   // per edge: downstream buildings
	pipe   []int     // per edge: catalogue index
	over   []bool
	down   []int32 // per edge: downstream node
	rounds int
	costs  []float64
	stable bool
	// the kept tree's weight and certificate in its round's prices
	weight, lb, gap float64

	// per edge: the share of its length along planned works, the work
	// holding most of it (-1 none), and its price multiplier (road class
	// times the works reduction)
	works  []float64
	workOf []int32
	cf     []float64
	// per edge: the routing weight over the price (a street rule's
	// preference factor; 1 elsewhere)
	wf []float64
	// per edge: the share of its length along an existing pipe (nil
	// without Options.Existing), the pipe holding most of it (-1 none),
	// its DN (0 none) and the price multiplier while that pipe is reused
	// (cfx; cf applies when the pipe is too small). The existing share's
	// saving is what a new pipe and trench there would cost before any
	// works discount, the works' saving applies to the share laid new, so
	// the two savings and CostEUR add up to the undiscounted price.
	exist   []float64
	existOf []int32
	existDN []int
	cfx     []float64
	cls     []float64 // the road-class factor alone
}

// setFactors sets the per-metre price multiplier of every edge (a street
// edge's road-class factor times 1 - WorksShare x the share of its length
// along planned works; 1 for other edges) and its routing-weight factor
// (prefer, per street-graph edge, for street edges; nil: 1).
func (r *router) setFactors(prefer []float64) {
	nw := r.nw
	r.cf = make([]float64, len(nw.eu))
	r.wf = make([]float64, len(nw.eu))
	for e := range r.cf {
		r.cf[e], r.wf[e] = 1, 1
		if nw.kind[e] == kindExisting && r.exist != nil && r.exist[e] > 0 {
			// Existing pipe off the streets: nothing while it is reused,
			// else new pipe at factor 1.
			r.allocExisting()
			r.cls[e], r.cfx[e] = 1, 0
			r.existDN[e] = r.o.Existing[r.existOf[e]].DN
			continue
		}
		if nw.kind[e] != kindStreet {
			continue
		}
		if f, ok := r.o.ClassCostFactor[nw.class[e]]; ok {
			r.cf[e] = f
		}
		class := r.cf[e]
		r.cf[e] *= 1 - r.o.WorksShare*r.works[e]
		if prefer != nil {
			r.wf[e] = prefer[nw.ref[e]]
		}
		if r.exist != nil && r.exist[e] > 0 {
			r.allocExisting()
			r.cls[e] = class
			x := r.exist[e]
			r.existDN[e] = r.o.Existing[r.existOf[e]].DN
			// The new pipe runs on the share 1 - x; works save on as much
			// of it as they cover.
			r.cfx[e] = class * max(0, 1-x-r.o.WorksShare*min(r.works[e], 1-x))
		}
	}
}

// allocExisting makes the per-edge slices of the existing pipes' DN and
// price multipliers.
func (r *router) allocExisting() {
	if r.existDN == nil {
		m := len(r.nw.eu)
		r.existDN, r.cfx, r.cls = make([]int, m), make([]float64, m), make([]float64, m)
	}
}

// reuses reports whether edge e, priced or sized at catalogue index pipe,
// reuses an existing pipe: it runs along one whose DN is not below the
// pipe's.
func (r *router) reuses(e, pipe int) bool {
	return r.existDN != nil && r.existDN[e] > 0 && r.sz.cat[pipe].DN <= r.existDN[e]
}

// factor returns the per-metre price multiplier of edge e at catalogue
// index pipe.
func (r *router) factor(e, pipe int) float64 {
	if r.reuses(e, pipe) {
		return r.cfx[e]
	}
	return r.cf[e]
}

// startFromRestarts is the number of stalled random restarts the first
// round of a route warm-started from another network (Options.StartFrom)
// gets when its tree is not certified within the gap target: that
// network was routed for other members or prices, so its streets are a
// weaker hint than the previous round's tree, which later rounds start
// from without restarts. Measured on the 100,000-pand synthetic country
// (benchmarks/README.md, "What changed: the LT network and the
// expansion's full rounds warm-started"): none made some small networks
// 2 % longer; one keeps every MT network as the cold solve's within
// 0.02 % of trench.
const startFromRestarts = 1

// hasSorted reports whether the ascending list xs holds x.
func hasSorted(xs []int32, x int32) bool {
	_, ok := slices.BinarySearch(xs, x)
	return ok
}

// run routes, sizes and re-prices until the tree settles; start, when not
// empty, warm-starts the first round (Steiner.Start).
func (r *router) run(ctx context.Context, terms []int32, start []int32) error {
	nw := r.nw
	m := len(nw.eu)
	price := make([]int, m) // catalogue index each edge is priced at
	for e := range price {
		if nw.kind[e] == kindService {
			price[e], _ = r.sz.pick(r.leafPeak[nw.ref[e]])
		}
	}
	leafOf := make(map[int32]int, len(r.leafPeak))
	for i := range r.leafPeak {
		leafOf[nw.leaf[i]] = i
	}
	w := make([]float64, m)
	st := NewSteiner()
	st.MaxWork = r.o.SteinerMaxWork
	st.GapTarget = r.o.SteinerGapTarget
	var tree, prevBuf []int32
	prev := start // the hint of round 1, then the previous round's tree
	best := math.Inf(1)
	for round := 1; round <= r.o.MaxIterations; round++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		for e := range w {
			if nw.kind[e] == kindVirtual {
				w[e] = 0
				continue
			}
			w[e] = nw.length[e] * r.factor(e, price[e]) * r.wf[e] * r.o.PipeCost(r.sz.cat[price[e]].DN)
		}
		g, err := nw.graph(w)
		if err != nil {
			return err
		}
		if r.o.SteinerFast {
			st.MaxWork, st.NoBound = FastWork(g.NumNodes(), g.NumEdges()), true
		}
		// Rounds after the first start from the previous round's tree
		// (Steiner.Start): the re-pricing moves the weights a little,
		// and a solve from Mehlhorn's tree with its restarts in every
		// round was most of a batch's routing (benchmarks/README.md,
		// "batch: a synthetic country").
		st.Start, st.startRestarts = nil, 0
		if !r.o.SteinerFast {
			st.Start = prev
		}
		if round == 1 {
			st.startRestarts = startFromRestarts
		}
		var tw float64
		tree, tw, err = st.Tree(tree[:0], g, terms)
		if err != nil {
			return fmt.Errorf("steiner tree: %w", err)
		}
		if r.o.roundHook != nil {
			r.o.roundHook(g, terms, tw, st.LowerBound)
		}
		slices.Sort(tree)
		s, err := r.size(g, tree, leafOf)
		if err != nil {
			return err
		}
		cost := 0.0
		for _, e := range tree {
			if nw.kind[e] != kindVirtual {
				cost += nw.length[e] * r.factor(int(e), s.pipe[e]) * r.o.PipeCost(r.sz.cat[s.pipe[e]].DN)
			}
		}
		r.rounds = round
		r.costs = append(r.costs, cost)
		improved := cost < best
		if improved {
			best = cost
			r.tree = slices.Clone(tree)
			r.weight, r.lb, r.gap = tw, st.LowerBound, st.Gap
			r.load, r.count, r.pipe, r.over, r.down = s.load, s.count, s.pipe, s.over, s.down
		}
		if round > 1 && slices.Equal(tree, prev) {
			r.stable = true
			break
		}
		if !improved {
			break
		}
		prevBuf = append(prevBuf[:0], tree...)
		prev = prevBuf
		r.reprice(price, tree, s.pipe)
	}
	return nil
}

// reprice sets the catalogue index each edge is priced at for the next
// round: a tree edge at its sized pipe; an edge off the tree between two
// tree nodes at the smaller of the largest pipes meeting at either end
// (a shortcut carries about the load of the lighter side); any other edge
// keeps its price.
func (r *router) reprice(price []int, tree []int32, pipe []int) {
	nw := r.nw
	at := make([]int, len(nw.nodes)) // largest sized pipe at a node, +1; 0 off the tree
	inTree := make([]bool, len(nw.eu))
	for _, e := range tree {
		inTree[e] = true
		price[e] = pipe[e]
		for _, v := range [2]int32{nw.eu[e], nw.ev[e]} {
			at[v] = max(at[v], pipe[e]+1)
		}
	}
	for e := range nw.eu {
		if inTree[e] || nw.kind[e] != kindStreet && nw.kind[e] != kindExisting {
			continue
		}
		if a, b := at[nw.eu[e]], at[nw.ev[e]]; a > 0 && b > 0 {
			price[e] = min(a, b) - 1
		}
	}
}

// sizing holds per-edge results of sizing one tree.
type sizing struct {
	load  []float64
	count []int32
	pipe  []int
	over  []bool
	down  []int32
}

// size orients the tree from the root, sums the peak loads and building
// counts downstream of every tree edge, applies the simultaneity factor
// and picks each edge's pipe: the smallest catalogue DN whose pressure
// gradient at that load stays within the limit. O(n + tree edges).
func (r *router) size(g *Graph, tree []int32, leafOf map[int32]int) (*sizing, error) {
	m := g.NumEdges()
	n := g.NumNodes()
	s := &sizing{load: make([]float64, m), count: make([]int32, m), pipe: make([]int, m), over: make([]bool, m), down: make([]int32, m)}
	inTree := make([]bool, m)
	for _, e := range tree {
		inTree[e] = true
	}
	parentEdge := make([]int32, n)
	for i := range parentEdge {
		parentEdge[i] = -2
	}
	parentEdge[r.root] = -1
	order := []int32{r.root}
	for i := 0; i < len(order); i++ {
		v := order[i]
		for k := g.Offsets[v]; k < g.Offsets[v+1]; k++ {
			e := g.AdjEdge[k]
			if !inTree[e] || e == parentEdge[v] {
				continue
			}
			u := g.Adj[k]
			if parentEdge[u] != -2 {
				return nil, fmt.Errorf("%w: Steiner tree has a cycle at node %d", ErrBadGraph, u)
			}
			parentEdge[u] = e
			s.down[e] = u
			order = append(order, u)
		}
	}
	if len(order) != len(tree)+1 {
		return nil, fmt.Errorf("%w: Steiner tree of %d edges reaches %d nodes from the root", ErrBadGraph, len(tree), len(order))
	}
	sum := make([]float64, n)
	cnt := make([]int32, n)
	for v, i := range leafOf {
		if parentEdge[v] == -2 {
			return nil, fmt.Errorf("%w: building leaf %d not in the tree", ErrBadGraph, v)
		}
		sum[v] += r.leafPeak[i]
		cnt[v]++
	}
	for i := len(order) - 1; i > 0; i-- {
		v := order[i]
		e := parentEdge[v]
		s.count[e] = cnt[v]
		s.load[e] = r.o.Simultaneity(int(cnt[v])) * sum[v]
		var ok bool
		s.pipe[e], ok = r.sz.pick(s.load[e])
		s.over[e] = !ok
		u := g.Other(e, v)
		sum[u] += sum[v]
		cnt[u] += cnt[v]
	}
	return s, nil
}

// emit writes the best tree's segments and totals into out.
func (r *router) emit(out *Network, buildings []Building, bIdx []int) {
	nw := r.nw
	byDN := map[int]*DNLength{}
	t := &out.Totals
	srcLoad := map[int32]int{} // source index -> position in out.Sources
	for i := range out.Sources {
		srcLoad[int32(i)] = i
	}
	segOfDown := make(map[int32]int, len(r.tree)) // downstream node -> segment
	var upNode []int32
	for _, e := range r.tree {
		k := nw.kind[e]
		if k == kindVirtual {
			continue
		}
		segOfDown[r.down[e]] = len(out.Segments)
		upNode = append(upNode, nw.eu[e]+nw.ev[e]-r.down[e])
		p := r.sz.cat[r.pipe[e]]
		line := slices.Clone(nw.lines[e])
		if r.down[e] == nw.eu[e] {
			slices.Reverse(line)
		}
		seg := Segment{
			Line:       line,
			LengthM:    nw.length[e],
			PeakKW:     r.load[e],
			Buildings:  int(r.count[e]),
			DN:         p.DN,
			HeatLossGJ: LossGJPerYear(r.sz.lossWm[r.pipe[e]] * nw.length[e]),
			CostEUR:    nw.length[e] * r.factor(int(e), r.pipe[e]) * r.o.PipeCost(p.DN),
			Class:      nw.class[e],
			Overloaded: r.over[e],
		}
		reused := r.reuses(int(e), r.pipe[e])
		if f := r.works[e]; f > 0 {
			seg.WorksM = f * nw.length[e]
			seg.WorksSavingEUR = seg.CostEUR * r.o.WorksShare * f / (1 - r.o.WorksShare*f)
			if reused {
				// Works save only on the share laid new.
				f = min(f, 1-r.exist[e])
				seg.WorksM = f * nw.length[e]
				seg.WorksSavingEUR = nw.length[e] * r.cls[e] * r.o.WorksShare * f * r.o.PipeCost(p.DN)
			}
			if seg.WorksM > 0 {
				seg.Work = r.o.Works[r.workOf[e]].ID
			}
			t.WorksM += seg.WorksM
			t.WorksSavingEUR += seg.WorksSavingEUR
		}
		if r.existDN != nil && r.existDN[e] > 0 && (k == kindStreet || k == kindExisting) {
			x := r.exist[e]
			seg.ExistingM = x * nw.length[e]
			seg.Existing = r.o.Existing[r.existOf[e]].ID
			seg.ExistingDN = r.existDN[e]
			seg.ExistingOffStreet = k == kindExisting
			u := out.Existing
			if reused {
				seg.ExistingSavingEUR = seg.ExistingM * r.cls[e] * r.o.PipeCost(p.DN)
				// The reused share loses heat at the existing DN.
				seg.ExistingExtraLossGJ = LossGJPerYear((r.sz.lossAtDN(seg.ExistingDN) - r.sz.lossWm[r.pipe[e]]) * seg.ExistingM)
				seg.HeatLossGJ += seg.ExistingExtraLossGJ
				u.ReusedM += seg.ExistingM
				u.SavingEUR += seg.ExistingSavingEUR
				u.HeatLossExtraGJ += seg.ExistingExtraLossGJ
				if seg.ExistingOffStreet {
					u.OffStreetReusedM += seg.ExistingM
				}
			} else {
				seg.ExistingTooSmall = true
				u.TooSmallM += seg.ExistingM
				u.TooSmallSegments++
				if seg.ExistingOffStreet {
					u.OffStreetTooSmallM += seg.ExistingM
				}
			}
		}
		d := byDN[p.DN]
		if d == nil {
			d = &DNLength{DN: p.DN}
			byDN[p.DN] = d
		}
		switch k {
		case kindService:
			seg.Kind, seg.Service = "service", true
			seg.BuildingID = buildings[bIdx[nw.ref[e]]].ID
			t.ServiceM += seg.LengthM
			d.ServiceM += seg.LengthM
		case kindExisting:
			seg.Kind = "offstreet"
			t.TrenchM += seg.LengthM
			d.TrenchM += seg.LengthM
		case kindSource:
			seg.Kind = "source"
			if i, ok := srcLoad[nw.ref[e]]; ok {
				out.Sources[i].PeakKW = seg.PeakKW
				out.Sources[i].Buildings = seg.Buildings
			}
			t.TrenchM += seg.LengthM
			d.TrenchM += seg.LengthM
		default:
			seg.Kind = "street"
			t.TrenchM += seg.LengthM
			d.TrenchM += seg.LengthM
		}
		if seg.Overloaded {
			t.Overloaded++
		}
		t.HeatLossGJ += seg.HeatLossGJ
		t.CostEUR += seg.CostEUR
		out.Segments = append(out.Segments, seg)
	}
	for i, u := range upNode {
		out.Segments[i].Parent = -1
		if j, ok := segOfDown[u]; ok {
			out.Segments[i].Parent = j
		}
	}
	for _, d := range byDN {
		t.ByDN = append(t.ByDN, *d)
	}
	slices.SortFunc(t.ByDN, func(a, b DNLength) int { return cmp.Compare(a.DN, b.DN) })
	t.Connections = len(r.leafPeak)
	t.PeakKW = r.o.Simultaneity(len(r.leafPeak)) * floatsSum(r.leafPeak)
	if len(r.o.Sources) == 0 && len(out.Sources) == 1 {
		out.Sources[0].PeakKW, out.Sources[0].Buildings = t.PeakKW, t.Connections
	}
	for i := range out.Sources {
		s := &out.Sources[i]
		s.Exceeded = s.CapacityKW > 0 && s.PeakKW > s.CapacityKW
	}
}

func demandWeight(b Building) float64 {
	if b.AnnualGJ > 0 {
		return b.AnnualGJ
	}
	return b.PeakKW
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func floatsSum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}
