package benchmarks

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// TestSteinerReduceAB compares the default solve with the reductions
// (warmtenet/reduce.go) against the same solve without them
// (Steiner.NoReduce) on SteinLib B and C (proven optima), the synthetic
// street graphs of 45,000 and 150,000 nodes and the Delft demo's street
// graph, alternating the two sides ROUNDS times (default 3) and keeping
// each side's least CPU time per instance. It prints the markdown tables
// of benchmarks/README.md ("warmtenet: reductions before the search").
// It takes a few minutes, so it runs only with WIJKWARMTE_REDUCE_AB=1:
//
//	WIJKWARMTE_REDUCE_AB=1 go test ./benchmarks -run TestSteinerReduceAB -v -timeout 30m
func TestSteinerReduceAB(t *testing.T) {
	if os.Getenv("WIJKWARMTE_REDUCE_AB") != "1" {
		t.Skip("set WIJKWARMTE_REDUCE_AB=1 to run the A/B of the reductions")
	}
	rounds := 3
	if r, err := strconv.Atoi(os.Getenv("ROUNDS")); err == nil && r > 0 {
		rounds = r
	}
	type instance struct {
		set, name string
		g         *warmtenet.Graph
		terms     []int32
		opt       float64 // NaN when unknown
	}
	var insts []instance
	dir := filepath.Join("..", "testdata", "steinlib")
	f, err := os.Open(filepath.Join(dir, "optima.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		sf, err := os.Open(filepath.Join(dir, r[2]))
		if err != nil {
			t.Fatal(err)
		}
		p, err := warmtenet.ReadSTP(sf)
		sf.Close()
		if err != nil {
			t.Fatal(err)
		}
		opt, _ := strconv.ParseFloat(r[6], 64)
		insts = append(insts, instance{r[0], r[1], p.Graph, p.Terminals, opt})
	}
	for _, sz := range []struct{ n, k int }{{45_000, 5_000}, {150_000, 15_000}} {
		fx := streetGraph(sz.n, sz.k)
		insts = append(insts, instance{"synthetic", sizeName(sz.n, sz.k), fx.g, fx.terms, math.NaN()})
	}
	dg, dterms := delftSteiner(t)
	insts = append(insts, instance{"Delft", "Wippolder streets", dg, dterms, math.NaN()})

	type result struct {
		w, lb, gap float64
		cpu        time.Duration
		red        warmtenet.Reduction
	}
	solve := func(s *warmtenet.Steiner, in instance) result {
		c0 := steinerCPU()
		edges, w, err := s.Tree(nil, in.g, in.terms)
		cpu := steinerCPU() - c0
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		var sum float64
		for _, e := range edges {
			sum += in.g.Weight[e]
		}
		if math.Abs(sum-w) > 1e-9*math.Max(1, w) {
			t.Fatalf("%s: weight %v, its edges sum to %v", in.name, w, sum)
		}
		if !math.IsNaN(in.opt) && (w < in.opt-1e-9 || s.LowerBound > in.opt*(1+1e-12)) {
			t.Fatalf("%s: weight %v, bound %v, optimum %v", in.name, w, s.LowerBound, in.opt)
		}
		return result{w, s.LowerBound, s.Gap, cpu, s.Reduction}
	}
	var tab strings.Builder
	fmt.Fprintf(&tab, "| set | instance | nodes / edges / terminals | reduced | contracted | exact | optimum | old weight | old gap | old certified gap | old ms | new weight | new gap | new certified gap | new ms |\n")
	fmt.Fprintf(&tab, "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	type agg struct {
		n                        int
		oldGap, newGap           float64
		oldWorst, newWorst       float64
		oldMS, newMS, oldMax, nm float64
	}
	sets := map[string]*agg{}
	var order []string
	for _, in := range insts {
		var oldR, newR result
		for r := range rounds {
			old := warmtenet.NewSteiner()
			old.NoReduce = true
			nw := warmtenet.NewSteiner()
			a, b := solve(old, in), solve(nw, in)
			if r == 0 || a.cpu < oldR.cpu {
				oldR = a
			}
			if r == 0 || b.cpu < newR.cpu {
				newR = b
			}
		}
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		gap := func(w float64) float64 { return 100 * (w - in.opt) / in.opt }
		rd := newR.red
		og, ng := "-", "-"
		if !math.IsNaN(in.opt) {
			og, ng = fmt.Sprintf("%.2f %%", gap(oldR.w)), fmt.Sprintf("%.2f %%", gap(newR.w))
		}
		fmt.Fprintf(&tab, "| %s | %s | %d / %d / %d | %d / %d / %d | %d | %v | %s | %.0f | %s | %.2f %% | %.1f | %.0f | %s | %.2f %% | %.1f |\n",
			in.set, in.name, rd.Nodes, rd.Edges, rd.Terminals, rd.ReducedNodes, rd.ReducedEdges, rd.ReducedTerminals,
			rd.Contracted, rd.Exact, strconv.FormatFloat(in.opt, 'f', -1, 64), oldR.w, og, 100*oldR.gap, ms(oldR.cpu), newR.w, ng, 100*newR.gap, ms(newR.cpu))
		a := sets[in.set]
		if a == nil {
			a = &agg{}
			sets[in.set] = a
			order = append(order, in.set)
		}
		a.n++
		a.oldMS += ms(oldR.cpu)
		a.newMS += ms(newR.cpu)
		a.oldMax = max(a.oldMax, ms(oldR.cpu))
		a.nm = max(a.nm, ms(newR.cpu))
		if !math.IsNaN(in.opt) {
			a.oldGap += gap(oldR.w)
			a.newGap += gap(newR.w)
			a.oldWorst = max(a.oldWorst, gap(oldR.w))
			a.newWorst = max(a.newWorst, gap(newR.w))
		}
	}
	fmt.Fprintf(&tab, "\n| set | instances | old mean gap | old worst | new mean gap | new worst | old mean ms | old max ms | new mean ms | new max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, name := range order {
		a := sets[name]
		k := float64(a.n)
		gaps := "- | - | - | -"
		if a.oldGap != 0 || a.newGap != 0 || name == "B" || name == "C" {
			gaps = fmt.Sprintf("%.3f %% | %.2f %% | %.3f %% | %.2f %%", a.oldGap/k, a.oldWorst, a.newGap/k, a.newWorst)
		}
		fmt.Fprintf(&tab, "| %s | %d | %s | %.1f | %.1f | %.1f | %.1f |\n",
			name, a.n, gaps, a.oldMS/k, a.oldMax, a.newMS/k, a.nm)
	}
	t.Logf("%d rounds, least CPU time per side\n%s", rounds, tab.String())
}

// BenchmarkSteinerDefault150k times the default solve (Steiner.Tree with
// MaxWork 0: reductions, dual-ascent bound, the quality budget) of the
// 150,000-node synthetic street graph with 15,000 terminals, a new
// Steiner per solve as in TestSteinerReduceAB; the target is at
// most 0.5 s on one core. It reports the tree weight, the certified gap
// and the process CPU time per solve.
//
//	go test ./benchmarks -run XXX -bench SteinerDefault150k -benchtime 3x -cpu 1
func BenchmarkSteinerDefault150k(b *testing.B) {
	f := streetGraph(150_000, 15_000)
	var w, gap float64
	c0 := steinerCPU()
	for b.Loop() {
		s := warmtenet.NewSteiner()
		var err error
		if _, w, err = s.Tree(nil, f.g, f.terms); err != nil {
			b.Fatal(err)
		}
		gap = s.Gap
	}
	b.ReportMetric(float64((steinerCPU()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(w, "m")
	b.ReportMetric(100*gap, "gap-%")
}

// BenchmarkSteinerDefault150kCold is BenchmarkSteinerDefault150k with each
// solve on fresh memory (coldLoop), as the one solve of a `wijkwarmte
// steiner` process: it reports the page faults and the CPU time of the
// solves alone.
//
//	go test ./benchmarks -run XXX -bench SteinerDefault150kCold -benchtime 3x -cpu 1
func BenchmarkSteinerDefault150kCold(b *testing.B) {
	f := streetGraph(150_000, 15_000)
	coldLoop(b, func() {
		if _, _, err := warmtenet.NewSteiner().Tree(nil, f.g, f.terms); err != nil {
			b.Fatal(err)
		}
	})
}

// TestSteinerDefaultTable prints, per SteinLib instance of
// testdata/steinlib (sets B, C, ES20FST, ES50FST, ES100FST), the default
// solve's weight, its gap to the proven optimum, the lower bound it
// certifies (checked never above the optimum, and the weight never below
// it) and its CPU time (the least of ROUNDS solves, default 3, each with
// a new Steiner), with each set's mean and worst gap, for
// benchmarks/README.md ("Quality: SteinLib B and C", "Quality: SteinLib
// ES50FST and ES100FST", "Quality: SteinLib ES20FST"). SETS, a
// comma-separated list of set names, restricts it to those sets. It runs
// only with WIJKWARMTE_STEINLIB_TABLE=1:
//
//	WIJKWARMTE_STEINLIB_TABLE=1 go test ./benchmarks -run TestSteinerDefaultTable -v
//	WIJKWARMTE_STEINLIB_TABLE=1 SETS=ES50FST,ES100FST go test ./benchmarks -run TestSteinerDefaultTable -v
func TestSteinerDefaultTable(t *testing.T) {
	if os.Getenv("WIJKWARMTE_STEINLIB_TABLE") != "1" {
		t.Skip("set WIJKWARMTE_STEINLIB_TABLE=1 to print the table")
	}
	rounds := 3
	if r, err := strconv.Atoi(os.Getenv("ROUNDS")); err == nil && r > 0 {
		rounds = r
	}
	var only map[string]bool
	if v := os.Getenv("SETS"); v != "" {
		only = map[string]bool{}
		for _, name := range strings.Split(v, ",") {
			only[strings.TrimSpace(name)] = true
		}
	}
	dir := filepath.Join("..", "testdata", "steinlib")
	f, err := os.Open(filepath.Join(dir, "optima.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var tab strings.Builder
	fmt.Fprintf(&tab, "| instance | nodes / edges / terminals | optimum | weight | gap | lower bound | bound below optimum | CPU ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	type agg struct {
		n, over2    int
		sum, worst  float64
		bound       float64
		ms, worstMS float64
	}
	sets := map[string]*agg{}
	var order []string
	for _, r := range rows[1:] {
		if only != nil && !only[r[0]] {
			continue
		}
		sf, err := os.Open(filepath.Join(dir, r[2]))
		if err != nil {
			t.Fatal(err)
		}
		p, err := warmtenet.ReadSTP(sf)
		sf.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n, m, k := strconv.Itoa(p.Graph.NumNodes()), strconv.Itoa(p.Graph.NumEdges()), strconv.Itoa(len(p.Terminals)); n != r[3] || m != r[4] || k != r[5] {
			t.Fatalf("%s: read %s nodes, %s edges, %s terminals; optima.csv says %s, %s, %s", r[1], n, m, k, r[3], r[4], r[5])
		}
		opt, err := strconv.ParseFloat(r[6], 64)
		if err != nil {
			t.Fatal(err)
		}
		var w, lb float64
		best := time.Duration(math.MaxInt64)
		for range rounds {
			s := warmtenet.NewSteiner()
			c0 := steinerCPU()
			_, w, err = s.Tree(nil, p.Graph, p.Terminals)
			best = min(best, steinerCPU()-c0)
			if err != nil {
				t.Fatalf("%s: %v", r[1], err)
			}
			lb = s.LowerBound
			if lb > opt*(1+1e-12) || w < opt-1e-9 {
				t.Fatalf("%s: weight %v, bound %v, optimum %v", r[1], w, lb, opt)
			}
		}
		gap := 100 * (w - opt) / opt
		ms := float64(best.Microseconds()) / 1000
		fmt.Fprintf(&tab, "| %s | %d / %d / %d | %.0f | %.0f | %.2f %% | %.0f | %.2f %% | %.1f |\n",
			r[1], p.Graph.NumNodes(), p.Graph.NumEdges(), len(p.Terminals), opt, w, gap, lb, 100*(opt-lb)/opt, ms)
		a := sets[r[0]]
		if a == nil {
			a = &agg{}
			sets[r[0]] = a
			order = append(order, r[0])
		}
		a.n++
		a.sum += gap
		a.worst = max(a.worst, gap)
		a.bound += 100 * (opt - lb) / opt
		if gap > 2 {
			a.over2++
		}
		a.ms += ms
		a.worstMS = max(a.worstMS, ms)
	}
	fmt.Fprintf(&tab, "\n| set | instances | mean gap | worst gap | above 2 %% | mean bound below optimum | mean CPU ms | max CPU ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, name := range order {
		a := sets[name]
		k := float64(a.n)
		fmt.Fprintf(&tab, "| %s | %d | %.3f %% | %.2f %% | %d | %.2f %% | %.1f | %.1f |\n", name, a.n, a.sum/k, a.worst, a.over2, a.bound/k, a.ms/k, a.worstMS)
	}
	t.Logf("%d rounds, least CPU time\n%s", rounds, tab.String())
}

// TestSteinerWork150k prints what the work budget buys on the
// 150,000-node synthetic street graph (15,000 terminals): per MaxWork
// (1 is Mehlhorn's tree plus the reductions), the tree weight, the
// certified gap and the process CPU time of one solve with a new
// Steiner, with the bound and without it (NoBound), for
// benchmarks/README.md ("150,000 nodes: where the time goes"). It runs
// only with WIJKWARMTE_WORK150K=1:
//
//	WIJKWARMTE_WORK150K=1 go test ./benchmarks -run TestSteinerWork150k -v
func TestSteinerWork150k(t *testing.T) {
	if os.Getenv("WIJKWARMTE_WORK150K") != "1" {
		t.Skip("set WIJKWARMTE_WORK150K=1 to print the budget series")
	}
	f := streetGraph(150_000, 15_000)
	var tab strings.Builder
	fmt.Fprintf(&tab, "| MaxWork | tree weight | certified gap | CPU ms | CPU ms with NoBound |\n|---:|---:|---:|---:|---:|\n")
	for _, work := range []int{1, 2_000_000, 5_000_000, 8_000_000, 10_000_000, 12_000_000, 15_000_000, 20_000_000, 40_000_000} {
		s := warmtenet.NewSteiner()
		s.MaxWork = work
		c0 := steinerCPU()
		_, w, err := s.Tree(nil, f.g, f.terms)
		cpu := steinerCPU() - c0
		if err != nil {
			t.Fatal(err)
		}
		gap := s.Gap
		s = warmtenet.NewSteiner()
		s.MaxWork, s.NoBound = work, true
		c0 = steinerCPU()
		_, w2, err := s.Tree(nil, f.g, f.terms)
		cpu2 := steinerCPU() - c0
		if err != nil {
			t.Fatal(err)
		}
		if w2 != w {
			t.Errorf("MaxWork %d: %v with the bound, %v without", work, w, w2)
		}
		fmt.Fprintf(&tab, "| %d | %.0f | %.2f %% | %d | %d |\n", work, w, 100*gap, cpu.Milliseconds(), cpu2.Milliseconds())
	}
	t.Logf("default budget here: %d\n%s", warmtenet.DefaultWork(f.g.NumNodes(), f.g.NumEdges()), tab.String())
}

// BenchmarkDualBound150k times Steiner.DualBound (Wong's dual ascent at
// its default work cap) on the 150,000-node synthetic street graph with
// 15,000 terminals, with s's buffers reused across runs (the ascent
// reaches its cap on this graph). It reports the bound and the process's
// CPU time per run (less moved by other processes on a shared host than
// ns/op).
//
//	go test ./benchmarks -run XXX -bench DualBound150k -benchtime 10x -cpu 1
func BenchmarkDualBound150k(b *testing.B) {
	f := streetGraph(150_000, 15_000)
	s := warmtenet.NewSteiner()
	var lb float64
	c0 := steinerCPU()
	for b.Loop() {
		var err error
		if lb, err = s.DualBound(f.g, f.terms); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((steinerCPU()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(lb, "bound-m")
}
