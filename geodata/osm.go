package geodata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
)

// More skip reasons of the OSM reader.
const (
	SkipMissingNodes     = "osm_missing_nodes"               // a way whose nodes are not in the extract
	SkipUnclosedBuilding = "osm_unclosed_way"                // a building way that is not a closed ring
	SkipOSMRingsUnclosed = "osm_multipolygon_rings_unclosed" // member ways do not join into closed rings
	SkipOSMBuildingGroup = "osm_type_building_relation"      // a type=building relation: its outline way is read as a building way
	SkipOSMWaterwayLine  = "osm_waterway_line"               // a linear waterway (canal, river, ditch, drain, stream centreline): no width, not an area
)

// OSMExtract is what ReadOSMPBF found in an extract, in EPSG:28992.
type OSMExtract struct {
	// Buildings: closed ways with building=* (not building=no) and
	// multipolygon relations with building=*. ID is the ref:bag tag as
	// found ("" when none; the Validator normalises and counts it).
	Buildings []Pand
	// BuildingOSMIDs[i] is the OSM id of Buildings[i]: "way/123" or
	// "relation/456".
	BuildingOSMIDs []string
	// Streets: every way with a highway=* tag, as a line. ID is the way id.
	Streets []Street
	// Addresses: nodes with addr:housenumber. ID is the node id.
	Addresses []Address
	// Water: surface-water polygons (Kind AreaWater), from closed ways
	// and type=multipolygon relations tagged natural=water, water=*,
	// waterway=riverbank, waterway=dock, waterway=canal (closed ways
	// only), landuse=basin or landuse=reservoir. Code is "way/123" or
	// "relation/456", Name the name tag.
	Water []Area
	// Reports per layer: Read counts the candidates (ways or relations
	// with building=*, ways with highway=*, nodes with addr:housenumber,
	// water ways and relations, and linear waterways), Skipped why a
	// candidate was not used. Linear waterways (waterway=canal, river,
	// ditch, drain or stream as a line) are counted in WaterReport and
	// skipped under SkipOSMWaterwayLine: OSM gives them no width, and
	// wherever a canal or river is wide enough to matter for aquathermie
	// its water surface is mapped as an area of its own (in the Delft
	// extract every canal centreline runs inside a natural=water area), so
	// buffering the lines would count the same water twice or invent
	// surface for ditches a metre wide.
	BuildingReport, StreetReport, AddressReport, WaterReport Report
	// BuildingRelations is the number of building relations seen:
	// type=multipolygon with building=* (assembled from their outer and
	// inner ways, or skipped under SkipOSMRingsUnclosed) and type=building
	// (skipped under SkipOSMBuildingGroup: their outline is a building way
	// already read). All are counted in BuildingReport.
	BuildingRelations int
}

// ReadOSMPBF reads buildings, highways, address nodes and surface water
// from an OSM PBF extract. file names the source in errors.
//
// It first walks the blob framing of the file without decompressing
// anything, rejecting a truncated file or a blob whose declared sizes
// exceed the limits of the format (64 KiB header, 32 MiB blob, 32 MiB
// uncompressed), so that a crafted size cannot make the decoder allocate
// gigabytes. Then it makes three passes over r (hence io.ReadSeeker): relations (to learn
// which ways are members of building multipolygons), ways (to learn which
// nodes are needed), then everything, keeping only the coordinates of the
// needed nodes (16 bytes each, in a sorted id slice, not a map of every
// node of the file). Building and water multipolygon relations are assembled from
// their outer and inner member ways; when members do not close into rings
// the relation is counted under SkipOSMRingsUnclosed, and ways whose nodes
// are missing from the extract under SkipMissingNodes. Nothing is dropped
// without a count.
//
// Memory: the needed node coordinates plus the output. Not safe to call on
// one r from several goroutines; separate calls are independent.
func ReadOSMPBF(ctx context.Context, r io.ReadSeeker, file string) (*OSMExtract, error) {
	return ReadOSMPBFWithin(ctx, r, file, nil)
}

