package scan

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// This file opens the input files of a scan through the input door
// (geodata.Open), within the selection's bound when there is one; the
// dispatch by format and the readers live in geodata.

// detect tells the format of an input file from its first bytes (see
// geodata.Detect); the error names the file.
func detect(path string) (geodata.Format, error) { return geodata.Detect(path) }

// featureReader streams generic features (GeoJSON, a GeoPackage layer).
type featureReader = geodata.FeatureStream

// closers closes what it holds in reverse order.
type closers []func() error

func (c *closers) add(f func() error) { *c = append(*c, f) }

func (c closers) close() {
	for i := len(c) - 1; i >= 0; i-- {
		c[i]()
	}
}

// open opens path through the door (through ss, which shares a batch's
// GeoPackages between its buurten; nil: anew), as a Within view when
// bound is set.
func open(ss *geodata.Sources, path string, bound *orb.Bound) (*geodata.Source, error) {
	s, err := ss.Open(path)
	if err != nil || bound == nil {
		return s, err
	}
	return s.Within(*bound), nil
}

// openFeatures opens a vector file as a feature stream; layer picks the
// GeoPackage layer ("" = the only layer, or the first of wantKind).
func openFeatures(path, layer string, wantKind geodata.Layout, bound *orb.Bound) (featureReader, error) {
	s, err := open(nil, path, bound)
	if err != nil {
		return nil, err
	}
	r, err := s.Features(layer, wantKind)
	if err != nil {
		s.Close()
		return nil, err
	}
	return sourceFeatures{r, s}, nil
}

// sourceFeatures closes its Source with the stream.
type sourceFeatures struct {
	geodata.FeatureStream
	s *geodata.Source
}

func (r sourceFeatures) Close() error {
	err := r.FeatureStream.Close()
	if cerr := r.s.Close(); err == nil {
		err = cerr
	}
	return err
}

// eachFeature calls fn for every feature of r, then closes r.
func eachFeature(r featureReader, fn func(geodata.Feature) error) error {
	return geodata.EachFeature(r, fn)
}

// openPanden opens the buildings file and describes the CRS it is in
// (geodata.DescribeCRS). rep counts the records the reader sees (before
// validation).
func openPanden(ss *geodata.Sources, path, layer string, cols geodata.ColumnMap, rep *geodata.Report, bound *orb.Bound) (geodata.PandReader, string, error) {
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, "", err
	}
	if len(cols) > 0 {
		s = s.WithColumns(cols)
	}
	r, crs, err := s.Panden(layer, rep)
	if err != nil {
		s.Close()
		return nil, "", err
	}
	return sourcePanden{r, s}, crs, nil
}

// sourcePanden closes its Source with the reader.
type sourcePanden struct {
	geodata.PandReader
	s *geodata.Source
}

func (p sourcePanden) Close() error {
	err := p.PandReader.Close()
	if cerr := p.s.Close(); err == nil {
		err = cerr
	}
	return err
}

// readStreets reads every street piece of path.
func readStreets(ss *geodata.Sources, path, layer string, rep *geodata.Report, bound *orb.Bound) ([]geodata.Street, error) {
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Streets(layer, rep)
}

// readWorks reads planned street works (geodata.Source.Works).
func readWorks(ss *geodata.Sources, path, layer string, bound *orb.Bound) ([]geodata.Work, error) {
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var rep geodata.Report
	return s.Works(layer, &rep)
}

// readAddresses reads address points.
func readAddresses(ss *geodata.Sources, path, layer string, rep *geodata.Report, bound *orb.Bound) ([]geodata.Address, error) {
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Addresses(layer, rep)
}

// readAreas reads polygons of the given kind (water, buurt).
func readAreas(ss *geodata.Sources, path, layer string, kind geodata.AreaKind, rep *geodata.Report, bound *orb.Bound) ([]geodata.Area, error) {
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Areas(layer, kind, rep)
}

// readVBOs reads BAG verblijfsobjecten from a GeoPackage layer.
func readVBOs(ss *geodata.Sources, path, layer string, bound *orb.Bound) ([]geodata.Verblijfsobject, error) {
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Verblijfsobjecten(layer, &geodata.Report{})
}

// readLabels reads an EP-Online export, keeping the newest registration
// per verblijfsobject.
func readLabels(path string) ([]geodata.EnergyLabel, *geodata.Report, error) {
	s, err := geodata.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	rep := &geodata.Report{}
	labels, err := s.Labels(rep)
	if err != nil {
		return nil, nil, err
	}
	return labels, rep, nil
}

func nan() float64 { return math.NaN() }
