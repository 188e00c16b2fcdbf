package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/outset/outsettest"
)

// runMainEnv makes the test binary run as the wijkwarmte command.
const runMainEnv = "WIJKWARMTE_TEST_RUN_MAIN"

// selfCommand returns the test binary set up to run as wijkwarmte args.
func selfCommand(args ...string) *exec.Cmd {
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), runMainEnv+"=1")
	return c
}

// TestScanKilledWhileWriting kills `scan` with SIGKILL at moments spread
// over its run, concentrated on the writing phase, and checks after every
// kill that --out holds exactly one complete set: the previous one, or the
// new one when the run got to its commit (issue 13: "a reader never sees a
// mix of two runs, and an interrupted run leaves the previous complete set
// untouched").
func TestScanKilledWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a dozen demo scans")
	}
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	stage := filepath.Join(filepath.Dir(dir), ".out.staging")
	// The two sets alternate: with and without buildings.geojson, so
	// that a mix of the two would show as a file too many or too few.
	args := func(i int) []string {
		a := []string{"scan", "--quiet", "--workers", "1", "--out", dir}
		if i%2 == 1 {
			a = append(a, "--geojson")
		}
		return a
	}
	t0 := time.Now()
	if out, err := selfCommand(args(0)...).CombinedOutput(); err != nil {
		t.Fatalf("first scan: %v: %s", err, out)
	}
	full := time.Since(t0)
	prev, err := outset.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}

	// Kill at a fraction of a full run's time; move the fraction towards
	// the writing phase: later when the kill came before writing began
	// (no staging), earlier when the run had already finished.
	frac, inWrite, finished := 0.85, 0, 0
	const kills = 10
	for i := 1; i <= kills; i++ {
		c := selfCommand(args(i)...)
		start := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		// A staging made by this run (an earlier kill may have left one).
		fi, serr := os.Stat(stage)
		staged := serr == nil && !fi.ModTime().Before(start)

		if err := outset.Verify(dir); err != nil {
			t.Fatalf("kill %d at %.0f%% of a run: %v", i, 100*frac, err)
		}
		now, err := outset.ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		changed := !sameManifest(now, prev)
		switch {
		case changed:
			finished++
			prev = now
			frac *= 0.9
		case staged:
			inWrite++
			frac *= 1.02
		default:
			frac *= 1.1
		}
	}
	t.Logf("%d kills: %d while writing (staging present), %d after the commit, %d before writing", kills, inWrite, finished, kills-inWrite-finished)
	// The next run removes what the killed ones left and commits.
	if out, err := selfCommand(args(0)...).CombinedOutput(); err != nil {
		t.Fatalf("scan after the kills: %v: %s", err, out)
	}
	if err := outset.Verify(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stage); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("staging left after a completed run: %v", err)
	}
}

func sameManifest(a, b outset.Manifest) bool {
	if len(a.Files) != len(b.Files) {
		return false
	}
	for i := range a.Files {
		if a.Files[i] != b.Files[i] {
			return false
		}
	}
	return true
}

// TestBatchKilledAndResumed kills `batch` with SIGKILL at moments spread
// over its run, starts it again with the same command after each kill,
// and checks that the output folder never shows a partial set and that
// the batch that finally completes writes what an uninterrupted batch
// writes (issue 12: "a batch killed at any moment and started again ...
// ends with outputs identical to an uninterrupted run"; issue 13: the
// crash loop for batch).
func TestBatchKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and resumes demo batches")
	}
	t.Parallel()
	root := filepath.Join("..", "..", "testdata", "delft-wippolder")
	args := func(out string) []string {
		return []string{"batch", "--quiet", "--workers", "1", "--out", out,
			"--areas", filepath.Join("..", "..", "internal", "batch", "testdata", "buurten.geojson"),
			"--buildings", filepath.Join(root, "buildings_rd_approx.geojson"),
			"--streets", filepath.Join(root, "streets_in_bbox_rd_approx.geojson")}
	}
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	t0 := time.Now()
	if out, err := selfCommand(args(whole)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted batch: %v: %s", err, out)
	}
	full := time.Since(t0)

	dir := filepath.Join(tmp, "killed")
	for i, frac := range []float64{0.3, 0.6, 0.8} {
		c := selfCommand(args(dir)...)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		if _, err := os.Stat(dir); err == nil {
			if err := outset.Verify(dir); err != nil {
				t.Fatalf("kill %d: %v", i, err)
			}
		}
	}
	if out, err := selfCommand(args(dir)...).CombinedOutput(); err != nil {
		t.Fatalf("resumed batch: %v: %s", err, out)
	}
	outsettest.Same(t, whole, dir, "after kills and resumes")
}
