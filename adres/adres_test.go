package adres

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

type demoScan struct {
	in  wijkanalyse.Input
	res wijkanalyse.Result
	ix  *Index
}

// scanDemo scans the embedded demo wijk once through the library, as
// internal/scan does for wijkwarmte scan.
var scanDemo = sync.OnceValues(func() (*demoScan, error) {
	ex, err := geodata.ReadOSMPBF(context.Background(), bytes.NewReader(demo.PBF()), demo.FileName)
	if err != nil {
		return nil, err
	}
	panden, rep := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	in := wijkanalyse.Input{Panden: panden, Addresses: ex.Addresses, Streets: ex.Streets, Water: ex.Water,
		BuildingsReport: rep, StreetsReport: ex.StreetReport}
	res, err := wijkanalyse.Scan(context.Background(), in, wijkanalyse.Options{})
	if err != nil {
		return nil, err
	}
	return &demoScan{in: in, res: res, ix: FromResult(&res, in.Addresses, "demo")}, nil
})

func loadDemo(t testing.TB) *demoScan {
	t.Helper()
	d, err := scanDemo()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDemoAddressPoints: over every address point of the demo, the
// answer's pand is the pand whose footprint contains the point (where
// one does), by point and, where the address is unique, by address.
func TestDemoAddressPoints(t *testing.T) {
	d := loadDemo(t)
	fp := geodata.NewFootprintIndex(d.in.Panden)
	count := map[string]int{}
	for _, a := range d.in.Addresses {
		for _, n := range splitNumbers(a.Housenumber) {
			if pc, ok := normalPostcode(a.Postcode); ok {
				count[Address{Postcode: pc, Huisnummer: n.number, Toevoeging: n.toevoeging}.String()]++
			}
		}
	}
	var inside, near, none, byAddr int
	for _, a := range d.in.Addresses {
		want := fp.Locate(a.Point)
		got, err := d.ix.ByPoint(a.Point)
		switch {
		case want >= 0:
			inside++
			if err != nil {
				t.Fatalf("address point %s %s in pand %s: %v", a.Postcode, a.Housenumber, d.in.Panden[want].ID, err)
			}
			if got.PandID != d.in.Panden[want].ID {
				t.Fatalf("address point %s %s: answer for pand %s, the point lies in %s", a.Postcode, a.Housenumber, got.PandID, d.in.Panden[want].ID)
			}
		case err == nil:
			near++
		default:
			none++
		}
		pc, ok := normalPostcode(a.Postcode)
		ns := splitNumbers(a.Housenumber)
		if !ok || len(ns) != 1 || want < 0 {
			continue
		}
		key := Address{Postcode: pc, Huisnummer: ns[0].number, Toevoeging: ns[0].toevoeging}
		if count[key.String()] != 1 {
			continue
		}
		byAddr++
		ans, err := d.ix.ByAddress(pc, ns[0].number, ns[0].toevoeging)
		if err != nil {
			t.Fatalf("address %s: %v", key, err)
		}
		if ans.PandID != d.in.Panden[want].ID {
			t.Fatalf("address %s: answer for pand %s, its point lies in %s", key, ans.PandID, d.in.Panden[want].ID)
		}
		if ans.Address == nil || ans.Address.String() != key.String() {
			t.Fatalf("address %s: answer names address %v", key, ans.Address)
		}
	}
	t.Logf("%d address points: %d in a footprint, %d within %.0f m of one, %d farther; %d unique addresses looked up",
		len(d.in.Addresses), inside, near, NearM, none, byAddr)
	if inside == 0 || byAddr == 0 {
		t.Fatal("no address point of the demo lies in a footprint")
	}
}

// TestDemoAnswersFinite: every figure of every answer is a finite number
// or, for an infeasible option, explicitly not applicable with a reason.
func TestDemoAnswersFinite(t *testing.T) {
	d := loadDemo(t)
	for i := range d.ix.Len() {
		a := d.ix.Pand(i).Answer
		for name, v := range map[string]float64{"share": a.Share, "utility_share": a.UtilityShare, "floor_area_m2": a.FloorAreaM2,
			"heat_demand_gj": a.HeatDemandGJ, "gas_m3": a.GasM3, "x": a.CentroidRD[0], "y": a.CentroidRD[1]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("pand %s: %s = %v", a.PandID, name, v)
			}
		}
		if a.Use != string(wijkanalyse.UseBijgebouw) && (a.Best == "" || len(a.Why) == 0 || len(a.Works) == 0) {
			t.Fatalf("pand %s (%s): best %q, %d sentences why, %d works", a.PandID, a.Use, a.Best, len(a.Why), len(a.Works))
		}
		for _, o := range a.Options {
			bands := map[string]Band{"enduser": o.EndUserEURPerYear, "versus_gas": o.VersusGasEURPerYear, "national": o.NationalEURPerYear, "co2": o.CO2TPerYear}
			for name, b := range bands {
				switch {
				case o.Feasible && !b.Finite():
					t.Fatalf("pand %s option %s: feasible, %s = %+v", a.PandID, o.Kind, name, b)
				case !o.Feasible && b.Applies():
					t.Fatalf("pand %s option %s: infeasible, %s = %+v", a.PandID, o.Kind, name, b)
				}
			}
			if !o.Feasible && o.Reason == "" {
				t.Fatalf("pand %s option %s: infeasible without a reason", a.PandID, o.Kind)
			}
		}
	}
}

