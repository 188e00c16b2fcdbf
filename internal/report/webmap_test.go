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
