package geodata

// GeoPackage API (stable; other packages build on it):
//
//	func OpenGeoPackage(path string) (*GeoPackage, error)
//	func (g *GeoPackage) Close() error
//	func (g *GeoPackage) Path() string
//	func (g *GeoPackage) Layers() []LayerInfo
//	func (g *GeoPackage) Layer(name string) (LayerInfo, error)
//	func (g *GeoPackage) Panden(layer string, rep *Report) (PandReader, error)
//	func (g *GeoPackage) Verblijfsobjecten(layer string, rep *Report) (VerblijfsobjectReader, error)
//	func (g *GeoPackage) Streets(layer string, rep *Report) (StreetReader, error)
//	func (g *GeoPackage) Features(layer string) (*GPKGFeatureReader, error) // Read(dst []Feature)
//	func ParseGPKGGeometry(b []byte) (GPKGHeader, []byte, error)           // header + WKB
//
// LayerInfo.Kind is LayoutPand, LayoutVerblijfsobject, LayoutStreet or
// LayoutOther, detected from the columns.

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// SkipNotALine counts street features whose geometry is not a line
// (e.g. BGT wegdeel surfaces): street readers hand out centrelines only.
const SkipNotALine = "not_a_line"

// Layout is the kind of records a GeoPackage layer holds, detected from its
// columns.
type Layout string

// Layouts a GeoPackage layer can have.
const (
	LayoutPand            Layout = "pand"            // BAG pand: identificatie + bouwjaar
	LayoutVerblijfsobject Layout = "verblijfsobject" // BAG vbo: identificatie + pand_identificatie
	LayoutStreet          Layout = "street"          // NWB wegvak / BGT wegdeel / road lines
	LayoutOther           Layout = "other"
)

// LayerInfo describes one feature layer of a GeoPackage.
type LayerInfo struct {
	Name           string    // table name
	GeometryColumn string    // e.g. "geom"
	GeometryType   string    // as declared: POLYGON, MULTIPOLYGON, POINT, ...
	SRSID          int       // gpkg srs_id
	Organization   string    // e.g. "EPSG"
	OrgCoordsysID  int       // e.g. 28992
	EPSG           int       // the EPSG code used, 0 when not EPSG
	Columns        []string  // every column, in table order
	Kind           Layout    // detected layout
	Bound          orb.Bound // extent from gpkg_contents (zero when absent)
}

// GeoPackage is a GeoPackage file opened read-only (SQLite mode=ro,
// immutable=1). Readers it returns stream rows from an SQL cursor; several
// readers may be open at once. A GeoPackage is safe for concurrent use;
// each reader is not.
type GeoPackage struct {
	path   string
	db     *sql.DB
	layers []LayerInfo
	meta   map[string]layerMeta // by table name, read once at open
	bound  *orb.Bound           // Within: rows outside are not read
	cols   ColumnMap            // WithColumns: the pand columns renamed
}

// layerMeta is what the readers ask of a layer's table besides its
// columns, looked up once when the file is opened rather than by two
// queries per reader (a batch opens a reader per buurt and layer).
type layerMeta struct {
	pk    string // the first primary key column; "" when none
	rtree bool   // the table rtree_<table>_<geometry column> exists
}

// WithColumns returns a view of g that reads pand layers through the
// column mapping m (see ColumnMap): the layers' layouts are detected
// again with the mapped names. The view shares g's connection.
func (g *GeoPackage) WithColumns(m ColumnMap) *GeoPackage {
	v := *g
	v.cols = m
	v.layers = slices.Clone(g.layers)
	for i := range v.layers {
		l := &v.layers[i]
		l.Kind = detectLayout(m.apply(l.Columns), l.GeometryType)
	}
	return &v
}

// Within returns a view of g whose readers hand out only the rows whose
// geometry's envelope meets b (EPSG:28992): through the layer's R-tree
// (rtree_<table>_<column>, the GeoPackage rtree extension) when it has
// one, so that a buurt is read from a national file without scanning it,
// else by a full scan that drops the rest (UsesIndex says which). Rows
// outside b are not read at all: they appear in no Report. The view
// shares g's connection; closing either closes both.
func (g *GeoPackage) Within(b orb.Bound) *GeoPackage {
	v := *g
	v.bound = &b
	return &v
}

// UsesIndex reports whether a Within view reads layer through its R-tree
// (an EPSG:28992 layer with an rtree_<table>_<column> table).
func (g *GeoPackage) UsesIndex(layer string) bool {
	l, err := g.Layer(layer)
	return err == nil && l.EPSG == EPSGRDNew && g.meta[l.Name].rtree
}

var sqliteMagic = []byte("SQLite format 3\x00")

