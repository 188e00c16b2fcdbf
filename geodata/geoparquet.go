package geodata

// GeoParquet API (stable; other packages build on it):
//
//	func OpenGeoParquet(path string) (*GeoParquetFile, error)
//	func (f *GeoParquetFile) Close() error
//	func (f *GeoParquetFile) Path() string
//	func (f *GeoParquetFile) Geo() GeoMetadata
//	func (f *GeoParquetFile) EPSG() int
//	func (f *GeoParquetFile) NumRows() int64
//	func (f *GeoParquetFile) Columns() []string
//	func (f *GeoParquetFile) Panden(rep *Report) (PandReader, error)
//	func ReadGeoParquetPanden(path string, rep *Report) (PandReader, error)
//	func NewPandWriter(w io.Writer) *PandWriter                 // Write([]Pand) error; Close() error
//	func NewGeoParquetWriter[T any](w io.Writer, column string, geom func(*T) orb.Geometry, opts ...parquet.WriterOption) (*GeoParquetWriter[T], error)
//	func (w *GeoParquetWriter[T]) Write(rows []T) error
//	func (w *GeoParquetWriter[T]) Close() error
//	func WriteGeoParquet[T any](w io.Writer, column string, rows []T, geom func(*T) orb.Geometry) error
//	func ReadGeoParquet[T any](path string) ([]T, []orb.Geometry, error)  // whole file; for tests and small outputs

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/internal/parquetcheck"
)

// projjsonRDNew is the PROJJSON definition of EPSG:28992 (Amersfoort / RD
// New) as PROJ 9.1.1 writes it (proj_as_projjson), written into the "crs"
// of every GeoParquet file.
//
//go:embed epsg28992.projjson
var projjsonRDNew []byte

// geoParquetVersion is the GeoParquet specification version written.
const geoParquetVersion = "1.1.0"

// GeoMetadata is the "geo" key-value metadata of a GeoParquet file.
type GeoMetadata struct {
	Version       string               `json:"version"`
	PrimaryColumn string               `json:"primary_column"`
	Columns       map[string]GeoColumn `json:"columns"`
}

// GeoColumn describes one geometry column. CRS is raw PROJJSON: absent
// means OGC:CRS84 (longitude, latitude), JSON null means unknown.
type GeoColumn struct {
	Encoding      string          `json:"encoding"`
	GeometryTypes []string        `json:"geometry_types"`
	CRS           json.RawMessage `json:"crs,omitempty"`
	BBox          []float64       `json:"bbox,omitempty"`
	// Covering names the columns that hold each row's bounding box
	// (GeoParquet 1.1), so that a reader can skip row groups by their
	// statistics without decoding a geometry.
	Covering *Covering `json:"covering,omitempty"`
}

// Covering is the GeoParquet 1.1 "covering" of a geometry column.
type Covering struct {
	BBox struct {
		XMin []string `json:"xmin"`
		YMin []string `json:"ymin"`
		XMax []string `json:"xmax"`
		YMax []string `json:"ymax"`
	} `json:"bbox"`
}

// BBox is a row's bounding box, for a GeoParquet 1.1 bbox covering
// column: a struct field of this type tagged parquet:"bbox" in a row type
// is filled by GeoParquetWriter from the row's geometry and named in the
// geo metadata.
type BBox struct {
	XMin float64 `parquet:"xmin"`
	YMin float64 `parquet:"ymin"`
	XMax float64 `parquet:"xmax"`
	YMax float64 `parquet:"ymax"`
}

// MaxRowsPerRowGroup bounds a row group of the GeoParquet files written,
// so that a national per-pand table is read in pieces (and skipped by
// piece through the bbox statistics).
const MaxRowsPerRowGroup = 65536

// GeoParquetFile is an open GeoParquet file: its footer and geo metadata
// are read, rows are read on demand by the readers it returns. Not safe
// for concurrent use.
type GeoParquetFile struct {
	path string
	r    io.ReaderAt
	osf  *os.File // nil when the file was read into memory (openGeoParquetBytes)
	pf   *parquet.File
	geo  GeoMetadata
	epsg int
	cols ColumnMap // SetColumns: the pand columns renamed
}

// SetColumns makes Panden read the columns through m (see ColumnMap).
func (f *GeoParquetFile) SetColumns(m ColumnMap) { f.cols = m }

// OpenGeoParquet opens a GeoParquet file and reads its footer and "geo"
// metadata. The primary column's CRS must be EPSG:28992 or OGC:CRS84 /
// EPSG:4326 (absent crs = CRS84 per the specification; rows are then
// transformed with PROJ); an explicit null crs (unknown) or any other CRS
// is an ErrCRS error. A file without "geo" metadata is ErrUnknownFormat; a
// broken footer is ErrCorrupt. Errors are *FeatureError naming the file.
func OpenGeoParquet(path string) (*GeoParquetFile, error) {
	osf, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := osf.Stat()
	if err != nil {
		osf.Close()
		return nil, err
	}
	f := &GeoParquetFile{path: path, r: osf, osf: osf}
	if err := f.open(st.Size()); err != nil {
		osf.Close()
		return nil, err
	}
	return f, nil
}

