package geodata

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Feature is one decoded vector feature: a geometry in EPSG:28992 (once a
// reader has transformed it) and its properties. Numbers in Properties are
// json.Number when read from GeoJSON, so ids keep every digit.
type Feature struct {
	ID         string
	Geometry   orb.Geometry // nil for a feature without geometry
	Properties map[string]any
}

// GeoJSONReader streams the features of a GeoJSON FeatureCollection, one
// feature at a time: memory does not grow with the size of the file.
//
// The CRS follows the file: an RFC 7946 file (no "crs" member) is WGS 84
// and is transformed to EPSG:28992 with PROJ; a legacy (2008) file whose
// "crs" member names EPSG:28992 is used as is; one naming EPSG:4326 or
// OGC CRS84 is read as WGS 84 in lon,lat order (as GDAL writes it); any
// other "crs" is an error wrapping ErrCRS that names the file and the crs
// found. A "crs" member
// that comes after "features" is an ErrCRS too, since the features before
// it would have been read in the wrong CRS.
//
// A GeoJSONReader is not safe for concurrent use.
type GeoJSONReader struct {
	file   string
	dec    *json.Decoder
	epsg   int
	tr     *Transformer
	index  int  // index of the next feature
	inFeat bool // inside the features array
	done   bool
	err    error
	crsRaw string
}

// utf8BOM is the UTF-8 byte-order mark.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// NewGeoJSONReader starts reading a FeatureCollection from r. file names
// the source in errors. It reads up to the first feature (or the end), so
// that EPSG reports the CRS.
func NewGeoJSONReader(r io.Reader, file string) (*GeoJSONReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3) // a UTF-8 byte-order mark, as Windows tools write it
	}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	g := &GeoJSONReader{file: file, dec: dec, epsg: EPSGWGS84}
	tok, err := dec.Token()
	if err != nil {
		return nil, g.corrupt(fmt.Errorf("not JSON: %v", err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, g.corrupt(errors.New("not a GeoJSON object"))
	}
	if err := g.advance(); err != nil {
		return nil, err
	}
	if err := g.setCRS(); err != nil {
		return nil, err
	}
	return g, nil
}

// EPSG returns the CRS the file declared (28992) or implied (4326).
func (g *GeoJSONReader) EPSG() int { return g.epsg }

// CRSDeclared reports whether the file has a "crs" member; without one it
// is RFC 7946 GeoJSON in WGS 84.
func (g *GeoJSONReader) CRSDeclared() bool { return g.crsRaw != "" }

// File returns the name the reader reports in errors.
func (g *GeoJSONReader) File() string { return g.file }

// Close releases the PROJ transformer. It does not close the underlying
// reader.
func (g *GeoJSONReader) Close() error {
	if g.tr != nil {
		releaseTransformer(g.tr)
		g.tr = nil
	}
	return nil
}

func (g *GeoJSONReader) corrupt(err error) error {
	return &FeatureError{File: g.file, Feature: -1, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
}

func (g *GeoJSONReader) setCRS() error {
	if g.crsRaw != "" {
		code, err := ParseCRSJSON(g.file, []byte(g.crsRaw))
		if err != nil {
			return err
		}
		if code != EPSGRDNew && code != EPSGWGS84 {
			return crsError(g.file, g.crsRaw+" (only EPSG:28992 or WGS 84 are read)")
		}
		g.epsg = code
	}
	if g.epsg != EPSGRDNew && g.tr == nil {
		tr, err := pooledTransformer(g.epsg, EPSGRDNew)
		if err != nil {
			return &FeatureError{File: g.file, Feature: -1, Err: err}
		}
		g.tr = tr
	}
	return nil
}

// advance walks the top-level members until it is inside the features
// array (inFeat) or at the end of the object (done). It records "crs".
func (g *GeoJSONReader) advance() error {
	for {
		tok, err := g.dec.Token()
		if err != nil {
			return g.corrupt(fmt.Errorf("truncated or malformed JSON: %v", err))
		}
		if d, ok := tok.(json.Delim); ok && d == '}' {
			// The collection must be the whole file: a second collection
			// or stray bytes after it are an error, not ignored.
			if _, err := g.dec.Token(); err != io.EOF {
				return g.corrupt(errors.New("data after the end of the FeatureCollection"))
			}
			g.done = true
			return nil
		}
		key, ok := tok.(string)
		if !ok {
			return g.corrupt(errors.New("malformed JSON object"))
		}
		switch key {
		case "type":
			var typ string
			if err := g.dec.Decode(&typ); err != nil || typ != "FeatureCollection" {
				return g.corrupt(fmt.Errorf("type %q, want FeatureCollection", typ))
			}
		case "crs":
			var raw json.RawMessage
			if err := g.dec.Decode(&raw); err != nil {
				return g.corrupt(fmt.Errorf("crs: %v", err))
			}
			if g.index > 0 {
				return crsError(g.file, string(raw)+" (the crs member comes after the features)")
			}
			if !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
				g.crsRaw = string(raw)
			}
		case "features":
			tok, err := g.dec.Token()
			if err != nil {
				return g.corrupt(fmt.Errorf("features: %v", err))
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				return g.corrupt(errors.New("features is not an array"))
			}
			g.inFeat = true
			return nil
		default:
			var skip json.RawMessage
			if err := g.dec.Decode(&skip); err != nil {
				return g.corrupt(fmt.Errorf("member %q: %v", key, err))
			}
		}
	}
}

// Next returns the next feature, transformed to EPSG:28992, or io.EOF
// after the last. A feature that cannot be decoded is a *FeatureError with
// the feature index (and id when it could be read); the reader cannot go
// on after it.
func (g *GeoJSONReader) Next() (Feature, error) {
	for {
		if g.err != nil {
			return Feature{}, g.err
		}
		if g.done {
			return Feature{}, io.EOF
		}
		if !g.inFeat {
			if err := g.advance(); err != nil {
				g.err = err
				return Feature{}, err
			}
			if g.crsRaw != "" && g.inFeat {
				if err := g.setCRS(); err != nil {
					g.err = err
					return Feature{}, err
				}
			}
			continue
		}
		if !g.dec.More() {
			if _, err := g.dec.Token(); err != nil { // ']'
				g.err = g.corrupt(err)
				return Feature{}, g.err
			}
			g.inFeat = false
			continue
		}
		f, err := g.decodeFeature()
		if err != nil {
			g.err = err
			return Feature{}, err
		}
		return f, nil
	}
}

// Read fills dst with up to len(dst) features and returns how many; it
// returns io.EOF (with n possibly > 0) at the end.
func (g *GeoJSONReader) Read(dst []Feature) (int, error) {
	for i := range dst {
		f, err := g.Next()
		if err != nil {
			return i, err
		}
		dst[i] = f
	}
	return len(dst), nil
}

type rawFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties map[string]any  `json:"properties"`
}

