package geodata

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Skip reasons of the EP-Online reader.
const (
	SkipNoLabel = "no_energy_label" // a registration without Pand_energieklasse
)

// epColumns are the EP-Online export columns the reader uses. The header
// is found by name, so their order and any other columns do not matter.
var epColumns = [...]string{
	"Pand_opnamedatum", "Pand_energieklasse", "Pand_bagverblijfsobjectid", "Pand_bagpandid",
	"Pand_postcode", "Pand_huisnummer", "Pand_huisnummer_toev", "Pand_gebouwtype", "Pand_gebruiksoppervlakte",
}

const (
	epDatum = iota
	epKlasse
	epVBO
	epPand
	epPostcode
	epHuisnummer
	epToevoeging
	epGebouwtype
	epOppervlakte
)

// maxPreambleLines bounds the lines read before the header is found.
const maxPreambleLines = 50

var validKlasse = map[string]bool{
	"A++++": true, "A+++": true, "A++": true, "A+": true, "A": true,
	"B": true, "C": true, "D": true, "E": true, "F": true, "G": true,
}

// EPOnlineReader streams the registrations of an EP-Online CSV export (RVO
// "totaalbestand"): ';'-separated, optionally preceded by preamble lines
// (PublicatieDatum;..., LaatstVerwerkteMutatievolgnummer;...). The header
// is the first line that has a Pand_opnamedatum column; the columns are
// found by name. BAG ids are normalised to 16 digits (NormalizeBAGID).
//
// A row whose number of fields differs from the header's, a quoting error,
// a bad date (Pand_opnamedatum is YYYYMMDD), an unknown energy class or a
// malformed BAG id is a *FeatureError naming the file, the line and the
// row (Feature, 0-based after the header); reading stops there. A quoting
// error or an overlong line wraps ErrCorrupt, a bad date, class or floor
// area ErrValue. A row without an energy class is counted in Report under
// SkipNoLabel, one without any BAG id under SkipNoID. A registration
// without a verblijfsobject id is kept whatever its Pand_huisnummer: it
// gives its label to the units of its pand (by Pand_bagpandid) that have
// none of their own.
//
// Not safe for concurrent use. Memory does not grow with the file.
type EPOnlineReader struct {
	// Report counts the rows decoded: Read == Used + sum(Skipped). A row
	// that ends reading with an error is not counted.
	Report Report

	file   string
	cr     *csv.Reader
	col    [len(epColumns)]int
	ncols  int
	row    int
	err    error
	header int // line of the header
}

// NewEPOnlineReader reads up to the header of an EP-Online export. file
// names the source in errors. A file without the header is a *FeatureError
// wrapping ErrColumns.
func NewEPOnlineReader(r io.Reader, file string) (*EPOnlineReader, error) {
	cr := csv.NewReader(LimitLines(r, MaxLineBytes))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1 // preamble lines differ; rows are checked by hand
	cr.ReuseRecord = true
	e := &EPOnlineReader{file: file, cr: cr}
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF || n >= maxPreambleLines {
			return nil, &FeatureError{File: file, Feature: -1,
				Err: fmt.Errorf("%w: no EP-Online header (a line with Pand_opnamedatum) in the first %d lines", ErrColumns, maxPreambleLines)}
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// a quoting error before any header: most likely not an
			// EP-Online export at all (a kader or kleinverbruik file)
			return nil, &FeatureError{File: file, Line: pe.Line, Feature: -1,
				Err: fmt.Errorf("%w: no EP-Online header (a line with Pand_opnamedatum) up to line %d, which is not ';'-separated CSV (%v)", ErrColumns, pe.Line, pe.Err)}
		}
		if err != nil {
			return nil, e.parseError(err)
		}
		if len(rec) > 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
		}
		if !contains(rec, "Pand_opnamedatum") {
			continue
		}
		e.header, _ = cr.FieldPos(0)
		e.ncols = len(rec)
		for i, name := range epColumns {
			e.col[i] = -1
			for j, h := range rec {
				if strings.EqualFold(strings.TrimSpace(h), name) {
					e.col[i] = j
					break
				}
			}
		}
		for _, need := range []int{epDatum, epKlasse} {
			if e.col[need] < 0 {
				return nil, &FeatureError{File: file, Line: e.header, Feature: -1,
					Err: fmt.Errorf("%w: header has no %s column", ErrColumns, epColumns[need])}
			}
		}
		if e.col[epVBO] < 0 && e.col[epPand] < 0 {
			return nil, &FeatureError{File: file, Line: e.header, Feature: -1,
				Err: fmt.Errorf("%w: header has neither Pand_bagverblijfsobjectid nor Pand_bagpandid", ErrColumns)}
		}
		return e, nil
	}
}

