package warmtenet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// checkTree fails t unless edges form a tree of g that spans terminals,
// whose leaves are all terminals and whose weight is weight.
func checkTree(t *testing.T, g *Graph, terminals, edges []int32, weight float64) {
	t.Helper()
	isTerm := map[int32]bool{}
	for _, v := range terminals {
		isTerm[v] = true
	}
	if len(isTerm) <= 1 {
		if len(edges) != 0 || weight != 0 {
			t.Fatalf("%d terminals: got %d edges of weight %v, want none", len(isTerm), len(edges), weight)
		}
		return
	}
	deg := map[int32]int{}
	parent := map[int32]int32{}
	var root func(int32) int32
	root = func(x int32) int32 {
		if p, ok := parent[x]; ok && p != x {
			r := root(p)
			parent[x] = r
			return r
		}
		return x
	}
	var sum float64
	seen := map[int32]bool{}
	for _, e := range edges {
		if seen[e] {
			t.Fatalf("edge %d twice", e)
		}
		seen[e] = true
		u, v := g.EdgeU[e], g.EdgeV[e]
		deg[u]++
		deg[v]++
		sum += g.Weight[e]
		ru, rv := root(u), root(v)
		if ru == rv {
			t.Fatalf("edge %d (%d-%d) closes a cycle", e, u, v)
		}
		parent[ru] = rv
	}
	if len(edges) != len(deg)-1 {
		t.Fatalf("%d edges on %d nodes: not a tree", len(edges), len(deg))
	}
	for v := range isTerm {
		if deg[v] == 0 {
			t.Fatalf("terminal %d not in the tree", v)
		}
	}
	for v, d := range deg {
		if d == 1 && !isTerm[v] {
			t.Fatalf("non-terminal leaf %d", v)
		}
	}
	if math.Abs(sum-weight) > 1e-9*math.Max(1, sum) {
		t.Fatalf("weight %v, edges sum to %v", weight, sum)
	}
}

func mustGraph(t testing.TB, n int, edges [][3]float64) *Graph {
	t.Helper()
	var u, v []int32
	var w []float64
	for _, e := range edges {
		u, v, w = append(u, int32(e[0])), append(v, int32(e[1])), append(w, e[2])
	}
	g, err := NewGraph(n, u, v, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestSteinerCases(t *testing.T) {
	t.Parallel()
	star := [][3]float64{{0, 3, 1}, {1, 3, 1}, {2, 3, 1}, {0, 1, 1.9}, {1, 2, 1.9}, {0, 2, 1.9}}
	cases := []struct {
		name      string
		n         int
		edges     [][3]float64
		terminals []int32
		want      float64
		err       error
	}{
		{"no terminals", 3, [][3]float64{{0, 1, 1}}, nil, 0, nil},
		{"one terminal", 3, [][3]float64{{0, 1, 1}}, []int32{1}, 0, nil},
		{"one terminal twice", 3, [][3]float64{{0, 1, 1}}, []int32{1, 1}, 0, nil},
		{"path", 4, [][3]float64{{0, 1, 1}, {1, 2, 2}, {2, 3, 4}}, []int32{0, 3}, 7, nil},
		{"duplicates", 4, [][3]float64{{0, 1, 1}, {1, 2, 2}, {2, 3, 4}}, []int32{3, 0, 3, 0}, 7, nil},
		{"star beats triangle", 4, star, []int32{0, 1, 2}, 3, nil},
		{"parallel edges", 2, [][3]float64{{0, 1, 5}, {1, 0, 2}, {0, 1, 3}}, []int32{0, 1}, 2, nil},
		{"zero weights", 4, [][3]float64{{0, 1, 0}, {1, 2, 0}, {2, 3, 0}, {0, 3, 1}}, []int32{0, 3}, 0, nil},
		{"disconnected", 4, [][3]float64{{0, 1, 1}, {2, 3, 1}}, []int32{0, 3}, 0, ErrDisconnected},
		{"isolated terminal", 3, [][3]float64{{0, 1, 1}}, []int32{0, 1, 2}, 0, ErrDisconnected},
		{"terminal out of range", 2, [][3]float64{{0, 1, 1}}, []int32{0, 2}, 0, ErrBadGraph},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			g := mustGraph(t, c.n, c.edges)
			s := NewSteiner()
			// Solve twice with the same Steiner: buffers must not leak state.
			for range 2 {
				edges, w, err := s.Tree(nil, g, c.terminals)
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %v", err, c.err)
				}
				if err != nil {
					continue
				}
				checkTree(t, g, c.terminals, edges, w)
				if math.Abs(w-c.want) > 1e-12 {
					t.Fatalf("weight %v, want %v", w, c.want)
				}
			}
		})
	}
}

