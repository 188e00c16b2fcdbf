package warmtenet

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Reuse of an existing heat network (Options.Existing). A street edge
// along which an existing pipe runs -- a point of the edge lies within
// ExistingBufferM of a pipe segment that runs in about the same direction
// (within ExistingMaxAngleDeg), alongside it rather than beyond its ends
// -- is reused on that share of its length:
// no trench and no new pipe, so that share costs nothing and weighs
// nothing in the routing, before the solve. Zero-weight edges are sound
// for the Steiner solver, its reductions (a zero-weight edge at a terminal
// is contracted, ties never delete both alternatives) and the dual-ascent
// bound (which needs weights >= 0 only); TestRouteExisting checks the
// certificate on such a graph. A reused edge whose sized pipe comes out
// larger than the existing pipe's DN is too small: it loses the reuse
// and is priced as a new pipe in its own new trench at the sized DN, in
// the round that finds it (the cost of the round) and in the routing of
// the next round, so the tree may leave it. The existing pipe is then
// assumed taken out or left idle; a parallel pipe beside it would need
// the same new trench and pipe, so it costs the same here.
//
// Existing pipe away from every street (across a park, through a
// courtyard) is added to the routing network as edges of its own, joined
// to the streets where it comes within ExistingBufferM of them
// (offstreet.go), priced in the same way.
//
// Heat loss. The reused length is the existing pipe, so it loses heat at
// the existing DN (at the network's design temperatures): the catalogue
// pipe of that DN, else interpolated in DN between the catalogue pipes
// around it (sizer.lossAtDN). Segment.ExistingExtraLossGJ and
// ExistingUse.HeatLossExtraGJ are the difference from the sized DN;
// Totals.HeatLossGJ includes it. A pipe too small keeps the sized DN's
// loss (it is new pipe).
//
// Not done: the existing pipe's temperature is not checked against the
// design temperatures here (the caller may: geodata.ExistingPipe.TemperatureC).

// DefaultExistingBufferM is the default distance, in metres, within which
// a street centreline counts as running along an existing pipe
// (Options.ExistingBufferM): half of a 16 m residential street profile,
// as for planned works (DefaultWorksBufferM): a pipe under the pavement
// meets the centreline, a pipe in the street behind a row of houses does
// not. An assumption of wijkwarmte; the parameter net.existing.buffer.
const DefaultExistingBufferM = 8.0

// DefaultExistingMaxAngleDeg is the default largest angle, in degrees,
// between a street edge and an existing pipe segment for the edge to run
// along it (Options.ExistingMaxAngleDeg): a pipe crossing the street (to
// the other side, or into a side street) meets it at 60 to 90 degrees and
// does not make the street's pipe reusable where it passes within the
// buffer, while a pipe drawn along the street, a little askew, does. An
// assumption of wijkwarmte; the parameter net.existing.max_angle.
const DefaultExistingMaxAngleDeg = 30.0

// existingEndSlackM is how far, in metres, beyond the end of an existing
// pipe segment a point of a street edge may lie (measured along the
// segment) and still run along it: a quarter of the sampling step
// (coverStepM), so that a pipe ending mid-street is reused to about its
// end, not to its end plus the buffer. At a bend of the pipe the points
// on the outer side beyond both pieces' ends are lost: for the small
// angles of a street's course that is well under a metre.
const existingEndSlackM = 0.25

// ExistingUse says what an existing network (Options.Existing) offered
// and what the routed network reused of it.
type ExistingUse struct {
	// Pipes and OfferedM are the existing pipes given and their length, m.
	Pipes    int
	OfferedM float64
	// MatchedM is the length of the routing network's street edges that
	// run along an existing pipe, m (whether or not the tree uses them).
	MatchedM float64
	// OffStreetM is the length of existing pipe away from the streets
	// added to the routing network as edges (with the links to the
	// streets at its ends), m, in OffStreetPieces edges (whether or not
	// the tree uses them).
	OffStreetM      float64
	OffStreetPieces int
	// Unmatched are the indexes (into Options.Existing) of the pipes along
	// which no street edge of the routed components runs and of which no
	// piece off the streets was added: joined to no street (or only at
	// one end), or in a street component without a source.
	Unmatched []int
	// ReusedM is the tree's length on existing pipe that is large enough,
	// m, along streets and off them (OffStreetReusedM of it); SavingEUR
	// what a new pipe there would have cost at the sized DN, euro
	// (Totals.CostEUR is already net of it). TooSmallM and
	// TooSmallSegments are the tree's length and segments on an existing
	// pipe whose DN is below the sized DN (OffStreetTooSmallM of it off
	// the streets): priced as new pipe.
	ReusedM            float64
	OffStreetReusedM   float64
	SavingEUR          float64
	TooSmallM          float64
	OffStreetTooSmallM float64
	TooSmallSegments   int
	// HeatLossExtraGJ is what the reused length loses at the existing DN
	// beyond what it would lose at the sized DN, GJ/yr (Totals.HeatLossGJ
	// includes it; negative where the existing pipes lose less).
	HeatLossExtraGJ float64
}

