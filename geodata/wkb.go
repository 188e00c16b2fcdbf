package geodata

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// WKB geometry type codes (OGC Simple Features, 2D).
const (
	wkbPoint              = 1
	wkbLineString         = 2
	wkbPolygon            = 3
	wkbMultiPoint         = 4
	wkbMultiLineString    = 5
	wkbMultiPolygon       = 6
	wkbGeometryCollection = 7
)

// EWKB (PostGIS) flag bits in the type word.
const (
	ewkbZ    = 0x80000000
	ewkbM    = 0x40000000
	ewkbSRID = 0x20000000
)

// maxWKBDepth bounds nested geometry collections, so a crafted input cannot
// exhaust the stack.
const maxWKBDepth = 32

// maxPrealloc caps the capacity reserved from a part count of a multi
// geometry or collection: parts are appended as they decode, so nested
// counts cannot multiply into allocations far beyond the input's size.
const maxPrealloc = 64

// DecodeWKB decodes one Well-Known Binary geometry into a 2D orb geometry.
// It reads both byte orders, ISO type codes (1000+ Z, 2000+ M, 3000+ ZM) and
// EWKB flags (Z, M, SRID); Z and M ordinates are dropped. Every count read
// from the input is checked against the bytes that remain before anything
// is allocated, and multi-part geometries grow as their parts decode, so a
// crafted count cannot make it allocate more than a small multiple of
// len(b). A polygon's rings share one point slice.
//
// An empty point (NaN coordinates) decodes to an empty orb.MultiPoint.
// Bytes after the geometry are an error. Errors wrap ErrGeometry.
// DecodeWKB keeps no reference to b and is safe for concurrent use.
func DecodeWKB(b []byte) (orb.Geometry, error) {
	d := wkbReader{b: b}
	g, err := d.geometry(0)
	if err != nil {
		return nil, err
	}
	if d.off != len(b) {
		return nil, fmt.Errorf("%w: wkb: %d trailing bytes after the geometry", ErrGeometry, len(b)-d.off)
	}
	return g, nil
}

// decodePolygonWKB decodes b when it holds a polygon, returning it without
// boxing it in an interface (one allocation fewer per footprint on the hot
// path); isPoly is false, with no error, when b holds another type.
func decodePolygonWKB(b []byte) (p orb.Polygon, isPoly bool, err error) {
	d := wkbReader{b: b}
	typ, dims, err := d.header()
	if err != nil {
		return nil, true, err
	}
	if typ != wkbPolygon {
		return nil, false, nil
	}
	if p, err = d.polygon(dims); err != nil {
		return nil, true, err
	}
	if d.off != len(b) {
		return nil, true, fmt.Errorf("%w: wkb: %d trailing bytes after the geometry", ErrGeometry, len(b)-d.off)
	}
	return p, true, nil
}

type wkbReader struct {
	b     []byte
	off   int
	order binary.ByteOrder
}

func (d *wkbReader) errf(format string, args ...any) error {
	return fmt.Errorf("%w: wkb at byte %d: %s", ErrGeometry, d.off, fmt.Sprintf(format, args...))
}

func (d *wkbReader) remaining() int { return len(d.b) - d.off }

func (d *wkbReader) u32() (uint32, error) {
	if d.remaining() < 4 {
		return 0, d.errf("truncated (want 4 bytes, have %d)", d.remaining())
	}
	v := d.order.Uint32(d.b[d.off:])
	d.off += 4
	return v, nil
}

// count reads an element count and checks that count elements of at least
// minSize bytes each fit in the remaining input.
func (d *wkbReader) count(minSize int, what string) (int, error) {
	n, err := d.u32()
	if err != nil {
		return 0, err
	}
	if uint64(n)*uint64(minSize) > uint64(d.remaining()) {
		return 0, d.errf("%s count %d does not fit in the %d remaining bytes", what, n, d.remaining())
	}
	return int(n), nil
}

