package warmtenet

import (
	"math"

	"github.com/paulmach/orb"
)

// maxGridCells caps the number of cells of a segment grid; a sparse input
// over a large extent gets coarser cells instead of a huge allocation.
const maxGridCells = 1 << 22

// segGrid is a uniform grid over straight segments, stored in flat slices:
// cell c holds the segment ids items[start[c]:start[c+1]]. A segment is
// listed in every cell its bounding box (grown by pad) overlaps.
type segGrid struct {
	minX, minY float64
	cell       float64
	nx, ny     int
	start      []int32
	items      []int32
	ax, ay     []float64 // segment starts
	bx, by     []float64 // segment ends
}

// newSegGrid builds a grid over the segments (ax[i],ay[i])-(bx[i],by[i])
// with cells of about cell metres, each segment padded by pad metres. It
// keeps the coordinate slices. O(n + cells).
func newSegGrid(ax, ay, bx, by []float64, cell, pad float64) *segGrid {
	g := &segGrid{ax: ax, ay: ay, bx: bx, by: by}
	n := len(ax)
	if n == 0 {
		g.cell, g.nx, g.ny = 1, 1, 1
		g.start = make([]int32, 2)
		return g
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i := 0; i < n; i++ {
		minX = math.Min(minX, math.Min(ax[i], bx[i]))
		minY = math.Min(minY, math.Min(ay[i], by[i]))
		maxX = math.Max(maxX, math.Max(ax[i], bx[i]))
		maxY = math.Max(maxY, math.Max(ay[i], by[i]))
	}
	minX -= pad
	minY -= pad
	maxX += pad
	maxY += pad
	if !(cell > 0) {
		cell = 25
	}
	for {
		nx := int((maxX-minX)/cell) + 1
		ny := int((maxY-minY)/cell) + 1
		if nx*ny <= maxGridCells {
			g.nx, g.ny = nx, ny
			break
		}
		cell *= 2
	}
	g.minX, g.minY, g.cell = minX, minY, cell
	count := make([]int32, g.nx*g.ny+1)
	g.eachCell(pad, func(_ int, c int) { count[c+1]++ })
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	g.start = count
	g.items = make([]int32, count[len(count)-1])
	fill := make([]int32, g.nx*g.ny)
	copy(fill, count[:g.nx*g.ny])
	g.eachCell(pad, func(s int, c int) {
		g.items[fill[c]] = int32(s)
		fill[c]++
	})
	return g
}

// eachCell calls fn(segment, cell) for every cell a padded segment box
// overlaps.
func (g *segGrid) eachCell(pad float64, fn func(s, c int)) {
	for s := range g.ax {
		x0, x1 := math.Min(g.ax[s], g.bx[s])-pad, math.Max(g.ax[s], g.bx[s])+pad
		y0, y1 := math.Min(g.ay[s], g.by[s])-pad, math.Max(g.ay[s], g.by[s])+pad
		i0, j0 := g.cellOf(x0, y0)
		i1, j1 := g.cellOf(x1, y1)
		for j := j0; j <= j1; j++ {
			for i := i0; i <= i1; i++ {
				fn(s, j*g.nx+i)
			}
		}
	}
}

// cellOf returns the column and row of a point, clamped to the grid.
func (g *segGrid) cellOf(x, y float64) (int, int) {
	i := int(math.Floor((x - g.minX) / g.cell))
	j := int(math.Floor((y - g.minY) / g.cell))
	return min(max(i, 0), g.nx-1), min(max(j, 0), g.ny-1)
}

// cellItems returns the segment ids of cell (i, j).
func (g *segGrid) cellItems(i, j int) []int32 {
	c := j*g.nx + i
	return g.items[g.start[c]:g.start[c+1]]
}

// nearest returns the segment closest to p among those that keep(s)
// accepts (nil accepts all) and lie within maxDist metres (+Inf for no
// limit), with the squared distance and the parameter t in [0,1] of the
// closest point on it; s is -1 when none qualifies. It searches rings of
// cells outward from p's cell and stops once no unvisited cell can hold a
// closer segment, so a query costs O(segments in the visited cells).
func (g *segGrid) nearest(p orb.Point, maxDist float64, keep func(s int32) bool) (s int32, d2, t float64) {
	s, d2 = -1, math.Inf(1)
	if len(g.ax) == 0 {
		return
	}
	lim2 := maxDist * maxDist
	ci := int(math.Floor((p[0] - g.minX) / g.cell))
	cj := int(math.Floor((p[1] - g.minY) / g.cell))
	// Distance from p to the grid box, for points outside the grid.
	outside := math.Max(0, math.Max(g.minX-p[0], p[0]-(g.minX+float64(g.nx)*g.cell)))
	outside = math.Max(outside, math.Max(g.minY-p[1], p[1]-(g.minY+float64(g.ny)*g.cell)))
	// Distance from p to the sides of its cell, less nearSlackM (0 for
	// a point outside the grid).
	side := 0.0
	if ci >= 0 && ci < g.nx && cj >= 0 && cj < g.ny {
		x0, y0 := g.minX+float64(ci)*g.cell, g.minY+float64(cj)*g.cell
		side = max(0, min(p[0]-x0, x0+g.cell-p[0], p[1]-y0, y0+g.cell-p[1])-nearSlackM)
	}
	maxRing := max(g.nx, g.ny) + max(abs(ci), abs(cj), abs(ci-g.nx), abs(cj-g.ny))
	for r := 0; r <= maxRing; r++ {
		// Cells of ring r lie at least (r-1)*cell + side from p. A
		// segment is listed in the cell of its point nearest p, so one
		// not yet seen lies at least that far.
		if r > 0 {
			ring := math.Max(float64(r-1)*g.cell+side, outside)
			if ring*ring > d2 || ring*ring > lim2 {
				break
			}
		}
		for j := cj - r; j <= cj+r; j++ {
			if j < 0 || j >= g.ny {
				continue
			}
			step := 1
			if j != cj-r && j != cj+r {
				step = 2 * r
			}
			for i := ci - r; i <= ci+r; i += max(step, 1) {
				if i < 0 || i >= g.nx {
					continue
				}
				for _, id := range g.cellItems(i, j) {
					if keep != nil && !keep(id) {
						continue
					}
					dd, tt := segDist2(p, g.ax[id], g.ay[id], g.bx[id], g.by[id])
					if dd < d2 || (dd == d2 && id < s) {
						s, d2, t = id, dd, tt
					}
				}
			}
		}
	}
	if d2 > lim2 {
		return -1, math.Inf(1), 0
	}
	return s, d2, t
}

// nearSlackM is how much nearest takes off the distance from a point to
// the sides of its cell before it trusts it as a bound, m: far above the
// rounding of coordinates of some 10^5 m (about 10^-11 m), so that a
// search stops only where every unseen segment is farther than the best
// by more than rounding, and returns what searching on would.
const nearSlackM = 1e-6

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// segDist2 returns the squared distance from p to segment a-b and the
// parameter t in [0,1] of the closest point a + t(b-a).
func segDist2(p orb.Point, ax, ay, bx, by float64) (float64, float64) {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = ((p[0]-ax)*dx + (p[1]-ay)*dy) / l2
		t = min(max(t, 0), 1)
	}
	qx, qy := ax+t*dx-p[0], ay+t*dy-p[1]
	return qx*qx + qy*qy, t
}

