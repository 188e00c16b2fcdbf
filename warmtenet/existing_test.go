package warmtenet_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/netfixture"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

func existingPipe(id string, dn int, pts ...float64) geodata.ExistingPipe {
	var ls orb.LineString
	for i := 0; i+1 < len(pts); i += 2 {
		ls = append(ls, orb.Point{pts[i], pts[i+1]})
	}
	return geodata.ExistingPipe{ID: id, DN: dn, Geometry: ls, LengthM: planar.Length(ls), TemperatureC: math.NaN()}
}

func streetLength(net *warmtenet.Network) float64 {
	l := 0.0
	for _, s := range net.Segments {
		if s.Kind == "street" {
			l += s.LengthM
		}
	}
	return l
}

// TestExistingOnTheDetour: on detourStreets (direct street 100 m, detour
// 120 m) an existing pipe along the detour's 100 m top makes the detour's
// new pipe 20 m (its legs, which cross the pipe's direction and are not
// reused) against 100 m, so the tree takes it; a pipe too small for the
// load there is not reused, so the tree stays on the direct street; a pipe
// across the street matches nothing.
func TestExistingOnTheDetour(t *testing.T) {
	cases := []struct {
		name       string
		pipes      []geodata.ExistingPipe
		peakKW     float64
		wantDetour bool
	}{
		{"none", nil, 10, false},
		{"DN150 along the detour", []geodata.ExistingPipe{existingPipe("wn-1", 150, 0, 10, 100, 10)}, 10, true},
		{"DN150 along the detour, drawn 6 m off the centreline", []geodata.ExistingPipe{existingPipe("wn-1", 150, 0, 16, 100, 16)}, 10, true},
		{"DN20 along the detour, too small for 3 MW", []geodata.ExistingPipe{existingPipe("wn-1", 20, 0, 10, 100, 10)}, 3000, false},
		{"DN150 across the direct street", []geodata.ExistingPipe{existingPipe("dwars", 150, 50, -20, 50, 30)}, 10, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streets, bs, o := detourStreets()
			bs[0].PeakKW = tc.peakKW
			o.Existing = tc.pipes
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, net)
			want := 100.0
			if tc.wantDetour {
				want = 120
			}
			if got := streetLength(net); math.Abs(got-want) > 1e-6 {
				t.Fatalf("street pipe %.3f m, want %.0f m", got, want)
			}
			u := net.Existing
			if tc.pipes == nil {
				if u != nil {
					t.Fatalf("Existing %+v without existing pipes", u)
				}
				return
			}
			if u == nil || u.Pipes != 1 || math.Abs(u.OfferedM-tc.pipes[0].LengthM) > 1e-9 {
				t.Fatalf("Existing %+v; want 1 pipe of %.0f m offered", u, tc.pipes[0].LengthM)
			}
			if !(net.SteinerLowerBound <= net.SteinerWeight*(1+1e-9)) {
				t.Errorf("lower bound %v above the tree's weight %v", net.SteinerLowerBound, net.SteinerWeight)
			}
			tot := net.Totals
			switch {
			case tc.wantDetour:
				// Reused: the 100 m top; new: 20 m of legs, the 5 m
				// source link and the 5 m service pipe, at 500 euro/m.
				if math.Abs(u.ReusedM-100) > 1e-6 || u.TooSmallM != 0 {
					t.Errorf("reused %.3f m, too small %.3f m; want 100 and 0", u.ReusedM, u.TooSmallM)
				}
				if math.Abs(tot.CostEUR-30*500) > 1e-6 || math.Abs(u.SavingEUR-100*500) > 1e-6 {
					t.Errorf("cost %.2f, saving %.2f euro; want %v and %v", tot.CostEUR, u.SavingEUR, 30*500.0, 100*500.0)
				}
				for _, s := range net.Segments {
					if s.ExistingM > 0 && (s.Existing != "wn-1" || s.ExistingDN != 150 || s.ExistingTooSmall) {
						t.Errorf("segment on existing pipe: %q DN%d too small %v", s.Existing, s.ExistingDN, s.ExistingTooSmall)
					}
				}
			case tc.pipes[0].ID == "dwars":
				if u.MatchedM != 0 || len(u.Unmatched) != 1 {
					t.Errorf("a pipe across the street matched %.2f m (unmatched %v); want none", u.MatchedM, u.Unmatched)
				}
			default:
				// Too small: the detour lost its reuse after the first
				// round's sizing; the direct street is priced in full.
				if u.ReusedM != 0 || u.SavingEUR != 0 {
					t.Errorf("reused %.2f m saving %.2f euro on a pipe too small", u.ReusedM, u.SavingEUR)
				}
				if math.Abs(u.MatchedM-100) > 1e-6 {
					t.Errorf("matched %.3f m of street, want the detour's 100 m top", u.MatchedM)
				}
			}
		})
	}
}

