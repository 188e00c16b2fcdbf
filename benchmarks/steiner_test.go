package benchmarks

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/synthgraph"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// steinerSizes are the street-like graphs of the routing benchmarks: about
// n nodes (the generator keeps the largest component) and k terminals.
var steinerSizes = []struct{ n, k int }{
	{1_000, 100},
	{10_000, 1_000},
	{45_000, 5_000},
	{100_000, 10_000},
	{1_000_000, 100_000},
}

type steinerFixture struct {
	g     *warmtenet.Graph
	terms []int32
}

var (
	steinerOnce  = map[int]*sync.Once{}
	steinerCache = map[int]*steinerFixture{}
	steinerMu    sync.Mutex
)

// streetGraph returns the synthetic street graph of about n nodes with k
// terminals (seed 1), built once per size.
func streetGraph(n, k int) *steinerFixture {
	steinerMu.Lock()
	once, ok := steinerOnce[n]
	if !ok {
		once = new(sync.Once)
		steinerOnce[n] = once
	}
	steinerMu.Unlock()
	once.Do(func() {
		g, terms := synthgraph.Generate(synthgraph.Street(n, k, 1))
		steinerMu.Lock()
		steinerCache[n] = &steinerFixture{g, terms}
		steinerMu.Unlock()
	})
	steinerMu.Lock()
	defer steinerMu.Unlock()
	return steinerCache[n]
}

func sizeName(n, k int) string { return fmt.Sprintf("n=%d,k=%d", n, k) }

// BenchmarkSteiner times warmtenet.Steiner.Tree (Mehlhorn, MST, pruning
// and the bounded local search, default budget) with buffers reused across
// solves; the tree weight is reported in metres.
func BenchmarkSteiner(b *testing.B) {
	benchSteinerWith(b, func(*warmtenet.Steiner, *warmtenet.Graph) {})
}

// BenchmarkSteinerFast times the tree with the budget
// warmtenet.FastWork (about one Dijkstra pass of improvement, no
// small-graph allowance; from n + 2m >= DefaultTaperEnd on it is the
// default budget).
func BenchmarkSteinerFast(b *testing.B) {
	benchSteinerWith(b, func(s *warmtenet.Steiner, g *warmtenet.Graph) {
		s.MaxWork = warmtenet.FastWork(g.NumNodes(), g.NumEdges())
		s.NoBound = true // as wijkwarmte steiner -fast: the bound is not part of the fast solve
		s.NoReduce = true
	})
}

// BenchmarkSteinerTwoPass times the tree with twice that work: the
// quality-for-time trade-off one step up.
func BenchmarkSteinerTwoPass(b *testing.B) {
	benchSteinerWith(b, func(s *warmtenet.Steiner, g *warmtenet.Graph) {
		s.MaxWork = 2 * warmtenet.FastWork(g.NumNodes(), g.NumEdges())
	})
}

// BenchmarkSteinerMehlhorn times the tree without the local search.
func BenchmarkSteinerMehlhorn(b *testing.B) {
	benchSteinerWith(b, func(s *warmtenet.Steiner, _ *warmtenet.Graph) { s.NoLocalSearch = true })
}

