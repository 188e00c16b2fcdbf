package warmtenet

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// ErrBadStreet reports street geometry that cannot be used (a non-finite
// coordinate); it is wrapped in a geodata.FeatureError naming the street.
var ErrBadStreet = errors.New("warmtenet: bad street geometry")

// DefaultSnapToleranceM is the default distance, in metres, within which a
// street end is joined to another street. 1 m is below the width of any
// street and above the ~0.3 m offset of the demo's RD approximation
// (testdata README) and typical digitising gaps in OSM/NWB centrelines.
const DefaultSnapToleranceM = 1.0

// coincideM is the distance, in metres, below which two computed points
// (shared vertices, crossings found from several segment pairs) are the
// same node. It is far below any survey precision.
const coincideM = 1e-4

// StreetOptions control how street lines become a graph.
type StreetOptions struct {
	// SnapToleranceM: a street end within this many metres of another
	// street is joined to it (end to end, or end onto the other's line,
	// which is split there). 0 means DefaultSnapToleranceM; a negative
	// value disables snapping.
	SnapToleranceM float64
}

// StreetStats counts what building the graph changed in its input.
type StreetStats struct {
	Streets        int      // street pieces read
	ZeroLength     int      // pieces with no length (fewer than two distinct points), removed
	Collapsed      int      // pieces shorter than the snap tolerance that snapping reduced to a point, removed
	Duplicates     int      // graph edges that repeated another edge between the same nodes, removed
	DuplicateM     float64  // their length, m
	Crossings      int      // segment pairs that cross, touch or overlap (a shared vertex counts once per pair)
	SnappedEnds    int      // street ends moved by snapping (gaps bridged)
	MaxSnapGapM    float64  // the largest gap bridged, m
	Loops          int      // closed pieces split in two so that no edge is a self-loop
	Nodes, Edges   int      // size of the resulting graph
	TotalLengthM   float64  // total edge length, m
	RemovedStreets []string // ids of the removed zero-length pieces, in input order
}

// Component is one connected part of a street graph.
type Component struct {
	ID      int     // 0 is the longest
	Nodes   int     // number of nodes
	Edges   int     // number of edges
	LengthM float64 // total edge length, m
}

// StreetGraph is a street network noded at crossings: Graph's weights are
// edge lengths in metres; edge e runs along Lines[e] from node EdgeU[e] to
// EdgeV[e] and came from input street Street[e]. Coordinates are EPSG:28992.
type StreetGraph struct {
	Graph      *Graph
	Nodes      []orb.Point      // node positions
	Lines      []orb.LineString // edge geometry, first point at EdgeU, last at EdgeV
	Street     []int32          // index into the input streets per edge
	Class      []string         // road class per edge (the street's Class)
	NodeComp   []int32          // component id per node
	Components []Component      // longest first; never empty pieces dropped silently
	Stats      StreetStats

	tol float64 // the snap tolerance it was built with, m (snapTolerance)

	// idx is the graph's StreetIndex, built on the first Route over it
	// (streetIndex) and shared by every later one.
	idxOnce sync.Once
	idx     *StreetIndex
}

// streetIndex returns NewStreetIndex(sg), built once per graph: a
// StreetGraph is read-only once built, and so is its index.
func (sg *StreetGraph) streetIndex() *StreetIndex {
	sg.idxOnce.Do(func() { sg.idx = NewStreetIndex(sg) })
	return sg.idx
}

// cut is a point where a street line is split: on segment seg at
// parameter t, at global point pt.
type cut struct {
	seg int32
	t   float64
	pt  int32
}

