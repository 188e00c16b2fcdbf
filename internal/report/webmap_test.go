package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"testing"

	"github.com/paulmach/orb"
)

var webmapDataRE = regexp.MustCompile(`(?s)<script type="application/json" id="webmap-data">(.*?)</script>`)

// mapDataOf renders p and returns the interactive map's data.
func mapDataOf(t *testing.T, p *Page) (webmapData, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatal(err)
	}
	m := webmapDataRE.FindSubmatch(buf.Bytes())
	if m == nil {
		t.Fatal("report.html has no map data")
	}
	var d webmapData
	if err := json.Unmarshal(m[1], &d); err != nil {
		t.Fatalf("map data: %v", err)
	}
	return d, buf.Bytes()
}

// decodeLine undoes webmapFrame.line: metres EPSG:28992.
func decodeLine(d webmapData, a []int64) []orb.Point {
	var out []orb.Point
	var x, y int64
	for i := 0; i+1 < len(a); i += 2 {
		x, y = x+a[i], y+a[i+1]
		out = append(out, orb.Point{d.Origin[0] + float64(x)/10, d.Origin[1] + float64(y)/10})
	}
	return out
}

func TestWebmapData(t *testing.T) {
	t.Parallel()
	p := testPage()
	for i := range p.Buildings {
		p.Buildings[i].Info = &PandInfo{ID: fmt.Sprintf("05031000000%05d", i), Bouwjaar: 1900 + i, Type: "tussenwoning", Dwellings: 1,
			Unit: "woning", BestEUR: 1000.4 + float64(i), BestMinEUR: 900, BestMaxEUR: math.Inf(1), GasEUR: math.NaN(),
			Works:     []string{"isoleren", "warmtepomp"},
			Addresses: []Address{{Postcode: "2628 rc", Huisnummer: fmt.Sprint(i + 1), Street: "Teststraat"}}}
	}
	p.Buildings[3].Footprint = orb.Polygon{ // with a hole and a repeated point
		{{85060, 445000}, {85072, 445000}, {85072, 445000}, {85072, 445010}, {85060, 445010}, {85060, 445000}},
		{{85062, 445002}, {85064, 445002}, {85064, 445004}, {85062, 445002}},
	}
	p.Buildings[5].Info = nil
	p.Outlines = []Outline{{Name: "Noord <1>", Geometry: orb.MultiPolygon{{{{84990, 444990}, {85300, 444990}, {85300, 445200}, {84990, 444990}}}}}}
	d, doc := mapDataOf(t, p)
	checkOffline(t, doc)

	if len(d.Panden.ID) != len(p.Buildings) || len(d.Panden.Geometry) != len(p.Buildings) {
		t.Fatalf("map has %d ids, %d geometries for %d panden", len(d.Panden.ID), len(d.Panden.Geometry), len(p.Buildings))
	}
	for i, b := range p.Buildings {
		if len(d.Panden.Geometry[i]) != len(b.Footprint) {
			t.Fatalf("pand %d: %d rings, want %d", i, len(d.Panden.Geometry[i]), len(b.Footprint))
		}
		for r, ring := range b.Footprint {
			got := decodeLine(d, d.Panden.Geometry[i][r])
			k := 0
			for j, q := range ring[:len(ring)-1] { // the closing point is not repeated
				if j > 0 && q == ring[j-1] {
					continue
				}
				if k >= len(got) || math.Abs(got[k][0]-q[0]) > 0.05 || math.Abs(got[k][1]-q[1]) > 0.05 {
					t.Fatalf("pand %d ring %d point %d: got %v, want %v", i, r, j, got, ring)
				}
				k++
			}
			if k != len(got) {
				t.Errorf("pand %d ring %d: %d points, want %d", i, r, len(got), k)
			}
		}
	}
	for _, c := range []struct {
		name string
		got  any
		want any
	}{
		{"id", d.Panden.ID[2], "0503100000000002"},
		{"no info: id", d.Panden.ID[5], ""},
		{"bouwjaar", d.Panden.Bouwjaar[2], 1902},
		{"type", d.Strings[d.Panden.Type[2]], "tussenwoning"},
		{"best eur rounded", *d.Panden.BestEUR[2], int64(1002)},
		{"band low", *d.Panden.BestMinEUR[2], int64(900)},
		{"infinite band end is null", d.Panden.BestMaxEUR[2] == nil, true},
		{"unit", d.Strings[d.Panden.Unit[2]], "woning"},
		{"works", d.Strings[d.Panden.Works[2][0]] + ", " + d.Strings[d.Panden.Works[2][1]], "isoleren, warmtepomp"},
		{"works shared", d.Panden.Works[2][1] == d.Panden.Works[3][1], true},
		{"gas NaN is null", d.Panden.GasEUR[2] == nil, true},
		{"no info: cost null", d.Panden.BestEUR[5] == nil, true},
		{"address street", d.Strings[int(d.Addresses[2][0][0].(float64))], "Teststraat"},
		{"address number", d.Addresses[2][0][1], "3"},
		{"address postcode as given", d.Strings[int(d.Addresses[2][0][2].(float64))], "2628 rc"},
		{"themes", len(d.Themes), 4},
		{"era class of pand 7 (unknown)", d.Themes[0].Classes[d.Panden.Class[0][7]].Label, "overig / onbekend"},
		{"best option label", d.Themes[2].Classes[d.Panden.Class[2][1]].Label, "warmtenet MT"},
		{"connected", d.Panden.Connected[1], 1},
		{"pipes", len(d.Pipes.Geometry), 3},
		{"service pipe first", d.DN[d.Pipes.Class[0]].Label, "aansluitleiding"},
		{"source", d.Sources[0].Name, "Bron <1>"},
		{"streets", len(d.Streets), 2},
		{"outline name", d.Outlines[0].Name, "Noord <1>"},
		{"outline ring", len(d.Outlines[0].Rings[0]), 6},
	} {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	// Counts per theme add up to the panden.
	for _, th := range d.Themes {
		n := 0
		for _, c := range th.Classes {
			n += c.Count
		}
		if n != len(p.Buildings) {
			t.Errorf("theme %s counts %d panden, want %d", th.Key, n, len(p.Buildings))
		}
	}
	// The same page renders to the same bytes.
	_, again := mapDataOf(t, p)
	if !bytes.Equal(doc, again) {
		t.Error("two renders of one page differ")
	}
}

func TestWebmapAbsentWithoutBuildings(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := Render(&buf, &Page{Title: "leeg", Summary: &Summary{}}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("webmap-data")) || bytes.Contains(buf.Bytes(), []byte("Leaflet")) {
		t.Error("a page without buildings carries the interactive map")
	}
}

func TestAreaMap(t *testing.T) {
	t.Parallel()
	sq := func(x float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, 445000}, {x + 500, 445000}, {x + 500, 445400}, {x, 445400}, {x, 445000}}}}
	}
	areas := []AreaFeature{
		{Geometry: sq(85000), Class: "warmtenet", Title: "BU1 Noord", Rows: [][2]string{{"Status", "doorgerekend"}}, Search: []string{"BU1", "Noord"}},
		{Geometry: sq(85500.4), Class: "water", Title: "BU2 <Plas>"},
		{Geometry: sq(86000), Class: "iets anders", Title: "BU3"},
	}
	h := AreaMap(areas, []Class{{Key: "warmtenet", Color: "#f00"}, {Key: "water", Label: "water", Color: "#00f"}}, "Goedkoopste strategie")
	doc := []byte("<html><body>" + string(h) + "</body></html>")
	checkHTML(t, doc)
	checkOffline(t, doc)
	m := regexp.MustCompile(`(?s)<script type="application/json" id="areamap-data">(.*?)</script>`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("no area map data")
	}
	var d areamapData
	if err := json.Unmarshal(m[1], &d); err != nil {
		t.Fatal(err)
	}
	ring := d.Geometry[1][0]
	// Whole metres: the second square starts at 85500.4 m, written as 500 m from the origin 85000.
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"origin", d.Origin, [2]float64{85000, 445000}},
		{"ring start in metres", [2]int64{ring[0], ring[1]}, [2]int64{500, 0}},
		{"ring points (closing point dropped)", len(ring), 8},
		{"classes with other", len(d.Classes), 3},
		{"other class", d.Classes[d.Class[2]].Label, "overig / onbekend"},
		{"counts", fmt.Sprint(d.Classes[0].Count, d.Classes[1].Count, d.Classes[2].Count), "1 1 1"},
		{"title kept (escaped by the script)", d.Titles[1], "BU2 <Plas>"},
		{"rows", d.Rows[0][0][1], "doorgerekend"},
		{"empty rows are a list", d.Rows[1] != nil, true},
		{"search", d.Search[0][1], "Noord"},
	} {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if AreaMap(nil, nil, "x") != "" {
		t.Error("an area map without areas is not empty")
	}
}

