package wijkanalyse

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// netResult is a routed (or estimated) network over a set of member
// buildings, reduced to what costing and expansion need.
type netResult struct {
	routed      bool
	members     []int  // building indexes offered
	connected   []bool // per building index (len = all buildings)
	unreachable map[int]string
	service     []Band  // per building index: its own service pipe, EUR
	exclusive   []Band  // per building index: cost of pipes serving it alone, EUR
	peakSum     float64 // sum of the connected buildings' peaks, kW
	// trenchEstimate is the trench cost of an estimated network (no
	// streets), EUR; zero when routed (the trench is priced per DN).
	trenchEstimate Band
	summary        NetworkSummary
	net            *warmtenet.Network
	// tree is the network as a rooted tree of pipes: a node per segment
	// (routed) or per member (estimated), parents before children not
	// guaranteed; parent -1 at the root(s).
	tree []treeNode
}

// treeNode is one pipe of the network tree.
type treeNode struct {
	parent   int  // index in tree, -1 at a root
	cost     Band // investment, EUR
	building int  // building index served by this pipe alone (service pipe), else -1
}

// design selects a network's design supply and return temperatures: the
// parameters net.design.mt.* (70/40 C) or net.design.lt.* (50/30 C).
type design int

// Design temperature sets.
const (
	designMT design = iota
	designLT
)

// temps returns the design supply and return temperature, C.
func (d design) temps(pr *pricer) (supplyC, returnC float64) {
	k := "net.design.mt."
	if d == designLT {
		k = "net.design.lt."
	}
	return pr.v(k + "supply"), pr.v(k + "return")
}

// simultaneity returns the simultaneity factor for n buildings downstream
// from the parameters net.simultaneity.base and .per_building:
// f(n) = base + per_building/n (THERMOS: 0.62 + 0.38/n), f(0) = 0.
func (pr *pricer) simultaneity() func(n int) float64 {
	base, per := pr.v("net.simultaneity.base"), pr.v("net.simultaneity.per_building")
	return func(n int) float64 {
		if n <= 0 {
			return 0
		}
		return base + per/float64(n)
	}
}

// pipeCatalogue is the pipe catalogue of the DNs the pipe curve prices
// and each DN's routing price per metre at design d: kosten.PipeCost at
// the load the DN is sized for (its capacity at the design temperatures
// and pressure limit). Segments are priced at the load they carry
// (routeNetwork's segBand), so a DN's routing price is the upper end that
// ranks the street routes, not the price paid.
func (pr *pricer) pipeCatalogue(d design) (warmtenet.Catalogue, map[int]float64, error) {
	supplyC, returnC := d.temps(pr)
	dT := supplyC - returnC
	var pipes []warmtenet.Pipe
	for _, p := range kosten.Pipes() {
		if _, err := pr.p.PipeCost(1, dT, p.DN); err != nil {
			continue
		}
		pipes = append(pipes, warmtenet.Pipe{DN: p.DN, InnerDiameterM: float64(p.InnerDiameter), U1: p.U1, U2: p.U2})
	}
	cat, err := warmtenet.NewCatalogue(pipes)
	if err != nil {
		return nil, nil, err
	}
	caps, err := warmtenet.Capacities(cat, supplyC, returnC, pr.v("net.max_pressure_gradient"))
	if err != nil {
		return nil, nil, err
	}
	price := make(map[int]float64, len(cat))
	for k, p := range cat {
		if c, err := pr.p.PipeCost(kosten.KiloWatt(caps[k]), dT, p.DN); err == nil {
			price[p.DN] = float64(c.Value)
		}
	}
	return cat, price, nil
}

