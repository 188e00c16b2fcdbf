package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

func init() {
	register("steiner", command{
		summary: "solve a SteinLib .stp Steiner tree instance, print JSON",
		run:     runSteiner,
	})
}

// steinerResult is the JSON that "wijkwarmte steiner" prints.
type steinerResult struct {
	Name      string  `json:"name,omitempty"`
	Nodes     int     `json:"nodes"`
	Edges     int     `json:"edges"`
	Terminals int     `json:"terminals"`
	Weight    float64 `json:"weight"`
	TreeEdges int     `json:"tree_edges"`
	// LowerBound is Wong's dual-ascent bound: no tree weighs less. GapPct
	// is 100 (weight - lower_bound) / lower_bound, the tree's certified
	// distance from the optimum; both null with -fast (no bound).
	LowerBound *float64 `json:"lower_bound"`
	GapPct     *float64 `json:"gap_pct"`
	// Reduced* are the instance the search ran on after the reductions
	// (warmtenet.Reduction); equal to the input with -noreduce, -fast or
	// -mehlhorn. Exact: the reduced instance was solved exactly.
	ReducedNodes     int        `json:"reduced_nodes"`
	ReducedEdges     int        `json:"reduced_edges"`
	ReducedTerminals int        `json:"reduced_terminals"`
	Exact            bool       `json:"exact"`
	MS               float64    `json:"ms"` // fastest solve, milliseconds, reading excluded
	Tree             [][2]int32 `json:"tree,omitempty"`
}

func runSteiner(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("steiner", "steiner [flags] FILE.stp", stderr)
	repeat := fs.Int("repeat", 1, "solve this many times and report the fastest time")
	mehlhorn := fs.Bool("mehlhorn", false, "skip the local search: Mehlhorn's tree, its MST and pruning only")
	maxWork := fs.Int("maxwork", 0, "work budget of the local search in heap pops plus arcs scanned (0: default, warmtenet.DefaultWork)")
	fast := fs.Bool("fast", false, "budget warmtenet.FastWork: about one Dijkstra pass of improvement (the whole solve within about 3 passes), no small-graph allowance")
	noReduce := fs.Bool("noreduce", false, "skip the reductions before the search (-fast and -mehlhorn skip them always: on street graphs they double a one-pass solve's time for 0.2 % of weight)")
	bound := fs.Bool("bound", false, "with -fast or -mehlhorn: compute the lower bound as well (the default solve always does)")
	tree := fs.Bool("tree", false, "also print the tree as SteinLib node pairs (numbered from 1)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one .stp file, got %d arguments", fs.NArg())
	}
	if *repeat < 1 || *repeat > 1_000_000 {
		return usagef("-repeat %d: want 1..1000000", *repeat)
	}
	if *maxWork < 0 {
		return usagef("-maxwork %d: want 0 or more", *maxWork)
	}
	if *fast && *maxWork > 0 {
		return usagef("-fast and -maxwork both set a budget: give one")
	}
	defer pauseGC()() // no collection while the instance is read and solved (gc.go)
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	p, err := warmtenet.ReadSTP(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s := warmtenet.NewSteiner()
	s.NoLocalSearch = *mehlhorn
	s.MaxWork = *maxWork
	if *fast {
		s.MaxWork = warmtenet.FastWork(p.Graph.NumNodes(), p.Graph.NumEdges())
	}
	s.NoBound = (*fast || *mehlhorn) && !*bound
	s.NoReduce = *noReduce || *fast || *mehlhorn
	var edges []int32
	var weight float64
	best := math.Inf(1)
	for range *repeat {
		start := time.Now()
		edges, weight, err = s.Tree(edges[:0], p.Graph, p.Terminals)
		ms := float64(time.Since(start).Nanoseconds()) / 1e6
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		best = min(best, ms)
	}
	res := steinerResult{
		Name:      p.Name,
		Nodes:     p.Graph.NumNodes(),
		Edges:     p.Graph.NumEdges(),
		Terminals: len(p.Terminals),
		Weight:    weight,
		TreeEdges: len(edges),
		MS:        best,
	}
	res.ReducedNodes, res.ReducedEdges, res.ReducedTerminals = res.Nodes, res.Edges, res.Terminals
	if r := s.Reduction; r.Nodes > 0 {
		res.ReducedNodes, res.ReducedEdges, res.ReducedTerminals, res.Exact = r.ReducedNodes, r.ReducedEdges, r.ReducedTerminals, r.Exact
	}
	if lb, gap := s.LowerBound, 100*s.Gap; !math.IsNaN(lb) {
		res.LowerBound = &lb
		if !math.IsInf(gap, 0) {
			res.GapPct = &gap
		}
	}
	if *tree {
		res.Tree = make([][2]int32, len(edges))
		for i, e := range edges {
			res.Tree[i] = [2]int32{p.Graph.EdgeU[e] + 1, p.Graph.EdgeV[e] + 1}
		}
	}
	enc := json.NewEncoder(stdout)
	return enc.Encode(res)
}