// noder holds the working state of NewStreetGraph.
type noder struct {
	tol    float64
	lines  []orb.LineString // cleaned input lines (nil when removed)
	pts    []orb.Point      // global points; cuts refer to them
	onLine []bool           // point lies inside a line (crossing or snap target), not only at an end
	cuts   [][]cut          // per line
	parent []int32          // union-find over points
	// cells hashes the points by coincideCellM cell (coincideCell) for
	// addCoincident: the index into cellPts of the cell's points, in the
	// order they were added; near is addCoincident's buffer.
	cells   map[uint64]int32
	cellPts [][]int32
	near    []coincident
	// flat segment arrays
	segLine            []int32
	segK               []int32
	ax, ay, bx, by     []float64
	stats              StreetStats
	removedStreetIndex []int
}

// NewStreetGraph builds a street graph from street lines: it removes
// repeated points and zero-length pieces, nodes the lines at every
// crossing and touching point (pure-Go segment intersection over a
// uniform grid), joins street ends that lie within the snap tolerance of
// another street (the other street is split at the nearest point),
// removes duplicate edges, splits closed loops and labels the connected
// components. Nothing is dropped without being counted in Stats.
//
// Crossings are noded even where the data means a bridge: a heat pipe
// follows the street, and the error is small for a first design.
// It takes O(s log s) for s segments on street-like input (a grid keeps
// the pair tests local) and keeps no reference to streets.
func NewStreetGraph(streets []geodata.Street, opt StreetOptions) (*StreetGraph, error) {
	tol := snapTolerance(opt.SnapToleranceM)
	n := &noder{tol: tol}
	n.stats.Streets = len(streets)
	if err := n.clean(streets); err != nil {
		return nil, err
	}
	n.segments()
	cell := max(gridCellM, 4*tol)
	grid := newSegGrid(n.ax, n.ay, n.bx, n.by, cell, tol)
	for i, ls := range n.lines {
		if ls == nil {
			continue
		}
		n.addCut(int32(i), 0, 0, n.newPoint(ls[0], false))
		n.addCut(int32(i), int32(len(ls)-2), 1, n.newPoint(ls[len(ls)-1], false))
	}
	n.intersect(grid)
	n.mergeCoincident()
	if tol > 0 {
		n.snapEnds(grid)
	}
	sg, err := n.build(streets)
	if err != nil {
		return nil, err
	}
	return sg, nil
}

func (n *noder) clean(streets []geodata.Street) error {
	n.lines = make([]orb.LineString, len(streets))
	n.cuts = make([][]cut, len(streets))
	for i, s := range streets {
		var ls orb.LineString
		for j, p := range s.Line {
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
				return &geodata.FeatureError{Layer: "streets", Feature: i, ID: s.ID,
					Err: fmt.Errorf("%w: point %d is %v", ErrBadStreet, j, p)}
			}
			if len(ls) > 0 && dist(ls[len(ls)-1], p) <= coincideM {
				continue
			}
			ls = append(ls, p)
		}
		if len(ls) < 2 {
			n.stats.ZeroLength++
			n.stats.RemovedStreets = append(n.stats.RemovedStreets, s.ID)
			continue
		}
		n.lines[i] = ls
	}
	return nil
}

func (n *noder) segments() {
	for i, ls := range n.lines {
		for k := 0; k+1 < len(ls); k++ {
			n.segLine = append(n.segLine, int32(i))
			n.segK = append(n.segK, int32(k))
			n.ax, n.ay = append(n.ax, ls[k][0]), append(n.ay, ls[k][1])
			n.bx, n.by = append(n.bx, ls[k+1][0]), append(n.by, ls[k+1][1])
		}
	}
}

func (n *noder) newPoint(p orb.Point, onLine bool) int32 {
	n.pts = append(n.pts, p)
	n.onLine = append(n.onLine, onLine)
	return int32(len(n.pts) - 1)
}

// addCut records a split of line i on segment k at t; t = 1 on an inner
// segment is stored as t = 0 on the next, so equal points sort together.
func (n *noder) addCut(i, k int32, t float64, pt int32) {
	if t >= 1 && int(k) < len(n.lines[i])-2 {
		k, t = k+1, 0
	}
	n.cuts[i] = append(n.cuts[i], cut{seg: k, t: t, pt: pt})
}

