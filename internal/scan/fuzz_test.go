package scan

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// FuzzScenarios: any scenario file either fails with an error or splits
// into scenarios whose override tables kosten reads without panicking;
// no scenario is empty.
func FuzzScenarios(f *testing.F) {
	f.Add([]byte("scenario,name,value,unit\nA,discount.national,0.05,fraction\nB,discount.national,0.01,fraction\n"))
	f.Add([]byte("# c\nscenario,name,value,min,max,unit,price_year,source\nX,pipe.edr.dn100,1400,1300,1500,EUR/m,2020,\"a, b\"\n"))
	f.Add([]byte("name,scenario\n\"x\ny\",A\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<16 {
			return
		}
		scs, err := parseScenarios(raw, "fuzz.csv")
		if err != nil {
			return
		}
		for _, sc := range scs {
			if sc.name == "" || len(sc.rows) == 0 {
				t.Fatalf("empty scenario %+v", sc)
			}
			if bytes.Count(sc.table, []byte("\n")) > bytes.Count(raw, []byte("\n"))+2 {
				t.Fatalf("scenario %q table longer than the file", sc.name)
			}
			sc.apply(kosten.Defaults()) // an error is fine, a panic is not
		}
	})
}

// FuzzSources: a sources CSV either fails with an error naming the file or
// gives sources with a known kind, a point in the Netherlands and
// non-negative numbers.
func FuzzSources(f *testing.F) {
	f.Add([]byte("name,kind,x,y,capacity_kw,temperature_c\nTU,restwarmte,85200,446300,20000,90\n"))
	f.Add([]byte("name;kind;x;y\nA;teo;85000;445000\nB;wko;1e5;4.5e5\n"))
	f.Add([]byte("name,kind,x,y\n\"a\nb\",geothermie,NaN,1\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		srcs, err := parseSourcesCSV(raw, "fuzz.csv")
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, s := range srcs {
			if !sourceKinds[s.Kind] || s.CapacityKW < 0 || s.TemperatureC < 0 || math.IsNaN(s.Point[0]) || math.IsNaN(s.Point[1]) {
				t.Fatalf("bad source accepted: %+v", s)
			}
		}
	})
}
