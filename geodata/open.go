package geodata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/paulmach/orb"
)

// This file is the input door: one way to open any supported file and
// read its panden, verblijfsobjecten, labels, addresses, streets or areas,
// optionally within a bound. scan, batch and the library's callers use it,
// so that a file is read the same way whichever command reads it.

// Source is an input file opened by Open: its format is known, and for a
// GeoPackage its layers (with their layouts, CRS and columns). The read
// methods pick the layer (the one named, else the only one, else the first
// of the wanted layout) and stream it into the model in EPSG:28992. A
// Source is not safe for concurrent use, except a GeoPackage's (its
// readers each have their own cursor; Sources shares them); every method
// reads the file anew, so one Source may be read several times.
type Source struct {
	path   string
	format Format
	gp     *GeoPackage // FormatGeoPackage only
	bound  *orb.Bound
	osm    *OSMExtract // FormatOSMPBF: the extract once read (see OSM)
	cols   ColumnMap   // WithColumns
	shared bool        // opened by Sources: Close leaves the file open
}

// WithColumns returns a view of s whose pand readers (GeoPackage and
// GeoParquet) read the columns through m (see ColumnMap). The view shares
// s's file; close one of them.
func (s *Source) WithColumns(m ColumnMap) *Source {
	v := *s
	v.cols = m
	if s.gp != nil {
		v.gp = s.gp.WithColumns(m)
	}
	return &v
}