// segCut adds a cut on segment s at parameter t, reusing the segment's
// vertex coordinates at its ends so that shared vertices stay exact.
func (n *noder) segCut(s int32, t float64, p orb.Point, pt int32) int32 {
	if pt < 0 {
		pt = n.newPoint(p, t > 0 && t < 1)
	}
	n.addCut(n.segLine[s], n.segK[s], t, pt)
	return pt
}

// intersect finds every pair of segments that cross, touch or overlap and
// cuts both there. A pair is tested once: in the grid cell holding the
// lower-left corner of the overlap of their boxes.
func (n *noder) intersect(g *segGrid) {
	// Each segment's bounding box, once.
	ns := len(n.ax)
	lox, loy, hix, hiy := make([]float64, ns), make([]float64, ns), make([]float64, ns), make([]float64, ns)
	for s := range ns {
		lox[s], hix[s] = math.Min(n.ax[s], n.bx[s]), math.Max(n.ax[s], n.bx[s])
		loy[s], hiy[s] = math.Min(n.ay[s], n.by[s]), math.Max(n.ay[s], n.by[s])
	}
	for s := range ns {
		i0, j0 := g.cellOf(lox[s], loy[s])
		i1, j1 := g.cellOf(hix[s], hiy[s])
		for j := j0; j <= j1; j++ {
			for i := i0; i <= i1; i++ {
				for _, o := range g.cellItems(i, j) {
					if int(o) <= s {
						continue
					}
					// Boxes must overlap; test in the cell of the overlap's corner.
					ox := math.Max(lox[s], lox[o])
					oy := math.Max(loy[s], loy[o])
					if ox > math.Min(hix[s], hix[o]) || oy > math.Min(hiy[s], hiy[o]) {
						continue
					}
					if ci, cj := g.cellOf(ox, oy); ci != i || cj != j {
						continue
					}
					if n.segLine[s] == n.segLine[o] && abs(int(n.segK[s]-n.segK[o])) == 1 {
						continue // neighbours on one line share their vertex
					}
					n.pair(int32(s), o)
				}
			}
		}
	}
}

// pair cuts segments s and o where they meet.
func (n *noder) pair(s, o int32) {
	p := orb.Point{n.ax[s], n.ay[s]}
	r := orb.Point{n.bx[s] - p[0], n.by[s] - p[1]}
	q := orb.Point{n.ax[o], n.ay[o]}
	w := orb.Point{n.bx[o] - q[0], n.by[o] - q[1]}
	lr, lw := math.Hypot(r[0], r[1]), math.Hypot(w[0], w[1])
	d := cross(r, w)
	qp := orb.Point{q[0] - p[0], q[1] - p[1]}
	if math.Abs(d) > 1e-12*lr*lw {
		t := cross(qp, w) / d
		u := cross(qp, r) / d
		et, eu := coincideM/lr, coincideM/lw
		if t < -et || t > 1+et || u < -eu || u > 1+eu {
			return
		}
		t, u = snap01(t, et), snap01(u, eu)
		pt := orb.Point{p[0] + t*r[0], p[1] + t*r[1]}
		switch {
		case u == 0:
			pt = q
		case u == 1:
			pt = orb.Point{n.bx[o], n.by[o]}
		case t == 0:
			pt = p
		case t == 1:
			pt = orb.Point{n.bx[s], n.by[s]}
		}
		id := n.segCut(s, t, pt, -1)
		n.onLine[id] = n.onLine[id] || (u > 0 && u < 1)
		n.segCut(o, u, pt, id)
		n.stats.Crossings++
		return
	}
	// Parallel: only collinear overlaps matter.
	if math.Abs(cross(qp, r))/lr > coincideM {
		return
	}
	rr := lr * lr
	t0 := (qp[0]*r[0] + qp[1]*r[1]) / rr
	t1 := ((n.bx[o]-p[0])*r[0] + (n.by[o]-p[1])*r[1]) / rr
	lo, hi := math.Max(0, math.Min(t0, t1)), math.Min(1, math.Max(t0, t1))
	if hi < lo-coincideM/lr {
		return
	}
	for _, t := range []float64{lo, hi} {
		pt := orb.Point{p[0] + t*r[0], p[1] + t*r[1]}
		_, u := segDist2(pt, q[0], q[1], n.bx[o], n.by[o])
		id := n.segCut(s, t, pt, -1)
		n.onLine[id] = true
		n.segCut(o, u, pt, id)
	}
	n.stats.Crossings++
}