// benchSteinerWith times Tree on every size with a Steiner set up by
// configure for the graph, rotating through termRotation's terminal sets;
// the tree weight reported (metres) is that of the full set.
func benchSteinerWith(b *testing.B, configure func(*warmtenet.Steiner, *warmtenet.Graph)) {
	for _, sz := range steinerSizes {
		b.Run(sizeName(sz.n, sz.k), func(b *testing.B) {
			f := streetGraph(sz.n, sz.k)
			s := warmtenet.NewSteiner()
			configure(s, f.g)
			dst, w, err := s.Tree(nil, f.g, f.terms)
			if err != nil {
				b.Fatal(err)
			}
			sets := termRotation(f.terms)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if dst, _, err = s.Tree(dst[:0], f.g, sets[i%len(sets)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(w, "m")
		})
	}
}

// BenchmarkDijkstra times one multi-source Dijkstra from the same
// terminals over the same graphs: the yardstick for the Steiner solve.
// "rotate" rotates through termRotation's sets, as every other timing
// loop here does; "repeat" runs on the full set every time, to show what
// a learnt input is worth (see termRotation).
func BenchmarkDijkstra(b *testing.B) {
	for _, sz := range steinerSizes {
		f := func() *steinerFixture { return streetGraph(sz.n, sz.k) }
		b.Run(sizeName(sz.n, sz.k)+"/rotate", func(b *testing.B) {
			benchDijkstra(b, f().g, termRotation(f().terms))
		})
		b.Run(sizeName(sz.n, sz.k)+"/repeat", func(b *testing.B) {
			benchDijkstra(b, f().g, [][]int32{f().terms})
		})
	}
}

// benchDijkstra times ShortestPaths.Run on g from sets[0], sets[1], ...
// in turn.
func benchDijkstra(b *testing.B, g *warmtenet.Graph, sets [][]int32) {
	var sp warmtenet.ShortestPaths
	sp.Run(g, sets[0]) // sizes the buffers outside the timed loop
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sp.Run(g, sets[i%len(sets)])
		i++
	}
}

// termRotation returns the terminal sets the timing loops rotate through:
// terms itself and rotationSets-1 subsets of it, each terminal kept with
// probability 0.9 (seeded, so every run times the same sets). Timing one
// search on one input over and over lets the CPU's branch predictor learn
// that input's branches: on the Delft graph (2,657 nodes) the same
// multi-source Dijkstra repeated mispredicted 113 of its 255,000 branches
// per run, at 6.2 instructions per cycle, in 51 us; rotating the sets,
// 8,500 of 257,000, at 2.5 per cycle, in 126 us (perf stat; commands in
// benchmarks/README.md, "fifth round"). A solve never runs twice on the
// same input in use, so the loops time neither side on a learnt input.
func termRotation(terms []int32) [][]int32 {
	rng := rand.New(rand.NewPCG(uint64(len(terms)), rotationSets))
	sets := [][]int32{terms}
	for range rotationSets - 1 {
		sub := make([]int32, 0, len(terms))
		for _, t := range terms {
			if rng.Float64() < 0.9 {
				sub = append(sub, t)
			}
		}
		sets = append(sets, sub)
	}
	return sets
}

// rotationSets is the number of terminal sets of termRotation: on Delft
// two undid most of the learning, but on the 1,000-node graph eight sets
// still ran a Dijkstra in 19-21 us, 64 or more in 29 us.
const rotationSets = 64

// BenchmarkSteinerVsDijkstra alternates one multi-source Dijkstra and one
// Steiner solve on the same graph and terminals and reports their process
// CPU times per operation and the ratio steiner/dijkstra, for the default
// budget (warmtenet.DefaultWork) and for warmtenet.FastWork. Alternating
// and CPU time keep the ratio honest on a machine shared with other jobs,
// where wall-clock times drift; run it with -cpu 1.
func BenchmarkSteinerVsDijkstra(b *testing.B) {
	for _, sz := range steinerSizes {
		for _, budget := range steinerBudgets {
			b.Run(sizeName(sz.n, sz.k)+"/"+budget.name, func(b *testing.B) {
				f := streetGraph(sz.n, sz.k)
				s := warmtenet.NewSteiner()
				s.MaxWork = budget.work(f.g.NumNodes(), f.g.NumEdges())
				benchVsDijkstra(b, s, f.g, f.terms)
			})
		}
	}
}

// steinerBudgets are the work budgets the ratio benchmarks compare.
var steinerBudgets = []struct {
	name string
	work func(n, m int) int
}{
	{"default", func(n, m int) int { return 0 }},
	{"fast", warmtenet.FastWork},
}

// benchVsDijkstra runs the alternating Dijkstra/Steiner loop of
// BenchmarkSteinerVsDijkstra with s and reports its metrics. Both sides
// of an iteration use the same terminal set, rotating through
// termRotation's sets; the tree weight reported is that of the full set.
func benchVsDijkstra(b *testing.B, s *warmtenet.Steiner, g *warmtenet.Graph, terms []int32) {
	dst, w, err := s.Tree(nil, g, terms)
	if err != nil {
		b.Fatal(err)
	}
	sets := termRotation(terms)
	var sp warmtenet.ShortestPaths
	sp.Run(g, terms) // sizes the buffers outside the timed loop, as Tree above
	var tD, tS time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		set := sets[i%len(sets)]
		i++
		t0 := steinerCPU()
		sp.Run(g, set)
		t1 := steinerCPU()
		if dst, _, err = s.Tree(dst[:0], g, set); err != nil {
			b.Fatal(err)
		}
		t2 := steinerCPU()
		tD += t1 - t0
		tS += t2 - t1
	}
	b.ReportMetric(float64(tD.Microseconds())/1000/float64(b.N), "dijkstra-cpu-ms/op")
	b.ReportMetric(float64(tS.Microseconds())/1000/float64(b.N), "steiner-cpu-ms/op")
	b.ReportMetric(float64(tS)/float64(tD), "steiner/dijkstra")
	b.ReportMetric(w, "m")
}

// steinerCPU returns the user+system CPU time of the process so far.
func steinerCPU() time.Duration {
	cpu, _ := usage()
	return cpu
}

// usage returns the user+system CPU time of the process so far and its
// minor page faults (getrusage; in a solve, the pages of memory it
// touches for the first time); zero when getrusage fails.
func usage() (time.Duration, int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Minflt
}

// coldLoop runs solve b.N times, each on memory the process has not
// touched yet and without the collector, as the one solve of a
// `wijkwarmte steiner` process (which turns the collector off: gc.go's
// pauseGC). Before each solve, outside the timer, the collector frees the
// last solve's buffers and returns the free pages of the heap to the
// operating system (debug.FreeOSMemory), so that the solve's new Steiner
// grows its buffers on fresh pages and pays for first touching them; in a
// loop without it the heap hands a solve the pages an earlier one
// touched, and with the collector on a solve reuses its own garbage. It
// reports the page faults and the process CPU time (user and system,
// which is where first touches go) per solve, both counted around the
// solves only.
func coldLoop(b *testing.B, solve func()) {
	var faults int64
	var cpu time.Duration
	b.ReportAllocs()
	pct := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(pct)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		debug.FreeOSMemory()
		c0, f0 := usage()
		b.StartTimer()
		solve()
		b.StopTimer()
		c1, f1 := usage()
		cpu, faults = cpu+c1-c0, faults+f1-f0
		b.StartTimer()
	}
	b.ReportMetric(float64(faults)/float64(b.N), "faults/op")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkSteinerFastCold times a FastWork solve with a new Steiner on
// fresh memory every time (coldLoop), as the one solve of a `wijkwarmte
// steiner -fast` process; compare with BenchmarkSteinerFast, which reuses
// one Steiner.
//
//	go test ./benchmarks -run XXX -bench SteinerFastCold -benchtime 20x
func BenchmarkSteinerFastCold(b *testing.B) {
	f := streetGraph(45_000, 5_000)
	work := warmtenet.FastWork(f.g.NumNodes(), f.g.NumEdges())
	coldLoop(b, func() {
		s := warmtenet.NewSteiner()
		s.MaxWork, s.NoBound, s.NoReduce = work, true, true // as -fast
		if _, _, err := s.Tree(nil, f.g, f.terms); err != nil {
			b.Fatal(err)
		}
	})
}
