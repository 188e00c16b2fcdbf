package warmtenet

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// splitLabels runs Mehlhorn's search from ts (distinct) on g as a solve
// does (runTerms) and returns copies of its labels.
func splitLabels(s *Steiner, g *Graph, ts []int32) ([]float64, []int32, []int32) {
	s.terms = append(s.terms[:0], ts...)
	s.sp.heap.reserve(g.NumNodes() + 2*g.NumEdges())
	s.runTerms(g, nil)
	sp := &s.sp
	return slices.Clone(sp.Dist), slices.Clone(sp.Source), slices.Clone(sp.PredEdge)
}

// splitDiff runs Mehlhorn's search from ts as a solve does (splitLabels)
// and the one search (ShortestPaths.Run), and describes the first node
// whose labels differ in a bit; "" when none does.
func splitDiff(s *Steiner, g *Graph, ts []int32) string {
	var want ShortestPaths
	want.Run(g, ts)
	dist, src, pred := splitLabels(s, g, ts)
	for v := range dist {
		if math.Float64bits(dist[v]) != math.Float64bits(want.Dist[v]) || src[v] != want.Source[v] || pred[v] != want.PredEdge[v] {
			return fmt.Sprintf("node %d labelled %v from %d by edge %d, the one search %v from %d by edge %d",
				v, dist[v], src[v], pred[v], want.Dist[v], want.Source[v], want.PredEdge[v])
		}
	}
	return ""
}

// TestSplitSearchLabels checks that Mehlhorn's search split over two
// goroutines (split.go) leaves the labels of the one search, bit for bit,
// on grids with real weights (where the split search finds them) and
// with small integer weights (where it meets ties and the one search
// runs instead), from few and many terminals, and that both outcomes
// occurred.
func TestSplitSearchLabels(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	rng := rand.New(rand.NewPCG(21, 7))
	s := NewSteiner()
	for _, c := range []struct {
		w, h    int
		integer bool
		k       int
	}{
		{130, 130, false, 64},
		{130, 130, false, 900},
		{160, 120, false, 4000},
		{130, 130, true, 900},
	} {
		g := gridGraph(t, rng, c.w, c.h)
		if c.integer {
			for e := range g.Weight {
				g.Weight[e] = float64(1 + rng.IntN(3))
			}
			g.fillAdjWeight()
		}
		if g.NumNodes() < splitMinNodes {
			t.Fatalf("%d nodes, want at least %d", g.NumNodes(), splitMinNodes)
		}
		runs, ties := s.split.runs, s.split.ties
		for try := 0; try < 20 && s.split.runs == runs && s.split.ties == ties; try++ {
			ts := randomTerminals(rng, g.NumNodes(), c.k)
			if d := splitDiff(s, g, ts); d != "" {
				t.Fatalf("%dx%d, %d terminals: %s", c.w, c.h, c.k, d)
			}
		}
		// Every terminal in the first half: the one search runs.
		lowTs := randomTerminals(rng, g.NumNodes()/2, c.k)
		var want ShortestPaths
		want.Run(g, lowTs)
		r0, t0 := s.split.runs, s.split.ties
		if dist, src, pred := splitLabels(s, g, lowTs); !slices.Equal(dist, want.Dist) || !slices.Equal(src, want.Source) || !slices.Equal(pred, want.PredEdge) {
			t.Fatalf("%dx%d, %d terminals in the first half: labels differ from the one search's", c.w, c.h, c.k)
		}
		if s.split.runs != r0 || s.split.ties != t0 {
			t.Errorf("%dx%d: split with every terminal in the first half", c.w, c.h)
		}
		switch {
		case s.split.runs == runs && s.split.ties == ties:
			t.Errorf("%dx%d, %d terminals: the helper took no split search in 20 tries", c.w, c.h, c.k)
		case c.integer && s.split.runs != runs:
			t.Errorf("%dx%d, integer weights: a split search met no tie", c.w, c.h)
		case !c.integer && s.split.ties != ties:
			t.Errorf("%dx%d, %d terminals, real weights: the split search met a tie", c.w, c.h, c.k)
		}
	}
}