// OpenGeoPackage opens the GeoPackage at path read-only and lists its
// feature layers. A file that is not SQLite is ErrUnknownFormat; a
// truncated or damaged one is ErrCorrupt; both as a *FeatureError naming
// the file.
func OpenGeoPackage(path string) (*GeoPackage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var head [16]byte
	_, err = io.ReadFull(f, head[:])
	f.Close()
	if err != nil || !bytes.Equal(head[:], sqliteMagic) {
		return nil, &FeatureError{File: path, Feature: -1, Err: fmt.Errorf("%w: not an SQLite/GeoPackage file", ErrUnknownFormat)}
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	db, err := sql.Open("sqlite3", "file:"+esc.Replace(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, gpkgCorrupt(path, "", -1, err)
	}
	// Keep a connection per goroutine that may read at once, so that a
	// GeoPackage shared by a batch's workers (Sources) is not connected
	// to again for every reader.
	db.SetMaxIdleConns(runtime.GOMAXPROCS(0) + 2)
	g := &GeoPackage{path: path, db: db, meta: map[string]layerMeta{}}
	if err := g.readLayers(); err != nil {
		db.Close()
		return nil, err
	}
	return g, nil
}

func gpkgCorrupt(file, layer string, feature int, err error) error {
	return &FeatureError{File: file, Layer: layer, Feature: feature, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
}

// Path returns the file the GeoPackage was opened from.
func (g *GeoPackage) Path() string { return g.path }

// Close closes the database. Readers must be closed first.
func (g *GeoPackage) Close() error { return g.db.Close() }

// Layers returns the feature layers in table-name order.
func (g *GeoPackage) Layers() []LayerInfo { return slices.Clone(g.layers) }

// Layer returns the layer called name, or an error wrapping ErrNoLayer
// that lists the layers there are.
func (g *GeoPackage) Layer(name string) (LayerInfo, error) {
	for _, l := range g.layers {
		if l.Name == name {
			return l, nil
		}
	}
	names := make([]string, len(g.layers))
	for i, l := range g.layers {
		names[i] = l.Name
	}
	return LayerInfo{}, &FeatureError{File: g.path, Layer: name, Feature: -1,
		Err: fmt.Errorf("%w (layers: %s)", ErrNoLayer, strings.Join(names, ", "))}
}

func (g *GeoPackage) readLayers() error {
	rows, err := g.db.Query(`SELECT c.table_name, gc.column_name, gc.geometry_type_name, gc.srs_id,
		COALESCE(s.organization, ''), COALESCE(s.organization_coordsys_id, -1),
		c.min_x, c.min_y, c.max_x, c.max_y
		FROM gpkg_contents c
		JOIN gpkg_geometry_columns gc ON gc.table_name = c.table_name
		LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = gc.srs_id
		WHERE c.data_type = 'features'
		ORDER BY c.table_name`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return &FeatureError{File: g.path, Feature: -1, Err: fmt.Errorf("%w: SQLite file without GeoPackage tables (%v)", ErrUnknownFormat, err)}
		}
		return gpkgCorrupt(g.path, "", -1, err)
	}
	defer rows.Close()
	for rows.Next() {
		var l LayerInfo
		var minx, miny, maxx, maxy sql.NullFloat64
		if err := rows.Scan(&l.Name, &l.GeometryColumn, &l.GeometryType, &l.SRSID,
			&l.Organization, &l.OrgCoordsysID, &minx, &miny, &maxx, &maxy); err != nil {
			return gpkgCorrupt(g.path, "", -1, err)
		}
		if minx.Valid && miny.Valid && maxx.Valid && maxy.Valid {
			l.Bound = orb.Bound{Min: orb.Point{minx.Float64, miny.Float64}, Max: orb.Point{maxx.Float64, maxy.Float64}}
		}
		if strings.EqualFold(l.Organization, "EPSG") && l.OrgCoordsysID > 0 {
			l.EPSG = l.OrgCoordsysID
		}
		g.layers = append(g.layers, l)
	}
	if err := rows.Err(); err != nil {
		return gpkgCorrupt(g.path, "", -1, err)
	}
	if len(g.layers) == 0 {
		return nil
	}
	tables, err := g.tables()
	if err != nil {
		return err
	}
	for i := range g.layers {
		l := &g.layers[i]
		cols, pk, err := g.columns(l.Name)
		if err != nil {
			return err
		}
		l.Columns = cols
		l.Kind = detectLayout(cols, l.GeometryType)
		g.meta[l.Name] = layerMeta{pk: pk, rtree: tables["rtree_"+l.Name+"_"+l.GeometryColumn]}
	}
	return nil
}

// tables returns the names of the file's tables (virtual ones, such as
// the R-trees, included).
func (g *GeoPackage) tables() (map[string]bool, error) {
	rows, err := g.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return nil, gpkgCorrupt(g.path, "", -1, err)
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, gpkgCorrupt(g.path, "", -1, err)
		}
		names[n] = true
	}
	if err := rows.Err(); err != nil {
		return nil, gpkgCorrupt(g.path, "", -1, err)
	}
	return names, nil
}

