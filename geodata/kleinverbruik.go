package geodata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Skip reasons of the kleinverbruik reader.
const (
	SkipOtherProduct = "product_not_gas_or_electricity" // PRODUCTSOORT other than GAS or ELK
	SkipOtherCountry = "landcode_not_nl"                // LANDCODE other than NL
)

// KleinverbruikRow is one row of a netbeheerder's yearly kleinverbruik
// file: at least ten small-consumer connections of one product on a range
// of postcodes in one street, aggregated for privacy. Peildatum is 1
// January of the file's year; the SJV is the standard yearly use of the
// year before.
type KleinverbruikRow struct {
	Netbeheerder string
	Netgebied    string
	Straatnaam   string
	// PostcodeVan and PostcodeTot bound the range (inclusive), normalised
	// to four digits and two capitals without a space ("2628CD").
	PostcodeVan, PostcodeTot string
	Woonplaats               string
	Landcode                 string
	// Product is "GAS" or "ELK" (PRODUCTSOORT, upper case).
	Product          string
	Verbruikssegment string
	// Aansluitingen is AANSLUITINGEN_AANTAL, connections in the range.
	Aansluitingen int
	// Percentages 0-100: LEVERINGSRICHTING_PERC (share with net
	// consumption), FYSIEKE_STATUS_PERC (share physically in service),
	// SOORT_AANSLUITING_PERC (share of the most common connection type,
	// named in SoortAansluiting), SJV_LAAG_TARIEF_PERC, SLIMME_METER_PERC.
	// A column absent from the file reads as NaN.
	LeveringsrichtingPerc float64
	FysiekeStatusPerc     float64
	SoortAansluitingPerc  float64
	SoortAansluiting      string
	// SJVGemiddeld is the mean standard yearly use per connection: m3
	// (GAS) or kWh (ELK) per year (SJV_GEMIDDELD, or SJA_GEMIDDELD in
	// the files that call it standaardjaarafname).
	SJVGemiddeld      float64
	SJVLaagTariefPerc float64
	SlimmeMeterPerc   float64
	// Line is the row's line in the file (1-based).
	Line int
}

// ActiveConnections is the number of connections physically in service:
// Aansluitingen × FYSIEKE_STATUS_PERC / 100, or Aansluitingen when the
// file has no FYSIEKE_STATUS_PERC.
func (r *KleinverbruikRow) ActiveConnections() float64 {
	if math.IsNaN(r.FysiekeStatusPerc) {
		return float64(r.Aansluitingen)
	}
	return float64(r.Aansluitingen) * r.FysiekeStatusPerc / 100
}

// Contains reports whether the normalised postcode pc lies in the row's
// range.
func (r *KleinverbruikRow) Contains(pc string) bool {
	return r.PostcodeVan <= pc && pc <= r.PostcodeTot
}

// The columns of a kleinverbruik file, by canonical name.
const (
	kvNetbeheerder = iota
	kvNetgebied
	kvStraat
	kvVan
	kvTot
	kvWoonplaats
	kvLandcode
	kvProduct
	kvSegment
	kvAantal
	kvLevering
	kvFysiek
	kvSoortPerc
	kvSoort
	kvSJV
	kvSJVLaag
	kvSlim
	kvColumns
)

// KleinverbruikColumns are the canonical column names (the netbeheerders'
// common layout since about 2016), in the order of the layout.
var KleinverbruikColumns = [kvColumns]string{
	"NETBEHEERDER", "NETGEBIED", "STRAATNAAM", "POSTCODE_VAN", "POSTCODE_TOT", "WOONPLAATS", "LANDCODE",
	"PRODUCTSOORT", "VERBRUIKSSEGMENT", "AANSLUITINGEN_AANTAL", "LEVERINGSRICHTING_PERC", "FYSIEKE_STATUS_PERC",
	"SOORT_AANSLUITING_PERC", "SOORT_AANSLUITING", "SJV_GEMIDDELD", "SJV_LAAG_TARIEF_PERC", "SLIMME_METER_PERC",
}

