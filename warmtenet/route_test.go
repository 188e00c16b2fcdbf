package warmtenet_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/netfixture"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

func line(id, class string, pts ...float64) geodata.Street {
	var ls orb.LineString
	for i := 0; i+1 < len(pts); i += 2 {
		ls = append(ls, orb.Point{pts[i], pts[i+1]})
	}
	return geodata.Street{ID: id, Class: class, Line: ls}
}

func opts() warmtenet.Options {
	return warmtenet.Options{Catalogue: netfixture.Catalogue(), PipeCost: netfixture.PipeCost}
}

// checkTree asserts that the segments form one tree: every segment ends
// at a distinct node and nodes = segments + 1 (all joined).
func checkTree(t *testing.T, net *warmtenet.Network) {
	t.Helper()
	ids := map[orb.Point]int{}
	id := func(p orb.Point) int {
		// round to 1 mm: segment ends are copies of the same node point
		q := orb.Point{math.Round(p[0] * 1000), math.Round(p[1] * 1000)}
		if v, ok := ids[q]; ok {
			return v
		}
		ids[q] = len(ids)
		return ids[q]
	}
	parent := map[int]int{}
	var find func(int) int
	find = func(a int) int {
		if p, ok := parent[a]; ok && p != a {
			r := find(p)
			parent[a] = r
			return r
		}
		return a
	}
	downs := map[int]bool{}
	for _, s := range net.Segments {
		a, b := id(s.Line[0]), id(s.Line[len(s.Line)-1])
		if downs[b] {
			t.Errorf("node %v is the downstream end of two segments", s.Line[len(s.Line)-1])
		}
		downs[b] = true
		ra, rb := find(a), find(b)
		if ra == rb {
			t.Fatalf("segment %v closes a cycle", s.Line)
		}
		parent[ra] = rb
	}
	if len(ids) != len(net.Segments)+1 {
		t.Errorf("%d nodes, %d segments: not one tree", len(ids), len(net.Segments))
	}
	roots := map[orb.Point]bool{}
	for i, s := range net.Segments {
		if s.Parent < 0 {
			roots[s.Line[0]] = true
			continue
		}
		p := net.Segments[s.Parent].Line
		if s.Parent == i || p[len(p)-1] != s.Line[0] {
			t.Errorf("segment %d: parent %d does not end where it starts", i, s.Parent)
		}
	}
	if len(net.Segments) > 0 && len(roots) != 1 {
		t.Errorf("segments without parent start at %d points, want 1 (the source)", len(roots))
	}
}

func TestRouteTerminalsSplitOneEdge(t *testing.T) {
	t.Parallel()
	streets := []geodata.Street{line("a", "residential", 0, 0, 100, 0)}
	buildings := []warmtenet.Building{
		{ID: "b20", Point: orb.Point{20, 10}, PeakKW: 10},
		{ID: "b50s", Point: orb.Point{50, -8}, PeakKW: 10},
		{ID: "b80", Point: orb.Point{80, 5}, PeakKW: 10},
		{ID: "b50n", Point: orb.Point{50, 12}, PeakKW: 10},
		{ID: "far", Point: orb.Point{60, 150}, PeakKW: 10},
	}
	o := opts()
	o.Sources = []warmtenet.Source{{Name: "ketel", Point: orb.Point{0, -3}}}
	net, err := warmtenet.Route(context.Background(), streets, buildings, o)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	if net.Totals.Connections != 4 || len(net.Unreachable) != 1 {
		t.Fatalf("connections %d, unreachable %v", net.Totals.Connections, net.Unreachable)
	}
	if u := net.Unreachable[0]; u.ID != "far" || math.Abs(u.DistanceM-150) > 1e-9 || !strings.Contains(u.Reason, "100 m") {
		t.Errorf("unreachable = %+v, want far at 150 m", u)
	}
	// Street from the source's street point (0,0) to the last tee at x=80,
	// plus the 3 m source link; services 10+8+5+12 m.
	if math.Abs(net.Totals.TrenchM-83) > 1e-9 || math.Abs(net.Totals.ServiceM-35) > 1e-9 {
		t.Errorf("trench %v m, service %v m; want 83 and 35", net.Totals.TrenchM, net.Totals.ServiceM)
	}
	want := map[string]float64{"b20": 10, "b50s": 8, "b80": 5, "b50n": 12}
	streetSegs := 0
	for _, s := range net.Segments {
		switch s.Kind {
		case "service":
			if l, ok := want[s.BuildingID]; !ok || math.Abs(s.LengthM-l) > 1e-9 {
				t.Errorf("service of %s: %v m", s.BuildingID, s.LengthM)
			}
			delete(want, s.BuildingID)
			if s.Buildings != 1 || s.PeakKW != 10 {
				t.Errorf("service of %s carries %v kW for %d buildings", s.BuildingID, s.PeakKW, s.Buildings)
			}
		case "street":
			streetSegs++
		}
	}
	if len(want) != 0 {
		t.Errorf("no service pipe for %v", want)
	}
	// The edge is split at x = 20, 50 (two buildings, one tee) and 80.
	if streetSegs != 3 {
		t.Errorf("%d street segments, want 3 (split at 20, 50, 80)", streetSegs)
	}
	// Loads decrease downstream: the first street piece carries all four
	// buildings at f(4) = 0.62 + 0.38/4.
	for _, s := range net.Segments {
		if s.Kind == "street" && s.Line[0][0] == 0 {
			if s.Buildings != 4 || math.Abs(s.PeakKW-40*(0.62+0.38/4)) > 1e-9 {
				t.Errorf("first street piece: %d buildings, %v kW", s.Buildings, s.PeakKW)
			}
		}
	}
}

