package geodata_test

import (
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Read an RFC 7946 (WGS 84) GeoJSON file: the reader transforms every
// feature to EPSG:28992 with PROJ as it streams.
func ExampleNewGeoJSONReader() {
	const doc = `{"type":"FeatureCollection","features":[
	 {"type":"Feature","properties":{"ref:bag":"0503100000024959","start_date":"2008","building":"apartments","building:levels":"6"},
	  "geometry":{"type":"Polygon","coordinates":[[[4.3713101,51.9971067],[4.3711791,51.9972947],[4.3714847,51.9973759],[4.3716156,51.9971878],[4.3713101,51.9971067]]]}}]}`
	g, err := geodata.NewGeoJSONReader(strings.NewReader(doc), "buildings.geojson")
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	for {
		f, err := g.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		p, reason, _ := geodata.PandFromFeature(f)
		c := p.Footprint[0][0]
		fmt.Printf("EPSG:%d -> %s %s bouwjaar %d, %d levels, first vertex x %.0f y %.0f %q\n",
			g.EPSG(), p.ID, p.BuildingType, p.Bouwjaar, p.Levels, c[0], c[1], reason)
	}
	// Output: EPSG:4326 -> 0503100000024959 apartments bouwjaar 2008, 6 levels, first vertex x 85234 y 445902 ""
}

// Write a GeoJSON file QGIS opens in RD New: the legacy crs member names
// EPSG:28992.
func ExampleNewGeoJSONWriter() {
	w, err := geodata.NewGeoJSONWriter(os.Stdout, geodata.GeoJSONOptions{})
	if err != nil {
		log.Fatal(err)
	}
	line := orb.LineString{{85000, 446000}, {85100.5, 446000}}
	if err := w.Write(line, map[string]any{"dn": 100, "length_m": 100.5}); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
	// {"type":"Feature","properties":{"dn":100,"length_m":100.5},"geometry":{"type":"LineString","coordinates":[[85000,446000],[85100.5,446000]]}}
	// ]}
}

// Read an EP-Online export: the preamble is skipped, ids are normalised,
// and the newest registration per verblijfsobject wins.
func ExampleReadEPOnline() {
	const csv = "PublicatieDatum;20251101\n" +
		"Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_bagpandid;Pand_gebouwtype\n" +
		"20190312;E;503010000002001;503100000037810;Tussenwoning\n" +
		"20240404;B;0503010000002001;0503100000037810;Tussenwoning\n" +
		"20210101;C;0503010000002002;0503100000037810;Tussenwoning\n"
	var rep geodata.Report
	labels, err := geodata.ReadEPOnline(strings.NewReader(csv), "labels.csv", &rep)
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range labels.Labels() {
		fmt.Println(l.VerblijfsobjectID, l.Klasse, l.Opnamedatum.Format("2006-01-02"))
	}
	fmt.Println("read", rep.Read, "used", rep.Used, "skipped", rep.Skipped)
	// Output:
	// 0503010000002001 B 2024-04-04
	// 0503010000002002 C 2021-01-01
	// read 3 used 2 skipped map[duplicate_id:1]
}