// TestExistingTooSmallIsPricedNew: an existing DN20 pipe along the direct
// street, which the tree takes anyway, is flagged on every street segment
// whose sized DN exceeds 20 and priced as new pipe: the cost equals the
// route without an existing network.
func TestExistingTooSmallIsPricedNew(t *testing.T) {
	streets, bs, o := detourStreets()
	bs[0].PeakKW = 3000
	o.PipeCost = netfixture.PipeCost
	plain, err := warmtenet.Route(context.Background(), streets, bs, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Existing = []geodata.ExistingPipe{existingPipe("oud", 20, 0, 0, 100, 0)}
	net, err := warmtenet.Route(context.Background(), streets, bs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	if math.Abs(streetLength(net)-100) > 1e-6 {
		t.Fatalf("street pipe %.3f m, want the direct 100 m", streetLength(net))
	}
	flagged := 0
	for _, s := range net.Segments {
		if s.Kind != "street" {
			continue
		}
		if s.DN <= 20 {
			t.Fatalf("street segment sized DN%d at 3 MW; the test needs more than DN20", s.DN)
		}
		if !s.ExistingTooSmall || s.Existing != "oud" || s.ExistingDN != 20 || s.ExistingSavingEUR != 0 {
			t.Errorf("segment DN%d on a DN20 pipe: too small %v, pipe %q DN%d, saving %v", s.DN, s.ExistingTooSmall, s.Existing, s.ExistingDN, s.ExistingSavingEUR)
		}
		flagged++
	}
	u := net.Existing
	if flagged == 0 || u.TooSmallSegments != flagged || math.Abs(u.TooSmallM-100) > 1e-6 || u.ReusedM != 0 {
		t.Errorf("Existing %+v, %d segments flagged; want all 100 m too small", u, flagged)
	}
	if math.Abs(net.Totals.CostEUR-plain.Totals.CostEUR) > 1e-6 {
		t.Errorf("cost %.2f with a pipe too small, %.2f without: want the same", net.Totals.CostEUR, plain.Totals.CostEUR)
	}
}

// TestExistingGridFollowsThePipe: on a 4 x 4 grid of 100 m blocks every
// monotone staircase from the source (attached at (0,50)) to the building
// (attached at (300,250)) is a shortest path of 500 m. An existing pipe
// along one of them, up to (300,200), makes the tree take exactly that
// one: only its last 50 m, the source link and the service pipe are new.
func TestExistingGridFollowsThePipe(t *testing.T) {
	var streets []geodata.Street
	for i := 0; i <= 3; i++ {
		c := float64(100 * i)
		streets = append(streets, line("h", "residential", 0, c, 300, c), line("v", "residential", c, 0, c, 300))
	}
	bs := []warmtenet.Building{{ID: "b", Point: orb.Point{295, 250}, PeakKW: 50, AnnualGJ: 100}}
	o := warmtenet.Options{Catalogue: netfixture.Catalogue(), PipeCost: flatPrice,
		Sources:  []warmtenet.Source{{Name: "bron", Point: orb.Point{-5, 50}}},
		Existing: []geodata.ExistingPipe{existingPipe("trap", 100, 0, 0, 0, 100, 200, 100, 200, 200, 300, 200)}}
	net, err := warmtenet.Route(context.Background(), streets, bs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	if got := streetLength(net); math.Abs(got-500) > 1e-6 {
		t.Fatalf("street pipe %.3f m, want a shortest 500 m", got)
	}
	u := net.Existing
	if math.Abs(u.ReusedM-450) > 1e-6 || u.TooSmallM != 0 {
		t.Fatalf("reused %.3f m, too small %.3f m; want 450 m along the pipe", u.ReusedM, u.TooSmallM)
	}
	if want := (50 + 5 + 5) * 500.0; math.Abs(net.Totals.CostEUR-want) > 1e-6 {
		t.Errorf("cost %.2f euro, want %.2f (50 m street, source link, service)", net.Totals.CostEUR, want)
	}
	if math.Abs(u.SavingEUR-450*500) > 1e-6 {
		t.Errorf("saving %.2f euro, want 450 m x 500", u.SavingEUR)
	}
	if !(net.SteinerLowerBound <= net.SteinerWeight*(1+1e-9)) || math.IsNaN(net.SteinerGap) || math.IsInf(net.SteinerGap, 0) {
		t.Errorf("certificate with zero-weight edges: weight %v, bound %v, gap %v", net.SteinerWeight, net.SteinerLowerBound, net.SteinerGap)
	}
	for _, s := range net.Segments {
		if s.Kind == "street" && s.ExistingM > 0 && math.Abs(s.ExistingM-s.LengthM) > 1e-6 {
			t.Errorf("street segment of %.1f m only %.1f m on the pipe", s.LengthM, s.ExistingM)
		}
	}
}

// TestExistingWithWorks: where planned works and an existing pipe meet,
// the works save only on the share laid new, so the cost and both
// savings add up to the undiscounted price.
func TestExistingWithWorks(t *testing.T) {
	streets, bs, o := detourStreets()
	o.Works, o.WorksShare = []geodata.Work{sewerAlongDetour}, 0.49
	o.Existing = []geodata.ExistingPipe{existingPipe("half", 150, 0, 10, 50, 10)}
	net, err := warmtenet.Route(context.Background(), streets, bs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	l := streetLength(net)
	full := (l + 10) * 500
	tot := net.Totals
	if d := tot.CostEUR + tot.WorksSavingEUR + net.Existing.SavingEUR - full; math.Abs(d) > 1e-6 {
		t.Errorf("cost %.2f + works %.2f + existing %.2f != undiscounted %.2f", tot.CostEUR, tot.WorksSavingEUR, net.Existing.SavingEUR, full)
	}
	if l != 120 || math.Abs(net.Existing.ReusedM-50) > 1e-6 {
		t.Errorf("street %.1f m, reused %.2f m; want the detour with 50 m reused", l, net.Existing.ReusedM)
	}
}

func TestExistingBadOptions(t *testing.T) {
	streets, bs, o := detourStreets()
	o.Existing = []geodata.ExistingPipe{existingPipe("x", 0, 0, 10, 100, 10)}
	if _, err := warmtenet.Route(context.Background(), streets, bs, o); err == nil {
		t.Error("DN 0: no error")
	}
	o.Existing[0].DN = 100
	o.ExistingBufferM = -1
	if _, err := warmtenet.Route(context.Background(), streets, bs, o); err == nil {
		t.Error("buffer -1 m: no error")
	}
	o.ExistingBufferM = 0
	for _, a := range []float64{-1, 90, 120, math.NaN(), math.Inf(1)} {
		o.ExistingMaxAngleDeg = a
		if _, err := warmtenet.Route(context.Background(), streets, bs, o); !errors.Is(err, warmtenet.ErrOptions) {
			t.Errorf("angle %v degrees: error %v, want ErrOptions", a, err)
		}
	}
}

// TestExistingTolerance: the match tolerance is the caller's. On
// detourStreets a pipe drawn 10 m beside the detour's top is reused with
// a 12 m buffer (the tree takes the detour) and not with the default 8 m
// (the tree stays on the direct street, nothing matched); a pipe zigzagging
// along the top at 40 degrees to it, never more than 4 m from its
// centreline, is reused when the angle allowed is 45 degrees and not at
// the default 30.
func TestExistingTolerance(t *testing.T) {
	zigzag := []float64{0, 6}
	run := 8 / math.Tan(40*math.Pi/180) // 8 m up or down at 40 degrees
	for k := 1; float64(k-1)*run < 100; k++ {
		zigzag = append(zigzag, float64(k)*run, 6+8*float64(k%2))
	}
	beside := existingPipe("naast", 150, 0, 20, 100, 20)
	askew := existingPipe("zigzag", 150, zigzag...)
	cases := []struct {
		name       string
		pipe       geodata.ExistingPipe
		bufferM    float64
		angleDeg   float64
		wantDetour bool
	}{
		{"10 m beside, default 8 m", beside, 0, 0, false},
		{"10 m beside, 12 m buffer", beside, 12, 0, true},
		{"at 40 degrees, default 30", askew, 0, 0, false},
		{"at 40 degrees, 45 allowed", askew, 0, 45, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streets, bs, o := detourStreets()
			o.Existing = []geodata.ExistingPipe{tc.pipe}
			o.ExistingBufferM, o.ExistingMaxAngleDeg = tc.bufferM, tc.angleDeg
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, net)
			u := net.Existing
			if !tc.wantDetour {
				if got := streetLength(net); math.Abs(got-100) > 1e-6 || u.MatchedM != 0 || u.ReusedM != 0 || len(u.Unmatched) != 1 {
					t.Fatalf("street %.3f m, matched %.3f m, reused %.3f m, unmatched %v; want the direct 100 m and nothing matched", got, u.MatchedM, u.ReusedM, u.Unmatched)
				}
				return
			}
			if got := streetLength(net); math.Abs(got-120) > 1e-6 {
				t.Fatalf("street %.3f m, want the 120 m detour", got)
			}
			// The top is 100 m; the legs cross the pipe's direction. A
			// sample a metre apart may miss at the zigzag's first and last
			// piece.
			if u.ReusedM < 98 || u.ReusedM > 100+1e-6 || len(u.Unmatched) != 0 {
				t.Errorf("reused %.3f m, unmatched %v; want the top's 100 m (at least 98)", u.ReusedM, u.Unmatched)
			}
		})
	}
}

// parkStreets are two streets 60 m apart, A along y = 0 and B along
// y = 60 (x from 0 to 200), joined only by a street at x = 200: a source
// at (0,-5) on A and a building at (0,65) on B are 460 m of street
// apart. Between the streets, west of x = 200, lies a park.
func parkStreets(peakKW float64) ([]geodata.Street, []warmtenet.Building, warmtenet.Options) {
	streets := []geodata.Street{
		line("A", "residential", 0, 0, 200, 0),
		line("C", "residential", 200, 0, 200, 60),
		line("B", "residential", 200, 60, 0, 60),
	}
	bs := []warmtenet.Building{{ID: "b", Point: orb.Point{0, 65}, PeakKW: peakKW, AnnualGJ: 30}}
	o := warmtenet.Options{Catalogue: netfixture.Catalogue(), PipeCost: flatPrice,
		Sources: []warmtenet.Source{{Name: "bron", Point: orb.Point{0, -5}}}}
	return streets, bs, o
}

func offStreetLength(net *warmtenet.Network) float64 {
	l := 0.0
	for _, s := range net.Segments {
		if s.Kind == "offstreet" {
			l += s.LengthM
		}
	}
	return l
}

// TestExistingOffStreet: on parkStreets, existing pipe across the park
// is added to the routing network, joined to A and B where it comes
// within the 8 m buffer of them. A straight DN150 pipe from A to B (60 m,
// with its 8 m links at both ends) is the obvious connection and costs
// nothing: only the source link and the service pipe are new. A branch
// that ends in the park is dropped. A DN20 pipe on that course at 3 MW is
// too small: priced as new pipe, 60 m, it is still cheaper than 460 m of
// street, so the tree keeps it, priced in full. A DN20 pipe winding 540 m
// through the park is reused at 10 kW, and at 3 MW, priced new, loses to
// the streets. A pipe whose ends lie farther than the buffer from every
// street is not added and stays unmatched.
func TestExistingOffStreet(t *testing.T) {
	straight := []float64{0, 0, 0, 60}
	winding := []float64{0, 0, -250, 10, -250, 50, 0, 60}
	windingM := 2*math.Hypot(250, 10) + 40
	branched := geodata.ExistingPipe{ID: "tak", DN: 150, TemperatureC: math.NaN(),
		Geometry: orb.MultiLineString{{{0, 0}, {0, 60}}, {{0, 30}, {-40, 30}}}}
	branched.LengthM = 100
	cases := []struct {
		name              string
		pipe              geodata.ExistingPipe
		peakKW            float64
		wantOffM          float64 // off-street pipe added
		wantStreetM       float64 // street pipe in the tree
		wantTreeOffM      float64 // off-street pipe in the tree
		wantTooSmall      bool
		wantUnmatched     bool
		wantCostM         float64 // priced metres at 500 euro
		wantOffReusedM    float64
		wantOffTooSmallM  float64
		wantPiecesAtLeast int
	}{
		{name: "straight DN150", pipe: existingPipe("park", 150, straight...), peakKW: 10,
			wantOffM: 60, wantTreeOffM: 60, wantCostM: 10, wantOffReusedM: 60, wantPiecesAtLeast: 3},
		{name: "straight DN150 with a dead-end branch", pipe: branched, peakKW: 10,
			wantOffM: 60, wantTreeOffM: 60, wantCostM: 10, wantOffReusedM: 60, wantPiecesAtLeast: 4},
		{name: "straight DN20 at 3 MW, priced new", pipe: existingPipe("smal", 20, straight...), peakKW: 3000,
			wantOffM: 60, wantTreeOffM: 60, wantTooSmall: true, wantCostM: 70, wantOffTooSmallM: 60, wantPiecesAtLeast: 3},
		{name: "winding DN20 at 10 kW", pipe: existingPipe("bocht", 20, winding...), peakKW: 10,
			wantOffM: windingM, wantTreeOffM: windingM, wantCostM: 10, wantOffReusedM: windingM, wantPiecesAtLeast: 3},
		{name: "winding DN20 at 3 MW, streets instead", pipe: existingPipe("bocht", 20, winding...), peakKW: 3000,
			wantOffM: windingM, wantStreetM: 460, wantCostM: 470, wantPiecesAtLeast: 3},
		{name: "in the middle of the park", pipe: existingPipe("los", 150, -30, 20, -30, 40), peakKW: 10,
			wantStreetM: 460, wantUnmatched: true, wantCostM: 470},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streets, bs, o := parkStreets(tc.peakKW)
			o.Existing = []geodata.ExistingPipe{tc.pipe}
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, net)
			u := net.Existing
			// The links at the ends are straight (about 8 m from the
			// street to where the pipe leaves its buffer): the added
			// length is the pipe's to within a few centimetres.
			if math.Abs(u.OffStreetM-tc.wantOffM) > 0.1 || u.OffStreetPieces < tc.wantPiecesAtLeast || tc.wantOffM == 0 && u.OffStreetPieces != 0 {
				t.Errorf("off-street pipe added %.3f m in %d pieces; want %.3f m in at least %d", u.OffStreetM, u.OffStreetPieces, tc.wantOffM, tc.wantPiecesAtLeast)
			}
			if got := streetLength(net); math.Abs(got-tc.wantStreetM) > 1e-6 {
				t.Errorf("street pipe %.3f m, want %.0f m", got, tc.wantStreetM)
			}
			if got := offStreetLength(net); math.Abs(got-tc.wantTreeOffM) > 0.1 {
				t.Errorf("off-street pipe in the tree %.3f m, want %.3f m", got, tc.wantTreeOffM)
			}
			if math.Abs(u.OffStreetReusedM-tc.wantOffReusedM) > 0.1 || math.Abs(u.OffStreetTooSmallM-tc.wantOffTooSmallM) > 0.1 {
				t.Errorf("off-street reused %.3f m, too small %.3f m; want %.3f and %.3f", u.OffStreetReusedM, u.OffStreetTooSmallM, tc.wantOffReusedM, tc.wantOffTooSmallM)
			}
			if math.Abs(u.ReusedM-u.OffStreetReusedM) > 1e-9 || math.Abs(u.TooSmallM-u.OffStreetTooSmallM) > 1e-9 {
				t.Errorf("reused %.3f m, too small %.3f m: want the off-street figures, nothing runs along a street", u.ReusedM, u.TooSmallM)
			}
			if (len(u.Unmatched) == 1) != tc.wantUnmatched {
				t.Errorf("unmatched %v, want unmatched %v", u.Unmatched, tc.wantUnmatched)
			}
			wantCost := tc.wantCostM * 500
			if tc.wantTooSmall {
				wantCost = (10 + u.OffStreetTooSmallM) * 500
			}
			if math.Abs(net.Totals.CostEUR-wantCost) > 1e-6 {
				t.Errorf("cost %.2f euro, want %.2f", net.Totals.CostEUR, wantCost)
			}
			if math.Abs(u.SavingEUR-u.OffStreetReusedM*500) > 1e-6 {
				t.Errorf("saving %.2f euro, want %.3f m x 500", u.SavingEUR, u.OffStreetReusedM)
			}
			for _, s := range net.Segments {
				if s.Kind == "offstreet" && (!s.ExistingOffStreet || s.ExistingM != s.LengthM || s.Existing != tc.pipe.ID || s.ExistingTooSmall != tc.wantTooSmall) {
					t.Errorf("off-street segment %+v", s)
				}
			}
			// The certificate: the optimum is known, the weight of the
			// priced metres in the round's prices (the reused pipe weighs
			// nothing); the bound never lies above the tree's weight.
			if !(net.SteinerLowerBound <= net.SteinerWeight*(1+1e-9)) || math.IsNaN(net.SteinerGap) {
				t.Errorf("weight %v, lower bound %v, gap %v", net.SteinerWeight, net.SteinerLowerBound, net.SteinerGap)
			}
			if !tc.wantTooSmall && tc.wantStreetM == 0 && math.Abs(net.SteinerWeight-10*500) > 1e-6 {
				t.Errorf("tree weight %v, want the source link and service pipe, %v", net.SteinerWeight, 10*500.0)
			}
			again, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(net.Segments, again.Segments) || !reflect.DeepEqual(net.Existing, again.Existing) {
				t.Errorf("a second route differs")
			}
		})
	}
}

