package warmtenet

import (
	"math"
	"math/bits"
)

// sortCandByWeight sorts a by weight, keeping the order of equal weights,
// using tmp (grown as needed) as scratch; it returns the sorted slice,
// which is a or tmp. Weights must be non-negative and not -0, so that
// their IEEE 754 bits order as unsigned integers. Long slices take an LSD
// radix sort on the high 32 bits (sign, exponent and 20 mantissa bits) in
// digits of 11 bits, O(len(a)), skipping digits that are equal
// throughout, then a comparison sort of each run of equal high bits
// (weights within a relative 1e-6 of each other, or equal) on (weight,
// edge); short ones (below 64 items) a comparison sort on (weight, edge).
// Both equal the radix order of the full weights when a is in edge order.
// (A comparison sort mispredicts about every other branch on such keys
// unless the same input repeats: with inputs that vary, as in use, the
// radix sort from 64 items instead of 512 made a FastWork solve at 1,000
// nodes about 15 % faster; benchmarks/README.md, "fifth round".)
func sortCandByWeight(a []candEdge, tmp *[]candEdge) []candEdge {
	if len(a) < 64 {
		sortCands(a)
		return a
	}
	const (
		bits    = 11
		buckets = 1 << bits
		passes  = (32 + bits - 1) / bits
	)
	hi := func(c candEdge) uint32 { return uint32(math.Float64bits(c.w) >> 32) }
	var count [passes][buckets]int32
	for _, c := range a {
		k := hi(c)
		for p := range passes {
			count[p][(k>>(p*bits))&(buckets-1)]++
		}
	}
	if cap(*tmp) < len(a) {
		*tmp = make([]candEdge, len(a))
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
		shift := uint(p * bits)
		for _, c := range src {
			d := (hi(c) >> shift) & (buckets - 1)
			dst[cnt[d]] = c
			cnt[d]++
		}
		src, dst = dst, src
	}
	// Order each run of equal high bits by the full weight, then edge.
	for i := 0; i < len(src); {
		j := i + 1
		k := hi(src[i])
		for j < len(src) && hi(src[j]) == k {
			j++
		}
		if j-i > 1 {
			sortCands(src[i:j])
		}
		i = j
	}
	return src
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