func TestRouteComponentWithoutSource(t *testing.T) {
	t.Parallel()
	streets := []geodata.Street{
		line("main", "residential", 0, 0, 100, 0),
		line("island", "residential", 1000, 0, 1050, 0),
	}
	buildings := []warmtenet.Building{
		{ID: "a", Point: orb.Point{50, 10}, PeakKW: 10},
		{ID: "b", Point: orb.Point{70, 10}, PeakKW: 10},
		{ID: "c", Point: orb.Point{1020, 10}, PeakKW: 10},
	}
	net, err := warmtenet.Route(context.Background(), streets, buildings, opts())
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	if len(net.Components) != 2 || !net.Components[0].Served || net.Components[1].Served || net.Components[1].Buildings != 1 {
		t.Errorf("components %+v", net.Components)
	}
	if len(net.Unreachable) != 1 || net.Unreachable[0].ID != "c" || net.Unreachable[0].DistanceM != 10 ||
		!strings.Contains(net.Unreachable[0].Reason, "no source") {
		t.Errorf("unreachable %+v", net.Unreachable)
	}
	if !strings.HasPrefix(net.SourceChosen, "no source given") {
		t.Errorf("SourceChosen = %q", net.SourceChosen)
	}
	// Two equal buildings: the chosen source lies between their tees.
	if p := net.Sources[0].Point; p[1] != 0 || p[0] < 50 || p[0] > 70 {
		t.Errorf("chosen source at %v, want on the street between x=50 and x=70", p)
	}
}