// header reads the byte order and type word and returns the 2D type code
// and the number of ordinates per point.
func (d *wkbReader) header() (typ uint32, dims int, err error) {
	if d.remaining() < 5 {
		return 0, 0, d.errf("truncated header (have %d bytes)", d.remaining())
	}
	switch d.b[d.off] {
	case 0:
		d.order = binary.BigEndian
	case 1:
		d.order = binary.LittleEndian
	default:
		return 0, 0, d.errf("bad byte order marker %d", d.b[d.off])
	}
	d.off++
	t, _ := d.u32()
	dims = 2
	if t&(ewkbZ|ewkbM|ewkbSRID) != 0 {
		if t&ewkbZ != 0 {
			dims++
		}
		if t&ewkbM != 0 {
			dims++
		}
		if t&ewkbSRID != 0 {
			if _, err := d.u32(); err != nil {
				return 0, 0, err
			}
		}
		t &^= ewkbZ | ewkbM | ewkbSRID
		if t > 7 {
			return 0, 0, d.errf("unknown EWKB geometry type %d", t)
		}
		return t, dims, nil
	}
	switch t / 1000 {
	case 0:
	case 1, 2:
		dims = 3
	case 3:
		dims = 4
	default:
		return 0, 0, d.errf("unknown geometry type %d", t)
	}
	t %= 1000
	if t < 1 || t > 7 {
		return 0, 0, d.errf("unknown geometry type %d", t)
	}
	return t, dims, nil
}

func (d *wkbReader) point(dims int) orb.Point {
	o := d.off
	p := orb.Point{
		math.Float64frombits(d.order.Uint64(d.b[o:])),
		math.Float64frombits(d.order.Uint64(d.b[o+8:])),
	}
	d.off += dims * 8
	return p
}

// points reads a counted point sequence into dst (which must have room).
func (d *wkbReader) points(dims int) (int, error) {
	return d.count(dims*8, "point")
}

func (d *wkbReader) geometry(depth int) (orb.Geometry, error) {
	if depth > maxWKBDepth {
		return nil, d.errf("geometry collections nested deeper than %d", maxWKBDepth)
	}
	typ, dims, err := d.header()
	if err != nil {
		return nil, err
	}
	switch typ {
	case wkbPoint:
		if d.remaining() < dims*8 {
			return nil, d.errf("truncated point")
		}
		p := d.point(dims)
		if math.IsNaN(p[0]) && math.IsNaN(p[1]) {
			return orb.MultiPoint{}, nil
		}
		return p, nil
	case wkbLineString:
		n, err := d.points(dims)
		if err != nil {
			return nil, err
		}
		ls := make(orb.LineString, n)
		for i := range ls {
			ls[i] = d.point(dims)
		}
		return ls, nil
	case wkbPolygon:
		return d.polygon(dims)
	case wkbMultiPoint:
		n, err := d.count(5+16, "point")
		if err != nil {
			return nil, err
		}
		mp := make(orb.MultiPoint, 0, min(n, maxPrealloc))
		for range n {
			g, err := d.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			switch p := g.(type) {
			case orb.Point:
				mp = append(mp, p)
			case orb.MultiPoint:
				if len(p) != 0 {
					return nil, d.errf("multipoint holds a %s", g.GeoJSONType())
				}
			default:
				return nil, d.errf("multipoint holds a %s", g.GeoJSONType())
			}
		}
		return mp, nil
	case wkbMultiLineString:
		n, err := d.count(9, "linestring")
		if err != nil {
			return nil, err
		}
		mls := make(orb.MultiLineString, 0, min(n, maxPrealloc))
		for range n {
			g, err := d.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			ls, ok := g.(orb.LineString)
			if !ok {
				return nil, d.errf("multilinestring holds a %s", g.GeoJSONType())
			}
			mls = append(mls, ls)
		}
		return mls, nil
	case wkbMultiPolygon:
		n, err := d.count(9, "polygon")
		if err != nil {
			return nil, err
		}
		mp := make(orb.MultiPolygon, 0, min(n, maxPrealloc))
		for range n {
			g, err := d.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			p, ok := g.(orb.Polygon)
			if !ok {
				return nil, d.errf("multipolygon holds a %s", g.GeoJSONType())
			}
			mp = append(mp, p)
		}
		return mp, nil
	default: // wkbGeometryCollection
		n, err := d.count(5, "geometry")
		if err != nil {
			return nil, err
		}
		c := make(orb.Collection, 0, min(n, maxPrealloc))
		for range n {
			g, err := d.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			c = append(c, g)
		}
		return c, nil
	}
}

