package warmtenet

import (
	"math"
	"math/bits"
)

// dialQueue is the priority queue of ShortestPaths.Run and Add: Dial's
// buckets (Dial, "Shortest-path forest with topological ordering", CACM
// 1969) of width maxW/(B-2) in a circular array of B buckets, the items
// beyond the current bucket unsorted in linked lists, and a small 4-ary
// heap for the items of the current bucket, so that any non-negative
// weights give exact Dijkstra order.
//
// It relies on a property of searches from sources at distance 0 over
// edges no heavier than maxW: every queued key lies within maxW of the
// latest popped key, so the keys in the queue span fewer than B buckets
// and a bucket's place in the circular array names it. An item goes once
// into a bucket and once through the small heap of its bucket's few
// items, against the radix heap's six or so moves between buckets per
// item on street graphs: a multi-source Dijkstra at 45,000 nodes is about
// 18 % faster. A push that breaks the window (a weight
// above maxW: the graph changed after it was built) moves every item to
// the radix heap, which finishes the search exactly.
type dialQueue struct {
	inv    float64 // 1 / bucket width; 0 puts every key in the current bucket
	mask   int64   // B - 1
	cur    int64   // absolute index of the current bucket
	far    int     // items in the buckets beyond the current one
	head   []int32 // per bucket: first item in pool, -1 when empty
	occ    []uint64
	pool   []dialItem
	free   int32      // first free pool slot, -1 when none
	near   []heapItem // 4-ary min-heap of the current bucket
	spill  *radixHeap // set when the window broke: the queue lives there
	spillQ radixHeap
}

type dialItem struct {
	key  float64
	node int32
	next int32
}

// Bucket counts: one bucket per node (the power of two above n), within
// these bounds. The keys of a multi-source search span a few edge lengths
// while the width is set by the heaviest edge, so on a graph with a few
// long edges a bucket per 8 nodes held tens of items: on the Delft graph
// (2,657 nodes, edges 18 m at the median and 376 m at most) a Dijkstra on
// rotating inputs took 139-142 us with 512 buckets and 102-105 us with
// 4,096. Above 16,384 buckets the gain was lost in this machine's noise
// (benchmarks/README.md, "fifth round").
const (
	dialMinBuckets = 256
	dialMaxBuckets = 16384
)

// reset empties the queue for a search on a graph of n nodes whose
// heaviest edge weighs maxW from k sources, which wait in the current
// bucket's heap at first.
func (q *dialQueue) reset(n int, maxW float64, k int) {
	q.grow(n, k)
	b := len(q.head)
	for i := range q.head {
		q.head[i] = -1
	}
	clear(q.occ)
	q.mask = int64(b - 1)
	q.inv = 0
	if w := maxW / float64(b-2); w > 1e-300 && w < math.Inf(1) {
		q.inv = 1 / w
	}
	q.cur, q.far = 0, 0
	q.pool = q.pool[:0]
	q.free = -1
	q.near = q.near[:0]
	q.spill = nil
}

// grow sizes the queue's arrays for a search on a graph of n nodes from
// k sources and reports whether it allocated.
func (q *dialQueue) grow(n, k int) bool {
	fresh := false
	if b := min(max(dialMinBuckets, 1<<bits.Len(uint(n))), dialMaxBuckets); len(q.head) != b {
		q.head = make([]int32, b)
		q.occ = make([]uint64, b/64)
		fresh = true
	}
	if cap(q.pool) < n/2 {
		q.pool = make([]dialItem, 0, n/2)
		fresh = true
	}
	if k = min(k, n); cap(q.near) < k {
		// Room for a Voronoi pass's Add (a tree's nodes) after Run from
		// the terminals, so that the two share their pages.
		q.near = make([]heapItem, 0, max(k, n/2))
		fresh = true
	}
	return fresh
}

func (q *dialQueue) size() int {
	if q.spill != nil {
		return q.spill.size
	}
	return q.far + len(q.near)
}

// empty reports whether the queue holds no item.
func (q *dialQueue) empty() bool { return q.size() == 0 }

// push adds node v with key, which must be at least the latest popped key.
func (q *dialQueue) push(v int32, key float64) {
	if q.spill != nil {
		q.spill.push(v, key)
		return
	}
	b := int64(key * q.inv)
	if b <= q.cur {
		q.nearPush(heapItem{key, v})
		return
	}
	if b-q.cur > q.mask {
		q.toSpill()
		q.spill.push(v, key)
		return
	}
	i := b & q.mask
	slot := q.free
	if slot >= 0 {
		q.free = q.pool[slot].next
		q.pool[slot] = dialItem{key, v, q.head[i]}
	} else {
		slot = int32(len(q.pool))
		q.pool = append(q.pool, dialItem{key, v, q.head[i]})
	}
	q.head[i] = slot
	q.occ[i>>6] |= 1 << uint(i&63)
	q.far++
}

// pop removes an item with the smallest key and returns its node and key.
// The queue must not be empty.
func (q *dialQueue) pop() (int32, float64) {
	if q.spill != nil {
		return q.spill.pop()
	}
	if len(q.near) == 0 {
		if it, one := q.advance(); one {
			return it.node, it.key
		}
	}
	return q.nearPop()
}

// advance makes the next non-empty bucket the current one and moves its
// items into the small heap; a bucket of one item it empties and returns
// that item instead (one true), as the heap would.
func (q *dialQueue) advance() (heapItem, bool) {
	i := (q.cur + 1) & q.mask
	for {
		if w := q.occ[i>>6] >> uint(i&63); w != 0 {
			i += int64(bits.TrailingZeros64(w))
			break
		}
		i = ((i | 63) + 1) & q.mask
	}
	q.occ[i>>6] &^= 1 << uint(i&63)
	slot := q.head[i]
	q.head[i] = -1
	// The window holds fewer than B buckets, so every item here has the
	// same absolute bucket index: that of its key.
	first := q.pool[slot]
	q.cur = int64(first.key * q.inv)
	if first.next < 0 {
		q.pool[slot].next = q.free
		q.free = slot
		q.far--
		return heapItem{first.key, first.node}, true
	}
	for slot >= 0 {
		it := q.pool[slot]
		q.nearPush(heapItem{it.key, it.node})
		q.pool[slot].next = q.free
		q.free = slot
		slot = it.next
		q.far--
	}
	return heapItem{}, false
}

func (q *dialQueue) nearPush(it heapItem) {
	q.near = append(q.near, it)
	quadUp(q.near, len(q.near)-1, it, nil)
}

func (q *dialQueue) nearPop() (int32, float64) {
	var top heapItem
	top, q.near = quadPop(q.near, nil)
	return top.node, top.key
}

// toSpill moves every item to the radix heap, which serves the rest of
// the search.
func (q *dialQueue) toSpill() {
	h := &q.spillQ
	h.reserve(len(q.pool) + len(q.near))
	for _, it := range q.near {
		h.push(it.node, it.key)
	}
	for i, slot := range q.head {
		for ; slot >= 0; slot = q.pool[slot].next {
			h.push(q.pool[slot].node, q.pool[slot].key)
		}
		q.head[i] = -1
	}
	clear(q.occ)
	q.near = q.near[:0]
	q.far = 0
	q.spill = h
}
