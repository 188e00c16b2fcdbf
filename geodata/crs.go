package geodata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-proj/v10"
)

// EPSG codes this package names.
const (
	EPSGRDNew = 28992 // Amersfoort / RD New, the working CRS (metres)
	EPSGWGS84 = 4326  // WGS 84 geographic; orb order lon,lat (also OGC:CRS84)
)

// Transformer transforms coordinates from one source CRS to EPSG:28992
// with PROJ. Points are read in orb order (X, Y): for a geographic source
// such as EPSG:4326 that is (longitude, latitude) whatever the official
// axis order of the CRS, because the PROJ operation is normalised for
// visualisation (proj_normalize_for_visualization).
//
// A Transformer owns its own PROJ context and is not safe for concurrent
// use: give each goroutine its own (PROJ's PJ objects are not thread safe,
// and a shared one would serialise on its context lock). TransformToRD
// keeps a pool of transformers and is safe for concurrent use.
type Transformer struct {
	from int
	to   int
	ctx  *proj.Context
	pj   *proj.PJ // nil for the identity (from == 28992)
}

// NewTransformer returns a transformer from EPSG:fromEPSG to EPSG:28992.
// It fails with an error wrapping ErrCRS when PROJ does not know the code.
func NewTransformer(fromEPSG int) (*Transformer, error) {
	return newTransformer(fromEPSG, EPSGRDNew)
}

// newTransformer returns a transformer between any two EPSG codes; the
// writers use it for EPSG:28992 to WGS 84.
func newTransformer(fromEPSG, toEPSG int) (*Transformer, error) {
	t := &Transformer{from: fromEPSG, to: toEPSG}
	if fromEPSG == toEPSG {
		return t, nil
	}
	if fromEPSG <= 0 || toEPSG <= 0 {
		return nil, fmt.Errorf("%w: EPSG:%d to EPSG:%d", ErrCRS, fromEPSG, toEPSG)
	}
	t.ctx = proj.NewContext()
	pj, err := t.ctx.NewCRSToCRS("EPSG:"+strconv.Itoa(fromEPSG), "EPSG:"+strconv.Itoa(toEPSG), nil)
	if err != nil {
		t.ctx.Destroy()
		return nil, fmt.Errorf("%w: EPSG:%d to EPSG:%d: %v", ErrCRS, fromEPSG, toEPSG, err)
	}
	norm, err := pj.NormalizeForVisualization()
	pj.Destroy()
	if err != nil {
		t.ctx.Destroy()
		return nil, fmt.Errorf("%w: EPSG:%d to EPSG:%d: %v", ErrCRS, fromEPSG, toEPSG, err)
	}
	t.pj = norm
	return t, nil
}

// From returns the source EPSG code.
func (t *Transformer) From() int { return t.from }

// Close releases the PROJ objects. The transformer must not be used after.
func (t *Transformer) Close() {
	if t.pj != nil {
		t.pj.Destroy()
		t.pj = nil
	}
	if t.ctx != nil {
		t.ctx.Destroy()
		t.ctx = nil
	}
}