func snap01(t, eps float64) float64 {
	if t <= eps {
		return 0
	}
	if t >= 1-eps {
		return 1
	}
	return t
}

func cross(a, b orb.Point) float64 { return a[0]*b[1] - a[1]*b[0] }

// snapEnds joins every street end that is not already on another street
// to the nearest point of another street within the tolerance: that
// street is cut at the point and the end moves onto it. An end that
// already took part in a snap (as the end or the target) is connected and
// left alone, and an end never moves farther than the tolerance, so
// snaps do not chain.
func (n *noder) snapEnds(g *segGrid) {
	joined := map[int32]bool{} // set roots that took part in a snap
	for i, ls := range n.lines {
		if ls == nil {
			continue
		}
		for end := 0; end < 2; end++ {
			p, k := ls[0], int32(0)
			if end == 1 {
				p, k = ls[len(ls)-1], int32(len(ls)-2)
			}
			li := int32(i)
			r := n.find(n.endPoint(li, end))
			if joined[r] {
				continue
			}
			s, d2, t := g.nearest(p, n.tol, func(o int32) bool {
				if n.segLine[o] != li {
					return true
				}
				// Own line: only segments not touching this end.
				return abs(int(n.segK[o]-k)) > 1
			})
			if s < 0 {
				continue
			}
			d := math.Sqrt(d2)
			if d <= coincideM {
				continue // touching: intersect has cut it
			}
			var q orb.Point
			switch t {
			case 0:
				q = orb.Point{n.ax[s], n.ay[s]}
			case 1:
				q = orb.Point{n.bx[s], n.by[s]}
			default:
				q = orb.Point{n.ax[s] + t*(n.bx[s]-n.ax[s]), n.ay[s] + t*(n.by[s]-n.ay[s])}
			}
			target := n.segCut(s, t, q, -1)
			n.onLine[target] = true
			n.parent = append(n.parent, target)
			n.addCoincident(target)
			n.cutOthersAt(g, q, target, s)
			rq := n.find(target)
			if rq == r || dist(p, n.pts[rq]) > n.tol {
				continue // already joined, or joining would chain past the tolerance
			}
			n.parent[r] = rq
			joined[rq] = true
			n.stats.SnappedEnds++
			n.stats.MaxSnapGapM = math.Max(n.stats.MaxSnapGapM, dist(p, n.pts[rq]))
		}
	}
}

// cutOthersAt cuts every segment other than skip that passes within
// coincideM of q (an overlapping duplicate of the snap target) at point pt.
func (n *noder) cutOthersAt(g *segGrid, q orb.Point, pt, skip int32) {
	i, j := g.cellOf(q[0], q[1])
	for _, o := range g.cellItems(i, j) {
		if o == skip {
			continue
		}
		if d2, t := segDist2(q, n.ax[o], n.ay[o], n.bx[o], n.by[o]); d2 <= coincideM*coincideM {
			n.segCut(o, t, q, pt)
		}
	}
}

// endPoint returns the point id of the start (end 0) or end (end 1) of
// line i: the first two cuts of each line are its ends.
func (n *noder) endPoint(i int32, end int) int32 {
	return n.cuts[i][end].pt
}

func (n *noder) find(a int32) int32 {
	for n.parent[a] != a {
		n.parent[a] = n.parent[n.parent[a]]
		a = n.parent[a]
	}
	return a
}

