package warmtenet

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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
	ts := reachableFrom(g, randomTerminals(rng, g.NumNodes(), 4000))
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

// TestHelperLateClaim checks the hand-over when the helper goroutine has
// taken a job but not yet claimed it (a busy machine had not run it)
// while the solve ran the job itself (finish) and then handed the same
// job over again for its next pass: the helper must not run the job
// later, when the solve has run it (or runs it) itself, so every
// hand-over runs the job exactly once.
func TestHelperLateClaim(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	startHelper()
	var runs atomic.Int32
	j := &helperJob{fn: func() { runs.Add(1) }}
	// The helper waits in hold when it takes j (not a job an earlier
	// test's solve left it).
	reached, release := make(chan struct{}, 1), make(chan struct{})
	hold := func(h *helperJob) {
		if h == j {
			reached <- struct{}{}
			<-release
		}
	}
	helperHold.Store(&hold)
	var once sync.Once
	let := func() { helperHold.Store(nil); once.Do(func() { close(release) }) }
	defer let() // a failed test leaves the helper free for the next
	// The helper takes a job only when it waits for one: after an earlier
	// test it may be on its way back to the channel.
	deadline := time.Now().Add(10 * time.Second)
	for !handOff(j) {
		if time.Now().After(deadline) {
			t.Fatal("the helper took no job in 10 s")
		}
		time.Sleep(time.Millisecond)
	}
	<-reached // the helper holds j and has not claimed it
	finish(j) // so the solve claims j and runs it itself
	if runs.Load() != 1 {
		t.Fatalf("after finish: %d runs, want 1", runs.Load())
	}
	// The next pass hands j over again while the helper still holds the
	// first hand-over; it cannot take it, so the solve runs j itself.
	if handOff(j) {
		t.Fatal("handOff gave j to a helper that has not let go of it")
	}
	j.fn()
	let()
	// The helper lets go of j; a hand-over after that is taken again.
	for !handOff(j) {
		if time.Now().After(deadline) {
			t.Fatal("the helper took no job in 10 s after it let go of j")
		}
		time.Sleep(time.Millisecond)
	}
	finish(j)
	if got := runs.Load(); got != 3 {
		t.Fatalf("%d runs of the job for 3 hand-overs", got)
	}
}

// TestHelperPanic checks that a panic in a job the helper goroutine runs
// reaches the solve's goroutine at finish, with its value, and that the
// helper goes on taking jobs.
func TestHelperPanic(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	startHelper()
	started := make(chan struct{}, 1)
	j := &helperJob{fn: func() { started <- struct{}{}; panic("a bug") }}
	deadline := time.Now().Add(10 * time.Second)
	for !handOff(j) {
		if time.Now().After(deadline) {
			t.Fatal("the helper took no job in 10 s")
		}
		time.Sleep(time.Millisecond)
	}
	<-started // the helper claimed j and runs it
	got := func() (p any) {
		defer func() { p = recover() }()
		finish(j)
		return nil
	}()
	if got != "a bug" {
		t.Fatalf("finish raised %v, want the job's panic", got)
	}
	var ran atomic.Bool
	j.fn = func() { ran.Store(true) }
	for !handOff(j) {
		if time.Now().After(deadline) {
			t.Fatal("the helper took no job after the panic")
		}
		time.Sleep(time.Millisecond)
	}
	finish(j)
	if !ran.Load() {
		t.Fatal("the job after the panic did not run")
	}
}

// TestHelperBoundSameTree checks that a default solve whose lower bound
// the helper computes (startBound) gives the tree, weight, bound and gap
// of one without the helper, and that the helper took the bound.
func TestHelperBoundSameTree(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	rng := rand.New(rand.NewPCG(16, 6))
	// Large enough that the reductions leave more than
	// boundAsyncMinNodes nodes to the solve.
	g := gridGraph(t, rng, 200, 180)
	ts := reachableFrom(g, randomTerminals(rng, g.NumNodes(), 4000))
	type result struct {
		tree   []int32
		w, lb  float64
		gap    float64
		handed int
	}
	solve := func(off bool) result {
		helperOff = off
		defer func() { helperOff = false }()
		s := NewSteiner()
		tree, w, err := s.Tree(nil, g, ts)
		if err != nil {
			t.Fatal(err)
		}
		return result{tree, w, s.LowerBound, s.Gap, s.bound.handed}
	}
	want := solve(true)
	if want.handed != 0 || math.IsNaN(want.lb) {
		t.Fatalf("without the helper: %d bounds handed over, bound %v", want.handed, want.lb)
	}
	handed := 0
	for i := 0; i < 10 && handed == 0; i++ {
		got := solve(false)
		if got.w != want.w || got.lb != want.lb || got.gap != want.gap || !slices.Equal(got.tree, want.tree) {
			t.Fatalf("with the helper: %d edges weighing %v, bound %v, gap %v; without: %d weighing %v, bound %v, gap %v",
				len(got.tree), got.w, got.lb, got.gap, len(want.tree), want.w, want.lb, want.gap)
		}
		handed += got.handed
	}
	if handed == 0 {
		t.Error("the helper took no bound in 10 solves")
	}
}

// TestHelperBoundAfterError checks that a Steiner whose solve failed on
// disconnected terminals while the helper computed its bound solves the
// next one (without the bound) without reporting that failure again.
func TestHelperBoundAfterError(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one goroutine at a time: no helper")
	}
	rng := rand.New(rand.NewPCG(17, 7))
	g := gridGraph(t, rng, 200, 180)
	var sp ShortestPaths
	ts := randomTerminals(rng, g.NumNodes(), 4000)
	sp.Run(g, ts[:1])
	reach := slices.DeleteFunc(slices.Clone(ts), func(v int32) bool { return math.IsInf(sp.Dist[v], 1) })
	cut := slices.Clone(reach)
	for v := range sp.Dist {
		if math.IsInf(sp.Dist[v], 1) {
			cut = append(cut, int32(v)) // a node the others cannot reach
			break
		}
	}
	if len(cut) == len(reach) {
		t.Fatal("every node reachable: no disconnected terminal set")
	}
	s := NewSteiner()
	s.NoReduce = true
	failed := 0
	for i := 0; i < 10 && s.bound.handed == 0; i++ {
		if _, _, err := s.Tree(nil, g, cut); !errors.Is(err, ErrDisconnected) {
			t.Fatalf("disconnected terminals: error %v", err)
		}
		failed++
	}
	if s.bound.handed == 0 {
		t.Skip("the helper took no bound in 10 solves")
	}
	// Without the bound, so that the helper computes none that would
	// overwrite the failed solve's.
	s.NoBound = true
	if _, _, err := s.Tree(nil, g, reach); err != nil {
		t.Fatalf("after %d failed solves: %v", failed, err)
	}
}

// reachableFrom returns the nodes of ts that ts[0] reaches in g, in
// their order.
func reachableFrom(g *Graph, ts []int32) []int32 {
	var sp ShortestPaths
	sp.Run(g, ts[:1])
	return slices.DeleteFunc(ts, func(v int32) bool { return math.IsInf(sp.Dist[v], 1) })
}
