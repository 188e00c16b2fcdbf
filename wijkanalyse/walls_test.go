package wijkanalyse

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

func box(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// wallCases are pairs of footprints with their shared lengths worked out
// by hand for a gap of 0.5 m: ab = length(∂a ∩ buffer(b, 0.5)), ba the
// other way, shared = min(ab, ba).
var wallCases = []struct {
	name   string
	a, b   orb.Polygon
	ab, ba float64
}{
	// The common metre, plus the 0.5 m of the top and the bottom wall
	// within the gap of the neighbour (the buffer's pick-up at the ends).
	{"unit squares sharing an edge", orb.Polygon{box(0, 0, 1, 1)}, orb.Polygon{box(1, 0, 2, 1)}, 2, 2},
	// a's right wall: 0.5 m against b, 0.5 m within 0.5 m of b's corner
	// (1, 0.5) straight below it; a's top wall 0.5 m; a's bottom wall
	// only touches the disc round that corner at (1, 0).
	{"offset by half", orb.Polygon{box(0, 0, 1, 1)}, orb.Polygon{box(1, 0.5, 2, 1.5)}, 1.5, 1.5},
	// 0.3 m apart: the whole facing wall, and (0.5 - 0.3) m of the top and
	// the bottom wall.
	{"0.3 m gap", orb.Polygon{box(0, 0, 1, 1)}, orb.Polygon{box(1.3, 0, 2.3, 1)}, 1.4, 1.4},
	// Only the corner (1, 1): 0.5 m of each of the two walls meeting there.
	{"corner touch", orb.Polygon{box(0, 0, 1, 1)}, orb.Polygon{box(1, 1, 2, 2)}, 1, 1},
	// 1 m overlap of two 2 x 1 m footprints: a's right wall lies inside b
	// (1 m), a's top and bottom walls from x = 0.5 (1.5 m each); the same
	// for b mirrored.
	{"overlapping, shallow", orb.Polygon{box(0, 0, 2, 1)}, orb.Polygon{box(1, 0, 3, 1)}, 4, 4},
	// b covers a's right 3 m with 1 m to spare all round, so a's right
	// wall is inside b but farther than the gap from b's boundary: 4 m
	// (inside) + 2 x (3 m inside + 0.5 m in the gap) = 11 m; b's left wall
	// is inside a for 4 m and within the gap for 0.5 m at each end: 5 m.
	{"overlapping, deep", orb.Polygon{box(0, 0, 4, 4)}, orb.Polygon{box(1, -1, 5, 5)}, 11, 5},
	// A courtyard block (hole 2..8) with a 1 x 1 m shed in the courtyard's
	// corner. The shed is in the hole, not in the block: its two walls on
	// the hole's edges (2 m) and 0.5 m of each of the other two (1 m); the
	// hole's two edges within 0.5 m of the shed, 1.5 m each. Were the hole
	// ignored, the shed's whole 4 m boundary would count as inside.
	{"shed in a courtyard", orb.Polygon{box(0, 0, 10, 10), box(2, 2, 8, 8)}, orb.Polygon{box(2, 2, 3, 3)}, 3, 3},
	// A 2 x 1 m shed against a 20 m wall: 2 m of contact and 0.5 m beyond
	// either end on the long wall, the shed's 2 m wall and 0.5 m of each
	// side wall, so the shed's length plus the gap at each end, not 20 m.
	{"shed against a long wall", orb.Polygon{box(0, 0, 20, 8)}, orb.Polygon{box(5, 8, 7, 9)}, 3, 3},
	// a's edge, the diagonal x + y = c with c = 2 + 0.3·√2, passes 0.3 m
	// from b's corner (1, 1). It enters b's buffer at y = 1.5 (x = c - 1.5)
	// and leaves it at x = 1.5, both on straight parts (the chord of the
	// disc round the corner, 0.8 m, lies between): √2·(3 - c) = √2 - 0.6
	// m. b's top and right walls are within 0.5 m of that line for
	// (0.5 - 0.3)·√2 m each.
	{"diagonal past a corner", orb.Polygon{diamond(2 + 0.3*math.Sqrt2)}, orb.Polygon{box(0, 0, 1, 1)}, math.Sqrt2 - 0.6, 0.4 * math.Sqrt2},
	// The same diagonal 0.45 m from the corner leaves the buffer through
	// the disc: a chord of 2·√(0.5² - 0.45²) m. b's walls: (0.5 - 0.45)·√2
	// m each.
	{"diagonal through the corner's disc", orb.Polygon{diamond(2 + 0.45*math.Sqrt2)}, orb.Polygon{box(0, 0, 1, 1)}, 2 * math.Sqrt(0.25-0.45*0.45), 0.1 * math.Sqrt2},
	// 0.6 m apart: nothing.
	{"too far", orb.Polygon{box(0, 0, 1, 1)}, orb.Polygon{box(1.6, 0, 2.6, 1)}, 0, 0},
}

// diamond is a square of side 10·√2 m with one edge on the line x + y = c
// (from (c/2 + 5, c/2 - 5) to (c/2 - 5, c/2 + 5)) and the rest on the side
// of larger x + y.
func diamond(c float64) orb.Ring {
	a := orb.Point{c/2 + 5, c/2 - 5}
	d := orb.Point{c/2 - 5, c/2 + 5}
	return orb.Ring{a, {a[0] + 10, a[1] + 10}, {d[0] + 10, d[1] + 10}, d, a}
}

// moved rotates p by ang about the origin and shifts it into RD
// coordinates, keeping or dropping the closing point of every ring.
func moved(p orb.Polygon, ang float64, closed bool) orb.Polygon {
	s, c := math.Sincos(ang)
	out := make(orb.Polygon, len(p))
	for r, ring := range p {
		n := len(ring)
		if !closed {
			n--
		}
		for _, pt := range ring[:n] {
			out[r] = append(out[r], orb.Point{85000 + c*pt[0] - s*pt[1], 446000 + s*pt[0] + c*pt[1]})
		}
	}
	return out
}

// TestBoundaryNear: the hand-worked lengths, in both directions, also
// after rotating the pair by 30° into RD coordinates and with open rings.
func TestBoundaryNear(t *testing.T) {
	t.Parallel()
	const gap = 0.5
	for _, c := range wallCases {
		for _, v := range []struct {
			name   string
			ang    float64
			closed bool
		}{{"", 0, true}, {"/rotated", math.Pi / 6, true}, {"/rotated-open", math.Pi / 6, false}} {
			t.Run(c.name+v.name, func(t *testing.T) {
				t.Parallel()
				a, b := c.a, c.b
				if v.ang != 0 {
					a, b = moved(a, v.ang, v.closed), moved(b, v.ang, v.closed)
				}
				var iv []span
				var eb []edgeBox
				ab := boundaryNear(a, b, b.Bound(), gap, &iv, &eb)
				ba := boundaryNear(b, a, a.Bound(), gap, &iv, &eb)
				if math.Abs(ab-c.ab) > 1e-9 || math.Abs(ba-c.ba) > 1e-9 {
					t.Errorf("∂a near b %.12f m, ∂b near a %.12f m; want %g and %g", ab, ba, c.ab, c.ba)
				}
				ws, fails, err := sharedWalls(context.Background(), []orb.Polygon{a, b}, []string{"a", "b"},
					newGrid([]orb.Bound{a.Bound(), b.Bound()}, gridCellM), gap, 1, func(i, j int) bool { return true })
				if err != nil || fails != 0 {
					t.Fatalf("sharedWalls: %d failures, %v", fails, err)
				}
				want := min(c.ab, c.ba)
				switch {
				case want == 0 && len(ws) != 0:
					t.Errorf("walls %v, want none", ws)
				case want > 0 && (len(ws) != 1 || math.Abs(ws[0].lengthM-want) > 1e-9):
					t.Errorf("walls %v, want one of %g m", ws, want)
				}
			})
		}
	}
}

// A footprint with a ring of fewer than 4 points is not measured: each
// of its candidate pairs counts as one failure, as when GEOS refused it.
func TestSharedWallsDegenerate(t *testing.T) {
	t.Parallel()
	fps := []orb.Polygon{
		{box(0, 0, 1, 1)},
		{{{1, 0}, {2, 0}, {1, 0}}}, // 3 points
		{box(0, 1, 1, 2)},
		{box(0, -1, 1, 0), {{0.2, -0.8}, {0.4, -0.8}, {0.2, -0.8}}}, // a degenerate hole
	}
	boxes := make([]orb.Bound, len(fps))
	for i, p := range fps {
		boxes[i] = p.Bound()
	}
	ws, fails, err := sharedWalls(context.Background(), fps, []string{"0", "1", "2", "3"}, newGrid(boxes, gridCellM), 0.5, 2,
		func(i, j int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	// Candidates (boxes within 0.5 m): 0-1, 0-2, 0-3 and 1-3; all but 0-2
	// have a degenerate side.
	if fails != 3 || len(ws) != 1 || ws[0].a != 0 || ws[0].b != 2 || math.Abs(ws[0].lengthM-2) > 1e-9 {
		t.Errorf("walls %v, %d failures; want 0-2 of 2 m and 3 failures", ws, fails)
	}
}

// geosShared is the GEOS formula sharedWalls used before: GEOS's buffer
// with 2 segments per quarter circle.
func geosShared(gc *geos.Context, a, b orb.Polygon, gap float64) float64 {
	ga, gb := geosOf(gc, a), geosOf(gc, b)
	if gb.Distance(ga.Boundary()) > gap {
		return 0
	}
	return min(ga.Boundary().Intersection(gb.Buffer(gap, 2)).Length(), gb.Boundary().Intersection(ga.Buffer(gap, 2)).Length())
}

func geosOf(gc *geos.Context, p orb.Polygon) *geos.Geom {
	rings := make([][][]float64, len(p))
	for r, ring := range p {
		for _, pt := range ring {
			rings[r] = append(rings[r], []float64{pt[0], pt[1]})
		}
		if ring[0] != ring[len(ring)-1] {
			rings[r] = append(rings[r], []float64{ring[0][0], ring[0][1]})
		}
	}
	return gc.NewPolygon(rings)
}

// TestSharedWallsAgainstGEOS measures every candidate pair of the Delft
// demo's footprints both ways. GEOS approximates the round buffer by
// chords of at most 45° (quadsegs 2) with their ends on the circle, so
// its buffer holds every point within gap·cos(22.5°) of the polygon and
// none farther than gap (up to its input simplification, which fills
// concavities shallower than gap/100). As the shared length only grows
// with the buffer, for every pair
//
//	pure(gap·cos 22.5°) - ε <= GEOS(gap) <= pure(1.01·gap) + ε
//
// The two buffers differ only in the circular segments GEOS's chords cut
// off the round corners: at most 45° of arc each, so 2·gap·sin 22.5° =
// 0.38 m long and gap·(1 - cos 22.5°) = 3.8 cm deep. A straight wall
// meets such a segment along at most its chord, and only where it leaves
// the buffer near a corner, that is at a contact's end (a wall leaving
// at an angle θ to the buffer's edge runs 3.8 cm / sin θ through it), so
// one contact of two ends differs by at most two chords, 0.77 m; on the
// demo the largest difference is 0.11 m. The count of party walls (at
// least MinSharedWallM) may differ only where a length lies within that
// of the threshold: a handful at most.
func TestSharedWallsAgainstGEOS(t *testing.T) {
	in := loadDelft(t)
	opt := Options{}.withDefaults()
	gap := opt.WallGapM
	fps := make([]orb.Polygon, 0, len(in.Panden))
	boxes := make([]orb.Bound, 0, len(in.Panden))
	for _, p := range in.Panden {
		fps = append(fps, p.Footprint)
		boxes = append(boxes, p.Footprint.Bound())
	}
	idx := newGrid(boxes, gridCellM)
	ids := make([]string, len(fps))
	all := func(i, j int) bool { return true }
	pure := func(g float64) map[[2]int32]float64 {
		ws, fails, err := sharedWalls(context.Background(), fps, ids, idx, g, 2, all)
		if err != nil || fails != 0 {
			t.Fatalf("gap %g: %d failures, %v", g, fails, err)
		}
		m := make(map[[2]int32]float64, len(ws))
		for _, w := range ws {
			m[[2]int32{w.a, w.b}] = w.lengthM
		}
		return m
	}
	exact, inner, outer := pure(gap), pure(gap*math.Cos(math.Pi/8)), pure(1.01*gap)
	gc := geos.NewContext()
	seen := make([]uint32, len(fps))
	var stamp uint32
	pairs, partyPure, partyGEOS, aboveExact := 0, 0, 0, 0
	maxDiff, sumDiff := 0.0, 0.0
	const eps = 1e-6
	for i := range fps {
		stamp++
		idx.query(expand(boxes[i], gap), seen, stamp, func(j int) bool {
			if j <= i {
				return true
			}
			pairs++
			k := [2]int32{int32(i), int32(j)}
			g := geosShared(gc, fps[i], fps[j], gap)
			if g < inner[k]-eps {
				t.Errorf("pair %d-%d: GEOS %.6f m below pure at gap·cos 22.5° %.6f m", i, j, g, inner[k])
			}
			if g > outer[k]+eps {
				t.Errorf("pair %d-%d: GEOS %.6f m above pure at 1.01·gap %.6f m", i, j, g, outer[k])
			}
			d := exact[k] - g
			if g > exact[k]+eps {
				aboveExact++
			}
			maxDiff = max(maxDiff, math.Abs(d))
			sumDiff += d
			if exact[k] >= opt.MinSharedWallM {
				partyPure++
			}
			if g >= opt.MinSharedWallM {
				partyGEOS++
			}
			return true
		})
	}
	t.Logf("%d candidate pairs: max |pure - GEOS| %.4f m, mean pure - GEOS %.5f m, GEOS above pure in %d; party walls >= %g m: %d pure, %d GEOS",
		pairs, maxDiff, sumDiff/float64(pairs), aboveExact, opt.MinSharedWallM, partyPure, partyGEOS)
	if bound := 2 * 2 * gap * math.Sin(math.Pi/8); maxDiff > bound {
		t.Errorf("max |pure - GEOS| %.4f m, want at most two chords of 45°, %.4f m", maxDiff, bound)
	}
	if pairs < 1000 {
		t.Errorf("only %d candidate pairs", pairs)
	}
	if d := partyPure - partyGEOS; d < -5 || d > 5 {
		t.Errorf("party walls: %d pure, %d GEOS; want them within 5", partyPure, partyGEOS)
	}
}