func (g *GeoJSONReader) decodeFeature() (Feature, error) {
	idx := g.index
	g.index++
	var rf rawFeature
	if err := g.dec.Decode(&rf); err != nil {
		return Feature{}, &FeatureError{File: g.file, Feature: idx, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	f := Feature{Properties: rf.Properties}
	if len(rf.ID) > 0 && string(rf.ID) != "null" {
		f.ID = jsonScalar(rf.ID)
	}
	fail := func(err error) (Feature, error) {
		id := f.ID
		if id == "" {
			id = sourceID(f.Properties)
		}
		return Feature{}, &FeatureError{File: g.file, Feature: idx, ID: id, Err: err}
	}
	if rf.Type != "Feature" {
		return fail(fmt.Errorf("%w: type %q, want Feature", ErrCorrupt, rf.Type))
	}
	geom, err := decodeGeometry(rf.Geometry, 0)
	if err != nil {
		return fail(err)
	}
	if geom, err = toRD(g.tr, geom); err != nil {
		return fail(err)
	}
	f.Geometry = geom
	return f, nil
}

func jsonScalar(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

type rawGeometry struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
}

// decodeGeometry decodes a GeoJSON geometry strictly: every position needs
// at least two finite numbers (a third, Z, is dropped). JSON null is a nil
// geometry.
func decodeGeometry(raw json.RawMessage, depth int) (orb.Geometry, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if depth > 8 {
		return nil, fmt.Errorf("%w: geometry collections nested too deep", ErrGeometry)
	}
	var rg rawGeometry
	if err := json.Unmarshal(raw, &rg); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrGeometry, err)
	}
	bad := func(err error) (orb.Geometry, error) {
		return nil, fmt.Errorf("%w: %s: bad coordinate: %v", ErrGeometry, rg.Type, err)
	}
	depth0, ok := coordDepth[rg.Type]
	if ok {
		cs := coordScanner{b: rg.Coordinates}
		g, err := cs.geometry(rg.Type, depth0)
		if err != nil {
			return bad(err)
		}
		return g, nil
	}
	switch rg.Type {
	case "GeometryCollection":
		col := make(orb.Collection, 0, len(rg.Geometries))
		for _, r := range rg.Geometries {
			h, err := decodeGeometry(r, depth+1)
			if err != nil {
				return nil, err
			}
			if h != nil {
				col = append(col, h)
			}
		}
		return col, nil
	}
	return nil, fmt.Errorf("%w: unknown geometry type %q", ErrGeometry, rg.Type)
}

