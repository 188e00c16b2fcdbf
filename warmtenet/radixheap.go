package warmtenet

import (
	"math"
	"math/bits"
)

// radixHeap is a monotone priority queue of nodes keyed by non-negative
// distances (Ahuja, Mehlhorn, Orlin and Tarjan, "Faster algorithms for
// the shortest path problem", J. ACM 1990), on the IEEE 754 bits of the
// keys, which order as unsigned integers for non-negative floats. An item
// lives in bucket b = bits.Len64(key ^ last), last being the key of the
// latest pop; a pop takes from bucket 0 (keys equal to last) or, when that
// is empty, moves the lowest non-empty bucket down around its minimum.
// Every key pushed must be at least the latest popped key, which Dijkstra
// with non-negative weights guarantees. There is no decrease-key: a
// search pushes a node again when its distance drops and skips the stale
// entries when they surface.
//
// The buckets are slices that keep their capacity across clears, so that
// searches on a graph after the first allocate nothing. A bucket grows to
// at least 1/64 of the pushes a search can make (reserve), then doubles;
// as no bucket holds more items than that bound, a first search allocates
// at most 7 times per bucket, 448 times in all, however many relaxations
// it makes.
type radixHeap struct {
	last    uint64 // key bits of the latest pop
	mask    uint64 // bit b set: bucket b is not empty
	size    int    // items in the heap
	chunk   int    // least capacity of a grown bucket
	buckets [64][]radixItem
}

type radixItem struct {
	key  float64
	node int32
}

// reserve sizes bucket growth for searches of at most c pushes and
// empties the heap.
func (h *radixHeap) reserve(c int) {
	h.chunk = max(16, c/64)
	h.clear()
}

// clear empties the heap in time proportional to its non-empty buckets.
func (h *radixHeap) clear() {
	for m := h.mask; m != 0; m &= m - 1 {
		b := bits.TrailingZeros64(m) & 63
		h.buckets[b] = h.buckets[b][:0]
	}
	h.last, h.mask, h.size = 0, 0, 0
}

// push adds node v with key (>= the latest popped key).
func (h *radixHeap) push(v int32, key float64) {
	b := bits.Len64(math.Float64bits(key)^h.last) & 63
	h.buckets[b] = h.add(h.buckets[b], radixItem{key, v})
	h.mask |= 1 << uint(b)
	h.size++
}

// empty reports whether the heap holds no item.
func (h *radixHeap) empty() bool { return h.size == 0 }

// pop removes an item with the smallest key and returns its node and key.
// The heap must not be empty.
func (h *radixHeap) pop() (int32, float64) {
	if h.mask&1 == 0 {
		// Move the lowest non-empty bucket down around its minimum, which
		// is the item to pop (it would land in bucket 0).
		b := bits.TrailingZeros64(h.mask) & 63
		items := h.buckets[b]
		n := len(items) - 1
		lo, im := math.Float64bits(items[n].key), n
		for i, it := range items[:n] {
			if k := math.Float64bits(it.key); k < lo {
				lo, im = k, i
			}
		}
		items[im], items[n] = items[n], items[im]
		top := items[n]
		h.last = lo
		h.mask &^= 1 << uint(b)
		for _, it := range items[:n] {
			nb := bits.Len64(math.Float64bits(it.key)^lo) & 63
			h.buckets[nb] = h.add(h.buckets[nb], it)
			h.mask |= 1 << uint(nb)
		}
		h.buckets[b] = items[:0]
		h.size--
		return top.node, top.key
	}
	b0 := h.buckets[0]
	it := b0[len(b0)-1]
	h.buckets[0] = b0[:len(b0)-1]
	if len(b0) == 1 {
		h.mask &^= 1
	}
	h.size--
	return it.node, it.key
}

// add appends it to bucket bk, growing it by at least h.chunk items.
func (h *radixHeap) add(bk []radixItem, it radixItem) []radixItem {
	if len(bk) == cap(bk) {
		nb := make([]radixItem, len(bk), max(2*cap(bk), h.chunk))
		copy(nb, bk)
		bk = nb
	}
	return append(bk, it)
}
