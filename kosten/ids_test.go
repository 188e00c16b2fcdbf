package kosten

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestPidNames: every parameter read by id names a parameter of the
// table, once, and reads what the name reads, in the defaults and in a
// set with overrides and in a Monte Carlo draw.
func TestPidNames(t *testing.T) {
	seen := map[string]pid{}
	for id, name := range pidNames {
		if name == "" {
			t.Fatalf("pid %d has no name", id)
		}
		if prev, dup := seen[name]; dup {
			t.Errorf("%s: pid %d and %d", name, prev, id)
		}
		seen[name] = pid(id)
	}
	over, err := Defaults().WithOverrides(strings.NewReader("name,value,min,max,unit\ngas.energy_content,35,,,MJ/m3\npipe.cedelft.dt30.max.b,0.7,,,1\ninst.hp_ground.om,0.02,,,1/yr\n"), "o.csv")
	if err != nil {
		t.Fatal(err)
	}
	draw, err := NewSampler(Defaults()).Draw(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*Params{Defaults(), over, draw} {
		for id, name := range pidNames {
			if got, want := p.band(pid(id)), p.bandNamed(name); got != want {
				t.Errorf("%s: by id %+v, by name %+v", name, got, want)
			}
		}
	}
	if over.value(pGasEnergyContent) != 35 || over.value(cedelftID(2, cedelftMaxB)) != 0.7 || over.value(instID(InstHPGround, instOM)) != 0.02 {
		t.Error("overrides not read by id")
	}
}

// TestInstallation: Params.Installation, the public pricing of an
// installation, is the low and high fit of its inst.<name>.* parameters
// at the peak, with their lifetime, O&M and the kind's learning curve, in
// the defaults and with an override.
func TestInstallation(t *testing.T) {
	over, err := Defaults().WithOverrides(strings.NewReader("name,value,unit\ninst.hp_ground.om,0.02,1/yr\n"), "o.csv")
	if err != nil {
		t.Fatal(err)
	}
	kinds := []struct {
		in          Installation
		name, learn string
	}{
		{InstHRBoiler, "hr_boiler", LearnNone},
		{InstHPAir, "hp_air", LearnHeatPump},
		{InstHPGround, "hp_ground", LearnHeatPump},
		{InstHPHybrid, "hp_hybrid", LearnHybrid},
		{InstH2Boiler, "h2_boiler", LearnNone},
	}
	if len(kinds) != int(numInstallations) {
		t.Fatalf("%d installations, the test knows %d", numInstallations, len(kinds))
	}
	for _, p := range []*Params{Defaults(), over} {
		for _, k := range kinds {
			v := func(suffix string) float64 {
				prm, err := p.Get("inst." + k.name + suffix)
				if err != nil {
					t.Fatal(err)
				}
				return prm.Value
			}
			const peak = 7.5
			want := Investment{Name: k.name,
				Cost:     Span(Euro(v(".low.eur_per_asl")+v(".low.eur_per_kw")*peak), Euro(v(".high.eur_per_asl")+v(".high.eur_per_kw")*peak)),
				Lifetime: int(v(".lifetime")), OM: v(".om"), Payer: PayerOwner, VAT: VATStandard, Part: PartInstallation, Learning: k.learn}
			got := p.Installation(k.in, peak)
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("%s: %+v, want %+v", k.name, got, want)
			}
			if !(got.Cost.Min > 0) || got.Cost.Max < got.Cost.Min || got.Lifetime <= 0 {
				t.Errorf("%s: cost %+v, lifetime %d", k.name, got.Cost, got.Lifetime)
			}
		}
	}
	if iv := over.Installation(InstHPGround, 4); iv.OM != 0.02 {
		t.Errorf("hp_ground with inst.hp_ground.om 0.02: OM %v", iv.OM)
	}
}

// TestLearningHeldPerParams: the learning indices each Params holds for
// eval.base_year equal LearningIndex computed from the table, and
// learnGroupIndex finds every group.
func TestLearningHeldPerParams(t *testing.T) {
	for g, group := range learnGroups {
		if learnGroupIndex(group) != g {
			t.Errorf("learnGroupIndex(%q) = %d, want %d", group, learnGroupIndex(group), g)
		}
	}
	if learnGroupIndex("no such group") != -1 {
		t.Error("unknown group found")
	}
	// base year 2035 held by q; the defaults (base year 2020) compute it
	q, err := Defaults().WithOverrides(strings.NewReader("name,value,unit\neval.base_year,2035,year\n"), "y.csv")
	if err != nil {
		t.Fatal(err)
	}
	for g, group := range learnGroups {
		if !q.learnBase[g].ok {
			t.Fatalf("%s: no index at 2035", group)
		}
		want, err := Defaults().LearningIndex(group, 2035)
		if err != nil {
			t.Fatal(err)
		}
		got, err := q.LearningIndex(group, 2035)
		if err != nil || got != want || q.learnBase[g].index != want {
			t.Errorf("%s at 2035: %+v (held %+v), want %+v", group, got, q.learnBase[g].index, want)
		}
		if want == Point(1.0) {
			t.Errorf("%s at 2035: index 1, the test shows nothing", group)
		}
	}
}

