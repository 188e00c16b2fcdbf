package kosten

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestDefaultsComplete fails if any default parameter lacks a unit, a price
// year (for money) or a source, or has a broken band.
func TestDefaultsComplete(t *testing.T) {
	p := Defaults()
	all := p.All()
	if len(all) < 1000 {
		t.Fatalf("only %d default parameters; the embedded tables did not load", len(all))
	}
	for _, r := range all {
		if r.Unit == "" || !knownUnits[r.Unit] {
			t.Errorf("%s: unit %q", r.Name, r.Unit)
		}
		if r.Unit.Monetary() && (r.PriceYear < 2000 || r.PriceYear > 2030) {
			t.Errorf("%s: monetary unit %s with price year %d", r.Name, r.Unit, r.PriceYear)
		}
		if !r.Unit.Monetary() && r.PriceYear != 0 {
			t.Errorf("%s: price year %d on a non-monetary unit %s", r.Name, r.PriceYear, r.Unit)
		}
		if strings.TrimSpace(r.Source) == "" {
			t.Errorf("%s: no source", r.Name)
		}
		if !r.Band.Valid() {
			t.Errorf("%s: band %+v", r.Name, r.Band)
		}
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Defaults().WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	printed := buf.String()
	rows, err := readTable(strings.NewReader(printed), "printed", true)
	if err != nil {
		t.Fatalf("printed table does not read back: %v", err)
	}
	if len(rows) != len(Defaults().All()) {
		t.Errorf("printed %d rows, have %d parameters", len(rows), len(Defaults().All()))
	}
	cr := csv.NewReader(strings.NewReader(printed))
	cr.Comment = '#'
	h, _ := cr.Read()
	if strings.Join(h, ",") != "name,value,min,max,unit,price_year,source" {
		t.Errorf("header %v", h)
	}
}

func TestOverrides(t *testing.T) {
	d := Defaults()
	cases := []struct {
		name, file string
		wantErr    error
		wantLine   int
		check      func(*testing.T, *Params)
	}{
		{"point", "name,value,unit\ndiscount.national,0.04,fraction\n", nil, 0, func(t *testing.T, p *Params) {
			if v := p.bandNamed("discount.national").Value; v != 0.04 {
				t.Errorf("discount.national = %g", v)
			}
		}},
		{"band and year", "# c\nname,value,min,max,unit,price_year,source\npipe.edr.dn100,1000,900,1100,EUR/m,2020,offer\n", nil, 0, func(t *testing.T, p *Params) {
			b, _ := p.PipeCostPerMetre(100)
			// euro of 2020 as given, indexed to 2018 by the CPI (1.0396)
			if !near(float64(b.Value), 1000/cpi2020, 1e-9) || !near(float64(b.Min), 900/cpi2020, 1e-9) || !near(float64(b.Max), 1100/cpi2020, 1e-9) {
				t.Errorf("DN100 = %+v", b)
			}
			if o := p.Overridden(); len(o) != 1 || o[0] != "pipe.edr.dn100" {
				t.Errorf("Overridden = %v", o)
			}
		}},
		{"woning cell", "name,value,unit\nwoning.rijwoning_tussen.1946_1964.Vrv_D_asl,20,GJ/yr/asl\n", nil, 0, func(t *testing.T, p *Params) {
			f, _ := p.DemandFit(RijwoningTussen, Bouw1946, LabelD)
			if f.PerDwelling != 20 {
				t.Errorf("fit %+v", f)
			}
		}},
		{"unknown name", "name,value,unit\nhn.afleverset,1,EUR/asl\nno.such,1,EUR\n", ErrUnknownParam, 3, nil},
		{"missing unit", "name,value,unit\nhn.afleverset,1300,\n", ErrUnit, 2, nil},
		{"unit mismatch", "name,value,unit\n\nhn.afleverset,1300,EUR/kW\n", ErrUnit, 3, nil},
		{"price year mismatch", "name,value,unit,price_year\nhn.afleverset,1300,EUR/asl,2023\n", ErrUnit, 2, nil},
		{"duplicate", "name,value,unit\nhn.afleverset,1,EUR/asl\nhn.afleverset,2,EUR/asl\n", ErrParamFile, 3, nil},
		{"bad number", "name,value,unit\nhn.afleverset,abc,EUR/asl\n", ErrParamFile, 2, nil},
		{"min without max", "name,value,min,unit\nhn.afleverset,1,0,EUR/asl\n", ErrParamFile, 2, nil},
		{"value outside band", "name,value,min,max,unit\nhn.afleverset,5,6,7,EUR/asl\n", ErrParamFile, 2, nil},
		{"no unit column", "name,value\nhn.afleverset,1\n", ErrParamFile, 1, nil},
		{"empty", "", ErrParamFile, 1, nil},
		{"byte-order mark", "\ufeffname,value,unit\nhn.afleverset,1500,EUR/asl\n", nil, 0, func(t *testing.T, p *Params) {
			if v := p.bandNamed("hn.afleverset").Value; v != 1500 {
				t.Errorf("hn.afleverset = %g", v)
			}
		}},
		{"negative CO2 factor", "name,value,unit\nco2.gas.2030,-1.78,kgCO2/m3\n", ErrParamFile, 2, nil},
		{"negative price", "name,value,unit\n\nprice.gas.KG.2030.commodity,-0.3,EUR/m3\n", ErrParamFile, 3, nil},
		{"negative cost", "name,value,unit\nhn.afleverset,-1,EUR/asl\n", ErrParamFile, 2, nil},
		{"negative band end", "name,value,min,max,unit\nsource.peak_boiler.per_kw,100,-5,200,EUR/kW\n", ErrParamFile, 2, nil},
		{"discount above 1", "name,value,unit\ndiscount.national,1.2,fraction\n", ErrParamFile, 2, nil},
		{"negative discount", "name,value,unit\ndiscount.heat_company,-0.01,fraction\n", ErrParamFile, 2, nil},
		{"fraction above 1", "name,value,unit\nperf.hp_hybrid.share,1.5,fraction\n", ErrParamFile, 2, nil},
		{"zero capacity share", "name,value,unit\nsource.main_capacity_share,0,fraction\n", ErrParamFile, 2, nil},
		{"base year after KEV", "name,value,unit\neval.base_year,2051,year\n", ErrParamFile, 2, nil},
		{"zero service distance", "name,value,unit\nscan.max_service_distance,0,m\n", ErrParamFile, 2, nil},
		{"negative pressure gradient", "name,value,unit\nnet.max_pressure_gradient,-250,Pa/m\n", ErrParamFile, 2, nil},
		{"existing-network buffer", "name,value,unit\nnet.existing.buffer,12,m\nnet.existing.max_angle,45,deg\n", nil, 0, func(t *testing.T, p *Params) {
			if b, a := p.bandNamed("net.existing.buffer").Value, p.bandNamed("net.existing.max_angle").Value; b != 12 || a != 45 {
				t.Errorf("net.existing.buffer = %g m, max_angle = %g deg; want 12 and 45", b, a)
			}
		}},
		{"zero existing-network buffer", "name,value,unit\nnet.existing.buffer,0,m\n", ErrParamFile, 2, nil},
		{"existing-network buffer beyond the street", "name,value,unit\nnet.existing.buffer,80,m\n", ErrParamFile, 2, nil},
		{"existing-network angle 90", "name,value,unit\nnet.existing.max_angle,90,deg\n", ErrParamFile, 2, nil},
		{"existing-network angle negative", "name,value,unit\n\nnet.existing.max_angle,-5,deg\n", ErrParamFile, 3, nil},
		{"existing-network angle in radians", "name,value,unit\nnet.existing.max_angle,0.5,rad\n", ErrUnit, 2, nil},
		{"semicolons and decimal commas", "name;value;min;max;unit\ndiscount.national;0,04;0,035;0,045;fraction\n", nil, 0, func(t *testing.T, p *Params) {
			if b := p.bandNamed("discount.national"); b.Value != 0.04 || b.Min != 0.035 || b.Max != 0.045 {
				t.Errorf("discount.national = %+v", b)
			}
		}},
		{"semicolons after a byte-order mark and a comment", "\ufeff# wijkwarmte-kosten-params/1\r\nname;value;unit;price_year;source\r\nhn.afleverset;1500;EUR/asl;2018;\"offer; Delft\"\r\n", nil, 0, func(t *testing.T, p *Params) {
			if v := p.bandNamed("hn.afleverset").Value; v != 1500 {
				t.Errorf("hn.afleverset = %g", v)
			}
		}},
		{"semicolons and an exponent", "name;value;unit\ndiscount.national;4,5e-02;fraction\n", nil, 0, func(t *testing.T, p *Params) {
			if v := p.bandNamed("discount.national").Value; v != 0.045 {
				t.Errorf("discount.national = %g", v)
			}
		}},
		{"semicolons and a thousands separator", "name;value;unit\nhn.afleverset;1.234,5;EUR/asl\n", ErrParamFile, 2, nil},
		{"semicolons and a decimal point", "name;value;unit\n\ndiscount.national;0.04;fraction\n", ErrParamFile, 3, nil},
		{"semicolons, a bad unit still refused", "name;value;unit\nhn.afleverset;1300;EUR/kW\n", ErrUnit, 2, nil},
		{"commas and a quoted decimal comma", "name,value,unit\ndiscount.national,\"0,04\",fraction\n", ErrParamFile, 2, nil},
		{"underscore in a number", "name,value,unit\nhn.afleverset,1_000,EUR/asl\n", ErrParamFile, 2, nil},
		{"underscore with semicolons", "name;value;unit\nhn.afleverset;1_000;EUR/asl\n", ErrParamFile, 2, nil},
		{"hexadecimal number", "name,value,unit\nhn.afleverset,0x1p10,EUR/asl\n", ErrParamFile, 2, nil},
		{"infinity", "name,value,min,max,unit\nhn.afleverset,1500,0,Infinity,EUR/asl\n", ErrParamFile, 2, nil},
		{"NaN", "name,value,unit\nhn.afleverset,NaN,EUR/asl\n", ErrParamFile, 2, nil},
		{"negative woning fit allowed", "name,value,unit\nwoning.rijwoning_tussen.1946_1964.Vrv_D_asl,-2,GJ/yr/asl\n", nil, 0, func(t *testing.T, p *Params) {}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := d.WithOverrides(strings.NewReader(c.file), "over.csv")
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != c.wantLine || pe.File != "over.csv" {
					t.Fatalf("err = %v, want a ParseError on over.csv line %d", err, c.wantLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, p)
			if d.bandNamed("discount.national").Value != 0.03 {
				t.Error("overrides changed the defaults")
			}
		})
	}
}

// Relations between parameters are checked on the whole set; the error
// names both parameters.
func TestOverrideRelations(t *testing.T) {
	for name, file := range map[string]string{
		"return above supply": "name,value,unit\nnet.design.lt.return,55,C\n",
		"ground above return": "name,value,unit\nnet.ground_temperature,35,C\n",
		"base year too early": "name,value,unit\neval.base_year,2010,year\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Defaults().WithOverrides(strings.NewReader(file), "over.csv")
			if !errors.Is(err, ErrParamFile) {
				t.Fatalf("err = %v, want ErrParamFile", err)
			}
		})
	}
}

