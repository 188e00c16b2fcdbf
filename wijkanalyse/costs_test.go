package wijkanalyse

import (
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// TestPricerParams: every parameter the pricer reads by id exists and
// reads what kosten's Get reads, with overrides too; buildingSides counts
// dwellings in an array of one slot per label plus one.
func TestPricerParams(t *testing.T) {
	if len(kosten.Labels) != 8 {
		t.Fatalf("kosten has %d labels; buildingSides counts 8", len(kosten.Labels))
	}
	over, err := kosten.Defaults().WithOverrides(strings.NewReader("name,value,unit\ninst.hp_ground.om,0.02,1/yr\nlife.network,40,yr\n"), "o.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*kosten.Params{kosten.Defaults(), over} {
		pr := newPricer(p)
		for k, name := range pparamNames {
			prm, err := p.Get(name)
			if err != nil {
				t.Fatalf("pparam %d: %v", k, err)
			}
			for range 2 {
				if got := pr.pb(pparam(k)); got != prm.Band {
					t.Errorf("%s: %+v, want %+v", name, got, prm.Band)
				}
			}
		}
		if pr.err != nil {
			t.Fatal(pr.err)
		}
	}
	if pr := newPricer(over); pr.pv(ppLifeNetwork) != 40 {
		t.Error("overrides not read by id")
	}
	if iv := over.Installation(kosten.InstHPGround, 4); iv.OM != 0.02 {
		t.Errorf("hp_ground with inst.hp_ground.om overridden to 0.02: OM %v", iv.OM)
	}
}

// TestPipeYear: pipeYear with its constants kept equals the annualised
// pipe priced from the parameters each time, as it was before.
func TestPipeYear(t *testing.T) {
	for _, p := range []*kosten.Params{kosten.Defaults(), mustProfile(t, kosten.ProfileHestia)} {
		pr := newPricer(p)
		year := int(pr.v("eval.base_year"))
		capital, om := 1.0, 1.0
		if li, err := p.LearningIndex(kosten.LearnMTNet, year); err == nil {
			capital = li.Value
		}
		if li, err := p.LearningIndex(kosten.LearnOM, year); err == nil {
			om = li.Value
		}
		for _, c := range []Band{{Value: 1234.5, Min: 1000, Max: 1500}, {Value: 98765.4321, Min: 98765.4321, Max: 98765.4321}, {Value: 3, Min: 2, Max: 7}} {
			k := kosten.Annualise(euro(c.Scale(capital)), pr.v("discount.national"), int(pr.v("life.network")), int(pr.v("eval.start")), int(pr.v("eval.end")))
			want := float64(k.Value) + c.Value*pr.v("om.pipes_secondary")*om
			for range 2 {
				if got := pr.pipeYear(c); got != want {
					t.Errorf("%+v: %v, want %v", c, got, want)
				}
			}
		}
	}
}

// TestServiceViewsKept: the service pipe views kept for the last two
// pipes equal a fresh pricing, and another pipe is priced anew.
func TestServiceViewsKept(t *testing.T) {
	pr := newPricer(kosten.Defaults())
	a, b := Band{Value: 5000, Min: 4000, Max: 6000}, Band{Value: 7000, Min: 6500, Max: 9000}
	va := pr.serviceViews(a)
	if va.national.Value <= 0 || va.company.Value <= 0 {
		t.Fatalf("service pipe views %+v", va)
	}
	if pr.serviceViews(a) != va {
		t.Error("kept views differ")
	}
	vb := pr.serviceViews(b)
	if vb == va || vb != newPricer(kosten.Defaults()).serviceViews(b) {
		t.Errorf("another pipe: %+v", vb)
	}
	c := Band{Value: 100, Min: 90, Max: 120}
	for range 3 {
		if pr.serviceViews(a) != va || pr.serviceViews(b) != vb {
			t.Error("kept views differ")
		}
	}
	if vc := pr.serviceViews(c); vc != newPricer(kosten.Defaults()).serviceViews(c) || pr.serviceViews(b) != vb || pr.serviceViews(a) != va {
		t.Error("a third pipe")
	}
	if pr.serviceViews(Band{}) != (views{}) {
		t.Error("no pipe priced")
	}
}

func mustProfile(t *testing.T, name string) *kosten.Params {
	t.Helper()
	p, err := kosten.Profile(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
