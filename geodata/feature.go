package geodata

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// LayerKind says what the features of a layer stand for.
type LayerKind string

// Layer kinds.
const (
	KindBuildings LayerKind = "buildings"
	KindStreets   LayerKind = "streets"
	KindAddresses LayerKind = "addresses"
	KindAreas     LayerKind = "areas"
	KindLabels    LayerKind = "labels" // EP-Online energy labels (no geometry)
	KindOther     LayerKind = "other"
)

// Skip and repair reasons of the feature mappers (more in report.go).
const (
	SkipNotAPoint     = "not_a_point"               // an address feature without a point
	RepairLargestPart = "multipolygon_largest_part" // a footprint of several parts keeps its largest
)

// Kind guesses the layer kind from one feature: its geometry type and the
// properties that name buildings (building, ref:bag, identificatie,
// bouwjaar), areas (buurtcode, wijkcode, jaarstatcode) or address points
// (housenumber, addr:housenumber, huisnummer, pand_identificatie); any
// line is a street.
func (f Feature) Kind() LayerKind {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := f.Properties[k]; ok {
				return true
			}
		}
		return false
	}
	switch f.Geometry.(type) {
	case orb.Polygon, orb.MultiPolygon:
		if has("buurtcode", "wijkcode", "jaarstatcode") && !has("identificatie", "building", "ref:bag", "ref_bag") {
			return KindAreas
		}
		if has("building", "ref:bag", "ref_bag", "identificatie", "bouwjaar", "start_date") {
			return KindBuildings
		}
		return KindAreas
	case orb.LineString, orb.MultiLineString:
		return KindStreets
	case orb.Point:
		if has("housenumber", "addr:housenumber", "huisnummer", "pand_identificatie") {
			return KindAddresses
		}
	}
	return KindOther
}

// prop returns a property as a string ("" when absent or null). The first
// key present wins.
func (f Feature) prop(keys ...string) string {
	for _, k := range keys {
		v, ok := f.Properties[k]
		if !ok || v == nil {
			continue
		}
		switch x := v.(type) {
		case string:
			return strings.TrimSpace(x)
		case json.Number:
			return x.String()
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		case int:
			return strconv.Itoa(x)
		case int64:
			return strconv.FormatInt(x, 10)
		case bool:
			return strconv.FormatBool(x)
		default:
			return fmt.Sprint(x)
		}
	}
	return ""
}

// propInt reads an integer property; it accepts "1923", 1923, 1923.0 and a
// leading year in a date ("1923-05-01", "~1923" is not accepted). ok is
// false when absent or not a number.
func (f Feature) propInt(keys ...string) (int, bool) {
	s := f.prop(keys...)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil && x == math.Trunc(x) && math.Abs(x) < 1e9 {
		return int(x), true
	}
	return 0, false
}