// coordDepth is the nesting depth of the coordinates of each type.
var coordDepth = map[string]int{
	"Point": 1, "MultiPoint": 2, "LineString": 2,
	"MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4,
}

// coordScanner parses a GeoJSON coordinates array straight from its bytes
// (about four times faster than encoding/json into nested slices). Every
// position needs at least two finite numbers; a third (Z) and more are
// dropped. Rings of a polygon share one backing slice.
type coordScanner struct {
	b   []byte
	pos int
}

func (s *coordScanner) geometry(typ string, depth int) (orb.Geometry, error) {
	var g orb.Geometry
	var err error
	switch depth {
	case 1:
		g, err = s.position()
	case 2:
		var pts []orb.Point
		pts, err = s.positions(nil)
		if typ == "MultiPoint" {
			g = orb.MultiPoint(pts)
		} else {
			g = orb.LineString(pts)
		}
	case 3:
		var lines [][]orb.Point
		lines, err = s.lines()
		if typ == "Polygon" {
			poly := make(orb.Polygon, len(lines))
			for i := range lines {
				poly[i] = lines[i]
			}
			g = poly
		} else {
			mls := make(orb.MultiLineString, len(lines))
			for i := range lines {
				mls[i] = lines[i]
			}
			g = mls
		}
	case 4:
		var mp orb.MultiPolygon
		err = s.list(func() error {
			lines, err := s.lines()
			poly := make(orb.Polygon, len(lines))
			for i := range lines {
				poly[i] = lines[i]
			}
			mp = append(mp, poly)
			return err
		})
		g = mp
	}
	if err != nil {
		return nil, err
	}
	s.space()
	if s.pos != len(s.b) {
		return nil, fmt.Errorf("unexpected %q after the coordinates", s.b[s.pos])
	}
	return g, nil
}

func (s *coordScanner) space() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *coordScanner) expect(c byte) error {
	s.space()
	if s.pos >= len(s.b) {
		return fmt.Errorf("coordinates end early, want %q", c)
	}
	if s.b[s.pos] != c {
		return fmt.Errorf("unexpected %q at offset %d, want %q", s.b[s.pos], s.pos, c)
	}
	s.pos++
	return nil
}

// list parses "[" item ("," item)* "]" (or "[]"), calling item for each.
func (s *coordScanner) list(item func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	s.space()
	if s.pos < len(s.b) && s.b[s.pos] == ']' {
		s.pos++
		return nil
	}
	for {
		if err := item(); err != nil {
			return err
		}
		s.space()
		if s.pos >= len(s.b) {
			return errors.New("coordinates end early")
		}
		switch s.b[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return fmt.Errorf("unexpected %q at offset %d", s.b[s.pos], s.pos)
		}
	}
}

func (s *coordScanner) number() (float64, error) {
	s.space()
	start := s.pos
	for s.pos < len(s.b) {
		c := s.b[s.pos]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			s.pos++
			continue
		}
		break
	}
	if start == s.pos {
		if s.pos < len(s.b) {
			return 0, fmt.Errorf("unexpected %q at offset %d, want a number", s.b[s.pos], s.pos)
		}
		return 0, errors.New("coordinates end early, want a number")
	}
	x, err := strconv.ParseFloat(string(s.b[start:s.pos]), 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s.b[start:s.pos])
	}
	return x, nil
}

func (s *coordScanner) position() (orb.Point, error) {
	var p orb.Point
	n := 0
	err := s.list(func() error {
		x, err := s.number()
		if n < 2 {
			p[n] = x
		}
		n++
		return err
	})
	if err == nil && n < 2 {
		err = fmt.Errorf("position with %d numbers, want at least 2", n)
	}
	return p, err
}