// TestExistingHeatLossAtExistingDN: on detourStreets a DN150 pipe along
// the detour's 100 m top is reused at 10 kW (sized DN20); the top then
// loses heat as DN150 does, the detour's 20 m of legs as DN20. By hand from the Steel-S1 coefficients and
// the default design temperatures (75/45 C supply/return, ground 10 C):
// DN150 loses (U1 - U2)(Ts + Tr - 2 Tg) = (0.4210 - 0.02016) x 100 =
// 40.084 W/m, DN20 (0.1426 - 0.00364) x 100 = 13.896 W/m; over 100 m and
// 8760 h that is 126.41 against 43.82 GJ/yr on the top. A DN175, not in the
// catalogue, is interpolated halfway between DN150 and DN200 (0.4577 -
// 0.02099 = 0.43671 W/m/K): 41.8775 W/m.
func TestExistingHeatLossAtExistingDN(t *testing.T) {
	const gjPerW = 8760 * 3600 / 1e9 // one watt for a year, GJ
	for _, tc := range []struct {
		dn     int
		lossWm float64
	}{{150, 40.084}, {175, 41.8775}} {
		t.Run(fmt.Sprintf("DN%d", tc.dn), func(t *testing.T) {
			streets, bs, o := detourStreets()
			o.Existing = []geodata.ExistingPipe{existingPipe("wn-1", tc.dn, 0, 10, 100, 10)}
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			var topM, topLoss, extra, total float64
			for _, s := range net.Segments {
				total += s.HeatLossGJ
				if s.ExistingM == 0 {
					continue
				}
				if s.DN != 20 || s.ExistingTooSmall || s.ExistingDN != tc.dn {
					t.Fatalf("segment on the pipe: DN%d, too small %v, existing DN%d", s.DN, s.ExistingTooSmall, s.ExistingDN)
				}
				topM += s.ExistingM
				// the segment's loss less that of its legs at DN20
				topLoss += s.HeatLossGJ - 13.896*(s.LengthM-s.ExistingM)*gjPerW
				extra += s.ExistingExtraLossGJ
			}
			if math.Abs(topM-100) > 1e-6 {
				t.Fatalf("%.3f m on the existing pipe, want the top's 100 m", topM)
			}
			if want := tc.lossWm * 100 * gjPerW; math.Abs(topLoss-want) > 1e-6 {
				t.Errorf("heat loss of the top %.4f GJ/yr, want %.4f (DN%d)", topLoss, want, tc.dn)
			}
			if want := (tc.lossWm - 13.896) * 100 * gjPerW; math.Abs(extra-want) > 1e-6 || math.Abs(net.Existing.HeatLossExtraGJ-want) > 1e-6 {
				t.Errorf("extra heat loss %.4f (segments) and %.4f (ExistingUse) GJ/yr, want %.4f", extra, net.Existing.HeatLossExtraGJ, want)
			}
			if math.Abs(total-net.Totals.HeatLossGJ) > 1e-9 {
				t.Errorf("segments lose %.4f GJ/yr, totals %.4f", total, net.Totals.HeatLossGJ)
			}
		})
	}
}

