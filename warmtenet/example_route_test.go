package warmtenet_test

import (
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// A T junction drawn as two lines whose ends miss each other by 0.6 m:
// the 1 m snap tolerance joins them and the through street is split.
func ExampleNewStreetGraph() {
	streets := []geodata.Street{
		{ID: "a", Line: orb.LineString{{0, 0}, {100, 0}}},
		{ID: "b", Line: orb.LineString{{50, 0.6}, {50, 80}}},
		{ID: "dup", Line: orb.LineString{{100, 0}, {0, 0}}},
	}
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{SnapToleranceM: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	st := sg.Stats
	fmt.Printf("%d nodes, %d edges, %d component(s), %.1f m\n", st.Nodes, st.Edges, len(sg.Components), st.TotalLengthM)
	fmt.Printf("snapped %d end(s), largest gap %.1f m; %d duplicate(s) removed\n", st.SnappedEnds, st.MaxSnapGapM, st.Duplicates)
	// Output:
	// 4 nodes, 3 edges, 1 component(s), 180.0 m
	// snapped 1 end(s), largest gap 0.6 m; 2 duplicate(s) removed
}

// Route three houses on one street from a source at its west end, with a
// two-pipe catalogue and flat prices (the real ones come from kosten and
// the MESIDO/Logstor table).
func ExampleRoute() {
	streets := []geodata.Street{{ID: "straat", Class: "residential", Line: orb.LineString{{0, 0}, {120, 0}}}}
	buildings := []warmtenet.Building{
		{ID: "huis-1", Point: orb.Point{30, 12}, PeakKW: 8},
		{ID: "huis-2", Point: orb.Point{60, -10}, PeakKW: 8},
		{ID: "huis-3", Point: orb.Point{90, 12}, PeakKW: 8},
	}
	cat := warmtenet.Catalogue{ // Steel-S1 DN20 and DN25 (MESIDO EDR, Logstor 2020.03)
		{DN: 20, InnerDiameterM: 0.0217, U1: 0.1426, U2: 0.00364},
		{DN: 25, InnerDiameterM: 0.0285, U1: 0.1760, U2: 0.00554},
	}
	net, err := warmtenet.Route(context.Background(), streets, buildings, warmtenet.Options{
		Sources:   []warmtenet.Source{{Name: "ketel", Point: orb.Point{0, -5}}},
		Catalogue: cat,
		PipeCost:  func(dn int) float64 { return 700 + float64(dn) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range net.Segments {
		if !s.Service {
			fmt.Printf("%-6s %3.0f m  %4.1f kW  n=%d  DN%d\n", s.Kind, s.LengthM, s.PeakKW, s.Buildings, s.DN)
		}
	}
	t := net.Totals
	fmt.Printf("trench %.0f m, service %.0f m, %d connections, %.1f GJ/yr lost, EUR %.0f\n",
		t.TrenchM, t.ServiceM, t.Connections, t.HeatLossGJ, math.Round(t.CostEUR))
	// Output:
	// street  30 m  17.9 kW  n=3  DN20
	// street  30 m  13.0 kW  n=2  DN20
	// street  30 m   8.0 kW  n=1  DN20
	// source   5 m  17.9 kW  n=3  DN20
	// trench 95 m, service 34 m, 3 connections, 56.5 GJ/yr lost, EUR 92880
}
