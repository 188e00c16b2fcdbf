package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/internal/dashboard"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/kader"
)

func init() {
	register("compare", command{
		summary: "a dashboard over several scans of one area: indicators over time against the kader's goals (dashboard.html, dashboard.json)",
		run:     runCompare,
	})
}

const compareSynopsis = `compare RUN_DIR RUN_DIR... [--out DIR] [--kader FILE] [--kleinverbruik FILE]... [--dates D,D,...]

Compares two or more finished scans of the same area made at different
times (with a newer EP-Online export, say): each RUN_DIR is the --out
folder of a 'wijkwarmte scan' and must be complete (its manifest.json
verifies). Writes dashboard.html (self-contained, Dutch, no network) and
dashboard.json into --out DIR as one set: the indicators per scan (labels
by class, dwellings by best option, national cost and CO2 of the
preferred strategy, connections to the warmtenet) and, with --kader, each
goal row (goal,INDICATOR,YEAR,VALUE) on schedule or not: on schedule when
the latest value is at least on the straight path from the first
measurement to the goal on 31 December of its year. With --kleinverbruik
(the netbeheerders' yearly kleinverbruik CSV, one file per year, the year
in its name) the gas connections per postcode range give the dwellings
already off gas, and the measured mean gas use is set beside the modelled
one.

Exit status: 0 ok, 1 bad input (one line naming the folder or file and
line), 2 usage error.`

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", compareSynopsis, stderr)
	out := fs.String("out", "dashboard", "output `DIR` for dashboard.html and dashboard.json")
	kaderFile := fs.String("kader", "", "the municipality's kader `FILE` (testdata/kader-voorbeeld.csv): its goal rows are tracked")
	var kv []string
	fs.Func("kleinverbruik", "a netbeheerder's kleinverbruik `FILE` (CSV; Stedin, Liander, Enexis layouts); repeat for more years", func(s string) error {
		kv = append(kv, s)
		return nil
	})
	dates := fs.String("dates", "", "the runs' `DATES` YYYY-MM-DD, comma-separated in the order of the folders (default: the day each scan was made)")
	// flags may come before, between or after the folders
	var dirs []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		dirs = append(dirs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(dirs) < 2 {
		return usagef("compare needs two or more scan output folders, got %d", len(dirs))
	}
	for i, d := range dirs {
		for _, e := range dirs[:i] {
			if sameFolder(d, e) {
				return usagef("%s is given twice (as %s and %s): compare takes scans of one area made at different times", d, e, d)
			}
		}
		if sameFolder(*out, d) {
			return usagef("--out %s is one of the scan folders: the dashboard would replace that scan's outputs; choose another folder", *out)
		}
	}
	o := dashboard.Options{Kleinverbruik: kv, LabelClasses: scan.LabelClasses(), OptionClasses: scan.OptionClasses()}
	if *dates != "" {
		o.Dates = strings.Split(*dates, ",")
		if len(o.Dates) != len(dirs) {
			return usagef("--dates gives %d dates for %d folders", len(o.Dates), len(dirs))
		}
	}
	if *kaderFile != "" {
		k, err := kader.Load(*kaderFile)
		if err != nil {
			return fmt.Errorf("--kader: %w", err)
		}
		o.Kader = k
	}
	d, err := dashboard.Build(dirs, o)
	if err != nil {
		return err
	}
	if err := dashboard.Write(*out, d); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "dashboard over %d scans of %s (%s to %s): %s, %s\n", len(d.Runs), d.Wijk, d.Runs[0].Date, d.Runs[len(d.Runs)-1].Date,
		*out+"/"+dashboard.HTMLName, *out+"/"+dashboard.JSONName)
	for _, g := range d.Goals {
		fmt.Fprintf(stdout, "  %s\n", g.Sentence)
	}
	return nil
}

// sameFolder reports whether the paths a and b name one folder: the same
// clean absolute path, or (when both exist) the same file.
func sameFolder(a, b string) bool {
	aa, errA := filepath.Abs(a)
	ab, errB := filepath.Abs(b)
	if errA == nil && errB == nil && aa == ab {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
