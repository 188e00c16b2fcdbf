package wijkanalyse

import (
	"slices"

	"github.com/paulmach/orb"
)

// The land area of a scan without area polygons is the convex hull of the
// footprints (aggregate.go). orb v0.14 has no hull, hence this one.

// convexHull returns the convex hull of pts as a closed ring (Andrew's
// monotone chain, O(n log n)).
func convexHull(pts []orb.Point) orb.Ring {
	if len(pts) < 3 {
		return nil
	}
	ps := append([]orb.Point(nil), pts...)
	// by x, then y: points that compare equal are equal, so every sort
	// gives the same order
	slices.SortFunc(ps, func(a, b orb.Point) int {
		switch {
		case a[0] < b[0] || a[0] == b[0] && a[1] < b[1]:
			return -1
		case a == b:
			return 0
		}
		return 1
	})
	cross := func(o, a, b orb.Point) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	h := make([]orb.Point, 0, 2*len(ps))
	for _, p := range ps {
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lo := len(h) + 1
	for i := len(ps) - 2; i >= 0; i-- {
		p := ps[i]
		for len(h) >= lo && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return orb.Ring(h)
}
