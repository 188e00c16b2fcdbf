package report

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"
)

// CSVOptions say how a CSV output is written for the spreadsheet that
// opens it. The default is what PBL's own files use: a decimal point, no
// byte-order mark. LibreOffice and Excel with a Dutch locale read
// decimals as text unless DecimalComma is set, and Excel reads UTF-8
// (ë, é, °C) only with a BOM.
type CSVOptions struct {
	DecimalComma bool // 12,5 instead of 12.5; the separator is then ';'
	BOM          bool // start with a UTF-8 byte-order mark
}

// numeric is a number as the writers format it.
var numeric = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// NewCSVWriter returns a writer for CSV text written with separator comma
// and a decimal point (as every writer of the project does) that writes it
// to w as o says: every numeric field with a decimal comma (and ';' as
// separator) and/or a BOM first. With the default options it writes
// through unchanged. Close must be called; it reports the first error.
func NewCSVWriter(w io.Writer, o CSVOptions, comma rune) io.WriteCloser {
	if o.BOM {
		w = &bomWriter{w: w}
	}
	if !o.DecimalComma {
		return nopCloser{w}
	}
	pr, pw := io.Pipe()
	c := &csvConverter{pw: pw, done: make(chan error, 1)}
	go func() {
		// csv.Reader reads through br itself (bufio.NewReader returns br)
		// one record at a time, so the comment lines before the first
		// record can be copied as they are.
		br := bufio.NewReader(pr)
		if err := copyComments(br, w); err != nil {
			pr.CloseWithError(err)
			c.done <- err
			return
		}
		r := csv.NewReader(br)
		r.Comma = comma
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		out := csv.NewWriter(w)
		out.Comma = ';'
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				pr.CloseWithError(err)
				c.done <- err
				return
			}
			for i, f := range rec {
				if numeric.MatchString(f) {
					rec[i] = strings.Replace(f, ".", ",", 1)
				}
			}
			if err := out.Write(rec); err != nil {
				pr.CloseWithError(err)
				c.done <- err
				return
			}
		}
		out.Flush()
		c.done <- out.Error()
	}()
	return c
}

// copyComments copies the lines starting with '#' at the start of br (a
// version line such as that of the parameter table) to w unchanged.
func copyComments(br *bufio.Reader, w io.Writer) error {
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			return nil // io.EOF and read errors come again to the csv reader
		}
		line, err := br.ReadString('\n')
		if _, werr := io.WriteString(w, line); werr != nil {
			return werr
		}
		if err != nil {
			return nil
		}
	}
}

type csvConverter struct {
	pw   *io.PipeWriter
	done chan error
}

func (c *csvConverter) Write(p []byte) (int, error) { return c.pw.Write(p) }

func (c *csvConverter) Close() error {
	c.pw.Close()
	return <-c.done
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// bomWriter writes the UTF-8 byte-order mark before the first byte.
type bomWriter struct {
	w    io.Writer
	done bool
}

func (b *bomWriter) Write(p []byte) (int, error) {
	if !b.done {
		b.done = true
		if _, err := b.w.Write([]byte("\xEF\xBB\xBF")); err != nil {
			return 0, err
		}
	}
	return b.w.Write(p)
}
