package geodata

import (
	"math"

	"github.com/paulmach/orb"
)

// FootprintIndex is a uniform grid over pand footprints for point-in-
// polygon queries, in pure Go (flat CSR cell lists, no pointers per cell).
// Each footprint is listed in every cell its bounding box touches. Build
// is O(n + cells); a query looks at the footprints of one cell. The index
// keeps a reference to the footprints it was built from (not a copy), and
// is safe for concurrent queries once built.
type FootprintIndex struct {
	polys   []orb.Polygon
	bounds  []orb.Bound
	origin  orb.Point
	cell    float64 // cell side, metres
	nx, ny  int
	offsets []int32 // cell c lists items[offsets[c]:offsets[c+1]]
	items   []int32
}

// NewFootprintIndex indexes the footprints of panden. The cell side is
// the square root of the mean bounding-box area (at least 5 m), and the
// grid has at most about 4 cells per footprint, so memory is O(n).
func NewFootprintIndex(panden []Pand) *FootprintIndex {
	polys := make([]orb.Polygon, len(panden))
	for i := range panden {
		polys[i] = panden[i].Footprint
	}
	return newFootprintIndex(polys)
}

func newFootprintIndex(polys []orb.Polygon) *FootprintIndex {
	ix := &FootprintIndex{polys: polys, bounds: make([]orb.Bound, len(polys))}
	var all orb.Bound
	var area float64
	first := true
	for i, p := range polys {
		if len(p) == 0 || len(p[0]) == 0 {
			ix.bounds[i] = orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{0, 0}} // empty: never matches
			continue
		}
		b := p[0].Bound()
		ix.bounds[i] = b
		area += (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1])
		if first {
			all, first = b, false
		} else {
			all = all.Union(b)
		}
	}
	n := len(polys)
	if first || n == 0 {
		ix.nx, ix.ny, ix.cell = 0, 0, 1
		return ix
	}
	cell := math.Max(5, math.Sqrt(area/float64(n)))
	w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
	for (w/cell+1)*(h/cell+1) > float64(4*n+16) {
		cell *= 1.5
	}
	ix.origin, ix.cell = all.Min, cell
	ix.nx, ix.ny = int(w/cell)+1, int(h/cell)+1
	counts := make([]int32, ix.nx*ix.ny+1)
	ix.eachCell(func(c, _ int) { counts[c+1]++ })
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	ix.offsets = counts
	ix.items = make([]int32, counts[len(counts)-1])
	fill := make([]int32, ix.nx*ix.ny)
	ix.eachCell(func(c, i int) {
		ix.items[ix.offsets[c]+fill[c]] = int32(i)
		fill[c]++
	})
	return ix
}

// eachCell calls fn(cell, footprint) for every cell each footprint's box
// touches, in footprint order.
func (ix *FootprintIndex) eachCell(fn func(c, i int)) {
	for i, b := range ix.bounds {
		if b.Min[0] > b.Max[0] {
			continue
		}
		x0, y0 := ix.cellOf(b.Min)
		x1, y1 := ix.cellOf(b.Max)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				fn(y*ix.nx+x, i)
			}
		}
	}
}

func (ix *FootprintIndex) cellOf(p orb.Point) (int, int) {
	x := int((p[0] - ix.origin[0]) / ix.cell)
	y := int((p[1] - ix.origin[1]) / ix.cell)
	return min(max(x, 0), ix.nx-1), min(max(y, 0), ix.ny-1)
}

// Locate returns the index of the footprint that contains p (holes
// excluded, boundary included: OSM address nodes are often vertices of the
// building outline), or -1. Where footprints overlap, the
// lowest index wins, so the answer does not depend on the grid.
func (ix *FootprintIndex) Locate(p orb.Point) int {
	if ix.nx == 0 || p[0] < ix.origin[0] || p[1] < ix.origin[1] ||
		p[0] > ix.origin[0]+float64(ix.nx)*ix.cell || p[1] > ix.origin[1]+float64(ix.ny)*ix.cell {
		return -1
	}
	x, y := ix.cellOf(p)
	c := y*ix.nx + x
	// a cell lists its footprints in ascending order: the first hit is
	// the lowest index
	for _, i := range ix.items[ix.offsets[c]:ix.offsets[c+1]] {
		if ix.bounds[i].Contains(p) && polygonContains(ix.polys[i], p) {
			return int(i)
		}
	}
	return -1
}

// AssignPoints returns, for each point, the index of the pand whose
// footprint contains it, or -1 (see FootprintIndex.Locate).
// O(n + m*k) for n panden, m points and k footprints per grid cell.
func AssignPoints(panden []Pand, pts []orb.Point) []int {
	ix := NewFootprintIndex(panden)
	out := make([]int, len(pts))
	for j, p := range pts {
		out[j] = ix.Locate(p)
	}
	return out
}

// CountDwellings counts, per pand, the address points (or verblijfsobject
// points) that lie in its footprint: counts[i] for panden[i]. Points in no
// footprint are not counted anywhere; outside is their number, so that
// sum(counts) + outside == len(pts). Use it to estimate dwellings per pand
// when BAG verblijfsobjecten are not available (OSM and GeoJSON inputs).
// Coordinates must be in one CRS (EPSG:28992). O(n + m*k), see
// AssignPoints; it keeps nothing of its arguments.
func CountDwellings(panden []Pand, pts []orb.Point) (counts []int, outside int) {
	counts = make([]int, len(panden))
	for _, i := range AssignPoints(panden, pts) {
		if i < 0 {
			outside++
			continue
		}
		counts[i]++
	}
	return counts, outside
}

// polygonContains reports whether p lies in poly: inside or on the outer
// ring, and not strictly inside a hole (a point on a hole's edge is on the
// polygon's boundary, so in). Crossing-number test with an exact on-edge
// check, matching orb/planar.PolygonContains without recomputing ring
// bounds (the index checks the box).
func polygonContains(poly orb.Polygon, p orb.Point) bool {
	if len(poly) == 0 {
		return false
	}
	if in, on := ringContains(poly[0], p); !in && !on {
		return false
	}
	for _, h := range poly[1:] {
		if in, on := ringContains(h, p); in && !on {
			return false
		}
	}
	return true
}

// ringContains: in when the ray from p to +x crosses r an odd number of
// times; on when p lies exactly on an edge or vertex of r.
func ringContains(r orb.Ring, p orb.Point) (in, on bool) {
	n := len(r)
	if n == 0 {
		return false, false
	}
	j := n - 1
	for i := 0; i < n; i++ {
		a, b := r[i], r[j]
		j = i
		if a == p {
			return true, true
		}
		// on the segment a-b: collinear and within its box
		if (b[0]-a[0])*(p[1]-a[1]) == (b[1]-a[1])*(p[0]-a[0]) &&
			min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
			min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1]) {
			return true, true
		}
		if (a[1] > p[1]) != (b[1] > p[1]) &&
			p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in, false
}
