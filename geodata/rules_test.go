package geodata_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

func TestParseNetworkRulesCSV(t *testing.T) {
	t.Parallel()
	nr, err := geodata.ParseNetworkRulesCSV(bytes.NewReader([]byte("\xef\xbb\xbf# kop\nregel;straat;pand;factor;reden\n"+
		"verboden;Markt;;;plein\nvoorkeur;Mekelweg;;0,8;\n\nverplicht;;NL.IMBAG.Pand.0503100000012345;;school\nexcluded;;503100000054321;;\n")), "regels.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(nr.Streets) != 2 || len(nr.Buildings) != 2 {
		t.Fatalf("%d street and %d building rules, want 2 and 2", len(nr.Streets), len(nr.Buildings))
	}
	if s := nr.Streets[0]; s.Kind != geodata.RuleForbidden || s.Street != "Markt" || s.Reason != "plein" || s.Where != "line 3" {
		t.Errorf("street rule 0 = %+v", s)
	}
	if s := nr.Streets[1]; s.Kind != geodata.RulePreferred || s.Factor != 0.8 {
		t.Errorf("street rule 1 = %+v, want preferred with factor 0.8 (decimal comma)", s)
	}
	if b := nr.Buildings[0]; b.Kind != geodata.RuleRequired || b.PandID != "0503100000012345" || b.Where != "line 6" {
		t.Errorf("building rule 0 = %+v", b)
	}
	if b := nr.Buildings[1]; b.Kind != geodata.RuleExcluded || b.PandID != "0503100000054321" {
		t.Errorf("building rule 1 = %+v", b)
	}
}

// TestNetworkRulesFactorPlain: a preferred street's factor is a plain
// decimal; Go's number syntax beyond that (1_0, 0x1p-1) was read.
func TestNetworkRulesFactorPlain(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"1_0", "0x1p-1", "Inf", "NaN", "0", "-1", "1.234,5"} {
		_, err := geodata.ParseNetworkRulesCSV(bytes.NewReader([]byte("regel;straat;pand;factor\nvoorkeur;Mekelweg;;"+f+"\n")), "regels.csv")
		if err == nil || !strings.Contains(err.Error(), "regels.csv") || !strings.Contains(err.Error(), "factor") {
			t.Errorf("factor %q: err %v, want one naming regels.csv and the factor", f, err)
		}
	}
	for f, want := range map[string]float64{"0,8": 0.8, "1.5": 1.5, "2": 2, "5e-1": 0.5} {
		nr, err := geodata.ParseNetworkRulesCSV(bytes.NewReader([]byte("regel;straat;pand;factor\nvoorkeur;Mekelweg;;"+f+"\n")), "regels.csv")
		if err != nil || len(nr.Streets) != 1 || nr.Streets[0].Factor != want {
			t.Errorf("factor %q: %+v, %v; want %g", f, nr, err, want)
		}
	}
}

// TestReadNetworkRulesGeoJSON: a forbidden zone as a polygon, a building
// rule by property.
func TestReadNetworkRulesGeoJSON(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "regels.geojson")
	os.WriteFile(path, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"regel":"verboden","reden":"Markt"},"geometry":{"type":"Polygon","coordinates":[[[85000,445000],[85050,445000],[85050,445050],[85000,445000]]]}},
{"type":"Feature","properties":{"rule":"excluded","bag_id":"0503100000054321"},"geometry":null}]}`), 0o644)
	nr, err := geodata.ReadNetworkRules(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(nr.Streets) != 1 || nr.Streets[0].Geometry == nil || len(nr.Buildings) != 1 || nr.Buildings[0].Where != "feature 1" {
		t.Errorf("rules %+v", nr)
	}
}

// FuzzNetworkRulesCSV: any text gives rules or an error, never a panic;
// every preferred street has a positive factor and every pand id 16
// digits.
func FuzzNetworkRulesCSV(f *testing.F) {
	f.Add([]byte("regel;straat;pand;factor\nverboden;Markt;;\nvoorkeur;Mekelweg;;0,8\nverplicht;;0503100000012345;\n"))
	f.Add([]byte("rule,street,bag_id\nexcluded,,\"05031000000\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		nr, err := geodata.ParseNetworkRulesCSV(bytes.NewReader(data), "f.csv")
		if err != nil {
			return
		}
		for _, s := range nr.Streets {
			if s.Kind == geodata.RulePreferred && !(s.Factor > 0) {
				t.Fatalf("preferred with factor %v", s.Factor)
			}
		}
		for _, b := range nr.Buildings {
			if len(b.PandID) != 16 {
				t.Fatalf("pand id %q", b.PandID)
			}
		}
	})
}
