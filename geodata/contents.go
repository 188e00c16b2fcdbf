package geodata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
)

// This file lists what a Source holds, whatever its format, and streams
// each kind of record through callbacks, so that a caller (inspect, a
// check) walks every layer of any file without a dispatch of its own.

// SourceLayer is one layer of a Source: a GeoPackage table, the single
// layer of a GeoJSON, GeoParquet or EP-Online file, or one of the four
// layers of an OSM extract (buildings, streets, addresses, water).
type SourceLayer struct {
	Name string
	Kind LayerKind
	// CRS is the CRS as the file declares it ("EPSG:28992", "EPSG:4326",
	// "ORG:id"); "" when the file has none (EP-Online CSV).
	CRS string
	// Layout is a GeoPackage layer's detected layout; LayoutPand for a
	// GeoParquet pand file and OSM buildings, else LayoutOther.
	Layout Layout
	// Info is the GeoPackage layer description (nil for other formats).
	Info *LayerInfo
}

// OSM extract layer names.
const (
	OSMLayerBuildings = "buildings"
	OSMLayerStreets   = "streets"
	OSMLayerAddresses = "addresses"
	OSMLayerWater     = "water"
)

// baseName is a single-layer file's layer name: its file name without
// the extension.
func baseName(path string) string {
	b := filepath.Base(path)
	for _, ext := range []string{".geojson", ".json", ".parquet", ".csv"} {
		if strings.HasSuffix(strings.ToLower(b), ext) {
			return b[:len(b)-len(ext)]
		}
	}
	return b
}

func epsgName(code int) string {
	if code == 0 {
		return ""
	}
	return fmt.Sprintf("EPSG:%d", code)
}

// isAreaLayer reports whether a GeoPackage layer holds areas: polygons
// with a CBS code column, as the buurten, wijken and gemeenten layers of
// the wijk- en buurtkaart (the columns Feature.Kind looks for in GeoJSON).
func isAreaLayer(li *LayerInfo) bool {
	return strings.Contains(strings.ToUpper(li.GeometryType), "POLYGON") &&
		findColumn(li.Columns, []string{"buurtcode", "wijkcode", "gemeentecode", "jaarstatcode"}) != ""
}

