package geodata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paulmach/orb"
)

// ErrRules is wrapped (in a *FeatureError naming the file and the line or
// feature) by a network-rules record that cannot be used.
var ErrRules = errors.New("geodata: bad network rules")

// RuleKind is what a network rule does.
type RuleKind string

// Rule kinds: two for streets, two for buildings.
const (
	RuleForbidden RuleKind = "forbidden" // the network never runs along the street
	RulePreferred RuleKind = "preferred" // the street's routing weight is multiplied by Factor
	RuleRequired  RuleKind = "required"  // the building is connected if it can be reached, never pruned
	RuleExcluded  RuleKind = "excluded"  // the building is never connected
)

// ruleSpellings maps the accepted spellings (lower case) onto the kinds.
var ruleSpellings = map[string]RuleKind{
	"forbidden": RuleForbidden, "forbid": RuleForbidden, "verboden": RuleForbidden, "verbod": RuleForbidden, "verbieden": RuleForbidden,
	"preferred": RulePreferred, "prefer": RulePreferred, "voorkeur": RulePreferred,
	"required": RuleRequired, "require": RuleRequired, "verplicht": RuleRequired, "aansluiten": RuleRequired,
	"excluded": RuleExcluded, "exclude": RuleExcluded, "uitgesloten": RuleExcluded, "uitsluiten": RuleExcluded,
}

// StreetRule forbids or prefers streets: those named Street (a street
// name, case ignored, or a street id such as an OSM way or NWB wegvak id),
// or those lying along Geometry (a line, or inside or along a polygon).
type StreetRule struct {
	Kind     RuleKind // RuleForbidden or RulePreferred
	Street   string
	Geometry orb.Geometry // EPSG:28992; nil when by name
	// Factor multiplies a preferred street's routing weight (below 1:
	// preferred, above 1: avoided); it does not change what the pipe
	// costs. 0 for a forbidden street.
	Factor float64
	Reason string
	Where  string // "line 4" or "feature 2", for messages
}

// BuildingRule requires or excludes one pand.
type BuildingRule struct {
	Kind   RuleKind // RuleRequired or RuleExcluded
	PandID string   // 16-digit BAG pand id (NormalizePandID)
	Reason string
	Where  string
}

// NetworkRules are the planner's rules for a heat network (--network-rules).
type NetworkRules struct {
	File      string
	Streets   []StreetRule
	Buildings []BuildingRule
}

// maxRulesBytes bounds a network-rules CSV, which is read whole: a rule a
// line, a few thousand lines at most.
const maxRulesBytes = 8 << 20

