package gpkgfixture

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"
	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Writer adds panden to a new GeoPackage in one transaction.
type Writer struct {
	db   *sql.DB
	tx   *sql.Tx
	stmt *sql.Stmt
	blob []byte
	srs  int
	b    orb.Bound
	n    int
	name string
}

// Create makes a new GeoPackage at path (which must not exist) with one
// pand layer in srsID (28992, 4326 or any other code, for CRS tests).
func Create(path, layer string, srsID int) (*Writer, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=OFF&_synchronous=OFF")
	if err != nil {
		return nil, err
	}
	q := func(s string, args ...any) {
		if err == nil {
			_, err = db.Exec(s, args...)
		}
	}
	q(`PRAGMA application_id = 1196444487`) // "GPKG"
	q(`PRAGMA user_version = 10300`)
	q(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
		organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`)
	q(`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
		('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL)`)
	q(`INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, 'undefined', NULL)`, fmt.Sprintf("EPSG:%d", srsID), srsID, srsID)
	q(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
		description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
		min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`)
	q(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
		srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name))`)
	ident := `"` + strings.ReplaceAll(layer, `"`, `""`) + `"`
	q(`CREATE TABLE ` + ident + ` (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POLYGON, bouwjaar REAL, status TEXT,
		gebruiksdoel TEXT, oppervlakte_min REAL, oppervlakte_max REAL, aantal_verblijfsobjecten INTEGER, identificatie TEXT)`)
	q(`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)`, layer, layer, srsID)
	q(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POLYGON', ?, 0, 0)`, layer, srsID)
	if err != nil {
		db.Close()
		return nil, err
	}
	w := &Writer{db: db, srs: srsID, name: layer}
	if w.tx, err = db.Begin(); err == nil {
		w.stmt, err = w.tx.Prepare(`INSERT INTO ` + ident + ` (geom, bouwjaar, status, gebruiksdoel, oppervlakte_min,
			oppervlakte_max, aantal_verblijfsobjecten, identificatie) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return w, nil
}

// Geometry returns the GeoPackage binary of g: header with an xy envelope
// and srs, then 2D WKB, appended to dst.
func Geometry(dst []byte, srs int, g orb.Geometry) []byte {
	b := g.Bound()
	dst = append(dst, 'G', 'P', 0, 1|1<<1) // little endian, xy envelope
	dst = binary.LittleEndian.AppendUint32(dst, uint32(int32(srs)))
	for _, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
	}
	return geodata.AppendWKB(dst, g)
}

// Add writes one pand. The per-verblijfsobject areas are written as
// min = max = OppervlakteM2 / Verblijfsobjecten, so that the reader's
// estimate gives OppervlakteM2 back.
func (w *Writer) Add(p geodata.Pand) error {
	w.blob = Geometry(w.blob[:0], w.srs, p.Footprint)
	if w.n == 0 {
		w.b = p.Footprint.Bound()
	} else {
		w.b = w.b.Union(p.Footprint.Bound())
	}
	w.n++
	var opp any
	if p.Verblijfsobjecten > 0 {
		opp = p.OppervlakteM2 / float64(p.Verblijfsobjecten)
	}
	_, err := w.stmt.Exec(w.blob, float64(p.Bouwjaar), p.Status, strings.Join(p.Gebruiksdoel, ","), opp, opp, p.Verblijfsobjecten, p.ID)
	return err
}

// Close commits, writes the layer extent and closes the file.
func (w *Writer) Close() error {
	err := w.stmt.Close()
	if err == nil {
		err = w.tx.Commit()
	}
	if err == nil && w.n > 0 {
		_, err = w.db.Exec(`UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?`,
			w.b.Min[0], w.b.Min[1], w.b.Max[0], w.b.Max[1], w.name)
	}
	if cerr := w.db.Close(); err == nil {
		err = cerr
	}
	return err
}