// Contents lists the layers of s with their kind. For a GeoJSON file the
// kind is that of its first feature with a geometry (Feature.Kind; other
// when none has one), so the file is opened and read up to there; a
// GeoParquet file holds buildings when it has the pand columns.
func (s *Source) Contents() ([]SourceLayer, error) {
	switch s.format {
	case FormatGeoPackage:
		infos := s.gp.Layers()
		out := make([]SourceLayer, len(infos))
		for i := range infos {
			li := &infos[i]
			l := SourceLayer{Name: li.Name, CRS: epsgName(li.EPSG), Layout: li.Kind, Info: li}
			if l.CRS == "" {
				l.CRS = fmt.Sprintf("%s:%d", li.Organization, li.OrgCoordsysID)
			}
			switch li.Kind {
			case LayoutPand:
				l.Kind = KindBuildings
			case LayoutStreet:
				l.Kind = KindStreets
			case LayoutVerblijfsobject:
				l.Kind = KindAddresses
			default:
				l.Kind = KindOther
				if isAreaLayer(li) {
					l.Kind = KindAreas
				}
			}
			out[i] = l
		}
		return out, nil
	case FormatGeoJSON:
		f, err := os.Open(s.path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		g, err := NewGeoJSONReader(f, s.path)
		if err != nil {
			return nil, err
		}
		defer g.Close()
		l := SourceLayer{Name: baseName(s.path), Kind: KindOther, CRS: epsgName(g.EPSG()), Layout: LayoutOther}
		for {
			ft, err := g.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			if ft.Geometry != nil {
				l.Kind = ft.Kind()
				break
			}
		}
		if l.Kind == KindBuildings {
			l.Layout = LayoutPand
		}
		return []SourceLayer{l}, nil
	case FormatGeoParquet:
		f, err := OpenGeoParquet(s.path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		l := SourceLayer{Name: baseName(s.path), Kind: KindBuildings, CRS: epsgName(f.EPSG()), Layout: LayoutPand}
		r, err := f.Panden(nil)
		if errors.Is(err, ErrColumns) {
			l.Kind, l.Layout = KindOther, LayoutOther
		} else if err != nil {
			return nil, err
		} else {
			r.Close()
		}
		return []SourceLayer{l}, nil
	case FormatCSV:
		return []SourceLayer{{Name: baseName(s.path), Kind: KindLabels, Layout: LayoutOther}}, nil
	case FormatOSMPBF:
		wgs := epsgName(EPSGWGS84)
		return []SourceLayer{
			{Name: OSMLayerBuildings, Kind: KindBuildings, CRS: wgs, Layout: LayoutPand},
			{Name: OSMLayerStreets, Kind: KindStreets, CRS: wgs, Layout: LayoutStreet},
			{Name: OSMLayerAddresses, Kind: KindAddresses, CRS: wgs, Layout: LayoutOther},
			{Name: OSMLayerWater, Kind: KindAreas, CRS: wgs, Layout: LayoutOther},
		}, nil
	}
	return nil, s.errFormat("GeoPackage, GeoParquet, GeoJSON, OSM PBF or EP-Online CSV")
}

// Layer returns the layer of s named name (an error naming the file, the
// layer and the layers it has when there is none).
func (s *Source) Layer(name string) (SourceLayer, error) {
	ls, err := s.Contents()
	if err != nil {
		return SourceLayer{}, err
	}
	names := make([]string, len(ls))
	for i, l := range ls {
		if l.Name == name {
			return l, nil
		}
		names[i] = l.Name
	}
	return SourceLayer{}, &FeatureError{File: s.path, Layer: name, Feature: -1,
		Err: fmt.Errorf("%w (the file has: %s)", ErrNoLayer, strings.Join(names, ", "))}
}

// EachStreet streams the street pieces of a GeoPackage line layer, a
// GeoJSON file or an OSM extract's highways, calling fn for each (the
// Street is reused after fn returns). rep counts every record: Read =
// pieces handed to fn + skipped (a MultiLineString row gives one piece per
// part), Used = pieces handed to fn.
func (s *Source) EachStreet(layer string, rep *Report, fn func(*Street) error) error {
	switch s.format {
	case FormatGeoPackage:
		name, err := s.PickLayer(layer, LayoutStreet)
		if err != nil {
			return err
		}
		var own Report
		r, err := s.gp.Streets(name, &own)
		if err != nil {
			return err
		}
		defer r.Close()
		n := 0
		err = ForEach(r, func(st *Street) error { n++; return fn(st) })
		own.Read, own.Used = own.SkippedTotal()+n, n
		*rep = MergeReports(*rep, own)
		return err
	case FormatOSMPBF:
		return eachOSM(s, rep, func(ex *OSMExtract) ([]Street, Report) { return ex.Streets, ex.StreetReport }, fn)
	}
	r, err := s.Features(layer, LayoutStreet)
	if err != nil {
		return err
	}
	var pieces []Street
	return EachFeature(r, func(f Feature) error {
		var reason string
		if pieces, reason = StreetsFromFeature(f, pieces[:0]); reason != "" {
			rep.Read++
			rep.Skip(reason)
			return nil
		}
		for i := range pieces {
			rep.Read++
			rep.Used++
			if err := fn(&pieces[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// EachAddress streams address points (a GeoJSON file or GeoPackage
// layer of points with house numbers, an OSM extract's addr:* nodes),
// counting in rep.
func (s *Source) EachAddress(layer string, rep *Report, fn func(*Address) error) error {
	if s.format == FormatOSMPBF {
		return eachOSM(s, rep, func(ex *OSMExtract) ([]Address, Report) { return ex.Addresses, ex.AddressReport }, fn)
	}
	return eachConverted(s, layer, rep, AddressFromFeature, fn)
}

// EachArea streams polygons of the given kind (a GeoJSON file or
// GeoPackage layer; an OSM extract's surface water, whatever kind says),
// counting in rep.
func (s *Source) EachArea(layer string, kind AreaKind, rep *Report, fn func(*Area) error) error {
	if s.format == FormatOSMPBF {
		return eachOSM(s, rep, func(ex *OSMExtract) ([]Area, Report) { return ex.Water, ex.WaterReport }, fn)
	}
	return eachConverted(s, layer, rep, func(f Feature) (Area, string) { return AreaFromFeature(f, kind) }, fn)
}

// eachOSM hands fn the records of one layer of the OSM extract s (read
// once, Source.OSM), adding the layer's report to rep.
func eachOSM[T any](s *Source, rep *Report, layer func(*OSMExtract) ([]T, Report), fn func(*T) error) error {
	ex, err := s.OSM(context.Background())
	if err != nil {
		return err
	}
	recs, r := layer(ex)
	*rep = MergeReports(*rep, r)
	for i := range recs {
		if err := fn(&recs[i]); err != nil {
			return err
		}
	}
	return nil
}

// eachConverted streams the features of a GeoJSON file or GeoPackage
// layer through conv (a record, or the reason to skip the feature),
// counting every feature in rep.
func eachConverted[T any](s *Source, layer string, rep *Report, conv func(Feature) (T, string), fn func(*T) error) error {
	r, err := s.Features(layer, LayoutOther)
	if err != nil {
		return err
	}
	return EachFeature(r, func(f Feature) error {
		rep.Read++
		v, reason := conv(f)
		if reason != "" {
			rep.Skip(reason)
			return nil
		}
		rep.Used++
		return fn(&v)
	})
}

// EachVerblijfsobject streams the BAG verblijfsobjecten of a GeoPackage
// layer, counting every row in rep.
func (s *Source) EachVerblijfsobject(layer string, rep *Report, fn func(*Verblijfsobject) error) error {
	if s.format != FormatGeoPackage {
		return s.errFormat("GeoPackage (BAG verblijfsobject layer)")
	}
	name, err := s.PickLayer(layer, LayoutVerblijfsobject)
	if err != nil {
		return err
	}
	r, err := s.gp.Verblijfsobjecten(name, rep)
	if err != nil {
		return err
	}
	defer r.Close()
	return ForEach(r, fn)
}

// EachGeometry streams the geometry (EPSG:28992) of every record of a
// layer of any kind, reading no attributes beyond what the format needs:
// a GeoPackage layer's or GeoJSON file's features, a GeoParquet file's
// primary geometry column row by row (so that a corrupt page is found).
// A record without a geometry is counted under SkipNoGeometry and fn is
// not called; the others count as read and used.
func (s *Source) EachGeometry(layer string, rep *Report, fn func(orb.Geometry) error) error {
	each := func(g orb.Geometry) error {
		rep.Read++
		if g == nil {
			rep.Skip(SkipNoGeometry)
			return nil
		}
		rep.Used++
		return fn(g)
	}
	if s.format == FormatGeoParquet {
		f, err := OpenGeoParquet(s.path)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Geometries(func(_ int, g orb.Geometry) error { return each(g) })
	}
	r, err := s.Features(layer, LayoutOther)
	if err != nil {
		return err
	}
	return EachFeature(r, func(f Feature) error { return each(f.Geometry) })
}
