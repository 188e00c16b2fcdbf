package wijkanalyse

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// wall is a party wall: footprints a < b share LengthM metres of boundary.
type wall struct {
	a, b    int32
	lengthM float64
}

// sharedWalls finds every pair of footprints whose boundaries run within
// gap metres of each other and measures the shared length:
//
//	shared(a, b) = min( length(boundary(a) ∩ buffer(b, gap)),
//	                    length(boundary(b) ∩ buffer(a, gap)) )
//
// with buffer(b, gap) the points within gap metres of polygon b (its
// interior included; a true round buffer, see boundaryNear). Taking the
// minimum of both directions keeps a small shed against a long wall at
// the shed's length. The buffer also picks up up to gap metres of each
// wall perpendicular to the contact, so contacts shorter than a few
// metres are corners, not party walls (see Options.MinSharedWallM).
//
// Candidate pairs come from the grid index (bounding boxes within gap),
// so the work is O(n·k·v²) for k neighbours per footprint of v vertices,
// not O(n²); pair filters the candidate pairs before any measuring. A
// pair with a degenerate footprint (a ring of fewer than 4 points, or a
// length that is not finite) is skipped and counted in the returned
// failure count; a panic in a worker is returned as an error naming the
// pand's index and id (ids[i]). fps and idx are only read.
func sharedWalls(ctx context.Context, fps []orb.Polygon, ids []string, idx *grid, gap float64, workers int, pair func(i, j int) bool) ([]wall, int, error) {
	workers = max(1, workers)
	type out struct {
		walls []wall
		fails int
	}
	outs := make([]out, workers)
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := wallScratch{seen: make([]uint32, len(fps))}
			for i := w; i < len(fps); i += workers {
				if (i/workers)%256 == 0 {
					if err := ctx.Err(); err != nil {
						errc <- err
						return
					}
				}
				ws, fails, err := pandWalls(fps, ids, idx, i, &sc, gap, pair)
				if err != nil {
					errc <- err
					return
				}
				outs[w].walls = append(outs[w].walls, ws...)
				outs[w].fails += fails
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, 0, err
	}
	var walls []wall
	fails := 0
	for _, o := range outs {
		walls = append(walls, o.walls...)
		fails += o.fails
	}
	// In pand order, whatever the number of workers: the callers sum the
	// lengths per pand, and a float sum depends on its order, so that one
	// worker and four would otherwise differ in the last bits.
	slices.SortFunc(walls, func(x, y wall) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	return walls, fails, nil
}

// wallScratch is one worker's reusable memory: the grid query's stamps
// and candidates, and the parameter intervals of one segment.
type wallScratch struct {
	seen  []uint32
	stamp uint32
	cands []int
	iv    []span
	eb    []edgeBox
}

// edgeBox is an edge of a polygon's rings and its bounding box
// (boundaryNear's edges of b).
type edgeBox struct {
	e0, e1 orb.Point
	box    orb.Bound
}

// span is a closed parameter interval [lo, hi] on a segment.
type span struct{ lo, hi float64 }

// pandWalls measures the walls footprint i shares with the footprints j >
// i near it that pair accepts. A panic inside (a bug) comes back as an
// error naming pand i (see recoverPand), so a worker goroutine never
// takes the process down.
func pandWalls(fps []orb.Polygon, ids []string, idx *grid, i int, sc *wallScratch,
	gap float64, pair func(i, j int) bool) (walls []wall, fails int, err error) {
	defer recoverPand(&err, "panden", i, ids)
	sc.stamp++
	cands := sc.cands[:0]
	idx.query(expand(idx.boxes[i], gap), sc.seen, sc.stamp, func(j int) bool {
		if j > i && pair(i, j) {
			cands = append(cands, j)
		}
		return true
	})
	sc.cands = cands
	if len(cands) == 0 {
		return nil, 0, nil
	}
	if degenerate(fps[i]) {
		return nil, len(cands), nil
	}
	bi := fps[i].Bound()
	for _, j := range cands {
		if degenerate(fps[j]) {
			fails++
			continue
		}
		bj := fps[j].Bound()
		l := min(boundaryNear(fps[i], fps[j], bj, gap, &sc.iv, &sc.eb), boundaryNear(fps[j], fps[i], bi, gap, &sc.iv, &sc.eb))
		if math.IsNaN(l) || math.IsInf(l, 0) {
			fails++
			continue
		}
		if l > 0 {
			walls = append(walls, wall{int32(i), int32(j), l})
		}
	}
	return walls, fails, nil
}

// degenerate reports a polygon without rings or with a ring of fewer
// than 4 points (a closed ring needs 3 distinct corners).
func degenerate(p orb.Polygon) bool {
	if len(p) == 0 {
		return true
	}
	for _, r := range p {
		if len(r) < 4 {
			return true
		}
	}
	return false
}

// boundaryNear returns length(boundary(a) ∩ buffer(b, gap)) in metres,
// exactly up to rounding: the length of a's rings (outer and holes) that
// lies within gap of polygon b (bb its bounding box), inside b counted as
// within. For each segment s of a, the parameters t ∈ [0, 1] with s(t)
// within gap of b's boundary are the union over b's edges e of s ∩
// capsule(e, gap), one interval each (a capsule is convex; see
// capsuleClip). Between those intervals s does not meet b's boundary, so
// each uncovered stretch lies wholly inside b or wholly outside it: one
// point-in-polygon test at its midpoint (holes respected) decides. O(va·vb)
// for va and vb vertices, with bounding-box rejects per segment and per
// edge (b's edges and their boxes listed once); iv and eb are scratch.
func boundaryNear(a, b orb.Polygon, bb orb.Bound, gap float64, iv *[]span, eb *[]edgeBox) float64 {
	total := 0.0
	near := expand(bb, gap)
	edges := (*eb)[:0]
	for _, rb := range b {
		for m := range rb {
			if e0, e1, ok := ringSegment(rb, m); ok {
				edges = append(edges, edgeBox{e0, e1, segBound(e0, e1)})
			}
		}
	}
	*eb = edges
	for _, ra := range a {
		for k := range ra {
			p, q, ok := ringSegment(ra, k)
			if !ok {
				continue
			}
			sb := segBound(p, q)
			if !sb.Intersects(near) {
				continue // farther than gap from b, and outside it
			}
			sb = expand(sb, gap)
			spans := (*iv)[:0]
			for k := range edges {
				e := &edges[k]
				if !boxesMeet(sb, e.box) {
					continue
				}
				if lo, hi, ok := capsuleClip(p, q, e.e0, e.e1, gap); ok {
					spans = append(spans, span{lo, hi})
				}
			}
			*iv = spans
			total += math.Hypot(q[0]-p[0], q[1]-p[1]) * coveredFraction(spans, p, q, b, bb)
		}
	}
	return total
}

// coveredFraction is the measure of [0, 1] covered by spans (sorted in
// place) plus the uncovered stretches of segment p-q whose midpoint lies
// inside polygon b.
func coveredFraction(spans []span, p, q orb.Point, b orb.Polygon, bb orb.Bound) float64 {
	slices.SortFunc(spans, func(x, y span) int { return cmp.Compare(x.lo, y.lo) })
	covered := 0.0
	inside := func(t0, t1 float64) float64 {
		if t1 <= t0 {
			return 0
		}
		t := (t0 + t1) / 2
		m := orb.Point{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])}
		if bb.Contains(m) && inPolygon(b, m) {
			return t1 - t0
		}
		return 0
	}
	at := 0.0 // everything before at is accounted for
	for k := 0; k < len(spans); {
		lo, hi := spans[k].lo, spans[k].hi
		for k++; k < len(spans) && spans[k].lo <= hi; k++ {
			hi = max(hi, spans[k].hi)
		}
		covered += inside(at, lo) + (hi - lo)
		at = hi
	}
	return covered + inside(at, 1)
}

