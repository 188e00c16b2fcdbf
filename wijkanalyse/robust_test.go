package wijkanalyse

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func robustInput() Input {
	in := handStreet()
	in.Streets = []geodata.Street{
		{ID: "s1", Line: orb.LineString{{-20, -8}, {120, -8}}},
		{ID: "s2", Line: orb.LineString{{-20, -8}, {-20, 60}}},
	}
	in.Areas = []geodata.Area{
		{Code: "west", Kind: geodata.AreaBuurt, Geometry: orb.MultiPolygon{rect(-50, -50, 90, 150)}},
		{Code: "east", Kind: geodata.AreaBuurt, Geometry: orb.MultiPolygon{rect(40, -50, 100, 150)}},
	}
	return in
}

// A prepared scan priced with its own parameters is the scan.
func TestPreparedScanIsScan(t *testing.T) {
	t.Parallel()
	in := robustInput()
	want, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pp, err := Prepare(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time from the route cache
		got, err := pp.Scan(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := mustJSON(t, Outcome(&got, 0)), mustJSON(t, Outcome(&want, 0)); a != b || got.Network.CostEUR != want.Network.CostEUR {
			t.Fatalf("prepared scan differs from Scan:\n%s\n%s", a, b)
		}
	}
}

func TestDraws(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pp, err := Prepare(ctx, robustInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r1, err := pp.Draws(ctx, DrawOptions{N: 20, Seed: 5, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Fresh preparation, other worker count: bit-identical.
	pp2, err := Prepare(ctx, robustInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := pp2.Draws(ctx, DrawOptions{N: 20, Seed: 5, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	j1, _ := json.Marshal(r1)
	j2, _ := json.Marshal(r2)
	if string(j1) != string(j2) {
		t.Fatalf("same seed, different answers:\n%s\n%s", j1, j2)
	}
	if len(r1.Areas) != 2 || r1.Draws != 20 || r1.SampledParameters == 0 || r1.HeldParameters == 0 {
		t.Fatalf("robustness %s", j1)
	}
	for _, sts := range [][]StrategyRobustness{r1.Strategies, r1.Areas[0].Strategies, r1.Areas[1].Strategies} {
		wins := 0
		for _, st := range sts {
			wins += st.Wins
			if st.WinShare != float64(st.Wins)/20 {
				t.Errorf("%s: win share %g for %d wins", st.Name, st.WinShare, st.Wins)
			}
			if st.FeasibleDraws > 0 && !(st.NationalCostEURPerYear.P5 <= st.NationalCostEURPerYear.P50 && st.NationalCostEURPerYear.P50 <= st.NationalCostEURPerYear.P95) {
				t.Errorf("%s: percentiles out of order %+v", st.Name, st.NationalCostEURPerYear)
			}
		}
		if wins != 20 {
			t.Errorf("%d wins over 20 draws", wins)
		}
	}
	// The draws spread: the gas reference's national cost is not one number.
	if p := r1.Strategies[0].NationalCostEURPerYear; !(p.P5 < p.P95) {
		t.Errorf("reference cost does not vary over draws: %+v", p)
	}
	r3, err := pp.Draws(ctx, DrawOptions{N: 20, Seed: 6, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, r1.Strategies) == mustJSON(t, r3.Strategies) {
		t.Error("seeds 5 and 6 give the same robustness")
	}
	if _, err := pp.Draws(ctx, DrawOptions{N: 0, Seed: 1, Workers: 1}); !errors.Is(err, kosten.ErrDraws) {
		t.Errorf("0 draws: %v", err)
	}
	if r1.Routing != "scan_network" {
		t.Errorf("routing %q", r1.Routing)
	}
}

// Draws on the scan's network route nothing; rerouted draws route what
// they need, and both are reproducible.
func TestDrawsRouting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pp, err := Prepare(ctx, robustInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pp.Scan(ctx, nil); err != nil {
		t.Fatal(err)
	}
	routed := pp.routes.routed
	if routed == 0 {
		t.Fatal("the scan routed nothing")
	}
	fixed, err := pp.Draws(ctx, DrawOptions{N: 10, Seed: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if pp.routes.routed != routed {
		t.Errorf("draws on the scan's network routed %d trees", pp.routes.routed-routed)
	}
	re1, err := pp.Draws(ctx, DrawOptions{N: 10, Seed: 3, Workers: 2, Reroute: true})
	if err != nil {
		t.Fatal(err)
	}
	re2, err := pp.Draws(ctx, DrawOptions{N: 10, Seed: 3, Workers: 1, Reroute: true})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, re1), mustJSON(t, re2); a != b {
		t.Errorf("rerouted draws differ between runs:\n%s\n%s", a, b)
	}
	if fixed.Routing != "scan_network" || re1.Routing != "reroute" {
		t.Errorf("routing %q, %q", fixed.Routing, re1.Routing)
	}
}

// A draw priced at the scan's own parameters on the scan's network is the
// scan.
func TestPlanAtCentralIsScan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pp, err := Prepare(ctx, robustInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := pp.Scan(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := pp.scanPlan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pp.price(ctx, pp.params, pp.opt, pl, true)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, Outcome(&got, 0)), mustJSON(t, Outcome(&want, 0)); a != b {
		t.Errorf("plan at central prices:\n%s\nscan:\n%s", a, b)
	}
}

func TestSummariseAnyOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pp, err := Prepare(ctx, robustInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := kosten.NewSampler(pp.Params())
	var outs []DrawOutcome
	for i := 4; i >= 0; i-- {
		o, err := pp.Draw(ctx, s, 9, i, true)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, o)
	}
	got, err := Summarise(s, 9, true, outs)
	if err != nil {
		t.Fatal(err)
	}
	want, err := pp.Draws(ctx, DrawOptions{N: 5, Seed: 9, Workers: 2, Reroute: true})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, got), mustJSON(t, want); a != b {
		t.Errorf("Summarise of reversed draws:\n%s\nDraws:\n%s", a, b)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