// TestWebmapEmptyLayers: a scan without water, streets, network or source
// (the PDOK sample on its own) hands the page's script empty lists, not
// null: webmap.js walks them with forEach, and a null stopped the script
// before the panden were drawn, leaving the map blank.
func TestWebmapEmptyLayers(t *testing.T) {
	t.Parallel()
	p := testPage()
	p.Streets, p.Water, p.Pipes, p.Sources, p.Outlines = nil, nil, nil, nil, nil
	_, doc := mapDataOf(t, p)
	var raw struct {
		DN       json.RawMessage `json:"dn"`
		Streets  json.RawMessage `json:"streets"`
		Water    json.RawMessage `json:"water"`
		Sources  json.RawMessage `json:"sources"`
		Outlines json.RawMessage `json:"outlines"`
		Pipes    map[string]json.RawMessage
	}
	if err := json.Unmarshal(webmapDataRE.FindSubmatch(doc)[1], &raw); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]json.RawMessage{"dn": raw.DN, "streets": raw.Streets, "water": raw.Water, "sources": raw.Sources,
		"outlines": raw.Outlines, "pipes.dn": raw.Pipes["dn"], "pipes.class": raw.Pipes["class"], "pipes.geometry": raw.Pipes["geometry"]} {
		if string(v) != "[]" {
			t.Errorf("%s = %s, want []", name, v)
		}
	}
}