func TestRouteSizing(t *testing.T) {
	t.Parallel()
	// One 100 kW building 10 m off a 50 m street fed at its start. At
	// 75/45 C (30 K) the pressure gradient is 161 Pa/m in DN32 and 592 Pa/m
	// in DN25 (Darcy-Weisbach, Swamee-Jain; see TestPressureGradient), so
	// every pipe is DN32. DN32 loses (0.1796-0.00535)(75+45-20) = 17.425
	// W/m: 60 m x 17.425 W x 8760 h = 32.97 GJ/yr. Cost at 727.9 EUR/m.
	streets := []geodata.Street{line("a", "residential", 0, 0, 50, 0)}
	buildings := []warmtenet.Building{{ID: "b", Point: orb.Point{50, 10}, PeakKW: 100}}
	o := opts()
	o.Sources = []warmtenet.Source{{Name: "s", Point: orb.Point{0, 0}, CapacityKW: 80}}
	net, err := warmtenet.Route(context.Background(), streets, buildings, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range net.Segments {
		if s.DN != 32 {
			t.Errorf("%s segment DN%d, want DN32", s.Kind, s.DN)
		}
	}
	const lossW = (0.1796 - 0.00535) * (75 + 45 - 20)
	if got, want := net.Totals.HeatLossGJ, 60*lossW*8760*3600/1e9; math.Abs(got-want) > 1e-9 || math.Abs(got-32.97) > 0.01 {
		t.Errorf("heat loss %v GJ/yr, want %v", got, want)
	}
	if got := net.Totals.CostEUR; math.Abs(got-60*727.9) > 1e-6 {
		t.Errorf("cost %v EUR, want %v", got, 60*727.9)
	}
	if s := net.Sources[0]; s.PeakKW != 100 || !s.Exceeded {
		t.Errorf("source load %+v, want 100 kW exceeding 80 kW", s)
	}
}

func TestRouteClassCostFactor(t *testing.T) {
	t.Parallel()
	// A 100 m main road or a 160 m residential detour to the same corner.
	streets := []geodata.Street{
		line("main", "primary", 0, 0, 100, 0),
		line("detour", "residential", 0, 0, 0, 30, 100, 30, 100, 0),
	}
	buildings := []warmtenet.Building{{ID: "b", Point: orb.Point{100, -5}, PeakKW: 10}}
	for _, tc := range []struct {
		factor float64
		trench float64
	}{{1, 100}, {3, 160}} {
		o := opts()
		o.Sources = []warmtenet.Source{{Name: "s", Point: orb.Point{0, 0}}}
		o.ClassCostFactor = map[string]float64{"primary": tc.factor}
		net, err := warmtenet.Route(context.Background(), streets, buildings, o)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(net.Totals.TrenchM-tc.trench) > 1e-9 {
			t.Errorf("primary factor %v: trench %v m, want %v", tc.factor, net.Totals.TrenchM, tc.trench)
		}
	}
}

func TestRouteTwoSources(t *testing.T) {
	t.Parallel()
	streets := []geodata.Street{line("a", "residential", 0, 0, 1000, 0)}
	var buildings []warmtenet.Building
	for x := 50.0; x < 1000; x += 100 {
		buildings = append(buildings, warmtenet.Building{ID: "b", Point: orb.Point{x, 10}, PeakKW: 10})
	}
	o := opts()
	o.Sources = []warmtenet.Source{{Name: "west", Point: orb.Point{0, 0}}, {Name: "east", Point: orb.Point{1000, 0}}}
	net, err := warmtenet.Route(context.Background(), streets, buildings, o)
	if err != nil {
		t.Fatal(err)
	}
	if net.Totals.Connections != 10 {
		t.Fatalf("connections %d", net.Totals.Connections)
	}
	n := 0
	for _, s := range net.Sources {
		n += s.Buildings
	}
	if n != 10 {
		t.Errorf("sources feed %d buildings in all, want 10: %+v", n, net.Sources)
	}
	// A forest of two trees: nodes = segments + 2.
	if net.Totals.TrenchM >= 1000 {
		t.Errorf("trench %v m: the two sources should not be joined", net.Totals.TrenchM)
	}
}

func TestRouteErrors(t *testing.T) {
	t.Parallel()
	streets := []geodata.Street{line("a", "residential", 0, 0, 100, 0)}
	good := []warmtenet.Building{{ID: "ok", Point: orb.Point{1, 1}, PeakKW: 1}}
	bad := append(good, warmtenet.Building{ID: "0503100000000001", Point: orb.Point{1, 1}, PeakKW: -1})
	tests := []struct {
		name      string
		buildings []warmtenet.Building
		opt       func(*warmtenet.Options)
		want      error
	}{
		{"no catalogue", good, func(o *warmtenet.Options) { o.Catalogue = nil }, warmtenet.ErrOptions},
		{"no cost", good, func(o *warmtenet.Options) { o.PipeCost = nil }, warmtenet.ErrOptions},
		{"supply below return", good, func(o *warmtenet.Options) { o.SupplyC, o.ReturnC = 40, 70 }, warmtenet.ErrOptions},
		{"bad class factor", good, func(o *warmtenet.Options) { o.ClassCostFactor = map[string]float64{"x": -1} }, warmtenet.ErrOptions},
		{"negative load", bad, func(*warmtenet.Options) {}, warmtenet.ErrBadBuilding},
		{"bad catalogue", good, func(o *warmtenet.Options) {
			o.Catalogue = warmtenet.Catalogue{{DN: 20, InnerDiameterM: 0}}
		}, warmtenet.ErrCatalogue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := opts()
			tc.opt(&o)
			_, err := warmtenet.Route(context.Background(), streets, tc.buildings, o)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	_, err := warmtenet.Route(context.Background(), streets, bad, opts())
	var fe *geodata.FeatureError
	if !errors.As(err, &fe) || fe.Feature != 1 || fe.ID != "0503100000000001" {
		t.Errorf("err = %v, want a FeatureError at building 1", err)
	}
}

func TestPressureGradient(t *testing.T) {
	t.Parallel()
	// Figures computed independently (python, same formulas) at dT = 30 K.
	tests := []struct {
		kW, d, want float64
	}{
		{100, 0.0545, 25.48},  // DN50, Re 34742
		{100, 0.0372, 161.30}, // DN32
		{100, 0.0285, 591.52}, // DN25
		{10, 0.0217, 36.17},   // DN20
		{500, 0.0703, 136.75}, // DN65
		{500, 0.0545, 476.95}, // DN50
		{0, 0.05, 0},
	}
	for _, tc := range tests {
		if got := warmtenet.PressureGradient(tc.kW, tc.d, 30); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("PressureGradient(%v kW, %v m) = %.2f Pa/m, want %.2f", tc.kW, tc.d, got, tc.want)
		}
	}
}

func TestSimultaneity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		want float64
	}{{0, 0}, {1, 1}, {2, 0.81}, {4, 0.715}, {100, 0.6238}} {
		if got := warmtenet.Simultaneity(tc.n); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Simultaneity(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestRouteCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	streets := []geodata.Street{line("a", "residential", 0, 0, 100, 0)}
	buildings := []warmtenet.Building{{ID: "a", Point: orb.Point{10, 5}, PeakKW: 5}, {ID: "b", Point: orb.Point{90, 5}, PeakKW: 5}}
	if _, err := warmtenet.Route(ctx, streets, buildings, opts()); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestRouteOverloaded(t *testing.T) {
	t.Parallel()
	// DN20 carries 29.9 kW at 30 K within 250 Pa/m; 500 kW overloads it.
	streets := []geodata.Street{line("a", "residential", 0, 0, 50, 0)}
	buildings := []warmtenet.Building{{ID: "big", Point: orb.Point{50, 10}, PeakKW: 500}}
	o := opts()
	o.Catalogue = o.Catalogue[:1]
	o.Sources = []warmtenet.Source{{Name: "s", Point: orb.Point{0, 0}}}
	net, err := warmtenet.Route(context.Background(), streets, buildings, o)
	if err != nil {
		t.Fatal(err)
	}
	if net.Totals.Overloaded != len(net.Segments) || len(net.Segments) == 0 {
		t.Errorf("%d of %d segments overloaded, want all", net.Totals.Overloaded, len(net.Segments))
	}
	for _, s := range net.Segments {
		if !s.Overloaded || s.DN != 20 {
			t.Errorf("segment %+v: want overloaded DN20", s)
		}
	}
}

// TestRouteStreetGraph routes two member sets of the Delft demo over one
// street graph built beforehand (Options.StreetGraph) and checks that
// each network equals the one Route builds from the streets itself, and
// that a graph built with another snap tolerance or from other streets
// is refused.
func TestRouteStreetGraph(t *testing.T) {
	t.Parallel()
	streets, buildings := netfixture.Delft(t)
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, bs := range [][]warmtenet.Building{buildings[:400], buildings[200:900]} {
		o := opts()
		o.SteinerFast = true
		want, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		o.StreetGraph = sg
		got, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []*warmtenet.Network{got, want} { // NaN for a draft: not equal to itself
			n.SteinerWeight, n.SteinerLowerBound, n.SteinerGap = 0, 0, 0
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d buildings: the network over the given street graph differs from Route's own (trench %v against %v m)",
				len(bs), got.Totals.TrenchM, want.Totals.TrenchM)
		}
	}
	o := opts()
	o.StreetGraph = sg
	o.SnapToleranceM = 5
	if _, err := warmtenet.Route(context.Background(), streets, buildings[:10], o); !errors.Is(err, warmtenet.ErrOptions) {
		t.Errorf("graph built with the default snap tolerance, routed with 5 m: err %v, want ErrOptions", err)
	}
	o.SnapToleranceM = 0
	if _, err := warmtenet.Route(context.Background(), streets[:100], buildings[:10], o); !errors.Is(err, warmtenet.ErrOptions) {
		t.Errorf("graph of %d streets, routed over 100: err %v, want ErrOptions", len(streets), err)
	}
}

// TestRouteStartFrom routes Delft buildings at MT design temperatures,
// then again at LT (larger pipes for the smaller temperature difference)
// warm-started from the MT network (Options.StartFrom), and checks the
// warm LT network against the cold one: a tree connecting the same
// buildings, a lower bound that does not exceed its weight, and a cost
// within 1 % of the cold route's. It also checks that a network routed
// over another street graph is refused and that SteinerFast ignores the
// hint.
func TestRouteStartFrom(t *testing.T) {
	t.Parallel()
	streets, buildings := netfixture.Delft(t)
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, bs := range [][]warmtenet.Building{buildings[:500], buildings[300:1500]} {
		o := opts()
		o.StreetGraph = sg
		o.SupplyC, o.ReturnC = 70, 40
		mt, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		o.SupplyC, o.ReturnC = 50, 30
		cold, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		o.StartFrom = mt
		warm, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, warm)
		if warm.Totals.Connections != cold.Totals.Connections || warm.Totals.Connections == 0 {
			t.Errorf("%d buildings: warm start connects %d, cold %d", len(bs), warm.Totals.Connections, cold.Totals.Connections)
		}
		if !(warm.SteinerLowerBound <= warm.SteinerWeight*(1+1e-9)) || !(warm.SteinerGap >= 0) {
			t.Errorf("%d buildings: warm start certificate: weight %v, bound %v, gap %v", len(bs), warm.SteinerWeight, warm.SteinerLowerBound, warm.SteinerGap)
		}
		if r := warm.Totals.CostEUR / cold.Totals.CostEUR; !(r < 1.01) {
			t.Errorf("%d buildings: warm-started LT network costs %.0f EUR, cold %.0f (%.2f %% more)", len(bs), warm.Totals.CostEUR, cold.Totals.CostEUR, (r-1)*100)
		}
		t.Logf("%d buildings: LT cold %.0f EUR (gap %.3f %%), warm from MT %.0f EUR (gap %.3f %%)",
			len(bs), cold.Totals.CostEUR, 100*cold.SteinerGap, warm.Totals.CostEUR, 100*warm.SteinerGap)

		o.SteinerFast = true
		fastWarm, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		o.StartFrom = nil
		fastCold, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fastWarm.Totals, fastCold.Totals) {
			t.Errorf("%d buildings: SteinerFast with StartFrom gives %+v, without %+v", len(bs), fastWarm.Totals, fastCold.Totals)
		}
	}
	mt, err := warmtenet.Route(context.Background(), streets, buildings[:50], opts()) // its own street graph
	if err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.StreetGraph, o.StartFrom = sg, mt
	if _, err := warmtenet.Route(context.Background(), streets, buildings[:50], o); !errors.Is(err, warmtenet.ErrOptions) {
		t.Errorf("StartFrom routed over another street graph: err %v, want ErrOptions", err)
	}
}

