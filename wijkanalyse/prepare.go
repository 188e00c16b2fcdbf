package wijkanalyse

import (
	"context"
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// Prepared is a scan up to the point where prices enter: the checked
// input, the classified buildings, the streets and surface water in reach,
// and a cache of routed trees. Scan prices it with its own parameters;
// Draws (robust.go) prices it again with sampled ones, sharing everything
// that does not depend on prices. A *Prepared is safe for concurrent use:
// Scan copies the buildings it changes.
type Prepared struct {
	in        Input
	opt       Options
	params    *kosten.Params
	bs        []Building
	fs        []facts
	notes     []string
	streets   []geodata.Street
	teo       []geodata.Area
	water     []float64
	waterNote string
	routes    *routeCache
	areas     *areaIndex
	rules     *ruleSet // Input.Rules' building rules matched to bs; nil: none

	planMu sync.Mutex
	plan   *plan // the expansion of the scan at pp's parameters
}

// plan is the outcome of a scan's economic expansion: the buildings the
// network was routed for, the network option it was expanded for, the
// drops and every building's DroppedReason.
type plan struct {
	members []int
	kind    OptionKind
	drops   []Drop
	rounds  int
	reasons []string
}

// record keeps the expansion of a scan at pp's parameters.
func (pp *Prepared) record(nr *netResult, kind OptionKind, drops []Drop, rounds int, bs []Building) {
	pl := &plan{members: slices.Clone(nr.members), kind: kind, drops: slices.Clone(drops), rounds: rounds, reasons: make([]string, len(bs))}
	for i := range bs {
		pl.reasons[i] = bs[i].DroppedReason
	}
	pp.planMu.Lock()
	if pp.plan == nil {
		pp.plan = pl
	}
	pp.planMu.Unlock()
}

// scanPlan returns the plan, scanning at pp's parameters first when no
// scan has recorded one.
func (pp *Prepared) scanPlan(ctx context.Context) (*plan, error) {
	pp.planMu.Lock()
	pl := pp.plan
	pp.planMu.Unlock()
	if pl != nil {
		return pl, nil
	}
	opt := pp.opt
	opt.Progress = nil
	if _, err := pp.price(ctx, pp.params, opt, nil, false); err != nil {
		return nil, err
	}
	pp.planMu.Lock()
	defer pp.planMu.Unlock()
	return pp.plan, nil
}

// Params returns the parameters Prepare settled on: Options.Params (or the
// defaults) with Options.Year applied. A Sampler over them gives draws
// that differ from the scan only in their banded figures.
func (pp *Prepared) Params() *kosten.Params { return pp.params }

// Scan prices the prepared scan with p (nil: Params()) and returns the
// same Result as the package function Scan would with those parameters
// (the routed trees are shape-checked against the base parameters, see
// routeNetwork). Options.Progress is told the pricing stages.
func (pp *Prepared) Scan(ctx context.Context, p *kosten.Params) (Result, error) {
	if p == nil {
		p = pp.params
	}
	return pp.price(ctx, p, pp.opt, nil, false)
}

// maxCachedRoutes bounds the route cache: a routed tree of a wijk holds a
// few thousand segments with their lines (about 1 MB on the demo); beyond
// this many, further trees are routed but not kept.
const maxCachedRoutes = 32

// routeCache routes member sets with the base parameters and keeps the
// trees by design and members (with their peaks and demand), so that a
// draw whose expansion walks the same path as the scan routes nothing.
type routeCache struct {
	base *pricer
	// works are the planned works within the window (worksInWindow),
	// routed along at the base parameters' net.works.* figures.
	works []geodata.Work
	// streetRules are Input.Rules' street rules, for the router.
	streetRules []geodata.StreetRule
	// existing is Input.Existing, for the router, matched to the streets
	// at the base parameters' net.existing.* figures.
	existing []geodata.ExistingPipe
	mu       sync.Mutex
	m        map[routeKey][]routeEntry
	n        int
	// Routed and Reused count the trees routed and taken from the cache.
	routed, reused int
	// sg is the street graph of sgStreets, built on the first route and
	// given to every later one over the same streets (the rounds of the
	// expansion, the LT network, the draws), which the router would
	// otherwise build again each time.
	sg        *warmtenet.StreetGraph
	sgStreets []geodata.Street
}

// streetGraph returns the street graph of streets, built once per
// streets slice.
func (rc *routeCache) streetGraph(streets []geodata.Street) (*warmtenet.StreetGraph, error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.sg != nil && len(rc.sgStreets) == len(streets) && &rc.sgStreets[0] == &streets[0] {
		return rc.sg, nil
	}
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{})
	if err != nil {
		return nil, err
	}
	rc.sg, rc.sgStreets = sg, streets
	return sg, nil
}

