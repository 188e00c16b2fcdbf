package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSteinerCommand(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.stp")
	if err := os.WriteFile(bad, []byte("SECTION Graph\nNodes 2\nEdges 1\nE 1 3 1\nEND\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		status int
		weight float64
		stderr string
	}{
		{"b01", []string{"steiner", "../../testdata/steinlib/B/b01.stp"}, 0, 82, ""},
		{"c01 mehlhorn", []string{"steiner", "-mehlhorn", "-repeat", "2", "../../testdata/steinlib/C/c01.stp"}, 0, 88, ""},
		{"fast and maxwork", []string{"steiner", "-fast", "-maxwork", "5", "../../testdata/steinlib/C/c18.stp"}, 2, 0, "give one"},
		{"no file", []string{"steiner"}, 2, 0, "want one .stp file"},
		{"missing file", []string{"steiner", "does-not-exist.stp"}, 1, 0, "does-not-exist.stp"},
		{"bad file", []string{"steiner", bad}, 1, 0, "line 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if got := run(c.args, &out, &errOut); got != c.status {
				t.Fatalf("status %d, want %d; stderr %q", got, c.status, errOut.String())
			}
			if !strings.Contains(errOut.String(), c.stderr) {
				t.Errorf("stderr %q does not mention %q", errOut.String(), c.stderr)
			}
			if c.status != 0 {
				return
			}
			var res steinerResult
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatalf("output %q: %v", out.String(), err)
			}
			if res.Weight != c.weight || res.Nodes == 0 || res.Edges == 0 || res.Terminals == 0 {
				t.Errorf("got %+v, want weight %v", res, c.weight)
			}
		})
	}
}

// TestSteinerFast: -fast improves on Mehlhorn's tree (129 on c18) without
// reaching below the proven optimum (113).
func TestSteinerFast(t *testing.T) {
	var out, errOut bytes.Buffer
	if got := run([]string{"steiner", "-fast", "../../testdata/steinlib/C/c18.stp"}, &out, &errOut); got != 0 {
		t.Fatalf("status %d; stderr %q", got, errOut.String())
	}
	var res steinerResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output %q: %v", out.String(), err)
	}
	if res.Weight >= 129 || res.Weight < 113 {
		t.Errorf("-fast weight %v, want in [113, 129)", res.Weight)
	}
}
