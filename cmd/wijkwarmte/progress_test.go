package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestProgressSilent(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	for _, p := range []*progress{newProgress(&buf, false), newProgress(&buf, true), newProgress(os.Stderr, true)} {
		p.Start("reading", 10, "panden")
		p.Set(5, 10)
		p.Finish()
	}
	if buf.Len() != 0 {
		t.Errorf("progress wrote to a non-terminal: %q", buf.String())
	}
}

func TestProgressDraws(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := &progress{w: &buf}
	p.Start("routing", 4, "steps")
	p.last = time.Time{} // past the 100 ms throttle
	p.Set(2, 4)
	p.Finish()
	out := buf.String()
	for _, want := range []string{"routing", "[############------------]  50%  2/4 steps", "100%  4/4 steps", "\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output %q lacks %q", out, want)
		}
	}
}

// TestProgressLog: on a file or pipe (a log under nohup) progress writes
// plain lines, at most one per every and none for work that ends sooner,
// and a last line only for a stage or batch that wrote one.
func TestProgressLog(t *testing.T) {
	t.Parallel()
	f, err := os.Create(t.TempDir() + "/log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := newProgress(f, false)
	if !p.log || p.every != logEvery {
		t.Fatalf("on a file: log %v every %v, want plain lines every %v", p.log, p.every, logEvery)
	}
	// A short stage and a short batch: nothing.
	p.Start("reading", 10, "panden")
	p.Set(5, 10)
	p.Finish()
	p.Line("batch: 1/2 buurten", false)
	p.Line("batch: 2/2 buurten", true)
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Fatalf("a short run wrote %d bytes to the log", fi.Size())
	}

	var buf bytes.Buffer
	p = &progress{w: &buf, log: true, every: 0}
	p.Start("routing", 4, "steps")
	p.Set(2, 4)
	p.Finish()
	p.Line("batch: 1/2 buurten", false)
	p.Line("batch: 2/2 buurten", true)
	p.Line("batch: after the end", true)
	want := []string{"routing: 2/4 steps (50%) (0s)", "routing: klaar, 4/4 steps (100%) in 0s", "batch: 1/2 buurten", "batch: 2/2 buurten"}
	if got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("log lines %q, want %q", got, want)
	}
	if strings.ContainsAny(buf.String(), "\r\x1b") {
		t.Errorf("log lines hold terminal controls: %q", buf.String())
	}
}
