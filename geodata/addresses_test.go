package geodata

import (
	"fmt"
	"io"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func delftPandenAndAddresses(t testing.TB) ([]Pand, []orb.Point) {
	t.Helper()
	var rep Report
	r := GeoJSONPanden(openGeoJSON(t, "buildings_rd_approx.geojson"), &rep)
	buf := make([]Pand, 512)
	var panden []Pand
	for {
		n, err := r.Read(buf)
		panden = append(panden, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var pts []orb.Point
	for _, f := range readAll(t, openGeoJSON(t, "addresses_rd_approx.geojson")) {
		a, reason := AddressFromFeature(f)
		if reason != "" {
			t.Fatalf("address %s: %s", f.ID, reason)
		}
		pts = append(pts, a.Point)
	}
	return panden, pts
}

func TestCountDwellingsDelft(t *testing.T) {
	t.Parallel()
	panden, pts := delftPandenAndAddresses(t)
	counts, outside := CountDwellings(panden, pts)
	sum, with := 0, 0
	for _, c := range counts {
		sum += c
		if c > 0 {
			with++
		}
	}
	t.Logf("%d addresses: %d in %d of %d panden, %d outside every footprint", len(pts), sum, with, len(panden), outside)
	if sum+outside != len(pts) || len(pts) != 8932 {
		t.Fatalf("sum %d + outside %d != %d points (want 8932)", sum, outside, len(pts))
	}
	// Differential check against brute force with orb/planar (every
	// footprint, lowest index first) on every point.
	ix := NewFootprintIndex(panden)
	bounds := make([]orb.Bound, len(panden))
	for i := range panden {
		bounds[i] = panden[i].Footprint.Bound()
	}
	for j, p := range pts {
		want := -1
		for i := range panden {
			if bounds[i].Contains(p) && planar.PolygonContains(panden[i].Footprint, p) {
				want = i
				break
			}
		}
		if got := ix.Locate(p); got != want {
			t.Errorf("point %d %v: pand %d, brute force %d", j, p, got, want)
		}
	}
	// OSM address nodes mostly sit inside the footprint of their building
	if sum < len(pts)/2 {
		t.Errorf("only %d of %d addresses in a footprint", sum, len(pts))
	}
}

func TestFootprintIndexHolesAndEdges(t *testing.T) {
	t.Parallel()
	sq := func(x0, y0, s float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}}
	}
	panden := []Pand{
		{Footprint: orb.Polygon{sq(0, 0, 30), sq(10, 10, 10)}}, // with a hole
		{Footprint: orb.Polygon{sq(15, 15, 2)}},                // inside the hole
		{Footprint: nil},                                       // empty: never matches
		{Footprint: orb.Polygon{sq(100, 100, 10)}},
	}
	cases := []struct {
		p    orb.Point
		want int
	}{
		{orb.Point{5, 5}, 0},
		{orb.Point{12, 12}, -1}, // in the hole
		{orb.Point{16, 16}, 1},
		{orb.Point{105, 105}, 3},
		{orb.Point{60, 60}, -1},
		{orb.Point{-1e9, 5}, -1},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.p), func(t *testing.T) {
			if got := AssignPoints(panden, []orb.Point{c.p})[0]; got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
	if got := AssignPoints(nil, []orb.Point{{1, 1}}); got[0] != -1 {
		t.Errorf("empty index: %v", got)
	}
}

func ExampleCountDwellings() {
	house := Pand{ID: "0503100000000001", Footprint: orb.Polygon{{{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}}}
	flat := Pand{ID: "0503100000000002", Footprint: orb.Polygon{{{20, 0}, {40, 0}, {40, 15}, {20, 15}, {20, 0}}}}
	addresses := []orb.Point{{5, 4}, {25, 5}, {30, 5}, {35, 10}, {50, 50}}
	counts, outside := CountDwellings([]Pand{house, flat}, addresses)
	fmt.Println(counts, outside)
	// Output: [1 3] 1
}
