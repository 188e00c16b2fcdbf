package geodata

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// ErrOutsideNL reports coordinates that do not lie in the Netherlands in
// EPSG:28992: a wrong CRS, swapped axes or broken numbers.
var ErrOutsideNL = errors.New("geodata: coordinates outside the Netherlands")

// RDDomain is the plausible extent of EPSG:28992 coordinates, m. It is the
// EPSG area of use of Amersfoort / RD New (EPSG area 1275: the Netherlands
// onshore with the Waddenzee, the Wadden islands and the 12-mile coastal
// zone, 3.20-7.22 E, 50.75-53.70 N; projected bounds x 482..284,183 m,
// y 306,602..637,050 m as epsg.io lists them) rounded outwards to 10 km,
// so that data just across the border still passes.
var RDDomain = orb.Bound{Min: orb.Point{-10_000, 300_000}, Max: orb.Point{290_000, 640_000}}

// CheckRD returns an error wrapping ErrOutsideNL when a coordinate of g is
// not finite or lies outside RDDomain; nil for a nil geometry. The error
// quotes the first such coordinate. Callers wrap it in a FeatureError.
func CheckRD(g orb.Geometry) error {
	var bad orb.Point
	found := false
	eachPoint(g, func(p orb.Point) bool {
		if InRD(p) {
			return true
		}
		bad, found = p, true
		return false
	})
	if !found {
		return nil
	}
	return fmt.Errorf("%w: x %s, y %s is not in EPSG:28992 (x %.0f..%.0f m, y %.0f..%.0f m); is the CRS right?",
		ErrOutsideNL, coord(bad[0]), coord(bad[1]), RDDomain.Min[0], RDDomain.Max[0], RDDomain.Min[1], RDDomain.Max[1])
}

// InRD reports whether p is a finite point in RDDomain.
func InRD(p orb.Point) bool {
	return p[0] >= RDDomain.Min[0] && p[0] <= RDDomain.Max[0] && p[1] >= RDDomain.Min[1] && p[1] <= RDDomain.Max[1]
}

// wgs84NL is the extent of the Netherlands in WGS 84 (longitude,
// latitude), degrees: the EPSG:28992 area of use, with a margin.
var wgs84NL = orb.Bound{Min: orb.Point{2.5, 50.5}, Max: orb.Point{7.5, 54.0}}

// checkLonLat returns an error wrapping ErrOutsideNL when a WGS 84
// coordinate (longitude, latitude) of pts lies outside the Netherlands,
// saying so plainly when the axes look swapped (latitude, longitude).
func checkLonLat(pts []orb.Point) error {
	for _, p := range pts {
		if wgs84NL.Contains(p) {
			continue
		}
		if wgs84NL.Contains(orb.Point{p[1], p[0]}) {
			return fmt.Errorf("%w: longitude %s, latitude %s looks like latitude,longitude (swapped axes); GeoJSON and WGS 84 files are longitude,latitude",
				ErrOutsideNL, coord(p[0]), coord(p[1]))
		}
		return fmt.Errorf("%w: longitude %s, latitude %s is not in the Netherlands (%.1f..%.1f E, %.1f..%.1f N)",
			ErrOutsideNL, coord(p[0]), coord(p[1]), wgs84NL.Min[0], wgs84NL.Max[0], wgs84NL.Min[1], wgs84NL.Max[1])
	}
	return nil
}

func coord(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	return fmt.Sprintf("%.6g", x)
}

// eachPoint calls fn for every point of g until fn returns false.
func eachPoint(g orb.Geometry, fn func(orb.Point) bool) bool {
	pts := func(ps []orb.Point) bool {
		for _, p := range ps {
			if !fn(p) {
				return false
			}
		}
		return true
	}
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		return pts(g)
	case orb.LineString:
		return pts(g)
	case orb.Ring:
		return pts(g)
	case orb.MultiLineString:
		for _, l := range g {
			if !pts(l) {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if !pts(r) {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				if !pts(r) {
					return false
				}
			}
		}
	case orb.Collection:
		for _, c := range g {
			if !eachPoint(c, fn) {
				return false
			}
		}
	case orb.Bound:
		return fn(g.Min) && fn(g.Max)
	}
	return true
}

// toRD brings a geometry read from a file to EPSG:28992 and checks it:
// with a transformer from WGS 84 the input must be longitude,latitude in
// the Netherlands (swapped axes are named as such); the result must lie in
// RDDomain. tr nil means g is in EPSG:28992 already. A nil g is returned
// as is. Errors wrap ErrOutsideNL or ErrGeometry.
func toRD(tr *Transformer, g orb.Geometry) (orb.Geometry, error) {
	if g == nil {
		return nil, nil
	}
	if tr != nil {
		if tr.From() == EPSGWGS84 {
			var err error
			eachPoint(g, func(p orb.Point) bool {
				err = checkLonLat([]orb.Point{p})
				return err == nil
			})
			if err != nil {
				return nil, err
			}
		}
		var err error
		if g, err = tr.Geometry(g); err != nil {
			return nil, err
		}
	}
	if err := CheckRD(g); err != nil {
		return nil, err
	}
	return g, nil
}
