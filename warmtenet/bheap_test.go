package warmtenet

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBheap pushes and pops random keys (many ties, zero, wide and narrow
// spreads, negative keys, infinity) and checks every pop against a sorted
// reference of the keys in the heap and the popped payload against the
// items pushed; each round ends by emptying the heap.
func TestBheap(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var h []bheapItem[int32]
	for round := range 60 {
		var ref []float64
		keyOf := map[int32]float64{} // payload -> key of the items in h
		next := int32(0)
		for range 1500 {
			if len(ref) == 0 || rng.IntN(5) < 3 {
				var k float64
				switch round % 6 {
				case 0:
					k = float64(rng.IntN(4)) // heavy ties
				case 1:
					k = 0
				case 2:
					k = 1e6 * rng.Float64()
				case 3:
					k = 1e-9 * float64(rng.IntN(10))
				case 4:
					k = float64(rng.IntN(50) - 25)
				default:
					k = math.Inf(1)
					if rng.IntN(2) == 0 {
						k = float64(rng.IntN(3))
					}
				}
				h = bheapPush(h, bheapItem[int32]{k, next})
				keyOf[next] = k
				next++
				ref = append(ref, k)
				continue
			}
			slices.Sort(ref)
			var it bheapItem[int32]
			it, h = bheapPop(h)
			if it.key != ref[0] {
				t.Fatalf("round %d: popped key %v, least in heap %v", round, it.key, ref[0])
			}
			if k, ok := keyOf[it.val]; !ok || k != it.key {
				t.Fatalf("round %d: popped %v, not an item in the heap", round, it)
			}
			delete(keyOf, it.val)
			ref = ref[1:]
			if len(h) != len(ref) {
				t.Fatalf("round %d: %d items left, want %d", round, len(h), len(ref))
			}
		}
		slices.Sort(ref)
		for _, k := range ref {
			var it bheapItem[int32]
			it, h = bheapPop(h)
			if it.key != k || keyOf[it.val] != k {
				t.Fatalf("round %d: emptying popped %v, want key %v", round, it, k)
			}
		}
		if len(h) != 0 {
			t.Fatalf("round %d: %d items left after emptying", round, len(h))
		}
	}
	// One item; the heap is empty after its pop and takes pushes again.
	h = bheapPush(h[:0], bheapItem[int32]{3, 7})
	it, h := bheapPop(h)
	if it != (bheapItem[int32]{3, 7}) || len(h) != 0 {
		t.Fatalf("one item: popped %v, %d left", it, len(h))
	}
	h = bheapPush(h, bheapItem[int32]{1, 8})
	if it, h = bheapPop(h); it.val != 8 || len(h) != 0 {
		t.Fatalf("push after empty: popped %v, %d left", it, len(h))
	}
}

// TestBheapTieOrder pins the order in which equal keys come out, which
// the key-path fail test (failtest.go) and the bottleneck reduction
// (reduce.go) depend on for their trees: not first in, first out but the
// heap's own order. Three equal keys pushed as 0, 1, 2 pop as 0, 2, 1;
// and a seeded run of pushes and pops of keys 0-3 pops its payloads in
// the sequence whose FNV-1a hash was taken from the two hand-written
// heaps bheapPush/bheapPop and sdPush/sdPop replaced (main ab7ad36).
func TestBheapTieOrder(t *testing.T) {
	var h []bheapItem[int32]
	for v := range int32(3) {
		h = bheapPush(h, bheapItem[int32]{1, v})
	}
	var got []int32
	for len(h) > 0 {
		var it bheapItem[int32]
		it, h = bheapPop(h)
		got = append(got, it.val)
	}
	if !slices.Equal(got, []int32{0, 2, 1}) {
		t.Errorf("three ties popped as %v, want [0 2 1]", got)
	}

	rng := rand.New(rand.NewPCG(13, 14))
	sum := fnv.New64a()
	next := int32(0)
	for range 20000 {
		if len(h) == 0 || rng.IntN(5) < 3 {
			h = bheapPush(h, bheapItem[int32]{float64(rng.IntN(4)), next})
			next++
			continue
		}
		var it bheapItem[int32]
		it, h = bheapPop(h)
		sum.Write([]byte{byte(it.val), byte(it.val >> 8), byte(it.val >> 16), byte(it.val >> 24)})
	}
	for len(h) > 0 {
		var it bheapItem[int32]
		it, h = bheapPop(h)
		sum.Write([]byte{byte(it.val), byte(it.val >> 8), byte(it.val >> 16), byte(it.val >> 24)})
	}
	const want = 0x1214d6c04e84a2a4
	if got := sum.Sum64(); got != want {
		t.Errorf("pop order hash %#x, want %#x", got, want)
	}
}
