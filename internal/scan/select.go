package scan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// SelectBy names the CBS level a code selects.
type SelectBy string

// The levels of the CBS wijk- en buurtkaart.
const (
	ByBuurt    SelectBy = "buurt"    // buurtcode, BU...
	ByWijk     SelectBy = "wijk"     // wijkcode, WK...
	ByGemeente SelectBy = "gemeente" // gemeentecode, GM...
)

// AreasLayer is the layer of a CBS wijk- en buurtkaart GeoPackage that
// holds the buurten; a file without it is read from its only (or first)
// layer.
const AreasLayer = "buurten"

// ReadBuurten streams the buurten of a CBS areas file (GeoPackage layer
// "buurten", or a GeoJSON of buurten) and keeps those for which keep is
// true (nil: all), so that selecting a few buurten from the national file
// holds only those in memory. rep counts every feature read.
func ReadBuurten(path string, rep *geodata.Report, keep func(*geodata.Area) bool) ([]geodata.Area, error) {
	layer := ""
	s, err := geodata.Open(path)
	if err != nil {
		return nil, err
	}
	if _, err := s.Layer(AreasLayer); err == nil {
		layer = AreasLayer
	}
	s.Close()
	r, err := openFeatures(path, layer, geodata.LayoutOther, nil)
	if err != nil {
		return nil, err
	}
	var out []geodata.Area
	err = eachFeature(r, func(f geodata.Feature) error {
		rep.Read++
		a, reason := geodata.AreaFromFeature(f, geodata.AreaBuurt)
		if reason != "" {
			rep.Skip(reason)
			return nil
		}
		rep.Used++
		if keep == nil || keep(&a) {
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// SelectAreas reads from the areas file the buurten that the codes select
// at the given level (a wijk or gemeente selects its buurten). A code that
// selects nothing is an error naming it and the file.
func SelectAreas(path string, by SelectBy, codes []string) ([]geodata.Area, error) {
	want := map[string]bool{}
	for _, c := range codes {
		want[strings.ToUpper(strings.TrimSpace(c))] = true
	}
	found := map[string]bool{}
	var rep geodata.Report
	areas, err := ReadBuurten(path, &rep, func(a *geodata.Area) bool {
		var key string
		switch by {
		case ByWijk:
			key = a.WijkCode
		case ByGemeente:
			key = a.GemeenteCode
		default:
			key = a.Code
		}
		key = strings.ToUpper(key)
		if want[key] {
			found[key] = true
			return true
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	var missing []string
	for c := range want {
		if !found[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, &geodata.FeatureError{File: path, Feature: -1,
			Err: fmt.Errorf("no %s with code %s among its %d buurten (column %scode)", by, strings.Join(missing, ", "), rep.Used, by)}
	}
	slices.SortFunc(areas, func(a, b geodata.Area) int { return strings.Compare(a.Code, b.Code) })
	return areas, nil
}

// ReadLabels reads an EP-Online export as --labels does (the newest
// registration per verblijfsobject), for a batch that reads it once.
func ReadLabels(path string) ([]geodata.EnergyLabel, error) {
	labels, _, err := readLabels(path)
	return labels, err
}

// ReadLabelSet reads an EP-Online export as --labels does (the newest
// registration per verblijfsobject) into the compact index a batch
// queries per buurt (wijkanalyse.ReadLabelSet), counting in rep.
func ReadLabelSet(path string, rep *geodata.Report) (*wijkanalyse.LabelSet, error) {
	s, err := geodata.Open(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	f, err := s.LabelsFile()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return wijkanalyse.ReadLabelSet(f, path, rep)
}
