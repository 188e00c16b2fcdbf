package geodata

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// GeoPackage output: the format QGIS and GDAL open everywhere (Debian's
// GDAL 3.6 has no Parquet driver). A GeoPackageWriter writes feature
// layers in EPSG:28992 with typed columns and an R-tree spatial index
// (rtree_<table>_geom, the GeoPackage rtree extension), in one transaction,
// one prepared insert per layer: memory does not grow with the rows.
//
//	w, err := CreateGeoPackage("out.gpkg")
//	l, err := w.AddLayer("panden", "MULTIPOLYGON", []GPKGColumn{{"identificatie", GPKGText}, {"bouwjaar", GPKGInteger}})
//	err = l.Write(footprint, "0503100000000001", 1965)
//	err = w.Close()
//
// The R-tree is written with the rows, without the spec's triggers (whose
// ST_ functions a plain SQLite lacks): the file is made to be read; GDAL
// rebuilds the triggers when it opens a layer for editing.

// GPKG column types.
const (
	GPKGInteger = "INTEGER"
	GPKGReal    = "REAL"
	GPKGText    = "TEXT"
	GPKGBoolean = "BOOLEAN"
)

// GPKGColumn is an attribute column of a layer.
type GPKGColumn struct {
	Name string
	Type string // GPKGInteger, GPKGReal, GPKGText or GPKGBoolean
}

// rdNewWKT is the OGC WKT of EPSG:28992 for gpkg_spatial_ref_sys.
const rdNewWKT = `PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],TOWGS84[565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]`

// GeoPackageWriter writes a new GeoPackage. Not safe for concurrent use.
type GeoPackageWriter struct {
	// Modified is written as every layer's last_change (set it before
	// AddLayer). The zero time writes 1970-01-01, so that the same rows
	// give the same bytes: when a run was made is said in one place
	// (summary.json), not in every file.
	Modified time.Time

	path   string
	db     *sql.DB
	tx     *sql.Tx
	layers []*GPKGLayerWriter
	closed bool
}

// GPKGLayerWriter adds features to one layer of a GeoPackageWriter.
type GPKGLayerWriter struct {
	w        *GeoPackageWriter
	name     string
	cols     []GPKGColumn
	ins, idx *sql.Stmt
	blob     []byte
	args     []any
	bound    orb.Bound
	hasBound bool
	n        int64
}

