package scan

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// sourceKinds are the heat source kinds --sources accepts.
var sourceKinds = map[string]bool{"restwarmte": true, "geothermie": true, "teo": true, "twa": true, "wko": true, "lt_restwarmte": true}

// ErrSourceKind is wrapped by the error for a heat source whose kind is
// not one of restwarmte, geothermie, teo, twa, wko, lt_restwarmte.
var ErrSourceKind = errors.New("scan: unknown heat source kind")

// readSources reads heat sources from a CSV file with the header
// name,kind,x,y[,capacity_kw][,temperature_c] (x, y in EPSG:28992 metres;
// ',' or ';' separated) or from point features (GeoJSON, GeoPackage,
// GeoParquet) with the properties name, kind, capacity_kw, temperature_c.
func readSources(path string) ([]wijkanalyse.Source, error) {
	if strings.HasSuffix(strings.ToLower(path), ".csv") {
		return readSourcesCSV(path)
	}
	r, err := openFeatures(path, "", geodata.LayoutOther, nil)
	if err != nil {
		return nil, err
	}
	var out []wijkanalyse.Source
	i := -1
	err = eachFeature(r, func(f geodata.Feature) error {
		i++
		pt, ok := f.Geometry.(orb.Point)
		if !ok {
			return &geodata.FeatureError{File: path, Feature: i, ID: f.ID, Err: fmt.Errorf("%w: a heat source must be a point", geodata.ErrGeometry)}
		}
		get := func(k string) string {
			v, ok := f.Properties[k]
			if !ok || v == nil {
				return ""
			}
			return strings.TrimSpace(fmt.Sprint(v))
		}
		s, err := source(get, pt)
		if err != nil {
			return &geodata.FeatureError{File: path, Feature: i, ID: f.ID, Err: err}
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// maxSourcesBytes bounds a heat-sources CSV, which is read whole: a few
// rows per source, a few hundred sources at most.
const maxSourcesBytes = 4 << 20

func readSourcesCSV(path string) ([]wijkanalyse.Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxSourcesBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxSourcesBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes, more than a heat-sources file holds", path, maxSourcesBytes)
	}
	return parseSourcesCSV(raw, path)
}

// parseSourcesCSV reads the CSV form of a sources file (named path in
// errors); the separator is ',' or ';', whichever the header uses more.
func parseSourcesCSV(raw []byte, path string) ([]wijkanalyse.Source, error) {
	first, _, _ := bytes.Cut(raw, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = ','
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cols, err := cr.Read()
	if err != nil {
		return nil, &geodata.FeatureError{File: path, Feature: -1, Line: 1, Err: fmt.Errorf("%w: no header: %v", geodata.ErrColumns, err)}
	}
	idx := map[string]int{}
	for i, c := range cols {
		idx[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))] = i
	}
	for _, need := range []string{"name", "kind", "x", "y"} {
		if _, ok := idx[need]; !ok {
			return nil, &geodata.FeatureError{File: path, Feature: -1, Line: 1,
				Err: fmt.Errorf("%w: want the columns name,kind,x,y[,capacity_kw][,temperature_c], have %s", geodata.ErrColumns, strings.Join(cols, ","))}
		}
	}
	var out []wijkanalyse.Source
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, &geodata.FeatureError{File: path, Feature: n, Line: line, Err: fmt.Errorf("%w: %v", geodata.ErrCorrupt, err)}
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := idx[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		x, errX := strconv.ParseFloat(get("x"), 64)
		y, errY := strconv.ParseFloat(get("y"), 64)
		if errX != nil || errY != nil || math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			return nil, &geodata.FeatureError{File: path, Feature: n, Line: line, ID: get("name"),
				Err: fmt.Errorf("%w: bad coordinate: x %q, y %q are not finite EPSG:28992 coordinates in metres", geodata.ErrGeometry, get("x"), get("y"))}
		}
		s, err := source(get, orb.Point{x, y})
		if err != nil {
			return nil, &geodata.FeatureError{File: path, Feature: n, Line: line, ID: get("name"), Err: err}
		}
		out = append(out, s)
	}
}

// source builds one source from its fields and checks them.
func source(get func(string) string, pt orb.Point) (wijkanalyse.Source, error) {
	s := wijkanalyse.Source{Name: get("name"), Kind: strings.ToLower(get("kind")), Point: pt}
	if !sourceKinds[s.Kind] {
		return s, fmt.Errorf("%w %q (want restwarmte, geothermie, teo, twa, wko or lt_restwarmte)", ErrSourceKind, s.Kind)
	}
	if err := geodata.CheckRD(pt); err != nil {
		return s, err
	}
	num := func(k string) (float64, error) {
		v := get(k)
		if v == "" {
			return 0, nil
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, fmt.Errorf("%w: %s %q is not a non-negative number", geodata.ErrColumns, k, v)
		}
		return x, nil
	}
	var err error
	if s.CapacityKW, err = num("capacity_kw"); err != nil {
		return s, err
	}
	if s.TemperatureC, err = num("temperature_c"); err != nil {
		return s, err
	}
	return s, nil
}