// openGeoParquetBytes is OpenGeoParquet on the file's bytes, read into
// memory beforehand: the footer, the page indexes and the pages are then
// read without a system call each. The file keeps b until it is
// closed; path names it in errors.
func openGeoParquetBytes(path string, b []byte) (*GeoParquetFile, error) {
	f := &GeoParquetFile{path: path, r: bytes.NewReader(b)}
	if err := f.open(int64(len(b))); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *GeoParquetFile) errf(sentinel error, format string, args ...any) error {
	return &FeatureError{File: f.path, Feature: -1, Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
}

func (f *GeoParquetFile) open(size int64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = f.errf(ErrCorrupt, "parquet footer: %v", r)
		}
	}()
	if err := parquetcheck.Footer(f.r, size); err != nil {
		return f.errf(ErrCorrupt, "parquet footer: %v", err)
	}
	pf, err := parquet.OpenFile(f.r, size, parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return f.errf(ErrCorrupt, "parquet footer: %v", err)
	}
	f.pf = pf
	raw, ok := pf.Lookup("geo")
	if !ok {
		return f.errf(ErrUnknownFormat, "parquet file without GeoParquet \"geo\" metadata")
	}
	if err := json.Unmarshal([]byte(raw), &f.geo); err != nil {
		return f.errf(ErrCorrupt, "geo metadata: %v", err)
	}
	col, ok := f.geo.Columns[f.geo.PrimaryColumn]
	if !ok {
		return f.errf(ErrColumns, "geo metadata names primary column %q but does not describe it", f.geo.PrimaryColumn)
	}
	if col.Encoding != "WKB" {
		return f.errf(ErrUnknownFormat, "geometry encoding %q (only WKB is read)", col.Encoding)
	}
	if _, ok := pf.Schema().Lookup(f.geo.PrimaryColumn); !ok {
		return f.errf(ErrColumns, "primary geometry column %q missing from the schema", f.geo.PrimaryColumn)
	}
	switch crs := bytes.TrimSpace(col.CRS); {
	case len(crs) == 0:
		f.epsg = EPSGWGS84 // absent: OGC:CRS84
	case string(crs) == "null":
		return f.errf(ErrCRS, "crs is null (unknown); want EPSG:28992 or OGC:CRS84")
	default:
		code, err := ParseCRSJSON(f.path, crs)
		if err != nil {
			return err
		}
		f.epsg = code
	}
	if f.epsg != EPSGRDNew && f.epsg != EPSGWGS84 {
		return f.errf(ErrCRS, "crs EPSG:%d; want EPSG:28992 or OGC:CRS84", f.epsg)
	}
	return nil
}

// Close closes the file.
func (f *GeoParquetFile) Close() error {
	if f.osf == nil {
		return nil
	}
	return f.osf.Close()
}

// Path returns the file name.
func (f *GeoParquetFile) Path() string { return f.path }

// Geo returns the decoded "geo" metadata.
func (f *GeoParquetFile) Geo() GeoMetadata { return f.geo }

// EPSG returns the CRS of the primary geometry column (28992 or 4326).
func (f *GeoParquetFile) EPSG() int { return f.epsg }

// NumRows returns the number of rows in the file.
func (f *GeoParquetFile) NumRows() int64 { return f.pf.NumRows() }

// NullGeometries counts the rows whose primary geometry is null, from the
// row groups' column statistics (no page is read; a writer that leaves the
// null count out reads as 0). A geometry written as an empty WKB is not
// null and is not counted here.
func (f *GeoParquetFile) NullGeometries() (int64, bool) {
	leaf, ok := f.pf.Schema().Lookup(f.geo.PrimaryColumn)
	if !ok {
		return 0, false
	}
	var n int64
	for _, rg := range f.pf.Metadata().RowGroups {
		if leaf.ColumnIndex >= len(rg.Columns) {
			return 0, false
		}
		n += rg.Columns[leaf.ColumnIndex].MetaData.Statistics.NullCount
	}
	return n, true
}

// Columns returns the top-level column names of the schema.
func (f *GeoParquetFile) Columns() []string {
	var out []string
	for _, fl := range f.pf.Schema().Fields() {
		out = append(out, fl.Name())
	}
	return out
}

// pandRow is the GeoParquet schema of a pand: one row per pand, every
// field of the model. Gebruiksdoel is comma-joined, as in the PDOK
// GeoPackage, so that GIS tools show it as text.
type pandRow struct {
	ID                string    `parquet:"identificatie"`
	Geometry          []byte    `parquet:"geometry"`
	Bouwjaar          int32     `parquet:"bouwjaar"`
	Status            string    `parquet:"status,dict"`
	Gebruiksdoel      string    `parquet:"gebruiksdoel,dict"`
	Verblijfsobjecten int32     `parquet:"aantal_verblijfsobjecten"`
	OppervlakteM2     float64   `parquet:"oppervlakte_m2"`
	Levels            int32     `parquet:"bouwlagen"`
	BuildingType      string    `parquet:"building_type,dict"`
	Address           string    `parquet:"adres"`
	Registered        time.Time `parquet:"registered,optional,timestamp(microsecond)"`
	// BBox is the GeoParquet 1.1 bbox covering of the footprint, so that
	// a reader within a bound skips row groups by their statistics.
	BBox BBox `parquet:"bbox"`
}

