package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"

	"github.com/wijkwarmte/wijkwarmte/internal/report"
)

// command is one subcommand. run gets the arguments after the command name
// and writes its result to stdout; it returns a usageError for bad flags or
// arguments and any other error for bad input.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

func register(name string, c command) {
	if _, dup := commands[name]; dup {
		panic("wijkwarmte: command registered twice: " + name)
	}
	commands[name] = c
}

// usageError marks an error in how the command was called (exit status 2).
type usageError struct {
	msg   string
	flags bool // a flag the flag package refused: run points to -h
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{msg: fmt.Sprintf(format, a...)} }

// newFlagSet returns a flag set that reports errors instead of exiting, and
// prints its usage to stderr.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: wijkwarmte %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// finiteFloat is a float64 flag that refuses NaN and ±Inf, which
// strconv.ParseFloat accepts and which would silently switch off whatever
// the flag bounds. Every float flag of every command is one.
type finiteFloat struct{ p *float64 }

func (f finiteFloat) String() string {
	if f.p == nil {
		return ""
	}
	return strconv.FormatFloat(*f.p, 'g', -1, 64)
}

func (f finiteFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("not a number")
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return errors.New("must be a finite number")
	}
	*f.p = v
	return nil
}

// floatFlag defines a finite float64 flag on fs.
func floatFlag(fs *flag.FlagSet, p *float64, name string, value float64, usage string) {
	*p = value
	fs.Var(finiteFloat{p}, name, usage)
}

// csvFlags are --csv-decimal and --csv-bom, for the commands that write
// CSV.
type csvFlags struct {
	decimal string
	bom     bool
}

func addCSVFlags(fs *flag.FlagSet) *csvFlags {
	c := &csvFlags{}
	fs.StringVar(&c.decimal, "csv-decimal", "point", "decimal `MARK` in the CSV files: point (as PBL's files) or comma (for a spreadsheet with a Dutch locale; the separator is then ';')")
	fs.BoolVar(&c.bom, "csv-bom", false, "start the CSV files with a UTF-8 byte-order mark (for Excel)")
	return c
}

func (c *csvFlags) options() (report.CSVOptions, error) {
	switch c.decimal {
	case "point", "punt":
		return report.CSVOptions{BOM: c.bom}, nil
	case "comma", "komma":
		return report.CSVOptions{DecimalComma: true, BOM: c.bom}, nil
	}
	return report.CSVOptions{}, usagef("--csv-decimal %q: want point or comma", c.decimal)
}

// parseFlags parses args into fs; -h gives flag.ErrHelp, other problems a
// usageError.
//
// Only -h prints the usage; a bad flag is one line (the flag package's
// message and where to find the flags), not the whole usage after it.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}     // the flag package calls it for -h and for every error
	fs.SetOutput(io.Discard) // and prints the error itself, which run prints once
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		usage()
		return err
	}
	return usageError{msg: err.Error(), flags: true}
}

func main() {
	tuneProcess(os.Args[1:])
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneProcess sets what concerns the whole process for the command in
// args: the collector of a batch (tuneGC). It is not part of run, so
// that tests calling run in their own process keep Go's defaults.
func tuneProcess(args []string) {
	if len(args) > 0 && args[0] == "batch" {
		tuneGC()
	}
}

// run is main without the exit, for tests.
func run(args []string, stdout, stderr io.Writer) (status int) {
	defer func() {
		// A panic is a bug in wijkwarmte, but the user gets one line, not a
		// Go stack trace.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "wijkwarmte: internal error: %v (please report this with the input that caused it)\n", r)
			status = 1
		}
	}()
	if len(args) == 2 && args[0] == "help" {
		// "wijkwarmte help scan" is "wijkwarmte scan -h".
		args = []string{args[1], "-h"}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "wijkwarmte: unknown command %q; run \"wijkwarmte help\"\n", args[0])
		return 2
	}
	err := c.run(args[1:], stdout, stderr)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue) && ue.flags:
		fmt.Fprintf(stderr, "wijkwarmte %s: %v; run 'wijkwarmte %s -h' for the flags\n", args[0], err, args[0])
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "wijkwarmte %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "wijkwarmte %s: %v\n", args[0], err)
		return 1
	}
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "wijkwarmte: wijkanalyse for the Dutch heat transition")
	fmt.Fprintln(w, "\nusage: wijkwarmte <command> [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"wijkwarmte <command> -h\" for the flags of a command.")
}