// union joins two point sets; a point inside a line is preferred as the
// representative so that a continuing street keeps its course.
func (n *noder) union(a, b int32) {
	ra, rb := n.find(a), n.find(b)
	if ra == rb {
		return
	}
	if n.onLine[ra] && !n.onLine[rb] {
		n.parent[rb] = ra
		return
	}
	n.parent[ra] = rb
}

// mergeCoincident sets up the union-find over the points and unites
// points closer than coincideM (see addCoincident).
func (n *noder) mergeCoincident() {
	n.parent = make([]int32, len(n.pts))
	n.cells = make(map[uint64]int32, len(n.pts))
	for id := range n.pts {
		n.parent[id] = int32(id)
		n.addCoincident(int32(id))
	}
}

// coincideCellM is the side of the cells addCoincident hashes points
// by, m: a point has its coincident points in its own cell unless it lies
// within 2 coincideM of the cell's side.
const coincideCellM = 1.0

// coincident is a point within coincideM of the one addCoincident adds:
// its coincideM cell relative to the added point's (dx, dy in -1..1) and
// its id.
type coincident struct {
	dx, dy int64
	id     int32
}

// addCoincident unites point id with the points already added within
// coincideM of it and adds it. The points it unites with are those of a
// grid of coincideM cells (the point's cell and its 8 neighbours), in the
// order of that grid: by cell, dx then dy from -1 to 1, and within a cell
// in the order the points were added (by id). The points are hashed by
// coarser cells (coincideCellM; one look-up per point but near a cell's
// side) and the order restored by sorting the few found.
func (n *noder) addCoincident(id int32) {
	p := n.pts[id]
	kx, ky := int64(math.Floor(p[0]/coincideM)), int64(math.Floor(p[1]/coincideM))
	// twice coincideM, plus some roundings of p's coordinates
	pad := 2*coincideM + 1e-15*(math.Abs(p[0])+math.Abs(p[1]))
	x0, y0 := coincideCell(p[0]-pad), coincideCell(p[1]-pad)
	x1, y1 := coincideCell(p[0]+pad), coincideCell(p[1]+pad)
	near := n.near[:0]
	for cx := x0; cx <= x1; cx++ {
		for cy := y0; cy <= y1; cy++ {
			c, ok := n.cells[cellKey(cx, cy)]
			if !ok {
				continue
			}
			for _, o := range n.cellPts[c] {
				q := n.pts[o]
				dx, dy := int64(math.Floor(q[0]/coincideM))-kx, int64(math.Floor(q[1]/coincideM))-ky
				if dx < -1 || dx > 1 || dy < -1 || dy > 1 || dist(q, p) > coincideM {
					continue
				}
				near = append(near, coincident{dx, dy, o})
			}
		}
	}
	if len(near) > 1 {
		slices.SortFunc(near, func(a, b coincident) int {
			if c := cmp.Compare(a.dx, b.dx); c != 0 {
				return c
			}
			if c := cmp.Compare(a.dy, b.dy); c != 0 {
				return c
			}
			return cmp.Compare(a.id, b.id)
		})
	}
	for _, o := range near {
		n.union(id, o.id)
	}
	n.near = near
	k := cellKey(coincideCell(p[0]), coincideCell(p[1]))
	c, ok := n.cells[k]
	if !ok {
		c = int32(len(n.cellPts))
		n.cells[k] = c
		n.cellPts = append(n.cellPts, nil)
	}
	n.cellPts[c] = append(n.cellPts[c], id)
}

// coincideCell is the coincideCellM cell of a coordinate.
func coincideCell(x float64) int64 { return int64(math.Floor(x / coincideCellM)) }

// cellKey packs a cell's two indexes into a map key; cells whose indexes
// agree in their low 32 bits share a key, which only adds points
// addCoincident then rejects by distance.
func cellKey(cx, cy int64) uint64 { return uint64(uint32(cx))<<32 | uint64(uint32(cy)) }