// routeNetwork connects the member buildings. With streets it calls
// warmtenet.Route (Steiner tree over the street graph, pipes sized and
// priced per DN); without, it estimates a tree from the footprints: a
// Euclidean minimum spanning tree over the building centroids, lengths
// times Vesta's detour factor (pipe.vesta.omwegfactor), priced with
// Vesta's pipe cost curve at the downstream peak, plus net.service_estimate
// (10 m) of service pipe per building. Design temperatures, ground
// temperature, pressure-gradient limit and simultaneity come from the
// parameters (net.*).
//
// Each connected building carries its own service pipe; the collective
// part (trench, substation, source) is priced by kosten.Network and
// allocated in proportion to peak load (see options.go). exclusive is the cost of the pipes that serve that building
// alone (its service pipe and the branch up to the first pipe shared with
// another building): the cost the network saves if it leaves.
//
// The tree itself (its streets, DN sizes and lengths) comes from rc: it is
// routed with rc's base parameters (the central pipe prices and network
// design figures) and reused for the same members and design; pr prices
// it. A scan's pricer is rc's base, so a scan is unchanged; a Monte Carlo
// draw re-prices the tree and re-routes only when its expansion keeps
// another set of buildings. A draft network (draft: an intermediate round
// of the economic expansion, see expandNetwork) is routed with the
// solver's one-pass budget and carries no certificate; every network a
// scan reports or prices its options on is routed with the full budget.
func routeNetwork(ctx context.Context, streets []geodata.Street, sources []Source, bs []Building, members []int, d design, draft bool, start *netResult, opt Options, pr *pricer, rc *routeCache) (*netResult, error) {
	nr := &netResult{
		members:     members,
		connected:   make([]bool, len(bs)),
		unreachable: map[int]string{},
		service:     make([]Band, len(bs)),
		exclusive:   make([]Band, len(bs)),
	}
	if len(members) == 0 {
		return nr, nil
	}
	if len(streets) == 0 {
		estimateNetwork(nr, bs, members, d, pr)
		return nr, nil
	}
	nr.routed = true
	var from *warmtenet.Network
	if start != nil {
		from = start.net
	}
	net, err := rc.route(ctx, streets, sources, bs, members, d, draft, from, opt)
	if err != nil {
		return nil, err
	}
	nr.net = net
	for _, u := range net.Unreachable {
		if i, err := strconv.Atoi(u.ID); err == nil {
			nr.unreachable[i] = unreachableReason(u, opt.MaxServiceM)
		}
	}
	// Cost bands per segment: kosten.PipeCost under pr at the peak the
	// segment carries, times its length and the road-class factor the
	// router applied (s.CostEUR over length x the DN's routing price
	// under rc's base parameters).
	supplyC, returnC := d.temps(pr)
	dT := supplyC - returnC
	_, baseDN, err := rc.base.pipeCatalogue(d)
	if err != nil {
		return nil, err
	}
	// perMetre is the cost band of one metre of the segment's pipe at its
	// DN in the routing's base price (baseDN) scaled to pr's band.
	perMetre := func(s warmtenet.Segment) Band {
		c, err := pr.p.PipeCost(kosten.KiloWatt(s.PeakKW), dT, s.DN)
		if err != nil || c.Value == 0 {
			return kosten.Point(baseDN[s.DN])
		}
		return kosten.Band[float64]{Value: float64(c.Value), Min: float64(c.Min), Max: float64(c.Max)}
	}
	segBand := func(s warmtenet.Segment) Band {
		c, err := pr.p.PipeCost(kosten.KiloWatt(s.PeakKW), dT, s.DN)
		routed := baseDN[s.DN] * s.LengthM
		if err != nil || c.Value == 0 || routed == 0 {
			return kosten.Point(s.CostEUR)
		}
		return kosten.Band[float64]{Value: float64(c.Value), Min: float64(c.Min), Max: float64(c.Max)}.Scale(s.LengthM * s.CostEUR / routed)
	}
	// Each segment's band once (kosten.PipeCost per call).
	bands := make([]Band, len(net.Segments))
	byEnd := make(map[orb.Point]int, len(net.Segments))
	for k, s := range net.Segments {
		bands[k] = segBand(s)
		if len(s.Line) > 0 {
			byEnd[s.Line[len(s.Line)-1]] = k
		}
	}
	nr.tree = make([]treeNode, len(net.Segments))
	for k, s := range net.Segments {
		nd := treeNode{parent: -1, cost: bands[k], building: -1}
		if len(s.Line) > 0 {
			if p, ok := byEnd[s.Line[0]]; ok && p != k {
				nd.parent = p
			}
		}
		if s.Service {
			if i, err := strconv.Atoi(s.BuildingID); err == nil && i >= 0 && i < len(bs) {
				nd.building = i
			}
		}
		nr.tree[k] = nd
	}
	var peakSum, delivered float64
	for k, s := range net.Segments {
		if !s.Service {
			continue
		}
		i, err := strconv.Atoi(s.BuildingID)
		if err != nil || i < 0 || i >= len(bs) {
			continue
		}
		nr.connected[i] = true
		peakSum += bs[i].PeakKW
		delivered += bs[i].SpaceHeatGJ + bs[i].TapWaterGJ
		own := bands[k]
		nr.service[i] = own
		excl := own
		cur := k
		for len(net.Segments[cur].Line) > 0 {
			p, ok := byEnd[net.Segments[cur].Line[0]]
			if !ok || p == cur || net.Segments[p].Buildings != 1 || net.Segments[p].Service {
				break
			}
			excl = excl.Add(bands[p])
			cur = p
		}
		nr.exclusive[i] = excl
	}
	nr.peakSum = peakSum
	t := net.Totals
	var cost Band
	for _, b := range bands {
		cost = cost.Add(b)
	}
	nr.summary = NetworkSummary{
		Routed: true, Terminals: len(members), Connected: t.Connections, Unreachable: t.Unreachable,
		TrenchM: t.TrenchM, ServiceM: t.ServiceM, PeakKW: t.PeakKW, DemandGJ: delivered,
		HeatLossGJ: t.HeatLossGJ, CostEUR: cost,
		Streets: net.Streets, Components: net.Components,
		SteinerWeight: net.SteinerWeight, SteinerLowerBound: net.SteinerLowerBound, SteinerGap: net.SteinerGap,
	}
	if len(net.Sources) > 0 {
		nr.summary.Source = net.Sources[0].Point
	}
	var existingSaving Band
	reusedIDs := map[string]bool{}
	for k, s := range net.Segments {
		seg := Segment{Line: s.Line, LengthM: s.LengthM, PeakKW: s.PeakKW, DN: s.DN, Service: s.Service, CostEUR: bands[k].Value,
			HeatLossGJ: s.HeatLossGJ, Kind: s.Kind, Buildings: s.Buildings, Class: s.Class, Overloaded: s.Overloaded, Work: -1}
		if s.WorksM > 0 {
			sv := worksSaving(s, bands[k])
			seg.WorksM, seg.WorksSavingEUR = s.WorksM, sv.Value
			if w, err := strconv.Atoi(s.Work); err == nil {
				seg.Work = w
			}
			nr.summary.WorksSharedM += s.WorksM
			nr.summary.WorksSaving = nr.summary.WorksSaving.Add(sv)
		}
		if s.ExistingM > 0 {
			seg.ExistingM, seg.ExistingID, seg.ExistingDN, seg.ExistingTooSmall = s.ExistingM, s.Existing, s.ExistingDN, s.ExistingTooSmall
			seg.ExistingOffStreet, seg.ExistingExtraLossGJ = s.ExistingOffStreet, s.ExistingExtraLossGJ
			if !s.ExistingTooSmall {
				reusedIDs[s.Existing] = true
			}
			if s.ExistingSavingEUR > 0 && baseDN[s.DN] > 0 {
				sv := perMetre(s).Scale(s.ExistingSavingEUR / baseDN[s.DN])
				seg.ExistingSavingEUR = sv.Value
				existingSaving = existingSaving.Add(sv)
			}
		}
		if i, err := strconv.Atoi(s.BuildingID); err == nil && i >= 0 && i < len(bs) && s.BuildingID != "" {
			seg.BuildingID = bs[i].ID
		}
		if pr.p != rc.base.p {
			seg.CostEUR = bands[k].Value // re-priced (a draw)
		}
		nr.summary.Segments = append(nr.summary.Segments, seg)
	}
	nr.summary.WorksSavingEURPerYear = pr.pipeYear(nr.summary.WorksSaving)
	nr.summary.Existing = existingSummary(net.Existing, rc.existing, existingSaving, pr, supplyC, reusedIDs)
	return nr, nil
}

