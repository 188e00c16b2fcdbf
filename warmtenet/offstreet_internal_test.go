package warmtenet

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestSegGridAnyNear: on random segments and random boxes, anyNear is
// never false for a box holding a point (its corners, its centre, random
// points in it) within the pad of a segment (segGrid.nearest finds one):
// existingCover's skip of an edge whose box lists no segment loses no
// match. It also skips: some boxes are far from every segment.
func TestSegGridAnyNear(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 15))
	skipped := 0
	for round := 0; round < 50; round++ {
		var ax, ay, bx, by []float64
		for k := 1 + rng.IntN(8); k > 0; k-- {
			x, y := 1000*rng.Float64(), 1000*rng.Float64()
			ax, ay = append(ax, x), append(ay, y)
			bx, by = append(bx, x+100*(rng.Float64()-0.5)), append(by, y+100*(rng.Float64()-0.5))
		}
		const pad = 8.0
		g := newSegGrid(ax, ay, bx, by, max(gridCellM, 2*pad), pad)
		for q := 0; q < 400; q++ {
			x, y := 1100*rng.Float64()-50, 1100*rng.Float64()-50
			b := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 60*rng.Float64(), y + 60*rng.Float64()}}
			pts := []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}, b.Center()}
			for k := 0; k < 20; k++ {
				pts = append(pts, orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])})
			}
			near := false
			for _, p := range pts {
				if s, _, _ := g.nearest(p, pad, nil); s >= 0 {
					near = true
				}
			}
			any := g.anyNear(b.Pad(nearSlackM))
			if near && !any {
				t.Fatalf("round %d: box %v holds a point within %v m of a segment, anyNear false", round, b, pad)
			}
			if !any {
				skipped++
			}
		}
	}
	if skipped == 0 {
		t.Errorf("anyNear never false: it skips nothing")
	}
}
