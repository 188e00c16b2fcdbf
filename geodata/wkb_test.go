package geodata

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"testing"

	"github.com/paulmach/orb"
	orbwkb "github.com/paulmach/orb/encoding/wkb"
)

// wkbBuilder writes WKB by hand so tests can produce Z/M, EWKB and big
// endian inputs that the encoder under test does not write.
type wkbBuilder struct {
	buf   bytes.Buffer
	order binary.ByteOrder
}

func newWKB(big bool) *wkbBuilder {
	w := &wkbBuilder{order: binary.LittleEndian}
	if big {
		w.order = binary.BigEndian
	}
	return w
}

func (w *wkbBuilder) header(typ uint32) *wkbBuilder {
	if w.order == binary.BigEndian {
		w.buf.WriteByte(0)
	} else {
		w.buf.WriteByte(1)
	}
	return w.u32(typ)
}

func (w *wkbBuilder) u32(v uint32) *wkbBuilder {
	var b [4]byte
	w.order.PutUint32(b[:], v)
	w.buf.Write(b[:])
	return w
}

func (w *wkbBuilder) f(vs ...float64) *wkbBuilder {
	for _, v := range vs {
		var b [8]byte
		w.order.PutUint64(b[:], math.Float64bits(v))
		w.buf.Write(b[:])
	}
	return w
}

func (w *wkbBuilder) bytes() []byte { return w.buf.Bytes() }

var square = orb.Polygon{
	{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
	{{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}},
}

func TestDecodeWKB(t *testing.T) {
	t.Parallel()
	enc := func(g orb.Geometry, order binary.ByteOrder) []byte {
		b, err := orbwkb.Marshal(g, order)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name string
		in   []byte
		want orb.Geometry
	}{
		{"point LE", enc(orb.Point{1, 2}, binary.LittleEndian), orb.Point{1, 2}},
		{"point BE", enc(orb.Point{1, 2}, binary.BigEndian), orb.Point{1, 2}},
		{"linestring", enc(orb.LineString{{1, 2}, {3, 4}}, binary.BigEndian), orb.LineString{{1, 2}, {3, 4}}},
		{"polygon with hole", enc(square, binary.LittleEndian), square},
		{"multipoint", enc(orb.MultiPoint{{1, 2}, {3, 4}}, binary.BigEndian), orb.MultiPoint{{1, 2}, {3, 4}}},
		{"multilinestring", enc(orb.MultiLineString{{{1, 2}, {3, 4}}}, binary.LittleEndian), orb.MultiLineString{{{1, 2}, {3, 4}}}},
		{"multipolygon", enc(orb.MultiPolygon{square, square}, binary.BigEndian), orb.MultiPolygon{square, square}},
		{"collection", enc(orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}}, binary.LittleEndian),
			orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}}},
		{"ISO point Z", newWKB(false).header(1001).f(1, 2, 3).bytes(), orb.Point{1, 2}},
		{"ISO point M BE", newWKB(true).header(2001).f(1, 2, 3).bytes(), orb.Point{1, 2}},
		{"ISO point ZM", newWKB(false).header(3001).f(1, 2, 3, 4).bytes(), orb.Point{1, 2}},
		{"ISO polygon Z flattened", newWKB(false).header(1003).u32(1).u32(4).
			f(0, 0, 5, 1, 0, 5, 0, 1, 5, 0, 0, 5).bytes(),
			orb.Polygon{{{0, 0}, {1, 0}, {0, 1}, {0, 0}}}},
		{"EWKB polygon Z with SRID", newWKB(true).header(ewkbZ|ewkbSRID|3).u32(28992).u32(1).u32(4).
			f(0, 0, 5, 1, 0, 5, 0, 1, 5, 0, 0, 5).bytes(),
			orb.Polygon{{{0, 0}, {1, 0}, {0, 1}, {0, 0}}}},
		{"EWKB linestring ZM", newWKB(false).header(ewkbZ|ewkbM|2).u32(2).f(1, 2, 3, 4, 5, 6, 7, 8).bytes(),
			orb.LineString{{1, 2}, {5, 6}}},
		{"ISO multipolygon Z", newWKB(false).header(1006).u32(1).header(1003).u32(1).u32(4).
			f(0, 0, 5, 1, 0, 5, 0, 1, 5, 0, 0, 5).bytes(),
			orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 1}, {0, 0}}}}},
		{"empty point", newWKB(false).header(1).f(math.NaN(), math.NaN()).bytes(), orb.MultiPoint{}},
		{"empty polygon", newWKB(false).header(3).u32(0).bytes(), orb.Polygon{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, err := DecodeWKB(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if !orb.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestDecodeWKBErrors(t *testing.T) {
	t.Parallel()
	good := AppendWKB(nil, square)
	cases := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"bad byte order", []byte{2, 1, 0, 0, 0}},
		{"unknown type", newWKB(false).header(9).bytes()},
		{"unknown ISO dims", newWKB(false).header(4001).bytes()},
		{"unknown EWKB type", newWKB(false).header(ewkbZ | 12).bytes()},
		{"truncated point", newWKB(false).header(1).f(1).bytes()},
		{"huge point count", newWKB(false).header(2).u32(0xFFFFFFFF).f(1, 2).bytes()},
		{"huge ring count", newWKB(false).header(3).u32(0x7FFFFFFF).bytes()},
		{"huge part count", newWKB(false).header(6).u32(0x7FFFFFFF).bytes()},
		{"truncated polygon", good[:len(good)-3]},
		{"trailing bytes", append(append([]byte{}, good...), 0)},
		{"multipolygon of points", newWKB(false).header(6).u32(1).header(1).f(1, 2).bytes()},
		{"multipoint of lines", newWKB(false).header(4).u32(1).header(2).u32(1).f(1, 2).bytes()},
	}
	deep := newWKB(false)
	for range maxWKBDepth + 2 {
		deep.header(7).u32(1)
	}
	deep.header(1).f(1, 2)
	cases = append(cases, struct {
		name string
		in   []byte
	}{"nested too deep", deep.bytes()})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			g, err := DecodeWKB(c.in)
			if !errors.Is(err, ErrGeometry) {
				t.Fatalf("got %v, %v; want an ErrGeometry", g, err)
			}
		})
	}
}

