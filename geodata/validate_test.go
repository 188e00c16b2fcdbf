package geodata

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/twpayne/go-geos"
)

func TestNormalizeBAGID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"0503100000000296", "0503100000000296", true},
		{"503100000000296", "0503100000000296", true},
		{"NL.IMBAG.Pand.0503100000000296", "0503100000000296", true},
		{"nl.imbag.pand.503100000000296", "0503100000000296", true},
		{"NL.IMBAG.Verblijfsobject.0503010000012345", "0503010000012345", true},
		{" 0503 1000 0000 0296 ", "0503100000000296", true},
		{"296", "", false},                             // pads to gemeentecode 0000
		{"12345", "", false},                           // likewise: not a BAG id
		{"0503990000000296", "", false},                // object type 99 does not exist
		{"0797020000056894", "0797020000056894", true}, // ligplaats
		{"", "", false},
		{"   ", "", false},
		{"NL.IMBAG.Pand.", "", false},
		{"x2", "", false},
		{"0503-100000000296", "", false},
		{"05031000000002961", "", false}, // 17 digits
		{"1e15", "", false},
	}
	for _, c := range cases {
		got, err := NormalizeBAGID(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("NormalizeBAGID(%q) = %q, %v; want %q (ok %v)", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestNormalizePandID: a pand id must carry object type 10.
func TestNormalizePandID(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string
	}{
		{"503100000000296", "0503100000000296"},
		{"NL.IMBAG.Pand.0503100000000296", "0503100000000296"},
		{"0503010000012345", ""}, // a verblijfsobject id
		{"0797020000056894", ""}, // a ligplaats id
		{"12345", ""},
	} {
		got, err := NormalizePandID(c.in)
		if got != c.want || (err == nil) != (c.want != "") {
			t.Errorf("NormalizePandID(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestPlausibleBouwjaar(t *testing.T) {
	t.Parallel()
	now := time.Now().Year()
	for y, want := range map[int]bool{0: false, 999: false, 1000: true, 1600: true, 1913: true,
		now: true, now + 5: true, now + 6: false, 9999: false, -5: false} {
		if got := PlausibleBouwjaar(y); got != want {
			t.Errorf("PlausibleBouwjaar(%d) = %v, want %v", y, got, want)
		}
	}
}

func TestStanding(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"Pand in gebruik": true, "Pand in gebruik (niet ingemeten)": true, "Bouw gestart": true,
		"Verbouwing pand": true, "Sloopvergunning verleend": true, "Pand buiten gebruik": true, "": true,
		"Pand gesloopt": false, "pand gesloopt": false, "Niet gerealiseerd pand": false,
		"Bouwvergunning verleend": false, "Pand ten onrechte opgevoerd": false,
	} {
		if got := Standing(s); got != want {
			t.Errorf("Standing(%q) = %v, want %v", s, got, want)
		}
	}
}

// rd shifts a local polygon into the RD box, as real footprints are.
func rd(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = make(orb.Ring, len(r))
		for j, q := range r {
			out[i][j] = orb.Point{85000 + q[0], 447000 + q[1]}
		}
	}
	return out
}

func TestValidatorPand(t *testing.T) {
	t.Parallel()
	box := rd(orb.Polygon{{{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}})
	withHole := rd(orb.Polygon{{{0, 0}, {20, 0}, {20, 20}, {0, 20}, {0, 0}}, {{5, 5}, {5, 15}, {15, 15}, {15, 5}, {5, 5}}})
	bowtie := rd(orb.Polygon{{{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}})
	// A bow-tie with unequal lobes: MakeValid gives two triangles, the
	// larger (area 32, against 8) is kept.
	uneven := rd(orb.Polygon{{{0, 0}, {12, 8}, {12, 0}, {0, 4}, {0, 0}}})
	open := rd(orb.Polygon{{{0, 0}, {10, 0}, {10, 8}, {0, 8}}})
	spike := rd(orb.Polygon{{{0, 0}, {10, 0}, {10, 8}, {10, 12}, {10, 8}, {0, 8}, {0, 0}}})
	line := rd(orb.Polygon{{{0, 0}, {10, 0}, {20, 0}, {0, 0}}})
	// A 3D (Z) WKB footprint as PDOK 3D exports write it, decoded flat.
	z, err := DecodeWKB(newWKB(false).header(1003).u32(1).u32(5).
		f(85000, 447000, 1.5, 85010, 447000, 1.5, 85010, 447008, 7, 85000, 447008, 7, 85000, 447000, 1.5).bytes())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		in       Pand
		use      bool
		skip     string
		repairs  []string
		wantArea float64 // of the kept footprint
		rings    int
	}{
		{"valid box", Pand{ID: "503100000000296", Status: "Pand in gebruik", Bouwjaar: 1920, Footprint: box}, true, "", nil, 80, 1},
		{"prefixed id", Pand{ID: "NL.IMBAG.Pand.0503100000000296", Bouwjaar: 1920, Footprint: box}, true, "", nil, 80, 1},
		{"hole kept whole", Pand{ID: "0503100000000001", Bouwjaar: 1970, Footprint: withHole}, true, "", nil, 300, 2},
		{"bow-tie repaired", Pand{ID: "0503100000000002", Bouwjaar: 1970, Footprint: bowtie}, true, "", []string{RepairMadeValid, RepairMultipartLargestKept}, 25, 1},
		{"uneven bow-tie keeps largest", Pand{ID: "0503100000000002", Bouwjaar: 1970, Footprint: uneven}, true, "", []string{RepairMadeValid, RepairMultipartLargestKept}, 32, 1},
		{"spike removed", Pand{ID: "0503100000000002", Bouwjaar: 1970, Footprint: spike}, true, "", []string{RepairMadeValid}, 80, 1},
		{"open ring closed", Pand{ID: "0503100000000003", Bouwjaar: 1970, Footprint: open}, true, "", []string{RepairRingClosed}, 80, 1},
		{"3D WKB flattened", Pand{ID: "0503100000000004", Bouwjaar: 1970, Footprint: z.(orb.Polygon)}, true, "", nil, 80, 1},
		{"bouwjaar 9999 kept", Pand{ID: "0503100000000005", Bouwjaar: 9999, Footprint: box}, true, "", []string{RepairBouwjaarImplausible}, 80, 1},
		{"bouwjaar 0 kept", Pand{ID: "0503100000000005", Footprint: box}, true, "", []string{RepairBouwjaarImplausible}, 80, 1},
		{"sloopvergunning stands", Pand{ID: "0503100000000006", Status: "Sloopvergunning verleend", Bouwjaar: 1960, Footprint: box}, true, "", nil, 80, 1},
		{"gesloopt", Pand{ID: "0503100000000007", Status: "Pand gesloopt", Bouwjaar: 1960, Footprint: box}, false, SkipNotStanding, nil, 0, 0},
		{"niet gerealiseerd", Pand{ID: "0503100000000007", Status: "Niet gerealiseerd pand", Footprint: box}, false, SkipNotStanding, nil, 0, 0},
		{"bouwvergunning", Pand{ID: "0503100000000007", Status: "Bouwvergunning verleend", Footprint: box}, false, SkipNotStanding, nil, 0, 0},
		{"ten onrechte", Pand{ID: "0503100000000007", Status: "Pand ten onrechte opgevoerd", Footprint: box}, false, SkipNotStanding, nil, 0, 0},
		{"no id", Pand{ID: "", Bouwjaar: 1960, Footprint: box}, false, SkipNoID, nil, 0, 0},
		{"bad id", Pand{ID: "x2", Bouwjaar: 1960, Footprint: box}, false, SkipNoID, nil, 0, 0},
		{"no footprint", Pand{ID: "0503100000000008", Bouwjaar: 1960}, false, SkipNoGeometry, nil, 0, 0},
		{"collapsed to a line", Pand{ID: "0503100000000009", Bouwjaar: 1960, Footprint: line}, false, SkipBadGeometry, nil, 0, 0},
		{"two-point shell", Pand{ID: "0503100000000009", Bouwjaar: 1960, Footprint: orb.Polygon{{{0, 0}, {1, 1}}}}, false, SkipBadGeometry, nil, 0, 0}, // closed, but skipped: no repair counted
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			v := NewValidator()
			p := c.in
			if got := v.Pand(&p); got != c.use {
				t.Fatalf("use = %v, want %v (report %+v)", got, c.use, v.Report)
			}
			r := v.Report
			if r.Read != 1 || r.Read != r.Used+r.SkippedTotal() {
				t.Fatalf("report %+v does not add up", r)
			}
			if c.skip != "" && r.Skipped[c.skip] != 1 {
				t.Fatalf("skipped %v, want %s", r.Skipped, c.skip)
			}
			repairs := c.repairs
			if c.use && c.in.Status == "" {
				// No status: used, and counted as taken for standing.
				repairs = append(slices.Clone(repairs), RepairStatusUnknown)
			}
			if len(r.Repaired) != len(repairs) {
				t.Fatalf("repairs %v, want %v", r.Repaired, repairs)
			}
			for _, rr := range repairs {
				if r.Repaired[rr] != 1 {
					t.Fatalf("repairs %v, want %v", r.Repaired, c.repairs)
				}
			}
			if !c.use {
				return
			}
			if len(p.ID) != 16 {
				t.Errorf("id %q not normalised", p.ID)
			}
			if a := planar.Area(p.Footprint); math.Abs(a-c.wantArea) > 1e-6 || len(p.Footprint) != c.rings {
				t.Errorf("footprint area %v with %d rings, want %v with %d", a, len(p.Footprint), c.wantArea, c.rings)
			}
			g, err := geos.NewContext().NewGeomFromWKB(AppendWKB(nil, p.Footprint))
			if err != nil || !g.IsValid() {
				t.Errorf("kept footprint is not valid for GEOS: %v", err)
			}
		})
	}
}

// TestSimpleRingAgainstGEOS cross-checks the pure-Go validity shortcut
// with GEOS on random small rings: whenever simpleRing says valid, GEOS
// must agree (the reverse need not hold: simpleRing may defer).
func TestSimpleRingAgainstGEOS(t *testing.T) {
	t.Parallel()
	ctx := geos.NewContext()
	rng := rand.New(rand.NewPCG(1, 2))
	agreeValid, deferred := 0, 0
	for i := range 3000 {
		n := 3 + rng.IntN(8)
		r := make(orb.Ring, 0, n+1)
		for range n {
			// Coarse grid so that touching and collinear cases occur.
			r = append(r, orb.Point{85000 + float64(rng.IntN(6)), 447000 + float64(rng.IntN(6))})
		}
		if i%2 == 0 { // star-shaped, mostly simple rings too
			r = r[:0]
			for k := range n {
				a := 2 * math.Pi * float64(k) / float64(n)
				rad := 5 + 4*rng.Float64()
				r = append(r, orb.Point{85000 + rad*math.Cos(a), 447000 + rad*math.Sin(a)})
			}
		}
		r = append(r, r[0])
		g, err := ctx.NewGeomFromWKB(AppendWKB(nil, orb.Polygon{r}))
		if err != nil {
			continue
		}
		valid := g.IsValid()
		fast := simpleRing(r)
		if fast && !valid {
			t.Fatalf("simpleRing says valid, GEOS says invalid: %v", r)
		}
		if fast {
			agreeValid++
		} else if valid {
			deferred++
		}
	}
	if agreeValid < 1000 {
		t.Errorf("simpleRing accepted only %d rings; the shortcut does not work", agreeValid)
	}
	t.Logf("fast path accepted %d valid rings, deferred %d valid rings to GEOS", agreeValid, deferred)
}

func TestDedup(t *testing.T) {
	t.Parallel()
	box := rd(orb.Polygon{{{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}})
	day := func(d int) time.Time { return time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC) }
	in := []Pand{
		{ID: "503100000000001", Bouwjaar: 1900, Registered: day(5), Footprint: box},
		{ID: "NL.IMBAG.Pand.0503100000000001", Bouwjaar: 1901, Registered: day(3), Footprint: box}, // older: dropped
		{ID: "503100000000002", Bouwjaar: 1950, Footprint: box},
		{ID: "0503100000000002", Bouwjaar: 1951, Footprint: box}, // no dates: later wins
		{ID: "0503100000000003", Bouwjaar: 1960, Registered: day(1), Footprint: box},
		{ID: "0503100000000003", Bouwjaar: 1961, Registered: day(2), Footprint: box}, // newer wins
		{ID: "0503100000000004", Status: "Pand gesloopt", Footprint: box},
	}
	v := NewValidator()
	d := NewDedup(&v.Report)
	for _, p := range in {
		if v.Pand(&p) {
			d.Add(p)
		}
	}
	got := d.Panden()
	want := map[string]int{"0503100000000001": 1900, "0503100000000002": 1951, "0503100000000003": 1961}
	if len(got) != 3 || d.Len() != 3 {
		t.Fatalf("kept %d panden, want 3", len(got))
	}
	for _, p := range got {
		if want[p.ID] != p.Bouwjaar {
			t.Errorf("%s kept bouwjaar %d, want %d", p.ID, p.Bouwjaar, want[p.ID])
		}
	}
	r := v.Report
	if r.Read != 7 || r.Used != 3 || r.Skipped[SkipDuplicateID] != 3 || r.Skipped[SkipNotStanding] != 1 || r.Read != r.Used+r.SkippedTotal() {
		t.Errorf("report %+v", r)
	}
}

// TestRepairsCountOnlyRecordsUsed: Report.Repaired counts records used,
// never more than Used. Two GeoJSON features sharing ref_bag gave
// buildings_used 49 and status_unknown_taken_as_standing 50; a ring
// closed and then left without a polygon was counted as repaired too.
func TestRepairsCountOnlyRecordsUsed(t *testing.T) {
	t.Parallel()
	box := rd(orb.Polygon{{{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}})
	day := func(d int) time.Time { return time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC) }
	in := []Pand{
		{ID: "0503100000000001", Bouwjaar: 1900, Footprint: box},
		{ID: "0503100000000001", Bouwjaar: 1900, Footprint: box}, // later wins: the first one's repair goes
		{ID: "0503100000000002", Bouwjaar: 9999, Registered: day(5), Status: "Pand in gebruik", Footprint: box},
		{ID: "0503100000000002", Bouwjaar: 1950, Registered: day(3), Footprint: box},                                  // older: dropped with its repair
		{ID: "0503100000000003", Bouwjaar: 1960, Status: "Pand in gebruik", Footprint: orb.Polygon{{{0, 0}, {1, 0}}}}, // closed, then no polygon
	}
	v := NewValidator()
	d := NewDedup(&v.Report)
	for _, p := range in {
		if v.Pand(&p) {
			d.Add(p)
		}
	}
	r := v.Report
	want := map[string]int{RepairStatusUnknown: 1, RepairBouwjaarImplausible: 1}
	if r.Used != 2 || !maps.Equal(r.Repaired, want) {
		t.Errorf("used %d, repaired %v; want 2, %v", r.Used, r.Repaired, want)
	}
}

func ExampleValidator() {
	v := NewValidator()
	panden := []Pand{
		{ID: "NL.IMBAG.Pand.0503100000000296", Status: "Pand in gebruik", Bouwjaar: 1920,
			Footprint: orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447008}, {85000, 447000}}}},
		{ID: "503100000000297", Status: "Pand gesloopt", Bouwjaar: 1930},
		{ID: "503100000000298", Status: "Pand in gebruik", Bouwjaar: 9999, // a bow-tie
			Footprint: orb.Polygon{{{85000, 447000}, {85010, 447010}, {85010, 447000}, {85000, 447010}, {85000, 447000}}}},
	}
	for i := range panden {
		if v.Pand(&panden[i]) {
			fmt.Printf("%s %d %.0f m2\n", panden[i].ID, panden[i].Bouwjaar, planar.Area(panden[i].Footprint))
		}
	}
	fmt.Println(v.Report.Read, v.Report.Used, v.Report.Skipped, v.Report.Repaired)
	// Output:
	// 0503100000000296 1920 80 m2
	// 0503100000000298 9999 25 m2
	// 3 2 map[status_not_standing:1] map[bouwjaar_implausible:1 made_valid:1 multipart_largest_kept:1]
}