// TestSplitSearchClaimed checks the split search when the solve runs the
// second half itself: the helper has taken the job but not claimed it
// (helperHold) until the solve has.
func TestSplitSearchClaimed(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	rng := rand.New(rand.NewPCG(22, 8))
	g := gridGraph(t, rng, 140, 140)
	s := NewSteiner()
	ts := randomTerminals(rng, g.NumNodes(), 2000)
	var want ShortestPaths
	want.Run(g, ts)
	startHelper()
	hold := func(j *helperJob) {
		if j == &s.split.job {
			for !j.claimed.Load() {
				runtime.Gosched()
			}
		}
	}
	helperHold.Store(&hold)
	defer helperHold.Store(nil)
	runs := s.split.runs
	for try := 0; try < 20 && s.split.runs == runs; try++ {
		dist, src, pred := splitLabels(s, g, ts)
		if !slices.Equal(dist, want.Dist) || !slices.Equal(src, want.Source) || !slices.Equal(pred, want.PredEdge) {
			t.Fatal("labels differ from the one search's")
		}
	}
	if s.split.runs == runs {
		t.Error("no split search in 20 tries")
	}
}

// TestSplitSearchOddGraphs compares the split search's labels with the
// one search's where its third step does most of the work or meets ties
// of another kind: nodes numbered at random (so that most arcs cross the
// cut), a share of zero-weight edges, an island without terminals (left
// unreached) and terminals near each other at distance zero.
func TestSplitSearchOddGraphs(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	rng := rand.New(rand.NewPCG(23, 9))
	s := NewSteiner()
	const w, h = 140, 130
	for _, c := range []struct {
		name      string
		shuffle   bool
		zeroShare float64
		island    bool
		k         int
	}{
		{"shuffled", true, 0, false, 1500},
		{"shuffled, few terminals", true, 0, false, 64},
		{"zero-weight edges", false, 0.05, false, 1500},
		{"island", false, 0, true, 1500},
		{"shuffled, zero weights, island", true, 0.02, true, 3000},
	} {
		perm := make([]int32, w*h)
		for i := range perm {
			perm[i] = int32(i)
		}
		if c.shuffle {
			rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		}
		var us, vs []int32
		var ws []float64
		add := func(a, b int) {
			wt := 1 + rng.Float64()
			if rng.Float64() < c.zeroShare {
				wt = 0
			}
			us, vs, ws = append(us, perm[a]), append(vs, perm[b]), append(ws, wt)
		}
		for y := range h {
			for x := range w {
				// The island: the 20 x 20 corner at the top right,
				// joined to nothing else.
				in := func(x, y int) bool { return c.island && x >= w-20 && y < 20 }
				if x+1 < w && in(x, y) == in(x+1, y) {
					add(y*w+x, y*w+x+1)
				}
				if y+1 < h && in(x, y) == in(x, y+1) {
					add(y*w+x, (y+1)*w+x)
				}
			}
		}
		g, err := NewGraph(w*h, us, vs, ws)
		if err != nil {
			t.Fatal(err)
		}
		var ts []int32
		for _, v := range rng.Perm(w * h) {
			x, y := v%w, v/w
			if !(c.island && x >= w-20 && y < 20) {
				ts = append(ts, perm[v])
			}
			if len(ts) == c.k {
				break
			}
		}
		for try := range 5 {
			if d := splitDiff(s, g, ts); d != "" {
				t.Fatalf("%s, try %d: %s", c.name, try, d)
			}
			if c.island && !math.IsInf(s.sp.Dist[perm[w-1]], 1) {
				t.Fatalf("%s: the island's corner node reached at %v", c.name, s.sp.Dist[perm[w-1]])
			}
		}
	}
	if s.split.runs+s.split.ties == 0 {
		t.Error("no split search in 25 solves")
	}
	t.Logf("split searches: %d found the labels, %d met a tie", s.split.runs, s.split.ties)
}
