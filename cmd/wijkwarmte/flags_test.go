package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestFloatFlagsFinite: NaN and ±Inf are usage errors for every float flag
// (issue 13, defect 4: --street-margin NaN silently switched off the street
// cut).
func TestFloatFlagsFinite(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"scan", "--street-margin", "NaN"},
		{"scan", "--street-margin", "+Inf"},
		{"scan", "--street-margin", "-inf"},
		{"scan", "--street-margin", "1e999"},
		{"scan", "--street-margin", "ten"},
	} {
		var stdout, stderr bytes.Buffer
		if st := run(append(args, "--out", t.TempDir()), &stdout, &stderr); st != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", args, st)
		}
		if !strings.Contains(stderr.String(), "street-margin") {
			t.Errorf("%v: stderr %q does not name the flag", args, stderr.String())
		}
	}
}
