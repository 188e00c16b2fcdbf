package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func TestParamsCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if st := run([]string{"params"}, &out, &errb); st != 0 {
		t.Fatalf("status %d, stderr %s", st, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], "# wijkwarmte-kosten-params/") || lines[1] != "name,value,min,max,unit,price_year,source" {
		t.Fatalf("head %q", lines[:2])
	}
	if !strings.Contains(out.String(), "\ndiscount.national,0.03,0.03,0.03,fraction,-,") {
		t.Error("discount.national row missing")
	}

	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("name,value,unit\ndiscount.national,0.04,fraction\n"), 0o644)
	out.Reset()
	if st := run([]string{"params", "--params", good}, &out, &errb); st != 0 {
		t.Fatalf("override: status %d, stderr %s", st, errb.String())
	}
	if !strings.Contains(out.String(), "\ndiscount.national,0.04,0.04,0.04,fraction,-,override "+good+":2\n") {
		t.Error("override not applied or not sourced")
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("name,value,unit\nhn.afleverset,1300,EUR/kW\n"), 0o644)
	errb.Reset()
	if st := run([]string{"params", "--params", bad}, &out, &errb); st != 1 {
		t.Errorf("bad override: status %d", st)
	}
	if !strings.Contains(errb.String(), bad+":2:") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("bad override: stderr %q, want one line naming %s:2", errb.String(), bad)
	}
	if st := run([]string{"params", "extra"}, &out, &errb); st != 2 {
		t.Errorf("extra argument: status %d, want 2", st)
	}
}

// TestParamsOverrideFileBound: the command reads an override file through
// the library's 16 MiB bound, as kosten.LoadOverrides does (it read any
// size into memory: --params /dev/zero ran out of memory), and the help
// names the flag's argument FILE.
func TestParamsOverrideFileBound(t *testing.T) {
	t.Parallel()
	big := filepath.Join(t.TempDir(), "big.csv")
	body := "name,value,unit\n" + strings.Repeat("# a comment line of no consequence, repeated\n", 17<<20/46+1)
	if err := os.WriteFile(big, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"params", "--params", big},
		{"scan", "--quiet", "--params", big, "--out", t.TempDir()},
	} {
		var out, errb bytes.Buffer
		if st := run(args, &out, &errb); st != 1 || !strings.Contains(errb.String(), big) || !strings.Contains(errb.String(), "larger than") {
			t.Errorf("%s --params of %d bytes: exit %d, stderr %q; want 1 and the file named as too large", args[0], len(body), st, errb.String())
		}
	}
	var out, errb bytes.Buffer
	run([]string{"params", "-h"}, &out, &errb)
	if !strings.Contains(errb.String(), "\n  -params FILE\n") {
		t.Errorf("params -h: %q, want -params FILE", errb.String())
	}
}

// TestParamsRoundTripSpreadsheet: the whole table that params prints, as
// PBL's files (',' and a decimal point) and for a Dutch spreadsheet
// (--csv-decimal comma --csv-bom: ';', decimal commas, a byte-order
// mark), reads back through --params with every parameter equal to the
// default (the ';' file was refused: unknown column "name;value;min;...").
func TestParamsRoundTripSpreadsheet(t *testing.T) {
	t.Parallel()
	def := kosten.Defaults().All()
	for _, c := range []struct {
		name string
		args []string
	}{
		{"point", nil},
		{"comma and BOM", []string{"--csv-decimal", "comma", "--csv-bom"}},
		{"comma", []string{"--csv-decimal", "comma"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if st := run(append([]string{"params"}, c.args...), &out, &errb); st != 0 {
				t.Fatalf("params %v: status %d, stderr %s", c.args, st, errb.String())
			}
			file := filepath.Join(t.TempDir(), "p.csv")
			if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := loadParams("", file)
			if err != nil {
				t.Fatalf("params %v does not read back: %v", c.args, err)
			}
			got := p.All()
			if len(got) != len(def) {
				t.Fatalf("read back %d parameters, want %d", len(got), len(def))
			}
			for i, d := range def {
				g := got[i]
				if g.Name != d.Name || g.Band != d.Band || g.Unit != d.Unit || g.PriceYear != d.PriceYear || g.Source != d.Source {
					t.Errorf("read back %+v, want %+v", g, d)
				}
			}
		})
	}
}
