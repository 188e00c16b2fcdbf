package wijkanalyse

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// rect returns a closed rectangle footprint.
func rect(x, y, w, h float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}}
}

// handStreet is the hand-made street of the tests: a terrace of five
// (5.4 m wide, 9 m deep; the 3rd house 0.3 m off its neighbours, as BAG
// footprints often are), a semi-detached pair, a detached house with a
// shed against it, and a block of 12 flats on 4 storeys.
func handStreet() Input {
	var ps []geodata.Pand
	add := func(id string, fp orb.Polygon, levels, vbos int, tag string) {
		ps = append(ps, geodata.Pand{ID: id, Footprint: fp, Bouwjaar: 1955, Levels: levels,
			Verblijfsobjecten: vbos, Gebruiksdoel: []string{"woonfunctie"}, BuildingType: tag})
	}
	x := 0.0
	for i := range 5 {
		if i == 2 {
			x += 0.3
		}
		add(fmt.Sprintf("T%d", i+1), rect(x, 0, 5.4, 9), 2, 1, "house")
		x += 5.4
		if i == 2 {
			x += 0.3
		}
	}
	add("S1", rect(50, 0, 7, 10), 2, 1, "house")
	add("S2", rect(57, 0, 7, 10), 2, 1, "house")
	add("D1", rect(80, 0, 10, 10), 2, 1, "house")
	ps = append(ps, geodata.Pand{ID: "SHED", Footprint: rect(90, 2, 3, 3), Bouwjaar: 1990, BuildingType: "shed"})
	add("F1", rect(0, 40, 40, 12), 4, 12, "apartments")
	return Input{Panden: ps}
}

func TestClassifyHandMade(t *testing.T) {
	t.Parallel()
	in := handStreet()
	bs, _, err := Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Woningtype{
		"T1": TypeHoekwoning, "T2": TypeTussenwoning, "T3": TypeTussenwoning, "T4": TypeTussenwoning,
		"T5": TypeHoekwoning, "S1": TypeTweeOnderEenKap, "S2": TypeTweeOnderEenKap,
		"D1": TypeVrijstaand, "SHED": TypeNone, "F1": TypeMeergezinsMidden,
	}
	if len(bs) != len(in.Panden) || len(bs) != len(want) {
		t.Fatalf("%d buildings for %d panden, want %d", len(bs), len(in.Panden), len(want))
	}
	for i := range bs {
		if bs[i].ID != in.Panden[i].ID {
			t.Errorf("building %d is %q, want pand %q (input order)", i, bs[i].ID, in.Panden[i].ID)
		}
	}
	for _, b := range bs {
		t.Run(b.ID, func(t *testing.T) {
			if got := b.Woningtype; got != want[b.ID] {
				t.Errorf("woningtype %q, want %q (%s; walls %d, %.2f m)", got, want[b.ID], b.TypeReason, b.PartyWalls, b.SharedWallM)
			}
			if b.Era != Era1946to1964 && b.ID != "SHED" {
				t.Errorf("era %v, want 1946 - 1964", b.Era)
			}
		})
	}
	for _, b := range bs {
		switch b.ID {
		case "SHED":
			if b.Use != UseBijgebouw || b.Dwellings != 0 {
				t.Errorf("shed: use %q dwellings %d", b.Use, b.Dwellings)
			}
		case "F1":
			if b.Dwellings != 12 || b.Use != UseWoning {
				t.Errorf("flats: use %q dwellings %d, want woning 12", b.Use, b.Dwellings)
			}
		case "T3":
			// 5.4 m side walls over a 0.3 m gap: 9 m each, plus at most
			// 2 x 0.5 m of perpendicular wall picked up by the buffer.
			if b.SharedWallM < 17.9 || b.SharedWallM > 20.1 {
				t.Errorf("T3 shared wall %.2f m, want about 18", b.SharedWallM)
			}
		}
	}
}

func TestEraOf(t *testing.T) {
	t.Parallel()
	cases := []struct {
		year int
		want Era
	}{
		{0, EraUnknown}, {9999, EraUnknown}, {999, EraUnknown}, {1700, EraBefore1930},
		{1929, EraBefore1930}, {1930, Era1930to1945}, {1945, Era1930to1945}, {1946, Era1946to1964},
		{1974, Era1965to1974}, {1991, Era1975to1991}, {1992, Era1992to1995}, {1999, Era1996to1999},
		{2005, Era2000to2005}, {2010, Era2006to2010}, {2014, Era2011to2014}, {2020, Era2015to2020},
		{2025, Era2015to2020},
	}
	for _, c := range cases {
		if got := EraOf(c.year); got != c.want {
			t.Errorf("EraOf(%d) = %v, want %v", c.year, got, c.want)
		}
	}
}

