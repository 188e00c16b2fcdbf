package main

import (
	"bufio"
	"io"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

func init() {
	register("params", command{summary: "print the cost parameter table (defaults + overrides) as CSV", run: runParams})
}

// loadParams returns the cost parameters for a --params flag: the embedded
// defaults when path is empty, else the defaults with the override file at
// path applied (CSV: name,value[,min,max],unit[,price_year,source]; see
// package kosten). Every subcommand with a --params flag calls it.
func loadParams(path string) (*kosten.Params, error) {
	if path == "" {
		return kosten.Defaults(), nil
	}
	return kosten.LoadOverrides(path)
}

func runParams(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("params", "params [--params FILE]", stderr)
	file := fs.String("params", "", "CSV file of parameter overrides (name,value[,min,max],unit[,price_year,source])")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("params takes no arguments, have %q", fs.Args())
	}
	p, err := loadParams(*file)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if err := p.WriteCSV(w); err != nil {
		return err
	}
	return w.Flush()
}