// build walks every line from cut to cut and emits the edges.
func (n *noder) build(streets []geodata.Street) (*StreetGraph, error) {
	node := make([]int32, len(n.pts)) // root point -> node id
	for i := range node {
		node[i] = -1
	}
	sg := &StreetGraph{}
	nodeOf := func(pt int32) int32 {
		r := n.find(pt)
		if node[r] < 0 {
			node[r] = int32(len(sg.Nodes))
			sg.Nodes = append(sg.Nodes, n.pts[r])
		}
		return node[r]
	}
	var eu, ev []int32
	var ew []float64
	type pairKey struct{ a, b int32 }
	seen := make(map[pairKey][]int32)
	emit := func(a, b int32, geom orb.LineString, street int32) {
		// Pin the ends to the node points (interpolated cuts may differ in
		// the last bits).
		geom[0], geom[len(geom)-1] = sg.Nodes[a], sg.Nodes[b]
		l := lineLength(geom)
		k := pairKey{min(a, b), max(a, b)}
		for _, e := range seen[k] {
			if sameCourse(sg.Lines[e], geom, l, ew[e], dupTolM) {
				n.stats.Duplicates++
				n.stats.DuplicateM += l
				return
			}
		}
		e := int32(len(eu))
		seen[k] = append(seen[k], e)
		eu, ev, ew = append(eu, a), append(ev, b), append(ew, l)
		sg.Lines = append(sg.Lines, geom)
		sg.Street = append(sg.Street, street)
		sg.Class = append(sg.Class, streets[street].Class)
	}
	for i, ls := range n.lines {
		if ls == nil {
			continue
		}
		cs := n.cuts[i]
		slices.SortFunc(cs, func(x, y cut) int {
			if c := cmp.Compare(x.seg, y.seg); c != 0 {
				return c
			}
			return cmp.Compare(x.t, y.t)
		})
		for c := 0; c+1 < len(cs); c++ {
			a, b := cs[c], cs[c+1]
			na, nb := nodeOf(a.pt), nodeOf(b.pt)
			geom := orb.LineString{sg.Nodes[na]}
			for j := a.seg + 1; j <= b.seg; j++ {
				if j == b.seg && b.t == 0 {
					break
				}
				if dist(geom[len(geom)-1], ls[j]) > coincideM {
					geom = append(geom, ls[j])
				}
			}
			if end := sg.Nodes[nb]; dist(geom[len(geom)-1], end) > coincideM || len(geom) == 1 {
				geom = append(geom, end)
			} else {
				geom[len(geom)-1] = end
			}
			l := lineLength(geom)
			if na == nb {
				if l <= max(n.tol, coincideM*10) {
					// Count pieces that had a length before snapping.
					if dist(n.pts[a.pt], n.pts[b.pt])+l > coincideM*10 {
						n.stats.Collapsed++
					}
					continue
				}
				// A closed piece: split it at half its length.
				h := l / 2
				mid := pointAlong(geom, h)
				m := int32(len(sg.Nodes))
				sg.Nodes = append(sg.Nodes, mid)
				emit(na, m, subLine(geom, 0, h), int32(i))
				emit(m, nb, subLine(geom, h, l), int32(i))
				n.stats.Loops++
				continue
			}
			emit(na, nb, geom, int32(i))
		}
	}
	g, err := NewGraph(len(sg.Nodes), eu, ev, ew)
	if err != nil {
		return nil, fmt.Errorf("street graph: %w", err)
	}
	sg.Graph = g
	sg.labelComponents()
	n.stats.Nodes, n.stats.Edges = g.NumNodes(), g.NumEdges()
	for _, w := range ew {
		n.stats.TotalLengthM += w
	}
	sg.Stats = n.stats
	sg.tol = n.tol
	return sg, nil
}

// snapTolerance is the snap tolerance StreetOptions.SnapToleranceM
// stands for, m: 0 for DefaultSnapToleranceM, a negative value for none.
func snapTolerance(t float64) float64 {
	switch {
	case t == 0:
		return DefaultSnapToleranceM
	case t < 0:
		return 0
	}
	return t
}