// TestRememberedFactors: the annuity factors and levelised prices a
// Params remembers equal a fresh computation, on first and later use.
func TestRememberedFactors(t *testing.T) {
	p, err := Defaults().WithOverrides(strings.NewReader("name,value,min,max,unit\ndiscount.landlord,0.05,0.03,0.07,fraction\n"), "r.csv")
	if err != nil {
		t.Fatal(err)
	}
	s, e, base := p.evalWindow()
	for slot := range numRateSlots {
		r := p.rate(slot)
		for end := range numEnds {
			rate := r.end(end)
			for life := range maxAnnuityLife + 3 {
				want := NcwAnnuity(rate, s, e)
				if life > 0 {
					want = Annuity(rate, life)
				}
				for range 2 {
					if got := p.annuityFactor(r, end, life); got != want {
						t.Fatalf("rate %d end %d life %d: %v, want %v", slot, end, life, got, want)
					}
				}
			}
			for _, c := range levelCarriers {
				for _, class := range levelClasses {
					want := Levelise(rate, s, e, func(t int) float64 {
						pr, err := p.EnergyPrice(c, class, base+t)
						if err != nil {
							panic(err)
						}
						return pr.EndUser()
					})
					for range 2 {
						got, err := p.levelised(c, class, r, end, EnergyPrice.EndUser)
						if err != nil {
							t.Fatal(err)
						}
						if math.Abs(got-want) > 1e-12*math.Abs(want) {
							t.Errorf("%s %s rate %v: %v, want %v", c, class, rate, got, want)
						}
					}
				}
			}
		}
	}
	if r := p.rate(rateLandlord); r.Min != 0.03 || r.Value != 0.05 || r.Max != 0.07 {
		t.Errorf("landlord rate %+v", r.Band)
	}
}

// TestOptionNames: the names the builders take from tables are the ones
// they spelled out before.
func TestOptionNames(t *testing.T) {
	p := Defaults()
	checked := 0
	for _, l := range Labels {
		d := Dwelling{Type: RijwoningTussen, Period: Bouwperioden[2], Label: l, Area: 90, Peak: 6}
		for _, kind := range hpKinds {
			o, err := p.HeatPump(d, kind, LabelB)
			if errors.Is(err, ErrNoData) {
				continue // Vesta defines no jump from this label
			}
			if err != nil {
				t.Fatal(err)
			}
			checked++
			if want := fmt.Sprintf("%s, insulate to %s", kind, better(l, LabelB)); o.Name != want {
				t.Errorf("%q, want %q", o.Name, want)
			}
			if l.Rank() < LabelB.Rank() && o.Investments[0].Name != fmt.Sprintf("insulation %s->%s", l, LabelB) {
				t.Errorf("insulation named %q", o.Investments[0].Name)
			}
		}
		for _, lt := range []bool{false, true} {
			o, err := p.HeatNetworkConnection(d, LabelD, lt, Band[Euro]{})
			if errors.Is(err, ErrNoData) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			name := "heat network MT"
			if lt {
				name = "heat network LT"
			}
			checked++
			if want := fmt.Sprintf("%s, insulate to %s", name, better(l, LabelD)); o.Name != want {
				t.Errorf("%q, want %q", o.Name, want)
			}
		}
		for _, hybrid := range []bool{false, true} {
			base, err := p.gasGridBase(d, hybrid)
			if err != nil {
				t.Fatal(err)
			}
			gg, err := p.GreenGas(d, hybrid)
			if err != nil {
				t.Fatal(err)
			}
			h2, err := p.Hydrogen(d, hybrid)
			if err != nil {
				t.Fatal(err)
			}
			if gg.Name != "groengas, "+base.Name || h2.Name != "waterstof, "+base.Name {
				t.Errorf("%q, %q after %q", gg.Name, h2.Name, base.Name)
			}
		}
	}
	if checked < 16 {
		t.Errorf("only %d options built", checked)
	}
}
