package geodata

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestPointOnSurface(t *testing.T) {
	t.Parallel()
	square := orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}
	// An L whose centroid lies outside it.
	ell := orb.Polygon{{{0, 0}, {10, 0}, {10, 1}, {1, 1}, {1, 10}, {0, 10}, {0, 0}}}
	// A square with a hole around its centroid.
	holed := orb.Polygon{square[0], {{2, 2}, {2, 8}, {8, 8}, {8, 2}, {2, 2}}}
	for _, c := range []struct {
		name string
		p    orb.Polygon
		want *orb.Point
	}{
		{"square: its centroid", square, &orb.Point{5, 5}},
		{"L", ell, nil},
		{"holed", holed, nil},
	} {
		got := PointOnSurface(c.p)
		if c.want != nil && got != *c.want {
			t.Errorf("%s: %v, want %v", c.name, got, *c.want)
		}
		if !planar.PolygonContains(c.p, got) {
			t.Errorf("%s: %v is not inside", c.name, got)
		}
	}
}
