package warmtenet

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestSegGridNearestBrute: the grid's nearest segment (with its ring
// bound from the sides of the query's cell) is the brute-force nearest
// over every segment, ties to the lowest id, for points inside and
// outside the grid, on cell sides and on segments, with and without a
// distance limit and a filter.
func TestSegGridNearestBrute(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 34))
	const n = 2000
	ax, ay, bx, by := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		// Streets of 2-40 m in a 600 x 400 m block at RD coordinates,
		// some on a 25 m lattice so that ends meet cell sides.
		x, y := 85000+rng.Float64()*600, 446000+rng.Float64()*400
		if i%5 == 0 {
			x, y = 85000+25*math.Floor(rng.Float64()*24), 446000+25*math.Floor(rng.Float64()*16)
		}
		a, l := rng.Float64()*2*math.Pi, 2+rng.Float64()*38
		ax[i], ay[i], bx[i], by[i] = x, y, x+l*math.Cos(a), y+l*math.Sin(a)
	}
	const pad = 1.0
	g := newSegGrid(ax, ay, bx, by, gridCellM, pad)
	brute := func(p orb.Point, maxDist float64, keep func(int32) bool) (int32, float64, float64) {
		s, d2, tt := int32(-1), math.Inf(1), 0.0
		for i := range ax {
			if keep != nil && !keep(int32(i)) {
				continue
			}
			dd, ti := segDist2(p, ax[i], ay[i], bx[i], by[i])
			if dd < d2 {
				s, d2, tt = int32(i), dd, ti
			}
		}
		if d2 > maxDist*maxDist {
			return -1, math.Inf(1), 0
		}
		return s, d2, tt
	}
	odd := func(s int32) bool { return s%2 == 1 }
	for q := range 20000 {
		var p orb.Point
		switch q % 4 {
		case 0: // anywhere around the block
			p = orb.Point{84900 + rng.Float64()*800, 445900 + rng.Float64()*600}
		case 1: // on a cell side
			p = orb.Point{g.minX + g.cell*math.Floor(rng.Float64()*float64(g.nx)), g.minY + rng.Float64()*float64(g.ny)*g.cell}
		case 2: // on a segment
			i, f := rng.IntN(n), rng.Float64()
			p = orb.Point{ax[i] + f*(bx[i]-ax[i]), ay[i] + f*(by[i]-ay[i])}
		default: // within a few metres of a segment end
			i := rng.IntN(n)
			p = orb.Point{ax[i] + rng.NormFloat64()*2, ay[i] + rng.NormFloat64()*2}
		}
		maxDist := []float64{math.Inf(1), pad, 0.5, 3, 30}[q%5]
		var keep func(int32) bool
		if q%3 == 0 {
			keep = odd
		}
		s, d2, tt := g.nearest(p, maxDist, keep)
		ws, wd2, wt := brute(p, maxDist, keep)
		if s != ws || d2 != wd2 || tt != wt {
			t.Fatalf("query %d at %v (limit %v m): grid gives segment %d at %v m (t %v), brute force %d at %v m (t %v)",
				q, p, maxDist, s, math.Sqrt(d2), tt, ws, math.Sqrt(wd2), wt)
		}
	}
}
