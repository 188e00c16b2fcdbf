package warmtenet

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDialQueue pushes and pops random keys within maxW of the latest pop
// (many ties, zero, narrow and wide spreads, small and large bucket
// counts), now and then one beyond the window (the spill to the radix
// heap), and checks every pop against a sorted reference.
func TestDialQueue(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var q dialQueue
	for round := range 120 {
		maxW := []float64{0, 1e-9, 1, 60, 1e6, 1e-310}[round%6]
		n := []int{10, 5000, 200_000}[round%3]
		q.reset(n, maxW, 0)
		breakAt := -1
		if round%4 == 3 {
			breakAt = rng.IntN(2000)
		}
		var ref []float64
		last := 0.0
		for i := range 2000 {
			if len(ref) == 0 || i == breakAt || rng.IntN(3) > 0 {
				k := last + maxW*rng.Float64()
				switch {
				case i == breakAt:
					k = last + 3*maxW + 1 // a weight above maxW
				case rng.IntN(4) == 0:
					k = last // ties
				case rng.IntN(8) == 0:
					k = last + maxW // the edge of the window
				}
				q.push(int32(len(ref)), k)
				ref = append(ref, k)
				continue
			}
			slices.Sort(ref)
			_, k := q.pop()
			if k != ref[0] {
				t.Fatalf("round %d: popped %v, want %v", round, k, ref[0])
			}
			last, ref = k, ref[1:]
			if q.size() != len(ref) {
				t.Fatalf("round %d: size %d, want %d", round, q.size(), len(ref))
			}
		}
		for len(ref) > 0 {
			slices.Sort(ref)
			if _, k := q.pop(); k != ref[0] {
				t.Fatalf("round %d: popped %v, want %v", round, k, ref[0])
			}
			ref = ref[1:]
		}
		if q.size() != 0 {
			t.Fatalf("round %d: %d items left", round, q.size())
		}
		if breakAt >= 0 && q.inv > 0 && q.spill == nil {
			t.Errorf("round %d: a key beyond the window did not spill", round)
		}
	}
}

// TestShortestPathsQueueFallbacks checks that Run gives the same distances
// when the graph's heaviest weight is understated (the queue spills to the
// radix heap mid-search) or unknown (every key in one bucket) as with the
// true one.
func TestShortestPathsQueueFallbacks(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range 300 {
		n := 2 + rng.IntN(300)
		g := randomGraph(t, rng, n, rng.IntN(3*n), 100, i%2 == 0)
		src := randomTerminals(rng, n, 1+rng.IntN(min(n, 5)))
		var want ShortestPaths
		want.Run(g, src)
		for _, mw := range []float64{g.maxWeight / 10, 0} {
			h := *g
			h.maxWeight = mw
			var got ShortestPaths
			got.Run(&h, src)
			if !slices.Equal(got.Dist, want.Dist) {
				t.Fatalf("case %d, heaviest weight given as %v: distances differ", i, mw)
			}
		}
	}
}