// TestExistingOffStreetCrossesAStreet: a DN150 pipe across the park of
// parkStreets from A to B crosses a street D along y = 30 (joined to C);
// it is cut where it comes within the buffer of D and joined to D there,
// so a second building on D, 20 m west of the crossing, is fed through the
// pipe's southern half and 20 m of D: new pipe is only those 20 m, the
// source link and two service pipes.
func TestExistingOffStreetCrossesAStreet(t *testing.T) {
	streets, bs, o := parkStreets(10)
	streets = append(streets, line("D", "residential", -50, 30, 200, 30))
	bs = append(bs, warmtenet.Building{ID: "d", Point: orb.Point{-20, 35}, PeakKW: 10, AnnualGJ: 30})
	o.Existing = []geodata.ExistingPipe{existingPipe("park", 150, 0, 0, 0, 60)}
	net, err := warmtenet.Route(context.Background(), streets, bs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	u := net.Existing
	if math.Abs(u.OffStreetM-60) > 0.1 || u.OffStreetPieces != 6 {
		t.Errorf("off the streets %.3f m in %d pieces; want 60 m in 6 (two runs, each with its two links)", u.OffStreetM, u.OffStreetPieces)
	}
	if got := streetLength(net); math.Abs(got-20) > 1e-6 {
		t.Errorf("street pipe %.3f m, want the 20 m of D", got)
	}
	if math.Abs(u.OffStreetReusedM-60) > 0.1 || math.Abs(net.Totals.CostEUR-35*500) > 1e-6 {
		t.Errorf("off the streets %.3f m reused, cost %.2f euro; want 60 m and %v", u.OffStreetReusedM, net.Totals.CostEUR, 35*500.0)
	}
	if !(net.SteinerLowerBound <= net.SteinerWeight*(1+1e-9)) {
		t.Errorf("lower bound %v above the weight %v", net.SteinerLowerBound, net.SteinerWeight)
	}
}

// TestExistingOffStreetCrossing: two DN150 pipes in the park of
// parkStreets cross at (0, 40) with no vertex there. "noord" runs from A
// at (0, 0) north to (0, 45) and ends in the park, 15 m from B; "schuin"
// runs from B at (20, 60) straight to (-20, 20), at 45 degrees to the
// streets, and ends in the park, 20 m from A. Neither reaches from street to street on its own, so without a
// join both would be dead ends and the building on B would be fed over
// 460 m of street. Joined at the crossing, the route runs up "noord" to
// (0, 40), along "schuin" to where it comes within 8 m of B (about (12,
// 52)), over its link to B and 12 m of B west to the building: new pipe
// is those 12 m, the source link and the service pipe. The pieces beyond
// the crossing (north of it on "noord", south-west of it on "schuin")
// lead nowhere and are dropped. When "noord" stops at (0, 35), short of
// "schuin", nothing joins and the streets are the route.
func TestExistingOffStreetCrossing(t *testing.T) {
	schuinToCross := math.Hypot(12, 12) + 8 // (0,40) to (12,52), its link to B
	cases := []struct {
		name             string
		noordTo          float64
		wantStreetM      float64
		wantOffM         float64
		wantPieces       int
		wantUnmatchedLen int
	}{
		{"crossing", 45, 12, 40 + schuinToCross, 4, 0},
		{"apart", 35, 460, 0, 0, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streets, bs, o := parkStreets(10)
			o.Existing = []geodata.ExistingPipe{
				existingPipe("noord", 150, 0, 0, 0, tc.noordTo),
				existingPipe("schuin", 150, 20, 60, -20, 20),
			}
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, net)
			u := net.Existing
			// The run leaves B's buffer at the sample step (1 m) nearest
			// to where "schuin" crosses y = 52: the street metres are 12 to
			// within that step.
			street := streetLength(net)
			if math.Abs(street-tc.wantStreetM) > 1 {
				t.Errorf("street pipe %.3f m, want %.0f m", street, tc.wantStreetM)
			}
			if math.Abs(u.OffStreetM-tc.wantOffM) > 1 || u.OffStreetPieces != tc.wantPieces {
				t.Errorf("off the streets %.3f m in %d pieces, want %.3f m in %d", u.OffStreetM, u.OffStreetPieces, tc.wantOffM, tc.wantPieces)
			}
			// Everything added off the streets is used, and reused.
			if off := offStreetLength(net); math.Abs(off-u.OffStreetM) > 1e-6 || math.Abs(u.OffStreetReusedM-u.OffStreetM) > 1e-6 {
				t.Errorf("off the streets added %.3f m, in the tree %.3f m, reused %.3f m", u.OffStreetM, off, u.OffStreetReusedM)
			}
			if len(u.Unmatched) != tc.wantUnmatchedLen {
				t.Errorf("unmatched %v, want %d pipes", u.Unmatched, tc.wantUnmatchedLen)
			}
			if want := (street + 10) * 500; math.Abs(net.Totals.CostEUR-want) > 1e-6 {
				t.Errorf("cost %.2f euro, want the street, source link and service pipe, %.2f", net.Totals.CostEUR, want)
			}
			used := map[string]bool{}
			for _, s := range net.Segments {
				if s.Kind == "offstreet" {
					used[s.Existing] = true
				}
			}
			if tc.wantPieces > 0 && !(used["noord"] && used["schuin"]) {
				t.Errorf("off-street segments on %v, want both pipes", used)
			}
			if !(net.SteinerLowerBound <= net.SteinerWeight*(1+1e-9)) || math.Abs(net.SteinerWeight-(street+10)*500) > 1e-6 {
				t.Errorf("weight %v, lower bound %v; want the weight of the priced metres, %v", net.SteinerWeight, net.SteinerLowerBound, (street+10)*500)
			}
		})
	}
}

