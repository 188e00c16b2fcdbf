package warmtenet

import (
	"math"
	"slices"
)

// sortCandByWeight sorts a by weight, keeping the order of equal weights,
// using tmp (grown as needed) as scratch; it returns the sorted slice,
// which is a or tmp. Weights must be non-negative and not -0, so that
// their IEEE 754 bits order as unsigned integers. Long slices take an LSD
// radix sort of 11-bit digits, O(len(a)), skipping digits that are equal
// throughout; short ones a comparison sort on (weight, edge), which equals
// the radix order when a is in edge order.
func sortCandByWeight(a []candEdge, tmp *[]candEdge) []candEdge {
	if len(a) < 512 {
		slices.SortFunc(a, compareCand)
		return a
	}
	const (
		bits    = 11
		buckets = 1 << bits
		passes  = (64 + bits - 1) / bits
	)
	var count [passes][buckets]int32
	for _, c := range a {
		k := math.Float64bits(c.w)
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
			d := (math.Float64bits(c.w) >> shift) & (buckets - 1)
			dst[cnt[d]] = c
			cnt[d]++
		}
		src, dst = dst, src
	}
	return src
}
