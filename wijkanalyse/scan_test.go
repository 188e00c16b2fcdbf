package wijkanalyse

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// checkResult asserts the invariants every Result must hold.
func checkResult(t *testing.T, in Input, res Result) {
	t.Helper()
	if len(res.Buildings) != len(in.Panden) {
		t.Fatalf("%d buildings for %d panden", len(res.Buildings), len(in.Panden))
	}
	var mixed Strategy
	for _, st := range res.Strategies {
		if st.Name == StrategyMixed {
			mixed = st
		}
	}
	for _, b := range res.Buildings {
		if len(b.Options) != len(OptionKinds) {
			t.Errorf("%s: %d options", b.ID, len(b.Options))
			continue
		}
		if b.Use == UseBijgebouw {
			if b.Best != "" || b.SpaceHeatGJ != 0 {
				t.Errorf("%s: bijgebouw with best %q and %.1f GJ", b.ID, b.Best, b.SpaceHeatGJ)
			}
			continue
		}
		if b.SpaceHeatGJ < 0 || b.TapWaterGJ < 0 || b.PeakKW <= 0 {
			t.Errorf("%s: demand %.1f + %.1f GJ, peak %.2f kW", b.ID, b.SpaceHeatGJ, b.TapWaterGJ, b.PeakKW)
		}
		best := b.Options[optionIndex(b.Best)]
		switch {
		case !best.Feasible:
			t.Errorf("%s: best %s infeasible", b.ID, b.Best)
		case b.Connected:
			// On the network: the mixed strategy's network option, which
			// may cost this building more than all-electric (it carries
			// its share of the network; see options.go).
			if b.Best != mixed.NetworkOption || !b.Best.Network() {
				t.Errorf("%s: connected, best %s, mixed network %q", b.ID, b.Best, mixed.NetworkOption)
			}
		case best.Score != 100 || b.Best.Network():
			t.Errorf("%s: off the network, best %s score %.1f", b.ID, b.Best, best.Score)
		}
		for _, o := range b.Options {
			if o.Reason == "" {
				t.Errorf("%s %s: no reason", b.ID, o.Kind)
			}
			if o.Feasible && (!o.National.Valid() || !o.EndUser.Valid()) {
				t.Errorf("%s %s: invalid band %+v %+v", b.ID, o.Kind, o.National, o.EndUser)
			}
			if !b.Connected && o.Feasible && o.Kind != OptionGasBoiler && !o.Kind.GasGrid() && o.National.Value < best.National.Value-1e-6 {
				t.Errorf("%s: %s cheaper than best %s", b.ID, o.Kind, b.Best)
			}
		}
		if b.Connected != b.Options[optionIndex(OptionWarmtenetMT)].Feasible {
			t.Errorf("%s: connected %v but MT feasible %v", b.ID, b.Connected, b.Options[optionIndex(OptionWarmtenetMT)].Feasible)
		}
	}
	if len(res.Strategies) == 0 || res.Strategies[0].Name != string(OptionGasBoiler) {
		t.Errorf("strategies %+v", res.Strategies)
	}
	if res.BestStrategy == string(OptionGasBoiler) {
		t.Error("the gas reference cannot be the best strategy")
	}
	if len(res.Areas) == 0 {
		t.Error("no area aggregates")
	}
	checkParts(t, res)
}

func TestScanHandMadeNoStreets(t *testing.T) {
	t.Parallel()
	in := handStreet()
	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, in, res)
	if res.Network.Routed {
		t.Error("routed without streets")
	}
	found := false
	for _, n := range res.Notes {
		found = found || strings.HasPrefix(n, "geen straten")
	}
	if !found {
		t.Errorf("notes %q do not say the network was estimated", res.Notes)
	}
	if res.Stock.Dwellings != 5+2+1+12 {
		t.Errorf("dwellings %d, want 20", res.Stock.Dwellings)
	}
	// One building alone needs no trench (its source stands next to it);
	// two or more do.
	if res.Network.Connected > 1 && res.Network.TrenchM <= 0 {
		t.Errorf("estimated network of %d buildings without trench", res.Network.Connected)
	}
}

