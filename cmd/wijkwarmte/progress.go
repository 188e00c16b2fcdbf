package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws one-line progress bars on a terminal:
//
//	reading   [##########----------]  52%  1824/3472 panden
//
// It draws nothing when its writer is not a terminal or when it is quiet,
// so logs and pipes stay clean. Updates are throttled to 10 per second.
// It is safe for concurrent use.
type progress struct {
	mu      sync.Mutex
	w       io.Writer // nil: silent
	stage   string
	unit    string
	total   int
	done    int
	last    time.Time
	started time.Time
	drawn   bool
}

// newProgress returns a progress writer on stderr; it is silent when quiet
// is set or stderr is not a character device (terminal).
func newProgress(stderr io.Writer, quiet bool) *progress {
	p := &progress{}
	if quiet {
		return p
	}
	f, ok := stderr.(*os.File)
	if !ok {
		return p
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return p
	}
	p.w = stderr
	return p
}

// Start begins a stage with total steps of unit (total <= 0: unknown).
func (p *progress) Start(stage string, total int, unit string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w == nil {
		return
	}
	p.finishLocked()
	p.stage, p.total, p.unit, p.done = stage, total, unit, 0
	p.started = time.Now()
	p.last = time.Time{}
	p.drawLocked()
}

// Set reports done steps of the current stage (and a new total when the
// total was unknown).
func (p *progress) Set(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w == nil {
		return
	}
	p.done = done
	if total > 0 {
		p.total = total
	}
	if time.Since(p.last) >= 100*time.Millisecond {
		p.drawLocked()
	}
}

// Finish completes the current stage and ends its line.
func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finishLocked()
}

func (p *progress) finishLocked() {
	if p.w == nil || !p.drawn {
		return
	}
	if p.total > 0 {
		p.done = p.total
	}
	p.drawLocked()
	fmt.Fprintf(p.w, " %.1fs\n", time.Since(p.started).Seconds())
	p.drawn = false
}

func (p *progress) drawLocked() {
	const width = 24
	p.last = time.Now()
	p.drawn = true
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\r%-12s %d %s\x1b[K", p.stage, p.done, p.unit)
		return
	}
	frac := float64(p.done) / float64(p.total)
	frac = min(max(frac, 0), 1)
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r%-12s [%s%s] %3.0f%%  %d/%d %s\x1b[K", p.stage,
		strings.Repeat("#", n), strings.Repeat("-", width-n), 100*frac, p.done, p.total, p.unit)
}
