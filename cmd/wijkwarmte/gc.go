package main

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// Garbage collection of a batch. A batch allocates a buurt's inputs,
// network and rows and drops them when the buurt is committed, so its
// live heap is small against what it allocates; with Go's default GOGC
// of 100 the collector took about 10 % of a synthetic country's CPU
// (benchmarks/README.md, "What changed: the collector of a batch").
// batchGCPercent lets the heap grow to five times the live heap between
// collections, and a soft memory limit keeps the total under
// batchMemoryLimit (or under half the machine's memory when that is
// less), so the memory target of issue 12 (the whole country in at
// most 4 GB) holds whatever the percentage. GOGC and GOMEMLIMIT in the
// environment take precedence.
const (
	batchGCPercent   = 400
	batchMemoryLimit = 3 << 30 // bytes
)

// tuneGC applies the memory limit unless the environment sets
// GOMEMLIMIT, and batchGCPercent unless it sets GOGC (a limit is then
// always in force, the user's or this one).
func tuneGC() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		limit := int64(batchMemoryLimit)
		if total := physicalMemory(); total > 0 && total/2 < limit {
			limit = total / 2
		}
		debug.SetMemoryLimit(limit)
	}
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(batchGCPercent)
	}
}

// physicalMemory returns the memory this process may use, in bytes: the
// cgroup v2 limit when there is one, else MemTotal of /proc/meminfo; 0
// when neither can be read (not Linux).
func physicalMemory() int64 {
	var total int64
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				fs := strings.Fields(rest)
				if len(fs) == 2 && fs[1] == "kB" {
					if kb, err := strconv.ParseInt(fs[0], 10, 64); err == nil && kb > 0 {
						total = kb << 10
					}
				}
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && v > 0 && (total == 0 || v < total) {
			total = v
		}
	}
	return total
}

// pauseGC turns the collector off for "wijkwarmte steiner", which reads
// one instance and solves it, and returns a function that turns it back
// on. A solve allocates its buffers once, sized by the graph (4.9 MB in
// 29 allocations for a -fast solve at 45,000 nodes), and frees nothing
// while it runs, so a collection then has nothing to reclaim that the
// solve could use; but the reader leaves the heap at the collector's
// goal (4 MB at 45,000 nodes, GODEBUG=gctrace=1), so that a collection
// started at the end of the reading or by the solve's first allocations
// ran into the timed solve: its stop-the-world phases, its marking on
// the other core and its write to fresh pages (benchmarks/README.md,
// "networkx comparison"). It is off from before the reading, not from
// the solve on, because debug.SetGCPercent(-1) waits for a collection
// in progress: that would move the reader's collection out of the timed
// solve instead of saving it. Without the collector the heap holds the
// reader's garbage (its edge lists grown by doubling, about 1 MB at
// 45,000 nodes) and the solver's buffers and the garbage of their
// growth, a bounded number of allocations. A soft memory limit of half
// the machine's memory (batchMemoryLimit when that cannot be read)
// brings the collector back should an instance come near it. GOGC and
// GOMEMLIMIT in the environment take precedence, as for a batch.
func pauseGC() (restore func()) {
	restore = func() {}
	if _, ok := os.LookupEnv("GOGC"); ok {
		return restore
	}
	pct := debug.SetGCPercent(-1)
	limit := int64(-1) // -1: leave the limit as it is
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		soft := int64(batchMemoryLimit)
		if total := physicalMemory(); total > 0 {
			soft = total / 2
		}
		limit = debug.SetMemoryLimit(soft)
	}
	return func() {
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
		debug.SetGCPercent(pct)
	}
}
