package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

// cancelAt cancels its context when the named stage starts.
type cancelAt struct {
	stage  string
	cancel context.CancelFunc
}

func (p cancelAt) Start(stage string, _ int, _ string) {
	if stage == p.stage {
		p.cancel()
	}
}
func (cancelAt) Set(int, int) {}
func (cancelAt) Finish()      {}

// TestInterruptedWriteKeepsPreviousSet: a run interrupted while it writes
// (SIGINT reaches Run as a cancelled context) fails and leaves the
// previous complete set in --out untouched, with no staging left beside it.
func TestInterruptedWriteKeepsPreviousSet(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), Config{Out: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if err := outset.Verify(dir); err != nil {
		t.Fatalf("first run: %v", err)
	}
	before, err := outset.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = Run(ctx, Config{Out: dir, Workers: 2, GeoJSON: true, Progress: cancelAt{"writing", cancel}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: error %v, want one wrapping context.Canceled", err)
	}
	if err := outset.Verify(dir); err != nil {
		t.Fatalf("after the interrupted run: %v", err)
	}
	after, err := outset.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Files) != len(before.Files) {
		t.Fatalf("the set changed: %d files before, %d after", len(before.Files), len(after.Files))
	}
	for i := range before.Files {
		if before.Files[i] != after.Files[i] {
			t.Errorf("file %s changed by the interrupted run", before.Files[i].Name)
		}
	}
	ents, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range ents {
		if e.Name() != "out" && e.Name() != ".out.lock" {
			t.Errorf("the interrupted run left %s", e.Name())
		}
	}
}

// TestInterruptedBeforeWriting: a run stopped while it reads or analyses
// says that it was interrupted and that the outputs in --out are as they
// were, not a bare "context canceled" (or "analysis: context canceled"),
// and still wraps the context's cause.
func TestInterruptedBeforeWriting(t *testing.T) {
	t.Parallel()
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	for _, stage := range []string{"", "classifying"} {
		t.Run("stage="+stage, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "out")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if stage == "" {
				cancel()
			}
			_, err := Run(ctx, Config{Buildings: sample, Out: dir, Progress: cancelAt{stage, cancel}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("error %v, want one wrapping context.Canceled", err)
			}
			if want := "interrupted before writing " + dir + "; the previous outputs there are unchanged"; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want it to say %q", err, want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("the interrupted run made %s (%v)", dir, err)
			}
		})
	}
}
