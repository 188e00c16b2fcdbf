package geodata

import "github.com/paulmach/orb"

// This file holds the street cut: routing sees the streets near the
// buildings, cut to a box, whichever way the streets were read (the CLI,
// the library, one buurt of a batch), so one input gives one network.

// StreetBound is the box streets are cut to for the panden ps: their
// footprints' bounding box grown by marginM metres on every side
// (EPSG:28992). It is empty (the zero Bound) when ps is.
func StreetBound(ps []Pand, marginM float64) orb.Bound {
	if len(ps) == 0 {
		return orb.Bound{}
	}
	b := ps[0].Footprint.Bound()
	for i := 1; i < len(ps); i++ {
		b = b.Union(ps[i].Footprint.Bound())
	}
	return b.Pad(marginM)
}

// ClipStreets keeps the street pieces that run within b: each line is cut
// to b, so a road that runs for kilometres outside the buildings' area
// (as in an osmium "smart" extract) keeps only its part near them. A line
// that leaves and re-enters b becomes several pieces.
func ClipStreets(streets []Street, b orb.Bound) []Street {
	out := streets[:0:0]
	for _, s := range streets {
		if !s.Line.Bound().Intersects(b) {
			continue
		}
		if lineInside(s.Line, b) {
			out = append(out, s)
			continue
		}
		for _, part := range clipLine(s.Line, b) {
			t := s
			t.Line = part
			out = append(out, t)
		}
	}
	return out
}

func lineInside(ls orb.LineString, b orb.Bound) bool {
	for _, p := range ls {
		if !b.Contains(p) {
			return false
		}
	}
	return true
}

// clipLine cuts ls to the box b (Liang-Barsky per segment), joining
// consecutive inside pieces.
func clipLine(ls orb.LineString, b orb.Bound) []orb.LineString {
	var out []orb.LineString
	var cur orb.LineString
	for i := 1; i < len(ls); i++ {
		a, c, ok := clipSegment(ls[i-1], ls[i], b)
		if !ok {
			if len(cur) >= 2 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		if len(cur) > 0 && cur[len(cur)-1] != a {
			if len(cur) >= 2 {
				out = append(out, cur)
			}
			cur = nil
		}
		if len(cur) == 0 {
			cur = append(cur, a)
		}
		cur = append(cur, c)
		if c != ls[i] { // left the box
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) >= 2 {
		out = append(out, cur)
	}
	return out
}

func clipSegment(p, q orb.Point, b orb.Bound) (orb.Point, orb.Point, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := q[0]-p[0], q[1]-p[1]
	for _, e := range [4][2]float64{{-dx, p[0] - b.Min[0]}, {dx, b.Max[0] - p[0]}, {-dy, p[1] - b.Min[1]}, {dy, b.Max[1] - p[1]}} {
		pp, qq := e[0], e[1]
		if pp == 0 {
			if qq < 0 {
				return p, q, false
			}
			continue
		}
		r := qq / pp
		if pp < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return p, q, false
		}
	}
	// Clamp the cut points onto the box: p + t*d may overshoot its edge
	// by a rounding error.
	clamp := func(pt orb.Point) orb.Point {
		return orb.Point{min(max(pt[0], b.Min[0]), b.Max[0]), min(max(pt[1], b.Min[1]), b.Max[1])}
	}
	a, c := p, q
	if t0 > 0 {
		a = clamp(orb.Point{p[0] + t0*dx, p[1] + t0*dy})
	}
	if t1 < 1 {
		c = clamp(orb.Point{p[0] + t1*dx, p[1] + t1*dy})
	}
	if a == c {
		return p, q, false
	}
	return a, c, true
}
