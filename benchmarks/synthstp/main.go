// Command synthstp writes a synthetic street-like graph (internal/synthgraph)
// with its terminals as a SteinLib .stp file, so that other solvers (see
// benchmarks/networkx_compare.py) run on exactly the graph the Go
// benchmarks use.
//
// Usage:
//
//	go run ./benchmarks/synthstp -n 45000 -k 5000 -seed 1 -o /tmp/street-45000.stp
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wijkwarmte/wijkwarmte/internal/synthgraph"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

func main() {
	n := flag.Int("n", 45000, "grid nodes before the largest component is kept")
	k := flag.Int("k", 5000, "terminals")
	seed := flag.Uint64("seed", 1, "generator seed (the Go benchmarks use 1)")
	out := flag.String("o", "", "output .stp file (required)")
	flag.Parse()
	if *out == "" || *n < 1 || *n > 10_000_000 || *k < 0 {
		flag.Usage()
		os.Exit(2)
	}
	g, terms := synthgraph.Generate(synthgraph.Street(*n, *k, *seed))
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthstp:", err)
		os.Exit(1)
	}
	name := fmt.Sprintf("street n=%d k=%d seed=%d", *n, *k, *seed)
	if err := warmtenet.WriteSTP(f, name, g, terms); err != nil {
		fmt.Fprintln(os.Stderr, "synthstp:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "synthstp:", err)
		os.Exit(1)
	}
}