// TestDemoDwellingsSum: the per-dwelling figures of a pand, times its
// dwellings, plus its utility part, give the building figure.
func TestDemoDwellingsSum(t *testing.T) {
	d := loadDemo(t)
	checked := 0
	for i := range d.res.Buildings {
		b := &d.res.Buildings[i]
		a := d.ix.Pand(i).Answer
		units := 1.0
		if a.Unit == "woning" {
			units = float64(a.Dwellings)
		}
		if s := units*a.Share + a.UtilityShare; math.Abs(s-1) > 1e-9 {
			t.Fatalf("pand %s: %v units × share %v + utility %v = %v, want 1", b.ID, units, a.Share, a.UtilityShare, s)
		}
		for k, o := range b.Options {
			if !o.Feasible {
				continue
			}
			oa := a.Options[k]
			for _, c := range []struct {
				name      string
				per, bldg float64
			}{
				{"enduser", oa.EndUserEURPerYear.Value, o.EndUser.Value},
				{"enduser min", oa.EndUserEURPerYear.Min, o.EndUser.Min},
				{"enduser max", oa.EndUserEURPerYear.Max, o.EndUser.Max},
				{"national", oa.NationalEURPerYear.Value, o.National.Value},
				{"co2", oa.CO2TPerYear.Value, o.CO2.Value},
			} {
				sum := c.per*units + c.bldg*a.UtilityShare
				if math.Abs(sum-c.bldg) > 1e-6*math.Max(1, math.Abs(c.bldg)) {
					t.Fatalf("pand %s option %s %s: %v per %s × %v + utility part = %v, building %v", b.ID, o.Kind, c.name, c.per, a.Unit, units, sum, c.bldg)
				}
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no feasible option checked")
	}
}

func TestParseAddress(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, pc string
		nr     int
		toev   string
		ok     bool
	}{
		{"2628RC 33", "2628RC", 33, "", true},
		{"2628 rc 33-A", "2628RC", 33, "A", true},
		{"2628RC, 33 a", "2628RC", 33, "A", true},
		{"2628rc33", "2628RC", 33, "", true},
		{"2628 RC 33 bis", "2628RC", 33, "BIS", true},
		{"2628RC", "", 0, "", false},
		{"2628 33", "", 0, "", false},
		{"0503100000000296", "", 0, "", false},
	} {
		t.Run(c.in, func(t *testing.T) {
			pc, nr, toev, ok := ParseAddress(c.in)
			if ok != c.ok || pc != c.pc || nr != c.nr || toev != c.toev {
				t.Errorf("ParseAddress(%q) = %q %d %q %v, want %q %d %q %v", c.in, pc, nr, toev, ok, c.pc, c.nr, c.toev, c.ok)
			}
		})
	}
}

// TestFindForms: one pand found by every id form, by its address and by
// its centroid; unknown ones are ErrNotFound, nonsense ErrQuery.
func TestFindForms(t *testing.T) {
	d := loadDemo(t)
	var ad Address
	for _, a := range d.ix.Addresses() {
		if a.InFootprint && a.Toevoeging == "" {
			ad = a
			break
		}
	}
	id := ad.PandID
	short := strings.TrimLeft(id, "0")
	p := d.ix.Pand(int(d.ix.byID[id]))
	inside := geodata.PointOnSurface(p.Footprint)
	for _, q := range []string{id, short, "NL.IMBAG.Pand." + id, "nl.imbag.pand." + short, ad.String(),
		strings.ToLower(ad.Postcode[:4] + " " + ad.Postcode[4:] + " " + ad.String()[7:])} {
		a, err := d.ix.Find(q)
		if err != nil || a.PandID != id {
			t.Errorf("Find(%q) = %s, %v; want pand %s", q, a.PandID, err, id)
		}
	}
	if a, err := d.ix.ByPoint(orb.Point(inside)); err != nil || a.PandID != id {
		t.Errorf("ByPoint(point on surface) = %s, %v; want %s", a.PandID, err, id)
	}
	for _, c := range []struct {
		q    string
		want error
	}{
		{"9999ZZ 1", ErrNotFound},
		{"0503109999999999", ErrNotFound},
		{"0503010000000001", ErrQuery}, // a verblijfsobject id
		{"hallo", ErrQuery},
		{"", ErrQuery},
		{"0 300000", ErrNotFound},
		{"NaN NaN", ErrQuery}, // was a point, "punt (NaN, NaN) ligt niet bij een pand"
		{"85000 NaN", ErrQuery},
	} {
		if _, err := d.ix.Find(c.q); !errors.Is(err, c.want) {
			t.Errorf("Find(%q) = %v, want %v", c.q, err, c.want)
		}
	}
}

// TestFileRoundTrip: the answers file reads back to the same answers,
// and the same index writes the same bytes.
func TestFileRoundTrip(t *testing.T) {
	d := loadDemo(t)
	var a, b bytes.Buffer
	if err := d.ix.WriteJSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := d.ix.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of one index differ")
	}
	back, err := Read(bytes.NewReader(a.Bytes()), FileName)
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if err := back.WriteJSON(&c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("the index read back writes other bytes")
	}
	t.Logf("%s: %d bytes, %d panden, %d addresses (%d in no pand)", FileName, a.Len(), back.Len(), len(back.Addresses()), back.AddressesOutside())
	for _, ad := range d.ix.Addresses()[:50] {
		x, err1 := d.ix.ByAddress(ad.Postcode, ad.Huisnummer, ad.Toevoeging)
		y, err2 := back.ByAddress(ad.Postcode, ad.Huisnummer, ad.Toevoeging)
		if (err1 == nil) != (err2 == nil) || x.PandID != y.PandID || x.Match != y.Match {
			t.Fatalf("%s: %s %v before, %s %v after reading back", ad, x.PandID, err1, y.PandID, err2)
		}
	}
	if _, err := Read(strings.NewReader(`{"format":"other","version":1}`), "x.json"); err == nil {
		t.Error("a file of another format was read")
	}
}

