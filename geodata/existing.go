package geodata

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ErrExistingPipe is wrapped (in a *FeatureError) by an existing-network
// feature that cannot be used: no or an unreadable nominal diameter, a
// geometry that is not a line, an implausible year or temperature.
var ErrExistingPipe = errors.New("geodata: bad existing pipe")

// Reasons an existing-network feature is skipped (counted, not an error).
const (
	SkipExistingOutOfService = "existing_pipe_out_of_service" // status buiten gebruik, verlaten, abandoned, ...
	SkipExistingNoLength     = "existing_pipe_no_length"      // a line of zero length
)

// ExistingPipe is a pipe of an existing heat network (a supply and return
// pair) that a new network can reuse: where it runs (EPSG:28992) and its
// nominal diameter.
type ExistingPipe struct {
	ID    string // the feature id, else its id property, else "#<feature index>"
	DN    int    // nominal diameter, mm
	Year  int    // year laid; 0 when not given
	Owner string // owner or operator, may be empty
	Kind  string // kind of pipe as given (transport, distributie, ...), may be empty
	// TemperatureC is the supply temperature it runs at, C; NaN when not
	// given. Recorded and passed on, not used in the calculation.
	TemperatureC float64
	Geometry     orb.Geometry // LineString or MultiLineString
	LengthM      float64      // length of Geometry, m
}

// Plausible nominal diameters of a heat pipe, mm (EN 253 pre-insulated
// pipes run from DN15 to DN1200; transport mains rarely exceed DN1400).
const (
	minExistingDN = 15
	maxExistingDN = 1600
)

// Plausible years a pipe was laid and temperatures it runs at.
const (
	minExistingYear = 1900
	maxExistingYear = 2100
	maxExistingC    = 200.0
)

// ParseDN reads a nominal diameter written as "DN150", "dn 150", "DN150
// mm", "150", "150.0" or 150: the number of millimetres, which must be a
// whole number.
func ParseDN(s string) (int, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimSpace(strings.TrimPrefix(t, "dn"))
	t = strings.TrimSpace(strings.TrimSuffix(t, "mm"))
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x != math.Trunc(x) || !(x > 0) || x > 1e6 {
		return 0, false
	}
	return int(x), true
}

// outOfService are the normalised status spellings of a pipe that no
// longer carries heat.
var outOfService = map[string]bool{
	"buiten_gebruik": true, "buitengebruik": true, "verlaten": true, "vervallen": true,
	"gesloten": true, "abandoned": true, "out_of_service": true, "disused": true, "removed": true,
	"verwijderd": true, "inactief": true, "inactive": true,
}

