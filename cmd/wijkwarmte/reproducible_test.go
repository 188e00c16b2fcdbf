package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset/outsettest"
)

// TestScanReproducible: two CLI runs of the same input and options write
// byte-identical files, apart from summary.json's time fields and, through
// summary.json's sum, manifest.json (issue 13, defect 5).
func TestScanReproducible(t *testing.T) {
	first := scanDemo(t)
	second := t.TempDir()
	var out, errb bytes.Buffer
	if st := run([]string{"scan", "--out", second, "--quiet", "--geojson",
		"--scenario", filepath.Join("testdata", "scenarios.csv"),
		"--areas", filepath.Join("testdata", "buurten.geojson"),
		"--kader", filepath.Join("..", "..", "testdata", "kader-voorbeeld.csv")}, &out, &errb); st != 0 {
		t.Fatalf("second scan: exit %d: %s", st, errb.String())
	}
	outsettest.Same(t, first, second, "two runs of the same input")
}