func (s *coordScanner) positions(dst []orb.Point) ([]orb.Point, error) {
	err := s.list(func() error {
		p, err := s.position()
		dst = append(dst, p)
		return err
	})
	return dst, err
}

// lines parses a list of position lists into slices of one shared array.
func (s *coordScanner) lines() ([][]orb.Point, error) {
	var all []orb.Point
	var ends []int
	err := s.list(func() error {
		var err error
		all, err = s.positions(all)
		ends = append(ends, len(all))
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([][]orb.Point, len(ends))
	start := 0
	for i, e := range ends {
		out[i] = all[start:e:e]
		start = e
	}
	return out, nil
}

// GeoJSONWriter streams a FeatureCollection. By default it writes
// EPSG:28992 with the legacy crs member
// {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},
// which QGIS and GDAL read; with WGS84 set it writes RFC 7946 (WGS 84,
// lon,lat, no crs member), transforming from EPSG:28992 with PROJ.
// Geometries passed to Write are in EPSG:28992 and are not changed.
//
// A GeoJSONWriter is not safe for concurrent use. Call Close to finish the
// collection; it does not close w.
type GeoJSONWriter struct {
	w      *bufio.Writer
	tr     *Transformer // RD -> WGS 84 when writing RFC 7946
	n      int
	closed bool
	err    error
}

// GeoJSONOptions configures a GeoJSONWriter.
type GeoJSONOptions struct {
	// WGS84 writes RFC 7946 GeoJSON (EPSG:4326, lon,lat) instead of
	// EPSG:28992 with a crs member.
	WGS84 bool
	// Name is written as the collection's "name" member when not empty.
	Name string
}

// NewGeoJSONWriter starts a FeatureCollection on w.
func NewGeoJSONWriter(w io.Writer, opt GeoJSONOptions) (*GeoJSONWriter, error) {
	gw := &GeoJSONWriter{w: bufio.NewWriterSize(w, 64<<10)}
	gw.w.WriteString(`{"type":"FeatureCollection"`)
	if opt.Name != "" {
		name, _ := json.Marshal(opt.Name)
		gw.w.WriteString(`,"name":`)
		gw.w.Write(name)
	}
	if opt.WGS84 {
		tr, err := pooledTransformer(EPSGRDNew, EPSGWGS84)
		if err != nil {
			return nil, err
		}
		gw.tr = tr
	} else {
		gw.w.WriteString(`,"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}`)
	}
	gw.w.WriteString(`,"features":[`)
	return gw, nil
}

// Write appends one feature without an id; see WriteFeature.
func (gw *GeoJSONWriter) Write(g orb.Geometry, props map[string]any) error {
	return gw.WriteFeature("", g, props)
}

// WriteFeature appends one feature with the given id (none when empty,
// such as a BAG id). props may be nil; its values must be JSON encodable
// (NaN and Inf are written as null). In WGS84 mode the geometry is
// transformed with PROJ, rings are oriented as RFC 7946 asks (exterior
// counter-clockwise, holes clockwise) and coordinates have 7 decimals
// (about 1 cm).
func (gw *GeoJSONWriter) WriteFeature(id string, g orb.Geometry, props map[string]any) error {
	if gw.err != nil {
		return gw.err
	}
	if gw.closed {
		return errors.New("geodata: write on a closed GeoJSONWriter")
	}
	if gw.tr != nil && g != nil {
		var err error
		if g, err = gw.tr.Geometry(orb.Clone(g)); err != nil {
			return err
		}
		orientRFC7946(g)
	}
	if gw.n > 0 {
		gw.w.WriteByte(',')
	}
	gw.n++
	gw.w.WriteString("\n{\"type\":\"Feature\",")
	if id != "" {
		b, _ := json.Marshal(id)
		gw.w.WriteString(`"id":`)
		gw.w.Write(b)
		gw.w.WriteByte(',')
	}
	gw.w.WriteString("\"properties\":")
	if err := writeProps(gw.w, props); err != nil {
		gw.err = err
		return err
	}
	gw.w.WriteString(`,"geometry":`)
	gw.err = writeGeometry(gw.w, g, gw.tr != nil)
	gw.w.WriteByte('}')
	return gw.err
}

// Close ends the collection and flushes the buffer.
func (gw *GeoJSONWriter) Close() error {
	if gw.closed {
		return gw.err
	}
	gw.closed = true
	if gw.tr != nil {
		releaseTransformer(gw.tr)
		gw.tr = nil
	}
	if gw.err != nil {
		return gw.err
	}
	gw.w.WriteString("\n]}\n")
	return gw.w.Flush()
}

// orientRFC7946 turns the rings of a polygon (in place) so that exterior
// rings run counter-clockwise and holes clockwise (RFC 7946, 3.1.6).
func orientRFC7946(g orb.Geometry) {
	orient := func(p orb.Polygon) {
		for i, r := range p {
			ccw := ringArea(r) > 0
			if (i == 0) != ccw {
				r.Reverse()
			}
		}
	}
	switch g := g.(type) {
	case orb.Polygon:
		orient(g)
	case orb.MultiPolygon:
		for _, p := range g {
			orient(p)
		}
	case orb.Collection:
		for _, h := range g {
			orientRFC7946(h)
		}
	}
}

func writeProps(w *bufio.Writer, props map[string]any) error {
	if props == nil {
		w.WriteString("{}")
		return nil
	}
	clean := make(map[string]any, len(props))
	for k, v := range props {
		switch x := v.(type) {
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				v = nil
			}
		case float32:
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				v = nil
			}
		}
		clean[k] = v
	}
	b, err := json.Marshal(clean) // sorted keys
	if err != nil {
		return fmt.Errorf("geodata: GeoJSON properties: %w", err)
	}
	w.Write(b)
	return nil
}

