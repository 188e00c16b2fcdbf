package main

import (
	"bufio"
	"io"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func init() {
	register("params", command{summary: "print the cost parameter table (defaults + overrides) as CSV", run: runParams})
}

// loadParams returns the cost parameters for the --kentallen and --params
// flags: the profile's table (the embedded defaults for ""), with the
// override file at path applied when path is not empty (CSV: name,value[,min,max],unit[,price_year,source]; see
// package kosten). Every subcommand with a --params flag calls it.
// loadParams is the parameter table of a profile (--kentallen; "" the
// default) with the overrides of path (--params) on top.
func loadParams(profile, path string) (*kosten.Params, error) {
	p, err := kosten.Profile(profile)
	if err != nil || path == "" {
		return p, err
	}
	return p.WithOverridesFile(path)
}

const paramsSynopsis = `params [--params FILE] [--kentallen PROFILE] [--csv-decimal MARK] [--csv-bom]

Prints every cost and demand parameter as CSV on stdout, after a version
line: name, value, min, max, unit, price_year (- when not an amount of
money) and source. --kentallen picks a profile; --params FILE applies
overrides on top (CSV name,value[,min,max],unit[,price_year,source]): the
name must exist, the unit and a price year must equal the default's, min
and max come together (without them the override is a point value), a
name appears once, and the value must lie within the parameter's bounds
(no negative prices). Numbers are plain decimals (no 1_000). What
--csv-decimal comma prints (';' between fields, decimal commas, with or
without --csv-bom) reads back as it is; in such a ';' file a number with
a '.' is refused (1.234,5: a thousands separator or a decimal point?).
Scan and batch take the same --params FILE.

Exit status: 0 ok, 1 a bad override file (one line naming the file and
line), 2 usage error.`

func runParams(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("params", paramsSynopsis, stderr)
	file := fs.String("params", "", "CSV `FILE` of parameter overrides (name,value[,min,max],unit[,price_year,source])")
	profile := fs.String("kentallen", "", kentallenUsage)
	csvf := addCSVFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := csvf.options()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("params takes no arguments, have %q", fs.Args())
	}
	if err := checkKentallen(*profile); err != nil {
		return err
	}
	p, err := loadParams(*profile, *file)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	cw := report.NewCSVWriter(w, opt, ',')
	if err := p.WriteCSV(cw); err != nil {
		cw.Close()
		return err
	}
	if err := cw.Close(); err != nil {
		return err
	}
	return w.Flush()
}

var kentallenUsage = "parameter `PROFILE`: " + strings.Join(kosten.Profiles, ", ") + " (default " + kosten.ProfileDefault + ": see README)"

// checkKentallen is a usage error for an unknown --kentallen profile.
func checkKentallen(name string) error {
	for _, p := range kosten.Profiles {
		if name == "" || name == p {
			return nil
		}
	}
	return usagef("--kentallen %q: want one of %s", name, strings.Join(kosten.Profiles, ", "))
}
