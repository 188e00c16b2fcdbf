package warmtenet

import (
	"math"
	"math/bits"
)

// candKey packs a candidate's sort key into 8 bytes: the high 32 bits of
// the IEEE 754 bits of its weight w (non-negative, not -0) above its
// index i, so that keys order as (weight to about 1e-6, index).
func candKey(w float64, i int32) uint64 {
	return math.Float64bits(w)>>32<<32 | uint64(uint32(i))
}

// keyIndex returns the index packed in a candidate key.
func keyIndex(k uint64) int32 { return int32(uint32(k)) }

// sortKeys sorts the candidate keys a (candKey) by (weight, index), where
// weight(i) is the full weight of the candidate of index i, and returns
// the sorted slice, which is a or *tmp (grown as needed). Long lists take
// an LSD radix sort on the high 32 bits of the weight (sign, exponent and
// 20 mantissa bits) in digits of 11 bits, O(len(a)), skipping digits that
// are equal throughout, then a comparison sort (sortCands) of each run of
// equal high bits (weights within a relative 1e-6 of each other, or
// equal) on (weight, index), with the weights recomputed into run, a
// reusable buffer; short ones (below 64 items) that comparison sort as a
// whole. The keys are 8 bytes where (weight, index) pairs take 16: the
// candidate lists of a first solve touch half the fresh memory, and the
// radix passes move half the bytes (benchmarks/README.md, "networkx
// comparison"). (A comparison sort mispredicts about every other branch
// on such keys unless the same input repeats: with inputs that vary, as
// in use, the radix sort from 64 items instead of 512 made a FastWork
// solve at 1,000 nodes about 15 % faster; benchmarks/README.md, "fifth
// round".)
func sortKeys(a []uint64, tmp *[]uint64, run *[]candEdge, weight func(int32) float64) []uint64 {
	if len(a) < 64 {
		sortKeyRun(a, run, weight)
		return a
	}
	const (
		bits    = 11
		buckets = 1 << bits
		passes  = (32 + bits - 1) / bits
	)
	var count [passes][buckets]int32
	for _, k := range a {
		h := k >> 32
		for p := range passes {
			count[p][(h>>(p*bits))&(buckets-1)]++
		}
	}
	if cap(*tmp) < len(a) {
		*tmp = make([]uint64, len(a))
	}
	src, dst := a, (*tmp)[:len(a)]
	for p := range passes {
		cnt := &count[p]
		trivial := false
		var sum int32
		for i := range cnt {
			c := cnt[i]
			if int(c) == len(a) {
				trivial = true
				break
			}
			cnt[i] = sum
			sum += c
		}
		if trivial {
			continue
		}
		shift := uint(32 + p*bits)
		for _, k := range src {
			d := (k >> shift) & (buckets - 1)
			dst[cnt[d]] = k
			cnt[d]++
		}
		src, dst = dst, src
	}
	for i := 0; i < len(src); {
		j := i + 1
		h := src[i] >> 32
		for j < len(src) && src[j]>>32 == h {
			j++
		}
		if j-i > 1 {
			sortKeyRun(src[i:j], run, weight)
		}
		i = j
	}
	return src
}

// sortKeyRun sorts the keys a by (weight, index) with sortCands on their
// full weights, in run.
func sortKeyRun(a []uint64, run *[]candEdge, weight func(int32) float64) {
	r := (*run)[:0]
	for _, k := range a {
		i := keyIndex(k)
		r = append(r, candEdge{weight(i), i})
	}
	sortCands(r)
	for x, c := range r {
		a[x] = candKey(c.w, c.e)
	}
	*run = r[:0]
}

// sortCands sorts a by (weight, edge) like slices.SortFunc(a, compareCand),
// with the comparison inlined: an introsort (quicksort on the median of
// three, insertion sort below 16 items, heapsort past 2 log2(n) levels).
// The keys (weight, edge) of a candidate list are distinct, so any correct
// sort gives the same order.
func sortCands(a []candEdge) {
	if isSortedCands(a) {
		return // common for the short runs of equal high bits
	}
	introsort(a, 2*bits.Len(uint(len(a))))
}

func candLess(x, y candEdge) bool { return x.w < y.w || x.w == y.w && x.e < y.e }

func introsort(a []candEdge, depth int) {
	for len(a) > 16 {
		if depth == 0 {
			heapsortCands(a)
			return
		}
		depth--
		// Median of three to a[0], then partition a[1:] around it.
		m, l := len(a)/2, len(a)-1
		if candLess(a[m], a[0]) {
			a[m], a[0] = a[0], a[m]
		}
		if candLess(a[l], a[m]) {
			a[l], a[m] = a[m], a[l]
			if candLess(a[m], a[0]) {
				a[m], a[0] = a[0], a[m]
			}
		}
		a[0], a[m] = a[m], a[0]
		p := a[0]
		i, j := 1, l
		for {
			for i <= j && candLess(a[i], p) {
				i++
			}
			for i <= j && candLess(p, a[j]) {
				j--
			}
			if i >= j {
				break
			}
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
		a[0], a[j] = a[j], a[0]
		// Recurse into the smaller side, loop on the larger.
		if j < len(a)-j {
			introsort(a[:j], depth)
			a = a[j+1:]
		} else {
			introsort(a[j+1:], depth)
			a = a[:j]
		}
	}
	for i := 1; i < len(a); i++ {
		x := a[i]
		j := i
		for j > 0 && candLess(x, a[j-1]) {
			a[j] = a[j-1]
			j--
		}
		a[j] = x
	}
}

func isSortedCands(a []candEdge) bool {
	for i := 1; i < len(a); i++ {
		if candLess(a[i], a[i-1]) {
			return false
		}
	}
	return true
}

func heapsortCands(a []candEdge) {
	n := len(a)
	down := func(i, n int) {
		for {
			c := 2*i + 1
			if c >= n {
				return
			}
			if c+1 < n && candLess(a[c], a[c+1]) {
				c++
			}
			if !candLess(a[i], a[c]) {
				return
			}
			a[i], a[c] = a[c], a[i]
			i = c
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i, n)
	}
	for i := n - 1; i > 0; i-- {
		a[0], a[i] = a[i], a[0]
		down(0, i)
	}
}