// estimateNetwork fills nr from a minimum spanning tree over centroids
// (Prim, O(m²) for m members: meant for one buurt at a time). Its heat
// loss is estimateLossGJ over the trench.
func estimateNetwork(nr *netResult, bs []Building, members []int, d design, pr *pricer) {
	m := len(members)
	detour := pr.v("pipe.vesta.omwegfactor")
	serviceM := pr.v("net.service_estimate")
	simult := pr.simultaneity()
	// Root: the member nearest the demand-weighted centre.
	var cx, cy, w float64
	for _, i := range members {
		d := bs[i].SpaceHeatGJ + bs[i].TapWaterGJ + 1e-9
		cx += bs[i].Centroid[0] * d
		cy += bs[i].Centroid[1] * d
		w += d
	}
	centre := orb.Point{cx / w, cy / w}
	root := 0
	for k, i := range members {
		if planar.Distance(bs[i].Centroid, centre) < planar.Distance(bs[members[root]].Centroid, centre) {
			root = k
		}
	}
	parent := make([]int, m)
	dist := make([]float64, m)
	in := make([]bool, m)
	order := make([]int, 0, m)
	for k := range dist {
		dist[k], parent[k] = math.Inf(1), -1
	}
	dist[root] = 0
	for range m {
		u := -1
		for k := range m {
			if !in[k] && (u < 0 || dist[k] < dist[u]) {
				u = k
			}
		}
		in[u] = true
		order = append(order, u)
		pu := bs[members[u]].Centroid
		for k := range m {
			if !in[k] {
				if d := planar.Distance(pu, bs[members[k]].Centroid); d < dist[k] {
					dist[k], parent[k] = d, u
				}
			}
		}
	}
	// Downstream counts and peaks, leaves first.
	down := make([]int, m)
	peak := make([]float64, m)
	children := make([]int, m)
	for k := m - 1; k >= 0; k-- {
		u := order[k]
		down[u]++
		peak[u] += bs[members[u]].PeakKW
		if p := parent[u]; p >= 0 {
			down[p] += down[u]
			peak[p] += peak[u]
			children[p]++
		}
	}
	var trench, total Band
	var trenchM, peakSum, delivered float64
	edge := make([]Band, m)
	for u := range m {
		if parent[u] < 0 {
			continue
		}
		l := dist[u] * detour
		load := peak[u] * simult(down[u])
		c := pr.p.PipeCostVesta(kosten.MegaWattFromKiloWatt(kosten.KiloWatt(load)))
		edge[u] = kosten.Band[float64]{Value: float64(c.Value), Min: float64(c.Min), Max: float64(c.Max)}.Scale(l)
		trench = trench.Add(edge[u])
		trenchM += l
	}
	nr.tree = make([]treeNode, m)
	for k, i := range members {
		b := &bs[i]
		c := pr.p.ServicePipeCostPerMetre(kosten.KiloWatt(b.PeakKW))
		svc := kosten.Band[float64]{Value: float64(c.Value), Min: float64(c.Min), Max: float64(c.Max)}.Scale(serviceM)
		nr.connected[i] = true
		nr.service[i] = svc
		nr.exclusive[i] = svc
		if children[k] == 0 {
			nr.exclusive[i] = svc.Add(edge[k])
		}
		nr.tree[k] = treeNode{parent: parent[k], cost: svc.Add(edge[k]), building: i}
		total = total.Add(svc)
		peakSum += b.PeakKW
		delivered += b.SpaceHeatGJ + b.TapWaterGJ
	}
	nr.peakSum = peakSum
	nr.trenchEstimate = trench
	nr.summary = NetworkSummary{
		Terminals: m, Connected: m, TrenchM: trenchM, ServiceM: serviceM * float64(m),
		PeakKW: peakSum * simult(m), DemandGJ: delivered, CostEUR: total.Add(trench),
		HeatLossGJ: estimateLossGJ(trenchM, d, pr), Source: bs[members[root]].Centroid,
	}
}