// pandColumns are the columns a file must have to be read as panden. A
// file without status or gebruiksdoel (as DuckDB or GDAL users write a
// cut of the BAG) is read with every pand counted under
// RepairNoStatusColumn or RepairNoUseColumn: defaulted, never guessed
// silently.
var pandColumns = []string{"identificatie", "geometry", "bouwjaar"}

// Repairs of a pand file that lacks a column.
const (
	RepairNoStatusColumn = "no_status_column_taken_as_standing"
	RepairNoUseColumn    = "no_gebruiksdoel_column"
)

// pandRowsPerGroup bounds a row group of a pand file (and so the writer's
// buffer): 64k panden are about 15 MB of column data.
const pandRowsPerGroup = 64 * 1024

// PandWriter writes panden as GeoParquet 1.1 (EPSG:28992, WKB in column
// "geometry", the bbox and geometry types of what was written), in row
// groups of up to 65,536 panden, so memory is bounded by one row group.
// Not safe for concurrent use.
type PandWriter struct {
	w    *GeoParquetWriter[pandRow]
	rows []pandRow
}

// NewPandWriter starts a pand GeoParquet file on w. Close must be called to
// write the footer; it does not close w.
func NewPandWriter(w io.Writer) *PandWriter { return newPandWriter(w, pandRowsPerGroup) }

// newPandWriter is NewPandWriter with row groups of up to rowsPerGroup
// panden.
func newPandWriter(w io.Writer, rowsPerGroup int64) *PandWriter {
	gw, err := NewGeoParquetWriter(w, "geometry", func(*pandRow) orb.Geometry { return nil },
		parquet.MaxRowsPerRowGroup(rowsPerGroup))
	if err != nil {
		panic(err) // pandRow is fixed: a failure is a programming error
	}
	return &PandWriter{w: gw}
}

// Write appends panden to the file. It keeps nothing of ps.
func (pw *PandWriter) Write(ps []Pand) error {
	pw.rows = slices.Grow(pw.rows[:0], len(ps))[:len(ps)]
	for i := range ps {
		p := &ps[i]
		r := &pw.rows[i]
		*r = pandRow{
			ID:                p.ID,
			Geometry:          AppendWKB(r.Geometry[:0], p.Footprint),
			Bouwjaar:          int32(p.Bouwjaar),
			Status:            p.Status,
			Gebruiksdoel:      strings.Join(p.Gebruiksdoel, ","),
			Verblijfsobjecten: int32(p.Verblijfsobjecten),
			OppervlakteM2:     p.OppervlakteM2,
			Levels:            int32(p.Levels),
			BuildingType:      p.BuildingType,
			Address:           p.Address,
			Registered:        p.Registered,
		}
		if len(p.Footprint) > 0 {
			b := p.Footprint.Bound()
			r.BBox = BBox{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
		}
		pw.w.extend(p.Footprint)
	}
	return pw.w.write(pw.rows)
}

// Close writes the footer with the geo metadata.
func (pw *PandWriter) Close() error { return pw.w.Close() }

// GeoParquetWriter writes rows of T, a struct with parquet tags, as
// GeoParquet 1.1: T must have a []byte field for the geometry column
// (named by its parquet tag or field name); Write fills it with the 2D WKB
// of geom(row) and tracks the bbox and geometry types for the "geo"
// metadata written at Close. The CRS written is EPSG:28992 (PROJJSON).
// Memory is bounded by one row group (parquet-go's default, or the
// MaxRowsPerRowGroup option). Not safe for concurrent use.
type GeoParquetWriter[T any] struct {
	pw      *parquet.GenericWriter[T]
	column  string
	field   []int // index path of the geometry field in T
	bbField []int // index path of a BBox field tagged "bbox", or nil
	geom    func(*T) orb.Geometry
	bbox    orb.Bound
	empty   bool
	types   map[string]bool
	closed  bool
}

// NewGeoParquetWriter starts a GeoParquet file of T rows on w; column is
// the geometry column's name and geom returns a row's geometry in
// EPSG:28992 (a nil geometry is an error at Write). Rows are zstd
// compressed; extra parquet writer options (row group size, compression)
// may be given. It fails when T has no []byte field for column. Fields
// tagged parquet:"-" are not written.
func NewGeoParquetWriter[T any](w io.Writer, column string, geom func(*T) orb.Geometry, opts ...parquet.WriterOption) (*GeoParquetWriter[T], error) {
	idx, err := geometryField[T](column)
	if err != nil {
		return nil, err
	}
	opts = append([]parquet.WriterOption{parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(MaxRowsPerRowGroup)}, opts...)
	var bb []int
	if f, ok := reflect.TypeFor[T]().FieldByName("BBox"); ok && f.Type == reflect.TypeFor[BBox]() {
		if name, _, _ := strings.Cut(f.Tag.Get("parquet"), ","); name == "bbox" {
			bb = f.Index
		}
	}
	return &GeoParquetWriter[T]{
		pw:      parquet.NewGenericWriter[T](w, opts...),
		column:  column,
		field:   idx,
		bbField: bb,
		geom:    geom,
		empty:   true,
		types:   map[string]bool{},
	}, nil
}

// geometryField finds the []byte field of T that holds column.
func geometryField[T any](column string) ([]int, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("geodata: GeoParquet rows must be structs, not %s", t)
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if name == "" {
			name = f.Name
		}
		if name == column {
			if f.Type != reflect.TypeFor[[]byte]() {
				return nil, fmt.Errorf("geodata: geometry column %q of %s is %s, want []byte", column, t, f.Type)
			}
			return f.Index, nil
		}
	}
	return nil, fmt.Errorf("%w: %s has no field for geometry column %q", ErrColumns, t, column)
}

