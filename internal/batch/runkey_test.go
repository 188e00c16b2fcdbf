package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

// TestBatchResumeSaysWhatChanged: a start with other inputs than the
// unfinished batch's names the input and what changed (the message only
// said "inputs or options changed"); a staging begun before the key's
// parts were kept gives the old message and, with the same inputs, still
// resumes.
func TestBatchResumeSaysWhatChanged(t *testing.T) {
	if testing.Short() {
		t.Skip("batches over the demo")
	}
	dir := t.TempDir()
	base := testConfig(filepath.Join(dir, "out"))
	streets := filepath.Join(dir, "streets.geojson")
	b, err := os.ReadFile(base.Scan.Streets)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(streets, b, 0o644); err != nil {
		t.Fatal(err)
	}
	base.Scan.Streets = streets
	stopped := base
	stopped.stopAfter = 1
	Run(context.Background(), stopped) // leaves an unfinished batch

	changed := func(t *testing.T, c Config, want ...string) {
		t.Helper()
		_, err := Run(context.Background(), c)
		if !errors.Is(err, outset.ErrChanged) {
			t.Fatalf("err %v, want ErrChanged", err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q lacks %q", err, w)
			}
		}
	}
	t.Run("option", func(t *testing.T) {
		c := base
		c.Scan.StreetMarginM = 100
		changed(t, c, `--street-margin changed ("250" -> "100") since the unfinished batch began`, "--restart")
	})
	t.Run("file size", func(t *testing.T) {
		if err := os.WriteFile(streets, append(append([]byte(nil), b...), '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(streets, b, 0o644)
		changed(t, base, "--streets "+streets+" changed (size "+grouped(int64(len(b)))+" -> "+grouped(int64(len(b)+1))+" bytes, modified ")
	})
	t.Run("modification time", func(t *testing.T) {
		fi, _ := os.Stat(streets)
		later := fi.ModTime().Add(time.Hour)
		if err := os.Chtimes(streets, later, later); err != nil {
			t.Fatal(err)
		}
		changed(t, base, "--streets "+streets+" changed (modified ", ", same size)")
	})
	t.Run("file added", func(t *testing.T) {
		c := base
		c.Scan.Water = streets
		changed(t, c, "--water "+streets+" is given, the unfinished batch had none")
	})

	// The staging of a batch begun before the parts were kept.
	stage, err := outset.StagingDir(base.Out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(stage, filepath.FromSlash(keyPartsName))); err != nil {
		t.Fatal(err)
	}
	t.Run("no record", func(t *testing.T) {
		c := base
		c.Scan.StreetMarginM = 100
		changed(t, c, "the inputs or options changed since the first start")
	})
	// A staging without the record, started again with the same inputs,
	// resumes.
	t.Run("resumes", func(t *testing.T) {
		c := testConfig(filepath.Join(dir, "out2"))
		c.stopAfter = 1
		Run(context.Background(), c)
		stage2, _ := outset.StagingDir(c.Out)
		os.Remove(filepath.Join(stage2, filepath.FromSlash(keyPartsName)))
		c.stopAfter = 0
		var resumed int
		c.Progress = func(p Progress) { resumed = p.Resumed }
		if _, err := Run(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		if resumed != 1 {
			t.Errorf("resumed from %d buurten, want 1", resumed)
		}
	})
}

func TestGrouped(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", 1240001: "1,240,001", -12345: "-12,345"} {
		if got := grouped(n); got != want {
			t.Errorf("grouped(%d) = %q, want %q", n, got, want)
		}
	}
}
