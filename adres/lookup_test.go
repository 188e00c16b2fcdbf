package adres

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// square is a 10 x 10 m footprint with its lower left corner at (x, y).
func square(x, y float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}, {x, y}}}
}

// smallResult is a hand-made scan of three panden in a row, 20 m apart:
// two woningen (one of 4 dwellings) and a utility pand.
func smallResult() *wijkanalyse.Result {
	res := &wijkanalyse.Result{Year: 2020}
	mk := func(id string, x float64, use wijkanalyse.Use, dwellings int) wijkanalyse.Building {
		b := wijkanalyse.Building{ID: id, Footprint: square(x, 450000), Centroid: orb.Point{x + 5, 450005},
			Bouwjaar: 1970, Era: wijkanalyse.EraOf(1970), Use: use, Dwellings: dwellings, DwellingEquivalents: float64(max(dwellings, 1)),
			Label: "D", LabelSource: wijkanalyse.LabelDefault, SpaceHeatGJ: 40, TapWaterGJ: 8, GasM3: 1500, Best: wijkanalyse.OptionAllElectric}
		if use == wijkanalyse.UseWoning {
			b.Woningtype = wijkanalyse.TypeTussenwoning
		}
		for _, k := range wijkanalyse.OptionKinds {
			o := wijkanalyse.Option{Kind: k, Reason: "niet doorgerekend in deze test", National: wijkanalyse.Band{Value: math.NaN(), Min: math.NaN(), Max: math.NaN()}}
			o.EndUser, o.CO2 = o.National, o.National
			switch k {
			case wijkanalyse.OptionGasBoiler:
				o = wijkanalyse.Option{Kind: k, Feasible: true, Reason: "referentie", National: wijkanalyse.Band{Value: 1000, Min: 900, Max: 1100},
					EndUser: wijkanalyse.Band{Value: 2000, Min: 1900, Max: 2100}, CO2: wijkanalyse.Band{Value: 3, Min: 3, Max: 3}, Score: 100}
			case wijkanalyse.OptionAllElectric:
				o = wijkanalyse.Option{Kind: k, Feasible: true, Reason: "isoleren tot B", National: wijkanalyse.Band{Value: 1200, Min: 1000, Max: 1500},
					EndUser: wijkanalyse.Band{Value: 2400, Min: 2000, Max: 2800}, CO2: wijkanalyse.Band{Value: 0.5, Min: 0.4, Max: 0.6}, Score: 100}
			}
			b.Options = append(b.Options, o)
		}
		return b
	}
	res.Buildings = []wijkanalyse.Building{
		mk("0503100000000001", 0, wijkanalyse.UseWoning, 1),
		mk("0503100000000002", 20, wijkanalyse.UseWoning, 4),
		mk("0503100000000003", 40, wijkanalyse.UseUtiliteit, 0),
	}
	return res
}

func smallAddresses() []geodata.Address {
	return []geodata.Address{
		{Postcode: "2628 RC", Housenumber: "1", Point: orb.Point{5, 450005}},
		{Postcode: "2628RC", Housenumber: "3A", Point: orb.Point{22, 450002}},
		{Postcode: "2628RC", Housenumber: "3-b", Point: orb.Point{28, 450008}},
		{Postcode: "2628RC", Housenumber: "5;7", Point: orb.Point{45, 450005}},
		{Postcode: "2628RC", Housenumber: "9", Point: orb.Point{5, 450002}},    // 9 in pand 1 ...
		{Postcode: "2628RC", Housenumber: "9A", Point: orb.Point{45, 450002}},  // ... and 9A in pand 3
		{Postcode: "2628RC", Housenumber: "11", Point: orb.Point{55, 450005}},  // 5 m east of pand 3
		{Postcode: "2628RC", Housenumber: "13", Point: orb.Point{200, 450005}}, // far from every pand
		{Postcode: "", Housenumber: "15", Point: orb.Point{5, 450005}},         // no postcode: not kept
	}
}

