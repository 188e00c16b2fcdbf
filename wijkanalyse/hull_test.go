package wijkanalyse

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestConvexHull(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		pts    []orb.Point
		areaM2 float64
	}{
		{"too few", []orb.Point{{0, 0}, {1, 1}}, 0},
		{"square with inner and collinear points", []orb.Point{{0, 0}, {4, 0}, {2, 0}, {4, 4}, {0, 4}, {1, 1}, {2, 3}, {0, 2}}, 16},
		{"triangle, duplicates", []orb.Point{{0, 0}, {6, 0}, {0, 3}, {6, 0}, {0, 0}}, 9},
	}
	for _, c := range cases {
		h := convexHull(c.pts)
		if got := math.Abs(planar.Area(h)); math.Abs(got-c.areaM2) > 1e-9 {
			t.Errorf("%s: hull area %.3f, want %.3f (%v)", c.name, got, c.areaM2, h)
		}
		for _, p := range c.pts {
			if len(h) > 0 && !planar.RingContains(h, p) && planar.DistanceFrom(orb.LineString(h), p) > 1e-9 {
				t.Errorf("%s: %v outside the hull %v", c.name, p, h)
			}
		}
	}
}
