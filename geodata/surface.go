package geodata

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// PointOnSurface returns a point inside p (not on its boundary, for a
// polygon with area): the centroid when it lies inside, else the middle of
// the widest piece of the horizontal line through the centroid's y that
// runs inside p. It decides which buurt a pand belongs to, so that every
// pand belongs to at most one: a footprint that straddles a buurt border
// goes to the buurt holding this point. O(vertices); pure Go.
func PointOnSurface(p orb.Polygon) orb.Point {
	if len(p) == 0 || len(p[0]) == 0 {
		return orb.Point{math.NaN(), math.NaN()}
	}
	c, area := planar.CentroidArea(p)
	if area != 0 && planar.PolygonContains(p, c) {
		return c
	}
	b := p.Bound()
	y := c[1]
	if !(y > b.Min[1] && y < b.Max[1]) {
		y = (b.Min[1] + b.Max[1]) / 2
	}
	// Crossings of the line at y with every ring's edges; pairs of
	// crossings bound the pieces inside (even-odd, as holes are rings).
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, q := r[i], r[i+1]
			if (a[1] > y) != (q[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(q[0]-a[0])/(q[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	best, bx := -1.0, c[0]
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > best {
			best, bx = w, (xs[i]+xs[i+1])/2
		}
	}
	if best < 0 {
		return p[0][0] // degenerate: no area
	}
	return orb.Point{bx, y}
}