// ringSegment returns the k-th edge of ring r (closing it when the last
// point is not the first); ok is false for a zero-length edge or past the
// end.
func ringSegment(r orb.Ring, k int) (p, q orb.Point, ok bool) {
	p = r[k]
	switch {
	case k+1 < len(r):
		q = r[k+1]
	case r[0] != r[len(r)-1]:
		q = r[0]
	default:
		return p, p, false
	}
	return p, q, p != q
}

// boxesMeet is orb's Bound.Intersects (false for an empty box), written
// out so that it inlines in boundaryNear's loop over b's edges.
func boxesMeet(a, b orb.Bound) bool {
	if a.Min[0] > a.Max[0] || a.Min[1] > a.Max[1] || b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return false
	}
	return !(a.Max[0] < b.Min[0] || a.Min[0] > b.Max[0] || a.Max[1] < b.Min[1] || a.Min[1] > b.Max[1])
}

func segBound(p, q orb.Point) orb.Bound {
	return orb.Bound{
		Min: orb.Point{min(p[0], q[0]), min(p[1], q[1])},
		Max: orb.Point{max(p[0], q[0]), max(p[1], q[1])},
	}
}

// capsuleClip returns the parameter interval [lo, hi] ⊆ [0, 1] of segment
// p-q that lies within g of segment e0-e1 (the capsule around it); ok is
// false when they are farther apart. The capsule is the union of the
// rectangle over e0-e1 of half-width g and the discs of radius g at e0 and
// e1; a convex set meets a segment in one interval, so the hull of the
// three clipped pieces is that interval.
func capsuleClip(p, q, e0, e1 orb.Point, g float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	vx, vy := q[0]-p[0], q[1]-p[1]
	hull := func(a, b float64) {
		a, b = max(a, 0), min(b, 1)
		if a <= b {
			lo, hi = min(lo, a), max(hi, b)
		}
	}
	for _, c := range [2]orb.Point{e0, e1} {
		a, b := discClip(p[0]-c[0], p[1]-c[1], vx, vy, g)
		hull(a, b)
	}
	dx, dy := e1[0]-e0[0], e1[1]-e0[1]
	if dd := dx*dx + dy*dy; dd > 0 {
		// Along e: 0 <= (s(t)-e0)·d <= |d|²; across: |(s(t)-e0)×d| <= g|d|.
		wx, wy := p[0]-e0[0], p[1]-e0[1]
		a, b := 0.0, 1.0
		a, b = slabClip(a, b, wx*dx+wy*dy, vx*dx+vy*dy, 0, dd)
		cr := g * math.Sqrt(dd)
		a, b = slabClip(a, b, dx*wy-dy*wx, dx*vy-dy*vx, -cr, cr)
		hull(a, b)
	}
	return lo, hi, lo <= hi
}