// kvAliases maps other header names of the known variants (compared in
// upper case, spaces kept) to a canonical column: Enexis' older files
// ("Aantal Aansluitingen", "%Leveringsrichting", "SJV", ...) and the
// standaardjaarafname names (SJA_*) of the newer ones.
var kvAliases = map[string]int{
	"AANTAL AANSLUITINGEN":   kvAantal,
	"AANSLUITING_AANTAL":     kvAantal,
	"%LEVERINGSRICHTING":     kvLevering,
	"%FYSIEKE STATUS":        kvFysiek,
	"%SOORT AANSLUITING":     kvSoortPerc,
	"SOORT AANSLUITING NAAM": kvSoort,
	"SJV":                    kvSJV,
	"SJA_GEMIDDELD":          kvSJV,
	"%SJV LAAG TARIEF":       kvSJVLaag,
	"SJA_LAAG_TARIEF_PERC":   kvSJVLaag,
	"%SLIMME METER":          kvSlim,
}

// kvIgnored are columns of known variants that the reader does not use.
var kvIgnored = map[string]bool{
	"MEETVERANTWOORDELIJKE":      true,
	"%DEFINTIEVE AANSL (NRM)":    true, // Enexis' spelling
	"%DEFINITIEVE AANSL (NRM)":   true,
	"GEMIDDELD AANTAL TELWIELEN": true,
}

// kvRequired must be in every file: without them a row says nothing.
var kvRequired = []int{kvVan, kvTot, kvProduct, kvAantal, kvSJV}

// KleinverbruikReader streams the rows of a netbeheerder's kleinverbruik
// CSV. The known variants differ in separator (tab for Stedin, ';' for
// Enexis and Liander's newer files, ','), quoting, decimal comma or
// point, header case, older column names and encoding (UTF-8 with or
// without BOM, or Latin-1); the reader detects the separator from the
// header line and finds the columns by name. A header with a column it
// does not know, or without one of POSTCODE_VAN, POSTCODE_TOT,
// PRODUCTSOORT, AANSLUITINGEN_AANTAL and SJV_GEMIDDELD, is a
// *FeatureError wrapping ErrColumns that lists the names it knows: a new
// variant is then added here rather than misread.
//
// A row with a wrong number of fields, a malformed postcode, a range whose
// end precedes its start, a negative or fractional connection count, or a
// number that does not parse is a *FeatureError naming the file and line;
// reading stops there. Rows of another product (not GAS or ELK) or
// another country are counted in Report.Skipped.
//
// Lines are bounded (MaxLineBytes); memory does not grow with the file.
// Not safe for concurrent use.
type KleinverbruikReader struct {
	// Report counts the rows: Read == Used + sum(Skipped).
	Report Report
	// Separator is the field separator found in the header; Variant
	// names the header's layout ("standard", "enexis-old", "sja").
	Separator rune
	Variant   string

	file   string
	cr     *csv.Reader
	col    [kvColumns]int
	ncols  int
	header int
	err    error
}

// NewKleinverbruikReader reads the header of a kleinverbruik file; file
// names the source in errors.
func NewKleinverbruikReader(r io.Reader, file string) (*KleinverbruikReader, error) {
	br := bufio.NewReaderSize(LimitLines(r, MaxLineBytes), 64<<10)
	k := &KleinverbruikReader{file: file}
	head, err := br.Peek(4)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, k.fail(0, err)
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return nil, k.fail(0, fmt.Errorf("%w: a zip archive or .xlsx workbook; unpack it, or save the sheet as CSV", ErrUnknownFormat))
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, err := peekLine(br)
	if err != nil {
		return nil, k.fail(1, err)
	}
	k.Separator = detectSeparator(first)
	cr := csv.NewReader(br)
	cr.Comma = k.Separator
	cr.FieldsPerRecord = -1 // checked by hand, for a clearer message
	cr.ReuseRecord = true
	k.cr = cr
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, k.fail(0, fmt.Errorf("%w: empty file; want a header with %s", ErrColumns, strings.Join(KleinverbruikColumns[:], ", ")))
	}
	if err != nil {
		return nil, k.parseError(err)
	}
	k.header, _ = cr.FieldPos(0)
	k.ncols = len(rec)
	for i := range k.col {
		k.col[i] = -1
	}
	k.Variant = "standard"
	for j, h := range rec {
		name := strings.ToUpper(strings.TrimSpace(text(h)))
		c := slices.Index(KleinverbruikColumns[:], name)
		if c < 0 {
			var ok bool
			if c, ok = kvAliases[name]; ok {
				if strings.HasPrefix(name, "SJA_") {
					k.Variant = "sja"
				} else {
					k.Variant = "enexis-old"
				}
			} else if kvIgnored[name] {
				continue
			} else {
				return nil, k.fail(k.header, fmt.Errorf("%w: unknown column %q (field %d); known: %s, and the older names %s",
					ErrColumns, strings.TrimSpace(h), j+1, strings.Join(KleinverbruikColumns[:], ", "), strings.Join(aliasNames(), ", ")))
			}
		}
		if k.col[c] >= 0 {
			return nil, k.fail(k.header, fmt.Errorf("%w: column %s given twice (fields %d and %d)", ErrColumns, KleinverbruikColumns[c], k.col[c]+1, j+1))
		}
		k.col[c] = j
	}
	var missing []string
	for _, c := range kvRequired {
		if k.col[c] < 0 {
			missing = append(missing, KleinverbruikColumns[c])
		}
	}
	if len(missing) > 0 {
		return nil, k.fail(k.header, fmt.Errorf("%w: header has no %s (separator %q)", ErrColumns, strings.Join(missing, ", "), k.Separator))
	}
	return k, nil
}

