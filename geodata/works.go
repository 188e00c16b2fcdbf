package geodata

import (
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// WorkKind is the kind of planned street works a heat pipe can share a
// trench with (a koppelkans).
type WorkKind string

// Work kinds.
const (
	WorkRiolering         WorkKind = "riolering"           // sewer replacement or renovation
	WorkHerinrichting     WorkKind = "herinrichting"       // street redesign, re-paving
	WorkKabelsEnLeidingen WorkKind = "kabels_en_leidingen" // cables and pipes of other utilities
)

// WorkKinds are the kinds in the order the outputs list them.
var WorkKinds = []WorkKind{WorkRiolering, WorkHerinrichting, WorkKabelsEnLeidingen}

// ErrWork is wrapped (in a *FeatureError) by a planned-works feature that
// cannot be used: an unknown kind, a missing or implausible year, a
// geometry that is neither a line nor a polygon.
var ErrWork = errors.New("geodata: bad planned works")

// Work is planned street works: where (lines along the street or the
// polygon of the area dug up, EPSG:28992), what and in which year.
type Work struct {
	ID       string // the feature id, else its id property, else "#<feature index>"
	Name     string // name or description, may be empty
	Kind     WorkKind
	Year     int          // the year the works are carried out
	Geometry orb.Geometry // LineString, MultiLineString, Polygon or MultiPolygon
}

// workKindSpellings maps normalised spellings (lower case, spaces and
// hyphens as underscores, "&" as "en") onto the kinds.
var workKindSpellings = map[string]WorkKind{
	"riolering": WorkRiolering, "riool": WorkRiolering, "rioolvervanging": WorkRiolering,
	"rioolrenovatie": WorkRiolering, "rioleringswerk": WorkRiolering, "rioleringswerken": WorkRiolering,
	"sewer": WorkRiolering, "sewerage": WorkRiolering,
	"herinrichting": WorkHerinrichting, "herbestrating": WorkHerinrichting, "reconstructie": WorkHerinrichting,
	"herinrichting_openbare_ruimte": WorkHerinrichting, "redesign": WorkHerinrichting,
	"kabels_en_leidingen": WorkKabelsEnLeidingen, "kabels_leidingen": WorkKabelsEnLeidingen,
	"kabels": WorkKabelsEnLeidingen, "leidingen": WorkKabelsEnLeidingen, "k_en_l": WorkKabelsEnLeidingen,
	"kl": WorkKabelsEnLeidingen, "utilities": WorkKabelsEnLeidingen, "cables_and_pipes": WorkKabelsEnLeidingen,
}

// ParseWorkKind reads a kind of planned works in the Dutch spellings
// (riolering, riool, rioolvervanging; herinrichting, herbestrating,
// reconstructie; kabels en leidingen, kabels_en_leidingen, K&L, ...) or
// English (sewer, redesign, utilities), case and spacing ignored.
func ParseWorkKind(s string) (WorkKind, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.ReplaceAll(k, "&", " en ")
	k = strings.Join(strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '/' }), "_")
	w, ok := workKindSpellings[k]
	return w, ok
}

// Plausible years of planned works: a plan names years of this century.
const (
	minWorkYear = 2000
	maxWorkYear = 2100
)

// WorkFromFeature maps a feature onto a Work: properties kind (or soort,
// type, werk), year (or jaar, uitvoeringsjaar; a date such as
// "2027-03-01" gives its year), name (or naam, omschrijving). reason is
// SkipNoGeometry for a feature without geometry (counted, not an error);
// err wraps ErrWork for a feature that cannot be used.
func WorkFromFeature(f Feature) (w Work, reason string, err error) {
	w = Work{ID: f.ID, Name: f.prop("name", "naam", "omschrijving", "description")}
	if w.ID == "" {
		w.ID = f.prop("id", "fid", "code")
	}
	switch g := f.Geometry.(type) {
	case nil:
		return w, SkipNoGeometry, nil
	case orb.LineString, orb.MultiLineString, orb.Polygon, orb.MultiPolygon:
		w.Geometry = g
	default:
		return w, "", fmt.Errorf("%w: a %s; planned works are lines along the street or polygons of the area dug up", ErrWork, g.GeoJSONType())
	}
	raw := f.prop("kind", "soort", "type", "werk", "soort_werk")
	if raw == "" {
		return w, "", fmt.Errorf("%w: no kind (property kind: riolering, herinrichting or kabels_en_leidingen)", ErrWork)
	}
	kind, ok := ParseWorkKind(raw)
	if !ok {
		return w, "", fmt.Errorf("%w: kind %q is not riolering, herinrichting or kabels_en_leidingen", ErrWork, raw)
	}
	w.Kind = kind
	yr := f.prop("year", "jaar", "uitvoeringsjaar", "start_year")
	if yr == "" {
		return w, "", fmt.Errorf("%w: no year (property year: the year the works are carried out)", ErrWork)
	}
	y, ok := f.propInt("year", "jaar", "uitvoeringsjaar", "start_year")
	if !ok {
		y = startYear(yr)
	}
	if y < minWorkYear || y > maxWorkYear {
		return w, "", fmt.Errorf("%w: year %q is not a year in %d..%d", ErrWork, yr, minWorkYear, maxWorkYear)
	}
	w.Year = y
	return w, "", nil
}

// EachWork streams the planned street works of a GeoJSON file or a
// GeoPackage layer (lines or polygons with the properties kind and year,
// see WorkFromFeature), calling fn for each. rep counts every feature:
// a feature without geometry is skipped under SkipNoGeometry; a feature
// that cannot be used ends the read with a *FeatureError naming the file,
// layer, feature index and id.
func (s *Source) EachWork(layer string, rep *Report, fn func(*Work) error) error {
	r, err := s.Features(layer, LayoutOther)
	if err != nil {
		return err
	}
	i := -1
	return EachFeature(r, func(f Feature) error {
		i++
		rep.Read++
		w, reason, err := WorkFromFeature(f)
		if err != nil {
			return &FeatureError{File: s.path, Layer: layer, Feature: i, ID: w.ID, Err: err}
		}
		if reason != "" {
			rep.Skip(reason)
			return nil
		}
		if w.ID == "" {
			w.ID = fmt.Sprintf("#%d", i)
		}
		rep.Used++
		return fn(&w)
	})
}

// Works reads every planned street work of a file (EachWork).
func (s *Source) Works(layer string, rep *Report) ([]Work, error) {
	var out []Work
	err := s.EachWork(layer, rep, func(w *Work) error { out = append(out, *w); return nil })
	return out, err
}