// CreateGeoPackage creates a GeoPackage at path, which must not exist.
func CreateGeoPackage(path string) (*GeoPackageWriter, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("geodata: %s exists", path)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=OFF&_synchronous=OFF")
	if err != nil {
		return nil, fmt.Errorf("geodata: %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	w := &GeoPackageWriter{path: path, db: db}
	for _, q := range []string{
		`PRAGMA application_id = 1196444487`, // "GPKG"
		`PRAGMA user_version = 10300`,
		`PRAGMA page_size = 65536`,
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
			organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
			('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
			('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', NULL),
			('Amersfoort / RD New', 28992, 'EPSG', 28992, '` + rdNewWKT + `', NULL)`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
			description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
			min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
			srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name))`,
		`CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
			definition TEXT NOT NULL, scope TEXT NOT NULL, UNIQUE (table_name, column_name, extension_name))`,
	} {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			os.Remove(path)
			return nil, fmt.Errorf("geodata: %s: %w", path, err)
		}
	}
	if w.tx, err = db.Begin(); err != nil {
		db.Close()
		return nil, fmt.Errorf("geodata: %s: %w", path, err)
	}
	return w, nil
}

func (w *GeoPackageWriter) modified() string {
	t := w.Modified
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// AddLayer adds a feature layer with a geometry column "geom" of geomType
// (POINT, LINESTRING, POLYGON, MULTIPOLYGON, GEOMETRY, ...) in EPSG:28992
// and the given attribute columns, after the primary key "fid".
func (w *GeoPackageWriter) AddLayer(name, geomType string, cols []GPKGColumn) (*GPKGLayerWriter, error) {
	if w.closed {
		return nil, errors.New("geodata: GeoPackageWriter is closed")
	}
	defs := []string{"fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom " + geomType}
	names := []string{"geom"}
	for _, c := range cols {
		switch c.Type {
		case GPKGInteger, GPKGReal, GPKGText, GPKGBoolean:
		default:
			panic("geodata: bad GeoPackage column type " + c.Type)
		}
		defs = append(defs, quoteIdent(c.Name)+" "+c.Type)
		names = append(names, quoteIdent(c.Name))
	}
	t := quoteIdent(name)
	rtree := quoteIdent("rtree_" + name + "_geom")
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`CREATE TABLE ` + t + ` (` + strings.Join(defs, ", ") + `)`, nil},
		{`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id, last_change) VALUES (?, 'features', ?, 28992, ?)`, []any{name, name, w.modified()}},
		{`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 28992, 0, 0)`, []any{name, geomType}},
		{`CREATE VIRTUAL TABLE ` + rtree + ` USING rtree(id, minx, maxx, miny, maxy)`, nil},
		{`INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`, []any{name}},
	} {
		if _, err := w.tx.Exec(q.sql, q.args...); err != nil {
			return nil, fmt.Errorf("geodata: %s: layer %s: %w", w.path, name, err)
		}
	}
	l := &GPKGLayerWriter{w: w, name: name, cols: cols, args: make([]any, 1+len(cols))}
	var err error
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ")
	if l.ins, err = w.tx.Prepare(`INSERT INTO ` + t + ` (` + strings.Join(names, ", ") + `) VALUES (` + ph + `)`); err != nil {
		return nil, fmt.Errorf("geodata: %s: layer %s: %w", w.path, name, err)
	}
	if l.idx, err = w.tx.Prepare(`INSERT INTO ` + rtree + ` VALUES (?, ?, ?, ?, ?)`); err != nil {
		return nil, fmt.Errorf("geodata: %s: layer %s: %w", w.path, name, err)
	}
	w.layers = append(w.layers, l)
	return l, nil
}

// Write adds one feature: its geometry (nil for none) and one value per
// attribute column, in order (nil for NULL; a bool for a BOOLEAN; a NaN
// float is written as NULL).
func (l *GPKGLayerWriter) Write(g orb.Geometry, vals ...any) error {
	if len(vals) != len(l.cols) {
		panic(fmt.Sprintf("geodata: layer %s has %d columns, Write got %d values", l.name, len(l.cols), len(vals)))
	}
	l.args[0] = nil
	if g != nil {
		l.blob = appendGPKGGeometry(l.blob[:0], g)
		l.args[0] = l.blob
	}
	for i, v := range vals {
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			v = nil
		}
		l.args[i+1] = v
	}
	res, err := l.ins.Exec(l.args...)
	if err != nil {
		return fmt.Errorf("geodata: %s: layer %s: feature %d: %w", l.w.path, l.name, l.n, err)
	}
	if g != nil {
		b := g.Bound()
		if l.hasBound {
			l.bound = l.bound.Union(b)
		} else {
			l.bound, l.hasBound = b, true
		}
		fid, err := res.LastInsertId()
		if err == nil {
			_, err = l.idx.Exec(fid, b.Min[0], b.Max[0], b.Min[1], b.Max[1])
		}
		if err != nil {
			return fmt.Errorf("geodata: %s: layer %s: feature %d: %w", l.w.path, l.name, l.n, err)
		}
	}
	l.n++
	return nil
}

// appendGPKGGeometry appends the GeoPackage binary of g: the header with
// an xy envelope and srs 28992, then 2D WKB.
func appendGPKGGeometry(dst []byte, g orb.Geometry) []byte {
	b := g.Bound()
	dst = append(dst, 'G', 'P', 0, 1|1<<1) // version 0, little endian, xy envelope
	dst = binary.LittleEndian.AppendUint32(dst, 28992)
	for _, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
	}
	return AppendWKB(dst, g)
}

