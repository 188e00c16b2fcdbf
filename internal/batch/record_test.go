package batch

import (
	"bufio"
	"encoding/gob"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
)

// TestRecordForms writes records in the value-only form (one types file
// for the staging) and reads them back in another order, equal to what
// went in (NaN included); a record in the form of earlier stagings (a
// gob stream of its own) reads the same; a types file that does not
// hash to its name, or a truncated record, is an error.
func TestRecordForms(t *testing.T) {
	set, _, err := outset.Resume(filepath.Join(t.TempDir(), "out"), "test", true)
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	sq := orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 0}}}}
	recs := []record{
		{Area: geodata.Area{Code: "BU00010001", GemeenteCode: "GM0001", Geometry: sq}, Status: StatusWater, Reason: "CBS: water = JA"},
		{Area: geodata.Area{Code: "BU00010002", GemeenteCode: "GM0001", IncomeKEUR: 31.5}, Status: StatusOK, HasPanden: true, ReadPanden: 12,
			Summary: &report.Summary{BestStrategy: "warmtenet_mt", Strategies: []report.Strategy{
				{Name: "warmtenet_mt", Feasible: true, NationalCostEURPerYear: 1234.5, EURPerTCO2: math.NaN(),
					Min: map[string]float64{"national_cost_eur_per_year": 1000}}}}},
		{Area: geodata.Area{Code: "BU00010003", GemeenteCode: "GM0001"}, Status: StatusFailed, Reason: "internal error: x"},
	}
	for _, r := range recs {
		if err := writeRecord(set, r); err != nil {
			t.Fatal(err)
		}
	}
	e, err := records()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		b, err := os.ReadFile(set.Path(stateName(r.Area.Code)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), recordMagic+e.hash) {
			t.Errorf("%s is not in the value-only form", r.Area.Code)
		}
	}
	// A record of an earlier staging: a gob stream of its own.
	legacy := record{Area: geodata.Area{Code: "BU00010004", GemeenteCode: "GM0001"}, Status: StatusEmpty, Reason: "geen bruikbare panden in de buurt"}
	if err := set.WriteFile(stateName(legacy.Area.Code), func(w *bufio.Writer) error { return gob.NewEncoder(w).Encode(&legacy) }); err != nil {
		t.Fatal(err)
	}
	recs = append(recs, legacy)
	for _, i := range []int{2, 0, 3, 1} {
		got, err := readRecord(set, recs[i].Area.Code)
		if err != nil {
			t.Fatalf("%s: %v", recs[i].Area.Code, err)
		}
		if !sameRecord(got, recs[i]) {
			t.Errorf("%s read back as %+v, want %+v", recs[i].Area.Code, got, recs[i])
		}
	}
	if got, _ := readRecord(set, recs[1].Area.Code); !math.IsNaN(got.Summary.Strategies[0].EURPerTCO2) {
		t.Errorf("NaN read back as %v", got.Summary.Strategies[0].EURPerTCO2)
	}

	// A truncated record.
	p := set.Path(stateName(recs[1].Area.Code))
	b, _ := os.ReadFile(p)
	os.WriteFile(p, b[:len(b)-3], 0o644)
	if _, err := readRecord(set, recs[1].Area.Code); err == nil {
		t.Error("a truncated record read without an error")
	}
	os.WriteFile(p, b, 0o644)
	// A types file that does not hash to its name (the decoders are cached
	// by hash: a new staging's is read anew only when not cached, so drop it).
	decodersMu.Lock()
	delete(decoders, e.hash)
	decodersMu.Unlock()
	tp := set.Path(typesName(e.hash))
	tb, _ := os.ReadFile(tp)
	os.WriteFile(tp, append(tb, 0), 0o644)
	if _, err := readRecord(set, recs[1].Area.Code); err == nil || !strings.Contains(err.Error(), "does not hash") {
		t.Errorf("a changed types file: %v", err)
	}
	os.WriteFile(tp, tb, 0o644)
	if _, err := readRecord(set, recs[1].Area.Code); err != nil {
		t.Error(err)
	}
}

// sameRecord compares two records, NaN equal to NaN.
func sameRecord(a, b record) bool {
	nan := func(r *record) {
		if r.Summary != nil {
			s := *r.Summary // a copy: the records compared are left as they are
			s.Strategies = slices.Clone(s.Strategies)
			r.Summary = &s
			for i := range r.Summary.Strategies {
				if math.IsNaN(r.Summary.Strategies[i].EURPerTCO2) {
					r.Summary.Strategies[i].EURPerTCO2 = -1
				}
			}
		}
	}
	nan(&a)
	nan(&b)
	return reflect.DeepEqual(a, b)
}

// TestValueMessage: the value-only form is kept only for a message that
// is one value; the start of a stream (type descriptions) is not one.
func TestValueMessage(t *testing.T) {
	e, err := records()
	if err != nil {
		t.Fatal(err)
	}
	if valueMessage(e.types) {
		t.Error("the types' stream start reads as one value message")
	}
	msg, ok, err := e.encode(&record{Status: StatusOK})
	if err != nil || !ok || !valueMessage(msg) {
		t.Errorf("a record's message: ok %v, err %v", ok, err)
	}
	if valueMessage(msg[:len(msg)-1]) || valueMessage(append(msg, 0)) || valueMessage(nil) {
		t.Error("a message of the wrong length reads as one value message")
	}
}
