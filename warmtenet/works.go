package warmtenet

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// DefaultWorksBufferM is the default distance, in metres, within which a
// street centreline counts as lying along planned works
// (Options.WorksBufferM): half of a 16 m residential street profile (two
// lanes, parking and pavements), so that works drawn on the kerb or the
// pavement still meet the centreline, while a parallel street behind a row
// of houses (30 m or more away) does not. An assumption of wijkwarmte,
// also the parameter net.works.buffer.
const DefaultWorksBufferM = 8.0

// coverStepM is the spacing, in metres, of the points at which an edge is
// tested against zones: the shared length of an edge is measured to about
// this resolution.
const coverStepM = 1.0

// zones answers "is this point within buf of one of these lines or
// polygons, and of which": a uniform grid over the straight segments of
// their lines and rings, and the polygons for containment. Read-only once
// built.
type zones struct {
	buf   float64
	grid  *segGrid
	owner []int32 // per segment: zone index
	polys []orb.Polygon
	pOwn  []int32 // per polygon: zone index
	pBox  []orb.Bound
}

// newZones indexes the geometries gs (lines and polygons, EPSG:28992) for
// points within buf metres of a line, inside a polygon, and with rings
// also within buf of a polygon's boundary; only segments whose box comes
// within buf of bound are kept, so memory follows the street area, not
// the zone file.
func newZones(gs []orb.Geometry, buf float64, bound orb.Bound, rings bool) *zones {
	z := &zones{buf: buf}
	grown := bound.Pad(buf)
	var ax, ay, bx, by []float64
	addLine := func(ls []orb.Point, owner int32) {
		for k := 0; k+1 < len(ls); k++ {
			a, b := ls[k], ls[k+1]
			sb := orb.Bound{Min: orb.Point{math.Min(a[0], b[0]), math.Min(a[1], b[1])}, Max: orb.Point{math.Max(a[0], b[0]), math.Max(a[1], b[1])}}
			if !sb.Pad(buf).Intersects(grown) {
				continue
			}
			ax, ay, bx, by = append(ax, a[0]), append(ay, a[1]), append(bx, b[0]), append(by, b[1])
			z.owner = append(z.owner, owner)
		}
	}
	addPoly := func(p orb.Polygon, owner int32) {
		if len(p) == 0 || !p.Bound().Intersects(grown) {
			return
		}
		z.polys = append(z.polys, p)
		z.pOwn = append(z.pOwn, owner)
		z.pBox = append(z.pBox, p.Bound())
		if rings {
			for _, r := range p {
				addLine(r, owner)
			}
		}
	}
	for i, g := range gs {
		o := int32(i)
		switch g := g.(type) {
		case orb.LineString:
			addLine(g, o)
		case orb.MultiLineString:
			for _, l := range g {
				addLine(l, o)
			}
		case orb.Polygon:
			addPoly(g, o)
		case orb.MultiPolygon:
			for _, p := range g {
				addPoly(p, o)
			}
		}
	}
	z.grid = newSegGrid(ax, ay, bx, by, max(gridCellM, 2*buf), buf)
	return z
}

// at returns the zone p lies in or within buf of (the nearest line or
// ring, else the first containing polygon), or -1.
func (z *zones) at(p orb.Point) int32 {
	if s, _, _ := z.grid.nearest(p, z.buf, nil); s >= 0 {
		return z.owner[s]
	}
	for k, b := range z.pBox {
		if b.Contains(p) && planar.PolygonContains(z.polys[k], p) {
			return z.pOwn[k]
		}
	}
	return -1
}

// atZone reports whether p lies within buf of zone k's lines or rings or
// inside one of its polygons.
func (z *zones) atZone(p orb.Point, k int32) bool {
	if s, _, _ := z.grid.nearest(p, z.buf, func(s int32) bool { return z.owner[s] == k }); s >= 0 {
		return true
	}
	for i, b := range z.pBox {
		if z.pOwn[i] == k && b.Contains(p) && planar.PolygonContains(z.polys[i], p) {
			return true
		}
	}
	return false
}

// cover measures how much of line ls (of length l) lies within the zones:
// the share of its length (points every coverStepM, at the middle of equal
// pieces) and the zone holding most of those points (lowest index on a
// tie), -1 when none. O(l / coverStepM) queries.
func (z *zones) cover(ls orb.LineString, l float64) (share float64, main int32) {
	main = -1
	if len(z.owner) == 0 && len(z.polys) == 0 || len(ls) < 2 {
		return 0, -1
	}
	k := max(1, int(math.Ceil(l/coverStepM)))
	var counts map[int32]int
	hit := 0
	for j := 0; j < k; j++ {
		o := z.at(pointAlong(ls, (float64(j)+0.5)*l/float64(k)))
		if o < 0 {
			continue
		}
		hit++
		if counts == nil {
			counts = map[int32]int{}
		}
		counts[o]++
	}
	best := 0
	for o, c := range counts {
		if c > best || c == best && o < main {
			main, best = o, c
		}
	}
	return float64(hit) / float64(k), main
}

// worksCover returns, per edge of nw, the share of a street edge's length
// that lies along the works and the index of the work holding most of it
// (-1 none). Other edges (service pipes, source links) share nothing.
func worksCover(nw *network, works []geodata.Work, buf float64) (share []float64, work []int32) {
	share = make([]float64, len(nw.eu))
	work = make([]int32, len(nw.eu))
	for e := range work {
		work[e] = -1
	}
	if len(works) == 0 {
		return share, work
	}
	var bound orb.Bound
	first := true
	for e, k := range nw.kind {
		if k != kindStreet {
			continue
		}
		if b := nw.lines[e].Bound(); first {
			bound, first = b, false
		} else {
			bound = bound.Union(b)
		}
	}
	if first {
		return share, work
	}
	gs := make([]orb.Geometry, len(works))
	for i, w := range works {
		gs[i] = w.Geometry
	}
	z := newZones(gs, buf, bound, true)
	for e, k := range nw.kind {
		if k == kindStreet {
			share[e], work[e] = z.cover(nw.lines[e], nw.length[e])
		}
	}
	return share, work
}