// TestUtilityAnswerNoResident: the answer for a utility pand (a school, an
// office) speaks to its user, not to "u als bewoner" as a dwelling's does.
func TestUtilityAnswerNoResident(t *testing.T) {
	d := loadDemo(t)
	n := 0
	for i := range d.ix.Len() {
		a := d.ix.Pand(i).Answer
		why := strings.Join(a.Why, " ")
		switch {
		case a.Unit == "pand" && strings.Contains(why, "als bewoner"):
			t.Fatalf("utility pand %s: %q", a.PandID, why)
		case a.Unit == "pand" && strings.Contains(why, "Voor u als gebruiker van het pand kost"):
			n++
		case a.Unit == "woning" && strings.Contains(why, "als gebruiker van het pand"):
			t.Fatalf("woning pand %s: %q", a.PandID, why)
		}
	}
	if n == 0 {
		t.Error("no utility pand of the demo names its user")
	}
}

// TestFindPairs: two numbers that are no RD point say what was read and
// how a point is written ("0 0" was "geen BAG-pandnummer"); a WGS84
// point in the Netherlands, lon lat or lat lon, is taken as such and
// answers as its RD point does.
func TestFindPairs(t *testing.T) {
	d := loadDemo(t)
	for _, q := range []string{"0 0", "1 2", "-5 7.5"} {
		_, err := d.ix.Find(q)
		if !errors.Is(err, ErrQuery) || !strings.Contains(err.Error(), "twee getallen") || !strings.Contains(err.Error(), "RD (EPSG:28992)") || !strings.Contains(err.Error(), "WGS84") {
			t.Errorf("Find(%q) = %v; want ErrQuery saying how a point is written", q, err)
		}
	}
	found := false
	for lon := 4.3600; lon < 4.3900 && !found; lon += 0.0005 {
		for lat := 51.9950; lat < 52.0050 && !found; lat += 0.0005 {
			g, err := geodata.TransformToRD(orb.Point{lon, lat}, 4326)
			if err != nil {
				t.Fatal(err)
			}
			want, err := d.ix.ByPoint(g.(orb.Point))
			if err != nil {
				continue
			}
			found = true
			for _, q := range []string{strconv.FormatFloat(lon, 'f', 4, 64) + " " + strconv.FormatFloat(lat, 'f', 4, 64),
				strconv.FormatFloat(lat, 'f', 4, 64) + ", " + strconv.FormatFloat(lon, 'f', 4, 64)} {
				a, err := d.ix.Find(q)
				if err != nil || a.PandID != want.PandID || !strings.HasPrefix(a.Match, "WGS84-punt lengte ") {
					t.Errorf("Find(%q) = %s (%q), %v; want pand %s", q, a.PandID, a.Match, err, want.PandID)
				}
			}
		}
	}
	if !found {
		t.Fatal("no demo pand found on the WGS84 grid")
	}
	if a, err := d.ix.Find("4.37 52.0"); err == nil && !strings.HasPrefix(a.Match, "WGS84-punt") || err != nil && !strings.Contains(err.Error(), "WGS84-punt lengte 4,37, breedte 52") {
		t.Errorf("Find(4.37 52.0) = %q, %v", a.Match, err)
	}
}