// TestRouteStartFromShares: a route started from a network set up from
// the same attachments (the LT network after the MT one) takes that
// network's routing network and source choice, and gives the same
// Network as attaching and choosing again; other buildings, or given
// sources, share what is the same and leave the earlier network as it
// was.
func TestRouteStartFromShares(t *testing.T) {
	t.Parallel()
	streets, buildings := netfixture.Delft(t)
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bs := buildings[200:900]
	two := []warmtenet.Source{{Name: "a", Point: bs[0].Point}, {Name: "b", Point: bs[len(bs)-1].Point}}
	for _, tc := range []struct {
		name    string
		sources []warmtenet.Source
		lt      []warmtenet.Building // the LT network's buildings
		shared  bool
	}{
		{"same buildings", nil, bs, true},
		{"one building fewer", nil, bs[1:], false},
		{"two sources", two, bs, true},
	} {
		o := opts()
		o.StreetGraph, o.Sources = sg, tc.sources
		o.SupplyC, o.ReturnC = 70, 40
		mt, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		o.SupplyC, o.ReturnC = 50, 30
		o.StartFrom = mt
		shared, err := warmtenet.Route(context.Background(), streets, tc.lt, o)
		if err != nil {
			t.Fatal(err)
		}
		o.StartFrom = warmtenet.Unshared(mt)
		unshared, err := warmtenet.Route(context.Background(), streets, tc.lt, o)
		if err != nil {
			t.Fatal(err)
		}
		if got := warmtenet.SharesNetwork(shared, mt); got != tc.shared {
			t.Errorf("%s: shares the MT routing network: %v, want %v", tc.name, got, tc.shared)
		}
		if warmtenet.SharesNetwork(unshared, mt) {
			t.Errorf("%s: the unshared route shares the MT routing network", tc.name)
		}
		if shared.Totals.Connections == 0 {
			t.Fatalf("%s: nothing connected", tc.name)
		}
		if !reflect.DeepEqual(shared, unshared) {
			t.Errorf("%s: shared LT network %+v differs from the unshared one %+v", tc.name, shared.Totals, unshared.Totals)
		}
		// The MT network is as routed: routing it again gives it.
		o.SupplyC, o.ReturnC, o.StartFrom = 70, 40, nil
		again, err := warmtenet.Route(context.Background(), streets, bs, o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(mt, again) {
			t.Errorf("%s: the MT network changed after the LT routes started from it", tc.name)
		}
	}
}
