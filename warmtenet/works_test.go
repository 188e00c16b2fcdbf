package warmtenet_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/netfixture"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// flatPrice prices every DN at 500 euro per metre, so that the tree's
// cost is its priced length times 500 and the right answer is known.
func flatPrice(int) float64 { return 500 }

// detourStreets is a source at (0,-5) and a building at (100,-5), joined
// by a direct street of 100 m along y = 0 and by a detour of 120 m
// (up 10 m, 100 m along y = 10, down 10 m). Works along y = 10 lie 10 m
// from the direct street, beyond the 8 m buffer.
func detourStreets() ([]geodata.Street, []warmtenet.Building, warmtenet.Options) {
	streets := []geodata.Street{
		line("direct", "residential", 0, 0, 100, 0),
		line("detour", "residential", 0, 0, 0, 10, 100, 10, 100, 0),
	}
	bs := []warmtenet.Building{{ID: "b", Point: orb.Point{100, -5}, PeakKW: 10, AnnualGJ: 30}}
	o := warmtenet.Options{Catalogue: netfixture.Catalogue(), PipeCost: flatPrice,
		Sources: []warmtenet.Source{{Name: "bron", Point: orb.Point{0, -5}}}}
	return streets, bs, o
}

var sewerAlongDetour = geodata.Work{ID: "riool-1", Kind: geodata.WorkRiolering, Year: 2028,
	Geometry: orb.LineString{{0, 10}, {100, 10}}}

// TestWorksSteerTheRoute: the detour is 20 m longer, and 100 m of it lie
// along the works. With share s its priced length is 20 + 100 (1 - s)
// against 100 for the direct street, so the router takes it exactly when
// s > 0.2 (ignoring the part of the short legs within the buffer, which
// only makes the detour cheaper).
func TestWorksSteerTheRoute(t *testing.T) {
	cases := []struct {
		name       string
		works      []geodata.Work
		share      float64
		wantDetour bool
	}{
		{"no works", nil, 0.49, false},
		{"share 0", []geodata.Work{sewerAlongDetour}, 0, false},
		{"share 0.1: saving below the extra 20 m", []geodata.Work{sewerAlongDetour}, 0.1, false},
		{"share 0.49: saving above the extra 20 m", []geodata.Work{sewerAlongDetour}, 0.49, true},
		{"works as a polygon over the detour", []geodata.Work{{ID: "plein", Kind: geodata.WorkHerinrichting, Year: 2030,
			Geometry: orb.Polygon{{{-3, 8.5}, {103, 8.5}, {103, 14}, {-3, 14}, {-3, 8.5}}}}}, 0.49, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streets, bs, o := detourStreets()
			o.Works, o.WorksShare = tc.works, tc.share
			net, err := warmtenet.Route(context.Background(), streets, bs, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, net)
			street := 0.0
			for _, s := range net.Segments {
				if s.Kind == "street" {
					street += s.LengthM
				}
			}
			wantLen := 100.0
			if tc.wantDetour {
				wantLen = 120
			}
			if math.Abs(street-wantLen) > 1e-6 {
				t.Fatalf("street pipe %.3f m, want %.0f m (detour %v)", street, wantLen, tc.wantDetour)
			}
			tot := net.Totals
			if !tc.wantDetour {
				if tot.WorksM != 0 || tot.WorksSavingEUR != 0 {
					t.Errorf("direct street shares %v m, saves %v euro; want 0", tot.WorksM, tot.WorksSavingEUR)
				}
				return
			}
			// 100 m along the top plus the part of each 10 m leg within
			// the buffer.
			if tot.WorksM < 100 || tot.WorksM > 120 {
				t.Errorf("shared trench %.2f m, want 100-120 m (the top and part of the legs)", tot.WorksM)
			}
			full := (120 + 10) * 500.0 // street + source link + service, unreduced
			if d := tot.CostEUR + tot.WorksSavingEUR - full; math.Abs(d) > 1e-6 {
				t.Errorf("cost %.2f + saving %.2f = %.2f, want the unreduced %.2f", tot.CostEUR, tot.WorksSavingEUR, tot.CostEUR+tot.WorksSavingEUR, full)
			}
			if want := tot.WorksM * tc.share * 500; math.Abs(tot.WorksSavingEUR-want) > 1e-6 {
				t.Errorf("saving %.2f euro, want shared m x share x price = %.2f", tot.WorksSavingEUR, want)
			}
			for _, s := range net.Segments {
				if s.WorksM > 0 && s.Work != tc.works[0].ID {
					t.Errorf("segment along the works names work %q, want %q", s.Work, tc.works[0].ID)
				}
			}
		})
	}
}

func TestWorksBadShare(t *testing.T) {
	streets, bs, o := detourStreets()
	for _, s := range []float64{-0.1, 1, math.NaN()} {
		o.WorksShare = s
		if _, err := warmtenet.Route(context.Background(), streets, bs, o); err == nil {
			t.Errorf("share %v: no error", s)
		}
	}
}