// randomGraph returns a connected random graph: a random spanning tree plus
// extra edges, integer weights 1..maxW (0..maxW when zero is true).
func randomGraph(t testing.TB, rng *rand.Rand, n, extra, maxW int, zero bool) *Graph {
	var u, v []int32
	var w []float64
	weight := func() float64 {
		if zero {
			return float64(rng.IntN(maxW + 1))
		}
		return float64(1 + rng.IntN(maxW))
	}
	for i := 1; i < n; i++ {
		u, v, w = append(u, int32(i)), append(v, int32(rng.IntN(i))), append(w, weight())
	}
	for range extra {
		a, b := rng.IntN(n), rng.IntN(n)
		if a != b {
			u, v, w = append(u, int32(a)), append(v, int32(b)), append(w, weight())
		}
	}
	g, err := NewGraph(n, u, v, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func randomTerminals(rng *rand.Rand, n, k int) []int32 {
	p := rng.Perm(n)[:k]
	ts := make([]int32, k)
	for i, x := range p {
		ts[i] = int32(x)
	}
	return ts
}

// TestSteinerRandom checks on random graphs that every answer is a valid
// Steiner tree and never below the exact optimum, and that reusing one
// Steiner across graphs of different sizes gives the same answers as a
// fresh one.
func TestSteinerRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	reused := NewSteiner()
	for i := range 300 {
		n := 2 + rng.IntN(40)
		g := randomGraph(t, rng, n, rng.IntN(2*n), 10, i%3 == 0)
		k := 1 + rng.IntN(min(n, 9))
		ts := randomTerminals(rng, n, k)
		edges, w, err := reused.Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, g, ts, edges, w)
		_, w2, _ := NewSteiner().Tree(nil, g, ts)
		if w2 != w {
			t.Fatalf("case %d: reused Steiner gives %v, fresh one %v", i, w, w2)
		}
		opt, err := ExactWeight(g, ts)
		if err != nil {
			t.Fatal(err)
		}
		if w < opt-1e-9 {
			t.Fatalf("case %d: heuristic %v below exact optimum %v", i, w, opt)
		}
		if w > 2*opt+1e-9 {
			t.Fatalf("case %d: heuristic %v above twice the optimum %v", i, w, opt)
		}
	}
}

// steinlibCase is one instance of testdata/steinlib with its optimum.
type steinlibCase struct {
	set, name, file string
	nodes, edges, k int
	optimum         float64
}

