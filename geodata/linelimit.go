package geodata

import (
	"fmt"
	"io"
)

// MaxLineBytes is the longest line a text input (EP-Online CSV, heat
// sources CSV) may have. A CSV reader holds a whole record in memory, so
// without a bound one 420 MB line took 2 GB; real EP-Online rows are about
// 500 bytes.
const MaxLineBytes = 1 << 20

// LineTooLongError reports a line longer than the reader's bound.
type LineTooLongError struct {
	Line int // 1-based
	Max  int
}

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line %d is longer than %d bytes", e.Line, e.Max)
}

// LimitLines returns a reader that reads r and fails with a
// *LineTooLongError as soon as one line exceeds max bytes.
func LimitLines(r io.Reader, max int) io.Reader { return &lineLimiter{r: r, max: max} }

type lineLimiter struct {
	r        io.Reader
	max, run int
	line     int // lines ended so far
	err      error
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.run = 0
			l.line++
			continue
		}
		if l.run++; l.run > l.max {
			l.err = &LineTooLongError{Line: l.line + 1, Max: l.max}
			return i, l.err
		}
	}
	return n, err
}