func aliasNames() []string {
	var s []string
	for n := range kvAliases {
		s = append(s, strconv.Quote(n))
	}
	slices.Sort(s)
	return s
}

// peekLine returns the first line of br without consuming it.
func peekLine(br *bufio.Reader) ([]byte, error) {
	for n := 4096; ; n *= 2 {
		b, err := br.Peek(n)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return b[:i], nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return b, nil
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				return b, nil // a header longer than the buffer: the csv reader reports what is wrong
			}
			var le *LineTooLongError
			if errors.As(err, &le) {
				return nil, fmt.Errorf("%w: %w", ErrCorrupt, le)
			}
			return nil, err
		}
	}
}

// detectSeparator picks tab, ';' or ',' — whichever occurs most often
// outside quotes in the header line.
func detectSeparator(line []byte) rune {
	var tab, semi, comma int
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\t':
			tab++
		case c == ';':
			semi++
		case c == ',':
			comma++
		}
	}
	switch {
	case tab >= semi && tab >= comma && tab > 0:
		return '\t'
	case semi >= comma && semi > 0:
		return ';'
	}
	return ','
}

// text returns s as UTF-8: a field that is not valid UTF-8 is read as
// Latin-1 (older Enexis files).
func text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func (k *KleinverbruikReader) fail(line int, err error) error {
	return &FeatureError{File: k.file, Line: line, Feature: -1, Err: err}
}

func (k *KleinverbruikReader) parseError(err error) error {
	var le *LineTooLongError
	if errors.As(err, &le) {
		return k.fail(le.Line, fmt.Errorf("%w: %w", ErrCorrupt, le))
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return k.fail(pe.Line, fmt.Errorf("%w: %v", ErrCorrupt, pe.Err))
	}
	return k.fail(0, err)
}

// Read fills dst with up to len(dst) rows and returns how many; io.EOF at
// the end.
func (k *KleinverbruikReader) Read(dst []KleinverbruikRow) (int, error) {
	n := 0
	for n < len(dst) {
		if k.err != nil {
			return n, k.err
		}
		row, ok, err := k.next()
		if err != nil {
			k.err = err
			return n, err
		}
		if ok {
			dst[n] = row
			n++
		}
	}
	return n, nil
}

