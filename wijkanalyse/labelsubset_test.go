package wijkanalyse

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
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

// refLabelSet is the LabelSet this package had before the compact one:
// string maps over a []geodata.EnergyLabel. TestReadLabelSet checks the
// compact set against it.
type refLabelSet struct {
	labels                []geodata.EnergyLabel
	byVBO, byPand, byAddr map[string][]int32
}

func newRefLabelSet(ls []geodata.EnergyLabel) *refLabelSet {
	x := &refLabelSet{labels: ls, byVBO: map[string][]int32{}, byPand: map[string][]int32{}, byAddr: map[string][]int32{}}
	for i := range ls {
		l := &ls[i]
		if l.VerblijfsobjectID != "" {
			x.byVBO[l.VerblijfsobjectID] = append(x.byVBO[l.VerblijfsobjectID], int32(i))
		}
		if l.PandID != "" {
			x.byPand[l.PandID] = append(x.byPand[l.PandID], int32(i))
		}
		if l.Postcode != "" && l.Huisnummer != "" {
			k := addrKey(l.Postcode, l.Huisnummer+l.Toevoeging)
			x.byAddr[k] = append(x.byAddr[k], int32(i))
		}
	}
	return x
}

func (x *refLabelSet) For(in Input) []geodata.EnergyLabel {
	seen := map[int32]bool{}
	var idx []int32
	add := func(is []int32) {
		for _, i := range is {
			if !seen[i] {
				seen[i] = true
				idx = append(idx, i)
			}
		}
	}
	for i := range in.Verblijfsobjecten {
		add(x.byVBO[in.Verblijfsobjecten[i].ID])
	}
	for i := range in.Panden {
		add(x.byPand[in.Panden[i].ID])
	}
	for i := range in.Addresses {
		a := &in.Addresses[i]
		add(x.byAddr[addrKey(a.Postcode, a.Housenumber)])
		if a.VerblijfsobjectID != "" {
			add(x.byVBO[a.VerblijfsobjectID])
		}
	}
	for n := 0; n < len(idx); n++ {
		if v := x.labels[idx[n]].VerblijfsobjectID; v != "" {
			add(x.byVBO[v])
		}
	}
	slices.Sort(idx)
	out := make([]geodata.EnergyLabel, len(idx))
	for i, j := range idx {
		out[i] = x.labels[j]
	}
	return out
}

// labelInputs are areas to ask both sets for: the demo and its halves,
// and inputs made of the registrations' own ids and addresses (in other
// spellings too), a few at a time.
func labelInputs(t *testing.T, labels []geodata.EnergyLabel) map[string]Input {
	full := loadDelft(t)
	b := geodata.StreetBound(full.Panden, 0)
	midX := (b.Min[0] + b.Max[0]) / 2
	west, east := full, full
	west.Panden, east.Panden = nil, nil
	for _, p := range full.Panden {
		if geodata.PointOnSurface(p.Footprint)[0] < midX {
			west.Panden = append(west.Panden, p)
		} else {
			east.Panden = append(east.Panden, p)
		}
	}
	ins := map[string]Input{"demo": full, "west": west, "east": east}
	for start := 0; start < len(labels); start += 7 {
		var in Input
		for i, l := range labels[start:min(start+7, len(labels))] {
			switch i % 4 {
			case 0:
				in.Verblijfsobjecten = append(in.Verblijfsobjecten, geodata.Verblijfsobject{ID: l.VerblijfsobjectID})
			case 1:
				in.Panden = append(in.Panden, geodata.Pand{ID: l.PandID})
			case 2:
				in.Addresses = append(in.Addresses, geodata.Address{Postcode: strings.ToLower(l.Postcode[:min(4, len(l.Postcode))]) + " " + l.Postcode[min(4, len(l.Postcode)):],
					Housenumber: l.Huisnummer + "-" + l.Toevoeging})
			case 3:
				in.Addresses = append(in.Addresses, geodata.Address{VerblijfsobjectID: l.VerblijfsobjectID, Postcode: "0000XX", Housenumber: "1"})
			}
		}
		ins[fmt.Sprintf("labels %d-", start)] = in
	}
	return ins
}

