package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCSVForDutchSpreadsheets: --csv-decimal comma writes numbers with a
// decimal comma (and ';' between fields) and --csv-bom a UTF-8 byte-order
// mark, in startanalyse.csv and in params' output; the default stays as
// PBL's files are (issue 16).
func TestCSVForDutchSpreadsheets(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if st := run([]string{"params", "--csv-decimal", "comma", "--csv-bom"}, &stdout, &stderr); st != 0 {
		t.Fatalf("params: exit %d: %s", st, stderr.String())
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "\xEF\xBB\xBF") {
		t.Error("params --csv-bom: no byte-order mark")
	}
	if !regexp.MustCompile(`(?m)^discount\.national;0,03;`).MatchString(out) {
		t.Errorf("params --csv-decimal comma: no 'discount.national;0,03;' row in %.300q", out)
	}
	if st := run([]string{"params", "--csv-decimal", "semicolon"}, &stdout, &stderr); st != 2 {
		t.Errorf("a bad --csv-decimal: exit %d, want 2", st)
	}

	dir := filepath.Join(t.TempDir(), "out")
	if st := run([]string{"scan", "--quiet", "--out", dir, "--csv-decimal", "comma"}, &stdout, &stderr); st != 0 {
		t.Fatalf("scan: exit %d: %s", st, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "startanalyse.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Error("a BOM without --csv-bom")
	}
	if regexp.MustCompile(`;-?\d+\.\d+;`).Match(b) {
		t.Error("startanalyse.csv has a decimal point with --csv-decimal comma")
	}
	if !regexp.MustCompile(`;-?\d+,\d+;`).Match(b) {
		t.Error("startanalyse.csv has no decimal comma")
	}
}