// existingCover returns, per edge of nw, the share of a street edge's
// length that runs along the existing pipes and the index of the pipe
// holding most of it (-1 none), the length of street edges along them,
// and which pipes matched an edge. Other edges (service pipes, source
// links) run along nothing. buf is the buffer, m, and maxAngle the largest
// angle between an edge and a pipe segment, degrees. O(pipe segments +
// street length / coverStepM queries).
func existingCover(nw *network, pipes []geodata.ExistingPipe, buf, maxAngle float64) (share []float64, pipe []int32, matched []bool, matchedM float64) {
	share = make([]float64, len(nw.eu))
	pipe = make([]int32, len(nw.eu))
	for e := range pipe {
		pipe[e] = -1
	}
	matched = make([]bool, len(pipes))
	if len(pipes) == 0 {
		return
	}
	var bound orb.Bound
	first := true
	for e, k := range nw.kind {
		if k != kindStreet {
			continue
		}
		if b := nw.lines[e].Bound(); first {
			bound, first = b, false
		} else {
			bound = bound.Union(b)
		}
	}
	if first {
		return
	}
	grown := bound.Pad(buf)
	var ax, ay, bx, by []float64
	var owner []int32
	addLine := func(ls orb.LineString, o int32) {
		for k := 0; k+1 < len(ls); k++ {
			a, b := ls[k], ls[k+1]
			if a == b {
				continue
			}
			sb := orb.Bound{Min: orb.Point{math.Min(a[0], b[0]), math.Min(a[1], b[1])}, Max: orb.Point{math.Max(a[0], b[0]), math.Max(a[1], b[1])}}
			if !sb.Pad(buf).Intersects(grown) {
				continue
			}
			ax, ay, bx, by = append(ax, a[0]), append(ay, a[1]), append(bx, b[0]), append(by, b[1])
			owner = append(owner, o)
		}
	}
	pipeLines(pipes, addLine)
	if len(owner) == 0 {
		return
	}
	grid := newSegGrid(ax, ay, bx, by, max(gridCellM, 2*buf), buf)
	cosMax := math.Cos(maxAngle * math.Pi / 180)
	counts := map[int32]int{}
	for e, k := range nw.kind {
		if k != kindStreet || len(nw.lines[e]) < 2 || !(nw.length[e] > 0) {
			continue
		}
		ls, l := nw.lines[e], nw.length[e]
		if !grid.anyNear(ls.Bound().Pad(nearSlackM)) {
			continue // no pipe segment within the buffer of the edge
		}
		n := max(1, int(math.Ceil(l/coverStepM)))
		clear(counts)
		hit := 0
		for j := 0; j < n; j++ {
			p, dx, dy := pointDirAlong(ls, (float64(j)+0.5)*l/float64(n))
			s, _, _ := grid.nearest(p, buf, func(s int32) bool {
				sx, sy := bx[s]-ax[s], by[s]-ay[s]
				sl := math.Hypot(sx, sy)
				// alongside the segment: the foot of p lies on it (within
				// existingEndSlackM), so the buffer does not stretch a pipe
				// beyond its ends
				if f := ((p[0]-ax[s])*sx + (p[1]-ay[s])*sy) / sl; f < -existingEndSlackM || f > sl+existingEndSlackM {
					return false
				}
				return math.Abs(sx*dx+sy*dy) >= cosMax*sl*math.Hypot(dx, dy)
			})
			if s < 0 {
				continue
			}
			hit++
			counts[owner[s]]++
		}
		if hit == 0 {
			continue
		}
		best, main := 0, int32(-1)
		for o, c := range counts {
			matched[o] = true
			if c > best || c == best && o < main {
				main, best = o, c
			}
		}
		share[e], pipe[e] = float64(hit)/float64(n), main
		matchedM += share[e] * l
	}
	return
}

// pipeLines calls f with each line of each pipe's geometry (a LineString,
// or each part of a MultiLineString) and the pipe's index into pipes.
func pipeLines(pipes []geodata.ExistingPipe, f func(ls orb.LineString, pipe int32)) {
	for i, p := range pipes {
		switch g := p.Geometry.(type) {
		case orb.LineString:
			f(g, int32(i))
		case orb.MultiLineString:
			for _, ls := range g {
				f(ls, int32(i))
			}
		}
	}
}

// pointDirAlong returns the point at distance d along ls and the
// direction of the piece of ls it lies on.
func pointDirAlong(ls orb.LineString, d float64) (orb.Point, float64, float64) {
	acc := 0.0
	for k := 0; k+1 < len(ls); k++ {
		l := dist(ls[k], ls[k+1])
		if l > 0 && (acc+l >= d || k+2 == len(ls)) {
			t := min(1, max(0, (d-acc)/l))
			dx, dy := ls[k+1][0]-ls[k][0], ls[k+1][1]-ls[k][1]
			return orb.Point{ls[k][0] + t*dx, ls[k][1] + t*dy}, dx, dy
		}
		acc += l
	}
	return ls[len(ls)-1], 0, 0
}

// offStreetCover marks the existing pipe off the streets (kindExisting
// edges) as wholly on its pipe in share and pipe, and its pipes as
// matched; it returns their length, m, and number.
func offStreetCover(nw *network, share []float64, pipe []int32, matched []bool) (m float64, n int) {
	for e, k := range nw.kind {
		if k != kindExisting {
			continue
		}
		share[e], pipe[e] = 1, nw.ref[e]
		matched[nw.ref[e]] = true
		m += nw.length[e]
		n++
	}
	return m, n
}

// existingUse fills what the existing pipes offered and matched; the
// tree's share is added by emit.
func existingUse(pipes []geodata.ExistingPipe, matched []bool, matchedM float64) ExistingUse {
	u := ExistingUse{Pipes: len(pipes), MatchedM: matchedM}
	for i, p := range pipes {
		u.OfferedM += p.LengthM
		if !matched[i] {
			u.Unmatched = append(u.Unmatched, i)
		}
	}
	return u
}