func TestAppendWKBRoundTrip(t *testing.T) {
	t.Parallel()
	for _, g := range []orb.Geometry{
		orb.Point{155000.5, 463000.25},
		orb.LineString{{1, 2}, {3, 4}, {5, 6}},
		square,
		orb.MultiPolygon{square, {{{0, 0}, {1, 0}, {0, 1}, {0, 0}}}},
		orb.MultiPoint{{1, 2}},
		orb.MultiLineString{{{1, 2}, {3, 4}}},
		orb.Collection{orb.Point{1, 2}, square},
	} {
		b := AppendWKB(nil, g)
		// Cross-check with orb's encoder.
		want, err := orbwkb.Marshal(g, binary.LittleEndian)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s: AppendWKB differs from orb's encoder", g.GeoJSONType())
		}
		got, err := DecodeWKB(b)
		if err != nil {
			t.Fatal(err)
		}
		if !orb.Equal(got, g) {
			t.Errorf("round trip: got %v, want %v", got, g)
		}
	}
}

func FuzzWKB(f *testing.F) {
	f.Add(AppendWKB(nil, square))
	f.Add(AppendWKB(nil, orb.MultiPolygon{square}))
	f.Add(AppendWKB(nil, orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}}))
	f.Add(newWKB(true).header(ewkbZ|ewkbSRID|3).u32(28992).u32(1).u32(4).f(0, 0, 5, 1, 0, 5, 0, 1, 5, 0, 0, 5).bytes())
	f.Add(newWKB(false).header(3003).u32(1).u32(1).f(1, 2, 3, 4).bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := DecodeWKB(b)
		if err != nil {
			if !errors.Is(err, ErrGeometry) {
				t.Fatalf("error %v does not wrap ErrGeometry", err)
			}
			return
		}
		// A decoded geometry re-encodes to 2D WKB that decodes to the
		// same geometry (NaN coordinates aside).
		again, err := DecodeWKB(AppendWKB(nil, g))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if again.GeoJSONType() != g.GeoJSONType() {
			t.Fatalf("type changed: %s -> %s", g.GeoJSONType(), again.GeoJSONType())
		}
	})
}

// TestDecodeWKBAllocationBounded feeds nested collections whose every
// count claims as many parts as the remaining bytes allow: the decoder
// must fail without allocating much more than the input.
func TestDecodeWKBAllocationBounded(t *testing.T) {
	w := newWKB(false)
	const size = 64 << 10
	for range maxWKBDepth {
		w.header(7).u32(uint32(size / 5))
	}
	in := append(w.bytes(), make([]byte, size)...) // zero bytes: bad byte order marker
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := DecodeWKB(in)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrGeometry) {
		t.Fatalf("got %v, want ErrGeometry", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*uint64(len(in)) {
		t.Fatalf("decoding %d bytes allocated %d bytes", len(in), alloc)
	}
}