func TestLookups(t *testing.T) {
	t.Parallel()
	ix := FromResult(smallResult(), smallAddresses(), "test")
	for _, c := range []struct {
		q, pand string
		err     error
		match   string
	}{
		{"2628RC 1", "0503100000000001", nil, "adres 2628RC 1 ligt in dit pand"},
		{"2628 rc 3-A", "0503100000000002", nil, "adres 2628RC 3-A ligt in dit pand"},
		{"2628RC 3", "0503100000000002", nil, "alle toevoegingen liggen in dit pand: 2628RC 3-A, 2628RC 3-B"},
		{"2628RC 7", "0503100000000003", nil, "adres 2628RC 7 ligt in dit pand"},
		{"2628RC 1 Z", "0503100000000001", nil, "toevoeging Z staat niet in de gegevens"},
		{"2628RC 9", "0503100000000001", nil, "adres 2628RC 9 ligt in dit pand"},
		{"2628RC 11", "0503100000000003", nil, "het dichtstbijzijnde pand"},
		{"2628RC 13", "", ErrNotFound, ""},
		{"2628RC 3-C", "", ErrNotFound, ""},
		{"503100000000001", "0503100000000001", nil, "pand 0503100000000001"},
		{"1", "", ErrQuery, ""},
		{"NL.IMBAG.Pand.0503100000000002", "0503100000000002", nil, "pand"},
		{"25 450005", "0503100000000002", nil, "punt ligt in dit pand"},
		{"33 450005", "0503100000000002", nil, "punt ligt 3 m van dit pand"},
		{"100 450005", "", ErrNotFound, ""},
	} {
		t.Run(c.q, func(t *testing.T) {
			a, err := ix.Find(c.q)
			if !errors.Is(err, c.err) || err == nil && (a.PandID != c.pand || !strings.Contains(a.Match, c.match)) {
				t.Errorf("Find(%q) = %s %q, %v; want %s %q, %v", c.q, a.PandID, a.Match, err, c.pand, c.match, c.err)
			}
		})
	}
	// 9 without toevoeging is in pand 1, 9A in pand 3: the bare number
	// answers pand 1; a number with only toevoegingen in two panden is
	// ambiguous.
	ix2 := FromResult(smallResult(), []geodata.Address{
		{Postcode: "2628RC", Housenumber: "9A", Point: orb.Point{5, 450002}},
		{Postcode: "2628RC", Housenumber: "9B", Point: orb.Point{45, 450002}},
	}, "test")
	if _, err := ix2.Find("2628RC 9"); !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), "2628RC 9-A, 2628RC 9-B") {
		t.Errorf("2628RC 9 over two panden: %v, want ErrAmbiguous naming both", err)
	}
	if ix.AddressesOutside() != 1 || len(ix.Addresses()) != 9 {
		t.Errorf("%d addresses, %d outside; want 9 (5;7 split, no postcode dropped), 1", len(ix.Addresses()), ix.AddressesOutside())
	}
	// per dwelling: pand 2 has 4 dwellings, each a quarter
	a, _ := ix.ByPandID("0503100000000002")
	if a.Unit != "woning" || a.Share != 0.25 || a.option("all_electric").EndUserEURPerYear.Value != 600 {
		t.Errorf("pand 2: unit %s, share %v, all-electric %v; want woning, 0.25, 600", a.Unit, a.Share, a.option("all_electric").EndUserEURPerYear)
	}
	if u, _ := ix.ByPandID("0503100000000003"); u.Unit != "pand" || u.Share != 1 {
		t.Errorf("utility pand: unit %s, share %v", u.Unit, u.Share)
	}
}

// TestReadFootprintBounds: a footprint outside EPSG:28992's domain or
// wider than any building is refused, naming the file and the BAG id,
// before the near-pand grid is built (FuzzRead's crasher: one point
// [303450000] made the grid 10^10 cells and ran the test out of memory).
func TestReadFootprintBounds(t *testing.T) {
	t.Parallel()
	var seed bytes.Buffer
	if err := FromResult(smallResult(), smallAddresses(), "test").WriteJSON(&seed); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bytes.NewReader(seed.Bytes()), "ok.json"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, point, want string }{
		{"one coordinate", "[303450000]", "not in EPSG:28992"},
		{"3 km wide", "[3010,450000]", "footprint spans 3010 x 10 m, over 3000 m"},
	} {
		raw := strings.Replace(seed.String(), "[10,450000]", c.point, 1)
		if raw == seed.String() {
			t.Fatal("the seed has no [10,450000]")
		}
		_, err := Read(strings.NewReader(raw), "bad.json")
		if err == nil || !strings.Contains(err.Error(), "bad.json: pand 0 (BAG id 0503100000000001)") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error naming bad.json, pand 0 and %q", c.name, err, c.want)
		}
	}
}