func contains(rec []string, name string) bool {
	for _, h := range rec {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return true
		}
	}
	return false
}

func (e *EPOnlineReader) parseError(err error) error {
	var le *LineTooLongError
	if errors.As(err, &le) {
		return &FeatureError{File: e.file, Line: le.Line, Feature: -1, Err: fmt.Errorf("%w: %w", ErrCorrupt, le)}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FeatureError{File: e.file, Line: pe.Line, Feature: -1, Err: fmt.Errorf("%w: %v", ErrCorrupt, pe.Err)}
	}
	return &FeatureError{File: e.file, Feature: -1, Err: err}
}

// Read fills dst with up to len(dst) registrations and returns how many;
// io.EOF at the end.
func (e *EPOnlineReader) Read(dst []EnergyLabel) (int, error) {
	n := 0
	for n < len(dst) {
		if e.err != nil {
			return n, e.err
		}
		l, ok, err := e.next()
		if err != nil {
			e.err = err
			return n, err
		}
		if ok {
			dst[n] = l
			n++
		}
	}
	return n, nil
}

// next decodes one row; ok is false for a row that is counted as skipped.
func (e *EPOnlineReader) next() (EnergyLabel, bool, error) {
	rec, err := e.cr.Read()
	if err == io.EOF {
		return EnergyLabel{}, false, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		var le *LineTooLongError
		switch {
		case errors.As(err, &pe):
			return EnergyLabel{}, false, &FeatureError{File: e.file, Line: pe.Line, Feature: e.row, Err: fmt.Errorf("%w: %v", ErrCorrupt, pe.Err)}
		case errors.As(err, &le):
			return EnergyLabel{}, false, &FeatureError{File: e.file, Line: le.Line, Feature: e.row, Err: fmt.Errorf("%w: %w", ErrCorrupt, le)}
		}
		return EnergyLabel{}, false, &FeatureError{File: e.file, Feature: e.row, Err: err}
	}
	line, _ := e.cr.FieldPos(0)
	row := e.row
	e.row++
	get := func(c int) string {
		if e.col[c] < 0 {
			return ""
		}
		return strings.TrimSpace(rec[e.col[c]])
	}
	fail := func(id string, err error) (EnergyLabel, bool, error) {
		return EnergyLabel{}, false, &FeatureError{File: e.file, Line: line, Feature: row, ID: id, Err: err}
	}
	if len(rec) != e.ncols {
		id := ""
		if c := e.col[epVBO]; c >= 0 && c < len(rec) {
			id = strings.TrimSpace(rec[c])
		}
		return fail(id, fmt.Errorf("%w: %d fields, the header (line %d) has %d", ErrColumns, len(rec), e.header, e.ncols))
	}
	var l EnergyLabel
	rawVBO, rawPand := get(epVBO), get(epPand)
	idForErr := rawVBO
	if idForErr == "" {
		idForErr = rawPand
	}
	if rawVBO != "" {
		if l.VerblijfsobjectID, err = NormalizeBAGID(rawVBO); err != nil {
			return fail(idForErr, fmt.Errorf("Pand_bagverblijfsobjectid: %w", err))
		}
	}
	if rawPand != "" {
		if l.PandID, err = NormalizeBAGID(rawPand); err != nil {
			return fail(idForErr, fmt.Errorf("Pand_bagpandid: %w", err))
		}
	}
	d := get(epDatum)
	if l.Opnamedatum, err = time.Parse("20060102", d); err != nil {
		return fail(idForErr, fmt.Errorf("%w: Pand_opnamedatum %q is not YYYYMMDD", ErrValue, d))
	}
	l.Klasse = strings.ToUpper(get(epKlasse))
	if l.Klasse != "" && !validKlasse[l.Klasse] {
		return fail(idForErr, fmt.Errorf("%w: Pand_energieklasse %q is not one of A++++ ... G", ErrValue, get(epKlasse)))
	}
	l.Postcode = strings.ReplaceAll(strings.ToUpper(get(epPostcode)), " ", "")
	l.Huisnummer = get(epHuisnummer)
	l.Toevoeging = get(epToevoeging)
	l.Gebouwtype = get(epGebouwtype)
	if s := get(epOppervlakte); s != "" {
		var ok bool // parseDecimal refuses NaN (which passed "< 0"), Inf, 1_000 and 0x10
		if l.OppervlakteM2, ok = parseDecimal(s); !ok || l.OppervlakteM2 < 0 {
			return fail(idForErr, fmt.Errorf("%w: Pand_gebruiksoppervlakte %q is not a number of m2", ErrValue, s))
		}
	}
	e.Report.Read++
	switch {
	case l.VerblijfsobjectID == "" && l.PandID == "":
		e.Report.Skip(SkipNoID)
		return EnergyLabel{}, false, nil
	case l.Klasse == "":
		e.Report.Skip(SkipNoLabel)
		return EnergyLabel{}, false, nil
	}
	e.Report.Used++
	return l, true, nil
}