// Points transforms pts in place. A coordinate PROJ cannot transform (out
// of the domain, NaN) is an error wrapping ErrGeometry; pts is then left
// partly transformed.
func (t *Transformer) Points(pts []orb.Point) error {
	if len(pts) == 0 {
		return nil
	}
	for _, p := range pts {
		if !finite(p) {
			return fmt.Errorf("%w: coordinate %v is not a finite number", ErrGeometry, p)
		}
	}
	if t.pj == nil {
		return nil
	}
	const stride = 16 // bytes per orb.Point
	n := len(pts)
	err := t.pj.TransGeneric(proj.DirectionFwd,
		&pts[0][0], stride, n, &pts[0][1], stride, n,
		nil, 0, 0, nil, 0, 0)
	if err != nil {
		return fmt.Errorf("%w: cannot transform from EPSG:%d: %v", ErrGeometry, t.from, err)
	}
	for _, p := range pts {
		if !finite(p) || math.Abs(p[0]) > 1e8 || math.Abs(p[1]) > 1e8 {
			return fmt.Errorf("%w: coordinate outside the domain of EPSG:%d to EPSG:%d", ErrGeometry, t.from, t.to)
		}
	}
	return nil
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// Geometry transforms g in place (every point of it) and returns it. A
// nil geometry is returned as is.
func (t *Transformer) Geometry(g orb.Geometry) (orb.Geometry, error) {
	switch g := g.(type) {
	case nil:
		return nil, nil
	case orb.Point:
		pts := []orb.Point{g}
		err := t.Points(pts)
		return pts[0], err
	case orb.MultiPoint:
		return g, t.Points(g)
	case orb.LineString:
		return g, t.Points(g)
	case orb.Ring:
		return g, t.Points(g)
	case orb.MultiLineString:
		for _, l := range g {
			if err := t.Points(l); err != nil {
				return g, err
			}
		}
		return g, nil
	case orb.Polygon:
		for _, r := range g {
			if err := t.Points(r); err != nil {
				return g, err
			}
		}
		return g, nil
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				if err := t.Points(r); err != nil {
					return g, err
				}
			}
		}
		return g, nil
	case orb.Collection:
		for i := range g {
			h, err := t.Geometry(g[i])
			if err != nil {
				return g, err
			}
			g[i] = h
		}
		return g, nil
	case orb.Bound:
		pts := []orb.Point{g.Min, g.Max}
		err := t.Points(pts)
		return orb.Bound{Min: pts[0], Max: pts[1]}, err
	}
	return g, fmt.Errorf("%w: unsupported geometry type %T", ErrGeometry, g)
}

var transformerPools sync.Map // [2]int{from, to} -> *sync.Pool of *Transformer

// pooledTransformer returns a transformer from the pool for the pair, or a
// new one (creating one costs about 10 ms: PROJ reads its database).
// Give it back with releaseTransformer.
func pooledTransformer(fromEPSG, toEPSG int) (*Transformer, error) {
	v, _ := transformerPools.LoadOrStore([2]int{fromEPSG, toEPSG}, &sync.Pool{})
	if t, _ := v.(*sync.Pool).Get().(*Transformer); t != nil {
		return t, nil
	}
	return newTransformer(fromEPSG, toEPSG)
}

func releaseTransformer(t *Transformer) {
	if v, ok := transformerPools.Load([2]int{t.from, t.to}); ok {
		v.(*sync.Pool).Put(t)
	}
}

// TransformToRD returns g transformed from EPSG:fromEPSG to EPSG:28992.
// Points are in orb order (lon, lat for EPSG:4326). g itself is not
// changed: the result is a deep copy. For fromEPSG 28992 it returns g.
// Safe for concurrent use (it draws a Transformer from a pool per code);
// for a long stream of geometries in one goroutine a Transformer of one's
// own avoids the copy.
func TransformToRD(g orb.Geometry, fromEPSG int) (orb.Geometry, error) {
	if fromEPSG == EPSGRDNew || g == nil {
		return g, nil
	}
	t, err := pooledTransformer(fromEPSG, EPSGRDNew)
	if err != nil {
		return nil, err
	}
	defer releaseTransformer(t)
	return t.Geometry(orb.Clone(g))
}

// DescribeCRS names the CRS a file was read in, for reports and
// summaries: "EPSG:28992 (origin)" when the file was in the working CRS,
// else "EPSG:4326 (origin), transformed to EPSG:28992". origin says where
// the CRS came from, such as "RFC 7946 GeoJSON" or "GeoPackage srs_id
// 28992"; it may be empty.
func DescribeCRS(epsg int, origin string) string {
	s := "EPSG:" + strconv.Itoa(epsg)
	if origin != "" {
		s += " (" + origin + ")"
	}
	if epsg != EPSGRDNew {
		s += ", transformed to EPSG:" + strconv.Itoa(EPSGRDNew)
	}
	return s
}