// TestValidatePandenMergesReports checks that a reader's own skips and the
// validator's and dedup's add up: Read == Used + skipped, nothing lost.
func TestValidatePandenMergesReports(t *testing.T) {
	t.Parallel()
	sq := func(x float64) orb.Polygon {
		return orb.Polygon{{{x, 0}, {x + 10, 0}, {x + 10, 10}, {x, 10}, {x, 0}}}
	}
	panden := []Pand{
		{ID: "503100000000001", Footprint: sq(0), Status: "Pand in gebruik"},
		{ID: "NL.IMBAG.Pand.0503100000000002", Footprint: sq(20), Status: "Pand gesloopt"},
		{ID: "", Footprint: sq(40)},
		{ID: "0503100000000001", Footprint: sq(60), Status: "Pand in gebruik"}, // duplicate
		{ID: "0503100000000003", Footprint: sq(80), Bouwjaar: 9999},
	}
	// The reader saw six records and skipped one (a line) itself.
	read := Report{Read: 6, Skipped: map[string]int{SkipNotAPolygon: 1}}
	kept, rep := ValidatePanden(panden, read)
	if len(kept) != 2 || rep.Used != 2 {
		t.Fatalf("kept %d, Used %d; want 2", len(kept), rep.Used)
	}
	want := map[string]int{SkipNotAPolygon: 1, SkipNotStanding: 1, SkipNoID: 1, SkipDuplicateID: 1}
	for k, n := range want {
		if rep.Skipped[k] != n {
			t.Errorf("Skipped[%s] = %d, want %d (all: %v)", k, rep.Skipped[k], n, rep.Skipped)
		}
	}
	if rep.Read != rep.Used+rep.SkippedTotal() {
		t.Errorf("Read %d != Used %d + skipped %d", rep.Read, rep.Used, rep.SkippedTotal())
	}
	if kept[0].ID != "0503100000000001" || kept[0].Footprint[0][0][0] != 60 {
		t.Errorf("kept[0] = %s at x %v, want the later record of 0503100000000001", kept[0].ID, kept[0].Footprint[0][0][0])
	}
}
