package geodata_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Read the panden of a PDOK BAG GeoPackage, validate them and keep one
// per id.
func ExampleOpenGeoPackage() {
	g, err := geodata.OpenGeoPackage("../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	for _, l := range g.Layers() {
		fmt.Println(l.Name, l.Kind, l.GeometryType, l.EPSG)
	}
	r, err := g.Panden("bag_pand_kerk", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	v := geodata.NewValidator()
	d := geodata.NewDedup(&v.Report)
	buf := make([]geodata.Pand, 256)
	for {
		n, err := r.Read(buf)
		for i := range buf[:n] {
			if v.Pand(&buf[i]) {
				d.Add(buf[i])
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	p := d.Panden()[0]
	fmt.Println(p.ID, p.Bouwjaar, p.Status, p.Gebruiksdoel, p.Verblijfsobjecten)
	fmt.Println("read", v.Report.Read, "used", v.Report.Used, "skipped", v.Report.Skipped)
	// Output:
	// bag_pand_kerk pand POLYGON 28992
	// 0503100000000296 1920 Pand in gebruik [gezondheidszorgfunctie woonfunctie] 3
	// read 60 used 59 skipped map[no_bag_id:1]
}

// Write panden as GeoParquet (EPSG:28992) and stream them back.
func ExampleNewPandWriter() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "panden.parquet")

	var buf bytes.Buffer
	w := geodata.NewPandWriter(&buf)
	err := w.Write([]geodata.Pand{{
		ID: "0503100000000296", Bouwjaar: 1920, Status: "Pand in gebruik",
		Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1, OppervlakteM2: 120,
		Footprint: orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447008}, {85000, 447000}}},
	}})
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Println(err)
		return
	}

	r, err := geodata.ReadGeoParquetPanden(path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	ps := make([]geodata.Pand, 10)
	n, _ := r.Read(ps)
	fmt.Println(n, ps[0].ID, ps[0].Bouwjaar, ps[0].Footprint.Bound())
	// Output:
	// 1 0503100000000296 1920 {[85000 447000] [85010 447008]}
}

// Write one row per pipe segment of your own struct as GeoParquet.
func ExampleWriteGeoParquet() {
	type segment struct {
		ID       int64          `parquet:"id"`
		DN       int32          `parquet:"dn"`
		Geometry []byte         `parquet:"geometry"` // filled with WKB by the writer
		Line     orb.LineString `parquet:"-"`
	}
	rows := []segment{{ID: 1, DN: 100, Line: orb.LineString{{85000, 447000}, {85050, 447000}}}}
	var buf bytes.Buffer
	if err := geodata.WriteGeoParquet(&buf, "geometry", rows, func(s *segment) orb.Geometry { return s.Line }); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(buf.Bytes(), []byte("PAR1")), len(rows[0].Geometry))
	// Output:
	// true 41
}

// Open a GeoParquet file, look at its CRS and columns, and stream its
// panden with ForEach.
func ExampleOpenGeoParquet() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "panden.parquet")
	var buf bytes.Buffer
	w := geodata.NewPandWriter(&buf)
	sq := func(x float64) orb.Polygon {
		return orb.Polygon{{{x, 447000}, {x + 10, 447000}, {x + 10, 447008}, {x, 447008}, {x, 447000}}}
	}
	err := w.Write([]geodata.Pand{
		{ID: "0503100000000296", Bouwjaar: 1920, Status: "Pand in gebruik", Footprint: sq(85000)},
		{ID: "0503100000000297", Bouwjaar: 1965, Status: "Pand in gebruik", Footprint: sq(85020)},
	})
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Println(err)
		return
	}

	f, err := geodata.OpenGeoParquet(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	fmt.Println("EPSG", f.EPSG(), "rows", f.NumRows(), "primary column", f.Geo().PrimaryColumn)
	var rep geodata.Report
	r, err := f.Panden(&rep)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	err = geodata.ForEach(r, func(p *geodata.Pand) error {
		fmt.Println(p.ID, p.Bouwjaar, p.Footprint.Bound().Min)
		return nil
	})
	fmt.Println(err)
	// Output:
	// EPSG 28992 rows 2 primary column geometry
	// 0503100000000296 1920 [85000 447000]
	// 0503100000000297 1965 [85020 447000]
	// <nil>
}

// Read an OpenStreetMap extract: buildings, streets, address nodes and
// surface water in EPSG:28992, each with a report of what was skipped.
func ExampleReadOSMPBF() {
	f, err := os.Open("../testdata/delft-wippolder/tudelft.osm.pbf")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	ex, err := geodata.ReadOSMPBF(context.Background(), f, f.Name())
	if err != nil {
		fmt.Println(err)
		return
	}
	panden, rep := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	fmt.Println("buildings read", rep.Read, "panden used", len(panden), "skipped", rep.Skipped)
	fmt.Println("streets", len(ex.Streets), "addresses", len(ex.Addresses), "water areas", len(ex.Water))
	b := panden[0].Footprint.Bound()
	fmt.Println("in Delft (EPSG:28992):", b.Min[0] > 80000 && b.Max[0] < 90000 && b.Min[1] > 440000 && b.Max[1] < 450000)
	// Output:
	// buildings read 3484 panden used 3447 skipped map[no_bag_id:31 osm_type_building_relation:6]
	// streets 3841 addresses 8932 water areas 64
	// in Delft (EPSG:28992): true
}
