package scan

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// A scenario file names sets of parameter overrides. It is the override
// format of package kosten (see 'wijkwarmte params') with one more column,
// scenario, that names the set a row belongs to:
//
//	# scenario,name,value,min,max,unit,price_year,source
//	scenario,name,value,unit
//	hoge rente,discount.national,0.05,fraction
//	dure buizen,pipe.edr.dn100,1200,EUR/m
//	dure buizen,pipe.edr.dn150,1500,EUR/m
//
// Every scenario is the parameters of the run (defaults plus --params)
// with its own rows applied; scenarios do not stack. Rows are checked by
// kosten exactly as an override file, and errors name the scenario file and
// its line.

// scenarioDef is one named set of overrides, kept as an override file in
// which every line that is not its own is blanked to a comment, so that
// kosten's line numbers are those of the scenario file.
type scenarioDef struct {
	name  string
	file  string
	table []byte
	rows  []string // parameter names, in file order
}

// Limits on a scenario file. Every scenario is a whole scan (about 1.5 s
// on the demo) and keeps its override table (its own rows plus one byte
// pair per other line), so a tiny file must not ask for hours or
// gigabytes: at most maxScenarios scenarios in at most maxScenarioBytes.
const (
	maxScenarios     = 64
	maxScenarioBytes = 1 << 20
)

// readScenarios splits a scenario file into its scenarios, in order of
// first appearance.
func readScenarios(path string) ([]scenarioDef, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxScenarioBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxScenarioBytes {
		return nil, &kosten.ParseError{File: path, Err: fmt.Errorf("%w: larger than %d bytes; a scenario file holds at most %d scenarios of a few override rows", kosten.ErrParamFile, maxScenarioBytes, maxScenarios)}
	}
	return parseScenarios(raw, path)
}

// parseScenarios splits the scenario file raw (named path in errors).
func parseScenarios(raw []byte, path string) ([]scenarioDef, error) {
	bad := func(line int, format string, a ...any) error {
		return &kosten.ParseError{File: path, Line: line, Err: fmt.Errorf("%w: %s", kosten.ErrParamFile, fmt.Sprintf(format, a...))}
	}
	// Spreadsheets save "CSV UTF-8" with a byte-order mark.
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, bad(1, "empty scenario file, want a header line with a scenario column")
	}
	if err != nil {
		return nil, bad(1, "%v", err)
	}
	headerLine, _ := cr.FieldPos(0)
	sc := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "scenario") {
			sc = i
		}
	}
	if sc < 0 {
		return nil, bad(headerLine, "the header %q lacks the column \"scenario\"", strings.Join(header, ","))
	}
	rest := slices.Delete(slices.Clone(header), sc, sc+1)

	nLines := bytes.Count(raw, []byte("\n")) + 1
	type row struct {
		line   int
		fields []string
		name   string
	}
	var order []string
	rows := map[string][]row{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, bad(pe.Line, "%v", pe.Err)
			}
			return nil, bad(0, "%v", err)
		}
		line, _ := cr.FieldPos(0)
		if sc >= len(rec) || strings.TrimSpace(rec[sc]) == "" {
			return nil, bad(line, "no scenario name")
		}
		name := strings.TrimSpace(rec[sc])
		if _, ok := rows[name]; !ok {
			if len(order) == maxScenarios {
				return nil, bad(line, "scenario %q is one more than the %d a run takes (each is a whole scan); split the file", name, maxScenarios)
			}
			order = append(order, name)
		}
		fields := slices.Delete(slices.Clone(rec), sc, sc+1)
		param := ""
		for i, h := range rest {
			if strings.EqualFold(strings.TrimSpace(h), "name") && i < len(fields) {
				param = strings.TrimSpace(fields[i])
			}
		}
		rows[name] = append(rows[name], row{line, fields, param})
	}
	if len(order) == 0 {
		return nil, bad(headerLine, "no scenario rows")
	}
	out := make([]scenarioDef, 0, len(order))
	for _, name := range order {
		lines := make([][]string, nLines+1) // by 1-based line; nil = comment
		lines[headerLine] = rest
		d := scenarioDef{name: name, file: path}
		for _, r := range rows[name] {
			lines[r.line] = r.fields
			d.rows = append(d.rows, r.name)
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		for l := 1; l <= nLines; l++ {
			if lines[l] == nil {
				b.WriteString("#\n")
				continue
			}
			start := b.Len()
			w.Write(lines[l])
			w.Flush()
			// A quoted field with line breaks spans several lines of the
			// file; those continuation lines are used up by this record,
			// so that later rows keep their line numbers.
			for k := bytes.Count(b.Bytes()[start:], []byte("\n")); k > 1 && l < nLines && lines[l+1] == nil; k-- {
				l++
			}
		}
		d.table = b.Bytes()
		out = append(out, d)
	}
	return out, nil
}

// apply returns base with the scenario's overrides.
func (d scenarioDef) apply(base *kosten.Params) (*kosten.Params, error) {
	p, err := base.WithOverrides(bytes.NewReader(d.table), d.file)
	if err != nil {
		return nil, fmt.Errorf("scenario %q: %w", d.name, err)
	}
	return p, nil
}

func (d scenarioDef) names() []string { return slices.Clone(d.rows) }