// ReadNetworkRules reads network rules from a CSV file (see
// ParseNetworkRulesCSV) or from a GeoJSON file or GeoPackage layer whose
// features carry the same properties (rule, street, bag_id, factor,
// reason); a street rule's feature may instead give a line or polygon
// geometry, the streets along it. Bad records are a *FeatureError
// wrapping ErrRules naming the file and the line or feature.
func ReadNetworkRules(path string) (*NetworkRules, error) {
	fm, err := Detect(path)
	if err != nil {
		return nil, err
	}
	if fm == FormatCSV {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		raw, err := io.ReadAll(io.LimitReader(f, maxRulesBytes+1))
		if err != nil {
			return nil, &FeatureError{File: path, Feature: -1, Err: err}
		}
		if len(raw) > maxRulesBytes {
			return nil, &FeatureError{File: path, Feature: -1, Err: fmt.Errorf("%w: larger than %d bytes, more than a rules file holds", ErrRules, maxRulesBytes)}
		}
		return ParseNetworkRulesCSV(bytes.NewReader(raw), path)
	}
	s, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	r, err := s.Features("", LayoutOther)
	if err != nil {
		return nil, err
	}
	nr := &NetworkRules{File: path}
	seen := map[string]string{}
	i := -1
	err = EachFeature(r, func(f Feature) error {
		i++
		where := fmt.Sprintf("feature %d", i)
		fail := func(err error) error { return &FeatureError{File: path, Feature: i, ID: f.ID, Err: err} }
		rec := ruleRecord{
			rule: f.prop("rule", "regel"), street: f.prop("street", "straat"),
			bag: f.prop("bag_id", "pand", "pand_id", "identificatie"), factor: f.prop("factor", "gewicht", "weight"),
			reason: f.prop("reason", "reden", "toelichting"),
		}
		switch f.Geometry.(type) {
		case nil, orb.Point:
		case orb.LineString, orb.MultiLineString, orb.Polygon, orb.MultiPolygon:
			rec.geom = f.Geometry
		default:
			return fail(fmt.Errorf("%w: a %s; a street rule's geometry is a line or a polygon", ErrRules, f.Geometry.GeoJSONType()))
		}
		if err := nr.add(rec, where, seen); err != nil {
			return fail(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return nr, nil
}

// ruleRecord is one rule as read, before it is checked.
type ruleRecord struct {
	rule, street, bag, factor, reason string
	geom                              orb.Geometry
}

// add checks one record and appends its rule; seen maps the pand ids
// already given to the place and kind of their rule.
func (nr *NetworkRules) add(r ruleRecord, where string, seen map[string]string) error {
	kind, ok := ruleSpellings[strings.ToLower(strings.TrimSpace(r.rule))]
	if !ok {
		if r.rule == "" {
			return fmt.Errorf("%w: no rule (forbidden/verboden, preferred/voorkeur, required/verplicht or excluded/uitgesloten)", ErrRules)
		}
		return fmt.Errorf("%w: rule %q is not forbidden/verboden, preferred/voorkeur, required/verplicht or excluded/uitgesloten", ErrRules, r.rule)
	}
	switch kind {
	case RuleForbidden, RulePreferred:
		if r.street == "" && r.geom == nil {
			return fmt.Errorf("%w: rule %s needs a street (a name or id) or a line or polygon", ErrRules, r.rule)
		}
		if r.bag != "" {
			return fmt.Errorf("%w: rule %s is for streets, not for a pand (bag_id %s)", ErrRules, r.rule, r.bag)
		}
		sr := StreetRule{Kind: kind, Street: r.street, Geometry: r.geom, Reason: r.reason, Where: where}
		if kind == RulePreferred {
			f, ok := parseDecimal(strings.TrimSpace(r.factor)) // no 1_0, 0x1p-1, Inf or NaN
			if !ok || !(f > 0) {
				return fmt.Errorf("%w: rule %s needs a factor above 0 (below 1 prefers the street, above 1 avoids it), not %q", ErrRules, r.rule, r.factor)
			}
			sr.Factor = f
		} else if r.factor != "" {
			return fmt.Errorf("%w: rule %s takes no factor (%q)", ErrRules, r.rule, r.factor)
		}
		nr.Streets = append(nr.Streets, sr)
	default:
		if r.bag == "" {
			return fmt.Errorf("%w: rule %s needs a bag_id (the BAG pand id)", ErrRules, r.rule)
		}
		if r.street != "" || r.factor != "" {
			return fmt.Errorf("%w: rule %s is for a pand (bag_id), it takes no street or factor", ErrRules, r.rule)
		}
		id, err := NormalizePandID(r.bag)
		if err != nil {
			return fmt.Errorf("%w: bag_id %q: %v", ErrRules, r.bag, err)
		}
		key := string(kind) + " at " + where
		if prev, ok := seen[id]; ok {
			return fmt.Errorf("%w: pand %s is already %s", ErrRules, id, prev)
		}
		seen[id] = key
		nr.Buildings = append(nr.Buildings, BuildingRule{Kind: kind, PandID: id, Reason: r.reason, Where: where})
	}
	return nil
}

// ParseNetworkRulesCSV reads network rules from CSV text (',' or ';'
// between fields, '#' starts a comment line) with a header naming the
// columns rule (regel), street (straat), bag_id (pand), factor (gewicht)
// and, optionally, reason (reden), in any order:
//
//	rule;street;bag_id;factor;reason
//	verboden;Markt;;;monumentaal plein
//	voorkeur;Mekelweg;;0,8;brede berm
//	verplicht;;0503100000012345;;school met eigen ketelhuis
//	uitgesloten;;0503100000054321;;monument, eigen warmtepomp
//
// file names the source in errors (*FeatureError with the line).
func ParseNetworkRulesCSV(r io.Reader, file string) (*NetworkRules, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxRulesBytes+1))
	if err != nil {
		return nil, &FeatureError{File: file, Feature: -1, Err: err}
	}
	if len(raw) > maxRulesBytes {
		return nil, &FeatureError{File: file, Feature: -1, Err: fmt.Errorf("%w: larger than %d bytes, more than a rules file holds", ErrRules, maxRulesBytes)}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	first := raw
	for len(first) > 0 && (first[0] == '#' || first[0] == '\n' || first[0] == '\r') {
		if i := bytes.IndexByte(first, '\n'); i >= 0 {
			first = first[i+1:]
		} else {
			first = nil
		}
	}
	head, _, _ := bytes.Cut(first, []byte("\n"))
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		cr.Comma = ';'
	}
	lineErr := func(line int, err error) error {
		return &FeatureError{File: file, Line: line, Feature: -1, Err: err}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &FeatureError{File: file, Feature: -1, Err: fmt.Errorf("%w: empty file (want a header rule,street,bag_id,factor,reason)", ErrRules)}
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, lineErr(pe.Line, fmt.Errorf("%w: %v", ErrRules, pe.Err))
		}
		return nil, &FeatureError{File: file, Feature: -1, Err: err}
	}
	hline, _ := cr.FieldPos(0)
	col := map[string]int{}
	names := map[string]string{"rule": "rule", "regel": "rule", "street": "street", "straat": "street",
		"bag_id": "bag_id", "pand": "bag_id", "pand_id": "bag_id", "identificatie": "bag_id",
		"factor": "factor", "gewicht": "factor", "weight": "factor", "reason": "reason", "reden": "reason", "toelichting": "reason"}
	for i, h := range header {
		k, ok := names[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			return nil, lineErr(hline, fmt.Errorf("%w: unknown column %q (want rule, street, bag_id, factor, reason)", ErrRules, h))
		}
		if _, dup := col[k]; dup {
			return nil, lineErr(hline, fmt.Errorf("%w: column %s given twice", ErrRules, k))
		}
		col[k] = i
	}
	for _, k := range []string{"rule", "street", "bag_id"} {
		if _, ok := col[k]; !ok {
			return nil, lineErr(hline, fmt.Errorf("%w: no %s column (the header is rule,street,bag_id,factor,reason)", ErrRules, k))
		}
	}
	nr := &NetworkRules{File: file}
	seen := map[string]string{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, lineErr(pe.Line, fmt.Errorf("%w: %v", ErrRules, pe.Err))
			}
			return nil, &FeatureError{File: file, Feature: -1, Err: err}
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if len(rec) > len(header) {
			return nil, lineErr(line, fmt.Errorf("%w: %d fields, the header has %d", ErrRules, len(rec), len(header)))
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		r := ruleRecord{rule: get("rule"), street: get("street"), bag: get("bag_id"), factor: get("factor"), reason: get("reason")}
		if err := nr.add(r, fmt.Sprintf("line %d", line), seen); err != nil {
			return nil, lineErr(line, err)
		}
	}
	return nr, nil
}
