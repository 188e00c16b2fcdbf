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
// Updates are throttled to 10 per second. When stderr is a file or a pipe
// (a log of a long run under nohup), it writes plain lines instead, at
// most one per logEvery and none for work that ends sooner, so that the
// log of a short run, or of an error, stays as it was:
//
//	batch: 5120/13808 buurten, 3412 panden/s, nog 41m3s
//	batch: 13808/13808 buurten, 3398 panden/s
//
// It is silent when quiet, or when its writer is no *os.File (tests). It
// is safe for concurrent use.
type progress struct {
	mu      sync.Mutex
	w       io.Writer // nil: silent
	log     bool      // w is no terminal: plain lines, at most one per every
	every   time.Duration
	stage   string
	unit    string
	total   int
	done    int
	last    time.Time
	started time.Time
	drawn   bool // terminal: a bar is on the line; log: a line of this stage (or of Line) was written
}

// logEvery is the least time between two progress lines in a log.
const logEvery = 30 * time.Second

// newProgress returns a progress writer on stderr: bars on a terminal,
// plain lines every logEvery on a file or pipe, nothing when quiet is set
// or stderr is no *os.File.
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
	if err != nil {
		return p
	}
	p.w = stderr
	if fi.Mode()&os.ModeCharDevice == 0 {
		p.log, p.every, p.last = true, logEvery, time.Now()
	}
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
	if p.log {
		p.last = p.started // the first line after every
		return
	}
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
	switch {
	case p.log:
		if time.Since(p.last) >= p.every {
			p.last, p.drawn = time.Now(), true
			fmt.Fprintf(p.w, "%s: %s (%s)\n", p.stage, p.countLocked(), time.Since(p.started).Round(time.Second))
		}
	case time.Since(p.last) >= 100*time.Millisecond:
		p.drawLocked()
	}
}

// Line shows a line of its own (batch: buurten done, rate, time left) in
// place of a bar; final ends it. In a log it is written at most once per
// every, and a final line only after one was.
func (p *progress) Line(s string, final bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.w == nil:
	case p.log:
		if final && p.drawn || !final && time.Since(p.last) >= p.every {
			p.last, p.drawn = time.Now(), !final
			fmt.Fprintln(p.w, s)
		}
	case final:
		fmt.Fprintf(p.w, "\r%s\x1b[K\n", s)
	default:
		fmt.Fprintf(p.w, "\r%s\x1b[K", s)
	}
}

// countLocked is the stage's count: "1824/3472 panden (52%)", or "1824
// panden" while the total is unknown.
func (p *progress) countLocked() string {
	if p.total <= 0 {
		return fmt.Sprintf("%d %s", p.done, p.unit)
	}
	return fmt.Sprintf("%d/%d %s (%.0f%%)", p.done, p.total, p.unit, 100*min(max(float64(p.done)/float64(p.total), 0), 1))
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
	if p.log {
		fmt.Fprintf(p.w, "%s: klaar, %s in %s\n", p.stage, p.countLocked(), time.Since(p.started).Round(time.Second))
		p.drawn = false
		return
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