// TestReadLabelSet: the compact set read from the EP-Online test exports
// holds the registrations geodata.ReadEPOnline keeps, counts the same
// skipped and superseded rows under the same reasons, and gives every
// area the same registrations, in the same order, as the map-based set
// it replaced.
func TestReadLabelSet(t *testing.T) {
	for _, name := range []string{"ep-online-delft-synthetic.csv", "ep-online-delft-2026-synthetic.csv"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/ep-online/" + name)
			if err != nil {
				t.Fatal(err)
			}
			var oldRep, newRep geodata.Report
			nl, err := geodata.ReadEPOnline(bytes.NewReader(data), name, &oldRep)
			if err != nil {
				t.Fatal(err)
			}
			x, err := ReadLabelSet(bytes.NewReader(data), name, &newRep)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(oldRep, newRep) {
				t.Errorf("report %+v, ReadEPOnline's %+v", newRep, oldRep)
			}
			if oldRep.Skipped[geodata.SkipDuplicateID] == 0 {
				t.Errorf("no superseded registration counted in %s (%+v): the test checks no newest-wins rule", name, oldRep)
			}
			labels := nl.Labels()
			if x.Len() != len(labels) {
				t.Fatalf("%d registrations, ReadEPOnline keeps %d", x.Len(), len(labels))
			}
			ref := newRefLabelSet(labels)
			for _, k := range slices.Sorted(maps.Keys(labelInputs(t, labels))) {
				in := labelInputs(t, labels)[k]
				want, got := ref.For(in), x.For(in)
				if !reflect.DeepEqual(want, got) {
					t.Errorf("%s: For gives %d registrations, the map-based set %d:\n got %+v\nwant %+v", k, len(got), len(want), got, want)
				}
			}
			if got := x.For(labelInputs(t, labels)["demo"]); len(got) == 0 {
				t.Error("the demo matches no registration: the comparison is empty")
			}
		})
	}
}

// TestReadLabelSetRows: bad and superseded rows of an export are counted
// under their reasons, and the newest registration per id is the one
// kept (on equal dates the later row), at the place of the id's first.
func TestReadLabelSetRows(t *testing.T) {
	const csv = "PublicatieDatum;20251101\n" +
		"Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_bagpandid;Pand_postcode;Pand_huisnummer;Pand_huisnummer_toev;Pand_gebouwtype;Pand_gebruiksoppervlakte\n" +
		"20200101;C;0503010000000001;0503100000000001;2628AB;1;;Tussenwoning;80\n" + // superseded by row 4
		"20210101;;0503010000000002;0503100000000001;2628AB;2;;;\n" + // no class
		"20210101;B;;;2628AB;3;;;\n" + // no id
		"20220101;A;503010000000001;0503100000000001;2628AB;1;;Hoekwoning;81\n" +
		"20190101;G;0503010000000003;0503100000000002;2628ab;5;a;;\n" + // older than row 6, equal date to row 7
		"20230101;F;0503010000000003;0503100000000002;2628AB;5;A;;\n" +
		"20230101;E;0503010000000003;0503100000000002;2628AB;5;A;Vrijstaande woning;90,5\n" + // equal date: the later wins
		"20240101;D;;0503100000000002;;;;;\n" + // a pand-only registration
		"20240101;D;;0503100000000002;;;;;\n" // the same again
	var rep geodata.Report
	x, err := ReadLabelSet(strings.NewReader(csv), "rows.csv", &rep)
	if err != nil {
		t.Fatal(err)
	}
	want := geodata.Report{Read: 9, Used: 3, Skipped: map[string]int{geodata.SkipNoLabel: 1, geodata.SkipNoID: 1, geodata.SkipDuplicateID: 4}}
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("report %+v, want %+v", rep, want)
	}
	got := x.For(Input{Panden: []geodata.Pand{{ID: "0503100000000001"}, {ID: "0503100000000002"}}})
	var kept []string
	for _, l := range got {
		kept = append(kept, fmt.Sprintf("%s %s %s %s %s%s %s %g", l.VerblijfsobjectID, l.PandID, l.Klasse, l.Opnamedatum.Format("20060102"), l.Postcode, l.Huisnummer, l.Gebouwtype, l.OppervlakteM2))
	}
	wantKept := []string{
		"0503010000000001 0503100000000001 A 20220101 2628AB1 Hoekwoning 81",
		"0503010000000003 0503100000000002 E 20230101 2628AB5 Vrijstaande woning 90.5",
		" 0503100000000002 D 20240101   0",
	}
	if !slices.Equal(kept, wantKept) {
		t.Errorf("kept\n%s\nwant\n%s", strings.Join(kept, "\n"), strings.Join(wantKept, "\n"))
	}
	bad := "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid\n20200101;Q;0503010000000001\n"
	if _, err := ReadLabelSet(strings.NewReader(bad), "bad.csv", &rep); err == nil || !strings.Contains(err.Error(), "bad.csv") {
		t.Errorf("an unknown class: error %v, want one naming bad.csv", err)
	}
}
