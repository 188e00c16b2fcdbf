package benchmarks

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/outset/outsettest"
	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
)

// TestBatchKilledAtScale is the resume check at benchmark size: a batch
// over a synthetic country (WIJKWARMTE_RESUME_COUNTRY, a folder that
// benchmarks/synthnl wrote) is killed with SIGKILL after
// WIJKWARMTE_RESUME_KILL_AFTER seconds (default: half the uninterrupted
// run), started again with the same command, and its outputs compared
// with those of an uninterrupted run (WIJKWARMTE_RESUME_WHOLE, an output
// folder of the same command; run here when not given). Skipped unless
// WIJKWARMTE_RESUME_COUNTRY is set; see benchmarks/README.md.
func TestBatchKilledAtScale(t *testing.T) {
	nl := os.Getenv("WIJKWARMTE_RESUME_COUNTRY")
	if nl == "" {
		t.Skip("set WIJKWARMTE_RESUME_COUNTRY to a synthnl folder")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "wijkwarmte")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/wijkwarmte").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v: %s", err, out)
	}
	bag := filepath.Join(nl, synthnl.BAGFile)
	cmd := func(out string) *exec.Cmd {
		return exec.Command(bin, "batch", "--quiet", "--areas", filepath.Join(nl, synthnl.AreasFile),
			"--buildings", bag, "--vbo", bag, "--streets", filepath.Join(nl, synthnl.StreetsFile),
			"--labels", filepath.Join(nl, synthnl.LabelsFile), "--workers", "2", "--out", out)
	}
	whole := os.Getenv("WIJKWARMTE_RESUME_WHOLE")
	var full time.Duration
	if whole == "" {
		whole = filepath.Join(tmp, "whole")
		t0 := time.Now()
		if out, err := cmd(whole).CombinedOutput(); err != nil {
			t.Fatalf("uninterrupted batch: %v: %s", err, out)
		}
		full = time.Since(t0)
	}
	after := full / 2
	if s, err := strconv.ParseFloat(os.Getenv("WIJKWARMTE_RESUME_KILL_AFTER"), 64); err == nil {
		after = time.Duration(s * float64(time.Second))
	}
	if after <= 0 {
		t.Fatal("give WIJKWARMTE_RESUME_KILL_AFTER (seconds) with WIJKWARMTE_RESUME_WHOLE")
	}
	killed := filepath.Join(tmp, "killed")
	c := cmd(killed)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(after)
	c.Process.Signal(syscall.SIGKILL)
	c.Wait()
	if _, err := os.Stat(killed); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the killed batch left its output folder visible (it should only be staged): %v", err)
	}
	states, _ := filepath.Glob(filepath.Join(tmp, ".killed*", "state", "*.gob"))
	t.Logf("killed after %v with %d buurten committed in the staging", after, len(states))
	t0 := time.Now()
	if out, err := cmd(killed).CombinedOutput(); err != nil {
		t.Fatalf("resumed batch: %v: %s", err, out)
	}
	t.Logf("resumed run: %v", time.Since(t0).Round(time.Millisecond))
	if err := outset.Verify(killed); err != nil {
		t.Fatal(err)
	}
	outsettest.Same(t, whole, killed, "killed and resumed against uninterrupted")
}