// ExistingPipeFromFeature maps a feature onto an ExistingPipe: properties
// dn (or diameter, nominal_diameter, diameter_nominaal; required), id,
// year (or jaar, aanlegjaar, a date), owner (or eigenaar, beheerder),
// kind (or soort, type), temperature (or temperatuur, supply_c). reason
// is set for a feature skipped and counted: no geometry (SkipNoGeometry),
// a line of zero length (SkipExistingNoLength), a status that says the
// pipe is out of service (SkipExistingOutOfService); err wraps
// ErrExistingPipe for a feature that cannot be used, naming the field.
func ExistingPipeFromFeature(f Feature) (p ExistingPipe, reason string, err error) {
	p = ExistingPipe{ID: f.ID, Owner: f.prop("owner", "eigenaar", "beheerder", "operator"),
		Kind: f.prop("kind", "soort", "type"), TemperatureC: math.NaN()}
	if p.ID == "" {
		p.ID = f.prop("id", "fid", "code")
	}
	switch g := f.Geometry.(type) {
	case nil:
		return p, SkipNoGeometry, nil
	case orb.LineString, orb.MultiLineString:
		p.Geometry = g
	default:
		return p, "", fmt.Errorf("%w: a %s; an existing network is given as lines along the pipes", ErrExistingPipe, g.GeoJSONType())
	}
	if st := f.prop("status"); st != "" {
		k := strings.Join(strings.FieldsFunc(strings.ToLower(st), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
		if outOfService[k] {
			return p, SkipExistingOutOfService, nil
		}
	}
	raw := f.prop("dn", "DN", "diameter", "nominal_diameter", "diameter_nominaal", "nominale_diameter")
	if raw == "" {
		return p, "", fmt.Errorf("%w: field dn: missing (the nominal diameter in mm, e.g. 150 or DN150)", ErrExistingPipe)
	}
	dn, ok := ParseDN(raw)
	if !ok {
		return p, "", fmt.Errorf("%w: field dn: %q is not a nominal diameter (write 150 or DN150)", ErrExistingPipe, raw)
	}
	if dn < minExistingDN || dn > maxExistingDN {
		return p, "", fmt.Errorf("%w: field dn: DN%d lies outside DN%d..DN%d", ErrExistingPipe, dn, minExistingDN, maxExistingDN)
	}
	p.DN = dn
	if yr := f.prop("year", "jaar", "aanlegjaar", "construction_year"); yr != "" {
		y, ok := f.propInt("year", "jaar", "aanlegjaar", "construction_year")
		if !ok {
			y = startYear(yr)
		}
		if y < minExistingYear || y > maxExistingYear {
			return p, "", fmt.Errorf("%w: field year: %q is not a year in %d..%d", ErrExistingPipe, yr, minExistingYear, maxExistingYear)
		}
		p.Year = y
	}
	if tc := f.prop("temperature", "temperatuur", "supply_c", "temperature_c"); tc != "" {
		c, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.ToLower(tc), "c")), 64)
		if err != nil || !(c > 0 && c <= maxExistingC) {
			return p, "", fmt.Errorf("%w: field temperature: %q is not a supply temperature in C (0..%v)", ErrExistingPipe, tc, maxExistingC)
		}
		p.TemperatureC = c
	}
	switch g := p.Geometry.(type) {
	case orb.LineString:
		p.LengthM = planar.Length(g)
	case orb.MultiLineString:
		p.LengthM = planar.Length(g)
	}
	if !(p.LengthM > 0) {
		return p, SkipExistingNoLength, nil
	}
	return p, "", nil
}

// EachExistingPipe streams the pipes of an existing heat network from a
// GeoJSON file or a GeoPackage layer (lines with the property dn, see
// ExistingPipeFromFeature), calling fn for each. rep counts every
// feature and the skipped ones by reason; a feature that cannot be used
// ends the read with a *FeatureError naming the file, the layer (of a
// GeoPackage, also when it was picked as the only one), feature index, id
// and field.
func (s *Source) EachExistingPipe(layer string, rep *Report, fn func(*ExistingPipe) error) error {
	if s.format == FormatGeoPackage {
		// the layer read, also when picked, so that an error names it
		l, err := s.PickLayer(layer, LayoutOther)
		if err != nil {
			return err
		}
		layer = l
	}
	r, err := s.Features(layer, LayoutOther)
	if err != nil {
		return err
	}
	i := -1
	return EachFeature(r, func(f Feature) error {
		i++
		rep.Read++
		p, reason, err := ExistingPipeFromFeature(f)
		if err != nil {
			return &FeatureError{File: s.path, Layer: layer, Feature: i, ID: p.ID, Err: err}
		}
		if reason != "" {
			rep.Skip(reason)
			return nil
		}
		if p.ID == "" {
			p.ID = fmt.Sprintf("#%d", i)
		}
		rep.Used++
		return fn(&p)
	})
}

// ExistingPipes reads every pipe of an existing network (EachExistingPipe).
func (s *Source) ExistingPipes(layer string, rep *Report) ([]ExistingPipe, error) {
	var out []ExistingPipe
	err := s.EachExistingPipe(layer, rep, func(p *ExistingPipe) error { out = append(out, *p); return nil })
	return out, err
}
