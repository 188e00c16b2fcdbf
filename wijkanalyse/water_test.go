package wijkanalyse

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/twpayne/go-geos"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

func TestClippedArea(t *testing.T) {
	t.Parallel()
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{100, 100}}
	// a 40 x 40 square with a 10 x 10 hole
	holed := orb.Polygon{rect(10, 10, 40, 40)[0], rect(20, 20, 10, 10)[0]}
	tri := orb.Polygon{{{50, -50}, {150, 50}, {50, 50}, {50, -50}}}
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		want float64
	}{
		{"inside", orb.MultiPolygon{rect(10, 10, 20, 30)}, 600},
		{"outside", orb.MultiPolygon{rect(200, 200, 20, 30)}, 0},
		{"half out on the left", orb.MultiPolygon{rect(-10, 10, 20, 10)}, 100},
		{"covers the box", orb.MultiPolygon{rect(-50, -50, 300, 300)}, 10000},
		{"hole", orb.MultiPolygon{holed}, 1500},
		{"hole cut by the box", orb.MultiPolygon{{rect(-20, 10, 40, 40)[0], rect(-10, 20, 20, 10)[0]}}, 20*40 - 10*10},
		// right triangle (50,-50)-(150,50)-(50,50) cut by y >= 0 and
		// x <= 100: its hypotenuse y = x - 100 stays below y = 0 there,
		// so the square 50..100 x 0..50 is left, 2,500 m2
		{"triangle across two sides", orb.MultiPolygon{tri}, 2500},
		{"clockwise ring", orb.MultiPolygon{{{{10, 10}, {10, 30}, {30, 30}, {30, 10}, {10, 10}}}}, 400},
	}
	for _, c := range cases {
		if got := clippedArea(c.mp, box); math.Abs(got-c.want) > 1e-6 {
			t.Errorf("%s: %.6f m2, want %.0f", c.name, got, c.want)
		}
	}
}

func TestTEOWater(t *testing.T) {
	t.Parallel()
	water := []geodata.Area{
		{Code: "pond", Geometry: orb.MultiPolygon{rect(0, 0, 20, 20)}},                             // 400 m2
		{Code: "sloot", Geometry: orb.MultiPolygon{rect(0, 0, 200, 5)}},                            // 1,000 m2
		{Code: "lake", Geometry: orb.MultiPolygon{rect(0, 0, 300, 300)}},                           // 9 ha
		{Code: "ring", Geometry: orb.MultiPolygon{{rect(0, 0, 40, 40)[0], rect(5, 5, 30, 30)[0]}}}, // 1,600 - 900 = 700 m2
	}
	var got []string
	for _, w := range teoWater(water, 1000) {
		got = append(got, w.Code)
	}
	if strings.Join(got, ",") != "sloot,lake" {
		t.Errorf("kept %v, want sloot, lake (at least 1,000 m2, holes subtracted)", got)
	}
}