// Open opens the file at path and detects its format (Detect). A
// GeoPackage is opened read-only and its layers listed; the other formats
// are opened when read. The error names the file.
func Open(path string) (*Source, error) {
	fm, err := Detect(path)
	if err != nil {
		return nil, err
	}
	s := &Source{path: path, format: fm}
	if fm == FormatGeoPackage {
		if s.gp, err = OpenGeoPackage(path); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Sources opens each GeoPackage once for many readers: a batch reads the
// same national GeoPackages for every buurt, and opening one anew (its
// SQLite connection and schema, the layers' columns) for each reader of
// each buurt was about 2 % of a batch's CPU (benchmarks/README.md, "What
// changed: a batch opens its GeoPackages once"). The zero value is not
// usable; a nil *Sources opens every file anew. Safe for concurrent use.
type Sources struct {
	mu   sync.Mutex
	open map[string]*Source
}

// NewSources returns an empty set of shared files.
func NewSources() *Sources { return &Sources{open: map[string]*Source{}} }

// Open returns the Source of path. A GeoPackage is opened once and
// shared: its Source (a GeoPackage is safe for concurrent use) is handed
// to every caller, and its Close and its views' do nothing until
// Sources.Close. Any other format is opened anew, as Open does. A nil
// ss is Open.
func (ss *Sources) Open(path string) (*Source, error) {
	if ss == nil {
		return Open(path)
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if s, ok := ss.open[path]; ok {
		return s, nil
	}
	s, err := Open(path)
	if err != nil || s.format != FormatGeoPackage {
		return s, err
	}
	s.shared = true
	ss.open[path] = s
	return s, nil
}

// Close closes the shared files; the Sources is empty after.
func (ss *Sources) Close() error {
	if ss == nil {
		return nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	var errs []error
	for p, s := range ss.open {
		errs = append(errs, s.gp.Close())
		delete(ss.open, p)
	}
	return errors.Join(errs...)
}

// Within returns a view of s whose readers take only what meets b
// (EPSG:28992): a GeoPackage layer through its R-tree
// (rtree_<table>_<geomcolumn>; without one a full scan that drops the
// rest, see Indexed), rows outside b not read at all; a GeoParquet pand
// file by the row-group statistics of its bbox covering
// (GeoParquetFile.PandenWithin; without one a full scan, see Indexed); an
// OSM extract by ReadOSMPBFWithin's streaming filter (memory grows with
// what lies in b). GeoJSON files are read whole; the caller's own
// selection (a buurt's point-on-surface test) then decides. The view
// shares s's file; close one of them.
func (s *Source) Within(b orb.Bound) *Source {
	v := *s
	v.bound = &b
	v.osm = nil
	if s.gp != nil {
		v.gp = s.gp.Within(b)
	}
	return &v
}

// Indexed reports whether a Within view reads layer through a spatial
// index (a GeoPackage R-tree, a GeoParquet bbox covering's row-group
// statistics) rather than by a full scan; layer is ignored for
// GeoParquet.
func (s *Source) Indexed(layer string) bool {
	if s.bound == nil {
		return false
	}
	if s.format == FormatGeoParquet {
		f, err := OpenGeoParquet(s.path)
		if err != nil {
			return false
		}
		defer f.Close()
		return f.Covered()
	}
	return s.gp != nil && s.gp.UsesIndex(layer)
}

// CountPanden counts the pand records of the file without decoding them:
// the rows of a GeoPackage pand layer (layer, or the first with the pand
// layout) or of a GeoParquet pand file (from its footer), and of those the
// records without a footprint, for a batch's nothing-lost account; false
// for other formats or without pand rows.
func (s *Source) CountPanden(layer string) (PandCount, bool) {
	switch s.format {
	case FormatGeoPackage:
		return s.gp.CountPanden(layer)
	case FormatGeoParquet:
		f, err := OpenGeoParquet(s.path)
		if err != nil {
			return PandCount{}, false
		}
		defer f.Close()
		r, err := f.Panden(nil) // a pand file: it has the pand columns
		if err != nil {
			return PandCount{}, false
		}
		r.Close()
		nulls, ok := f.NullGeometries()
		if !ok {
			return PandCount{}, false
		}
		return PandCount{Rows: int(f.NumRows()), WithoutGeometry: int(nulls)}, true
	}
	return PandCount{}, false
}

// Path is the file's path; Format its detected format.
func (s *Source) Path() string   { return s.path }
func (s *Source) Format() Format { return s.format }

// GeoPackage is the opened GeoPackage (nil for other formats).
func (s *Source) GeoPackage() *GeoPackage { return s.gp }

// Layers lists a GeoPackage's feature layers (nil for other formats).
func (s *Source) Layers() []LayerInfo {
	if s.gp == nil {
		return nil
	}
	return s.gp.Layers()
}

// Close closes the file; for a Source of Sources.Open (and its views) it
// does nothing, Sources.Close closes the file.
func (s *Source) Close() error {
	if s.shared {
		return nil
	}
	if s.gp != nil {
		return s.gp.Close()
	}
	return nil
}

// errFormat reports a file whose format the reader does not take.
func (s *Source) errFormat(what string) error {
	return &FeatureError{File: s.path, Feature: -1,
		Err: fmt.Errorf("%w: %s must be a %s file", ErrUnknownFormat, filepath.Base(s.path), what)}
}

// PickLayer returns layer when set (an error naming file and layer when
// it does not exist), else the only layer, else the first layer of the
// wanted layout.
func (s *Source) PickLayer(layer string, want Layout) (string, error) {
	if s.gp == nil {
		return "", s.errFormat("GeoPackage")
	}
	gp := s.gp
	if layer != "" {
		if _, err := gp.Layer(layer); err != nil {
			return "", err // names the file and layer already
		}
		return layer, nil
	}
	ls := gp.Layers()
	if len(ls) == 1 {
		return ls[0].Name, nil
	}
	var names []string
	for _, l := range ls {
		if l.Kind == want {
			return l.Name, nil
		}
		names = append(names, l.Name)
	}
	return "", &FeatureError{File: gp.Path(), Feature: -1,
		Err: fmt.Errorf("%w: no %s layer among %s; name one with the layer flag", ErrNoLayer, want, strings.Join(names, ", "))}
}

// FeatureStream streams generic features (GeoJSON, a GeoPackage layer).
type FeatureStream interface {
	Read(dst []Feature) (int, error)
	Close() error
	// CRS describes the CRS the file was read in (DescribeCRS).
	CRS() string
}

// Features opens a GeoJSON file or a GeoPackage layer as a feature
// stream; layer picks the GeoPackage layer as PickLayer does.
func (s *Source) Features(layer string, want Layout) (FeatureStream, error) {
	switch s.format {
	case FormatGeoJSON:
		f, err := os.Open(s.path)
		if err != nil {
			return nil, err
		}
		g, err := NewGeoJSONReader(f, s.path)
		if err != nil {
			f.Close()
			return nil, err
		}
		return fileFeatures{g, f}, nil
	case FormatGeoPackage:
		name, err := s.PickLayer(layer, want)
		if err != nil {
			return nil, err
		}
		r, err := s.gp.Features(name)
		if err != nil {
			return nil, err
		}
		l, _ := s.gp.Layer(name)
		return gpkgFeatures{r, gpkgCRS(l)}, nil
	case FormatGeoParquet:
		return nil, s.errFormat("GeoJSON or GeoPackage (GeoParquet is read for panden only)")
	}
	return nil, s.errFormat("GeoJSON or GeoPackage")
}

type fileFeatures struct {
	*GeoJSONReader
	f *os.File
}

func (r fileFeatures) CRS() string {
	if r.CRSDeclared() {
		return DescribeCRS(r.EPSG(), "crs member of the GeoJSON")
	}
	return DescribeCRS(r.EPSG(), "RFC 7946 GeoJSON")
}

func (r fileFeatures) Close() error {
	r.GeoJSONReader.Close()
	return r.f.Close()
}

type gpkgFeatures struct {
	*GPKGFeatureReader
	crs string
}

func (r gpkgFeatures) CRS() string { return r.crs }

// gpkgCRS describes the CRS of a GeoPackage layer.
func gpkgCRS(l LayerInfo) string {
	return DescribeCRS(l.EPSG, fmt.Sprintf("GeoPackage layer %s, srs_id %d", l.Name, l.SRSID))
}

// EachFeature calls fn for every feature of r, then closes r.
func EachFeature(r FeatureStream, fn func(Feature) error) error {
	defer r.Close()
	return ForEach(r, func(f *Feature) error { return fn(*f) })
}

// featurePanden maps a feature stream onto a PandReader, counting in rep.
type featurePanden struct {
	r    FeatureStream
	buf  []Feature // backing buffer
	next []Feature // features read but not yet handed on
	rep  *Report
	err  error // the error that ended the stream, handed on once next is empty
}

func (p *featurePanden) Read(dst []Pand) (int, error) {
	n := 0
	for n < len(dst) {
		if len(p.next) == 0 {
			if p.err != nil {
				return n, p.err
			}
			k, err := p.r.Read(p.buf)
			p.next = p.buf[:k]
			if err != nil {
				p.err = err
			} else if k == 0 {
				p.err = io.ErrNoProgress
			}
			continue
		}
		f := p.next[0]
		p.next = p.next[1:]
		p.rep.Read++
		pd, reason, repair := PandFromFeature(f)
		if reason != "" {
			p.rep.Skip(reason)
			continue
		}
		if repair != "" {
			p.rep.Repair(repair)
		}
		p.rep.Used++
		dst[n] = pd
		n++
	}
	return n, nil
}

func (p *featurePanden) Close() error { return p.r.Close() }

// NewFeaturePanden reads panden from a feature stream (GeoJSON or a
// GeoPackage layer of the pand layout), counting every feature in rep.
func NewFeaturePanden(r FeatureStream, rep *Report) PandReader {
	return &featurePanden{r: r, buf: make([]Feature, 256), rep: rep}
}

// Panden streams the panden of a BAG GeoPackage layer, a GeoParquet file,
// a GeoJSON file or an OSM extract's buildings, counting every record in
// rep, and describes the CRS the file is in (DescribeCRS).
func (s *Source) Panden(layer string, rep *Report) (PandReader, string, error) {
	switch s.format {
	case FormatOSMPBF:
		ex, err := s.OSM(context.Background())
		if err != nil {
			return nil, "", err
		}
		*rep = MergeReports(*rep, ex.BuildingReport)
		return &slicePanden{ps: ex.Buildings}, DescribeCRS(EPSGWGS84, "OpenStreetMap PBF"), nil
	case FormatGeoPackage:
		name, err := s.PickLayer(layer, LayoutPand)
		if err != nil {
			return nil, "", err
		}
		r, err := s.gp.Panden(name, rep)
		if err != nil {
			return nil, "", err
		}
		l, _ := s.gp.Layer(name)
		return r, gpkgCRS(l), nil
	case FormatGeoParquet:
		f, err := OpenGeoParquet(s.path)
		if err != nil {
			return nil, "", err
		}
		f.SetColumns(s.cols)
		var r PandReader
		if s.bound != nil {
			r, err = f.PandenWithin(*s.bound, rep)
		} else {
			r, err = f.Panden(rep)
		}
		if err != nil {
			f.Close()
			return nil, "", err
		}
		origin := "GeoParquet geo metadata"
		if f.EPSG() != EPSGRDNew {
			origin = "OGC:CRS84 in the GeoParquet geo metadata"
		}
		return pandCloser{r, f.Close}, DescribeCRS(f.EPSG(), origin), nil
	}
	r, err := s.Features(layer, LayoutPand)
	if err != nil {
		return nil, "", err
	}
	return NewFeaturePanden(r, rep), r.CRS(), nil
}

type pandCloser struct {
	PandReader
	closeFile func() error
}

// Stats forwards the wrapped reader's ReadStats (zero when it keeps none).
func (p pandCloser) Stats() ReadStats {
	st, _ := StatsOf(p.PandReader)
	return st
}

func (p pandCloser) Close() error {
	err := p.PandReader.Close()
	if cerr := p.closeFile(); err == nil {
		err = cerr
	}
	return err
}

// Streets reads every street piece of a GeoPackage layer (NWB, BGT), a
// GeoJSON file or an OSM extract, counting in rep (see EachStreet).
func (s *Source) Streets(layer string, rep *Report) ([]Street, error) {
	var out []Street
	err := s.EachStreet(layer, rep, func(st *Street) error {
		out = append(out, *st)
		return nil
	})
	return out, err
}

// Addresses reads address points, counting in rep (see EachAddress).
func (s *Source) Addresses(layer string, rep *Report) ([]Address, error) {
	var out []Address
	err := s.EachAddress(layer, rep, func(a *Address) error {
		out = append(out, *a)
		return nil
	})
	return out, err
}

// Areas reads polygons of the given kind (water, buurt), counting in rep
// (see EachArea).
func (s *Source) Areas(layer string, kind AreaKind, rep *Report) ([]Area, error) {
	var out []Area
	err := s.EachArea(layer, kind, rep, func(a *Area) error {
		out = append(out, *a)
		return nil
	})
	return out, err
}

// Verblijfsobjecten reads the BAG verblijfsobjecten of a GeoPackage
// layer, counting in rep.
func (s *Source) Verblijfsobjecten(layer string, rep *Report) ([]Verblijfsobject, error) {
	var out []Verblijfsobject
	err := s.EachVerblijfsobject(layer, rep, func(v *Verblijfsobject) error {
		out = append(out, *v)
		return nil
	})
	return out, err
}

// Labels reads an EP-Online export, keeping the newest registration per
// verblijfsobject, counting in rep.
func (s *Source) Labels(rep *Report) ([]EnergyLabel, error) {
	f, err := s.LabelsFile()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	nl, err := ReadEPOnline(f, s.path, rep)
	if err != nil {
		return nil, err
	}
	return nl.Labels(), nil
}

// LabelsFile opens the EP-Online export s for a reader of its own
// (NewEPOnlineReader); the caller closes it. Not a CSV file: an error
// wrapping ErrUnknownFormat.
func (s *Source) LabelsFile() (*os.File, error) {
	if s.format != FormatCSV {
		return nil, s.errFormat("CSV (EP-Online export)")
	}
	return os.Open(s.path)
}

// OSM reads the OSM PBF extract s (ReadOSMPBF; in a Within view
// ReadOSMPBFWithin its bound) once and keeps it, so that its buildings,
// streets, addresses and water, read one after the other, cost one read
// of the file.
func (s *Source) OSM(ctx context.Context) (*OSMExtract, error) {
	if s.format != FormatOSMPBF {
		return nil, s.errFormat("OSM PBF")
	}
	if s.osm != nil {
		return s.osm, nil
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := ReadOSMPBFWithin(ctx, f, s.path, s.bound)
	if err != nil {
		return nil, err
	}
	s.osm = ex
	return ex, nil
}

// slicePanden hands out panden already in memory.
type slicePanden struct{ ps []Pand }

func (r *slicePanden) Read(dst []Pand) (int, error) {
	if len(r.ps) == 0 {
		return 0, io.EOF
	}
	n := copy(dst, r.ps)
	r.ps = r.ps[n:]
	return n, nil
}

func (r *slicePanden) Close() error { return nil }