// columns returns a table's columns in table order and its first
// primary key column ("" when none).
func (g *GeoPackage) columns(table string) ([]string, string, error) {
	rows, err := g.db.Query(`SELECT name, pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, "", gpkgCorrupt(g.path, table, -1, err)
	}
	defer rows.Close()
	var cols []string
	pk, pkAt := "", 0
	for rows.Next() {
		var c string
		var at int
		if err := rows.Scan(&c, &at); err != nil {
			return nil, "", gpkgCorrupt(g.path, table, -1, err)
		}
		cols = append(cols, c)
		if at > 0 && (pkAt == 0 || at < pkAt) {
			pk, pkAt = c, at
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", gpkgCorrupt(g.path, table, -1, err)
	}
	if len(cols) == 0 {
		return nil, "", &FeatureError{File: g.path, Layer: table, Feature: -1, Err: fmt.Errorf("%w: layer listed in gpkg_contents has no table", ErrCorrupt)}
	}
	return cols, pk, nil
}

// Column names read for each layout, first match wins (case-insensitive).
var (
	colID         = []string{"identificatie", "pand_id", "bag_id", "id"}
	colBouwjaar   = []string{"bouwjaar", "oorspronkelijkbouwjaar", "oorspronkelijk_bouwjaar"}
	colStatus     = []string{"status", "pandstatus"}
	colDoel       = []string{"gebruiksdoel", "gebruiksdoelen"}
	colOppMin     = []string{"oppervlakte_min"}
	colOppMax     = []string{"oppervlakte_max"}
	colOpp        = []string{"oppervlakte", "oppervlakte_totaal", "floor_area_m2"}
	colAantalVBO  = []string{"aantal_verblijfsobjecten", "aantal_vbo", "dwellings"}
	colLevels     = []string{"bouwlagen", "storeys"}
	colBType      = []string{"building_type"}
	colRegistered = []string{"tijdstipregistratie", "begingeldigheid", "documentdatum", "registratiedatum"}
	colPandID     = []string{"pand_identificatie", "pandidentificatie", "pandref"}
	colStreetID   = []string{"wvk_id", "lokaalid", "identificatie", "gml_id", "id"}
	colStreetName = []string{"stt_naam", "straatnaam", "openbareruimtenaam", "naam", "name"}
	colStreetCls  = []string{"bst_code", "bgt_functie", "functie", "function", "wegbehsrt", "highway"}
	// Columns whose presence alone marks a road layer.
	colRoadMarks = []string{"wvk_id", "stt_naam", "bst_code", "wegbehsrt", "bgt_functie", "functie", "function", "highway"}
)

func findColumn(cols []string, names []string) string {
	for _, n := range names {
		for _, c := range cols {
			if strings.EqualFold(c, n) {
				return c
			}
		}
	}
	return ""
}

// MissingPandColumns names the columns a layer lacks to be read as BAG
// panden (the pand layout needs identificatie and a bouwjaar column); nil
// when it has them. Each name lists the spellings accepted.
func MissingPandColumns(cols []string) []string {
	var out []string
	for _, need := range [][]string{colID, colBouwjaar} {
		if findColumn(cols, need) == "" {
			out = append(out, strings.Join(need, " or "))
		}
	}
	return out
}

// detectLayout decides what a layer holds from its columns (the table name
// is not used: PDOK extracts are often renamed, e.g. bag_pand_kerk).
func detectLayout(cols []string, geomType string) Layout {
	gt := strings.ToUpper(geomType)
	has := func(names []string) bool { return findColumn(cols, names) != "" }
	switch {
	case has([]string{"identificatie"}) && has(colPandID):
		return LayoutVerblijfsobject
	case has([]string{"identificatie"}) && has(colBouwjaar):
		return LayoutPand
	case has(colID) && has(colBouwjaar) && strings.Contains(gt, "POLYGON"):
		// wijkwarmte's own wijkwarmte.gpkg (id, bouwjaar) and other pand
		// tables that name the BAG id otherwise.
		return LayoutPand
	case has(colRoadMarks) || strings.Contains(gt, "LINESTRING") || gt == "CURVE" || gt == "MULTICURVE":
		return LayoutStreet
	}
	return LayoutOther
}

// GPKGHeader is the GeoPackage binary geometry header (GeoPackage 1.3
// clause 2.1.3).
type GPKGHeader struct {
	Version  byte
	SRSID    int32
	Empty    bool
	Envelope []float64 // minx, maxx, miny, maxy[, minz, maxz][, minm, maxm]; nil when absent
}

// ParseGPKGGeometry parses a GeoPackage geometry blob: magic "GP", version,
// flags (byte order of the header, envelope kind 0-4, empty flag, extended
// flag), srs_id and envelope, and returns the header and the WKB that
// follows (a subslice of b). Extended (non-standard) geometries are
// refused. Errors wrap ErrGeometry. O(1); safe for concurrent use.
func ParseGPKGGeometry(b []byte) (GPKGHeader, []byte, error) {
	var h GPKGHeader
	if len(b) < 8 {
		return h, nil, fmt.Errorf("%w: geopackage geometry of %d bytes is shorter than its header", ErrGeometry, len(b))
	}
	if b[0] != 'G' || b[1] != 'P' {
		return h, nil, fmt.Errorf("%w: geopackage geometry without GP magic (starts % x)", ErrGeometry, b[:2])
	}
	h.Version = b[2]
	flags := b[3]
	if flags&0x20 != 0 {
		return h, nil, fmt.Errorf("%w: extended geopackage geometry is not supported", ErrGeometry)
	}
	h.Empty = flags&0x10 != 0
	var order binary.ByteOrder = binary.BigEndian
	if flags&1 != 0 {
		order = binary.LittleEndian
	}
	h.SRSID = int32(order.Uint32(b[4:8]))
	var n int
	switch env := (flags >> 1) & 7; env {
	case 0:
	case 1:
		n = 4
	case 2, 3:
		n = 6
	case 4:
		n = 8
	default:
		return h, nil, fmt.Errorf("%w: geopackage envelope indicator %d is invalid", ErrGeometry, env)
	}
	off := 8 + 8*n
	if len(b) < off {
		return h, nil, fmt.Errorf("%w: geopackage geometry truncated in its envelope", ErrGeometry)
	}
	if n > 0 {
		h.Envelope = make([]float64, n)
		for i := range h.Envelope {
			h.Envelope[i] = math.Float64frombits(order.Uint64(b[8+8*i:]))
		}
	}
	return h, b[off:], nil
}

// skipGPKGHeader is ParseGPKGGeometry without the envelope copy, for the
// hot path.
func skipGPKGHeader(b []byte) (wkb []byte, empty bool, err error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' || b[3]&0x20 != 0 {
		_, _, err = ParseGPKGGeometry(b)
		if err == nil {
			err = fmt.Errorf("%w: bad geopackage geometry", ErrGeometry)
		}
		return nil, false, err
	}
	flags := b[3]
	var n int
	switch (flags >> 1) & 7 {
	case 0:
	case 1:
		n = 4
	case 2, 3:
		n = 6
	case 4:
		n = 8
	default:
		_, _, err = ParseGPKGGeometry(b)
		return nil, false, err
	}
	off := 8 + 8*n
	if len(b) < off {
		return nil, false, fmt.Errorf("%w: geopackage geometry truncated in its envelope", ErrGeometry)
	}
	return b[off:], flags&0x10 != 0, nil
}

// gpkgCursor is the part shared by the typed readers: the SQL cursor, the
// CRS transform, the feature index and error location.
type gpkgCursor struct {
	file  string
	layer string
	rows  *sql.Rows
	tr    *Transformer // nil for EPSG:28992
	index int          // index of the row last read
	idCol int          // select-list index of the feature's id, -1 for none
	bound *orb.Bound   // rows whose geometry misses it are passed over
	rep   *Report
	done  bool
}

// openCursor checks the layer's CRS and starts a query of the given
// select-list expressions (column names or NULL).
func (g *GeoPackage) openCursor(layer string, exprs []string, rep *Report) (*gpkgCursor, LayerInfo, error) {
	l, err := g.Layer(layer)
	if err != nil {
		return nil, l, err
	}
	c := &gpkgCursor{file: g.path, layer: layer, index: -1, idCol: -1, rep: rep}
	if c.rep == nil {
		c.rep = &Report{}
	}
	switch l.EPSG {
	case EPSGRDNew:
	case EPSGWGS84:
		tr, err := NewTransformer(EPSGWGS84)
		if err != nil {
			return nil, l, &FeatureError{File: g.path, Layer: layer, Feature: -1, Err: err}
		}
		c.tr = tr
	default:
		return nil, l, &FeatureError{File: g.path, Layer: layer, Feature: -1,
			Err: fmt.Errorf("%w: srs_id %d (%s:%d); want EPSG:28992 or EPSG:4326", ErrCRS, l.SRSID, l.Organization, l.OrgCoordsysID)}
	}
	q := "SELECT " + strings.Join(exprs, ", ") + " FROM " + quoteIdent(layer)
	var args []any
	if b := g.bound; b != nil {
		c.bound = b
		if pk := g.meta[l.Name].pk; pk != "" && g.UsesIndex(layer) {
			q += " WHERE " + quoteIdent(pk) + " IN (SELECT id FROM " + quoteIdent("rtree_"+l.Name+"_"+l.GeometryColumn) +
				" WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)"
			args = []any{b.Max[0], b.Min[0], b.Max[1], b.Min[1]}
		}
	}
	rows, err := g.db.Query(q, args...)
	if err != nil {
		c.close()
		return nil, l, gpkgCorrupt(g.path, layer, -1, err)
	}
	c.rows = rows
	return c, l, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// selectExpr returns the quoted column of cols that m reads as one of
// names (see ColumnMap.apply), or NULL when there is none.
func (m ColumnMap) selectExpr(cols []string, names []string) string {
	mapped := m.apply(cols)
	if c := findColumn(mapped, names); c != "" {
		return quoteIdent(cols[slices.Index(mapped, c)])
	}
	return "NULL"
}

// selectExpr returns the quoted column or NULL when the layer lacks it.
func selectExpr(cols []string, names []string) string {
	if c := findColumn(cols, names); c != "" {
		return quoteIdent(c)
	}
	return "NULL"
}

// next advances the cursor; false at the end or on error (c.err).
func (c *gpkgCursor) next() (bool, error) {
	if c.done {
		return false, io.EOF
	}
	if !c.rows.Next() {
		c.done = true
		if err := c.rows.Err(); err != nil {
			return false, gpkgCorrupt(c.file, c.layer, c.index+1, err)
		}
		return false, io.EOF
	}
	c.index++
	return true, nil
}

func (c *gpkgCursor) scan(dest ...any) error {
	if err := c.rows.Scan(dest...); err != nil {
		c.done = true
		return c.scanError(err, len(dest))
	}
	return nil
}

// scanError turns a failed conversion of a row into an error that names
// the feature's id and the column and value at fault, instead of
// database/sql's own text: the row is scanned again as raw bytes, which
// cannot fail.
func (c *gpkgCursor) scanError(err error, n int) error {
	raw := make([]sql.RawBytes, n)
	ptrs := make([]any, n)
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if c.rows.Scan(ptrs...) != nil {
		return gpkgCorrupt(c.file, c.layer, c.index, err)
	}
	fe := &FeatureError{File: c.file, Layer: c.layer, Feature: c.index}
	if c.idCol >= 0 && c.idCol < n {
		fe.ID = normID(raw[c.idCol])
	}
	col := -1
	fmt.Sscanf(err.Error(), "sql: Scan error on column index %d", &col)
	names, _ := c.rows.Columns()
	if col < 0 || col >= n || col >= len(names) {
		fe.Err = fmt.Errorf("%w: %v", ErrCorrupt, err)
		return fe
	}
	val := string(raw[col])
	if len(val) > 40 {
		val = val[:40] + "..."
	}
	fe.Err = fmt.Errorf("%w: column %s holds %q, not a number", ErrCorrupt, names[col], val)
	return fe
}

// geometry decodes a GeoPackage geometry blob and brings it to RD New. A
// NULL or empty geometry is nil.
func (c *gpkgCursor) geometry(blob []byte, id string) (orb.Geometry, error) {
	g, err := c.decode(blob, id)
	if err == nil && g != nil && c.bound != nil && !c.bound.Intersects(g.Bound()) {
		return nil, errOutside
	}
	return g, err
}

// errOutside marks a row of a Within view whose geometry misses the
// bound: the readers pass over it without counting it.
var errOutside = errors.New("geodata: outside the bound")

func (c *gpkgCursor) decode(blob []byte, id string) (orb.Geometry, error) {
	if len(blob) == 0 {
		return nil, nil
	}
	wkb, empty, err := skipGPKGHeader(blob)
	if err == nil && !empty {
		var g orb.Geometry
		g, err = DecodeWKB(wkb)
		if err == nil {
			g, err = toRD(c.tr, g)
		}
		if err == nil {
			return g, nil
		}
	}
	if err != nil {
		return nil, &FeatureError{File: c.file, Layer: c.layer, Feature: c.index, ID: id, Err: err}
	}
	return nil, nil
}

func (c *gpkgCursor) close() error {
	var err error
	if c.rows != nil {
		err = c.rows.Close()
	}
	if c.tr != nil {
		c.tr.Close()
		c.tr = nil
	}
	return err
}

// interner shares the strings of a column with few distinct values
// (status, gebruiksdoel) so that reading them does not allocate per row.
// It holds at most maxInterned entries.
type interner map[string]string

const maxInterned = 256

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in) < maxInterned {
		in[s] = s
	}
	return s
}

// splitUses splits a comma-joined gebruiksdoel list ("woonfunctie,
// kantoorfunctie") into interned, trimmed values, appended to dst.
func (in interner) splitUses(dst []string, b []byte) []string {
	for len(b) > 0 {
		part := b
		if i := bytes.IndexByte(b, ','); i >= 0 {
			part, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		part = bytes.TrimSpace(part)
		if len(part) > 0 {
			dst = append(dst, in.get(part))
		}
	}
	return dst
}

// parseTime reads a registration time as written by PDOK / GDAL: RFC 3339,
// "2006-01-02 15:04:05", "2006-01-02" or YYYYMMDD. Zero when unparseable.
func parseTime(b []byte) time.Time {
	s := string(bytes.TrimSpace(b))
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// normID returns the 16-digit form of a BAG id, or the trimmed raw value
// when it is not a valid id (the Validator then counts it under SkipNoID).
func normID(raw []byte) string {
	if id, err := normalizeBAGIDBytes(raw); err == nil {
		return id
	}
	return string(bytes.TrimSpace(raw))
}

// gpkgPandReader reads a pand layout layer; see GeoPackage.Panden.
type gpkgPandReader struct {
	c        *gpkgCursor
	intern   interner
	blob     sql.RawBytes
	id, st   sql.RawBytes
	doel     sql.RawBytes
	reg      sql.RawBytes
	bouwjaar sql.RawBytes // a number; text that is not one is SkipBouwjaarNotAYear
	oppMin   sql.NullFloat64
	oppMax   sql.NullFloat64
	opp      sql.NullFloat64
	aantal   sql.NullInt64
	levels   sql.NullInt64
	btype    sql.RawBytes
	// the layer has no status or gebruiksdoel column: each pand is
	// counted under RepairNoStatusColumn / RepairNoUseColumn
	noStatus, noUse bool
}

// Panden streams the panden of a layer with the BAG pand layout (PDOK:
// identificatie, bouwjaar or oorspronkelijkbouwjaar, status, gebruiksdoel
// comma-joined, oppervlakte_min/max, aantal_verblijfsobjecten, a polygon
// geometry; optional tijdstipregistratie/begingeldigheid/documentdatum as
// Registered). Ids are normalised to 16 digits where valid. OppervlakteM2
// is a column "oppervlakte" when present, else an estimate from the PDOK
// per-verblijfsobject min and max: aantal*(min+max)/2 (exact for one or two
// verblijfsobjecten). A MultiPolygon geometry of one part becomes its
// polygon; one of several parts keeps the largest (counted under Repair
// RepairLargestPart). Rows whose geometry is NULL/empty or not a
// polygon are counted in rep as read and skipped (SkipNoGeometry,
// SkipNotAPolygon) and not handed out, the others as read and used, so that
// rep.Read counts every row; a geometry that does not decode is a
// *FeatureError. rep may be nil.
//
// The layer's CRS must be EPSG:28992 or EPSG:4326 (transformed with PROJ);
// anything else is an ErrCRS error naming the file and srs. Each pand costs
// a few small allocations (id, footprint); memory does not grow with the
// number of rows.
func (g *GeoPackage) Panden(layer string, rep *Report) (PandReader, error) {
	l, err := g.Layer(layer)
	if err != nil {
		return nil, err
	}
	if l.Kind != LayoutPand {
		why := "it reads as the " + string(l.Kind) + " layout"
		if m := MissingPandColumns(g.cols.apply(l.Columns)); len(m) > 0 {
			why = "missing column " + strings.Join(m, ", ")
		}
		return nil, &FeatureError{File: g.path, Layer: layer, Feature: -1,
			Err: fmt.Errorf("%w: not a BAG pand layer: %s (columns %s)", ErrColumns, why, strings.Join(l.Columns, ", "))}
	}
	sel := func(names []string) string { return g.cols.selectExpr(l.Columns, names) }
	exprs := []string{quoteIdent(l.GeometryColumn), sel(colID), sel(colBouwjaar),
		sel(colStatus), sel(colDoel), sel(colOppMin),
		sel(colOppMax), sel(colOpp), sel(colAantalVBO),
		sel(colRegistered), sel(colLevels), sel(colBType)}
	c, _, err := g.openCursor(layer, exprs, rep)
	if err != nil {
		return nil, err
	}
	c.idCol = 1
	return &gpkgPandReader{c: c, intern: interner{}, noStatus: exprs[3] == "NULL", noUse: exprs[4] == "NULL"}, nil
}

func (r *gpkgPandReader) Close() error { return r.c.close() }

func (r *gpkgPandReader) Read(dst []Pand) (int, error) {
	n := 0
	for n < len(dst) {
		ok, err := r.c.next()
		if !ok {
			return n, err
		}
		if err := r.c.scan(&r.blob, &r.id, &r.bouwjaar, &r.st, &r.doel, &r.oppMin, &r.oppMax, &r.opp, &r.aantal, &r.reg, &r.levels, &r.btype); err != nil {
			return n, err
		}
		p := &dst[n]
		*p = Pand{ID: normID(r.id)}
		g, err := r.c.geometry(r.blob, p.ID)
		if err == errOutside {
			continue
		}
		if err != nil {
			return n, err
		}
		poly, reason := asPolygon(g, r.c.rep)
		if reason != "" {
			r.c.rep.Read++
			r.c.rep.Skip(reason)
			continue
		}
		if s := bytes.TrimSpace(r.bouwjaar); len(s) > 0 {
			y, err := strconv.ParseFloat(string(s), 64)
			if err != nil || y != math.Trunc(y) || math.Abs(y) > 1e9 {
				r.c.rep.Read++
				r.c.rep.Skip(SkipBouwjaarNotAYear)
				continue
			}
			p.Bouwjaar = int(y)
		}
		p.Footprint = poly
		p.Status = r.intern.get(bytes.TrimSpace(r.st))
		if len(r.doel) > 0 {
			p.Gebruiksdoel = r.intern.splitUses(make([]string, 0, 1+bytes.Count(r.doel, []byte{','})), r.doel)
		}
		if r.aantal.Valid {
			p.Verblijfsobjecten = int(r.aantal.Int64)
		}
		switch {
		case r.opp.Valid:
			p.OppervlakteM2 = r.opp.Float64
		case r.oppMin.Valid && r.oppMax.Valid && p.Verblijfsobjecten > 0:
			p.OppervlakteM2 = float64(p.Verblijfsobjecten) * (r.oppMin.Float64 + r.oppMax.Float64) / 2
		}
		if len(r.reg) > 0 {
			p.Registered = parseTime(r.reg)
		}
		if r.levels.Valid && r.levels.Int64 > 0 && r.levels.Int64 < 1000 {
			p.Levels = int(r.levels.Int64)
		}
		p.BuildingType = r.intern.get(bytes.TrimSpace(r.btype))
		if r.noStatus {
			r.c.rep.Repair(RepairNoStatusColumn)
		}
		if r.noUse {
			r.c.rep.Repair(RepairNoUseColumn)
		}
		r.c.rep.Read++ // every row counts: Read == Used + sum(Skipped)
		r.c.rep.Used++
		n++
	}
	return n, nil
}

// asPolygon turns a decoded footprint into a polygon, or names the skip
// reason. A multipolygon keeps its largest part (counted in rep).
func asPolygon(g orb.Geometry, rep *Report) (orb.Polygon, string) {
	switch g := g.(type) {
	case nil:
		return nil, SkipNoGeometry
	case orb.Polygon:
		if len(g) == 0 || len(g[0]) == 0 {
			return nil, SkipNoGeometry
		}
		return g, ""
	case orb.MultiPolygon:
		switch len(g) {
		case 0:
			return nil, SkipNoGeometry
		case 1:
			return asPolygon(g[0], rep)
		}
		rep.Repair(RepairLargestPart)
		return largestPolygon(g), ""
	case orb.MultiPoint:
		if len(g) == 0 {
			return nil, SkipNoGeometry
		}
	case orb.Collection:
		if len(g) == 0 {
			return nil, SkipNoGeometry
		}
	}
	return nil, SkipNotAPolygon
}

// largestPolygon returns the part of mp with the largest area (holes
// subtracted).
func largestPolygon(mp orb.MultiPolygon) orb.Polygon {
	best, bestA := 0, -1.0
	for i, p := range mp {
		if a := planar.Area(p); a > bestA {
			best, bestA = i, a
		}
	}
	return mp[best]
}

// gpkgVBOReader reads a verblijfsobject layout layer.
type gpkgVBOReader struct {
	c        *gpkgCursor
	intern   interner
	blob     sql.RawBytes
	id, pand sql.RawBytes
	doel, st sql.RawBytes
	opp      sql.NullFloat64
}

// Verblijfsobjecten streams the verblijfsobjecten of a layer with the BAG
// verblijfsobject layout (identificatie, pand_identificatie, gebruiksdoel,
// oppervlakte, status, a point geometry). Ids are normalised to 16 digits
// where valid; a comma-joined pand_identificatie keeps its first id. A
// one-point MultiPoint becomes its point. Rows without a point geometry are
// counted in rep (SkipNoGeometry, SkipNotAPolygon is not used: a polygon
// is reduced to its centroid and counted under Repair "centroid"). CRS
// rules as for Panden. rep may be nil.
func (g *GeoPackage) Verblijfsobjecten(layer string, rep *Report) (VerblijfsobjectReader, error) {
	l, err := g.Layer(layer)
	if err != nil {
		return nil, err
	}
	if l.Kind != LayoutVerblijfsobject {
		return nil, &FeatureError{File: g.path, Layer: layer, Feature: -1,
			Err: fmt.Errorf("%w: layer has the %s layout, not a BAG verblijfsobject layout (columns %s)", ErrColumns, l.Kind, strings.Join(l.Columns, ", "))}
	}
	cols := l.Columns
	exprs := []string{quoteIdent(l.GeometryColumn), selectExpr(cols, []string{"identificatie"}),
		selectExpr(cols, colPandID), selectExpr(cols, colDoel), selectExpr(cols, colOpp), selectExpr(cols, colStatus)}
	c, _, err := g.openCursor(layer, exprs, rep)
	if err != nil {
		return nil, err
	}
	c.idCol = 1
	return &gpkgVBOReader{c: c, intern: interner{}}, nil
}

func (r *gpkgVBOReader) Close() error { return r.c.close() }

func (r *gpkgVBOReader) Read(dst []Verblijfsobject) (int, error) {
	n := 0
	for n < len(dst) {
		ok, err := r.c.next()
		if !ok {
			return n, err
		}
		if err := r.c.scan(&r.blob, &r.id, &r.pand, &r.doel, &r.opp, &r.st); err != nil {
			return n, err
		}
		v := &dst[n]
		*v = Verblijfsobject{ID: normID(r.id)}
		g, err := r.c.geometry(r.blob, v.ID)
		if err == errOutside {
			continue
		}
		if err != nil {
			return n, err
		}
		switch pt := g.(type) {
		case orb.Point:
			v.Point = pt
		case orb.MultiPoint:
			if len(pt) == 0 {
				r.c.rep.Read++
				r.c.rep.Skip(SkipNoGeometry)
				continue
			}
			v.Point = pt[0]
			if len(pt) > 1 {
				r.c.rep.Repair("multipoint_first_kept")
			}
		case nil:
			r.c.rep.Read++
			r.c.rep.Skip(SkipNoGeometry)
			continue
		default:
			v.Point, _ = planar.CentroidArea(g)
			r.c.rep.Repair("centroid")
		}
		pand := r.pand
		if i := bytes.IndexByte(pand, ','); i >= 0 {
			pand = pand[:i]
		}
		if len(bytes.TrimSpace(pand)) > 0 {
			v.PandID = normID(pand)
		}
		if len(r.doel) > 0 {
			v.Gebruiksdoel = r.intern.splitUses(make([]string, 0, 1+bytes.Count(r.doel, []byte{','})), r.doel)
		}
		if r.opp.Valid {
			v.OppervlakteM2 = r.opp.Float64
		}
		v.Status = r.intern.get(bytes.TrimSpace(r.st))
		r.c.rep.Read++ // every row counts: Read == Used + sum(Skipped)
		r.c.rep.Used++
		n++
	}
	return n, nil
}

// gpkgStreetReader reads a road line layer.
type gpkgStreetReader struct {
	c        *gpkgCursor
	intern   interner
	fid      sql.NullInt64
	blob     sql.RawBytes
	id, name sql.RawBytes
	cls      sql.RawBytes
	pending  []Street // parts of a multilinestring not yet handed out
}

// Streets streams road centrelines from a line layer: NWB wegvakken
// (ID wvk_id, Name stt_naam, Class bst_code, else wegbehsrt), BGT
// wegdeel-style layers (ID lokaalid/identificatie/gml_id, Class
// bgt_functie/functie/function) or any layer with those columns or a line
// geometry (ID falls back to the row's fid when no id column exists).
// Lookup is case-insensitive, first match in the order listed. A
// MultiLineString hands out one Street per part, all with the row's id.
// Rows that are not lines (BGT wegdeel surfaces) are counted in rep under
// SkipNotALine; rows without geometry under SkipNoGeometry. CRS rules as
// for Panden. rep may be nil.
func (g *GeoPackage) Streets(layer string, rep *Report) (StreetReader, error) {
	l, err := g.Layer(layer)
	if err != nil {
		return nil, err
	}
	cols := l.Columns
	fid := "NULL"
	if pk := g.meta[l.Name].pk; pk != "" {
		fid = quoteIdent(pk)
	}
	exprs := []string{fid, quoteIdent(l.GeometryColumn), selectExpr(cols, colStreetID),
		selectExpr(cols, colStreetName), selectExpr(cols, colStreetCls)}
	c, _, err := g.openCursor(layer, exprs, rep)
	if err != nil {
		return nil, err
	}
	return &gpkgStreetReader{c: c, intern: interner{}}, nil
}

func (r *gpkgStreetReader) Close() error { return r.c.close() }

func (r *gpkgStreetReader) Read(dst []Street) (int, error) {
	n := 0
	for n < len(dst) {
		if len(r.pending) > 0 {
			dst[n] = r.pending[0]
			r.pending = r.pending[1:]
			n++
			continue
		}
		ok, err := r.c.next()
		if !ok {
			return n, err
		}
		if err := r.c.scan(&r.fid, &r.blob, &r.id, &r.name, &r.cls); err != nil {
			return n, err
		}
		s := Street{ID: string(bytes.TrimSpace(r.id))}
		if s.ID == "" && r.fid.Valid {
			s.ID = strconv.FormatInt(r.fid.Int64, 10)
		}
		s.Name = r.intern.get(bytes.TrimSpace(r.name))
		s.Class = r.intern.get(bytes.TrimSpace(r.cls))
		g, err := r.c.geometry(r.blob, s.ID)
		if err == errOutside {
			continue
		}
		if err != nil {
			return n, err
		}
		switch g := g.(type) {
		case orb.LineString:
			if len(g) < 2 {
				r.c.rep.Read++
				r.c.rep.Skip(SkipNoGeometry)
				continue
			}
			s.Line = g
			dst[n] = s
			n++
		case orb.MultiLineString:
			for _, ls := range g {
				if len(ls) < 2 {
					continue
				}
				part := s
				part.Line = ls
				r.pending = append(r.pending, part)
			}
			if len(r.pending) == 0 {
				r.c.rep.Read++
				r.c.rep.Skip(SkipNoGeometry)
			}
		case nil:
			r.c.rep.Read++
			r.c.rep.Skip(SkipNoGeometry)
		default:
			r.c.rep.Read++
			r.c.rep.Skip(SkipNotALine)
		}
	}
	return n, nil
}

// GPKGFeatureReader streams the rows of any GeoPackage feature layer as
// Features: the geometry (in EPSG:28992) and every other column in
// Properties, as SQLite returns it (int64, float64, string, []byte or nil).
// Not safe for concurrent use.
type GPKGFeatureReader struct {
	c       *gpkgCursor
	cols    []string // property columns (without the geometry column)
	vals    []any
	ptrs    []any
	geomCol int
}

// Features streams every row of layer as a generic Feature. CRS rules as
// for Panden. Allocates a Properties map per feature.
func (g *GeoPackage) Features(layer string) (*GPKGFeatureReader, error) {
	l, err := g.Layer(layer)
	if err != nil {
		return nil, err
	}
	exprs := make([]string, len(l.Columns))
	r := &GPKGFeatureReader{geomCol: -1}
	for i, c := range l.Columns {
		exprs[i] = quoteIdent(c)
		if strings.EqualFold(c, l.GeometryColumn) {
			r.geomCol = i
		}
	}
	if r.geomCol < 0 {
		return nil, &FeatureError{File: g.path, Layer: layer, Feature: -1, Err: fmt.Errorf("%w: geometry column %q missing", ErrColumns, l.GeometryColumn)}
	}
	c, _, err := g.openCursor(layer, exprs, nil)
	if err != nil {
		return nil, err
	}
	r.c = c
	r.cols = l.Columns
	r.vals = make([]any, len(l.Columns))
	r.ptrs = make([]any, len(l.Columns))
	for i := range r.vals {
		r.ptrs[i] = &r.vals[i]
	}
	return r, nil
}

// Close ends the query.
func (r *GPKGFeatureReader) Close() error { return r.c.close() }

// Read fills dst with up to len(dst) features; 0, io.EOF at the end. A
// geometry that does not decode is a *FeatureError; a NULL geometry gives
// a Feature with a nil Geometry. Feature.ID is the "identificatie" (or
// "id", "fid") column when present.
func (r *GPKGFeatureReader) Read(dst []Feature) (int, error) {
	n := 0
	for n < len(dst) {
		ok, err := r.c.next()
		if !ok {
			return n, err
		}
		if err := r.c.scan(r.ptrs...); err != nil {
			return n, err
		}
		f := Feature{Properties: make(map[string]any, len(r.cols)-1)}
		for i, c := range r.cols {
			if i == r.geomCol {
				continue
			}
			v := r.vals[i]
			if b, ok := v.([]byte); ok {
				v = slices.Clone(b)
			}
			f.Properties[c] = v
		}
		for _, k := range []string{"identificatie", "id", "fid"} {
			if v, ok := f.Properties[k]; ok && v != nil {
				f.ID = fmt.Sprint(v)
				break
			}
		}
		blob, _ := r.vals[r.geomCol].([]byte)
		g, err := r.c.geometry(blob, f.ID)
		if err == errOutside {
			continue
		}
		if err != nil {
			return n, err
		}
		f.Geometry = g
		dst[n] = f
		n++
	}
	return n, nil
}

// PandCount is what CountPanden found in a pand layer or file, without
// decoding a footprint: Rows is every record; WithoutGeometry the records
// with no footprint at all (a NULL geometry, or a GeoPackage geometry
// flagged empty). Those never lie in an area's bound, so a batch reads
// them in no buurt and counts them skipped under SkipNoGeometry rather
// than outside every buurt.
type PandCount struct {
	Rows            int
	WithoutGeometry int
}

// CountPanden counts the rows of the pand layer (layer, or the first layer
// with the pand layout): every pand of the file, and those without a
// footprint, for a batch's nothing-lost account. false when there is no
// such layer. The count reads the fourth byte of each geometry blob (the
// GeoPackage flags: bit 4 is the empty flag), one pass over the table.
func (g *GeoPackage) CountPanden(layer string) (PandCount, bool) {
	name := layer
	if name == "" {
		for _, l := range g.layers {
			if l.Kind == LayoutPand {
				name = l.Name
				break
			}
		}
	}
	li, err := g.Layer(name)
	if err != nil {
		return PandCount{}, false
	}
	rows, err := g.db.Query(`SELECT hex(substr(` + quoteIdent(li.GeometryColumn) + `, 4, 1)), count(*) FROM ` +
		quoteIdent(name) + ` GROUP BY 1`)
	if err != nil {
		return PandCount{}, false
	}
	defer rows.Close()
	var c PandCount
	for rows.Next() {
		var flags string
		var n int
		if err := rows.Scan(&flags, &n); err != nil {
			return PandCount{}, false
		}
		c.Rows += n
		if b, err := strconv.ParseUint(flags, 16, 8); err != nil || b&0x10 != 0 {
			c.WithoutGeometry += n // NULL (hex gives ""), too short, or flagged empty
		}
	}
	if rows.Err() != nil {
		return PandCount{}, false
	}
	return c, true
}
