package wijkanalyse

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Aquathermie (TEO) needs surface water that can carry the network. The
// rule, in three parts (see Options for the defaults and their sources):
//
//  1. Only water bodies of at least Options.TEOMinWaterM2 count: the many
//     small ponds, fountains and garden water of a town (in the Delft
//     extract 13 to 160 m2) hold too little water to take heat from.
//  2. Per building: such a water body within Options.WaterReachM of the
//     building's centroid (waterDistance).
//  3. Per network: the counted water near the network must be large
//     enough to yield the heat the collective heat pump takes from it in a
//     year. The water area is that of every counted body within reach of a
//     connected building, clipped to the box around the connected
//     buildings grown by the reach (so a canal that runs on for kilometres
//     counts only near the wijk); its yield is that area times
//     Options.TEOYieldGJPerM2. The network needs the heat it produces (the
//     buildings' LT demand plus the network's heat loss) times
//     (1 - 1/SPF), the part of the heat pump's output that comes from the
//     source (SPF perf.collective_hp). When the yield falls short,
//     aquathermie is infeasible for every building, with the figures as
//     its reason.

// teoWater returns the water bodies of at least minM2 (area in m2,
// holes subtracted).
func teoWater(water []geodata.Area, minM2 float64) []geodata.Area {
	var out []geodata.Area
	for _, w := range water {
		if planar.Area(w.Geometry) >= minM2 {
			out = append(out, w)
		}
	}
	return out
}

// teoCheck is the network part of the rule: water (the bodies teoWater
// kept), water distances per building, the buildings the LT network
// connects (connected) with their LT heat (heat[i], GJ/yr), the
// network's heat loss (GJ/yr) and the collective heat pump's SPF.
//
// When the water's yield covers the whole network's source heat, every
// connected building may take aquathermie. When it covers only part, the
// yield goes to the connected buildings nearest the water first (each
// needs its heat plus its share of the network loss, times 1 - 1/SPF),
// until it is used up: a smaller TEO network along the water. block[i]
// is the reason building i cannot take aquathermie for want of water
// ("" when it can, or when its own water test or network fails first);
// note gives the figures.
func teoCheck(water []geodata.Area, dist []float64, connected []bool, heat []float64, lossGJ, spf, mainShare float64, bs []Building, opt Options) (block []string, note string) {
	var box orb.Bound
	first := true
	var sum float64
	var near []int // connected buildings within reach of counted water
	for i := range bs {
		if !connected[i] {
			continue
		}
		sum += heat[i]
		if dist[i] > opt.WaterReachM {
			continue // its own water test fails; it does not widen the box
		}
		near = append(near, i)
		p := bs[i].Centroid
		if first {
			box, first = orb.Bound{Min: p, Max: p}, false
		} else {
			box = box.Extend(p)
		}
	}
	if len(near) == 0 || sum <= 0 {
		return nil, ""
	}
	box = expand(box, opt.WaterReachM)
	var m2 float64
	bodies := 0
	for _, w := range water {
		if !w.Geometry.Bound().Intersects(box) {
			continue
		}
		if a := clippedArea(w.Geometry, box); a > 0 {
			m2 += a
			bodies++
		}
	}
	// Heat taken from the water per GJ delivered: the main source (the
	// collective heat pump on the TEO) makes mainShare of the heat produced
	// (delivered plus losses; the peak boiler the rest), and takes 1 - 1/SPF
	// of what it makes from the water.
	srcShare := mainShare * (1 + lossGJ/sum) * (1 - 1/spf)
	need := sum * srcShare
	yield := m2 * opt.TEOYieldGJPerM2
	note = fmt.Sprintf("aquathermie: %d wateren van minstens %s m² liggen binnen %s m van de aangesloten gebouwen, samen %s m² bij de wijk, goed voor ongeveer %s GJ per jaar bij %s GJ/m²; het LT-net produceert %s GJ per jaar, waarvan %s GJ uit het water (aandeel hoofdbron %s, 1 - 1/SPF %s)",
		bodies, thousands(opt.TEOMinWaterM2), thousands(opt.WaterReachM), thousands(m2), thousands(yield), decimal(opt.TEOYieldGJPerM2, 2), thousands(sum+lossGJ), thousands(need), decimal(mainShare, 2), decimal(1-1/spf, 2))
	if yield >= need {
		return nil, note
	}
	// Nearest to the water first; ties by index for a stable result.
	slices.SortStableFunc(near, func(a, b int) int { return cmp.Compare(dist[a], dist[b]) })
	block = make([]string, len(bs))
	left, served, servedGJ, full := yield, 0, 0.0, false
	for _, i := range near {
		if n := heat[i] * srcShare; !full && n <= left {
			left -= n
			served++
			servedGJ += heat[i]
			continue
		}
		full = true
		block[i] = fmt.Sprintf("het oppervlaktewater binnen %s m (%s m², ongeveer %s GJ per jaar) is al nodig voor de gebouwen die er dichterbij liggen; het hele LT-net zou %s GJ uit zijn bron nodig hebben",
			thousands(opt.WaterReachM), thousands(m2), thousands(yield), thousands(need))
	}
	note += fmt.Sprintf(": te weinig water voor het hele net; het water is genoeg voor de %d aangesloten gebouwen die er het dichtst bij liggen (%s GJ per jaar geleverd)", served, thousands(servedGJ))
	return block, note
}