// dupTolM is how far apart, in metres, two edges between the same nodes
// may run and still count as one street drawn twice: well below a
// street's width, independent of the snap tolerance.
const dupTolM = 0.5

// sameCourse reports whether two edges between the same nodes follow the
// same course: lengths within tol and every vertex of each within tol of
// the other (a vertex-based Hausdorff distance). O(len(a) len(b)).
func sameCourse(a, b orb.LineString, la, lb, tol float64) bool {
	if math.Abs(la-lb) > tol {
		return false
	}
	return vertsNear(a, b, tol) && vertsNear(b, a, tol)
}

// vertsNear reports whether every vertex of a lies within tol of b.
func vertsNear(a, b orb.LineString, tol float64) bool {
	t2 := tol * tol
	for _, p := range a {
		near := false
		for k := 0; k+1 < len(b) && !near; k++ {
			d2, _ := segDist2(p, b[k][0], b[k][1], b[k+1][0], b[k+1][1])
			near = d2 <= t2
		}
		if !near {
			return false
		}
	}
	return true
}

// labelComponents finds the connected components with a union-find and
// numbers them by decreasing length.
func (sg *StreetGraph) labelComponents() {
	g := sg.Graph
	nn := g.NumNodes()
	parent := make([]int32, nn)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(a int32) int32 {
		for parent[a] != a {
			parent[a] = parent[parent[a]]
			a = parent[a]
		}
		return a
	}
	for e := range g.EdgeU {
		a, b := find(g.EdgeU[e]), find(g.EdgeV[e])
		if a != b {
			parent[a] = b
		}
	}
	idx := make(map[int32]int)
	var comps []Component
	root := make([]int, nn)
	for v := 0; v < nn; v++ {
		r := find(int32(v))
		c, ok := idx[r]
		if !ok {
			c = len(comps)
			idx[r] = c
			comps = append(comps, Component{})
		}
		root[v] = c
		comps[c].Nodes++
	}
	for e := range g.EdgeU {
		c := root[g.EdgeU[e]]
		comps[c].Edges++
		comps[c].LengthM += g.Weight[e]
	}
	order := make([]int, len(comps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(comps[b].LengthM, comps[a].LengthM) })
	rank := make([]int32, len(comps))
	sg.Components = make([]Component, len(comps))
	for r, c := range order {
		rank[c] = int32(r)
		sg.Components[r] = comps[c]
		sg.Components[r].ID = r
	}
	sg.NodeComp = make([]int32, nn)
	for v := range sg.NodeComp {
		sg.NodeComp[v] = rank[root[v]]
	}
}

// lineLength returns the planar length of ls in metres.
func lineLength(ls orb.LineString) float64 {
	l := 0.0
	for k := 0; k+1 < len(ls); k++ {
		l += dist(ls[k], ls[k+1])
	}
	return l
}

// pointAlong returns the point at distance d along ls (clamped).
func pointAlong(ls orb.LineString, d float64) orb.Point {
	acc := 0.0
	for k := 0; k+1 < len(ls); k++ {
		l := dist(ls[k], ls[k+1])
		if acc+l >= d && l > 0 {
			t := (d - acc) / l
			return orb.Point{ls[k][0] + t*(ls[k+1][0]-ls[k][0]), ls[k][1] + t*(ls[k+1][1]-ls[k][1])}
		}
		acc += l
	}
	return ls[len(ls)-1]
}

// subLine returns the part of ls between distances from and to along it.
func subLine(ls orb.LineString, from, to float64) orb.LineString {
	out := orb.LineString{pointAlong(ls, from)}
	acc := 0.0
	for k := 1; k < len(ls); k++ {
		acc += dist(ls[k-1], ls[k])
		if acc > from && acc < to {
			out = append(out, ls[k])
		}
	}
	end := pointAlong(ls, to)
	if dist(out[len(out)-1], end) > 0 || len(out) == 1 {
		out = append(out, end)
	}
	return out
}
