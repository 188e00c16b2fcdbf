package main

import (
	"bytes"
	"os"
	"path/filepath"
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

// TestEmptySelection: a selection flag given without codes (an empty
// shell variable, a lone comma) is a usage error before anything is read,
// in batch and in scan; batch started a batch of every buurt of the areas
// file, and scan --gemeente "" exited 0 and scanned the whole file.
func TestEmptySelection(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"batch", "scan"} {
		for _, sel := range [][]string{
			{"--gemeente", ""},
			{"--gemeente", ","},
			{"--wijk", " "},
			{"--buurt", ""},
		} {
			out := t.TempDir()
			args := append([]string{cmd, "--quiet", "--areas", "nonexistent-buurten.gpkg", "--buildings", "nonexistent-bag.gpkg", "--out", out}, sel...)
			var stdout, stderr bytes.Buffer
			if st := run(args, &stdout, &stderr); st != 2 || !strings.Contains(stderr.String(), sel[0]+" ") || !strings.Contains(stderr.String(), "gives no codes") {
				t.Errorf("%s %q: exit %d, stderr %q; want 2 and %s named as giving no codes", cmd, sel, st, stderr.String(), sel[0])
			}
		}
	}
}

// TestUnknownFlagOneLine: an unknown flag is one line on stderr naming
// the flag and where the flags are, exit 2 (it printed the whole usage,
// 122 lines for scan); -h still prints the usage, exit 0.
func TestUnknownFlagOneLine(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"adres", "batch", "compare", "inspect", "params", "scan", "steiner"} {
		var stdout, stderr bytes.Buffer
		st := run([]string{cmd, "--nosuchflag"}, &stdout, &stderr)
		want := "wijkwarmte " + cmd + ": flag provided but not defined: -nosuchflag; run 'wijkwarmte " + cmd + " -h' for the flags\n"
		if st != 2 || stderr.String() != want {
			t.Errorf("%s --nosuchflag: exit %d, stderr %q; want 2, %q", cmd, st, stderr.String(), want)
		}
		stderr.Reset()
		if st := run([]string{cmd, "-h"}, &stdout, &stderr); st != 0 || !strings.HasPrefix(stderr.String(), "usage: wijkwarmte "+cmd) || strings.Count(stderr.String(), "\n") < 5 {
			t.Errorf("%s -h: exit %d, stderr %q; want 0 and the usage", cmd, st, stderr.String())
		}
	}
}

// TestHelpTexts: inspect and params say what they print and their exit
// statuses; batch's --workers says it counts buurten (each buurt's scan
// runs on one goroutine), not scan's per-building goroutines.
func TestHelpTexts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cmd  string
		want []string
	}{
		{"inspect", []string{"prints JSON", "Exit status: 0 ok, 1", "2 usage error", "  -layer NAME\n"}},
		{"params", []string{"price_year", "Exit status: 0 ok, 1", "2 usage error", "  -params FILE\n"}},
		{"batch", []string{"  -workers N\n    \tN buurten scanned at once"}},
	} {
		var stdout, stderr bytes.Buffer
		if st := run([]string{c.cmd, "-h"}, &stdout, &stderr); st != 0 {
			t.Errorf("%s -h: exit %d", c.cmd, st)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("%s -h lacks %q:\n%s", c.cmd, w, stderr.String())
			}
		}
	}
}

// TestBatchRefusesScanOnlyFlags: scan's flags whose outputs a batch does
// not write are usage errors, not silently ignored (--geojson and
// --geojson-rd wrote nothing).
func TestBatchRefusesScanOnlyFlags(t *testing.T) {
	t.Parallel()
	for _, flag := range []string{"--geojson", "--geojson-rd"} {
		args := []string{"batch", "--quiet", "--areas", "nonexistent-buurten.gpkg", "--buildings", "nonexistent-bag.gpkg", "--out", t.TempDir(), flag}
		var stdout, stderr bytes.Buffer
		if st := run(args, &stdout, &stderr); st != 2 || !strings.Contains(stderr.String(), flag+" ") || !strings.Contains(stderr.String(), "not supported by batch") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the flag named as not supported", flag, st, stderr.String())
		}
	}
}

// TestScanHelpNamesOutputs: 'scan -h' lists every file a scan writes
// (answers.json, which 'adres' reads, was missing) and states no default
// a user cannot give (--draws showed "default -1" beside "at least 1").
func TestScanHelpNamesOutputs(t *testing.T) {
	t.Parallel()
	var stdout, help bytes.Buffer
	if st := run([]string{"scan", "-h"}, &stdout, &help); st != 0 {
		t.Fatalf("scan -h: exit %d", st)
	}
	dir := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	var out, errs bytes.Buffer
	if st := run([]string{"scan", "--quiet", "--geojson", "--buildings", sample, "--out", dir}, &out, &errs); st != 0 {
		t.Fatalf("scan: exit %d: %s", st, errs.String())
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.Contains(help.String(), "\n  "+e.Name()+" ") {
			t.Errorf("scan -h does not list %s among the outputs", e.Name())
		}
	}
	if strings.Contains(help.String(), "(default -1)") {
		t.Error("scan -h states a default of -1")
	}
}

// TestHelpCommand: "wijkwarmte help scan" shows the flags of scan, as
// "wijkwarmte scan -h" does (it showed the list of commands), and "help"
// of an unknown command is a usage error.
func TestHelpCommand(t *testing.T) {
	t.Parallel()
	var want, wantErr bytes.Buffer
	run([]string{"adres", "-h"}, &want, &wantErr)
	var out, errb bytes.Buffer
	if st := run([]string{"help", "adres"}, &out, &errb); st != 0 || out.String()+errb.String() != want.String()+wantErr.String() {
		t.Errorf("help adres: exit %d, output %q, want exit 0 and %q", st, out.String()+errb.String(), want.String()+wantErr.String())
	}
	out.Reset()
	errb.Reset()
	if st := run([]string{"help", "nosuch"}, &out, &errb); st != 2 || !strings.Contains(errb.String(), `unknown command "nosuch"`) {
		t.Errorf("help nosuch: exit %d, stderr %q", st, errb.String())
	}
}

// TestBatchHelpOmitsRefusedFlags: batch -h lists every flag batch takes
// and none of the scan flags it refuses (it listed -scenario, which is a
// usage error in a batch).
func TestBatchHelpOmitsRefusedFlags(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if st := run([]string{"batch", "-h"}, &stdout, &stderr); st != 0 {
		t.Fatalf("batch -h: exit %d", st)
	}
	help := stderr.String()
	for _, name := range batchRefused {
		if strings.Contains(help, "\n  -"+name+" ") || strings.Contains(help, "\n  -"+name+"\n") {
			t.Errorf("batch -h lists -%s, which batch refuses", name)
		}
		args := []string{"batch", "--quiet", "--areas", "nonexistent-buurten.gpkg", "--buildings", "nonexistent-bag.gpkg", "--out", t.TempDir(), "--" + name}
		if name == "scenario" {
			args = append(args, "scenarios.csv")
		}
		if st := run(args, &stdout, &bytes.Buffer{}); st != 2 {
			t.Errorf("batch --%s: exit %d, want 2", name, st)
		}
	}
	for _, name := range []string{"areas", "buildings", "labels", "workers", "restart", "year", "params", "kader", "draws"} {
		if !strings.Contains(help, "\n  -"+name+" ") && !strings.Contains(help, "\n  -"+name+"\n") {
			t.Errorf("batch -h does not list -%s", name)
		}
	}
}