func TestScanHandMadeStreetsAndAreas(t *testing.T) {
	t.Parallel()
	in := handStreet()
	in.Streets = []geodata.Street{
		{ID: "s1", Line: orb.LineString{{-20, -8}, {120, -8}}},
		{ID: "s2", Line: orb.LineString{{-20, -8}, {-20, 60}}},
	}
	in.Areas = []geodata.Area{
		{Code: "west", Kind: geodata.AreaBuurt, Geometry: orb.MultiPolygon{rect(-50, -50, 90, 150)}},
		{Code: "east", Kind: geodata.AreaBuurt, Geometry: orb.MultiPolygon{rect(40, -50, 100, 150)}},
	}
	in.Water = []geodata.Area{{Code: "sloot", Kind: geodata.AreaWater, Geometry: orb.MultiPolygon{rect(0, 100, 200, 10)}}}
	res, err := Scan(context.Background(), in, Options{Params: nearSource(t)})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, in, res)
	if !res.Network.Routed || res.Network.Terminals != 9 {
		t.Errorf("network routed %v with %d terminals, want routed with 9", res.Network.Routed, res.Network.Terminals)
	}
	if len(res.Areas) != 2 {
		t.Fatalf("%d areas", len(res.Areas))
	}
	if w, e := res.Areas[0].Stock.Buildings, res.Areas[1].Stock.Buildings; w+e != len(in.Panden) || w == 0 || e == 0 {
		t.Errorf("areas hold %d + %d buildings of %d", w, e, len(in.Panden))
	}
	for k, a := range res.Areas {
		if want := []float64{1.35, 1.5}[k]; math.Abs(a.AreaHa-want) > 1e-9 {
			t.Errorf("area %s: %.4f ha, want %.2f", a.Code, a.AreaHa, want)
		}
		if a.HeatDensityGJPerHa <= 0 {
			t.Errorf("area %s: heat density %.1f", a.Code, a.HeatDensityGJPerHa)
		}
	}
	// Water lies 40-60 m from the buildings: aquathermie's reason names it.
	aq := res.Buildings[0].Options[optionIndex(OptionAquathermie)]
	if strings.Contains(aq.Reason, "no water body") || strings.Contains(aq.Reason, "no surface") {
		t.Errorf("aquathermie reason %q with water 50 m away", aq.Reason)
	}
}

func TestTemperatureSuitability(t *testing.T) {
	t.Parallel()
	cases := []struct {
		label         kosten.Label
		c70, c50, c40 bool
	}{
		{kosten.LabelG, true, false, false}, {kosten.LabelD, true, false, false},
		{kosten.LabelC, true, false, false}, {kosten.LabelB, true, true, false},
		{kosten.LabelA, true, true, true},
	}
	for _, c := range cases {
		if got := temps(c.label); got != (Temperatures{c.c70, c.c50, c.c40}) {
			t.Errorf("label %s: %+v", c.label, got)
		}
	}
}

