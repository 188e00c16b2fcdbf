package warmtenet

import (
	"math"
	"slices"
)

// sortCandByWeight sorts a by weight, keeping the order of equal weights,
// using tmp (grown as needed) as scratch; it returns the sorted slice,
// which is a or tmp. Weights must be non-negative and not -0, so that
// their IEEE 754 bits order as unsigned integers. Long slices take an LSD
// radix sort on the high 32 bits (sign, exponent and 20 mantissa bits) in
// digits of 11 bits, O(len(a)), skipping digits that are equal
// throughout, then a comparison sort of each run of equal high bits
// (weights within a relative 1e-6 of each other, or equal) on (weight,
// edge); short ones a comparison sort on (weight, edge). Both equal the
// radix order of the full weights when a is in edge order.
func sortCandByWeight(a []candEdge, tmp *[]candEdge) []candEdge {
	if len(a) < 512 {
		slices.SortFunc(a, compareCand)
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
			run := src[i:j]
			if !slices.IsSortedFunc(run, compareCand) {
				slices.SortFunc(run, compareCand)
			}
		}
		i = j
	}
	return src
}