func (f Feature) propFloat(keys ...string) float64 {
	x, err := strconv.ParseFloat(f.prop(keys...), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// startYear reads an OSM start_date: "1923", "1923-05", "1923-05-01".
func startYear(s string) int {
	if len(s) < 4 {
		return 0
	}
	n, err := strconv.Atoi(s[:4])
	if err != nil || (len(s) > 4 && s[4] != '-') {
		return 0
	}
	return n
}

// sourceID returns the best id for error messages: a BAG id, else an OSM
// or source id.
func sourceID(props map[string]any) string {
	f := Feature{Properties: props}
	return f.prop("identificatie", "ref:bag", "ref_bag", "osm_id", "id", "fid")
}

// footprint returns the polygon of g: a Polygon as is, a MultiPolygon by
// its largest part (repaired true when there were several parts).
func footprint(g orb.Geometry) (p orb.Polygon, repaired, ok bool) {
	switch g := g.(type) {
	case orb.Polygon:
		return g, false, len(g) > 0 && len(g[0]) > 0
	case orb.MultiPolygon:
		best, area := -1, -1.0
		for i, q := range g {
			if len(q) == 0 {
				continue
			}
			if a := math.Abs(ringArea(q[0])); a > area {
				best, area = i, a
			}
		}
		if best < 0 {
			return nil, false, false
		}
		return g[best], len(g) > 1, true
	}
	return nil, false, false
}

// ringArea is the signed shoelace area of r.
func ringArea(r orb.Ring) float64 {
	var s float64
	for i := 1; i < len(r); i++ {
		s += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return s / 2
}

// PandFromFeature maps a building feature onto a Pand. It reads BAG-style
// properties (identificatie, bouwjaar, status, gebruiksdoel as a
// comma-joined list, aantal_verblijfsobjecten, oppervlakte) and OSM-style
// ones (ref:bag, start_date, building, building:levels, addr:*; also the
// underscore spellings ref_bag, building_levels of the Delft demo files).
// The id is kept as found; the Validator normalises it. reason names why
// the feature is not used ("" when it is) and repair a change made to it
// ("" when none).
func PandFromFeature(f Feature) (p Pand, reason, repair string) {
	if f.Geometry == nil {
		return Pand{}, SkipNoGeometry, ""
	}
	poly, repaired, ok := footprint(f.Geometry)
	if !ok {
		return Pand{}, SkipNotAPolygon, ""
	}
	if repaired {
		repair = RepairLargestPart
	}
	if b := f.prop("building"); b == "no" {
		return Pand{}, SkipNotABuilding, ""
	}
	p = Pand{
		ID:                f.prop("identificatie", "ref:bag", "ref_bag", "bag_id"),
		Footprint:         poly,
		Status:            f.prop("status"),
		Verblijfsobjecten: 0,
		BuildingType:      f.prop("building"),
		OppervlakteM2:     f.propFloat("oppervlakte", "oppervlakte_m2"),
	}
	if y, ok := f.propInt("bouwjaar", "oorspronkelijkbouwjaar"); ok {
		p.Bouwjaar = y
	} else if f.prop("bouwjaar", "oorspronkelijkbouwjaar") != "" {
		return Pand{}, SkipBouwjaarNotAYear, ""
	} else {
		p.Bouwjaar = startYear(f.prop("start_date", "start_date_raw"))
	}
	if n, ok := f.propInt("aantal_verblijfsobjecten"); ok {
		p.Verblijfsobjecten = n
	}
	if n, ok := f.propInt("building:levels", "building_levels"); ok {
		p.Levels = n
	}
	if s := f.prop("gebruiksdoel"); s != "" {
		for _, u := range strings.Split(s, ",") {
			if u = strings.TrimSpace(u); u != "" {
				p.Gebruiksdoel = append(p.Gebruiksdoel, u)
			}
		}
	}
	p.Address = f.prop("adres")
	if p.Address == "" {
		p.Address = formatAddress(f.prop("addr:street", "addr_street"), f.prop("addr:housenumber", "addr_housenumber"),
			f.prop("addr:postcode", "addr_postcode"), f.prop("addr:city", "addr_city"))
	}
	if s := f.prop("registered"); s != "" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			p.Registered = t
		}
	}
	return p, "", repair
}

// PandProperties returns the properties under which the GeoJSON writer
// stores p, so that PandFromFeature reads every field back: identificatie,
// bouwjaar, status, gebruiksdoel (comma-joined, as PDOK), aantal_verblijfsobjecten,
// oppervlakte (m2), building:levels, building, adres and registered
// (RFC 3339). Empty and zero fields are left out.
func PandProperties(p Pand) map[string]any {
	m := map[string]any{"identificatie": p.ID}
	if p.Bouwjaar != 0 {
		m["bouwjaar"] = p.Bouwjaar
	}
	if p.Status != "" {
		m["status"] = p.Status
	}
	if len(p.Gebruiksdoel) > 0 {
		m["gebruiksdoel"] = strings.Join(p.Gebruiksdoel, ",")
	}
	if p.Verblijfsobjecten != 0 {
		m["aantal_verblijfsobjecten"] = p.Verblijfsobjecten
	}
	if p.OppervlakteM2 != 0 {
		m["oppervlakte"] = p.OppervlakteM2
	}
	if p.Levels != 0 {
		m["building:levels"] = p.Levels
	}
	if p.BuildingType != "" {
		m["building"] = p.BuildingType
	}
	if p.Address != "" {
		m["adres"] = p.Address
	}
	if !p.Registered.IsZero() {
		m["registered"] = p.Registered.UTC().Format(time.RFC3339Nano)
	}
	return m
}

func formatAddress(street, number, postcode, city string) string {
	s := strings.TrimSpace(street + " " + number)
	if pc := strings.TrimSpace(postcode + " " + city); pc != "" {
		if s != "" {
			s += ", "
		}
		s += pc
	}
	return s
}

// StreetsFromFeature appends the street pieces of a line feature to dst:
// one for a LineString, one per part for a MultiLineString. It reads OSM
// (highway, name, osm_id) and NWB (wvk_id, stt_naam, wegbehsrt) properties.
// reason names why nothing was appended ("" when something was).
func StreetsFromFeature(f Feature, dst []Street) ([]Street, string) {
	s := Street{
		ID:    f.ID,
		Name:  f.prop("name", "stt_naam", "straatnaam"),
		Class: f.prop("highway", "wegbehsrt", "bgt_functie", "class"),
	}
	if s.ID == "" {
		s.ID = f.prop("osm_id", "wvk_id", "id", "fid")
	}
	switch g := f.Geometry.(type) {
	case nil:
		return dst, SkipNoGeometry
	case orb.LineString:
		if len(g) < 2 {
			return dst, SkipNotALine
		}
		s.Line = g
		return append(dst, s), ""
	case orb.MultiLineString:
		n := len(dst)
		for _, l := range g {
			if len(l) >= 2 {
				t := s
				t.Line = l
				dst = append(dst, t)
			}
		}
		if len(dst) == n {
			return dst, SkipNotALine
		}
		return dst, ""
	}
	return dst, SkipNotALine
}

// AddressFromFeature maps a point feature onto an Address (street,
// housenumber, postcode, city or their addr:* and BAG spellings).
func AddressFromFeature(f Feature) (Address, string) {
	var pt orb.Point
	switch g := f.Geometry.(type) {
	case nil:
		return Address{}, SkipNoGeometry
	case orb.Point:
		pt = g
	case orb.MultiPoint:
		if len(g) == 0 {
			return Address{}, SkipNotAPoint
		}
		pt = g[0]
	default:
		return Address{}, SkipNotAPoint
	}
	a := Address{
		ID:                f.ID,
		VerblijfsobjectID: f.prop("verblijfsobject_id", "adresseerbaarobject_id", "ref:bag:vbo"),
		PandID:            f.prop("pand_identificatie", "pand_id"),
		Street:            f.prop("street", "addr:street", "openbare_ruimte_naam", "straatnaam"),
		Housenumber:       f.prop("housenumber", "addr:housenumber", "huisnummer"),
		Postcode:          f.prop("postcode", "addr:postcode"),
		City:              f.prop("city", "addr:city", "woonplaats_naam", "woonplaats"),
		Point:             pt,
	}
	if a.ID == "" {
		a.ID = f.prop("osm_id", "identificatie", "id", "fid")
	}
	return a, ""
}

// AreaFromFeature maps a polygon feature onto an Area of the given kind,
// reading the CBS wijk- en buurtkaart columns (buurtcode/buurtnaam,
// wijkcode/wijknaam, else code/naam/name; gemeentenaam when present).
func AreaFromFeature(f Feature, kind AreaKind) (Area, string) {
	a := Area{Kind: kind}
	switch kind {
	case AreaWijk:
		a.Code, a.Name = f.prop("wijkcode", "code"), f.prop("wijknaam", "naam", "name")
	default:
		a.Code, a.Name = f.prop("buurtcode", "code", "jaarstatcode"), f.prop("buurtnaam", "naam", "name")
	}
	if a.Code == "" {
		a.Code = f.ID
	}
	a.Gemeente = f.prop("gemeentenaam", "GM_NAAM")
	a.WijkCode, a.GemeenteCode = f.prop("wijkcode", "WK_CODE"), f.prop("gemeentecode", "GM_CODE")
	a.Water = strings.EqualFold(strings.TrimSpace(f.prop("water", "WATER")), "JA")
	a.IncomeKEUR = incomeKEUR(f.prop("gemiddeld_gestandaardiseerd_inkomen_van_huishoudens"))
	switch g := f.Geometry.(type) {
	case nil:
		return Area{}, SkipNoGeometry
	case orb.Polygon:
		a.Geometry = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		a.Geometry = g
	default:
		return Area{}, SkipNotAPolygon
	}
	return a, ""
}

// incomeKEUR reads a CBS income figure in 1,000 EUR: a decimal comma is
// accepted, a figure above 1,000 is taken as euro, CBS's negative secrecy
// markers and anything unreadable give 0 (unknown).
func incomeKEUR(s string) float64 {
	x, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 {
		return 0
	}
	if x > 1000 {
		x /= 1000
	}
	return x
}

// GeoJSONPanden returns a reader of the building features of g (it
// satisfies PandReader). Features that are not buildings are counted in
// rep under their reason (rep.Read counts every feature, rep.Used the
// panden handed on). Its Close closes g.
func GeoJSONPanden(g *GeoJSONReader, rep *Report) *GeoJSONPandReader {
	return &GeoJSONPandReader{g: g, rep: rep}
}

// GeoJSONPandReader streams the panden of a GeoJSON file; see
// GeoJSONPanden.
type GeoJSONPandReader struct {
	g   *GeoJSONReader
	rep *Report
}

// Read fills dst with up to len(dst) panden; io.EOF at the end.
func (r *GeoJSONPandReader) Read(dst []Pand) (int, error) {
	n := 0
	for n < len(dst) {
		f, err := r.g.Next()
		if err != nil {
			return n, err
		}
		r.rep.Read++
		p, reason, repair := PandFromFeature(f)
		if reason != "" {
			r.rep.Skip(reason)
			continue
		}
		if repair != "" {
			r.rep.Repair(repair)
		}
		r.rep.Used++
		dst[n] = p
		n++
	}
	return n, nil
}

// Close closes the GeoJSONReader.
func (r *GeoJSONPandReader) Close() error { return r.g.Close() }

// ReadGeoJSONStreets reads every street piece of a GeoJSON file, counting
// in rep. It keeps all streets in memory (a street layer of one gemeente
// is small); use GeoJSONReader and StreetsFromFeature to stream.
func ReadGeoJSONStreets(r io.Reader, file string, rep *Report) ([]Street, error) {
	g, err := NewGeoJSONReader(r, file)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	var out []Street
	for {
		f, err := g.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		rep.Read++
		var reason string
		if out, reason = StreetsFromFeature(f, out); reason != "" {
			rep.Skip(reason)
			continue
		}
		rep.Used++
	}
}
