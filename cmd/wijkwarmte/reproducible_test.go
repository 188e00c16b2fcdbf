package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

// timeFields are the summary.json fields that say when a run was made and
// how long it took: the only ones allowed to differ between two runs of
// the same input.
var timeFields = []string{"timings_ms", "generated"}

// TestScanReproducible: two CLI runs of the same input and options write
// byte-identical files, apart from summary.json's time fields and, through
// summary.json's sum, manifest.json (issue 13, defect 5).
func TestScanReproducible(t *testing.T) {
	first := scanDemo(t)
	second := t.TempDir()
	var out, errb bytes.Buffer
	if st := run([]string{"scan", "--out", second, "--quiet", "--geojson",
		"--scenario", filepath.Join("testdata", "scenarios.csv"),
		"--areas", filepath.Join("testdata", "buurten.geojson")}, &out, &errb); st != 0 {
		t.Fatalf("second scan: exit %d: %s", st, errb.String())
	}
	m1, err := outset.ReadManifest(first)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := outset.ReadManifest(second)
	if err != nil {
		t.Fatal(err)
	}
	if len(m1.Files) != len(m2.Files) {
		t.Fatalf("%d files, then %d", len(m1.Files), len(m2.Files))
	}
	for i, f := range m1.Files {
		g := m2.Files[i]
		if f.Name != g.Name {
			t.Fatalf("file %d: %s, then %s", i, f.Name, g.Name)
		}
		if f.Name == "summary.json" {
			a, b := withoutTimes(t, filepath.Join(first, f.Name)), withoutTimes(t, filepath.Join(second, f.Name))
			if !bytes.Equal(a, b) {
				t.Errorf("summary.json differs beyond %v", timeFields)
			}
			continue
		}
		if f.SHA256 != g.SHA256 {
			t.Errorf("%s differs between two runs of the same input", f.Name)
		}
	}
}

// withoutTimes reads a summary.json and marshals it again without its
// time fields.
func withoutTimes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range timeFields {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %s", path, k)
		}
		delete(m, k)
	}
	out, _ := json.Marshal(m)
	return out
}