// ParseCRS turns a CRS name found in a file into an EPSG code. It knows
// "EPSG:28992", "EPSG::28992", "urn:ogc:def:crs:EPSG::28992",
// "urn:ogc:def:crs:EPSG:6.6:28992", "http://www.opengis.net/def/crs/EPSG/0/28992",
// "urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "CRS84" (returned as 4326:
// the same datum, and this package reads both in lon,lat order), and a
// bare code ("28992"). Anything else is a *FeatureError for file wrapping
// ErrCRS that quotes what was found.
func ParseCRS(file, name string) (int, error) {
	if code, ok := parseCRSName(name); ok {
		return code, nil
	}
	return 0, crsError(file, fmt.Sprintf("%q", name))
}

func crsError(file, found string) error {
	if len(found) > 200 {
		found = found[:200] + "..."
	}
	return &FeatureError{File: file, Feature: -1, Err: fmt.Errorf("%w: found %s", ErrCRS, found)}
}

func parseCRSName(name string) (int, bool) {
	s := strings.TrimSpace(name)
	u := strings.ToUpper(s)
	switch u {
	case "CRS84", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84",
		"HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84", "HTTPS://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84":
		return EPSGWGS84, true
	}
	var rest string
	switch {
	case strings.HasPrefix(u, "URN:OGC:DEF:CRS:EPSG:"):
		rest = s[len("urn:ogc:def:crs:EPSG:"):]
		// optional version between the colons: "6.6:28992" or ":28992"
		if i := strings.LastIndexByte(rest, ':'); i >= 0 {
			rest = rest[i+1:]
		}
	case strings.HasPrefix(u, "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/"), strings.HasPrefix(u, "HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/"):
		i := strings.LastIndexByte(s, '/')
		rest = s[i+1:]
	case strings.HasPrefix(u, "EPSG::"):
		rest = s[len("EPSG::"):]
	case strings.HasPrefix(u, "EPSG:"):
		rest = s[len("EPSG:"):]
	default:
		rest = s
	}
	code, err := strconv.Atoi(rest)
	if err != nil || code <= 0 || code > 999999 {
		return 0, false
	}
	return code, true
}

// ParseCRSJSON turns a CRS given as JSON into an EPSG code: a JSON string
// (see ParseCRS), a PROJJSON object with an "id" {"authority": "EPSG",
// "code": 28992} or "ids" list (as in GeoParquet "crs"), or a GeoJSON 2008
// crs member {"type": "name", "properties": {"name": "..."}}. Anything
// else is a *FeatureError for file wrapping ErrCRS.
func ParseCRSJSON(file string, raw []byte) (int, error) {
	raw = bytes.TrimSpace(raw)
	var name string
	if err := json.Unmarshal(raw, &name); err == nil {
		return ParseCRS(file, name)
	}
	var obj struct {
		Type       string `json:"type"`
		Properties struct {
			Name string          `json:"name"`
			Code json.RawMessage `json:"code"` // old-style {"type":"EPSG","properties":{"code":28992}}
		} `json:"properties"`
		ID      *projjsonID     `json:"id"`
		IDs     []projjsonID    `json:"ids"`
		Name    string          `json:"name"`
		BaseCRS json.RawMessage `json:"base_crs"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return 0, crsError(file, string(raw))
	}
	if obj.Type == "name" && obj.Properties.Name != "" {
		return ParseCRS(file, obj.Properties.Name)
	}
	if strings.EqualFold(obj.Type, "EPSG") && len(obj.Properties.Code) > 0 {
		if code, ok := parseCRSName(strings.Trim(string(obj.Properties.Code), `"`)); ok {
			return code, nil
		}
	}
	ids := obj.IDs
	if obj.ID != nil {
		ids = append([]projjsonID{*obj.ID}, ids...)
	}
	for _, id := range ids {
		if code, ok := id.epsg(); ok {
			return code, nil
		}
	}
	return 0, crsError(file, string(raw))
}

type projjsonID struct {
	Authority string          `json:"authority"`
	Code      json.RawMessage `json:"code"` // number or string ("CRS84")
}

func (id projjsonID) epsg() (int, bool) {
	code := strings.Trim(string(id.Code), `"`)
	switch strings.ToUpper(id.Authority) {
	case "EPSG":
		return parseCRSName(code)
	case "OGC":
		if strings.EqualFold(code, "CRS84") {
			return EPSGWGS84, true
		}
	}
	return 0, false
}