// clippedArea is the area (m2) of mp inside the box b: every ring is
// clipped to b (Sutherland-Hodgman against the four sides; exact for a
// convex clip region), holes subtracted.
func clippedArea(mp orb.MultiPolygon, b orb.Bound) float64 {
	var a float64
	for _, poly := range mp {
		for k, r := range poly {
			c := math.Abs(planar.Area(clipRing(r, b)))
			if k == 0 {
				a += c
			} else {
				a -= c
			}
		}
	}
	return max(a, 0)
}

// clipRing clips a ring to the box b; the result may be empty.
func clipRing(r orb.Ring, b orb.Bound) orb.Ring {
	pts := []orb.Point(r)
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	edges := []struct {
		inside func(orb.Point) bool
		cut    func(p, q orb.Point) orb.Point
	}{
		{func(p orb.Point) bool { return p[0] >= b.Min[0] }, func(p, q orb.Point) orb.Point { return atX(p, q, b.Min[0]) }},
		{func(p orb.Point) bool { return p[0] <= b.Max[0] }, func(p, q orb.Point) orb.Point { return atX(p, q, b.Max[0]) }},
		{func(p orb.Point) bool { return p[1] >= b.Min[1] }, func(p, q orb.Point) orb.Point { return atY(p, q, b.Min[1]) }},
		{func(p orb.Point) bool { return p[1] <= b.Max[1] }, func(p, q orb.Point) orb.Point { return atY(p, q, b.Max[1]) }},
	}
	for _, e := range edges {
		if len(pts) == 0 {
			break
		}
		in := pts
		pts = nil
		prev := in[len(in)-1]
		for _, cur := range in {
			switch ci, pi := e.inside(cur), e.inside(prev); {
			case ci && pi:
				pts = append(pts, cur)
			case ci && !pi:
				pts = append(pts, e.cut(prev, cur), cur)
			case !ci && pi:
				pts = append(pts, e.cut(prev, cur))
			}
			prev = cur
		}
	}
	if len(pts) < 3 {
		return nil
	}
	return append(orb.Ring(pts), pts[0])
}

func atX(p, q orb.Point, x float64) orb.Point {
	t := (x - p[0]) / (q[0] - p[0])
	return orb.Point{x, p[1] + t*(q[1]-p[1])}
}

func atY(p, q orb.Point, y float64) orb.Point {
	t := (y - p[1]) / (q[1] - p[1])
	return orb.Point{p[0] + t*(q[0]-p[0]), y}
}