// Close commits every layer with its extent and closes the file. After an
// error the file is removed.
func (w *GeoPackageWriter) Close() (err error) {
	if w.closed {
		return nil
	}
	w.closed = true
	defer func() {
		if cerr := w.db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("geodata: %s: %w", w.path, cerr)
		}
		if err != nil {
			os.Remove(w.path)
		}
	}()
	for _, l := range w.layers {
		l.ins.Close()
		l.idx.Close()
		if l.hasBound {
			if _, err := w.tx.Exec(`UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?`,
				l.bound.Min[0], l.bound.Min[1], l.bound.Max[0], l.bound.Max[1], l.name); err != nil {
				w.tx.Rollback()
				return fmt.Errorf("geodata: %s: %w", w.path, err)
			}
		}
	}
	if err := w.tx.Commit(); err != nil {
		return fmt.Errorf("geodata: %s: %w", w.path, err)
	}
	return nil
}

// Abort closes the writer and removes the file.
func (w *GeoPackageWriter) Abort() {
	if !w.closed {
		w.closed = true
		w.tx.Rollback()
		w.db.Close()
	}
	os.Remove(w.path)
}

// GPKGRowLayer writes rows of a struct type T as a layer: one column per
// exported field with a parquet tag (the same columns as the GeoParquet
// output of T), except the geometry column; strings are TEXT, integers
// INTEGER, floats REAL (NaN as NULL), bools BOOLEAN, *float64 a nullable
// REAL.
type GPKGRowLayer[T any] struct {
	l      *GPKGLayerWriter
	fields [][]int
	geom   func(*T) orb.Geometry
	vals   []any
}

// AddRowLayer adds a layer for rows of T; geom returns a row's geometry.
func AddRowLayer[T any](w *GeoPackageWriter, name, geomType string, geom func(*T) orb.Geometry) (*GPKGRowLayer[T], error) {
	t := reflect.TypeFor[T]()
	var cols []GPKGColumn
	var fields [][]int
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if !f.IsExported() || tag == "" || tag == "-" || tag == "geometry" || f.Type == reflect.TypeFor[BBox]() {
			continue // the geometry and its bbox covering: the layer has geom and an R-tree
		}
		var typ string
		switch k := f.Type.Kind(); {
		case k == reflect.String:
			typ = GPKGText
		case k == reflect.Bool:
			typ = GPKGBoolean
		case k >= reflect.Int && k <= reflect.Uint64:
			typ = GPKGInteger
		case k == reflect.Float32 || k == reflect.Float64:
			typ = GPKGReal
		case k == reflect.Pointer && f.Type.Elem().Kind() == reflect.Float64:
			typ = GPKGReal
		default:
			return nil, fmt.Errorf("geodata: %s.%s: no GeoPackage column type for %s", t, f.Name, f.Type)
		}
		cols = append(cols, GPKGColumn{Name: tag, Type: typ})
		fields = append(fields, f.Index)
	}
	l, err := w.AddLayer(name, geomType, cols)
	if err != nil {
		return nil, err
	}
	return &GPKGRowLayer[T]{l: l, fields: fields, geom: geom, vals: make([]any, len(fields))}, nil
}

// Write adds one row.
func (r *GPKGRowLayer[T]) Write(row *T) error {
	v := reflect.ValueOf(row).Elem()
	for i, idx := range r.fields {
		f := v.FieldByIndex(idx)
		switch f.Kind() {
		case reflect.Pointer:
			if f.IsNil() {
				r.vals[i] = nil
			} else {
				r.vals[i] = f.Elem().Float()
			}
		case reflect.Bool:
			r.vals[i] = f.Bool()
		case reflect.String:
			r.vals[i] = f.String()
		case reflect.Float32, reflect.Float64:
			r.vals[i] = f.Float()
		default:
			if f.CanInt() {
				r.vals[i] = f.Int()
			} else {
				r.vals[i] = int64(f.Uint())
			}
		}
	}
	return r.l.Write(r.geom(row), r.vals...)
}