// polygon reads the rings of a polygon. It first walks the ring counts to
// size one backing point slice, then fills it: two allocations per polygon.
func (d *wkbReader) polygon(dims int) (orb.Polygon, error) {
	nr, err := d.count(4, "ring")
	if err != nil {
		return nil, err
	}
	start := d.off
	total := 0
	for range nr {
		n, err := d.points(dims)
		if err != nil {
			return nil, err
		}
		total += n
		d.off += n * dims * 8
	}
	d.off = start
	pts := make([]orb.Point, total)
	poly := make(orb.Polygon, nr)
	k := 0
	for i := range poly {
		n, _ := d.u32()
		ring := pts[k : k+int(n) : k+int(n)]
		for j := range ring {
			ring[j] = d.point(dims)
		}
		poly[i] = orb.Ring(ring)
		k += int(n)
	}
	return poly, nil
}

// AppendWKB appends the 2D little-endian ISO WKB encoding of g to dst and
// returns the extended slice. It supports every orb geometry except Bound
// (written as its polygon) and panics on nil, a programming error.
func AppendWKB(dst []byte, g orb.Geometry) []byte {
	switch g := g.(type) {
	case orb.Point:
		dst = wkbAppendHeader(dst, wkbPoint)
		return wkbAppendPoint(dst, g)
	case orb.LineString:
		dst = wkbAppendHeader(dst, wkbLineString)
		return wkbAppendPoints(dst, g)
	case orb.Ring:
		dst = wkbAppendHeader(dst, wkbLineString)
		return wkbAppendPoints(dst, g)
	case orb.Polygon:
		dst = wkbAppendHeader(dst, wkbPolygon)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(g)))
		for _, r := range g {
			dst = wkbAppendPoints(dst, r)
		}
		return dst
	case orb.Bound:
		return AppendWKB(dst, g.ToPolygon())
	case orb.MultiPoint:
		dst = wkbAppendHeader(dst, wkbMultiPoint)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(g)))
		for _, p := range g {
			dst = AppendWKB(dst, p)
		}
		return dst
	case orb.MultiLineString:
		dst = wkbAppendHeader(dst, wkbMultiLineString)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(g)))
		for _, ls := range g {
			dst = AppendWKB(dst, ls)
		}
		return dst
	case orb.MultiPolygon:
		dst = wkbAppendHeader(dst, wkbMultiPolygon)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(g)))
		for _, p := range g {
			dst = AppendWKB(dst, p)
		}
		return dst
	case orb.Collection:
		dst = wkbAppendHeader(dst, wkbGeometryCollection)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(g)))
		for _, c := range g {
			dst = AppendWKB(dst, c)
		}
		return dst
	}
	panic(fmt.Sprintf("geodata: AppendWKB of unsupported geometry %T", g))
}

func wkbAppendHeader(dst []byte, typ uint32) []byte {
	dst = append(dst, 1)
	return binary.LittleEndian.AppendUint32(dst, typ)
}

func wkbAppendPoint(dst []byte, p orb.Point) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(p[0]))
	return binary.LittleEndian.AppendUint64(dst, math.Float64bits(p[1]))
}

func wkbAppendPoints(dst []byte, ps []orb.Point) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(ps)))
	for _, p := range ps {
		dst = wkbAppendPoint(dst, p)
	}
	return dst
}