func (w *GeoParquetWriter[T]) extend(g orb.Geometry) {
	if g == nil {
		return
	}
	w.types[g.GeoJSONType()] = true
	b := g.Bound()
	if w.empty {
		w.bbox, w.empty = b, false
	} else {
		w.bbox = w.bbox.Union(b)
	}
}

// Write encodes each row's geometry into its geometry field (overwriting
// it) and appends the rows. A nil geometry is an error.
func (w *GeoParquetWriter[T]) Write(rows []T) error {
	for i := range rows {
		g := w.geom(&rows[i])
		if g == nil {
			return fmt.Errorf("%w: row %d has no geometry", ErrGeometry, i)
		}
		v := reflect.ValueOf(&rows[i]).Elem()
		f := v.FieldByIndex(w.field)
		f.SetBytes(AppendWKB(f.Bytes()[:0], g))
		if w.bbField != nil {
			b := g.Bound()
			v.FieldByIndex(w.bbField).Set(reflect.ValueOf(BBox{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}))
		}
		w.extend(g)
	}
	return w.write(rows)
}

func (w *GeoParquetWriter[T]) write(rows []T) error {
	_, err := w.pw.Write(rows)
	return err
}

// Close writes the "geo" metadata and the footer. It does not close the
// underlying io.Writer.
func (w *GeoParquetWriter[T]) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	types := make([]string, 0, len(w.types))
	for t := range w.types {
		types = append(types, t)
	}
	slices.Sort(types)
	col := GeoColumn{Encoding: "WKB", GeometryTypes: types, CRS: projjsonRDNew}
	if w.bbField != nil {
		col.Covering = &Covering{}
		c := &col.Covering.BBox
		c.XMin, c.YMin, c.XMax, c.YMax = []string{"bbox", "xmin"}, []string{"bbox", "ymin"}, []string{"bbox", "xmax"}, []string{"bbox", "ymax"}
	}
	if !w.empty {
		col.BBox = []float64{w.bbox.Min[0], w.bbox.Min[1], w.bbox.Max[0], w.bbox.Max[1]}
	}
	meta, err := json.Marshal(GeoMetadata{Version: geoParquetVersion, PrimaryColumn: w.column,
		Columns: map[string]GeoColumn{w.column: col}})
	if err != nil {
		return err
	}
	w.pw.SetKeyValueMetadata("geo", string(meta))
	return w.pw.Close()
}

// WriteGeoParquet writes rows as one GeoParquet file; see
// NewGeoParquetWriter.
func WriteGeoParquet[T any](w io.Writer, column string, rows []T, geom func(*T) orb.Geometry) error {
	gw, err := NewGeoParquetWriter(w, column, geom)
	if err != nil {
		return err
	}
	if err := gw.Write(rows); err != nil {
		return err
	}
	return gw.Close()
}

// ReadGeoParquet reads a whole GeoParquet file into rows of T and decodes
// the primary geometry column of each row (transformed to EPSG:28992 when
// the file is in CRS84). Meant for small outputs and tests: it holds the
// whole file. T needs a []byte field for the primary column.
func ReadGeoParquet[T any](path string) (rows []T, geoms []orb.Geometry, err error) {
	f, err := OpenGeoParquet(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	idx, err := geometryField[T](f.geo.PrimaryColumn)
	if err != nil {
		return nil, nil, &FeatureError{File: path, Feature: -1, Err: err}
	}
	defer func() {
		if r := recover(); r != nil {
			err = &FeatureError{File: path, Feature: len(rows), Err: fmt.Errorf("%w: %v", ErrCorrupt, r)}
		}
	}()
	r := parquet.NewGenericReader[T](f.pf)
	defer r.Close()
	rows = make([]T, 0, max(0, min(f.NumRows(), 1<<20)))
	buf := make([]T, 256)
	for {
		n, rerr := r.Read(buf)
		rows = append(rows, buf[:n]...)
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil, nil, &FeatureError{File: path, Feature: len(rows), Err: fmt.Errorf("%w: %v", ErrCorrupt, rerr)}
		}
	}
	var tr *Transformer
	if f.epsg != EPSGRDNew {
		if tr, err = NewTransformer(f.epsg); err != nil {
			return nil, nil, err
		}
		defer tr.Close()
	}
	geoms = make([]orb.Geometry, len(rows))
	for i := range rows {
		b := reflect.ValueOf(&rows[i]).Elem().FieldByIndex(idx).Bytes()
		if len(b) == 0 {
			continue
		}
		g, err := DecodeWKB(b)
		if err == nil {
			g, err = toRD(tr, g)
		}
		if err != nil {
			return nil, nil, &FeatureError{File: path, Feature: i, Err: err}
		}
		geoms[i] = g
	}
	return rows, geoms, nil
}

