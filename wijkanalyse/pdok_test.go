package wijkanalyse

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

const pdokSample = "../testdata/pdok-bag-pand-sample/bag_pand_kerk_delft.gpkg"

// loadPDOK reads the PDOK BAG pand sample (60 rows, Delft centre).
func loadPDOK(t *testing.T) Input {
	t.Helper()
	gp, err := geodata.OpenGeoPackage(pdokSample)
	if err != nil {
		t.Fatalf("PDOK sample not readable: %v", err)
	}
	defer gp.Close()
	var rep geodata.Report
	r, err := gp.Panden("bag_pand_kerk", &rep)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	v := geodata.NewValidator()
	d := geodata.NewDedup(&v.Report)
	buf := make([]geodata.Pand, 16)
	for {
		n, err := r.Read(buf)
		for _, p := range buf[:n] {
			if v.Pand(&p) {
				d.Add(p)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return Input{Panden: d.Panden(), BuildingsReport: geodata.MergeReports(rep, v.Report)}
}

func TestPDOKUseAndDwellings(t *testing.T) {
	t.Parallel()
	in := loadPDOK(t)
	bs, _, err := Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Building{}
	for _, b := range bs {
		byID[b.ID] = b
	}
	cases := []struct {
		id        string
		use       Use
		util      string
		dwellings int
	}{
		{"0503100000019908", UseBijgebouw, "", 0},            // no gebruiksdoel, 0 verblijfsobjecten
		{"0503100000036681", UseBijgebouw, "", 0},            // idem, 2013
		{"0503100000025503", UseUtiliteit, "Kantoor", 0},     // kantoorfunctie
		{"0503100000026818", UseUtiliteit, "Bijeenkomst", 0}, // bijeenkomst + sport
		{"0503100000032817", UseUtiliteit, "Kantoor", 0},     // kantoor + onderwijs
		{"0503100000004258", UseUtiliteit, "Winkel", 0},      // winkelfunctie
		{"0503100000004254", UseWoning, "", 1},               // woonfunctie, 1 vbo
		{"0503100000004257", UseWoning, "", 3},               // woonfunctie, 3 vbo
		{"0503100000019913", UseWoning, "", 6},               // winkel + woon, 7 vbo: one is the shop
		{"0503100000000296", UseWoning, "", 2},               // zorg + woon, 3 vbo
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			b, ok := byID[c.id]
			if !ok {
				t.Fatalf("pand %s not scanned", c.id)
			}
			if b.Use != c.use || b.UtilityType != c.util || b.Dwellings != c.dwellings {
				t.Errorf("use %q %q dwellings %d, want %q %q %d (%s)", b.Use, b.UtilityType, b.Dwellings, c.use, c.util, c.dwellings, b.TypeReason)
			}
			if b.Use == UseWoning && b.Dwellings >= 2 && b.Woningtype != TypeMeergezinsLaag && b.Woningtype != TypeMeergezinsMidden {
				t.Errorf("woningtype %q for %d dwellings", b.Woningtype, b.Dwellings)
			}
			if b.Use != UseBijgebouw && b.FloorAreaSource != "bag" {
				t.Errorf("floor area from %q, want bag", b.FloorAreaSource)
			}
		})
	}
	counts := map[Use]int{}
	for _, b := range bs {
		counts[b.Use]++
		if b.Era == EraUnknown {
			t.Errorf("pand %s bouwjaar %d: era unknown", b.ID, b.Bouwjaar)
		}
	}
	t.Logf("PDOK sample: %d panden, uses %v", len(bs), counts)
	if counts[UseBijgebouw] != 3 || counts[UseUtiliteit] != 5 {
		t.Errorf("uses %v, want 3 bijgebouw and 5 utiliteit", counts)
	}
}

// TestPDOKTypeReasonSingular: pand 0503100000000296 of the PDOK sample
// (2 woningen, one storey estimated) reads "2 woningen, 1 bouwlaag
// (geschat)", not "1 bouwlagen".
func TestPDOKTypeReasonSingular(t *testing.T) {
	t.Parallel()
	bs, _, err := Classify(context.Background(), loadPDOK(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.ID == "0503100000000296" {
			if want := "2 woningen, 1 bouwlaag (geschat)"; b.TypeReason != want {
				t.Errorf("type reason %q, want %q", b.TypeReason, want)
			}
			return
		}
	}
	t.Fatal("pand 0503100000000296 not classified")
}
