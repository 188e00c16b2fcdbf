package warmtenet

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestHelperSameTree checks that a Voronoi pass whose tree walk and
// boundary sweep run on the helper goroutine (helper.go) gives the tree
// it gives without the helper, on a grid large enough for both
// hand-overs (more than helperMinTree tree edges, helperMinEdges edges),
// and that the helper did run some of them.
func TestHelperSameTree(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	rng := rand.New(rand.NewPCG(15, 5))
	g := gridGraph(t, rng, 160, 160)
	if g.NumEdges() < helperMinEdges {
		t.Fatalf("%d edges, want at least %d", g.NumEdges(), helperMinEdges)
	}
	ts := randomTerminals(rng, g.NumNodes(), 4000)
	var sp ShortestPaths
	sp.Run(g, ts[:1])
	ts = slices.DeleteFunc(ts, func(v int32) bool { return math.IsInf(sp.Dist[v], 1) })
	solve := func(off bool) ([]int32, float64) {
		helperOff = off
		defer func() { helperOff = false }()
		s := NewSteiner()
		s.MaxWork, s.NoBound, s.NoReduce = FastWork(g.NumNodes(), g.NumEdges()), true, true
		tree, w, err := s.Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		return tree, w
	}
	want, ww := solve(true)
	if len(want) < helperMinTree {
		t.Fatalf("tree of %d edges, want at least %d", len(want), helperMinTree)
	}
	before := helperRuns.Load()
	for i := 0; i < 20 && helperRuns.Load() == before; i++ {
		got, w := solve(false)
		if w != ww || !slices.Equal(got, want) {
			t.Fatalf("with the helper: %d edges weighing %v, without: %d weighing %v", len(got), w, len(want), ww)
		}
	}
	if helperRuns.Load() == before {
		t.Error("the helper ran no job in 20 solves")
	}
}