// geoParquetPandReader streams panden from a pand GeoParquet file. It
// reads raw parquet rows into a reused buffer and decodes the columns it
// knows by index: byte-array values point into parquet-go's page buffers,
// so a row costs no copy beyond the pand's own id, footprint and address.
type geoParquetPandReader struct {
	f      *GeoParquetFile
	own    bool               // close f on Close
	bound  *orb.Bound         // PandenWithin: EPSG:28992
	groups []parquet.RowGroup // the row groups still to read
	r      parquet.Rows       // rows of the current row group
	stats  ReadStats
	rows   []parquet.Row
	cols   pandColumnIndex
	vals   []parquet.Value // one row's values by leaf column index
	index  int             // index of the next row
	rep    *Report
	tr     *Transformer
	intern interner
	uses   map[string][]string // comma-joined gebruiksdoel -> shared split slice
	done   bool
}

// pandColumnIndex maps the pand fields to leaf column indexes (-1 absent).
type pandColumnIndex struct {
	id, geom, bouwjaar, status, doel, vbo, opp, levels, btype, addr, reg int
	regUnit                                                              time.Duration // unit of the registered timestamp
}

// ReadGeoParquetPanden opens a pand GeoParquet file (as PandWriter writes
// it) and streams its panden; Close closes the file. See
// GeoParquetFile.Panden.
func ReadGeoParquetPanden(path string, rep *Report) (PandReader, error) {
	f, err := OpenGeoParquet(path)
	if err != nil {
		return nil, err
	}
	r, err := f.Panden(rep)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.(*geoParquetPandReader).own = true
	return r, nil
}

// Panden streams the file's panden. The file needs the pand columns
// (identificatie, geometry, bouwjaar, status, gebruiksdoel; the others are
// optional), else ErrColumns. Rows are decoded one row group page at a
// time into a reused buffer of 1,024 rows: memory does not grow with the
// file. Footprints are handed out as read (a MultiPolygon keeps its
// largest part, RepairLargestPart); rows without a polygon are counted in
// rep as read and skipped. The Gebruiksdoel slices of panden with the same
// uses are shared: do not modify them. rep may be nil.
func (f *GeoParquetFile) Panden(rep *Report) (PandReader, error) {
	return f.panden(nil, rep)
}

// PandenWithin is Panden restricted to the panden whose footprint's
// envelope meets b (EPSG:28992). When the file has a GeoParquet 1.1 bbox
// covering (as wijkwarmte's own buildings.parquet and PandWriter write),
// a row group whose covering statistics lie wholly outside b is not read
// at all; without a covering (or without statistics) every row group is
// read and decoded, a full scan (Covered says which). Rows outside b, and
// rows whose footprint cannot be located, are not counted in rep, as with
// GeoPackage.Within. The reader's ReadStats (see Stats) tell how many row
// groups and rows it read.
func (f *GeoParquetFile) PandenWithin(b orb.Bound, rep *Report) (PandReader, error) {
	return f.panden(&b, rep)
}

// Covered reports whether the primary geometry column has a GeoParquet
// 1.1 bbox covering whose four columns the schema holds, so that
// PandenWithin can skip row groups by their statistics.
func (f *GeoParquetFile) Covered() bool {
	_, ok := f.coveringLeaves()
	return ok
}

// coveringLeaves returns the leaf column indexes of the bbox covering's
// xmin, ymin, xmax and ymax.
func (f *GeoParquetFile) coveringLeaves() ([4]int, bool) {
	var out [4]int
	col := f.geo.Columns[f.geo.PrimaryColumn]
	if col.Covering == nil {
		return out, false
	}
	c := &col.Covering.BBox
	for i, path := range [][]string{c.XMin, c.YMin, c.XMax, c.YMax} {
		if len(path) == 0 {
			return out, false
		}
		leaf, ok := f.pf.Schema().Lookup(path...)
		if !ok || leaf.MaxRepetitionLevel > 0 {
			return out, false
		}
		out[i] = leaf.ColumnIndex
	}
	return out, true
}

// ReadStats tells what a reader within a bound read of its file: row
// groups in the file and read, rows in the row groups read. Rows of the
// row groups skipped were not read from disk.
type ReadStats struct {
	RowGroups, RowGroupsRead int
	Rows, RowsRead           int64 // rows in the file; rows in the row groups read
}

// Stats returns what the reader has read so far.
func (r *geoParquetPandReader) Stats() ReadStats { return r.stats }

// StatsOf returns the ReadStats of a pand reader that keeps them (a
// GeoParquet reader of this package, also through Source.Panden).
func StatsOf(r PandReader) (ReadStats, bool) {
	if s, ok := r.(interface{ Stats() ReadStats }); ok {
		return s.Stats(), true
	}
	return ReadStats{}, false
}