func steinlibCases(t testing.TB) []steinlibCase {
	dir := filepath.Join("..", "testdata", "steinlib")
	f, err := os.Open(filepath.Join(dir, "optima.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cs []steinlibCase
	for _, r := range rows[1:] {
		c := steinlibCase{set: r[0], name: r[1], file: filepath.Join(dir, r[2])}
		c.nodes, _ = strconv.Atoi(r[3])
		c.edges, _ = strconv.Atoi(r[4])
		c.k, _ = strconv.Atoi(r[5])
		c.optimum, err = strconv.ParseFloat(r[6], 64)
		if err != nil {
			t.Fatalf("optima.csv: %v", err)
		}
		cs = append(cs, c)
	}
	return cs
}

func readSTPFile(t testing.TB, path string) *STP {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadSTP(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

// TestSteinLibTable solves every SteinLib instance in testdata (sets B,
// C, ES20FST, ES50FST, ES100FST), checks each tree and bound, and holds
// the default solve to issue 15's targets: no instance more than 2 %
// above the proven optimum, 0.5 % on average per set (1 % over all), and
// the certified lower bound never above the optimum. All
// three solvers reduce the instance first (Steiner.NoReduce unset). The
// exact solver must meet the optimum on every instance with at most 12
// terminals. Run with -v to print the table for benchmarks/README.md.
func TestSteinLibTable(t *testing.T) {
	cases := steinlibCases(t)
	s := NewSteiner()
	fast := NewSteiner()
	var table strings.Builder
	fmt.Fprintf(&table, "| instance | nodes | edges | terminals | optimum | Mehlhorn | gap | FastWork | gap | wijkwarmte | gap | exact |\n")
	fmt.Fprintf(&table, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var sumGap, sumMehl, sumFast float64
	var worst, worstFast float64
	setGap, setN := map[string]float64{}, map[string]int{}
	for _, c := range cases {
		p := readSTPFile(t, c.file)
		if p.Graph.NumNodes() != c.nodes || p.Graph.NumEdges() != c.edges || len(p.Terminals) != c.k {
			t.Fatalf("%s: read %d nodes, %d edges, %d terminals; optima.csv says %d, %d, %d",
				c.name, p.Graph.NumNodes(), p.Graph.NumEdges(), len(p.Terminals), c.nodes, c.edges, c.k)
		}
		edges, w, err := s.Tree(nil, p.Graph, p.Terminals)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkTree(t, p.Graph, p.Terminals, edges, w)
		mw := mehlhornOnly(t, p)
		fast.MaxWork = FastWork(p.Graph.NumNodes(), p.Graph.NumEdges())
		fedges, fw, err := fast.Tree(nil, p.Graph, p.Terminals)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkTree(t, p.Graph, p.Terminals, fedges, fw)
		if fw > mw || w > mw {
			t.Errorf("%s: Mehlhorn %v, FastWork %v, default %v: local search made the tree heavier", c.name, mw, fw, w)
		}
		fgap := 100 * (fw - c.optimum) / c.optimum
		gap := 100 * (w - c.optimum) / c.optimum
		mgap := 100 * (mw - c.optimum) / c.optimum
		if w < c.optimum-1e-9 {
			t.Errorf("%s: weight %v below the proven optimum %v", c.name, w, c.optimum)
		}
		if s.LowerBound > c.optimum*(1+1e-12) {
			t.Errorf("%s: lower bound %v (reductions' contracted weight included) above the optimum %v", c.name, s.LowerBound, c.optimum)
		}
		setGap[c.set] += gap
		setN[c.set]++
		if gap > 2 {
			t.Errorf("%s: weight %v is %.2f %% above the optimum %v (issue 15's limit 2 %%)", c.name, w, gap, c.optimum)
		}
		exact := "-"
		if c.k <= 12 {
			opt, err := ExactWeight(p.Graph, p.Terminals)
			if err != nil {
				t.Fatalf("%s: exact: %v", c.name, err)
			}
			if math.Abs(opt-c.optimum) > 1e-9 {
				t.Errorf("%s: exact solver gives %v, the optimum is %v", c.name, opt, c.optimum)
			}
			exact = strconv.FormatFloat(opt, 'f', -1, 64)
		}
		sumGap += gap
		sumMehl += mgap
		sumFast += fgap
		worst = max(worst, gap)
		worstFast = max(worstFast, fgap)
		fmt.Fprintf(&table, "| %s | %d | %d | %d | %g | %g | %.2f %% | %g | %.2f %% | %g | %.2f %% | %s |\n",
			c.name, c.nodes, c.edges, c.k, c.optimum, mw, mgap, fw, fgap, w, gap, exact)
	}
	mean := sumGap / float64(len(cases))
	nc := float64(len(cases))
	fmt.Fprintf(&table, "| **mean** | | | | | | %.2f %% | | %.2f %% | | %.2f %% | |\n", sumMehl/nc, sumFast/nc, mean)
	t.Logf("SteinLib (testdata/steinlib), %d instances: default budget mean gap %.3f %%, worst %.3f %%; FastWork mean %.3f %%, worst %.3f %%\n%s",
		len(cases), mean, worst, sumFast/nc, worstFast, table.String())
	if mean > 1 {
		t.Errorf("mean gap %.3f %% above the 1 %% target", mean)
	}
	for set, g := range setGap {
		if m := g / float64(setN[set]); m > 0.5 {
			t.Errorf("set %s: mean gap %.3f %% above the issue's 0.5 %% target", set, m)
		}
	}
}

// mehlhornOnly returns the weight of Mehlhorn's tree with its MST and
// pruning steps, without the local search, for comparison.
func mehlhornOnly(t testing.TB, p *STP) float64 {
	s := NewSteiner()
	s.NoLocalSearch = true
	_, w, err := s.Tree(nil, p.Graph, p.Terminals)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestSortKeys checks the radix sort of candidate keys and the comparison
// sort (sortCands, below 64 items and on runs of equal high bits) against
// slices.SortFunc with compareCand, on random, sorted, reversed and
// organ-pipe inputs (the last drive the introsort to its heapsort).
func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var tmp []uint64
	var run []candEdge
	for _, n := range []int{0, 1, 2, 17, 63, 64, 100, 511, 512, 5000} {
		a := make([]candEdge, n)
		for i := range a {
			w := float64(rng.IntN(50)) // many ties
			if i%3 == 0 {
				w = rng.Float64() * 1e4
			}
			if i%5 == 1 { // equal high 32 bits, different low bits
				w = 1000 + float64(rng.IntN(1000))*1e-10
			}
			a[i] = candEdge{w, int32(i)}
		}
		want := slices.Clone(a)
		slices.SortFunc(want, compareCand)
		keys := make([]uint64, n)
		for i, c := range a {
			keys[i] = candKey(c.w, c.e)
		}
		got := make([]candEdge, 0, n)
		for _, k := range sortKeys(keys, &tmp, &run, func(i int32) float64 { return a[i].w }) {
			got = append(got, a[keyIndex(k)])
		}
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: sorted order differs from (weight, edge) order", n)
		}
		shapes := map[string]func(i int) float64{
			"sorted":   func(i int) float64 { return float64(i) },
			"reversed": func(i int) float64 { return float64(n - i) },
			"organ":    func(i int) float64 { return float64(min(i, n-i)) },
			"equal":    func(i int) float64 { return 7 },
		}
		for name, f := range shapes {
			for i := range a {
				a[i] = candEdge{f(i), int32(rng.IntN(n + 1))}
			}
			want := slices.Clone(a)
			slices.SortFunc(want, compareCand)
			got := slices.Clone(a)
			sortCands(got)
			if !slices.Equal(got, want) {
				t.Errorf("n=%d, %s input: sortCands order differs from (weight, edge) order", n, name)
			}
		}
	}
}

// TestSteinerAllocs checks that a Steiner that has solved a graph once
// solves it again without allocating, with and without the local search:
// allocations do not grow with the relaxations of a solve.
func TestSteinerAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	g := randomGraph(t, rng, 2000, 3000, 100, false)
	ts := randomTerminals(rng, 2000, 200)
	for _, noLS := range []bool{true, false} {
		s := NewSteiner()
		s.NoLocalSearch = noLS
		s.MaxWork = 200_000
		var dst []int32
		dst, _, _ = s.Tree(dst[:0], g, ts)
		allocs := testing.AllocsPerRun(5, func() {
			dst, _, _ = s.Tree(dst[:0], g, ts)
		})
		if allocs != 0 {
			t.Errorf("NoLocalSearch=%v: %v allocations per repeated solve, want 0", noLS, allocs)
		}
	}
	var sp ShortestPaths
	sp.Run(g, ts)
	if allocs := testing.AllocsPerRun(5, func() { sp.Run(g, ts) }); allocs != 0 {
		t.Errorf("ShortestPaths.Run: %v allocations per repeated run, want 0", allocs)
	}
}

// TestSteinerLargeTree checks trees of more than fullSeedNodes nodes, where
// the local search seeds only the tree near each removed piece, on a grid
// with random weights and some edges missing, for several budgets.
func TestSteinerLargeTree(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	const side = 90
	var u, v []int32
	var w []float64
	for i := range side * side {
		if i%side+1 < side && rng.Float64() > 0.15 {
			u, v, w = append(u, int32(i)), append(v, int32(i+1)), append(w, 40+40*rng.Float64())
		}
		if i+side < side*side && rng.Float64() > 0.15 {
			u, v, w = append(u, int32(i)), append(v, int32(i+side)), append(w, 40+40*rng.Float64())
		}
	}
	g, err := NewGraph(side*side, u, v, w)
	if err != nil {
		t.Fatal(err)
	}
	// Terminals from the component of node 0.
	var sp ShortestPaths
	sp.Run(g, []int32{0})
	var comp []int32
	for x, d := range sp.Dist {
		if !math.IsInf(d, 1) {
			comp = append(comp, int32(x))
		}
	}
	rng.Shuffle(len(comp), func(i, j int) { comp[i], comp[j] = comp[j], comp[i] })
	ts := comp[:1500]
	base := NewSteiner()
	base.NoLocalSearch = true
	_, wm, err := base.Tree(nil, g, ts)
	if err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int{0, 1, 50_000, 10_000_000} {
		s := NewSteiner()
		s.MaxWork = budget
		edges, wt, err := s.Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, g, ts, edges, wt)
		if len(edges) < fullSeedNodes {
			t.Fatalf("tree of %d edges: test does not reach the partial-seed path", len(edges))
		}
		if wt > wm+1e-6 {
			t.Errorf("MaxWork %d: %v, worse than Mehlhorn's %v", budget, wt, wm)
		}
		t.Logf("MaxWork %d: %.0f (Mehlhorn %.0f, %.2f %% shorter)", budget, wt, wm, 100*(wm-wt)/wm)
	}
}

// TestSteinerStart checks the warm start: from the tree of one set of
// weights, Tree on perturbed weights (as a re-priced routing round)
// returns a valid tree with the same lower bound as a cold solve, and on
// the whole within 1 % of the cold solves' weight (graphs large enough
// that the reduced instance is searched, not solved exactly); an edge
// outside the graph is an ErrBadGraph.
func TestSteinerStart(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	var coldSum, warmSum float64
	for i := range 60 {
		n := 150 + rng.IntN(150)
		g := randomGraph(t, rng, n, n, 100, false)
		ts := randomTerminals(rng, n, 20+rng.IntN(40))
		start, _, err := NewSteiner().Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		w2 := make([]float64, len(g.Weight))
		for e, w := range g.Weight {
			w2[e] = w * (1 + 0.3*rng.Float64())
		}
		g2, err := NewGraph(n, g.EdgeU, g.EdgeV, w2)
		if err != nil {
			t.Fatal(err)
		}
		cold := NewSteiner()
		_, wc, err := cold.Tree(nil, g2, ts)
		if err != nil {
			t.Fatal(err)
		}
		warm := NewSteiner()
		warm.Start = start
		edges, ww, err := warm.Tree(nil, g2, ts)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, g2, ts, edges, ww)
		if warm.LowerBound != cold.LowerBound {
			t.Fatalf("case %d: warm bound %v, cold %v", i, warm.LowerBound, cold.LowerBound)
		}
		coldSum += wc
		warmSum += ww
	}
	t.Logf("60 perturbed instances: warm %.1f, cold %.1f (%+.3f %%)", warmSum, coldSum, 100*(warmSum/coldSum-1))
	if warmSum > 1.01*coldSum {
		t.Fatalf("warm starts weigh %v in all, cold solves %v", warmSum, coldSum)
	}
	g := mustGraph(t, 3, [][3]float64{{0, 1, 1}, {1, 2, 1}})
	s := NewSteiner()
	s.Start = []int32{5}
	if _, _, err := s.Tree(nil, g, []int32{0, 2}); !errors.Is(err, ErrBadGraph) {
		t.Fatalf("start edge 5 of 2: %v, want ErrBadGraph", err)
	}
}