type routeKey struct {
	d     design
	draft bool
	h     uint64
	// start is the network the route warm-started from (nil: cold).
	start *warmtenet.Network
}

type routeEntry struct {
	members []int
	net     *warmtenet.Network
}

func newRouteCache(base *kosten.Params) *routeCache {
	return &routeCache{base: newPricer(base), m: map[routeKey][]routeEntry{}}
}

// memberHash hashes the member indexes with the peak and yearly demand
// each is routed for.
func memberHash(bs []Building, members []int) uint64 {
	h := fnv.New64a()
	var buf [24]byte
	for _, i := range members {
		binary.LittleEndian.PutUint64(buf[0:], uint64(i))
		binary.LittleEndian.PutUint64(buf[8:], math.Float64bits(bs[i].PeakKW))
		binary.LittleEndian.PutUint64(buf[16:], math.Float64bits(bs[i].SpaceHeatGJ+bs[i].TapWaterGJ))
		h.Write(buf[:])
	}
	return h.Sum64()
}

// route returns the tree over members at design d, routed with the base
// parameters, from the cache when it holds it. A draft tree (an
// intermediate round of the economic expansion) is routed with the
// solver's one-pass budget and no lower bound (warmtenet.Options.
// SteinerFast) and cached apart from the full-budget tree of the same
// members. start, when not nil, is a tree routed earlier over the same
// streets that the first routing round warm-starts from
// (warmtenet.Options.StartFrom); trees are cached by it too, so a route
// is a function of its arguments whatever the cache holds.
func (rc *routeCache) route(ctx context.Context, streets []geodata.Street, sources []Source, bs []Building, members []int, d design, draft bool, start *warmtenet.Network, opt Options) (*warmtenet.Network, error) {
	key := routeKey{d, draft, memberHash(bs, members), start}
	rc.mu.Lock()
	for _, e := range rc.m[key] {
		if slices.Equal(e.members, members) {
			rc.reused++
			rc.mu.Unlock()
			return e.net, nil
		}
	}
	rc.mu.Unlock()
	pr := rc.base
	cat, dnPrice, err := pr.pipeCatalogue(d)
	if err != nil {
		return nil, err
	}
	wb := make([]warmtenet.Building, len(members))
	for k, i := range members {
		wb[k] = warmtenet.Building{ID: strconv.Itoa(i), Point: bs[i].Centroid, PeakKW: bs[i].PeakKW, AnnualGJ: bs[i].SpaceHeatGJ + bs[i].TapWaterGJ}
	}
	var ws []warmtenet.Source
	for _, s := range sources {
		ws = append(ws, warmtenet.Source{Name: s.Name, Point: s.Point, CapacityKW: s.CapacityKW, SupplyC: s.TemperatureC})
	}
	supplyC, returnC := d.temps(pr)
	sg, err := rc.streetGraph(streets)
	if err != nil {
		return nil, err
	}
	net, err := warmtenet.Route(ctx, streets, wb, warmtenet.Options{
		StreetGraph:         sg,
		StartFrom:           start,
		SupplyC:             supplyC,
		ReturnC:             returnC,
		GroundC:             pr.v("net.ground_temperature"),
		MaxPaPerM:           pr.v("net.max_pressure_gradient"),
		Simultaneity:        pr.simultaneity(),
		MaxServiceDistanceM: opt.MaxServiceM,
		SteinerMaxWork:      opt.RouteWork,
		SteinerGapTarget:    opt.RouteGap,
		SteinerFast:         draft,
		Sources:             ws,
		Works:               rc.works,
		StreetRules:         rc.streetRules,
		Existing:            rc.existing,
		WorksShare:          pr.v("net.works.trench_share"),
		WorksBufferM:        pr.v("net.works.buffer"),
		ExistingBufferM:     pr.v("net.existing.buffer"),
		ExistingMaxAngleDeg: pr.v("net.existing.max_angle"),
		Catalogue:           cat,
		PipeCost: func(dn int) float64 {
			if c, ok := dnPrice[dn]; ok {
				return c
			}
			return math.Inf(1)
		},
	})
	if err != nil {
		return nil, err
	}
	if err := pr.err; err != nil {
		return nil, err
	}
	rc.mu.Lock()
	rc.routed++
	if rc.n < maxCachedRoutes {
		rc.m[key] = append(rc.m[key], routeEntry{members: slices.Clone(members), net: net})
		rc.n++
	}
	rc.mu.Unlock()
	return net, nil
}