// selectRowGroups returns the row groups of f that may hold rows meeting
// b: all of them without a bound or a covering, else those whose covering
// statistics meet b (in the file's CRS: b's WGS84 envelope for a CRS84
// file) or have none.
func (f *GeoParquetFile) selectRowGroups(b *orb.Bound) ([]parquet.RowGroup, error) {
	all := f.pf.RowGroups()
	leaves, ok := f.coveringLeaves()
	if b == nil || !ok {
		return all, nil
	}
	box := *b
	if f.epsg == EPSGWGS84 {
		var err error
		if box, err = wgs84Envelope(*b); err != nil {
			return nil, &FeatureError{File: f.path, Feature: -1, Err: err}
		}
	}
	type bounded interface {
		Bounds() (min, max parquet.Value, ok bool)
	}
	var out []parquet.RowGroup
	for _, rg := range all {
		chunks := rg.ColumnChunks()
		var lo, hi [4]float64
		known := true
		for i, leaf := range leaves {
			c, isB := chunks[leaf].(bounded)
			if !isB {
				known = false
				break
			}
			mn, mx, ok := c.Bounds()
			if !ok {
				known = false
				break
			}
			lo[i], hi[i] = valueFloat(mn), valueFloat(mx)
		}
		// lo[0] = smallest xmin, hi[2] = largest xmax, and so on.
		if known && (lo[0] > box.Max[0] || hi[2] < box.Min[0] || lo[1] > box.Max[1] || hi[3] < box.Min[1]) {
			continue
		}
		out = append(out, rg)
	}
	return out, nil
}

func (f *GeoParquetFile) panden(bound *orb.Bound, rep *Report) (PandReader, error) {
	cols := f.cols.apply(f.Columns())
	for _, c := range pandColumns {
		if !slices.Contains(cols, c) && !(c == "identificatie" && slices.Contains(cols, "id")) {
			return nil, f.errf(ErrColumns, "no %q column: not a pand file (columns %s)", c, strings.Join(cols, ", "))
		}
	}
	if f.geo.PrimaryColumn != "geometry" {
		return nil, f.errf(ErrColumns, "primary geometry column is %q, want \"geometry\"", f.geo.PrimaryColumn)
	}
	if rep == nil {
		rep = &Report{}
	}
	r := &geoParquetPandReader{f: f, rep: rep, bound: bound, intern: interner{}, uses: map[string][]string{}}
	if err := r.indexColumns(); err != nil {
		return nil, err
	}
	if f.epsg != EPSGRDNew {
		tr, err := NewTransformer(f.epsg)
		if err != nil {
			return nil, &FeatureError{File: f.path, Feature: -1, Err: err}
		}
		r.tr = tr
	}
	if err := r.init(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *geoParquetPandReader) init() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = r.f.errf(ErrCorrupt, "parquet schema: %v", p)
		}
	}()
	if r.groups, err = r.f.selectRowGroups(r.bound); err != nil {
		return err
	}
	r.stats = ReadStats{RowGroups: len(r.f.pf.RowGroups()), Rows: r.f.pf.NumRows()}
	return nil
}

// nextGroup starts reading the next selected row group; false at the end.
func (r *geoParquetPandReader) nextGroup() bool {
	if r.r != nil {
		r.r.Close()
		r.r = nil
	}
	if len(r.groups) == 0 {
		return false
	}
	rg := r.groups[0]
	r.groups = r.groups[1:]
	r.r = rg.Rows()
	r.stats.RowGroupsRead++
	r.stats.RowsRead += rg.NumRows()
	return true
}

// indexColumns finds the leaf column of each pand field; the required
// ones must be flat (not repeated) byte arrays or numbers.
func (r *geoParquetPandReader) indexColumns() error {
	schema := r.f.pf.Schema()
	look := func(name string) int {
		if src := r.f.cols.source(name); src != "" {
			name = src // a mapped column (any alias of its field asks for it)
		}
		leaf, ok := schema.Lookup(name)
		if !ok || leaf.MaxRepetitionLevel > 0 {
			return -1
		}
		return leaf.ColumnIndex
	}
	r.vals = make([]parquet.Value, len(schema.Columns()))
	c := &r.cols
	// The first name is the model's (PandWriter); the others are those of
	// wijkwarmte's own buildings.parquet, so that a scan's output reads
	// back as input.
	look2 := func(names ...string) int {
		for _, n := range names {
			if i := look(n); i >= 0 {
				return i
			}
		}
		return -1
	}
	c.id, c.geom, c.bouwjaar = look2("identificatie", "id"), look("geometry"), look("bouwjaar")
	c.status, c.doel, c.vbo = look("status"), look("gebruiksdoel"), look2("aantal_verblijfsobjecten", "dwellings")
	c.opp, c.levels, c.btype = look2("oppervlakte_m2", "floor_area_m2"), look2("bouwlagen", "storeys"), look("building_type")
	c.addr, c.reg = look("adres"), look("registered")
	for name, i := range map[string]int{"identificatie": c.id, "geometry": c.geom, "bouwjaar": c.bouwjaar} {
		if i < 0 {
			return r.f.errf(ErrColumns, "column %q is missing or repeated", name)
		}
	}
	c.regUnit = time.Microsecond
	if c.reg >= 0 {
		leaf, _ := schema.Lookup("registered")
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			if ts, ok := lt.Value.(*format.TimestampType); ok && ts.Unit.Value != nil {
				c.regUnit = ts.Unit.Value.Duration()
			}
		}
	}
	return nil
}