func writeGeometry(w *bufio.Writer, g orb.Geometry, wgs bool) error {
	prec := -1 // RD: shortest exact form, so a round trip keeps every bit
	if wgs {
		prec = 7 // ~1 cm in degrees, as RFC 7946 section 11.2 suggests
	}
	pt := func(p orb.Point) {
		w.WriteByte('[')
		w.WriteString(strconv.FormatFloat(p[0], 'f', prec, 64))
		w.WriteByte(',')
		w.WriteString(strconv.FormatFloat(p[1], 'f', prec, 64))
		w.WriteByte(']')
	}
	line := func(ps []orb.Point) {
		w.WriteByte('[')
		for i, p := range ps {
			if i > 0 {
				w.WriteByte(',')
			}
			pt(p)
		}
		w.WriteByte(']')
	}
	poly := func(p orb.Polygon) {
		w.WriteByte('[')
		for i, r := range p {
			if i > 0 {
				w.WriteByte(',')
			}
			line(r)
		}
		w.WriteByte(']')
	}
	switch g := g.(type) {
	case nil:
		w.WriteString("null")
	case orb.Point:
		w.WriteString(`{"type":"Point","coordinates":`)
		pt(g)
		w.WriteByte('}')
	case orb.MultiPoint:
		w.WriteString(`{"type":"MultiPoint","coordinates":`)
		line(g)
		w.WriteByte('}')
	case orb.LineString:
		w.WriteString(`{"type":"LineString","coordinates":`)
		line(g)
		w.WriteByte('}')
	case orb.MultiLineString:
		w.WriteString(`{"type":"MultiLineString","coordinates":[`)
		for i, l := range g {
			if i > 0 {
				w.WriteByte(',')
			}
			line(l)
		}
		w.WriteString("]}")
	case orb.Ring:
		w.WriteString(`{"type":"Polygon","coordinates":`)
		poly(orb.Polygon{g})
		w.WriteByte('}')
	case orb.Polygon:
		w.WriteString(`{"type":"Polygon","coordinates":`)
		poly(g)
		w.WriteByte('}')
	case orb.MultiPolygon:
		w.WriteString(`{"type":"MultiPolygon","coordinates":[`)
		for i, p := range g {
			if i > 0 {
				w.WriteByte(',')
			}
			poly(p)
		}
		w.WriteString("]}")
	case orb.Collection:
		w.WriteString(`{"type":"GeometryCollection","geometries":[`)
		for i, h := range g {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := writeGeometry(w, h, wgs); err != nil {
				return err
			}
		}
		w.WriteString("]}")
	default:
		return fmt.Errorf("%w: cannot write %T as GeoJSON", ErrGeometry, g)
	}
	return nil
}