// StreetIndex answers nearest-street queries over the edges of a
// StreetGraph with a pure-Go uniform grid over the edges' straight
// segments (benchmarks/streetindex_test.go measures it against GEOS).
// It is read-only after construction and safe for concurrent use.
type StreetIndex struct {
	grid  *segGrid
	edge  []int32   // per segment: street-graph edge
	along []float64 // per segment: distance along the edge to its start
}

// StreetHit is the answer to a nearest-street query.
type StreetHit struct {
	Edge   int32     // street-graph edge
	Point  orb.Point // closest point on the edge
	AlongM float64   // distance along the edge geometry from its first point to Point, m
	DistM  float64   // distance from the query point to Point, m
}

// gridCellM is the cell size of the street grid: about one street block
// face, so a query looks at a handful of cells. It only affects speed.
const gridCellM = 25.0

// NewStreetIndex indexes the edges of sg. O(segments).
func NewStreetIndex(sg *StreetGraph) *StreetIndex {
	var ax, ay, bx, by, along []float64
	var edge []int32
	for e, ls := range sg.Lines {
		acc := 0.0
		for k := 0; k+1 < len(ls); k++ {
			a, b := ls[k], ls[k+1]
			ax, ay, bx, by = append(ax, a[0]), append(ay, a[1]), append(bx, b[0]), append(by, b[1])
			edge = append(edge, int32(e))
			along = append(along, acc)
			acc += dist(a, b)
		}
	}
	return &StreetIndex{grid: newSegGrid(ax, ay, bx, by, gridCellM, 0), edge: edge, along: along}
}

// Nearest returns the closest point on any edge that keep accepts (nil:
// all edges) within maxDist metres (+Inf: no limit); ok is false when
// there is none.
func (x *StreetIndex) Nearest(p orb.Point, maxDist float64, keep func(edge int32) bool) (hit StreetHit, ok bool) {
	var kf func(int32) bool
	if keep != nil {
		kf = func(s int32) bool { return keep(x.edge[s]) }
	}
	s, d2, t := x.grid.nearest(p, maxDist, kf)
	if s < 0 {
		return StreetHit{}, false
	}
	g := x.grid
	dx, dy := g.bx[s]-g.ax[s], g.by[s]-g.ay[s]
	q := orb.Point{g.ax[s] + t*dx, g.ay[s] + t*dy}
	switch t {
	case 0:
		q = orb.Point{g.ax[s], g.ay[s]}
	case 1:
		q = orb.Point{g.bx[s], g.by[s]}
	}
	return StreetHit{
		Edge:   x.edge[s],
		Point:  q,
		AlongM: x.along[s] + t*math.Hypot(dx, dy),
		DistM:  math.Sqrt(d2),
	}, true
}

func dist(a, b orb.Point) float64 { return math.Hypot(b[0]-a[0], b[1]-a[1]) }
