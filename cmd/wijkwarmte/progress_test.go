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