// discClip returns the interval of t where |w + t·v| <= g (w the segment
// start relative to the disc's centre); empty (lo > hi) when none.
func discClip(wx, wy, vx, vy, g float64) (lo, hi float64) {
	aa := vx*vx + vy*vy
	bb := vx*wx + vy*wy
	cc := wx*wx + wy*wy - g*g
	disc := bb*bb - aa*cc
	if disc < 0 || aa == 0 {
		return 1, 0
	}
	sq := math.Sqrt(disc)
	return (-bb - sq) / aa, (-bb + sq) / aa
}

// slabClip narrows [a, b] to the t where lo <= f0 + t·f1 <= hi.
func slabClip(a, b, f0, f1, lo, hi float64) (float64, float64) {
	if f1 == 0 {
		if f0 < lo || f0 > hi {
			return 1, 0
		}
		return a, b
	}
	t0, t1 := (lo-f0)/f1, (hi-f0)/f1
	if t0 > t1 {
		t0, t1 = t1, t0
	}
	return max(a, t0), min(b, t1)
}

// inPolygon reports whether m lies inside polygon p (even-odd over all
// rings, so a point in a hole is outside). Points on the boundary may go
// either way; the callers only ask about points away from it.
func inPolygon(p orb.Polygon, m orb.Point) bool {
	in := false
	for _, r := range p {
		for k := range r {
			a, b, ok := ringSegment(r, k)
			if !ok {
				continue
			}
			if (a[1] > m[1]) != (b[1] > m[1]) &&
				m[0] < a[0]+(m[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
				in = !in
			}
		}
	}
	return in
}