func (r *geoParquetPandReader) Close() error {
	if r.tr != nil {
		r.tr.Close()
		r.tr = nil
	}
	var err error
	if r.r != nil {
		err = r.r.Close()
	}
	if r.own {
		if cerr := r.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// readRows reads raw rows, turning a parquet-go panic on corrupt pages
// into ErrCorrupt.
func (r *geoParquetPandReader) readRows(buf []parquet.Row) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, &FeatureError{File: r.f.path, Feature: r.index, Err: fmt.Errorf("%w: %v", ErrCorrupt, p)}
		}
	}()
	for r.r == nil {
		if !r.nextGroup() {
			return 0, io.EOF
		}
	}
	n, err = r.r.ReadRows(buf)
	if err == io.EOF && len(r.groups) > 0 {
		r.nextGroup()
		err = nil
	}
	if err != nil && err != io.EOF {
		err = &FeatureError{File: r.f.path, Feature: r.index + n, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	return n, err
}

// readBatch is the number of raw rows read at a time.
const readBatch = 256

func (r *geoParquetPandReader) Read(dst []Pand) (int, error) {
	if r.done {
		return 0, io.EOF
	}
	if r.rows == nil {
		r.rows = make([]parquet.Row, readBatch)
	}
	n := 0
	for n < len(dst) {
		buf := r.rows[:min(len(dst)-n, readBatch)]
		m, err := r.readRows(buf)
		for i := range m {
			ok, derr := r.decode(buf[i], &dst[n])
			if derr != nil {
				r.done = true
				return n, derr
			}
			if ok {
				r.rep.Read++ // every row counts: Read == Used + sum(Skipped)
				r.rep.Used++
				n++
			}
			r.index++
		}
		if err == io.EOF {
			r.done = true
			return n, io.EOF
		}
		if err != nil {
			r.done = true
			return n, err
		}
	}
	return n, nil
}

// valueInt reads an integer or floating-point value as int (0 when null).
func valueInt(v parquet.Value) int {
	switch v.Kind() {
	case parquet.Int32:
		return int(v.Int32())
	case parquet.Int64:
		return int(v.Int64())
	case parquet.Float:
		return int(math.Round(float64(v.Float())))
	case parquet.Double:
		return int(math.Round(v.Double()))
	}
	return 0
}

// valueFloat reads a number as float64 (0 when null).
func valueFloat(v parquet.Value) float64 {
	switch v.Kind() {
	case parquet.Int32:
		return float64(v.Int32())
	case parquet.Int64:
		return float64(v.Int64())
	case parquet.Float:
		return float64(v.Float())
	case parquet.Double:
		return v.Double()
	}
	return 0
}

// valueBytes returns a byte-array value (nil when null or not bytes). The
// slice points into parquet-go's buffers: use it before the next read.
func valueBytes(v parquet.Value) []byte {
	if v.Kind() != parquet.ByteArray || v.IsNull() {
		return nil
	}
	return v.ByteArray()
}

// decode turns a row into p; false when the row is skipped (counted). The
// error is a FeatureError for a footprint outside the Netherlands.
func (r *geoParquetPandReader) decode(row parquet.Row, p *Pand) (bool, error) {
	c := &r.cols
	vals := r.vals // by leaf column index
	clear(vals)
	for _, v := range row {
		if col := v.Column(); col >= 0 && col < len(vals) {
			vals[col] = v
		}
	}
	get := func(i int) parquet.Value {
		if i < 0 || i >= len(vals) {
			return parquet.Value{}
		}
		return vals[i]
	}
	poly, reason, err := r.footprint(valueBytes(get(c.geom)))
	if err != nil {
		return false, &FeatureError{File: r.f.path, Feature: r.index, ID: string(valueBytes(get(c.id))), Err: err}
	}
	if r.bound != nil && (reason != "" || !poly.Bound().Intersects(*r.bound)) {
		return false, nil // outside the bound, or not to be located: not read
	}
	if reason != "" {
		r.rep.Read++
		r.rep.Skip(reason)
		return false, nil
	}
	*p = Pand{
		ID:                string(valueBytes(get(c.id))),
		Footprint:         poly,
		Bouwjaar:          valueInt(get(c.bouwjaar)),
		Status:            r.intern.get(valueBytes(get(c.status))),
		Gebruiksdoel:      r.splitUses(valueBytes(get(c.doel))),
		Verblijfsobjecten: valueInt(get(c.vbo)),
		OppervlakteM2:     valueFloat(get(c.opp)),
		Levels:            valueInt(get(c.levels)),
		BuildingType:      r.intern.get(valueBytes(get(c.btype))),
	}
	if a := valueBytes(get(c.addr)); len(a) > 0 {
		p.Address = string(a)
	}
	if c.status < 0 {
		r.rep.Repair(RepairNoStatusColumn)
	}
	if c.doel < 0 {
		r.rep.Repair(RepairNoUseColumn)
	}
	if v := get(c.reg); v.Kind() == parquet.Int64 && !v.IsNull() {
		p.Registered = time.Unix(0, 0).Add(time.Duration(v.Int64()) * c.regUnit).UTC()
	}
	return true, nil
}

// footprint decodes a WKB footprint, or names the skip reason. A footprint
// that does not decode is skipped and counted under SkipBadGeometry (the
// file itself is sound: its pages decoded). Coordinates outside the
// Netherlands (a wrong CRS, swapped axes) are an error wrapping
// ErrOutsideNL.
func (r *geoParquetPandReader) footprint(wkb []byte) (orb.Polygon, string, error) {
	if len(wkb) == 0 {
		return nil, SkipNoGeometry, nil
	}
	if r.tr == nil {
		poly, isPoly, err := decodePolygonWKB(wkb)
		switch {
		case err != nil:
			return nil, SkipBadGeometry, nil
		case isPoly && (len(poly) == 0 || len(poly[0]) == 0):
			return nil, SkipNoGeometry, nil
		case isPoly:
			if err := CheckRD(poly); err != nil {
				return nil, "", err
			}
			return poly, "", nil
		}
	}
	g, err := DecodeWKB(wkb)
	if err != nil {
		return nil, SkipBadGeometry, nil
	}
	if g, err = toRD(r.tr, g); errors.Is(err, ErrOutsideNL) {
		return nil, "", err
	} else if err != nil {
		return nil, SkipBadGeometry, nil
	}
	poly, reason := asPolygon(g, r.rep)
	return poly, reason, nil
}

func (r *geoParquetPandReader) splitUses(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	if v, ok := r.uses[string(b)]; ok {
		return v
	}
	v := slices.Clip(r.intern.splitUses(nil, b))
	if len(r.uses) < maxInterned {
		r.uses[string(b)] = v
	}
	return v
}

// Geometries reads every row of the file and decodes its primary geometry
// column, so that a corrupt page or a broken WKB value shows as an error
// naming the file and row (the footer alone says nothing of the pages).
// fn, when not nil, gets each row's index and geometry (nil for a null or
// empty value) in EPSG:28992. It reads the file in batches; memory does not
// grow with the number of rows.
func (f *GeoParquetFile) Geometries(fn func(row int, g orb.Geometry) error) (err error) {
	leaf, ok := f.pf.Schema().Lookup(f.geo.PrimaryColumn)
	if !ok || leaf.MaxRepetitionLevel > 0 {
		return f.errf(ErrColumns, "primary geometry column %q is missing or repeated", f.geo.PrimaryColumn)
	}
	var tr *Transformer
	if f.epsg != EPSGRDNew {
		if tr, err = pooledTransformer(f.epsg, EPSGRDNew); err != nil {
			return &FeatureError{File: f.path, Feature: -1, Err: err}
		}
		defer releaseTransformer(tr)
	}
	row := 0
	defer func() {
		if p := recover(); p != nil {
			err = &FeatureError{File: f.path, Feature: row, Err: fmt.Errorf("%w: %v", ErrCorrupt, p)}
		}
	}()
	r := parquet.NewReader(f.pf)
	defer r.Close()
	buf := make([]parquet.Row, readBatch)
	for {
		n, rerr := r.ReadRows(buf)
		for _, rw := range buf[:n] {
			var wkb []byte
			for _, v := range rw {
				if v.Column() == leaf.ColumnIndex {
					wkb = valueBytes(v)
					break
				}
			}
			var g orb.Geometry
			if len(wkb) > 0 {
				if g, err = DecodeWKB(wkb); err != nil {
					return &FeatureError{File: f.path, Feature: row, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
				}
				if tr != nil {
					if g, err = toRD(tr, g); err != nil {
						return &FeatureError{File: f.path, Feature: row, Err: err}
					}
				}
			}
			if fn != nil {
				if err := fn(row, g); err != nil {
					return err
				}
			}
			row++
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return &FeatureError{File: f.path, Feature: row, Err: fmt.Errorf("%w: %v", ErrCorrupt, rerr)}
		}
	}
}

// GeoMetadataRD returns the GeoParquet 1.1 "geo" metadata of a file whose
// WKB column holds geometries of the given GeoJSON types in EPSG:28992
// within b, for writers that build their own parquet schema (a table whose
// columns are known only at run time).
func GeoMetadataRD(column string, types []string, b orb.Bound) (string, error) {
	col := GeoColumn{Encoding: "WKB", GeometryTypes: slices.Sorted(slices.Values(types)), CRS: projjsonRDNew}
	if !b.IsEmpty() || b != (orb.Bound{}) {
		col.BBox = []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	}
	meta, err := json.Marshal(GeoMetadata{Version: geoParquetVersion, PrimaryColumn: column, Columns: map[string]GeoColumn{column: col}})
	return string(meta), err
}