// teoCheck on a row of buildings along a pond: with enough water every
// building may take aquathermie; with too little, the nearest ones until
// the yield is used.
func TestTEOCheck(t *testing.T) {
	t.Parallel()
	opt := Options{}.withDefaults()
	// ten buildings 10 m apart on y = 0, x = 0..90; water north of them
	// at y = 20..(20+h), 100 m wide, from x = 95 (so building 9 is nearest)
	bs := make([]Building, 10)
	dist := make([]float64, 10)
	heat := make([]float64, 10)
	connected := make([]bool, 10)
	for i := range bs {
		bs[i].Centroid = orb.Point{float64(i) * 10, 0}
		connected[i] = true
		heat[i] = 100 // GJ a year each
	}
	spf := 4.0 // 3/4 of the heat from the source
	const loss = 100.0
	// whole network: (1000 + 100) x 0.75 = 825 GJ from the source
	water := func(m2 float64) []geodata.Area {
		h := m2 / 100
		return []geodata.Area{{Code: "w", Geometry: orb.MultiPolygon{rect(95, 20, 100, h)}}}
	}
	for i := range bs {
		dist[i] = math.Hypot(95-bs[i].Centroid[0], 20)
	}
	cases := []struct {
		name   string
		m2     float64
		served int // buildings left without a block, nearest first
	}{
		{"ample", 2000, 10},   // yields 1,000 GJ >= 825
		{"exact", 1650, 10},   // 825 GJ
		{"half", 850, 5},      // 425 GJ; 82.5 GJ per building: 5 fit
		{"too little", 80, 0}, // 40 GJ: not one building
	}
	for _, c := range cases {
		block, note := teoCheck(water(c.m2), dist, connected, heat, loss, spf, 1, bs, opt)
		served := 0
		for i := range bs {
			if block == nil || block[i] == "" {
				served++
				if block != nil && i < 10-c.served {
					t.Errorf("%s: building %d served before a nearer one", c.name, i)
				}
			}
		}
		if served != c.served {
			t.Errorf("%s: %d buildings served, want %d (%s)", c.name, served, c.served, note)
		}
		if !strings.Contains(note, "waarvan 825 GJ uit het water") {
			t.Errorf("%s: note %q does not give the 825 GJ the network needs", c.name, note)
		}
	}
	// With a peak boiler making 20 % of the heat, the collective heat pump
	// takes 0.8 x 825 = 660 GJ from the water: 1,320 m2 (660 GJ) serves
	// all ten buildings, 1,300 m2 (650 GJ) one fewer.
	for _, c := range []struct {
		m2     float64
		served int
	}{{1320, 10}, {1300, 9}} {
		block, note := teoCheck(water(c.m2), dist, connected, heat, loss, spf, 0.8, bs, opt)
		served := 0
		for i := range bs {
			if block == nil || block[i] == "" {
				served++
			}
		}
		if served != c.served || !strings.Contains(note, "waarvan 660 GJ uit het water") {
			t.Errorf("main share 0.8, %v m2: %d served, want %d; note %q", c.m2, served, c.served, note)
		}
	}
}

func TestScanAquathermieWater(t *testing.T) {
	t.Parallel()
	run := func(w orb.Polygon) Result {
		in := handStreet()
		in.Streets = []geodata.Street{
			{ID: "s1", Line: orb.LineString{{-20, -8}, {120, -8}}},
			{ID: "s2", Line: orb.LineString{{-20, -8}, {-20, 60}}},
		}
		in.Water = []geodata.Area{{Code: "w", Kind: geodata.AreaWater, Geometry: orb.MultiPolygon{w}}}
		res, err := Scan(context.Background(), in, Options{Params: nearSource(t)})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, in, res)
		return res
	}
	count := func(res Result) (feasible int, reasons map[string]int) {
		reasons = map[string]int{}
		for _, b := range res.Buildings {
			o := b.Options[optionIndex(OptionAquathermie)]
			if o.Feasible {
				feasible++
			} else {
				reasons[o.Reason]++
			}
		}
		return feasible, reasons
	}
	// a garden pond (20 x 20 m) 50 m north: too small to count
	pond := run(rect(0, 100, 20, 20))
	if n, why := count(pond); n != 0 {
		t.Errorf("pond: %d buildings feasible, want 0 (%v)", n, why)
	} else {
		for r := range why {
			if r != "geen verwarmde ruimte" && !strings.Contains(r, "geen water van minstens 1.000 m² binnen 1.000 m") {
				t.Errorf("pond: reason %q", r)
			}
		}
	}
	// a lake of 1 ha at the same place: every connected building
	lake := run(rect(0, 100, 100, 100))
	n, why := count(lake)
	if n == 0 || n != lake.Network.Connected && lake.NetworkLT.Connected == 0 {
		t.Errorf("lake: %d buildings feasible of %d connected (%v)", n, lake.Network.Connected, why)
	}
	for _, b := range lake.Buildings {
		o := b.Options[optionIndex(OptionAquathermie)]
		if o.Feasible != b.Connected {
			t.Errorf("lake: building %s connected %v, aquathermie feasible %v (%s)", b.ID, b.Connected, o.Feasible, o.Reason)
		}
	}
}

