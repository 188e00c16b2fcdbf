package warmtenet_test

import (
	"bytes"
	"context"
	"flag"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/internal/netfixture"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

var updateSVG = flag.Bool("update-svg", false, "rewrite docs/delft-network.svg from the Delft demo route")

// TestRouteDelft routes every pand of the Delft Wippolder demo over the
// OSM streets of the extract with an automatically placed source and
// checks that every building with a street within MaxServiceDistanceM
// (measured independently with orb/planar on the raw lines) is connected
// and that the network is one tree.
func TestRouteDelft(t *testing.T) {
	t.Parallel()
	streets, buildings := netfixture.Delft(t)
	net, err := warmtenet.Route(context.Background(), streets, buildings, opts())
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	// The kept tree is certified in its round's prices: the bound is below
	// it and the gap is their ratio.
	if lb, w := net.SteinerLowerBound, net.SteinerWeight; !(lb > 0 && lb <= w) || math.Abs(net.SteinerGap-(w/lb-1)) > 1e-12 {
		t.Errorf("certificate: weight %v, lower bound %v, gap %v", w, lb, net.SteinerGap)
	}
	connected := map[string]int{}
	for _, s := range net.Segments {
		if s.Service {
			connected[s.BuildingID]++
		}
	}
	unreach := map[string]warmtenet.Unreachable{}
	for _, u := range net.Unreachable {
		unreach[u.ID] = u
	}
	var inReach int
	var farPts []orb.Point
	for _, b := range buildings {
		d := math.Inf(1)
		for _, s := range streets {
			d = math.Min(d, planar.DistanceFrom(s.Line, b.Point))
		}
		switch {
		case d <= warmtenet.DefaultMaxServiceDistanceM:
			inReach++
			if connected[b.ID] != 1 {
				t.Errorf("building %s, %.1f m from a street, has %d service pipes (unreachable: %+v)", b.ID, d, connected[b.ID], unreach[b.ID])
			}
		default:
			farPts = append(farPts, b.Point)
			u, ok := unreach[b.ID]
			if !ok || math.Abs(u.DistanceM-d) > 1e-6 {
				t.Errorf("building %s is %.1f m from any street; reported %+v", b.ID, d, u)
			}
		}
	}
	if net.Totals.Connections != inReach || net.Totals.Connections+net.Totals.Unreachable != len(buildings) {
		t.Errorf("connections %d + unreachable %d; %d buildings, %d in reach", net.Totals.Connections, net.Totals.Unreachable, len(buildings), inReach)
	}
	tt := net.Totals
	t.Logf("%d streets -> %d nodes, %d edges, %d components (largest %.0f m); %d zero-length, %d duplicates, %d ends snapped (max gap %.2f m)",
		len(streets), net.Streets.Nodes, net.Streets.Edges, len(net.Components), net.Components[0].LengthM,
		net.Streets.ZeroLength, net.Streets.Duplicates, net.Streets.SnappedEnds, net.Streets.MaxSnapGapM)
	t.Logf("%d buildings: %d connected, %d unreachable; trench %.0f m, service %.0f m, peak %.0f kW, loss %.0f GJ/yr, cost %.0f EUR; rounds %d %v stable=%v",
		len(buildings), tt.Connections, tt.Unreachable, tt.TrenchM, tt.ServiceM, tt.PeakKW, tt.HeatLossGJ, tt.CostEUR, net.Iterations, net.CostByRound, net.Stable)
	t.Logf("source: %s", net.SourceChosen)
	for _, u := range net.Unreachable {
		t.Logf("unreachable: %s at %.1f m (%s)", u.ID, u.DistanceM, u.Reason)
	}
	for _, c := range net.Components {
		if c.Buildings > 0 || c.ID < 3 {
			t.Logf("street component %d: %d nodes, %.0f m, served %v, nearest street of %d buildings", c.ID, c.Nodes, c.LengthM, c.Served, c.Buildings)
		}
	}
	for _, d := range tt.ByDN {
		t.Logf("DN%-4d trench %7.0f m  service %7.0f m", d.DN, d.TrenchM, d.ServiceM)
	}
	if *updateSVG {
		var buf bytes.Buffer
		title := "Delft Wippolder (OSM): routed heat network, auto-placed source (black square); test loads 50 W/m2"
		if err := warmtenet.WriteSVG(&buf, streets, net, farPts, warmtenet.SVGOptions{Title: title}); err != nil {
			t.Fatal(err)
		}
		_, file, _, _ := runtime.Caller(0)
		out := filepath.Join(filepath.Dir(file), "..", "docs", "delft-network.svg")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
