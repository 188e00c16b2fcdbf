package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

func init() {
	register("adres", command{
		summary: "what a finished scan means for one address, pand or point (text, --json, --html sheet)",
		run:     runAdres,
	})
}

const adresSynopsis = `adres [--out DIR] [--json] [--html FILE] QUERY

QUERY is an address ("2628RC 33", "2628 rc 33-A"), a BAG pand id (16
digits, with or without leading zeros or "NL.IMBAG.Pand.") or a point
"x y" in EPSG:28992 (metres), or a WGS84 point in the Netherlands ("4.37
52.0", longitude and latitude in either order). The answer comes from DIR/answers.json of a finished
'wijkwarmte scan --out DIR'; nothing is scanned again.`

func runAdres(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("adres", adresSynopsis, stderr)
	out := fs.String("out", "out", "`DIR` of a finished scan (wijkwarmte scan --out DIR)")
	asJSON := fs.Bool("json", false, "print the answer as JSON (snake_case keys, null where a figure does not apply)")
	html := fs.String("html", "", "also write a one-page printable sheet (A4, Dutch) to `FILE`")
	// flags may come before or after the query, which may be several words
	var words []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(words) == 0 {
		return usagef("want a QUERY (an address such as \"2628RC 33\", a BAG pand id or a point); usage: wijkwarmte %s", strings.SplitN(adresSynopsis, "\n", 2)[0])
	}
	ix, err := adres.Load(*out)
	if err != nil {
		return err
	}
	a, err := ix.Find(strings.Join(words, " "))
	if err != nil {
		return err
	}
	if *html != "" {
		if err := outset.WriteFileAtomic(*html, func(w *bufio.Writer) error { return ix.WriteSheet(w, a) }); err != nil {
			return fmt.Errorf("writing %s: %w", *html, err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	return a.WriteText(stdout)
}