// estimateLossGJ is the yearly heat loss of an estimated network of
// trenchM trench metres: net.estimate_loss_per_trench_metre (W/m, at the
// MT design temperatures) all year round, scaled for design d by its mean
// water temperature above net.ground_temperature over the MT one (LT
// 50/30 C: 30 K against 45 K).
func estimateLossGJ(trenchM float64, d design, pr *pricer) float64 {
	ground := pr.v("net.ground_temperature")
	ms, mr := designMT.temps(pr)
	s, r := d.temps(pr)
	scale := 1.0
	if ref := (ms+mr)/2 - ground; ref > 0 {
		scale = max(0, (s+r)/2-ground) / ref
	}
	w := trenchM * pr.v("net.estimate_loss_per_trench_metre") * scale
	return w * hoursPerYear * 3600 / 1e9
}

// hoursPerYear is the hours of a (non-leap) year.
const hoursPerYear = 8760

// unreachableReason says in Dutch why the router could not reach a
// building (warmtenet.Route reports it in English, with the distance).
func unreachableReason(u warmtenet.Unreachable, maxServiceM float64) string {
	switch {
	case u.DistanceM < 0:
		return "er zijn geen straten om het net langs te leggen"
	case strings.HasPrefix(u.Reason, "no street within"):
		return fmt.Sprintf("geen straat binnen %s m (de dichtstbijzijnde ligt op %s m)", thousands(maxServiceM), thousands(u.DistanceM))
	default:
		return fmt.Sprintf("de dichtstbijzijnde straat (op %s m) hoort bij een deel van het stratennet dat niet met de bron verbonden is, en geen verbonden straat ligt binnen %s m", thousands(u.DistanceM), thousands(maxServiceM))
	}
}

// sourceNote says in Dutch where the routed network is fed.
func sourceNote(net *warmtenet.Network, connected int) string {
	switch {
	case len(net.Sources) == 0:
		return "bron van het warmtenet: geen gebouw binnen bereik van een straat met de bron, er is niets gerouteerd"
	case len(net.Sources) == 1 && net.Sources[0].Name == "chosen":
		p := net.Sources[0].Point
		return fmt.Sprintf("bron van het warmtenet: geen bron opgegeven; geplaatst op het straatknooppunt (%s, %s) dat de naar warmtevraag gewogen afstand over het net naar de %d aangesloten gebouwen het kleinst maakt", decimal(p[0], 1), decimal(p[1], 1), connected)
	case len(net.Sources) == 1:
		return "bron van het warmtenet: opgegeven bron " + net.Sources[0].Name
	}
	names := make([]string, len(net.Sources))
	for i, s := range net.Sources {
		names[i] = s.Name
	}
	return fmt.Sprintf("bron van het warmtenet: %d opgegeven bronnen (%s); elk gebouw krijgt zijn warmte van één ervan", len(net.Sources), strings.Join(names, ", "))
}
