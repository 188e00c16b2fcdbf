package kosten

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Version names the default parameter set. It changes whenever a default
// number, unit or source changes, and is printed with the table.
const Version = "wijkwarmte-kosten-params/1 (VestaDV 4742ff05, MESIDO EDR 2020.03, KEV2019)"

//go:embed params.csv
var paramsCSV []byte

// Sentinel errors.
var (
	// ErrUnknownParam: a name that is not in the parameter table.
	ErrUnknownParam = errors.New("kosten: unknown parameter")
	// ErrUnit: a missing unit, or a unit that differs from the default's.
	ErrUnit = errors.New("kosten: unit mismatch")
	// ErrNoData: the source table has no figure for this combination (for
	// example an insulation jump Vesta does not define).
	ErrNoData = errors.New("kosten: no figure in the source table")
	// ErrParamFile: a malformed parameter or override file.
	ErrParamFile = errors.New("kosten: bad parameter file")
)

// Unit is the unit of a parameter, as written in the table: EUR, EUR/m,
// EUR/asl (per aansluiting, i.e. per dwelling or connection), EUR/kW,
// EUR/m2, EUR/yr/asl, EUR/GJ, EUR/m3, EUR/kWh, EUR/t, fraction, ratio,
// index, 1/yr (a fraction of the investment per year), yr, year, kW, m2,
// MJ/m3, kgCO2/m3, kgCO2/kWh, GJ/yr/asl, GJ/yr/m2, 1 (an exponent); for the
// technical defaults of a scan also m (metre), C (degrees Celsius), Pa/m,
// deg (degrees of angle) and weq (dwelling-equivalents); for the kader's space criterion m2/asl
// (per dwelling or unit) and m2/MW (per MW of simultaneous peak).
type Unit string

var knownUnits = map[Unit]bool{
	"EUR": true, "EUR/m": true, "EUR/asl": true, "EUR/kW": true, "EUR/m2": true,
	"EUR/yr/asl": true, "EUR/GJ": true, "EUR/m3": true, "EUR/kWh": true, "EUR/t": true,
	"fraction": true, "ratio": true, "index": true, "1/yr": true, "yr": true, "year": true,
	"kW": true, "m2": true, "MJ/m3": true, "kgCO2/m3": true, "kgCO2/kWh": true,
	"GJ/yr/asl": true, "GJ/yr/m2": true, "1": true,
	"m": true, "C": true, "Pa/m": true, "weq": true, "h/yr": true, "W/m": true,
	"bool": true, "EUR/kg": true, "MJ/kg": true,
	"m2/asl": true, "m2/MW": true, "deg": true,
}

// Monetary reports whether the unit is an amount of money, which must carry
// a price year.
func (u Unit) Monetary() bool { return strings.HasPrefix(string(u), "EUR") }

// Param is one row of the parameter table.
type Param struct {
	Name string
	// Value, Min and Max. Min == Max == Value when the source gives no band.
	Band[float64]
	Unit Unit
	// PriceYear of a monetary parameter; 0 when the number is not money.
	PriceYear int
	// Source names the model or report and the file the number comes from.
	Source string
}

// Params is a parameter set: the embedded defaults with any overrides
// applied. A *Params is immutable after construction and safe for
// concurrent use; pass it down to every calculation.
type Params struct {
	list  []Param
	index map[string]int
	// used holds list[i]'s band as the calculation uses it (converted to
	// euro of PriceYear, see Get); filled by finish.
	used []Band[float64]
	// hot holds used[index[pidNames[id]]] for every pid (ids.go); filled
	// by finish.
	hot [numPids]Band[float64]
	// overridden names, for the report
	overridden []string

	woningen *woningTable
	prices   *priceTable
	// level holds levelised price components per discount rate, carrier
	// and class (see levelised); filled on first use, safe for concurrent
	// use.
	level levelTable
	// annuity holds annualisation factors per discount rate and lifetime
	// (see annualise); filled on first use, safe for concurrent use.
	annuity annuityTable
	// learnYear is eval.base_year, learnBase the learning index of every
	// group of learnGroups in that year (filled by finish).
	learnYear int
	learnBase [len(learnGroups)]learnEntry
	// learnCache holds the learning indices of other groups and years
	// (learnKey -> Band[float64]), filled on first use, safe for
	// concurrent use.
	learnCache sync.Map
	// notes holds PriceYearNotes, made once.
	notesOnce sync.Once
	notes     []string
}

