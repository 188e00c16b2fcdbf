package wijkanalyse

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestLabelSetFor: one half of the demo, given only the registrations
// LabelSet.For picks for it, gets every building's label, its source and
// its woningtype exactly as with the whole export.
func TestLabelSetFor(t *testing.T) {
	full := loadDelft(t)
	f, err := os.Open("../testdata/ep-online/ep-online-delft-synthetic.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	nl, err := geodata.ReadEPOnline(f, "ep-online-delft-synthetic.csv", &geodata.Report{})
	if err != nil {
		t.Fatal(err)
	}
	labels := nl.Labels()
	// Registrations elsewhere in the country, which no demo pand matches.
	for i := range 500 {
		labels = append(labels, geodata.EnergyLabel{VerblijfsobjectID: fmt.Sprintf("0999010000%06d", i), PandID: fmt.Sprintf("0999100000%06d", i/3),
			Postcode: "9999ZZ", Huisnummer: fmt.Sprint(i), Klasse: "C", Opnamedatum: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	b := geodata.StreetBound(full.Panden, 0)
	midX := (b.Min[0] + b.Max[0]) / 2
	half := full
	half.Panden = nil
	for _, p := range full.Panden {
		if geodata.PointOnSurface(p.Footprint)[0] < midX {
			half.Panden = append(half.Panden, p)
		}
	}
	classified := func(in Input) []Building {
		opt := Options{}.withDefaults()
		bs, fs, _, err := classify(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := assignDemand(&in, bs, fs, opt.params()); err != nil {
			t.Fatal(err)
		}
		return bs
	}
	withAll := half
	withAll.Labels = labels
	withSet := half
	withSet.Labels = NewLabelSet(labels).For(half)
	if len(withSet.Labels) == 0 || len(withSet.Labels) >= len(labels) {
		t.Fatalf("For picked %d of %d registrations", len(withSet.Labels), len(labels))
	}
	a, s := classified(withAll), classified(withSet)
	matched := 0
	for i := range a {
		if a[i].Label != s[i].Label || a[i].LabelSource != s[i].LabelSource || a[i].LabelsEPOnline != s[i].LabelsEPOnline || a[i].Woningtype != s[i].Woningtype {
			t.Errorf("pand %s: label %s/%s/%d %s with the whole export, %s/%s/%d %s with For", a[i].ID,
				a[i].Label, a[i].LabelSource, a[i].LabelsEPOnline, a[i].Woningtype, s[i].Label, s[i].LabelSource, s[i].LabelsEPOnline, s[i].Woningtype)
		}
		if a[i].LabelsEPOnline > 0 {
			matched++
		}
	}
	t.Logf("%d of %d panden, %d of %d registrations, %d panden labelled", len(half.Panden), len(full.Panden), len(withSet.Labels), len(labels), matched)
	if matched == 0 {
		t.Error("no pand of the half is labelled: the test compares nothing")
	}
}
