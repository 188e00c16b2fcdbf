package wijkanalyse

import (
	"math"

	"github.com/paulmach/orb"
)

// grid is a uniform grid over bounding boxes: each box is listed in every
// cell it overlaps. With a cell size near the typical footprint size a
// query touches a handful of cells, so finding the neighbours of n
// footprints is O(n) on ordinary urban input (not O(n^2)). Building it is
// O(n); it keeps the boxes it is given. Read-only use is safe for
// concurrent goroutines.
type grid struct {
	minX, minY float64
	cell       float64
	nx, ny     int
	start      []int32 // CSR offsets per cell, len nx*ny+1
	items      []int32 // box indexes per cell
	boxes      []orb.Bound
}

// maxGridCells caps the grid so a huge extent with a small cell cannot
// allocate without bound; the cell grows instead.
const maxGridCells = 1 << 22

// newGrid indexes boxes with the given cell size (m).
func newGrid(boxes []orb.Bound, cell float64) *grid {
	g := &grid{boxes: boxes, cell: cell}
	if len(boxes) == 0 {
		g.nx, g.ny = 1, 1
		g.start = make([]int32, 2)
		return g
	}
	all := boxes[0]
	for _, b := range boxes[1:] {
		all = all.Union(b)
	}
	g.minX, g.minY = all.Min[0], all.Min[1]
	w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
	for {
		g.nx = int(w/g.cell) + 1
		g.ny = int(h/g.cell) + 1
		if g.nx*g.ny <= maxGridCells {
			break
		}
		g.cell *= 2
	}
	counts := make([]int32, g.nx*g.ny+1)
	for _, b := range boxes {
		x0, y0, x1, y1 := g.span(b)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				counts[y*g.nx+x+1]++
			}
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	g.start = counts
	g.items = make([]int32, counts[len(counts)-1])
	fill := make([]int32, g.nx*g.ny)
	copy(fill, counts[:g.nx*g.ny])
	for i, b := range boxes {
		x0, y0, x1, y1 := g.span(b)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*g.nx + x
				g.items[fill[c]] = int32(i)
				fill[c]++
			}
		}
	}
	return g
}

// span returns the cell range a box covers, clamped to the grid.
func (g *grid) span(b orb.Bound) (x0, y0, x1, y1 int) {
	cl := func(v float64, n int) int {
		i := int(math.Floor(v / g.cell))
		return max(0, min(n-1, i))
	}
	return cl(b.Min[0]-g.minX, g.nx), cl(b.Min[1]-g.minY, g.ny),
		cl(b.Max[0]-g.minX, g.nx), cl(b.Max[1]-g.minY, g.ny)
}

// query calls fn for every indexed box that intersects q (each at most
// once, using seen as scratch: seen must have len(boxes) entries and is
// stamped with stamp). fn returns false to stop.
func (g *grid) query(q orb.Bound, seen []uint32, stamp uint32, fn func(i int) bool) {
	if len(g.boxes) == 0 {
		return
	}
	x0, y0, x1, y1 := g.span(q)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*g.nx + x
			for _, it := range g.items[g.start[c]:g.start[c+1]] {
				if seen[it] == stamp {
					continue
				}
				seen[it] = stamp
				if !g.boxes[it].Intersects(q) {
					continue
				}
				if !fn(int(it)) {
					return
				}
			}
		}
	}
}

// expand grows a bound by d metres on every side.
func expand(b orb.Bound, d float64) orb.Bound {
	return orb.Bound{Min: orb.Point{b.Min[0] - d, b.Min[1] - d}, Max: orb.Point{b.Max[0] + d, b.Max[1] + d}}
}