func (k *KleinverbruikReader) next() (KleinverbruikRow, bool, error) {
	var row KleinverbruikRow
	rec, err := k.cr.Read()
	if err == io.EOF {
		return row, false, io.EOF
	}
	if err != nil {
		return row, false, k.parseError(err)
	}
	line, _ := k.cr.FieldPos(0)
	bad := func(format string, a ...any) (KleinverbruikRow, bool, error) {
		return KleinverbruikRow{}, false, &FeatureError{File: k.file, Line: line, Feature: -1, Err: fmt.Errorf(format, a...)}
	}
	if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
		return row, false, nil // a blank line at the end of an export
	}
	if len(rec) != k.ncols {
		return bad("%w: %d fields, the header (line %d) has %d (separator %q)", ErrColumns, len(rec), k.header, k.ncols, k.Separator)
	}
	k.Report.Read++
	get := func(c int) string {
		if k.col[c] < 0 {
			return ""
		}
		return strings.TrimSpace(text(rec[k.col[c]]))
	}
	num := func(c int) (float64, error) {
		if k.col[c] < 0 {
			return math.NaN(), nil
		}
		s := get(c)
		x, ok := parseDecimal(s)
		if !ok {
			return 0, fmt.Errorf("%s %q is not a number", KleinverbruikColumns[c], s)
		}
		return x, nil
	}
	row = KleinverbruikRow{Netbeheerder: get(kvNetbeheerder), Netgebied: get(kvNetgebied), Straatnaam: get(kvStraat),
		Woonplaats: get(kvWoonplaats), Landcode: strings.ToUpper(get(kvLandcode)), Product: strings.ToUpper(get(kvProduct)),
		Verbruikssegment: get(kvSegment), SoortAansluiting: get(kvSoort), Line: line}
	var ok bool
	if row.PostcodeVan, ok = NormalizePostcode(get(kvVan)); !ok {
		return bad("POSTCODE_VAN %q is not a postcode (4 digits, 2 letters)", get(kvVan))
	}
	if row.PostcodeTot, ok = NormalizePostcode(get(kvTot)); !ok {
		return bad("POSTCODE_TOT %q is not a postcode (4 digits, 2 letters)", get(kvTot))
	}
	if row.PostcodeTot < row.PostcodeVan {
		return bad("POSTCODE_TOT %s precedes POSTCODE_VAN %s", row.PostcodeTot, row.PostcodeVan)
	}
	n, err := num(kvAantal)
	if err != nil {
		return bad("%v", err)
	}
	if n < 0 || n != math.Trunc(n) || n > 1e7 {
		return bad("AANSLUITINGEN_AANTAL %q is not a count of connections", get(kvAantal))
	}
	row.Aansluitingen = int(n)
	for _, f := range []struct {
		c   int
		dst *float64
		pct bool
	}{{kvLevering, &row.LeveringsrichtingPerc, true}, {kvFysiek, &row.FysiekeStatusPerc, true},
		{kvSoortPerc, &row.SoortAansluitingPerc, true}, {kvSJV, &row.SJVGemiddeld, false},
		{kvSJVLaag, &row.SJVLaagTariefPerc, true}, {kvSlim, &row.SlimmeMeterPerc, true}} {
		x, err := num(f.c)
		if err != nil {
			return bad("%v", err)
		}
		if f.pct && (x < 0 || x > 100) || !f.pct && x < 0 {
			return bad("%s %s is out of range (%s)", KleinverbruikColumns[f.c], get(f.c), map[bool]string{true: "0-100 %", false: "0 or more"}[f.pct])
		}
		*f.dst = x
	}
	if row.Product != "GAS" && row.Product != "ELK" {
		k.Report.Skip(SkipOtherProduct)
		return row, false, nil
	}
	if row.Landcode != "" && row.Landcode != "NL" {
		k.Report.Skip(SkipOtherCountry)
		return row, false, nil
	}
	k.Report.Used++
	return row, true, nil
}

// parseDecimal reads a number written with a decimal comma or point and
// no thousands separators ("1234,56", "1234.56", "-"). It refuses NaN and
// infinities.
func parseDecimal(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// NormalizePostcode returns a Dutch postcode as four digits and two
// capitals without a space ("2628 cd" -> "2628CD"); ok is false for
// anything else.
func NormalizePostcode(s string) (string, bool) {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if len(s) != 6 {
		return "", false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	for i := 4; i < 6; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return "", false
		}
	}
	return s, true
}

// KleinverbruikYear is the year of a kleinverbruik file, read from its
// name as the netbeheerders write it: the peildatum DDMMYYYY
// ("Stedin_kleinverbruiksgegevens_01012024.csv") or a four-digit year
// ("enexis_kleinverbruik_2024.csv"); the last such number counts. ok is
// false when the name holds none.
func KleinverbruikYear(path string) (int, bool) {
	name := filepath.Base(path)
	year, ok := 0, false
	for i := 0; i < len(name); {
		if name[i] < '0' || name[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(name) && name[j] >= '0' && name[j] <= '9' {
			j++
		}
		run := name[i:j]
		var y int
		switch len(run) {
		case 4:
			y, _ = strconv.Atoi(run)
		case 8:
			y, _ = strconv.Atoi(run[4:])
		}
		if y >= 2000 && y <= 2100 {
			year, ok = y, true
		}
		i = j
	}
	return year, ok
}
