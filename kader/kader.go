package kader

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Limits on a kader file: it is a short table a civil servant edits, so
// anything longer is refused instead of read into memory.
const (
	MaxFileBytes = 1 << 20 // 1 MiB
	MaxRows      = 1000
)

// ErrKader is wrapped by every error about the content of a kader file.
var ErrKader = errors.New("kader")

// Kader is a municipality's kader as read from a file: criteria with
// weights and limits, strategies ruled out or required, interim goals.
type Kader struct {
	// File is the name the kader was read under (for messages).
	File     string      `json:"file"`
	Criteria []Criterion `json:"criteria"`
	Excluded []Exclusion `json:"excluded"`
	// Required strategies: when any are given, the preferred strategy is
	// chosen among them only (the council's chosen direction).
	Required []string `json:"required"`
	Goals    []Goal   `json:"goals"`
}

// Criterion is one criterion row: criterion,NAME,WEIGHT[,LIMIT].
type Criterion struct {
	// Name is the canonical name (see Criteria), whatever alias the file
	// used.
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
	// Limit applies when HasLimit: a strategy whose value is worse than
	// it fails the criterion (worse: above it for a criterion where lower
	// is better, below it where higher is better).
	Limit    float64 `json:"limit"`
	HasLimit bool    `json:"has_limit"`
	Line     int     `json:"line"`
}

// Exclusion is one exclude row: exclude,STRATEGY[,reason].
type Exclusion struct {
	Strategy string `json:"strategy"`
	Reason   string `json:"reason"`
	Line     int    `json:"line"`
}

// Goal is one goal row: goal,INDICATOR,YEAR,VALUE. VALUE is a number of
// dwellings or connections, or with a trailing "%" a share of the
// dwellings (Percent true, Value in percent).
type Goal struct {
	Indicator string  `json:"indicator"`
	Year      int     `json:"year"`
	Value     float64 `json:"value"`
	Percent   bool    `json:"percent"`
	Line      int     `json:"line"`
}

// Keywords of the first column, with their Dutch aliases.
var keywords = map[string]string{
	"criterion": "criterion", "criterium": "criterion",
	"exclude": "exclude", "uitsluiten": "exclude",
	"require": "require", "vereist": "require",
	"goal": "goal", "doel": "goal",
}

// Indicators a goal may name, with Dutch aliases: dwellings with label B
// or better, dwellings off natural gas, connections to the warmtenet.
var Indicators = []string{"dwellings_label_b_or_better", "dwellings_off_gas", "warmtenet_connections"}

var indicatorAliases = map[string]string{
	"dwellings_label_b_or_better": "dwellings_label_b_or_better", "woningen_label_b": "dwellings_label_b_or_better",
	"dwellings_off_gas": "dwellings_off_gas", "woningen_aardgasvrij": "dwellings_off_gas",
	"warmtenet_connections": "warmtenet_connections", "aansluitingen_warmtenet": "warmtenet_connections",
}

// indicatorList names the indicators with their Dutch aliases, as the
// message for an unknown keyword does: "dwellings_off_gas
// (woningen_aardgasvrij), ...".
func indicatorList() string {
	var out []string
	for _, ind := range Indicators {
		var nl []string
		for alias, name := range indicatorAliases {
			if name == ind && alias != ind {
				nl = append(nl, alias)
			}
		}
		slices.Sort(nl)
		out = append(out, ind+" ("+strings.Join(nl, ", ")+")")
	}
	return strings.Join(out, ", ")
}

// IndicatorLabel is the Dutch description of a goal indicator.
func IndicatorLabel(name string) string {
	switch name {
	case "dwellings_label_b_or_better":
		return "woningen met label B of beter"
	case "dwellings_off_gas":
		return "woningen van het aardgas af"
	case "warmtenet_connections":
		return "aansluitingen op het warmtenet"
	}
	return name
}

