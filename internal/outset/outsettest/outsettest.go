// Package outsettest compares two committed output sets in tests: the
// check behind "the same input gives byte-identical outputs" and "a
// resumed run ends with the outputs of an uninterrupted one".
package outsettest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

// TimeFields are the summary.json fields that say when a run was made and
// how long it took: the only ones allowed to differ between two runs of
// the same input.
var TimeFields = []string{"timings_ms", "generated"}

// Same checks that the sets in dirs a and b hold the same files with the
// same bytes, except summary.json's TimeFields (and so summary.json's
// manifest entry); what names the difference in errors.
func Same(t *testing.T, a, b, what string) {
	t.Helper()
	m1, err := outset.ReadManifest(a)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := outset.ReadManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(m1.Files) != len(m2.Files) {
		t.Fatalf("%d files, then %d (%s)", len(m1.Files), len(m2.Files), what)
	}
	for i, f := range m1.Files {
		g := m2.Files[i]
		switch {
		case f.Name != g.Name:
			t.Fatalf("file %d: %s, then %s (%s)", i, f.Name, g.Name, what)
		case f.Name == "summary.json":
			if !bytes.Equal(WithoutTimes(t, filepath.Join(a, f.Name)), WithoutTimes(t, filepath.Join(b, f.Name))) {
				t.Errorf("summary.json differs beyond %v (%s)", TimeFields, what)
			}
		case f.SHA256 != g.SHA256:
			t.Errorf("%s differs (%s)", f.Name, what)
		}
	}
}

// WithoutTimes reads a summary.json and marshals it again without its
// TimeFields, which it must have.
func WithoutTimes(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range TimeFields {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %s", path, k)
		}
		delete(m, k)
	}
	out, _ := json.Marshal(m)
	return out
}