var (
	defaultsOnce sync.Once
	defaults     *Params
	defaultsErr  error
)

// Defaults returns the embedded default parameter set. It is parsed once;
// the returned value is shared and must not be modified (it cannot be,
// through its methods). It panics if the embedded table is broken, which a
// test guards against.
func Defaults() *Params {
	defaultsOnce.Do(func() {
		defaults, defaultsErr = buildDefaults()
	})
	if defaultsErr != nil {
		panic(defaultsErr)
	}
	return defaults
}

func buildDefaults() (*Params, error) {
	rows, err := readTable(bytes.NewReader(paramsCSV), "kosten/params.csv", true)
	if err != nil {
		return nil, err
	}
	wrows, err := woningenParams()
	if err != nil {
		return nil, err
	}
	rows = append(rows, wrows...)
	prows, err := energyParams()
	if err != nil {
		return nil, err
	}
	rows = append(rows, prows...)
	return newParams(rows, nil)
}

func newParams(rows []Param, overridden []string) (*Params, error) {
	p := &Params{list: rows, index: make(map[string]int, len(rows)), overridden: overridden}
	for i, r := range rows {
		if _, dup := p.index[r.Name]; dup {
			return nil, fmt.Errorf("%w: parameter %q defined twice", ErrParamFile, r.Name)
		}
		p.index[r.Name] = i
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	w, err := newWoningTable(p)
	if err != nil {
		return nil, err
	}
	p.woningen = w
	if err := checkSet(p); err != nil {
		return nil, err
	}
	pt, err := newPriceTable(p)
	if err != nil {
		return nil, err
	}
	p.prices = pt
	return p, nil
}

// Get returns the named parameter as the calculation uses it, or an error
// wrapping ErrUnknownParam: an amount published in euro of another year
// than PriceYear for which the table has a price index (index.cpi.<year>,
// CBS consumer prices) is divided by that index, so it is euro of
// PriceYear, and its PriceYear and Source say so. All and WriteCSV show
// the figures as published.
func (p *Params) Get(name string) (Param, error) {
	i, ok := p.index[name]
	if !ok {
		return Param{}, fmt.Errorf("%w %q", ErrUnknownParam, name)
	}
	r := p.list[i]
	if f := p.deflator(r); f != 1 {
		r.Source += fmt.Sprintf(" [published in euro of %d; divided by the CBS consumer price index %.4f (index.cpi.%d) to euro of %d]", r.PriceYear, f, r.PriceYear, PriceYear)
		r.Band = r.Band.Scale(1 / f)
		r.PriceYear = PriceYear
	}
	return r, nil
}

// deflator is the price index that turns r's amounts into euro of
// PriceYear: index.cpi.<its price year>, 1 when r is not money, already
// in PriceYear, or has no index in the table.
func (p *Params) deflator(r Param) float64 {
	if !r.Unit.Monetary() || r.PriceYear == 0 || r.PriceYear == PriceYear {
		return 1
	}
	i, ok := p.index["index.cpi."+strconv.Itoa(r.PriceYear)]
	if !ok || !(p.list[i].Value > 0) {
		return 1
	}
	return p.list[i].Value
}

// All returns a copy of every parameter, sorted by name.
func (p *Params) All() []Param {
	out := append([]Param(nil), p.list...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Overridden lists the names set by an override file, in file order.
func (p *Params) Overridden() []string { return append([]string(nil), p.overridden...) }

// bandNamed returns a parameter the code relies on by name (see band for
// the parameters read by id); a missing name is a programming error
// (defaults always define it, overrides cannot remove it).
func (p *Params) bandNamed(name string) Band[float64] {
	i, ok := p.index[name]
	if !ok {
		panic("kosten: internal: parameter " + name + " missing from the default table")
	}
	return p.used[i]
}

// finish fills p.used from p.list, p.hot from p.used and the learning
// indices at eval.base_year; called once the list is final. It fails if
// the list lacks a parameter read by id (the defaults define them all and
// overrides cannot remove one).
func (p *Params) finish() error {
	p.used = make([]Band[float64], len(p.list))
	for i, r := range p.list {
		p.used[i] = r.Band
		if f := p.deflator(r); f != 1 {
			p.used[i] = r.Band.Scale(1 / f)
		}
	}
	for id, name := range pidNames {
		i, ok := p.index[name]
		if !ok {
			return fmt.Errorf("%w: parameter %q missing from the table", ErrParamFile, name)
		}
		p.hot[id] = p.used[i]
	}
	p.learnYear = int(p.value(pEvalBaseYear))
	for g, group := range learnGroups {
		if l, err := p.LearningIndex(group, p.learnYear); err == nil {
			p.learnBase[g] = learnEntry{l, true}
		}
	}
	return nil
}

// WriteCSV writes the whole table as CSV with the header
// name,value,min,max,unit,price_year,source, sorted by name, preceded by a
// comment line with Version.
func (p *Params) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "# %s\n", Version); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"name", "value", "min", "max", "unit", "price_year", "source"}); err != nil {
		return err
	}
	for _, r := range p.All() {
		py := "-"
		if r.PriceYear != 0 {
			py = strconv.Itoa(r.PriceYear)
		}
		if err := cw.Write([]string{r.Name, fmtNum(r.Value), fmtNum(r.Min), fmtNum(r.Max), string(r.Unit), py, r.Source}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ParseError is a problem in one line of a parameter or override file.
type ParseError struct {
	File string
	Line int
	Name string // parameter name, when known
	Err  error
}

// Error names the file and line, then the problem.
func (e *ParseError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("%s:%d: parameter %q: %v", e.File, e.Line, e.Name, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *ParseError) Unwrap() error { return e.Err }

// readTable reads rows of name,value,min,max,unit,price_year,source (the
// column order is taken from the header; min, max, price_year and source
// may be absent unless strict). Lines starting with # are comments.
func readTable(r io.Reader, file string, strict bool) ([]Param, error) {
	var out []Param
	err := scanTable(r, file, strict, func(p Param, _ int) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// scanTable calls fn for every data row with its line number.
func scanTable(r io.Reader, file string, strict bool, fn func(Param, int) error) error {
	r, sep, err := separator(skipBOM(r))
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	cr := csv.NewReader(r)
	cr.Comma = sep
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return &ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: empty file, want a header line", ErrParamFile)}
		}
		return csvErr(file, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup {
			return &ParseError{File: file, Line: lineOf(cr, 1), Err: fmt.Errorf("%w: column %q twice in the header", ErrParamFile, h)}
		}
		switch h {
		case "name", "value", "min", "max", "unit", "price_year", "source":
		default:
			return &ParseError{File: file, Line: lineOf(cr, 1), Err: fmt.Errorf("%w: unknown column %q (want name,value,min,max,unit,price_year,source)", ErrParamFile, h)}
		}
		col[h] = i
	}
	need := []string{"name", "value", "unit"}
	if strict {
		need = append(need, "min", "max", "price_year", "source")
	}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return &ParseError{File: file, Line: lineOf(cr, 1), Err: fmt.Errorf("%w: header lacks column %q", ErrParamFile, n)}
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(file, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) string {
			i, ok := col[c]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		pr, err := parseRow(get, strict, sep == ';')
		if err == nil {
			err = checkParam(pr)
		}
		if err != nil {
			return &ParseError{File: file, Line: line, Name: get("name"), Err: err}
		}
		if pr.Source == "" {
			pr.Source = fmt.Sprintf("override %s:%d", file, line)
		}
		if err := fn(pr, line); err != nil {
			return err
		}
	}
}

// separator reads r up to its header line (the first line that is neither
// empty nor a "#" comment) and returns the separator that line uses: ';'
// when it has a ';' and no ',' (what `params --csv-decimal comma` writes,
// and a spreadsheet with a Dutch locale saves), ',' otherwise. The
// returned reader gives all of r again, so that line numbers stay right.
func separator(r io.Reader) (io.Reader, rune, error) {
	br := bufio.NewReader(r)
	var seen bytes.Buffer
	for {
		line, err := br.ReadString('\n')
		seen.WriteString(line)
		if t := strings.TrimRight(line, "\r\n"); t != "" && t[0] != '#' {
			sep := ','
			if strings.Contains(t, ";") && !strings.Contains(t, ",") {
				sep = ';'
			}
			return io.MultiReader(&seen, br), sep, nil
		}
		if err == io.EOF {
			return &seen, ',', nil
		}
		if err != nil {
			return nil, 0, err
		}
	}
}

// plainNumber is a number as a person or a spreadsheet writes it: digits
// with at most one decimal point and an optional exponent (WriteCSV writes
// 1e-05). Go's own syntax that strconv.ParseFloat reads on top (1_000,
// 0x1p4, Inf, NaN) is no number a spreadsheet user means. The kader's
// reader checks its numbers with it too (PlainNumber).
var plainNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// PlainNumber reports whether s is a plain decimal number, with a decimal
// point and an optional exponent, as the override files take them: not
// Go's 1_000, 0x1p4, Inf or NaN, which strconv.ParseFloat reads too.
func PlainNumber(s string) bool { return plainNumber.MatchString(s) }

// parseNumber reads a plain decimal number; with decimalComma (a file
// with ';' between columns) the decimal mark is a comma and a '.' is
// refused: "1.234,5" from a spreadsheet that shows thousands separators
// and "1.5" from a tool that writes a decimal point cannot be told apart.
func parseNumber(s string, decimalComma bool) (float64, error) {
	t := s
	if decimalComma {
		if strings.Contains(t, ".") {
			return 0, fmt.Errorf("%q: in a file with ';' between columns the decimal mark is a comma, and a '.' (a thousands separator or a decimal point?) is ambiguous; write the number without thousands separators, as 1234,5", s)
		}
		t = strings.Replace(t, ",", ".", 1)
	}
	if !PlainNumber(t) {
		return 0, fmt.Errorf("%q is not a plain decimal number", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// skipBOM drops a UTF-8 byte-order mark at the start of r (spreadsheet
// programs write one when saving "CSV UTF-8").
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}

func lineOf(cr *csv.Reader, def int) int {
	if l, _ := cr.FieldPos(0); l > 0 {
		return l
	}
	return def
}

func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: file, Line: pe.Line, Err: fmt.Errorf("%w: %v", ErrParamFile, pe.Err)}
	}
	return fmt.Errorf("%s: %w", file, err)
}

func parseRow(get func(string) string, strict, decimalComma bool) (Param, error) {
	var p Param
	p.Name = get("name")
	if p.Name == "" {
		return p, fmt.Errorf("%w: empty name", ErrParamFile)
	}
	num := func(c string) (float64, bool, error) {
		s := get(c)
		if s == "" {
			return 0, false, nil
		}
		v, err := parseNumber(s, decimalComma)
		if err != nil {
			return 0, false, fmt.Errorf("%w: %s %v", ErrParamFile, c, err)
		}
		return v, true, nil
	}
	v, ok, err := num("value")
	if err != nil {
		return p, err
	}
	if !ok {
		return p, fmt.Errorf("%w: missing value", ErrParamFile)
	}
	lo, hasLo, err := num("min")
	if err != nil {
		return p, err
	}
	hi, hasHi, err := num("max")
	if err != nil {
		return p, err
	}
	if hasLo != hasHi {
		return p, fmt.Errorf("%w: give both min and max or neither", ErrParamFile)
	}
	if !hasLo {
		lo, hi = v, v
	}
	p.Band = Band[float64]{v, lo, hi}
	if !p.Band.Valid() {
		return p, fmt.Errorf("%w: want min <= value <= max, have %g <= %g <= %g", ErrParamFile, lo, v, hi)
	}
	p.Unit = Unit(get("unit"))
	if p.Unit == "" {
		return p, fmt.Errorf("%w: missing unit", ErrUnit)
	}
	if !knownUnits[p.Unit] {
		return p, fmt.Errorf("%w: unknown unit %q", ErrUnit, p.Unit)
	}
	switch py := get("price_year"); {
	case py == "" && strict:
		return p, fmt.Errorf("%w: missing price_year (write - for a number that is not money)", ErrParamFile)
	case py == "" || py == "-":
	default:
		y, err := strconv.Atoi(py)
		if err != nil || y < 1990 || y > 2100 {
			return p, fmt.Errorf("%w: price_year %q is not a year", ErrParamFile, py)
		}
		p.PriceYear = y
	}
	if strict {
		if p.Unit.Monetary() && p.PriceYear == 0 {
			return p, fmt.Errorf("%w: monetary unit %s without a price year", ErrParamFile, p.Unit)
		}
		if !p.Unit.Monetary() && p.PriceYear != 0 {
			return p, fmt.Errorf("%w: price year on a unit that is not money (%s)", ErrParamFile, p.Unit)
		}
	}
	p.Source = get("source")
	if strict && p.Source == "" {
		return p, fmt.Errorf("%w: missing source", ErrParamFile)
	}
	return p, nil
}

// unusedPipeCurves are the pipe cost tables that PipeCost does not use
// under pipe.default_curve (alternatives for a caller who asks for them
// by name; topotherm's figures are band ends of the EDR rows).
func (p *Params) unusedPipeCurves() []string {
	switch int(p.value(pPipeDefaultCurve)) {
	case CurveEDR:
		return []string{"pipe.topotherm.", "pipe.cedelft."}
	case CurveCEDelft:
		return []string{"pipe.topotherm.", "pipe.edr."}
	}
	return []string{"pipe.topotherm.", "pipe.edr.", "pipe.cedelft."}
}

// PriceYearNotes says, one Dutch sentence per group of parameters (the first two
// parts of the name), which monetary parameters the calculation uses are
// published in euro of another year than PriceYear, and how they are
// brought to euro of PriceYear: divided by the CBS consumer price index
// of their year (index.cpi.<year>, see Get), or, for a year the table has
// no index for, added as they are (the result then mixes price years, and
// the note says so). The pipe curves that pipe.default_curve does not
// select are left out: PipeCost does not use them.
func (p *Params) PriceYearNotes() []string {
	p.notesOnce.Do(func() { p.notes = p.priceYearNotes() })
	out := make([]string, len(p.notes))
	copy(out, p.notes)
	return out
}

// priceYearNotes makes PriceYearNotes (it sorts the whole table, which
// a batch did for every buurt).
func (p *Params) priceYearNotes() []string {
	type key struct {
		group string
		year  int
	}
	count := map[key]int{}
	var order []key
	for _, r := range p.All() {
		if !r.Unit.Monetary() || r.PriceYear == 0 || r.PriceYear == PriceYear {
			continue
		}
		alt := false
		for _, a := range p.unusedPipeCurves() {
			alt = alt || strings.HasPrefix(r.Name, a)
		}
		if alt {
			continue
		}
		parts := strings.SplitN(r.Name, ".", 3)
		g := parts[0]
		if len(parts) == 3 {
			g += "." + parts[1]
		}
		k := key{g, r.PriceYear}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		n := fmt.Sprintf("%d parameters", count[k])
		if count[k] == 1 {
			n = "1 parameter"
		}
		if f := p.deflator(Param{Unit: "EUR", PriceYear: k.year}); f != 1 {
			out = append(out, fmt.Sprintf("%s.* (%s) zijn euro van %d, omgerekend naar euro van %d met de consumentenprijsindex van het CBS (index.cpi.%d = %s)", k.group, n, k.year, PriceYear, k.year, strings.Replace(strconv.FormatFloat(f, 'f', 4, 64), ".", ",", 1)))
			continue
		}
		out = append(out, fmt.Sprintf("%s.* (%s) zijn euro van %d en worden zonder prijsindex als euro van %d gebruikt", k.group, n, k.year, PriceYear))
	}
	return out
}