// ReadOSMPBFWithin is ReadOSMPBF restricted to what meets bound
// (EPSG:28992; nil: everything), filtered while streaming: a first pass
// over the nodes keeps the ids of those within bound's WGS84 envelope
// (grown by 0.001 degree), and only the ways with a node among them are
// assembled (with all their nodes, inside or not: osmium's complete-ways
// strategy), so memory grows with what lies in bound, not with the file.
// A way, relation or address node is then handed out when its RD
// envelope meets bound; the rest is not read at all and appears in no
// Report, as with GeoPackage.Within. The members of building and water
// multipolygons are kept wherever they lie (a relation is located only
// once assembled). A way that crosses bound without a node inside its
// grown envelope (a long straight road over a small bound) is missed.
func ReadOSMPBFWithin(ctx context.Context, r io.ReadSeeker, file string, bound *orb.Bound) (*OSMExtract, error) {
	corrupt := func(err error) *FeatureError {
		return &FeatureError{File: file, Feature: -1, Err: fmt.Errorf("%w: OSM PBF: %v", ErrCorrupt, err)}
	}
	scan := func(skipNodes, skipWays, skipRels bool, fn func(osm.Object) error) error {
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return &FeatureError{File: file, Feature: -1, Err: err}
		}
		s := osmpbf.New(ctx, r, 1)
		defer s.Close()
		s.SkipNodes, s.SkipWays, s.SkipRelations = skipNodes, skipWays, skipRels
		if _, err := s.Header(); err != nil {
			return corrupt(err)
		}
		for s.Scan() {
			if err := fn(s.Object()); err != nil {
				return err
			}
		}
		if err := s.Err(); err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			return corrupt(err)
		}
		return nil
	}

	if err := checkPBFFraming(r); err != nil {
		fe := corrupt(err)
		var pe *pbfError
		if errors.As(err, &pe) {
			fe.Layer, fe.ID = pe.layer, pe.id
		}
		return nil, fe
	}

	// Pass 0, with a bound: the nodes within its WGS84 envelope.
	var inBox []osm.NodeID
	inside := func(wn osm.WayNodes) bool { return true }
	if bound != nil {
		box, err := wgs84Envelope(*bound)
		if err != nil {
			return nil, &FeatureError{File: file, Feature: -1, Err: err}
		}
		if err := scan(false, true, true, func(o osm.Object) error {
			if n, ok := o.(*osm.Node); ok && box.Contains(orb.Point{n.Lon, n.Lat}) {
				inBox = append(inBox, n.ID)
			}
			return nil
		}); err != nil {
			return nil, err
		}
		if !slices.IsSorted(inBox) {
			slices.Sort(inBox)
		}
		inside = func(wn osm.WayNodes) bool {
			for _, n := range wn {
				if _, found := slices.BinarySearch(inBox, n.ID); found {
					return true
				}
			}
			return false
		}
	}
	meets := func(b orb.Bound) bool { return bound == nil || b.Intersects(*bound) }

	// Pass 1: building and water multipolygon relations and their member
	// ways.
	memberWays := map[osm.WayID]struct{}{}
	if err := scan(true, true, false, func(o osm.Object) error {
		if rel, ok := o.(*osm.Relation); ok && (isBuildingMultipolygon(rel) || isWaterMultipolygon(rel)) {
			for _, m := range rel.Members {
				if m.Type == osm.TypeWay {
					memberWays[osm.WayID(m.Ref)] = struct{}{}
				}
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}

	// Pass 2: the nodes the wanted ways need.
	needed := map[osm.NodeID]struct{}{}
	if err := scan(true, false, true, func(o osm.Object) error {
		w, ok := o.(*osm.Way)
		if !ok {
			return nil
		}
		_, member := memberWays[w.ID]
		if member || (isBuildingWay(w) || w.Tags.HasTag("highway") || isWaterWay(w)) && inside(w.Nodes) {
			for _, n := range w.Nodes {
				needed[n.ID] = struct{}{}
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	nodes := newNodeStore(needed)
	needed = nil
	// With a bound, the ways handed out (a type=building relation is
	// located by its member ways).
	var keptWays map[osm.WayID]struct{}
	if bound != nil {
		keptWays = map[osm.WayID]struct{}{}
	}

	// Pass 3: nodes, ways, relations.
	tr, err := pooledTransformer(EPSGWGS84, EPSGRDNew)
	if err != nil {
		return nil, &FeatureError{File: file, Feature: -1, Err: err}
	}
	defer releaseTransformer(tr)
	ex := &OSMExtract{}
	memberLines := map[osm.WayID][]orb.Point{} // RD coordinates of member ways
	wayErr := func(w *osm.Way, err error) error {
		return &FeatureError{File: file, Layer: "ways", Feature: -1, ID: "way/" + strconv.FormatInt(int64(w.ID), 10), Err: err}
	}
	err = scan(false, false, false, func(o osm.Object) error {
		switch o := o.(type) {
		case *osm.Node:
			nodes.set(o.ID, orb.Point{o.Lon, o.Lat})
			if o.Tags.HasTag("addr:housenumber") {
				p := []orb.Point{{o.Lon, o.Lat}}
				if err := tr.Points(p); err != nil {
					return &FeatureError{File: file, Layer: "nodes", Feature: -1, ID: "node/" + strconv.FormatInt(int64(o.ID), 10), Err: err}
				}
				if !meets(p[0].Bound()) {
					return nil
				}
				ex.AddressReport.Read++
				a, _ := AddressFromFeature(Feature{ID: strconv.FormatInt(int64(o.ID), 10), Geometry: p[0], Properties: tagProps(o.Tags)})
				ex.Addresses = append(ex.Addresses, a)
				ex.AddressReport.Used++
			}
		case *osm.Way:
			_, member := memberWays[o.ID]
			building, highway, water := isBuildingWay(o), o.Tags.HasTag("highway"), isWaterWay(o)
			if bound != nil && (building || highway || water || isWaterwayLine(o)) {
				// Not needed in pass 2 unless a node lies inside; then
				// located exactly once its coordinates are known.
				in := inside(o.Nodes)
				if in {
					if line, ok := nodes.line(o.Nodes); ok && tr.Points(line) == nil {
						in = meets(orb.LineString(line).Bound())
					}
				}
				if !in {
					building, highway, water = false, false, false
					if !member {
						return nil
					}
				} else {
					keptWays[o.ID] = struct{}{}
				}
			}
			if !water && isWaterwayLine(o) {
				ex.WaterReport.Read++
				ex.WaterReport.Skip(SkipOSMWaterwayLine)
			}
			if !member && !building && !highway && !water {
				return nil
			}
			if building {
				ex.BuildingReport.Read++
			}
			if highway {
				ex.StreetReport.Read++
			}
			if water {
				ex.WaterReport.Read++
			}
			line, ok := nodes.line(o.Nodes)
			if !ok {
				if building {
					ex.BuildingReport.Skip(SkipMissingNodes)
				}
				if highway {
					ex.StreetReport.Skip(SkipMissingNodes)
				}
				if water {
					ex.WaterReport.Skip(SkipMissingNodes)
				}
				return nil
			}
			if err := tr.Points(line); err != nil {
				return wayErr(o, err)
			}
			if member {
				memberLines[o.ID] = line
			}
			id := strconv.FormatInt(int64(o.ID), 10)
			if highway {
				if len(line) < 2 {
					ex.StreetReport.Skip(SkipNotALine)
				} else {
					ex.Streets = append(ex.Streets, Street{ID: id, Name: o.Tags.Find("name"), Class: o.Tags.Find("highway"), Line: line})
					ex.StreetReport.Used++
				}
			}
			closed := len(line) >= 4 && line[0] == line[len(line)-1] && o.Nodes[0].ID == o.Nodes[len(o.Nodes)-1].ID
			if water {
				if !closed {
					ex.WaterReport.Skip(SkipUnclosedBuilding)
				} else {
					ex.addWater(orb.MultiPolygon{{orb.Ring(line)}}, "way/"+id, o.Tags)
				}
			}
			if building {
				if !closed {
					ex.BuildingReport.Skip(SkipUnclosedBuilding)
					return nil
				}
				ex.addBuilding(Feature{ID: id, Geometry: orb.Polygon{orb.Ring(line)}, Properties: tagProps(o.Tags)}, "way/"+id)
			}
		case *osm.Relation:
			if bound != nil && !relationMeets(o, memberLines, keptWays, *bound) {
				return nil
			}
			if isBuildingGroup(o) {
				ex.BuildingReport.Read++
				ex.BuildingRelations++
				ex.BuildingReport.Skip(SkipOSMBuildingGroup)
				return nil
			}
			if isWaterMultipolygon(o) {
				ex.WaterReport.Read++
				poly, ok := assembleMultipolygon(o, memberLines)
				if !ok {
					ex.WaterReport.Skip(SkipOSMRingsUnclosed)
				} else {
					mp, _ := poly.(orb.MultiPolygon)
					if p, ok := poly.(orb.Polygon); ok {
						mp = orb.MultiPolygon{p}
					}
					ex.addWater(mp, "relation/"+strconv.FormatInt(int64(o.ID), 10), o.Tags)
				}
			}
			if !isBuildingMultipolygon(o) {
				return nil
			}
			ex.BuildingReport.Read++
			ex.BuildingRelations++
			poly, ok := assembleMultipolygon(o, memberLines)
			if !ok {
				ex.BuildingReport.Skip(SkipOSMRingsUnclosed)
				return nil
			}
			id := strconv.FormatInt(int64(o.ID), 10)
			ex.addBuilding(Feature{ID: id, Geometry: poly, Properties: tagProps(o.Tags)}, "relation/"+id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ex, nil
}

// relationMeets says whether a relation lies in bound: one of its member
// ways was kept as inside, or the envelope of its assembled member ways
// meets bound.
func relationMeets(rel *osm.Relation, lines map[osm.WayID][]orb.Point, kept map[osm.WayID]struct{}, bound orb.Bound) bool {
	for _, m := range rel.Members {
		if m.Type != osm.TypeWay {
			continue
		}
		if _, ok := kept[osm.WayID(m.Ref)]; ok {
			return true
		}
		if l, ok := lines[osm.WayID(m.Ref)]; ok && len(l) > 0 && orb.LineString(l).Bound().Intersects(bound) {
			return true
		}
	}
	return false
}

// wgs84Envelope is the WGS84 lon,lat envelope of an EPSG:28992 bound:
// its corners and edge midpoints transformed, grown by 0.001 degree (the
// edges of an RD rectangle curve slightly in lon,lat).
func wgs84Envelope(b orb.Bound) (orb.Bound, error) {
	tr, err := pooledTransformer(EPSGRDNew, EPSGWGS84)
	if err != nil {
		return orb.Bound{}, err
	}
	defer releaseTransformer(tr)
	c := b.Center()
	pts := []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]},
		{c[0], b.Min[1]}, {c[0], b.Max[1]}, {b.Min[0], c[1]}, {b.Max[0], c[1]}}
	if err := tr.Points(pts); err != nil {
		return orb.Bound{}, err
	}
	env := orb.MultiPoint(pts).Bound()
	return env.Pad(0.001), nil
}

func (ex *OSMExtract) addBuilding(f Feature, osmID string) {
	p, reason, repair := PandFromFeature(f)
	if reason != "" {
		ex.BuildingReport.Skip(reason)
		return
	}
	if repair != "" {
		ex.BuildingReport.Repair(repair)
	}
	ex.Buildings = append(ex.Buildings, p)
	ex.BuildingOSMIDs = append(ex.BuildingOSMIDs, osmID)
	ex.BuildingReport.Used++
}

// addWater hands on a water polygon (RD coordinates) with a positive
// area; a degenerate one is counted under SkipBadGeometry.
func (ex *OSMExtract) addWater(g orb.MultiPolygon, osmID string, tags osm.Tags) {
	if !(planar.Area(g) > 0) {
		ex.WaterReport.Skip(SkipBadGeometry)
		return
	}
	ex.Water = append(ex.Water, Area{Code: osmID, Name: tags.Find("name"), Kind: AreaWater, Geometry: g})
	ex.WaterReport.Used++
}

// isWaterArea says whether tags mark a surface-water area: natural=water,
// any water=*, waterway=riverbank or dock, landuse=basin or reservoir;
// waterway=canal only when closed says the way is a closed ring (a canal
// drawn as a line is its centreline).
func isWaterArea(tags osm.Tags, closed bool) bool {
	if tags.Find("natural") == "water" || tags.HasTag("water") {
		return true
	}
	switch tags.Find("waterway") {
	case "riverbank", "dock":
		return true
	case "canal":
		return closed
	}
	switch tags.Find("landuse") {
	case "basin", "reservoir":
		return true
	}
	return false
}

// isWaterWay: a way tagged as a water area (see isWaterArea; closed by
// its first and last node id).
func isWaterWay(w *osm.Way) bool {
	closed := len(w.Nodes) >= 4 && w.Nodes[0].ID == w.Nodes[len(w.Nodes)-1].ID
	return isWaterArea(w.Tags, closed)
}

// isWaterwayLine: a linear waterway (canal, river, ditch, drain, stream).
func isWaterwayLine(w *osm.Way) bool {
	switch w.Tags.Find("waterway") {
	case "canal", "river", "ditch", "drain", "stream":
		return true
	}
	return false
}

// isWaterMultipolygon: a type=multipolygon relation tagged as water.
func isWaterMultipolygon(r *osm.Relation) bool {
	return r.Tags.Find("type") == "multipolygon" && isWaterArea(r.Tags, true)
}

func isBuildingWay(w *osm.Way) bool {
	b := w.Tags.Find("building")
	return b != "" && b != "no"
}

// isBuildingMultipolygon: a type=multipolygon relation with building=*.
func isBuildingMultipolygon(r *osm.Relation) bool {
	b := r.Tags.Find("building")
	return r.Tags.Find("type") == "multipolygon" && b != "" && b != "no"
}

// isBuildingGroup: a type=building relation (Simple 3D Buildings), which
// groups an outline way (a building way read on its own) and its
// building:part ways.
func isBuildingGroup(r *osm.Relation) bool { return r.Tags.Find("type") == "building" }

func tagProps(ts osm.Tags) map[string]any {
	m := make(map[string]any, len(ts))
	for _, t := range ts {
		m[t.Key] = t.Value
	}
	return m
}

// nodeStore keeps the coordinates of the needed nodes: ids sorted, with
// their lon,lat beside them; unset coordinates are marked by set[i] false.
type nodeStore struct {
	ids []osm.NodeID
	pts []orb.Point
	ok  []bool
}

func newNodeStore(needed map[osm.NodeID]struct{}) *nodeStore {
	ids := make([]osm.NodeID, 0, len(needed))
	for id := range needed {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return &nodeStore{ids: ids, pts: make([]orb.Point, len(ids)), ok: make([]bool, len(ids))}
}

func (s *nodeStore) set(id osm.NodeID, p orb.Point) {
	if i, found := slices.BinarySearch(s.ids, id); found {
		s.pts[i], s.ok[i] = p, true
	}
}

// line returns the lon,lat coordinates of the way nodes; ok is false when
// a node is missing from the extract.
func (s *nodeStore) line(wn osm.WayNodes) ([]orb.Point, bool) {
	line := make([]orb.Point, len(wn))
	for k, n := range wn {
		i, found := slices.BinarySearch(s.ids, n.ID)
		if !found || !s.ok[i] {
			return nil, false
		}
		line[k] = s.pts[i]
	}
	return line, true
}

// assembleMultipolygon joins the outer and inner member ways of a
// relation into closed rings and returns the polygon(s): a Polygon when
// there is one outer ring, else a MultiPolygon with each inner ring put in
// the outer ring that contains its first vertex.
func assembleMultipolygon(rel *osm.Relation, lines map[osm.WayID][]orb.Point) (orb.Geometry, bool) {
	var outer, inner [][]orb.Point
	for _, m := range rel.Members {
		if m.Type != osm.TypeWay {
			continue
		}
		l, ok := lines[osm.WayID(m.Ref)]
		if !ok {
			return nil, false
		}
		if m.Role == "inner" {
			inner = append(inner, l)
		} else {
			outer = append(outer, l)
		}
	}
	outerRings, ok1 := joinRings(outer)
	innerRings, ok2 := joinRings(inner)
	if !ok1 || !ok2 || len(outerRings) == 0 {
		return nil, false
	}
	mp := make(orb.MultiPolygon, len(outerRings))
	for i, r := range outerRings {
		mp[i] = orb.Polygon{r}
	}
	for _, h := range innerRings {
		for i := range mp {
			if planar.RingContains(mp[i][0], h[0]) {
				mp[i] = append(mp[i], h)
				break
			}
		}
	}
	if len(mp) == 1 {
		return mp[0], true
	}
	return mp, true
}

// joinRings joins lines end to end into closed rings (reversing a line
// where needed). ok is false when some lines do not close.
func joinRings(lines [][]orb.Point) ([]orb.Ring, bool) {
	used := make([]bool, len(lines))
	var rings []orb.Ring
	for i := range lines {
		if used[i] || len(lines[i]) == 0 {
			continue
		}
		used[i] = true
		ring := append([]orb.Point(nil), lines[i]...)
		for ring[0] != ring[len(ring)-1] {
			extended := false
			for j := range lines {
				if used[j] || len(lines[j]) == 0 {
					continue
				}
				l := lines[j]
				switch ring[len(ring)-1] {
				case l[0]:
					ring = append(ring, l[1:]...)
				case l[len(l)-1]:
					for k := len(l) - 2; k >= 0; k-- {
						ring = append(ring, l[k])
					}
				default:
					continue
				}
				used[j], extended = true, true
				break
			}
			if !extended {
				return nil, false
			}
		}
		if len(ring) < 4 {
			return nil, false
		}
		rings = append(rings, ring)
	}
	return rings, true
}