// TestExistingOffStreetCrossesAStreetObliquely: as
// TestExistingOffStreetCrossesAStreet, but the DN150 pipe runs at 45
// degrees from A at (0, 0) to B at (60, 60), crossing D at (30, 30) with
// no vertex there; at 45 degrees it does not run along D (30 at most), so
// it is off the streets apart from where it lies within a buffer (of A,
// D and B), and each of its two runs joins the streets at both ends,
// where it enters a buffer, over a link to the nearest street point: (8, 8) to A at (8, 0), (22,
// 22) to D at (22, 30), (38, 38) to D at (38, 30), (52, 52) to B at (52,
// 60). So D is joined at 22 and 38, 8 m either side of the crossing, not
// at it: the tree takes 8 m of A, 16 m of D between the links, 42 m of D
// west to the building on it and 52 m of B west to the building on B,
// 118 m of street (to within the 1 m sampling step at each of the four
// buffer edges), and 3 x 8 m links plus the runs, all reused.
func TestExistingOffStreetCrossesAStreetObliquely(t *testing.T) {
	streets, bs, o := parkStreets(10)
	streets = append(streets, line("D", "residential", -50, 30, 200, 30))
	bs = append(bs, warmtenet.Building{ID: "d", Point: orb.Point{-20, 35}, PeakKW: 10, AnnualGJ: 30})
	o.Existing = []geodata.ExistingPipe{existingPipe("schuin", 150, 0, 0, 60, 60)}
	net, err := warmtenet.Route(context.Background(), streets, bs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, net)
	u := net.Existing
	runs := (14 + 16) * math.Sqrt2 // (8,8)-(22,22) and (38,38)-(52,52)
	if math.Abs(u.OffStreetM-(runs+4*8)) > 3 || u.OffStreetPieces != 6 {
		t.Errorf("off the streets %.3f m in %d pieces; want %.1f m in 6 (two runs, each with its two links)", u.OffStreetM, u.OffStreetPieces, runs+4*8)
	}
	if got := streetLength(net); math.Abs(got-118) > 2 {
		t.Errorf("street pipe %.3f m, want about 118 m", got)
	}
	if math.Abs(u.OffStreetReusedM-u.OffStreetM) > 1e-6 || u.MatchedM != 0 {
		t.Errorf("off the streets %.3f m added, %.3f m reused, %.3f m matched along a street; want all reused, none matched", u.OffStreetM, u.OffStreetReusedM, u.MatchedM)
	}
	if !(net.SteinerLowerBound <= net.SteinerWeight*(1+1e-9)) {
		t.Errorf("lower bound %v above the weight %v", net.SteinerLowerBound, net.SteinerWeight)
	}
	t.Logf("street %.3f m, off the streets %.3f m in %d pieces", streetLength(net), u.OffStreetM, u.OffStreetPieces)
}
