package kosten

import (
	"errors"
	"strings"
	"testing"
)

// FuzzOverrides feeds arbitrary override files to the decoder: it must
// return a parameter set or an error (a ParseError naming a line for
// anything it rejects line by line), never panic, and never change the
// defaults.
func FuzzOverrides(f *testing.F) {
	f.Add("name,value,unit\ndiscount.national,0.04,fraction\n")
	f.Add("name,value,min,max,unit,price_year,source\npipe.edr.dn100,1000,900,1100,EUR/m,2020,offer\n")
	f.Add("# c\nname,value,unit\nhn.afleverset,1300,EUR/kW\n")
	f.Add("name,value,unit\n\"unterminated,1,EUR\n")
	f.Add("name,value,unit,price_year\nhn.afleverset,NaN,EUR/asl,-\n")
	f.Add("value,name,unit\n1e308,woning.vrijstaand.voor_1930.Vrv_F_asl,GJ/yr/asl\n")
	f.Fuzz(func(t *testing.T, file string) {
		d := Defaults()
		before := d.bandNamed("discount.national").Value
		p, err := d.WithOverrides(strings.NewReader(file), "fuzz.csv")
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && (pe.Line < 1 || pe.File != "fuzz.csv") {
				t.Fatalf("ParseError without a line: %v", err)
			}
			return
		}
		for _, r := range p.All() {
			if !r.Band.Valid() || r.Unit == "" {
				t.Fatalf("accepted a broken row %+v", r)
			}
		}
		if d.bandNamed("discount.national").Value != before {
			t.Fatal("overrides changed the defaults")
		}
	})
}
