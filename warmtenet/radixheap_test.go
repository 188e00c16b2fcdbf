package warmtenet

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRadixHeap pushes and pops random monotone keys (many ties, zero,
// wide and narrow spreads) and checks every pop against a sorted
// reference of the items in the heap.
func TestRadixHeap(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var h radixHeap
	for round := range 50 {
		h.reserve(1000)
		var ref []float64
		last := 0.0
		spread := []float64{0, 1, 60, 1e6, 1e-9}[round%5]
		for range 2000 {
			if len(ref) == 0 || rng.IntN(3) > 0 {
				k := last + spread*rng.Float64()
				if rng.IntN(4) == 0 {
					k = last + float64(rng.IntN(3)) // ties
				}
				h.push(int32(len(ref)), k)
				ref = append(ref, k)
				continue
			}
			slices.Sort(ref)
			_, k := h.pop()
			if k != ref[0] {
				t.Fatalf("round %d: popped %v, want %v", round, k, ref[0])
			}
			last, ref = k, ref[1:]
		}
		for len(ref) > 0 {
			slices.Sort(ref)
			if _, k := h.pop(); k != ref[0] {
				t.Fatalf("round %d: popped %v, want %v", round, k, ref[0])
			}
			ref = ref[1:]
		}
		if h.size != 0 {
			t.Fatalf("round %d: %d items left", round, h.size)
		}
		if round%7 == 0 { // leave items behind for clear
			h.push(1, 5)
			h.push(2, 7)
		}
	}
}
