package warmtenet

// bheapItem is an item of the binary min-heaps of bheapPush and bheapPop
// (the key-path fail test, the reductions' bounded searches, reduced-cost
// fixing's Dijkstra): a key and what the search carries with it (a node,
// a label).
//
// The heap compares key, a float64 field of a concrete type, so each
// instantiation compiles to the code of a hand-written heap of its item
// type. A heap over any T ordered by a less func parameter or by a
// method of T makes each comparison an indirect call (a func value, or
// the method through Go's generic dictionary; Go 1.26 does not inline
// bheapPop into its callers, so neither is resolved statically): in 20
// runs of a loop of 32,768 pops and 65,537 pushes of random keys,
// cachegrind counted 771 M instructions (less func) and 828 M (method)
// against 396 M for this form and 406 M for the hand-written heap it
// replaced (benchmarks/README.md, "warmtenet: the 0.5 s cap at 150,000
// nodes").
type bheapItem[P any] struct {
	key float64
	val P
}

// bheapPush adds it to the binary min-heap h (by key) and returns h.
// An item moves up past its parents of greater key only, so the pop
// order of equal keys depends on the order of pushes and pops alone.
func bheapPush[P any](h []bheapItem[P], it bheapItem[P]) []bheapItem[P] {
	h = append(h, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h[p].key <= it.key {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
	return h
}

// bheapPop removes an item of least key from the binary min-heap h (not
// empty) and returns it and the shortened heap. The last item sifts down
// from the root past children of smaller key only, the left child on a
// tie between the two.
func bheapPop[P any](h []bheapItem[P]) (bheapItem[P], []bheapItem[P]) {
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h[c+1].key < h[c].key {
			c++
		}
		if last.key <= h[c].key {
			break
		}
		h[i] = h[c]
		i = c
	}
	if n > 0 {
		h[i] = last
	}
	return top, h
}