// The default table has amounts of three other price years: the CE Delft
// pipe curve (taken as euro of 2020) and ACM's published maxima (2021;
// the aansluitbijdrage 2020); each is indexed to euro of 2018 with the CBS
// consumer price index, and the notes say so. Under the EDR curve the EDR
// prices (euro of 2020) take the curve's place.
func TestPriceYearNotes(t *testing.T) {
	notes := Defaults().PriceYearNotes()
	if len(notes) != 3 || !strings.HasPrefix(notes[0], "pipe.cedelft.* (10 parameters) zijn euro van 2020, omgerekend naar euro van 2018 met de consumentenprijsindex van het CBS (index.cpi.2020 = 1,0396)") ||
		!strings.HasPrefix(notes[1], "tariff.heat.* (1 parameter) zijn euro van 2020, omgerekend") || !strings.HasPrefix(notes[2], "tariff.heat.* (3 parameters) zijn euro van 2021, omgerekend") {
		t.Errorf("notes %q", notes)
	}
	edr, err := Defaults().WithOverrides(strings.NewReader("name,value,unit\npipe.default_curve,0,1\n"), "t")
	if err != nil {
		t.Fatal(err)
	}
	if notes := edr.PriceYearNotes(); len(notes) != 3 || !strings.HasPrefix(notes[0], "pipe.edr.* (24 parameters) zijn euro van 2020, omgerekend") {
		t.Errorf("notes %q", notes)
	}
	// Get gives the amount as used: euro of 2018, saying where it came from
	g, err := Defaults().Get("pipe.cedelft.dt30.min.a")
	if err != nil {
		t.Fatal(err)
	}
	if !near(g.Value, 680.3/cpi2020, 1e-9) || g.PriceYear != PriceYear || !strings.Contains(g.Source, "published in euro of 2020; divided by the CBS consumer price index 1.0396") {
		t.Errorf("indexed parameter %+v", g)
	}
	for _, r := range Defaults().All() {
		if r.Name == "pipe.cedelft.dt30.min.a" && (r.Value != 680.3 || r.PriceYear != 2020) {
			t.Errorf("All shows %+v, want the figure as published", r)
		}
	}
}

func TestEvalYearsAfterHorizon(t *testing.T) {
	// window base+3 .. base+30: 2020 ends in 2050; 2030 runs to 2060, 10
	// years past 2050; 2050 has all 28 years past it
	for base, want := range map[int]int{2020: 0, 2021: 1, 2030: 10, 2050: 28} {
		p, err := Defaults().WithOverrides(strings.NewReader(fmt.Sprintf("name,value,unit\neval.base_year,%d,year\n", base)), "t")
		if err != nil {
			t.Fatal(err)
		}
		if got := p.EvalYearsAfterHorizon(); got != want {
			t.Errorf("base %d: %d years after 2050, want %d", base, got, want)
		}
	}
}