// NewestLabels keeps, per verblijfsobject, the registration with the
// newest Pand_opnamedatum (on equal dates the one added later). Labels
// that name only a pand are kept per pand. Memory grows with the number of
// distinct ids (O(ids)); not safe for concurrent use.
type NewestLabels struct {
	Replaced int // registrations superseded by a newer one of the same id
	index    map[string]int
	labels   []EnergyLabel
}

// NewNewestLabels returns an empty collector.
func NewNewestLabels() *NewestLabels { return &NewestLabels{index: map[string]int{}} }

func labelKey(l EnergyLabel) string {
	if l.VerblijfsobjectID != "" {
		return l.VerblijfsobjectID
	}
	return "pand:" + l.PandID
}

// Add keeps l unless a newer registration of its id is already kept.
func (c *NewestLabels) Add(l EnergyLabel) {
	k := labelKey(l)
	i, ok := c.index[k]
	if !ok {
		c.index[k] = len(c.labels)
		c.labels = append(c.labels, l)
		return
	}
	c.Replaced++
	if c.labels[i].Opnamedatum.After(l.Opnamedatum) {
		return
	}
	c.labels[i] = l
}

// Len returns the number of distinct ids.
func (c *NewestLabels) Len() int { return len(c.labels) }

// Labels returns the kept labels in the order their ids were first seen.
// The slice is the collector's own.
func (c *NewestLabels) Labels() []EnergyLabel { return c.labels }

// ForVerblijfsobject returns the newest label of a verblijfsobject (id in
// 16-digit form).
func (c *NewestLabels) ForVerblijfsobject(id string) (EnergyLabel, bool) {
	i, ok := c.index[id]
	if !ok {
		return EnergyLabel{}, false
	}
	return c.labels[i], true
}

// ReadEPOnline reads a whole EP-Online export and keeps the newest label
// per verblijfsobject. rep gets the reader's counts plus the superseded
// registrations under SkipDuplicateID (Read == Used + sum(Skipped)).
func ReadEPOnline(r io.Reader, file string, rep *Report) (*NewestLabels, error) {
	er, err := NewEPOnlineReader(r, file)
	if err != nil {
		return nil, err
	}
	c := NewNewestLabels()
	buf := make([]EnergyLabel, 256)
	for {
		n, err := er.Read(buf)
		for _, l := range buf[:n] {
			c.Add(l)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	*rep = er.Report
	for range c.Replaced {
		rep.Used--
		rep.Skip(SkipDuplicateID)
	}
	return c, nil
}