// TestClassifyWorkersAgree: the party-wall step split over goroutines
// (one GEOS context each) gives the same woningtypes as one worker.
func TestClassifyWorkersAgree(t *testing.T) {
	in := loadDelft(t)
	one, _, err := Classify(context.Background(), in, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	four, _, err := Classify(context.Background(), in, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	for i := range one {
		if one[i].Woningtype != four[i].Woningtype || one[i].PartyWalls != four[i].PartyWalls {
			t.Errorf("pand %s: %s/%d with 1 worker, %s/%d with 4", one[i].ID, one[i].Woningtype, one[i].PartyWalls, four[i].Woningtype, four[i].PartyWalls)
		}
	}
}

// TestClassifyBAGWithoutDwellingData: BAG panden (with a status) of which
// none carries verblijfsobjecten, gebruiksdoel or aantal_verblijfsobjecten
// are not all made unheated bijgebouwen: dwellings come from the
// footprint, a note says so first. When any pand has dwelling data, a
// pand without is a bijgebouw as before.
func TestClassifyBAGWithoutDwellingData(t *testing.T) {
	t.Parallel()
	strip := func(keep string) Input {
		in := handStreet()
		for i := range in.Panden {
			p := &in.Panden[i]
			p.Status, p.BuildingType, p.Levels = "Pand in gebruik", "", 0
			if p.ID != keep {
				p.Gebruiksdoel, p.Verblijfsobjecten = nil, 0
			}
		}
		return in
	}
	bs, notes, err := Classify(context.Background(), strip(""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) == 0 || !strings.HasPrefix(notes[0], NoDwellingData) {
		t.Errorf("first note %q, want %s", notes, NoDwellingData)
	}
	want := map[string]int{"T1": 1, "T2": 1, "T3": 1, "T4": 1, "T5": 1, "S1": 1, "S2": 1, "D1": 1, "SHED": 0,
		"F1": int(math.Round(40 * 12 * houseStoreysDefault * netToGross / dwellingM2))}
	for _, b := range bs {
		if b.Dwellings != want[b.ID] {
			t.Errorf("%s: %d dwellings (%s, %s), want %d", b.ID, b.Dwellings, b.DwellingsSource, b.TypeReason, want[b.ID])
		}
		if wantUse := map[bool]Use{true: UseWoning, false: UseBijgebouw}[want[b.ID] > 0]; b.Use != wantUse {
			t.Errorf("%s: use %s, want %s", b.ID, b.Use, wantUse)
		}
		if b.Use == UseWoning && b.DwellingsSource != "footprint" {
			t.Errorf("%s: dwellings source %q, want footprint", b.ID, b.DwellingsSource)
		}
	}
	// One pand with data: the rest are annexes, no note.
	bs, notes, err = Classify(context.Background(), strip("D1"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if wantUse := map[bool]Use{true: UseWoning, false: UseBijgebouw}[b.ID == "D1"]; b.Use != wantUse {
			t.Errorf("with data on D1: %s use %s, want %s", b.ID, b.Use, wantUse)
		}
	}
	for _, n := range notes {
		if strings.Contains(n, NoDwellingData) {
			t.Errorf("note %q although D1 has dwelling data", n)
		}
	}
}

// TestClassifyOSMWithoutDwellingData: OpenStreetMap buildings (no BAG
// status) without verblijfsobjecten, aantal_verblijfsobjecten, floor area
// or address points get invented dwellings (building=apartments: floor
// area / 75 m2); the first note of the scan says so with the counts. One
// address point is dwelling data: no such note.
func TestClassifyOSMWithoutDwellingData(t *testing.T) {
	t.Parallel()
	in := handStreet()
	for i := range in.Panden {
		in.Panden[i].Verblijfsobjecten, in.Panden[i].Gebruiksdoel = 0, nil
	}
	res, err := Scan(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) == 0 || !strings.HasPrefix(res.Notes[0], NoDwellingData) {
		t.Fatalf("first note %q, want %s", res.Notes, NoDwellingData)
	}
	woningen, dw := 0, 0
	for _, b := range res.Buildings {
		if b.Use == UseWoning {
			woningen++
			dw += b.Dwellings
		}
	}
	if woningen == 0 {
		t.Fatal("no woningen")
	}
	if want := fmt.Sprintf("geen van de %d gebouwen", len(in.Panden)); !strings.Contains(res.Notes[0], want) {
		t.Errorf("note %q does not say %q", res.Notes[0], want)
	}
	if want := fmt.Sprintf("%d zijn als woning genomen op grond van hun gebouwsoort en grootte, samen %d woningen", woningen, dw); !strings.Contains(res.Notes[0], want) {
		t.Errorf("note %q does not say %q", res.Notes[0], want)
	}
	// an address point in T1 is dwelling data
	in.Addresses = []geodata.Address{{ID: "A1", Point: orb.Point{2, 4}}}
	_, notes, err := Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		if strings.Contains(n, NoDwellingData) {
			t.Errorf("note %q although T1 has an address point", n)
		}
	}
}

// nearSource is the default table with the assumed restwarmte source at
// the feed point (source.assumed.distance 0): a hand-made street of ten
// houses cannot carry a transport pipe from 4 km away, and the tests
// that use it are about the network in the street.
func nearSource(t *testing.T) *kosten.Params {
	t.Helper()
	p, err := kosten.Defaults().WithOverrides(strings.NewReader("name,value,unit\nsource.assumed.distance,0,m\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// With EP-Online registrations (matched to the pand by its pand id), the
// registered Pand_gebouwtype decides the woningtype of a single-dwelling
// pand; EP-Online's combined value, a flat type or no registration keep
// the party-wall rule; a block of flats keeps dwellings and storeys.
func TestClassifyEPOnlineGebouwtype(t *testing.T) {
	t.Parallel()
	in := handStreet()
	reg := func(pand, typ string) geodata.EnergyLabel {
		return geodata.EnergyLabel{PandID: pand, Klasse: "C", Gebouwtype: typ}
	}
	in.Labels = []geodata.EnergyLabel{
		reg("T1", "Tussenwoning"),                        // walls say hoekwoning: EP-Online decides
		reg("T2", "Tussenwoning"),                        // agrees
		reg("T5", "Twee-onder-een-kap / rijwoning hoek"), // combined: walls keep hoekwoning
		reg("S1", "Vrijstaande woning"),                  // walls say 2-onder-1-kap
		reg("D1", "Flatwoning"),                          // not a ground-bound type: walls
		reg("F1", "Hoekwoning"),                          // a block of 12: dwellings and storeys
	}
	bs, notes, err := Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		t   Woningtype
		src string
	}{
		"T1": {TypeTussenwoning, TypeFromEPOnline}, "T2": {TypeTussenwoning, TypeFromEPOnline},
		"T3": {TypeTussenwoning, TypeFromWalls}, "T4": {TypeTussenwoning, TypeFromWalls},
		"T5": {TypeHoekwoning, TypeFromWallsComb}, "S1": {TypeVrijstaand, TypeFromEPOnline},
		"S2": {TypeTweeOnderEenKap, TypeFromWalls}, "D1": {TypeVrijstaand, TypeFromWalls},
		"F1": {TypeMeergezinsMidden, TypeFromDwellings}, "SHED": {TypeNone, ""},
	}
	for _, b := range bs {
		if w := want[b.ID]; b.Woningtype != w.t || b.TypeSource != w.src {
			t.Errorf("%s: %q from %q (%s), want %q from %q", b.ID, b.Woningtype, b.TypeSource, b.TypeReason, w.t, w.src)
		}
	}
	found := false
	for _, n := range notes {
		found = found || strings.Contains(n, "Pand_gebouwtype uit EP-Online besliste bij 3, de gedeelde muren bij 5 (1 daarvan met de gecombineerde waarde")
	}
	if !found {
		t.Errorf("no note with the counts: %q", notes)
	}
	// the same street without labels: the party walls decide everything
	in.Labels = nil
	bs, _, err = Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bs[0].Woningtype != TypeHoekwoning || bs[0].TypeSource != TypeFromWalls {
		t.Errorf("T1 without labels: %q from %q", bs[0].Woningtype, bs[0].TypeSource)
	}
}
