package warmtenet

import "unsafe"

// Prefaulting on another core. A first solve on a graph allocates its
// buffers, and the first write to each 4 KiB page of them costs a page
// fault: about 2.5 us a page on the machine of benchmarks/README.md
// ("networkx comparison"), some 600 pages for a -fast solve at 45,000
// nodes, about 1.5 ms of a 12 ms solve. Buffers that a later phase fills
// are handed to prefault when they are allocated: a goroutine, on
// another core when one is free, has the kernel map their pages in
// (populate) while the solve runs its earlier phases, so that the solve
// finds them mapped. populate does not write the memory (on Linux
// madvise MADV_POPULATE_WRITE, which maps pages as a write fault would
// and leaves their contents as they are), so the goroutine needs no
// synchronisation with the solve, which may write the same buffers at
// any time; a page the solve reaches first it faults in itself, as
// without. A reused Steiner allocates nothing and starts no goroutine.

// pages is the backing array of a buffer, for prefault.
type pages struct {
	p unsafe.Pointer
	n uintptr
}

// pagesOf returns the first n items of s's backing array (at most its
// capacity).
func pagesOf[T any](s []T, n int) pages {
	s = s[:min(n, cap(s))]
	if len(s) == 0 {
		return pages{}
	}
	return pages{unsafe.Pointer(&s[0]), uintptr(len(s)) * unsafe.Sizeof(s[0])}
}

// prefaultMin is the least memory worth a goroutine: 64 pages.
const prefaultMin = 256 << 10

// prefault maps in the pages of bufs, new buffers, on another
// goroutine, in their order, when they add up to prefaultMin and the
// system can (populate). It returns at once.
func prefault(bufs ...pages) {
	if !canPopulate {
		return
	}
	var total uintptr
	for _, b := range bufs {
		total += b.n
	}
	if total < prefaultMin {
		return
	}
	go populateAll(bufs)
}

// populateAll maps in the pages of bufs in their order (populate), on
// the calling goroutine.
func populateAll(bufs []pages) {
	for _, b := range bufs {
		if b.n > 0 {
			populate(b.p, b.n)
		}
	}
}
