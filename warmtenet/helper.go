package warmtenet

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// The helper goroutine runs work of a solve that does not depend on what
// the solve computes meanwhile, on another core: the second half of
// Mehlhorn's split search (split.go), a Voronoi pass's tree walk during
// its Dijkstra from the tree's nodes and the second half of its boundary
// sweep (voronoiPass). There is
// one per process, started by the first solve of a large graph that runs
// while the process can run two goroutines at once (GOMAXPROCS of 2 or
// more; solves at 1 leave it unstarted for a later one, so that a first
// solve under testing.AllocsPerRun or go test -cpu 1,2, which set
// GOMAXPROCS to 1 for a while, does not leave the process without it),
// and it waits on a channel between jobs. A solve hands it a job only when
// it is idle (handOff) and does the job itself otherwise, so that
// concurrent solves (a batch's workers) never wait for each other; the
// job's results are exactly those the solve would have computed itself.
// A job is a helperJob the solver keeps, so that handing one over
// allocates nothing.
//
// The solve does not wait for a helper that has not started the job (a
// busy machine may not run it at once): finish claims the job and runs
// it itself unless the helper claimed it first, so a hand-over costs
// the solve no more than doing the job itself, but the wait for a
// helper already in it.
//
// A panic in a job the helper runs (a bug) is recovered there and raised
// again in the solve's goroutine by finish, so that it reaches the
// caller's recover as a panic of the solve would (a batch marks the
// buurt failed and goes on) instead of ending the process.
type helperJob struct {
	fn      func()
	claimed atomic.Bool   // set by whichever of the helper and finish runs fn
	done    chan struct{} // one slot: the helper's signal that it is through with the job (made by handOff)
	// out (the solve's own) is set while the helper may hold the job:
	// from a hand-over until the solve has taken the helper's signal.
	out bool
	// panicked holds the value of a panic in fn on the helper, for
	// finish to raise again; written before the helper's signal.
	panicked any
}

var (
	helperMu      sync.Mutex                       // held while the helper is started
	helperStarted atomic.Bool                      // set once helperJobs is
	helperJobs    chan *helperJob                  // the helper's, once helperStarted
	helperRuns    atomic.Int64                     // jobs the helper ran (tests)
	helperOff     bool                             // tests: no hand-over
	helperHold    atomic.Pointer[func(*helperJob)] // tests: run by the helper between taking a job and claiming it
)

// startHelper starts the helper goroutine, once per process, unless the
// process runs one goroutine at a time now, and reports whether it runs.
// It returns once the helper runs.
func startHelper() bool {
	if helperStarted.Load() {
		return true
	}
	if runtime.GOMAXPROCS(0) < 2 {
		return false
	}
	helperMu.Lock()
	defer helperMu.Unlock()
	if helperStarted.Load() {
		return true
	}
	helperJobs = make(chan *helperJob)
	ready := make(chan struct{})
	go func() {
		close(ready)
		for j := range helperJobs {
			if h := helperHold.Load(); h != nil {
				(*h)(j)
			}
			if j.claimed.CompareAndSwap(false, true) {
				j.run()
				helperRuns.Add(1)
			}
			j.done <- struct{}{}
		}
	}()
	// Wait until the helper runs, so that a hand-over soon after (the
	// split search at the start of this solve, split.go) finds it
	// waiting: a new goroutine may not run for a while, and the first
	// needs a thread of its own. Once per process, a few microseconds.
	<-ready
	helperStarted.Store(true)
	return true
}

// handOff gives j to the helper when it waits for a job and reports
// whether it did; the caller then calls finish before it reads what j.fn
// writes or writes what j.fn reads. Otherwise the caller runs j.fn
// itself.
func handOff(j *helperJob) bool {
	// At GOMAXPROCS 1 (set after the helper started: go test -cpu 1,2)
	// the helper cannot run beside the solve, which would only wait for it.
	if runtime.GOMAXPROCS(0) < 2 || !startHelper() || helperOff {
		return false
	}
	if j.done == nil {
		j.done = make(chan struct{}, 1)
	}
	// The helper may still hold the last hand-over of j, taken but not
	// claimed when finish ran j itself (a busy machine had not run the
	// helper): until its signal that it is through, j stays claimed, so
	// that the helper skips it, and is not handed over again.
	if j.out {
		select {
		case <-j.done:
			j.out = false
		default:
			return false
		}
	}
	j.claimed.Store(false)
	select {
	case helperJobs <- j:
		j.out = true
		return true
	default:
		return false
	}
}

// finish runs j, handed over, unless the helper has started it, and
// then waits for the helper to be through with it.
func finish(j *helperJob) {
	if j.claimed.CompareAndSwap(false, true) {
		j.fn() // the helper's signal is taken at the next handOff
		return
	}
	<-j.done
	j.out = false
	if p := j.panicked; p != nil {
		j.panicked = nil
		panic(p)
	}
}

// run is fn on the helper goroutine, a panic kept for finish.
func (j *helperJob) run() {
	defer func() {
		if p := recover(); p != nil {
			j.panicked = p
		}
	}()
	j.fn()
}