func TestScanYear(t *testing.T) {
	t.Parallel()
	in := handStreet()
	a, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Scan(context.Background(), in, Options{Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	if a.Year != 2020 || b.Year != 2025 {
		t.Errorf("years %d and %d, want 2020 (default parameter) and 2025", a.Year, b.Year)
	}
	ga := a.Strategies[0].NationalCostEURPerYear.Value
	gb := b.Strategies[0].NationalCostEURPerYear.Value
	if ga == gb {
		t.Errorf("gas reference costs %.0f EUR/yr in both years: the year changes no price", ga)
	}
}

func TestScanBadFootprint(t *testing.T) {
	t.Parallel()
	in := handStreet()
	in.Panden[3].Footprint = orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}
	_, err := Scan(context.Background(), in, Options{})
	var fe *geodata.FeatureError
	if !errors.As(err, &fe) || !errors.Is(err, ErrBadFootprint) || fe.Feature != 3 || fe.ID != "T4" {
		t.Errorf("err %v, want a FeatureError for feature 3 (T4) wrapping ErrBadFootprint", err)
	}
}

// TestScanAwkwardFootprints: duplicates, overlaps, a footprint inside
// another, a polygon with a hole, slivers and far-apart buildings must
// scan without error and keep every building.
func TestScanAwkwardFootprints(t *testing.T) {
	t.Parallel()
	ring := func(pts ...float64) orb.Ring {
		r := orb.Ring{}
		for i := 0; i+1 < len(pts); i += 2 {
			r = append(r, orb.Point{pts[i], pts[i+1]})
		}
		return append(r, r[0])
	}
	holed := orb.Polygon{ring(0, 0, 30, 0, 30, 30, 0, 30), ring(10, 10, 20, 10, 20, 20, 10, 20)}
	ps := []geodata.Pand{
		{ID: "A", Footprint: rect(0, 0, 6, 9), Bouwjaar: 1960, Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1},
		{ID: "B", Footprint: rect(0, 0, 6, 9), Bouwjaar: 1960, Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1},
		{ID: "C", Footprint: rect(3, 0, 6, 9), Bouwjaar: 9999, Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1},
		{ID: "D", Footprint: rect(1, 1, 2, 2), Bouwjaar: 0, BuildingType: "shed"},
		{ID: "E", Footprint: holed.Clone(), Bouwjaar: 1975, Gebruiksdoel: []string{"kantoorfunctie"}, Verblijfsobjecten: 1, OppervlakteM2: 1500},
		{ID: "F", Footprint: rect(40, 0, 0.01, 50), Bouwjaar: 2000, Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1},
		{ID: "G", Footprint: rect(5000, 5000, 8, 8), Bouwjaar: 1930, Gebruiksdoel: []string{"woonfunctie"}, Verblijfsobjecten: 1},
	}
	for i := range ps {
		ps[i].Status = "Pand in gebruik"
	}
	for _, streets := range [][]geodata.Street{nil, {{ID: "s", Line: orb.LineString{{-10, -5}, {60, -5}}}}} {
		in := Input{Panden: ps, Streets: streets}
		res, err := Scan(context.Background(), in, Options{})
		if err != nil {
			t.Fatalf("streets %d: %v", len(streets), err)
		}
		checkResult(t, in, res)
		if res.Buildings[2].Era != EraUnknown {
			t.Errorf("bouwjaar 9999 gave era %v", res.Buildings[2].Era)
		}
	}
}

func TestScanEmptyArea(t *testing.T) {
	t.Parallel()
	in := handStreet()
	in.Areas = []geodata.Area{{Code: "BU-empty", Kind: geodata.AreaBuurt, Geometry: orb.MultiPolygon{rect(1000, 1000, 50, 50)}}}
	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Areas[0]
	if a.Stock.Buildings != 0 || a.BestStrategy != "" || a.HeatDensityGJPerHa != 0 {
		t.Errorf("empty area: %d buildings, best %q, density %.1f", a.Stock.Buildings, a.BestStrategy, a.HeatDensityGJPerHa)
	}
	for _, s := range a.Strategies {
		if s.Feasible || s.Reason != "no heated buildings" {
			t.Errorf("empty area strategy %s: feasible %v, reason %q", s.Name, s.Feasible, s.Reason)
		}
	}
}

// TestScanAreasOutside: panden outside every given area land in an
// "outside every area" summary with a note, areas without a polygon are
// skipped and counted, and the input summary counts the areas.
func TestScanAreasOutside(t *testing.T) {
	t.Parallel()
	base := handStreet()
	cases := []struct {
		name                    string
		areas                   []geodata.Area
		rep                     geodata.Report
		wantInside, wantOutside int // panden
		wantUsed                int
		wantSkipped             map[string]int
		wantRead                int
		note                    string
	}{
		{"none inside", []geodata.Area{{Code: "far", Geometry: orb.MultiPolygon{rect(1000, 1000, 50, 50)}}},
			geodata.Report{}, 0, len(base.Panden), 1, nil, 1, "geen enkel pand ligt in het opgegeven gebied ("},
		{"part inside, one without polygon", []geodata.Area{{Code: "west", Geometry: orb.MultiPolygon{rect(-50, -50, 90, 150)}}, {Code: "null"}},
			geodata.Report{Read: 3, Skipped: map[string]int{"no geometry": 1}}, 6, len(base.Panden) - 6, 1,
			map[string]int{"no polygon": 1, "no geometry": 1}, 3, "buiten elk opgegeven gebied"},
		{"all inside", []geodata.Area{{Code: "all", Geometry: orb.MultiPolygon{rect(-50, -50, 200, 150)}}},
			geodata.Report{}, len(base.Panden), 0, 1, nil, 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := handStreet()
			in.Areas, in.AreasReport = c.areas, c.rep
			res, err := Scan(context.Background(), in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			inside, outside := 0, 0
			for _, a := range res.Areas {
				if a.Outside {
					outside += a.Stock.Buildings
					if a.Name != OutsideAreas {
						t.Errorf("outside summary named %q", a.Name)
					}
				} else {
					inside += a.Stock.Buildings
				}
			}
			if inside != c.wantInside || outside != c.wantOutside {
				t.Errorf("%d panden inside, %d outside, want %d and %d", inside, outside, c.wantInside, c.wantOutside)
			}
			if want := c.wantUsed + map[bool]int{true: 1}[c.wantOutside > 0]; len(res.Areas) != want {
				t.Errorf("%d area summaries, want %d", len(res.Areas), want)
			}
			found := c.note == ""
			for _, n := range res.Notes {
				found = found || strings.Contains(n, c.note)
				if c.note == "" && strings.Contains(n, OutsideAreas) {
					t.Errorf("note %q with every pand inside", n)
				}
			}
			if !found {
				t.Errorf("no note %q in %q", c.note, res.Notes)
			}
			if s := res.Input; s.AreasRead != c.wantRead || s.AreasUsed != c.wantUsed || fmt.Sprint(s.AreasSkipped) != fmt.Sprint(c.wantSkipped) {
				t.Errorf("areas read %d used %d skipped %v, want %d %d %v", s.AreasRead, s.AreasUsed, s.AreasSkipped, c.wantRead, c.wantUsed, c.wantSkipped)
			}
		})
	}
}

// TestScanNoStreetsHeatLoss: a network estimated from footprints loses
// net.estimate_loss_per_trench_metre over its trench all year (MT design
// temperatures), says so in a note, and the loss is priced: with the loss
// parameter at 1 W/m the geothermal option costs less.
func TestScanNoStreetsHeatLoss(t *testing.T) {
	t.Parallel()
	// a dense block of old flats, which a network serves
	var in Input
	for i := range 24 {
		in.Panden = append(in.Panden, geodata.Pand{ID: fmt.Sprintf("F%d", i), Footprint: rect(float64(i%6)*50, float64(i/6)*30, 40, 12),
			Bouwjaar: 1930, Levels: 5, Verblijfsobjecten: 20, Gebruiksdoel: []string{"woonfunctie"}, BuildingType: "apartments"})
	}
	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Network.Routed || res.Network.TrenchM <= 0 {
		t.Fatalf("want an estimated network with trench, have routed %v, %g m", res.Network.Routed, res.Network.TrenchM)
	}
	lp, err := kosten.Defaults().Get("net.estimate_loss_per_trench_metre")
	if err != nil {
		t.Fatal(err)
	}
	wpm := lp.Value
	want := res.Network.TrenchM * wpm * 8760 * 3600 / 1e9
	if lo := res.Network.HeatLoss.Min; lo <= 0 || math.Abs(lo-want) > 1e-9*want {
		t.Errorf("heat loss low end %g GJ, want %g m x %g W/m x 8760 h = %g GJ", lo, res.Network.TrenchM, wpm, want)
	}
	// the value: Hestia's 10.5 GJ per connection, when above the physics
	if v := max(want, 10.5*res.Network.Aansluitingen); math.Abs(res.Network.HeatLossGJ-v) > 1e-9*v {
		t.Errorf("heat loss %g GJ, want max(%g, 10.5 GJ x %g connections) = %g", res.Network.HeatLossGJ, want, res.Network.Aansluitingen, v)
	}
	// LT (50/30 C): 30 K mean above the 10 C ground against 45 K at 70/40 C
	pr := newPricer(kosten.Defaults())
	if mt, lt := estimateLossGJ(1000, designMT, pr), estimateLossGJ(1000, designLT, pr); math.Abs(lt-mt*30/45) > 1e-9*mt {
		t.Errorf("1 km: LT loss %g GJ, want MT %g x 30/45", lt, mt)
	}
	found := false
	for _, n := range res.Notes {
		found = found || strings.HasPrefix(n, "het warmteverlies van het net is een schatting")
	}
	if !found {
		t.Errorf("no note says the heat loss is an estimate: %q", res.Notes)
	}
	zero, err := kosten.Defaults().WithOverrides(strings.NewReader("name,value,unit\nnet.estimate_loss_per_trench_metre,1,W/m\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	res0, err := Scan(context.Background(), in, Options{Params: zero})
	if err != nil {
		t.Fatal(err)
	}
	if !(res0.Network.HeatLoss.Min < res.Network.HeatLoss.Min) {
		t.Errorf("loss parameter 1 W/m: heat loss low end %g GJ, default %g GJ", res0.Network.HeatLoss.Min, res.Network.HeatLoss.Min)
	}
	for i, s := range res.Strategies {
		if s.Name == string(OptionGeothermie) && s.Feasible && !(s.NationalCostEURPerYear.Value > res0.Strategies[i].NationalCostEURPerYear.Value) {
			t.Errorf("%s: %.0f EUR/yr with the loss, %.0f with 1 W/m: the loss is not priced", s.Name, s.NationalCostEURPerYear.Value, res0.Strategies[i].NationalCostEURPerYear.Value)
		}
	}
}

// TestScanExpansionNote: a plain note names the option the network was
// expanded for and says the other network options are priced on that same
// set of buildings; when mixed costs the same as that option it says so.
func TestScanExpansionNote(t *testing.T) {
	t.Parallel()
	var in Input
	for i := range 24 {
		in.Panden = append(in.Panden, geodata.Pand{ID: fmt.Sprintf("F%d", i), Footprint: rect(float64(i%6)*50, float64(i/6)*30, 40, 12),
			Bouwjaar: 1930, Levels: 5, Verblijfsobjecten: 20, Gebruiksdoel: []string{"woonfunctie"}, BuildingType: "apartments"})
	}
	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Network.Connected == 0 {
		t.Fatal("no building on the network")
	}
	kind := res.Network.Option
	var note string
	for _, n := range res.Notes {
		if strings.HasPrefix(n, "één warmtenet: ") {
			note = n
		}
	}
	if note == "" {
		t.Fatalf("no note on the expansion in %q", res.Notes)
	}
	if want := fmt.Sprintf("uitgebreid voor %s", kind); !strings.Contains(note, want) {
		t.Errorf("note %q does not say %q", note, want)
	}
	if want := fmt.Sprintf("doorgerekend op dezelfde %d aangesloten gebouwen", res.Network.Connected); !strings.Contains(note, want) {
		t.Errorf("note %q does not say %q", note, want)
	}
	for _, k := range OptionKinds {
		if k.Network() && k != kind && !strings.Contains(note, string(k)) {
			t.Errorf("note %q does not name %s", note, k)
		}
	}
	var mixed, own Band
	for _, s := range res.Strategies {
		switch s.Name {
		case StrategyMixed:
			mixed = s.NationalCostEURPerYear
		case string(kind):
			own = s.NationalCostEURPerYear
		}
	}
	if same := strings.Contains(note, "de mix ("); same != (mixed == own) {
		t.Errorf("mixed %v, %s %v; note says they are the same: %v", mixed, kind, own, same)
	}
}
