package kosten

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

func TestTriangular(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		u, a, c, b, w float64
	}{
		{"lower end", 0, 1, 2, 4, 1},
		{"upper end", 1, 1, 2, 4, 4},
		{"at the mode", 1.0 / 3, 1, 2, 4, 2},
		{"mode at the lower end", 0.75, 0, 0, 1, 0.5},
		{"mode at the upper end", 0.25, 0, 1, 1, 0.5},
		{"no band", 0.3, 5, 5, 5, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Triangular(tc.u, tc.a, tc.c, tc.b); math.Abs(got-tc.w) > 1e-12 {
				t.Errorf("Triangular(%g; %g, %g, %g) = %g, want %g", tc.u, tc.a, tc.c, tc.b, got, tc.w)
			}
		})
	}
}

func TestSamplerDraws(t *testing.T) {
	t.Parallel()
	base := Defaults()
	s := NewSampler(base)
	if len(s.Sampled()) == 0 || len(s.Held()) == 0 {
		t.Fatalf("%d sampled, %d held", len(s.Sampled()), len(s.Held()))
	}
	a, err := s.Draw(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Draw(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Draw(8, 3)
	if err != nil {
		t.Fatal(err)
	}
	differs := false
	// the draws are of the figures as published (All); Get would index
	// amounts of another price year to euro of PriceYear
	tables := map[*Params]map[string]Param{}
	published := func(p *Params, name string) Param {
		if tables[p] == nil {
			tables[p] = map[string]Param{}
			for _, r := range p.All() {
				tables[p][r.Name] = r
			}
		}
		return tables[p][name]
	}
	for _, v := range s.Sampled() {
		pa, pb, pc := published(a, v.Name), published(b, v.Name), published(c, v.Name)
		if math.Float64bits(pa.Value) != math.Float64bits(pb.Value) {
			t.Errorf("%s: same seed and index give %v and %v", v.Name, pa.Value, pb.Value)
		}
		differs = differs || pa.Value != pc.Value
		if pa.Value < v.Min || pa.Value > v.Max || pa.Min != pa.Value || pa.Max != pa.Value {
			t.Errorf("%s: draw %+v outside [%g, %g] or not a point", v.Name, pa.Band, v.Min, v.Max)
		}
		if v.Partner != "" {
			if hi := published(a, v.Partner); hi.Value != pa.Value {
				t.Errorf("pair %s/%s drawn apart: %g, %g", v.Name, v.Partner, pa.Value, hi.Value)
			}
		}
		if v.Unit == "yr" && pa.Value != math.Round(pa.Value) {
			t.Errorf("%s: lifetime %g not whole", v.Name, pa.Value)
		}
	}
	if !differs {
		t.Error("seeds 7 and 8 give the same draw")
	}
	for _, name := range s.Held() {
		pb, _ := base.Get(name)
		pa, _ := a.Get(name)
		if pa != pb {
			t.Errorf("held %s changed: %+v -> %+v", name, pb, pa)
		}
	}
	if _, err := s.Draw(1, -1); !errors.Is(err, ErrDraws) {
		t.Errorf("draw -1: %v", err)
	}
}

// One factor per group: every parameter of a group sits at the same
// quantile of its own band.
func TestSamplerGroupsMoveTogether(t *testing.T) {
	t.Parallel()
	s := NewSampler(Defaults())
	groups := s.Groups()
	for i := range 5 {
		p, err := s.Draw(42, i)
		if err != nil {
			t.Fatal(err)
		}
		u := s.Factors(42, i)
		// the draws are of the figures as published (All); Get would
		// index amounts of another price year to euro of PriceYear
		published := map[string]Param{}
		for _, r := range p.All() {
			published[r.Name] = r
		}
		for _, v := range s.Sampled() {
			k := -1
			for g, name := range groups {
				if name == v.Group {
					k = g
				}
			}
			want := Triangular(u[k], v.Min, v.Mode, v.Max)
			if v.Unit == "yr" {
				want = math.Round(want)
			}
			if got := published[v.Name]; got.Value != want {
				t.Errorf("draw %d %s: %g, want the group %s quantile %g", i, v.Name, got.Value, v.Group, want)
			}
		}
	}
}

func TestGroupOf(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"pipe.edr.dn100": GroupPipes, "learning.mt_net.2030": GroupPipes, "inst.hp_air.low.eur_per_kw": GroupHeatPumps,
		"woning.tussenwoning.1930-1945.Ki_SBA_min_asl": GroupInsulation, "hn.lt.booster": GroupInBuilding,
		"hn.substation.os": GroupHeatNetwork, "discount.heat_company": GroupFinance, "foo.bar": "foo",
	} {
		if got := GroupOf(name); got != want {
			t.Errorf("GroupOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func ExampleSampler() {
	s := NewSampler(Defaults())
	fmt.Println(s.Groups())
	p, err := s.Draw(1, 0)
	if err != nil {
		panic(err)
	}
	prm, _ := p.Get("hn.substation.os")
	def, _ := Defaults().Get("hn.substation.os")
	fmt.Printf("hn.substation.os in [%g, %g]: %v\n", def.Min, def.Max, prm.Value >= def.Min && prm.Value <= def.Max)
	// Output:
	// [boilers energy_prices finance grid heat_network heat_pumps in_building insulation operation pipes sources space]
	// hn.substation.os in [120, 150]: true
}

// A draw patches the base dwelling table; it must equal the table built
// from the draw's rows.
func TestSamplerJumpTable(t *testing.T) {
	t.Parallel()
	s := NewSampler(Defaults())
	if !s.jumpsOnly {
		t.Fatal("the default table samples woning rows other than insulation jumps")
	}
	for i := range 3 {
		p, err := s.Draw(11, i)
		if err != nil {
			t.Fatal(err)
		}
		w, err := newWoningTable(p)
		if err != nil {
			t.Fatal(err)
		}
		if *w != *p.woningen {
			t.Fatalf("draw %d: patched dwelling table differs from the one built from its rows", i)
		}
	}
}
