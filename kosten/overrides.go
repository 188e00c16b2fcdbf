package kosten

import (
	"fmt"
	"io"
	"os"
	"strconv"
)

// Override files are CSV with a header line naming the columns; the same
// columns as the default table, of which name, value and unit are required:
//
//	# comments start with #
//	name,value,min,max,unit,price_year,source
//	discount.national,0.04,,,fraction,-,sensitivity run
//	pipe.edr.dn100,1000,900,1100,EUR/m,2020,offer from contractor X
//	hn.afleverset,1500,,,EUR/asl
//
// Rules: every name must exist in the default table; the unit must be
// given and equal the default's unit; a price_year, when given, must equal
// the default's (the table holds no price index, so amounts in another
// price year cannot be converted); min and max come together or not at
// all, and when absent the override is a point value (min = max = value);
// a name may appear once; each value must lie within the parameter's
// bounds (check.go: no negative prices, costs or CO2 factors, discount
// rates in [0, 1), ...). A UTF-8 byte-order mark before the header is
// skipped. The source defaults to "override FILE:LINE".
//
// Numbers are plain decimals, with an optional exponent (1e-05): Go's
// syntax beyond that (1_000, 0x1p4, Inf, NaN) is refused. The separator
// is that of the header line: ',' as above, or ';' (what
// `wijkwarmte params --csv-decimal comma` writes and a spreadsheet with a
// Dutch locale saves), in which case the decimal mark is a comma
// (0,04;  1234,5) and a number with a '.' is refused: a thousands
// separator (1.234,5) and a decimal point written by another tool (0.04)
// cannot be told apart.
// Every error names the file and line.

// WithOverrides returns a new parameter set: p with the rows read from r
// (named file in errors) replacing the defaults of the same name. p itself
// is not changed.
func (p *Params) WithOverrides(r io.Reader, file string) (*Params, error) {
	rows, err := readTableLines(r, file)
	if err != nil {
		return nil, err
	}
	list := append([]Param(nil), p.list...)
	seen := map[string]int{}
	var names []string
	for _, o := range rows {
		if prev, dup := seen[o.Name]; dup {
			return nil, &ParseError{File: file, Line: o.line, Name: o.Name, Err: fmt.Errorf("%w: set twice (first on line %d)", ErrParamFile, prev)}
		}
		seen[o.Name] = o.line
		i, ok := p.index[o.Name]
		if !ok {
			return nil, &ParseError{File: file, Line: o.line, Name: o.Name, Err: ErrUnknownParam}
		}
		def := p.list[i]
		if o.Unit != def.Unit {
			return nil, &ParseError{File: file, Line: o.line, Name: o.Name, Err: fmt.Errorf("%w: unit %q, the default is in %q", ErrUnit, o.Unit, def.Unit)}
		}
		if o.PriceYear != 0 && o.PriceYear != def.PriceYear {
			dy := "none (not money)"
			if def.PriceYear != 0 {
				dy = strconv.Itoa(def.PriceYear)
			}
			return nil, &ParseError{File: file, Line: o.line, Name: o.Name, Err: fmt.Errorf("%w: price year %d, the default's is %s; convert to that price year first", ErrUnit, o.PriceYear, dy)}
		}
		o.PriceYear = def.PriceYear
		list[i] = o.Param
		names = append(names, o.Name)
	}
	return newParams(list, append(p.Overridden(), names...))
}

// LoadOverrides applies the override file at path to the defaults.
func LoadOverrides(path string) (*Params, error) {
	return Defaults().WithOverridesFile(path)
}

// WithOverridesFile is WithOverrides on the file at path, which may hold
// at most 16 MiB (a larger file, /dev/zero say, is an error, not read on
// into memory).
func (p *Params) WithOverridesFile(path string) (*Params, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("kosten: parameter overrides: %w", err)
	}
	defer f.Close()
	return p.WithOverrides(&sizeLimit{r: f, left: maxOverrideBytes, file: path}, path)
}

// maxOverrideBytes bounds an override file: the whole default table as
// overrides is about 1 MB, and the rows are kept in memory while checked.
const maxOverrideBytes = 16 << 20

// sizeLimit reads r and fails once more than left bytes come, instead of
// cutting the file short as io.LimitReader would.
type sizeLimit struct {
	r    io.Reader
	left int64
	file string
}

func (l *sizeLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.left -= int64(n); l.left < 0 {
		return 0, fmt.Errorf("kosten: %s: larger than %d bytes, more than any parameter file holds", l.file, maxOverrideBytes)
	}
	return n, err
}

type lineParam struct {
	Param
	line int
}

func readTableLines(r io.Reader, file string) ([]lineParam, error) {
	var out []lineParam
	err := scanTable(r, file, false, func(p Param, line int) error {
		out = append(out, lineParam{p, line})
		return nil
	})
	return out, err
}
