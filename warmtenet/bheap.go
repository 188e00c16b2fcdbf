package warmtenet

// bheapItem is an item of the binary min-heaps of bheapPush and bheapPop:
// a key and what the search carries with it (a node, a label).
//
// The heap compares key, a float64 field of a concrete type, so each
// instantiation compiles to the same code as a hand-written heap of its
// item type; a heap over any T ordered by a less func or by a method of
// T calls the comparison through Go's generic dictionary, indirectly, and
// took about twice the instructions in a push-two-pop-one loop of 32,768
// pops under cachegrind (775-830 million against 396-406 million for
// this form and the hand-written heap it replaces; benchmarks/README.md,
// "warmtenet: the 0.5 s cap at 150,000 nodes").
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
