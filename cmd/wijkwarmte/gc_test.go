package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that a batch raises GOGC to batchGCPercent under a
// soft memory limit of at most batchMemoryLimit, and leaves either alone
// when the environment sets it.
func TestTuneGC(t *testing.T) {
	defaultGC(t)
	tuneGC()
	if got := debug.SetGCPercent(100); got != batchGCPercent {
		t.Errorf("GOGC %d, want %d", got, batchGCPercent)
	}
	got := debug.SetMemoryLimit(math.MaxInt64)
	if got <= 0 || got > batchMemoryLimit {
		t.Errorf("memory limit %d bytes, want at most %d", got, batchMemoryLimit)
	}
	if total := physicalMemory(); total > 0 && got > total/2 {
		t.Errorf("memory limit %d bytes on a machine with %d", got, total)
	}

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	tuneGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: memory limit changed to %d", got)
	}
}

// TestPauseGC checks that "wijkwarmte steiner" turns the collector off
// under a soft memory limit and restores both, and leaves them alone when
// the environment sets GOGC.
func TestPauseGC(t *testing.T) {
	defaultGC(t)
	restore := pauseGC()
	off := debug.SetGCPercent(-1)
	soft := debug.SetMemoryLimit(-1) // -1 reads the limit
	restore()
	if off != -1 {
		t.Errorf("GC percent %d during the solve, want -1 (off)", off)
	}
	if soft <= 0 || soft == math.MaxInt64 {
		t.Errorf("memory limit %d during the solve, want a soft limit", soft)
	}
	if total := physicalMemory(); total > 0 && soft != total/2 {
		t.Errorf("memory limit %d on a machine with %d, want half", soft, total)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d after, want 100 restored", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit %d after, want %d restored", got, int64(math.MaxInt64))
	}

	t.Setenv("GOGC", "150")
	restore = pauseGC()
	got := debug.SetGCPercent(100)
	restore()
	if got != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d", got)
	}
}

// defaultGC sets Go's default collector settings (GOGC 100, no memory
// limit) and clears GOGC and GOMEMLIMIT from the environment for the
// test, and restores all four when it ends.
func defaultGC(t *testing.T) {
	pct := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(pct); debug.SetMemoryLimit(limit) })
	for _, k := range []string{"GOGC", "GOMEMLIMIT"} {
		if v, ok := os.LookupEnv(k); ok {
			t.Setenv(k, v) // restored afterwards
			os.Unsetenv(k)
		}
	}
}
