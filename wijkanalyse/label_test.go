package wijkanalyse

import (
	"context"
	"os"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestDelftEPOnlineLabels joins the synthetic EP-Online fixture (its pand
// ids and addresses are those of the Delft demo; classes and dates are
// invented) to the demo buildings.
func TestDelftEPOnlineLabels(t *testing.T) {
	in := loadDelft(t)
	f, err := os.Open("../testdata/ep-online/ep-online-delft-synthetic.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rep geodata.Report
	nl, err := geodata.ReadEPOnline(f, "ep-online-delft-synthetic.csv", &rep)
	if err != nil {
		t.Fatal(err)
	}
	in.Labels = nl.Labels()
	opt := Options{}.withDefaults()
	bs, fs, _, err := classify(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := assignDemand(&in, bs, fs, opt.params()); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Building{}
	matched := 0
	for i := range bs {
		byID[bs[i].ID] = &bs[i]
		if bs[i].LabelsEPOnline > 0 {
			matched++
		}
	}
	cases := []struct {
		id, label string
		ep        int
	}{
		{"0503100000037810", "D", 1}, // F in 2023, D in 2024: the newest wins
		{"0503100000020460", "A", 1}, // A+ counts as A
		{"0503100000018317", "A", 1}, // A+ 2024 over G 2012
		{"0503100000032914", "A", 1}, // utility, labelled by pand only
	}
	for _, c := range cases {
		b := byID[c.id]
		if b == nil {
			t.Errorf("pand %s not in the demo", c.id)
			continue
		}
		if b.Label != c.label || b.LabelsEPOnline != c.ep || b.LabelSource == LabelDefault {
			t.Errorf("pand %s (%s, %d dwellings): label %q from %q (%d EP-Online), want %q from EP-Online",
				c.id, b.Use, b.Dwellings, b.Label, b.LabelSource, b.LabelsEPOnline, c.label)
		}
	}
	// Portiek block 0503100000028548: units 31 (G), 32 (C over G) and 33
	// (G) are registered; the block has more dwellings, which keep the
	// default, so the source is mixed.
	if b := byID["0503100000028548"]; b != nil {
		if b.LabelsEPOnline != 3 || b.LabelSource != LabelMixed || b.Dwellings <= 3 {
			t.Errorf("portiek block: %d EP-Online labels from %q, %d dwellings; want 3, mixed, more than 3", b.LabelsEPOnline, b.LabelSource, b.Dwellings)
		}
	}
	t.Logf("%d registrations, %d buildings with at least one EP-Online label", len(in.Labels), matched)
	if matched < 25 {
		t.Errorf("only %d buildings matched", matched)
	}
}

func TestScanNoBuildings(t *testing.T) {
	t.Parallel()
	if _, err := Scan(context.Background(), Input{}, Options{}); err != ErrNoBuildings {
		t.Errorf("err %v, want ErrNoBuildings", err)
	}
}

func TestScanCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, handStreet(), Options{}); err != context.Canceled {
		t.Errorf("err %v, want context.Canceled", err)
	}
}