// Load reads the kader file at path.
func Load(path string) (*Kader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads a kader from r (named file in errors). The file is CSV with
// ";" or "," between fields (decided by the first data line; with ";" a
// decimal comma is read too; numbers are plain decimals, no 1_000 or
// 0x10), "#" comment lines, an optional UTF-8
// byte-order mark and an optional header line starting with "keyword" or
// "soort". Every error names the file and line and, for an unknown name,
// lists the valid ones.
func Parse(r io.Reader, file string) (*Kader, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: %w: file larger than %d bytes; a kader is a short table", file, ErrKader, MaxFileBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sep := separator(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	k := &Kader{File: file, Excluded: []Exclusion{}, Required: []string{}, Goals: []Goal{}, Criteria: []Criterion{}}
	seenCrit := map[string]int{}
	seenStrat := map[string]int{}
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %w: %v", file, pe.Line, ErrKader, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0) // only after a record was read: it panics otherwise
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		for len(rec) > 0 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1] // trailing empty cells of a spreadsheet export
		}
		if len(rec) == 0 {
			continue
		}
		if rows++; rows > MaxRows {
			return nil, fmt.Errorf("%s:%d: %w: more than %d rows; a kader is a short table", file, line, ErrKader, MaxRows)
		}
		bad := func(format string, a ...any) error {
			return fmt.Errorf("%s:%d: %w: %s", file, line, ErrKader, fmt.Sprintf(format, a...))
		}
		kw, ok := keywords[strings.ToLower(rec[0])]
		if !ok {
			if rows == 1 && (strings.EqualFold(rec[0], "keyword") || strings.EqualFold(rec[0], "soort")) {
				continue // a header line
			}
			return nil, bad("unknown keyword %q; valid: criterion (criterium), exclude (uitsluiten), require (vereist), goal (doel)", rec[0])
		}
		num := func(i int, what string) (float64, error) {
			s := rec[i]
			if sep == ';' {
				s = strings.Replace(s, ",", ".", 1)
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || !kosten.PlainNumber(s) || math.IsInf(x, 0) {
				return 0, bad("%s %q is not a number (a plain decimal such as 1.5, or 1,5 with ';' between fields)", what, rec[i])
			}
			return x, nil
		}
		switch kw {
		case "criterion":
			if len(rec) < 3 || len(rec) > 4 {
				return nil, bad("a criterion row is criterion,NAME,WEIGHT[,LIMIT]; this one has %d fields", len(rec))
			}
			c, ok := lookupCriterion(rec[1])
			if !ok {
				return nil, bad("unknown criterion %q; valid: %s", rec[1], strings.Join(CriterionNames(), ", "))
			}
			if prev, dup := seenCrit[c.Name]; dup {
				return nil, bad("criterion %s given twice (first on line %d)", c.Name, prev)
			}
			seenCrit[c.Name] = line
			w, err := num(2, "weight")
			if err != nil {
				return nil, err
			}
			if w < 0 {
				return nil, bad("weight %s is negative; weights are 0 or more", rec[2])
			}
			cr := Criterion{Name: c.Name, Weight: w, Line: line}
			if len(rec) == 4 && rec[3] != "" {
				l, err := num(3, "limit")
				if err != nil {
					return nil, err
				}
				cr.Limit, cr.HasLimit = l, true
			}
			k.Criteria = append(k.Criteria, cr)
		case "exclude", "require":
			if len(rec) < 2 || (kw == "require" && len(rec) > 2) || len(rec) > 3 {
				if kw == "require" {
					return nil, bad("a require row is require,STRATEGY")
				}
				return nil, bad("an exclude row is exclude,STRATEGY[,reason]")
			}
			s, ok := lookupStrategy(rec[1])
			if !ok {
				return nil, bad("unknown strategy %q; valid: %s (or the PBL codes S1a ... S5b)", rec[1], strings.Join(wijkanalyse.StrategyNames, ", "))
			}
			if prev, dup := seenStrat[s]; dup {
				return nil, bad("strategy %s is already excluded or required on line %d", s, prev)
			}
			seenStrat[s] = line
			if kw == "exclude" {
				e := Exclusion{Strategy: s, Line: line}
				if len(rec) == 3 {
					e.Reason = rec[2]
				}
				k.Excluded = append(k.Excluded, e)
			} else {
				k.Required = append(k.Required, s)
			}
		case "goal":
			if len(rec) != 4 {
				return nil, bad("a goal row is goal,INDICATOR,YEAR,VALUE; this one has %d fields", len(rec))
			}
			ind, ok := indicatorAliases[strings.ToLower(rec[1])]
			if !ok {
				return nil, bad("unknown indicator %q; valid: %s", rec[1], indicatorList())
			}
			y, err := strconv.Atoi(rec[2])
			if err != nil || y < 2000 || y > 2100 {
				return nil, bad("year %q: want a year from 2000 to 2100", rec[2])
			}
			g := Goal{Indicator: ind, Year: y, Line: line}
			if strings.HasSuffix(rec[3], "%") {
				g.Percent = true
				rec[3] = strings.TrimSpace(strings.TrimSuffix(rec[3], "%"))
			}
			v, err := num(3, "value")
			if err != nil {
				return nil, err
			}
			if v < 0 || (g.Percent && v > 100) {
				return nil, bad("value %s out of range (0 or more; a percentage at most 100)", rec[3])
			}
			g.Value = v
			k.Goals = append(k.Goals, g)
		}
	}
	if rows == 0 {
		return nil, fmt.Errorf("%s: %w: no rows (want criterion, exclude, require or goal rows)", file, ErrKader)
	}
	slices.SortStableFunc(k.Goals, func(a, b Goal) int {
		if a.Indicator != b.Indicator {
			return strings.Compare(a.Indicator, b.Indicator)
		}
		return a.Year - b.Year
	})
	return k, nil
}

// separator is ';' when the first line that is not a comment or blank
// has a ';' and no ',' before it, else ','.
func separator(data []byte) rune {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), MaxFileBytes+1)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		semi, comma := strings.IndexByte(l, ';'), strings.IndexByte(l, ',')
		if semi >= 0 && (comma < 0 || semi < comma) {
			return ';'
		}
		return ','
	}
	return ','
}

// lookupStrategy accepts a strategy name or its PBL code (S1a, s2b, ...).
func lookupStrategy(s string) (string, bool) {
	l := strings.ToLower(s)
	for _, n := range wijkanalyse.StrategyNames {
		if n == l {
			return n, true
		}
		if c := wijkanalyse.OptionKind(n).PBLStrategy(); c != "" && strings.EqualFold(c, s) {
			return n, true
		}
	}
	return "", false
}