// FuzzRead: Read never panics on any bytes, and what it accepts writes
// back to bytes that read to the same index.
func FuzzRead(f *testing.F) {
	var seed bytes.Buffer
	if err := FromResult(smallResult(), smallAddresses(), "test").WriteJSON(&seed); err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Bytes())
	f.Add([]byte(`{"format":"wijkwarmte-answers","version":1,"panden":[{"pand_id":"0503100000000001","footprint_rd":[],"use":"woning"}]}`))
	f.Add([]byte(`{"format":"wijkwarmte-answers","version":1,"panden":[],"addresses":[{"postcode":"2628RC","huisnummer":1,"pand_id":"0503100000000009"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ix, err := Read(bytes.NewReader(raw), "fuzz.json")
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := ix.WriteJSON(&out); err != nil {
			t.Fatalf("write of an accepted index: %v", err)
		}
		back, err := Read(bytes.NewReader(out.Bytes()), "back.json")
		if err != nil {
			t.Fatalf("the index written does not read back: %v", err)
		}
		if back.Len() != ix.Len() || len(back.Addresses()) != len(ix.Addresses()) {
			t.Fatalf("read back %d panden %d addresses, wrote %d %d", back.Len(), len(back.Addresses()), ix.Len(), len(ix.Addresses()))
		}
		for _, a := range ix.Addresses() {
			ix.Find(a.String())
		}
	})
}

// TestAssumedSourceShown: an option priced with an assumed heat source
// says so in the answer (source_assumed), the text, the A4 sheet and the
// Why of a best option, and keeps saying so after answers.json is read
// back (the demo's "2624AK 123B" gave "S2a Warmtenet MT, restwarmte
// (70 °C)" with costs and no hint, where the report says "aangen. bron").
func TestAssumedSourceShown(t *testing.T) {
	t.Parallel()
	res := smallResult()
	b := &res.Buildings[0]
	b.Best = wijkanalyse.OptionWarmtenetMT
	for i := range b.Options {
		if b.Options[i].Kind == wijkanalyse.OptionWarmtenetMT {
			b.Options[i] = wijkanalyse.Option{Kind: wijkanalyse.OptionWarmtenetMT, Feasible: true, Reason: "aan het net",
				National: wijkanalyse.Band{Value: 900, Min: 800, Max: 1000}, EndUser: wijkanalyse.Band{Value: 1900, Min: 1800, Max: 2000},
				CO2: wijkanalyse.Band{Value: 1, Min: 1, Max: 1}, Score: 100}
		}
	}
	ix := FromResult(res, smallAddresses(), "test")
	ix.MarkAssumedSources([]wijkanalyse.OptionKind{wijkanalyse.OptionWarmtenetMT})
	var js bytes.Buffer
	if err := ix.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	back, err := Read(bytes.NewReader(js.Bytes()), "answers.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, x := range map[string]*Index{"built": ix, "read back": back} {
		a, err := x.ByPandID("0503100000000001")
		if err != nil {
			t.Fatal(err)
		}
		if o := a.option(string(wijkanalyse.OptionWarmtenetMT)); o == nil || !o.SourceAssumed {
			t.Errorf("%s: warmtenet_mt not marked source_assumed: %+v", name, o)
		}
		if o := a.option(string(wijkanalyse.OptionAllElectric)); o == nil || o.SourceAssumed {
			t.Errorf("%s: all_electric marked source_assumed", name)
		}
		var txt, sheet bytes.Buffer
		if err := a.WriteText(&txt); err != nil {
			t.Fatal(err)
		}
		if err := x.WriteSheet(&sheet, a); err != nil {
			t.Fatal(err)
		}
		if want := "Beste optie: " + a.BestName + ", " + AssumedSourceText + "\n"; !strings.Contains(txt.String(), want) {
			t.Errorf("%s: text lacks %q:\n%s", name, want, txt.String())
		}
		if n := strings.Count(sheet.String(), AssumedSourceText); n < 1 || !strings.Contains(sheet.String(), "(aangenomen bron)") {
			t.Errorf("%s: sheet names the assumed source %d times and no row marked \"(aangenomen bron)\"; want the best option and its row", name, n)
		}
		if n := strings.Count(strings.Join(a.Why, " "), "aangenomen warmtebron"); n != 1 {
			t.Errorf("%s: Why mentions the assumed source %d times, want 1: %q", name, n, a.Why)
		}
	}
}

// TestBouwjaarAfterNewestPeriod: a bouwjaar of 2024 is shown as itself
// with the class it is counted in, in the text and on the sheet; it read
// "bouwperiode 2015 - 2020".
func TestBouwjaarAfterNewestPeriod(t *testing.T) {
	t.Parallel()
	res := smallResult()
	res.Buildings[0].Bouwjaar, res.Buildings[0].Era = 2024, wijkanalyse.EraOf(2024)
	res.Buildings[1].Bouwjaar, res.Buildings[1].Era = 2016, wijkanalyse.EraOf(2016)
	ix := FromResult(res, smallAddresses(), "test")
	for id, want := range map[string]string{
		"0503100000000001": "Bouwjaar: 2024 (gerekend als bouwperiode 2015 - 2020, de nieuwste van Vesta MAIS)",
		"0503100000000002": "Bouwjaar: 2016 (bouwperiode 2015 - 2020)",
	} {
		a, err := ix.ByPandID(id)
		if err != nil {
			t.Fatal(err)
		}
		var txt, sheet bytes.Buffer
		if err := a.WriteText(&txt); err != nil {
			t.Fatal(err)
		}
		if err := ix.WriteSheet(&sheet, a); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(txt.String(), want) {
			t.Errorf("%s: text lacks %q:\n%s", id, want, txt.String())
		}
		if v := strings.TrimPrefix(want, "Bouwjaar: "); !strings.Contains(sheet.String(), v) {
			t.Errorf("%s: sheet lacks %q", id, v)
		}
	}
}

// TestSheetMapFitsLargePand: the sheet's map shows the whole of a pand
// larger than its 120 m box, with a margin (the box around the centroid
// clipped 0503100000032956 of the demo); a small pand keeps the box.
func TestSheetMapFitsLargePand(t *testing.T) {
	t.Parallel()
	res := smallResult()
	big := res.Buildings[2]
	big.ID = "0503100000000004"
	big.Footprint = orb.Polygon{{{1000, 450000}, {1400, 450000}, {1400, 450050}, {1000, 450050}, {1000, 450000}}}
	big.Centroid = orb.Point{1200, 450025}
	res.Buildings = append(res.Buildings, big)
	ix := FromResult(res, smallAddresses(), "test")
	orange := regexp.MustCompile(`<path d="([^"]*)" fill-rule="evenodd" fill="#f08a24"`)
	for id, wantMin := range map[string]float64{"0503100000000004": 0, "0503100000000001": 100} {
		a, err := ix.ByPandID(id)
		if err != nil {
			t.Fatal(err)
		}
		var sheet bytes.Buffer
		if err := ix.WriteSheet(&sheet, a); err != nil {
			t.Fatal(err)
		}
		m := orange.FindStringSubmatch(sheet.String())
		if m == nil {
			t.Fatalf("%s: no orange pand on the sheet's map", id)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, f := range strings.FieldsFunc(m[1], func(r rune) bool { return r == 'M' || r == 'L' || r == 'Z' || r == ' ' }) {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			lo, hi = min(lo, v), max(hi, v)
		}
		if lo < 10 || hi > 290 || lo < wantMin {
			t.Errorf("%s: the pand spans %g to %g of the map's 300 units; want all of it inside, with a margin", id, lo, hi)
		}
	}
}