// On the Delft demo (OSM water) the counted water near the network, as
// clipped here, agrees with GEOS's intersection of each valid water
// polygon with the same box; and the buildings that may take aquathermie
// are connected, within reach of counted water, and all nearer to it than
// those refused for want of water.
func TestDelftAquathermie(t *testing.T) {
	in := loadDelft(t)
	opt := Options{}.withDefaults()
	teo := teoWater(in.Water, opt.TEOMinWaterM2)
	t.Logf("%d water areas, %d of at least %.0f m2", len(in.Water), len(teo), opt.TEOMinWaterM2)
	if len(teo) == 0 || len(teo) >= len(in.Water) {
		t.Fatalf("%d of %d water areas counted", len(teo), len(in.Water))
	}
	// clipping against GEOS on a box over the wijk
	box := orb.Bound{Min: orb.Point{84000, 445000}, Max: orb.Point{86500, 447500}}
	gc := geos.NewContext()
	compared := 0
	for _, w := range teo {
		g, err := gc.NewGeomFromWKB(wkbOf(w.Geometry))
		if err != nil || !g.IsValid() {
			continue
		}
		want := g.Intersection(gc.NewGeomFromBounds(box.Min[0], box.Min[1], box.Max[0], box.Max[1])).Area()
		if got := clippedArea(w.Geometry, box); math.Abs(got-want) > 1e-6*max(1, want) {
			t.Errorf("%s: clipped %.3f m2, GEOS %.3f m2", w.Code, got, want)
		}
		compared++
	}
	if compared < len(teo)/2 {
		t.Errorf("only %d of %d water polygons compared with GEOS", compared, len(teo))
	}

	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "water") || strings.Contains(n, "aquathermie") {
			t.Log("note:", n)
		}
	}
	dist := waterDistance(res.Buildings, teo, math.Inf(1))
	feasible, refused := 0, 0
	maxFeasible, minRefused := 0.0, math.Inf(1)
	for i, b := range res.Buildings {
		o := b.Options[optionIndex(OptionAquathermie)]
		switch {
		case o.Feasible:
			feasible++
			maxFeasible = max(maxFeasible, dist[i])
			if !b.Connected || dist[i] > opt.WaterReachM {
				t.Errorf("%s: aquathermie feasible, connected %v, water at %.0f m", b.ID, b.Connected, dist[i])
			}
		case strings.Contains(o.Reason, "is al nodig voor de gebouwen die er dichterbij liggen"):
			refused++
			minRefused = min(minRefused, dist[i])
		}
	}
	var aq Strategy
	for _, s := range res.Strategies {
		if s.Name == string(OptionAquathermie) {
			aq = s
		}
	}
	t.Logf("aquathermie feasible for %d buildings of %d connected; %d refused for want of water; nearest refused %.0f m, farthest served %.0f m from water; strategy %.2f MEUR/yr (%s)",
		feasible, res.NetworkLT.Connected, refused, minRefused, maxFeasible, aq.NationalCostEURPerYear.Value/1e6, aq.Reason)
	if feasible == 0 || feasible > res.Network.Connected {
		t.Errorf("%d buildings may take aquathermie, %d connected", feasible, res.Network.Connected)
	}
	if refused > 0 && maxFeasible > minRefused {
		t.Errorf("a building %.0f m from water is served while one %.0f m away is refused", maxFeasible, minRefused)
	}
}

// wkbOf encodes a multipolygon for GEOS.
func wkbOf(mp orb.MultiPolygon) []byte {
	b, err := wkb.Marshal(mp)
	if err != nil {
		panic(err)
	}
	return b
}
